// CheckSessionStore (src/services/check-session-store.ts) on Kysely, for SQLite and PostgreSQL alike.
// Referral drafts have the same shape and rules (a user's, versioned, expiring), so the same
// repository keeps them in their own table.
import type { Kysely, Selectable } from "kysely";
import type { CheckSessionRecord, CheckSessionStore } from "../services/check-session-store.ts";
import { toEpochMs as epochMs, toJson as json } from "./columns.ts";
import type { CheckSessionsTable, Tables } from "./tables.ts";

export function createCheckSessionRepository(db: Kysely<Tables>, table: "check_sessions" | "referral_drafts" = "check_sessions"): CheckSessionStore {
  return {
    async create(record) {
      await db
        .insertInto(table)
        .values({
          id: record.id,
          user_id: record.userId,
          state: toJson(record.state),
          version: record.version,
          created_at: toEpochMs(record.createdAt),
          updated_at: toEpochMs(record.updatedAt),
          expires_at: toEpochMs(record.expiresAt),
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async update(id, expectedVersion, next) {
      if (next.version <= expectedVersion) {
        throw new RangeError(`check session ${id}: the next version (${next.version}) must be greater than the expected one (${expectedVersion})`);
      }
      // The version test sits in the UPDATE itself, so the database arbitrates a race: in SQLite
      // writers are serialised; in PostgreSQL the loser waits on the row lock, re-reads the row,
      // sees the new version and updates nothing.
      const result = await db
        .updateTable(table)
        .set({ state: toJson(next.state), version: next.version, updated_at: toEpochMs(next.updatedAt), expires_at: toEpochMs(next.expiresAt) })
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async recent(userId, now, limit) {
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where("user_id", "=", userId)
        .where("expires_at", ">", toEpochMs(now))
        .orderBy("updated_at", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async keepNewest(userId, count, alwaysKeep) {
      const others = db.selectFrom(table).select("id").where("user_id", "=", userId).where("id", "!=", alwaysKeep);
      const newest = others.orderBy("updated_at", "desc").orderBy("id").limit(Math.max(0, count - 1));
      const result = await db.deleteFrom(table).where("user_id", "=", userId).where("id", "!=", alwaysKeep).where("id", "not in", newest).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now) {
      const result = await db.deleteFrom(table).where("expires_at", "<=", toEpochMs(now)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toRecord(row: Selectable<CheckSessionsTable>): CheckSessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    state: JSON.parse(row.state) as unknown,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
  };
}

const toJson = (state: unknown) => json(state, "check session state");
const toEpochMs = (date: Date) => epochMs(date, "check session times");
