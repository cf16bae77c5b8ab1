// Schema migrations, listed in code so that nothing is read from disk at run time (a bundled or
// relocated build still migrates).
//
// To add a migration: write `src/store/migrations/<yyyy-mm-dd>-<nnn>-<what>.ts` exporting `up`
// (and `down`), add it to `migrations` below under the same name, and update `tables.ts`.
// Kysely runs them in name order and refuses a new name that sorts before one already run, so
// always name a new one after the last.
import { type Kysely, type Migration, Migrator } from "kysely";
import * as checkSessions from "./migrations/2026-11-23-001-check-sessions.ts";
import * as userSettings from "./migrations/2026-11-23-002-user-settings.ts";
import * as userIdWithChannel from "./migrations/2026-11-23-004-user-id-with-channel.ts";
import * as readinessHeartbeat from "./migrations/2026-11-23-005-readiness-heartbeat.ts";
import * as referrals from "./migrations/2026-11-23-006-referrals.ts";
import * as referralDrafts from "./migrations/2026-11-23-007-referral-drafts.ts";
import * as referrerConversation from "./migrations/2026-11-23-008-referrer-conversation.ts";
import * as decidedAt from "./migrations/2026-11-23-009-decided-at.ts";
import * as triagePeople from "./migrations/2026-11-23-010-triage-people.ts";
import * as referralKeyIds from "./migrations/2026-11-23-011-referral-key-ids.ts";
import * as handovers from "./migrations/2026-12-07-012-handovers.ts";
import * as referralDataKeys from "./migrations/2026-12-08-013-referral-data-keys.ts";
import type { Tables } from "./tables.ts";

export const migrations: Readonly<Record<string, Migration>> = {
  "2026-11-23-001-check-sessions": checkSessions,
  "2026-11-23-002-user-settings": userSettings,
  "2026-11-23-004-user-id-with-channel": userIdWithChannel,
  "2026-11-23-005-readiness-heartbeat": readinessHeartbeat,
  "2026-11-23-006-referrals": referrals,
  "2026-11-23-007-referral-drafts": referralDrafts,
  "2026-11-23-008-referrer-conversation": referrerConversation,
  "2026-11-23-009-decided-at": decidedAt,
  "2026-11-23-010-triage-people": triagePeople,
  "2026-11-23-011-referral-key-ids": referralKeyIds,
  "2026-12-07-012-handovers": handovers,
  "2026-12-08-013-referral-data-keys": referralDataKeys,
};

export class MigrationError extends Error {
  constructor(
    /** Undefined when the failure came before any migration ran (the bookkeeping tables, the lock). */
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(migrationName === undefined ? `Database migrations could not run: ${reason}` : `Database migration "${migrationName}" failed: ${reason}`, { cause });
    this.name = "MigrationError";
  }
}

export type MigrateOptions = {
  /**
   * The PostgreSQL schema that holds Kysely's bookkeeping tables. Without it Kysely looks for
   * `kysely_migration` in every schema, and another schema's copy (another app, another test run)
   * makes it skip creating ours. Leave undefined for SQLite, which has no schemas.
   */
  readonly schema?: string | undefined;
  /** Replaced only by tests that need a failing migration. */
  readonly migrations?: Readonly<Record<string, Migration>>;
};

/** Brings the database up to the latest migration; throws a MigrationError naming the one that failed. */
export async function migrateToLatest(db: Kysely<Tables>, options: MigrateOptions = {}): Promise<void> {
  const provided = options.migrations ?? migrations;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...provided }) },
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error");
  throw new MigrationError(failed?.migrationName, error);
}
