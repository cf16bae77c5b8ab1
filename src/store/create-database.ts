// Opens the database named by a URL and migrates it before handing it over, so every caller
// gets a ready schema or an error. DESIGN.md: SQLite (better-sqlite3, WAL) by default; PostgreSQL
// when the URL is a postgres:// one, so that many stateless instances can share it.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect, type SqliteDialectConfig, SqliteDriver, sql } from "kysely";
// pg is loaded only for a PostgreSQL URL: an embedded SQLite start does not pay for it.
import type { CustomTypesConfig, Pool } from "pg";
import { migrateToLatest } from "./migrations.ts";
import type { Tables } from "./tables.ts";

export type Dialect = "sqlite" | "postgres";

export type Database = {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** The SQLite file, for readiness to see it is still there; undefined in memory and for PostgreSQL. */
  readonly file: string | undefined;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>;
  /**
   * After personal data is erased, defence in depth behind the erasure of each referral's data key
   * (which alone leaves every copy unreadable): SQLite overwrites freed
   * pages already (secure_delete) and here moves the write-ahead log into the file and empties it,
   * so no old page image is left in it; PostgreSQL vacuums the tables that held it, so no dead row
   * keeps an old value.
   */
  afterErase(): Promise<void>;
};

/** The tables whose rows hold sealed personal data, its hashes, or the data keys that open it. */
const ERASED_FROM = ["referrals", "referral_events", "referral_match_keys", "referral_data_keys", "referral_drafts", "user_settings"] as const;

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

// Issue 8, point 3: without limits a black-holed PostgreSQL (a dropped route, a dead proxy) held
// start-up for 45 s and /readyz for over a minute.
export type PostgresLimits = {
  /** Opening a connection, TCP and start-up together; also the longest wait for a free one when all are busy. */
  readonly connectMs: number;
  /** The server cancels a statement that runs longer (`statement_timeout`, set for each session). Migrations run under it too. */
  readonly statementMs: number;
  /**
   * The client stops waiting for an answer and drops the connection: a black-holed network never
   * answers, so the server's limit cannot help. Above `statementMs`, so that a slow statement
   * meets the server's cancel first and its connection is kept.
   */
  readonly queryMs: number;
};

export const DEFAULT_POSTGRES_LIMITS: PostgresLimits = { connectMs: 5_000, statementMs: 10_000, queryMs: 12_000 };

export type DatabaseOptions = {
  /** Told of a PostgreSQL connection lost while idle; the pool has already replaced it. */
  readonly onConnectionLost?: (error: Error) => void;
  /** Tests shorten them. */
  readonly postgresLimits?: PostgresLimits;
  /** False only for `npm run doctor`, which reports migrations not yet run instead of running them. */
  readonly migrate?: boolean;
};

/** `postgres://` or `postgresql://` → PostgreSQL; anything else is a SQLite file path, or ":memory:". */
export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const database = POSTGRES_URL.test(url)
    ? await openPostgres(url, options.onConnectionLost ?? (() => undefined), options.postgresLimits ?? DEFAULT_POSTGRES_LIMITS)
    : openSqlite(url);
  if (options.migrate === false) return database;
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
  if (path !== ":memory:") keepToOwner(path);
  const sqlite = new SqliteDatabase(path);
  // WAL lets readers run while one writer commits; NORMAL sync is still durable in WAL mode except
  // for the last commits on power loss (never corruption), and it saves an fsync per commit.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // SQLite ignores foreign keys unless asked, per connection; later tables (audit, outbox) rely on them.
  sqlite.pragma("foreign_keys = ON");
  // A second process on the same file (the CLI beside the server) waits for the lock instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  // A deleted or replaced value is overwritten with zeros, not left in a free page.
  sqlite.pragma("secure_delete = ON");
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: cachePreparedStatements(sqlite) }) });
  return {
    db,
    dialect: "sqlite",
    file: path === ":memory:" ? undefined : path,
    close: () => db.destroy(),
    afterErase: async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
  };
}

/**
 * The database holds referrals and who did what with them: only the bot's own user may open its
 * files (0600) or list its folder (0700), as with the referral key beside it. SQLite makes its -wal
 * and -shm files with the main file's mode, so the main file is made 0600 before SQLite opens it;
 * files an older version left readable by others are closed to them. A folder that was already
 * there is left as it is: it may be shared (/tmp, /var/lib), and the files' own mode protects them.
 */
