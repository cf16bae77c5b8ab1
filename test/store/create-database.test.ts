// createDatabase: which database a URL opens, how SQLite is tuned, and that migrations run once.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { MigrationError, migrateToLatest, migrations } from "../../src/store/migrations.ts";
import { closedAfterEachTest, freshPostgresSchema, freshSqliteFile, targetKinds } from "./database-targets.ts";

const databases = closedAfterEachTest();
const open = (url: string): Promise<Database> => databases.open(url);
const fresh = databases.fresh;

/** A pragma's value; its one column is not always named after it (busy_timeout answers "timeout"). */
async function pragma<T>(db: Kysely<T>, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(db);
  return Object.values(rows[0] ?? {})[0];
}

const sampleSession = { id: "kept", userId: "user-1", state: { step: "area" }, version: 1, createdAt: new Date(0), updatedAt: new Date(0), expiresAt: new Date(1) };

describe("SQLite", () => {
  it("creates the file's directory and opens it in WAL mode with the house pragmas", async () => {
    const target = await fresh(freshSqliteFile);
    const { db, dialect } = await open(target.url);
    expect(dialect).toBe("sqlite");
    expect(existsSync(dirname(target.url))).toBe(true);
    expect(await pragma(db, "journal_mode")).toBe("wal");
    expect(await pragma(db, "synchronous")).toBe(1); // NORMAL
    expect(await pragma(db, "foreign_keys")).toBe(1);
    expect(await pragma(db, "busy_timeout")).toBe(5000);
  });

  describe.skipIf(process.platform === "win32")("who may read the files", () => {
    const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

    it("makes the data folder 0700 and the database and its WAL files 0600", async () => {
      const target = await fresh(freshSqliteFile);
      const { db } = await open(target.url);
      await createCheckSessionRepository(db).create(sampleSession);
      expect(existsSync(`${target.url}-wal`)).toBe(true);
      expect({ folder: modeOf(dirname(target.url)), database: modeOf(target.url), wal: modeOf(`${target.url}-wal`), shm: modeOf(`${target.url}-shm`) }).toEqual({ folder: "700", database: "600", wal: "600", shm: "600" });
    });

    it("closes a database that others could read to them, and leaves a folder that was there as it was", async () => {
      const target = await fresh(freshSqliteFile);
      mkdirSync(dirname(target.url), { mode: 0o755 });
      chmodSync(dirname(target.url), 0o755);
      const before = await createDatabase(target.url);
      await before.close();
      chmodSync(target.url, 0o644);
      writeFileSync(`${target.url}-shm`, "");
      chmodSync(`${target.url}-shm`, 0o666);
      await open(target.url);
      expect({ folder: modeOf(dirname(target.url)), database: modeOf(target.url), shm: modeOf(`${target.url}-shm`) }).toEqual({ folder: "755", database: "600", shm: "600" });
    });
  });

  // Issue 10, point 5: the worker beside the bot is a second process on the file. A transaction
  // that read first (the outbox claim) was failed outright with "database is locked" when the other
  // process wrote between its read and its write; now it holds the write lock from BEGIN, and the
  // other process waits its turn (busy_timeout) instead.
  it("a transaction that reads, then writes, is not failed by another process writing in between", async () => {
    const target = await fresh(freshSqliteFile);
    const { db } = await open(target.url);
    const other = new SqliteDatabase(target.url);
    try {
      other.pragma("busy_timeout = 0"); // say at once whether it would have to wait
      const otherCould = await db.transaction().execute(async (trx) => {
        await trx.selectFrom("check_sessions").selectAll().execute();
        let wrote: boolean;
        try {
          other.prepare("insert into user_settings (user_id, updated_at) values ('someone-else', 0)").run();
          wrote = true;
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
          wrote = false;
        }
        await trx.insertInto("check_sessions").values({ id: "mine", user_id: "user-1", state: "{}", version: 1, created_at: 0, updated_at: 0, expires_at: 1 }).execute();
        return wrote;
      });
      expect(otherCould).toBe(false);
    } finally {
      other.close();
    }
  });

  it("works in memory", async () => {
    const { db } = await open(":memory:");
    const store = createCheckSessionRepository(db);
    await store.create(sampleSession);
    expect(await store.get("kept")).toEqual(sampleSession);
  });
});

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`migrations in ${kind.dialect}`, () => {
    it("run once: opening the same database again keeps its data and records each migration once", async () => {
      const target = await fresh(kind.fresh);
      const first = await createDatabase(target.url);
      await createCheckSessionRepository(first.db).create(sampleSession);
      await first.close();
      const second = await open(target.url);
      expect(await createCheckSessionRepository(second.db).get("kept")).toEqual(sampleSession);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(second.db);
      expect(rows.map((row) => row.name)).toEqual(Object.keys(migrations).sort());
    });

    // In PostgreSQL another schema's kysely_migration table must not make Kysely skip creating ours.
    it("stand up a second database beside one already migrated", async () => {
      const [a, b] = [await fresh(kind.fresh), await fresh(kind.fresh)];
      await open(a.url);
      const { db } = await open(b.url);
      await createCheckSessionRepository(db).create(sampleSession);
      expect(await createCheckSessionRepository(db).get("kept")).toBeDefined();
    });
  });
}

describe("a failing migration", () => {
  it("throws naming the migration", async () => {
    const { db } = await open(":memory:");
    const broken = { "2099-01-01-001-broken": { up: async (target: Kysely<unknown>) => void (await sql`create table nonsense (`.execute(target)) } };
    const failure = migrateToLatest(db, { migrations: { ...migrations, ...broken } });
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(/Database migration "2099-01-01-001-broken" failed: /);
  });
});

describe.skipIf(targetKinds.find((kind) => kind.dialect === "postgres")?.skip ?? true)("PostgreSQL URLs", () => {
  it.each(["postgres://", "postgresql://"])("%s opens PostgreSQL", async (scheme) => {
    const target = await fresh(() => freshPostgresSchema(process.env.TEST_DATABASE_URL ?? ""));
    const { dialect } = await open(target.url.replace(/^postgres(?:ql)?:\/\//, scheme));
    expect(dialect).toBe("postgres");
  });

  // Issue 8, point 1: a dropped connection (pg_terminate_backend, idle_session_timeout, a proxy)
  // once raised an unhandled 'error' on the pool and ended the process.
  it("survives its idle connections being terminated, and the next query succeeds", async () => {
    const target = await fresh(() => freshPostgresSchema(process.env.TEST_DATABASE_URL ?? ""));
    const name = `safeguard-test-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const url = `${target.url}${target.url.includes("?") ? "&" : "?"}application_name=${name}`;
    const lost: Error[] = [];
    const database = await databases.open(url, { onConnectionLost: (error) => lost.push(error) });
    await createCheckSessionRepository(database.db).create(sampleSession);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", [name]);
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await expect.poll(() => lost.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect((await createCheckSessionRepository(database.db).get("kept"))?.id).toBe("kept");
  });
});
