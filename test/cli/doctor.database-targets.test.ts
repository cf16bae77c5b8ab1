// `npm run doctor` on each database the bot runs on: SQLite always, PostgreSQL where
// TEST_DATABASE_URL is set. A migrated database with a fresh heartbeat holds; one whose migrations
// have not run is named, migration by migration, and left as it was.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runDoctor } from "../../src/cli/run-doctor.ts";
import { createDatabase } from "../../src/store/create-database.ts";
import { createDeploymentFacts } from "../../src/store/deployment-facts.ts";
import { migrations } from "../../src/store/migrations.ts";
import { checkDatabase } from "../../src/store/readiness.ts";
import { closedAfterEachTest, targetKinds } from "../store/database-targets.ts";

const NOW = new Date("2026-11-24T10:00:00Z");
const { fresh } = closedAfterEachTest();

// With a key set: PostgreSQL's local key file would be ./data's, outside the test's own folders.
async function doctorOn(url: string) {
  const out: string[] = [];
  const code = await runDoctor({ argv: ["--json"], env: { DATABASE_URL: url, REFERRAL_KEY: randomBytes(32).toString("base64") }, now: () => NOW, stdout: (text) => out.push(text), stderr: () => undefined, fetch: globalThis.fetch, packageFile: "no-such-package.zip" });
  return { code, report: JSON.parse(out.join("\n")) as { ok: boolean; checks: { id: string; state: string; summary: string }[] } };
}

describe.each(targetKinds)("npm run doctor on $dialect", ({ dialect, skip, fresh: make }) => {
  it.skipIf(skip)("a migrated database with a fresh heartbeat: every check holds", async () => {
    const target = await fresh(make);
    const database = await createDatabase(target.url);
    await checkDatabase(database, NOW.getTime() - 5_000);
    await database.close();
    const { code, report } = await doctorOn(target.url);
    expect(report.checks.filter((check) => check.state === "failed" || check.state === "warning")).toEqual([]);
    expect(code).toBe(0);
    expect(report.checks.find((check) => check.id === "database")?.summary).toContain(dialect === "sqlite" ? "the SQLite file" : "PostgreSQL at");
  });

  it.skipIf(skip || dialect === "sqlite")("a database whose migrations have not run is named and left as it was", async () => {
    const target = await fresh(make);
    const { code, report } = await doctorOn(target.url);
    expect(code).toBe(1);
    expect(report.checks.find((check) => check.id === "migrations")).toMatchObject({ state: "failed", summary: `${Object.keys(migrations).length} migrations not run: ${Object.keys(migrations).join(", ")}` });
    const untouched = await createDatabase(target.url, { migrate: false });
    expect(await createDeploymentFacts(untouched).pendingMigrations()).toEqual(Object.keys(migrations));
    await untouched.close();
  });
});
