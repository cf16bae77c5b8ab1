// Issue 8, point 13: a database that cannot be opened stops start-up naming DATABASE_URL, and never
// prints its password.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { composeApp } from "../../src/compose-app.ts";

async function startWith(databaseUrl: string): Promise<ConfigError> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const error = await composeApp({ config, logger: pino({ level: "silent" }) }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe("a database that cannot be opened", () => {
  it("PostgreSQL that refuses the connection: names DATABASE_URL, hides the password", async () => {
    const error = await startWith("postgres://bot:s3cret-pass@127.0.0.1:1/safeguard");
    expect(error.message).toMatch(/DATABASE_URL \(postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/safeguard\): the database could not be opened/);
    expect(error.message).not.toContain("s3cret-pass");
  });

  it("a SQLite path that cannot be created (its folder is a file): names DATABASE_URL", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "bad-db-")), "not-a-folder");
    writeFileSync(file, "");
    const error = await startWith(join(file, "bot.sqlite"));
    expect(error.message).toContain(`DATABASE_URL (${join(file, "bot.sqlite")}): the database could not be opened: `);
  });
});