function keepToOwner(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, "a", 0o600));
  if (process.platform === "win32") return; // no such mode bits
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const mode = modeOf(file);
    if (mode !== undefined && (mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
  }
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** How many prepared statements one SQLite connection keeps: every query the app makes, with room. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing is a tenth of a check's database time (issue 12's
 * profile). The same SQL text gets the same prepared statement back; the least recently used goes
 * past `limit` (a list of `?` of another length is another text). better-sqlite3 runs a statement
 * to its end before the next, so one statement object serves every caller.
 */
export function cachePreparedStatements(sqlite: SqliteDatabase.Database, limit = STATEMENT_CACHE_SIZE): { prepare: SqliteDatabase.Database["prepare"]; close: () => void } {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare: ((sql: string) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
      } else {
        statements.delete(sql); // moved to the newest end
      }
      statements.set(sql, statement);
      return statement;
    }) as SqliteDatabase.Database["prepare"],
    close: () => {
      statements.clear();
      sqlite.close();
    },
  };
}

// SQLite's plain BEGIN is deferred: a transaction that reads before it writes (the outbox claim)
// asks for the write lock only at its first write, and if another process on the file (the worker
// beside the bot, issue 10 point 5) has committed since the read, SQLite fails it at once with
// "database is locked", without waiting busy_timeout. BEGIN IMMEDIATE takes the lock first, waiting
// its turn. No transaction here only reads, so none takes the lock for nothing.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #settings: SqliteDialectConfig;
  constructor(settings: SqliteDialectConfig) {
    super(settings);
    this.#settings = settings;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#settings);
  }
}

async function openPostgres(url: string, onIdleError: (error: Error) => void, limits: PostgresLimits): Promise<Database> {
  const pg = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    types: int8AsNumber(pg.types),
    connectionTimeoutMillis: limits.connectMs,
    statement_timeout: limits.statementMs,
    query_timeout: limits.queryMs,
  });
  // A pooled connection dropped while idle (pg_terminate_backend, idle_session_timeout, a proxy)
  // emits 'error' on the pool; unhandled, it would end the process. The pool discards that client
  // and opens a fresh one on the next query (issue 8, point 1).
  pool.on("error", onIdleError);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: guardCheckedOutClients(pool) }) });
  return {
    db,
    dialect: "postgres",
    file: undefined,
    close: () => db.destroy(),
    afterErase: async () => {
      // VACUUM runs outside a transaction, one table at a time.
      for (const table of ERASED_FROM) await sql`VACUUM ${sql.table(table)}`.execute(db);
    },
  };
}

/** pg's error when `query_timeout` passes (node_modules/pg/lib/client.js). */
const QUERY_READ_TIMEOUT = "Query read timeout";

// Two gaps in pg for a client out of the pool (issue 8, point 3):
// - When query_timeout passes, pg rejects the query but leaves it pending on the connection;
//   handed back, that client would make every later query wait behind an answer that may never
//   come (a black hole that lost what was sent). So it is ended at once, which destroys its
//   socket, and the pool drops it on release instead of reusing it.
// - A connection cut mid-query (a reset, not the server's goodbye) fails the query and then emits
//   'error' on the client, which the pool listens for only while the client is idle; unheard, it
//   ends the process. The query's caller already has the error, so here it is only listened for.
function guardCheckedOutClients(pool: Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const onErrorWhileOut = () => undefined;
      client.on("error", onErrorWhileOut);
      const query = async (text: string, parameters: readonly unknown[]) => {
        try {
          return await client.query(text, [...parameters]);
        } catch (error) {
          if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) void client.end().catch(() => undefined);
          throw error;
        }
      };
      const release = () => {
        client.off("error", onErrorWhileOut);
        client.release();
      };
      // Kysely calls only this (sql, parameters) form; its cursor form needs a `cursor` in the dialect's config, which we never set.
      return { query: query as unknown as PostgresPoolClient["query"], release };
    },
    end: () => pool.end(),
  };
}

// pg returns int8 (`bigint`, and `count(*)`) as a string so that no value can lose precision. Ours
// are epoch milliseconds and row counts, far below 2^53, so a number is exact; anything beyond
// that is refused rather than silently rounded. Set per pool, not globally, to leave other pg
// users in the process alone.
const int8AsNumber = (pgTypes: typeof import("pg").types): CustomTypesConfig => ({
  getTypeParser: (id, format) => (id === pgTypes.builtins.INT8 && format !== "binary" ? parseInt8 : pgTypes.getTypeParser(id, format)),
});

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
