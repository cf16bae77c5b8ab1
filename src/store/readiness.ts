// The database's part of /readyz (issue 8, point 2). `select 1` said "ready" on a full disk, a
// read-only database and a deleted data directory; this proves a write instead.
import { stat } from "node:fs/promises";
import type { Database } from "./create-database.ts";
import type { EpochMs } from "./tables.ts";

/** The shape of one of /readyz's checks (src/http/readiness.ts, CheckOutcome). */
export type DatabaseCheck = { readonly state: "ok" } | { readonly state: "failed"; readonly reason: string };

export async function checkDatabase(database: Database, now: EpochMs): Promise<DatabaseCheck> {
  // A deleted data directory leaves the open file writable through its descriptor, so the write
  // below still succeeds while everything written is lost at the next restart.
  if (database.file !== undefined) {
    const missing = await stat(database.file).then(
      () => undefined,
      (error: unknown) => causeOf(error),
    );
    if (missing !== undefined) return { state: "failed", reason: `database file missing (${missing})` };
  }
  try {
    // One statement, committed on its own: a full disk, a read-only database or a refused commit fails it.
    await database.db
      .insertInto("readiness_heartbeat")
      .values({ id: 1, at: now })
      .onConflict((conflict) => conflict.column("id").doUpdateSet({ at: now }))
      .execute();
  } catch (error) {
    return { state: "failed", reason: `write failed (${causeOf(error)})` };
  }
  return { state: "ok" };
}

// pg's own failures carry no code, and their messages are fixed strings (node_modules/pg/lib/client.js,
// pg-pool/index.js), so they are safe to recognise and name.
const PG_FAILURES: ReadonlyMap<string, string> = new Map([
  ["Query read timeout", "no answer in time"],
  ["timeout expired", "connect timed out"],
  ["Connection terminated due to connection timeout", "connect timed out"],
  ["timeout exceeded when trying to connect", "no free connection in time"],
  ["Connection terminated unexpectedly", "connection lost"],
]);

/**
 * A cause safe to show anyone who can reach /readyz: the error's code (SQLITE_FULL, a PostgreSQL
 * SQLSTATE such as 25006, ENOENT, ECONNREFUSED), never its message, which can carry a connection
 * string, a user name or a row's contents.
 */
function causeOf(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/i.test(code)) return code;
  return (error instanceof Error ? PG_FAILURES.get(error.message) : undefined) ?? "no error code";
}
