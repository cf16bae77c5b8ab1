// Opens the database named by a URL and migrates it before handing it over, so every caller
// gets a ready schema or an error. DESIGN.md: SQLite (better-sqlite3, WAL) by default; PostgreSQL
// when the URL is a postgres:// one, so that many stateless instances can share it.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { type CustomTypesConfig, Pool, types as pgTypes } from "pg";
import { migrateToLatest } from "./migrations.ts";
import type { Tables } from "./tables.ts";

export type Dialect = "sqlite" | "postgres";

export type Database = {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>;
};

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export type DatabaseOptions = {
  /** Told of a PostgreSQL connection lost while idle; the pool has already replaced it. */
  readonly onConnectionLost?: (error: Error) => void;
};

/** `postgres://` or `postgresql://` → PostgreSQL; anything else is a SQLite file path, or ":memory:". */
export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const database = POSTGRES_URL.test(url) ? openPostgres(url, options.onConnectionLost ?? (() => undefined)) : openSqlite(url);
  try {
    const schema = database.dialect === "postgres" ? await currentSchema(database.db) : undefined;
    await migrateToLatest(database.db, { schema });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(path: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // WAL lets readers run while one writer commits; NORMAL sync is still durable in WAL mode except
  // for the last commits on power loss (never corruption), and it saves an fsync per commit.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // SQLite ignores foreign keys unless asked, per connection; later tables (audit, outbox) rely on them.
  sqlite.pragma("foreign_keys = ON");
  // A second process on the same file (the CLI beside the server) waits for the lock instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

function openPostgres(url: string, onIdleError: (error: Error) => void): Database {
  const pool = new Pool({ connectionString: url, types: int8AsNumber });
  // A pooled connection dropped while idle (pg_terminate_backend, idle_session_timeout, a proxy)
  // emits 'error' on the pool; unhandled, it would end the process. The pool discards that client
  // and opens a fresh one on the next query (issue 8, point 1).
  pool.on("error", onIdleError);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

// pg returns int8 (`bigint`, and `count(*)`) as a string so that no value can lose precision. Ours
// are epoch milliseconds and row counts, far below 2^53, so a number is exact; anything beyond
// that is refused rather than silently rounded. Set per pool, not globally, to leave other pg
// users in the process alone.
const int8AsNumber: CustomTypesConfig = {
  getTypeParser: (id, format) => (id === pgTypes.builtins.INT8 && format !== "binary" ? parseInt8 : pgTypes.getTypeParser(id, format)),
};

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL bigint ${text} is too large for a JavaScript number`);
  return value;
}

/** The schema unqualified names resolve to, as set by `search_path` (e.g. `?options=-c search_path=x`). */
async function currentSchema(db: Kysely<Tables>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null) {
    throw new Error("PostgreSQL has no current schema: no schema on the search_path exists. Create it, or fix search_path in DATABASE_URL.");
  }
  return schema;
}
