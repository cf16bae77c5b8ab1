// checkDatabase: ready means a write was committed, and a refusal is named by its code.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, DEFAULT_POSTGRES_LIMITS, createDatabase } from "../../src/store/create-database.ts";
import { checkDatabase } from "../../src/store/readiness.ts";
import { startBlackHoleProxy, throughProxy } from "../support/black-hole-proxy.ts";
import { closedAfterEachTest, freshPostgresSchema, freshSqliteFile, targetKinds } from "./database-targets.ts";

const databases = closedAfterEachTest();
const open = (url: string, postgresLimits = DEFAULT_POSTGRES_LIMITS): Promise<Database> => databases.open(url, { postgresLimits });
const fresh = databases.fresh;

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`${kind.dialect}`, () => {
    it("is ready once a write is committed, and keeps one heartbeat row holding the last check's time", async () => {
      const database = await open((await fresh(kind.fresh)).url);
      expect(await checkDatabase(database, 1_000)).toEqual({ state: "ok" });
      expect(await checkDatabase(database, 2_000)).toEqual({ state: "ok" });
      expect(await database.db.selectFrom("readiness_heartbeat").selectAll().execute()).toEqual([{ id: 1, at: 2_000 }]);
    });
  });
}

describe("SQLite", () => {
  it("in memory: ready, with no file to look for", async () => {
    expect(await checkDatabase(await open(":memory:"), 1_000)).toEqual({ state: "ok" });
  });

  it("a connection that refuses writes is not ready, naming SQLITE_READONLY; it is ready again once it writes", async () => {
    const database = await open((await fresh(freshSqliteFile)).url);
    await sql`PRAGMA query_only = ON`.execute(database.db);
    expect(await checkDatabase(database, 1_000)).toEqual({ state: "failed", reason: "write failed (SQLITE_READONLY)" });
    await sql`PRAGMA query_only = OFF`.execute(database.db);
    expect(await checkDatabase(database, 2_000)).toEqual({ state: "ok" });
  });
});

describe.skipIf(targetKinds.find((kind) => kind.dialect === "postgres")?.skip ?? true)("PostgreSQL", () => {
  // What a standby answers after a failover leaves the service pointing at it.
  it("a read-only session is not ready, naming SQLSTATE 25006 (read_only_sql_transaction)", async () => {
    const target = await fresh(() => freshPostgresSchema(process.env.TEST_DATABASE_URL ?? ""));
    await (await createDatabase(target.url)).close(); // migrated while writable
    const readOnly = new URL(target.url);
    readOnly.searchParams.set("options", `${readOnly.searchParams.get("options") ?? ""} -c default_transaction_read_only=on`);
    expect(await checkDatabase(await open(readOnly.toString()), 1_000)).toEqual({ state: "failed", reason: "write failed (25006)" });
  });

  // Behind a black hole: the first check waits on the connection the pool already holds, the
  // second on a new one that never completes its start-up. pg's own errors have no code, so they
  // are named from a fixed list.
  it("a database that never answers: named as no answer in time, then as a connect that timed out", async () => {
    const target = await fresh(() => freshPostgresSchema(process.env.TEST_DATABASE_URL ?? ""));
    const { hostname, port } = new URL(target.url);
    // Migrated first with the usual limits: under a loaded machine a migration can take longer than
    // the 200 ms the black-hole checks below use, which is not what this test is about.
    await (await open(target.url)).close();
    const proxy = await startBlackHoleProxy({ host: hostname, port: Number(port || 5432) });
    const database = await open(throughProxy(target.url, proxy), { connectMs: 300, statementMs: 200, queryMs: 300 });
    proxy.blackHole();
    try {
      expect(await checkDatabase(database, 1_000)).toEqual({ state: "failed", reason: "write failed (no answer in time)" });
      expect(await checkDatabase(database, 2_000)).toEqual({ state: "failed", reason: "write failed (connect timed out)" });
    } finally {
      await proxy.close();
    }
  });
});
