// Fresh, isolated databases for the store tests: a SQLite file in a new temp directory, and, when
// TEST_DATABASE_URL is set, a PostgreSQL schema of its own. Test files run in parallel, so no two
// tests ever share tables.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach } from "vitest";
import { RUN_ID_VARIABLE } from "../support/drop-test-schemas.ts";
import { type Database, type DatabaseOptions, createDatabase } from "../../src/store/create-database.ts";

export type DatabaseTarget = {
  /** What createDatabase is given. */
  readonly url: string;
  /** Removes everything the target made; call after closing every Database opened on it. */
  dispose(): Promise<void>;
};

export type TargetKind = {
  readonly dialect: "sqlite" | "postgres";
  /** True where this database is not available (PostgreSQL without TEST_DATABASE_URL). */
  readonly skip: boolean;
  fresh(): Promise<DatabaseTarget>;
};

const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

export const targetKinds: readonly TargetKind[] = [
  { dialect: "sqlite", skip: false, fresh: freshSqliteFile },
  { dialect: "postgres", skip: postgresUrl === undefined, fresh: () => freshPostgresSchema(postgresUrl ?? "") },
];

export async function freshSqliteFile(): Promise<DatabaseTarget> {
  const dir = mkdtempSync(join(tmpdir(), "store-test-"));
  // A nested path, so every test also shows createDatabase makes the parent directory.
  return { url: join(dir, "data", "bot.sqlite"), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

// A schema per test, with `search_path` set through the connection's startup options so that every
// pooled connection lands in it; the tables, indexes and Kysely's bookkeeping all live there. The
// schemas are dropped when the whole run ends (test/support/drop-test-schemas.ts says why), so
// `dispose` has nothing to do for them; outside a run (no run id) it drops its own at once.
export async function freshPostgresSchema(baseUrl: string): Promise<DatabaseTarget> {
  const run = process.env[RUN_ID_VARIABLE];
  const schema = `test_${run ?? "solo"}_${randomUUID().replaceAll("-", "")}`;
  await runAdmin(baseUrl, `create schema ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), dispose: async () => (run === undefined ? runAdmin(baseUrl, `drop schema if exists ${schema} cascade`) : undefined) };
}

async function runAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * `open` and `fresh` for one test file: every database opened and every target made in a test is
 * closed and removed after it. Call once at the file's top level.
 */
export function closedAfterEachTest() {
  const opened: Database[] = [];
  const targets: DatabaseTarget[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const target of targets.splice(0)) await target.dispose();
  });
  return {
    async open(url: string, options: DatabaseOptions = {}): Promise<Database> {
      const database = await createDatabase(url, options);
      opened.push(database);
      return database;
    },
    async fresh(make: () => Promise<DatabaseTarget>): Promise<DatabaseTarget> {
      const target = await make();
      targets.push(target);
      return target;
    },
    /** For a database opened some other way, closed like the rest. */
    track(database: Database): Database {
      opened.push(database);
      return database;
    },
  };
}
