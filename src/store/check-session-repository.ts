// CheckSessionStore (src/services/check-session-store.ts) on Kysely, for SQLite and PostgreSQL alike.
// Referral drafts have the same shape and rules (a user's, versioned, expiring), so the same
// repository keeps them in their own table.
import type { Kysely, Selectable } from "kysely";
import type { CheckSessionRecord, CheckSessionStore } from "../services/check-session-store.ts";
import { toEpochMs as epochMs, toJson as json } from "./columns.ts";
import { compiledOnce } from "./compiled-once.ts";
import type { CheckSessionsTable, Tables } from "./tables.ts";

type Row = Selectable<CheckSessionsTable>;

export function createCheckSessionRepository(db: Kysely<Tables>, table: "check_sessions" | "referral_drafts" = "check_sessions"): CheckSessionStore {
  // A check runs these on every message and press, so each is built and compiled once (compiled-once.ts).
  const insert = compiledOnce<{ id: string; userId: string; state: string; version: number; createdAt: number; updatedAt: number; expiresAt: number }>((slot) =>
    db.insertInto(table).values({
      id: slot("id"),
      user_id: slot("userId"),
      state: slot("state"),
      version: slot("version"),
      created_at: slot("createdAt"),
      updated_at: slot("updatedAt"),
      expires_at: slot("expiresAt"),
    }),
  );
  const byId = compiledOnce<{ id: string }>((slot) => db.selectFrom(table).selectAll().where("id", "=", slot("id")));
  // The version test sits in the UPDATE itself, so the database arbitrates a race: in SQLite
  // writers are serialised; in PostgreSQL the loser waits on the row lock, re-reads the row,
  // sees the new version and updates nothing.
  const write = compiledOnce<{ state: string; version: number; updatedAt: number; expiresAt: number; id: string; expectedVersion: number }>((slot) =>
    db
      .updateTable(table)
      .set({ state: slot("state"), version: slot("version"), updated_at: slot("updatedAt"), expires_at: slot("expiresAt") })
      .where("id", "=", slot("id"))
      .where("version", "=", slot("expectedVersion")),
  );
  const newestOf = compiledOnce<{ userId: string; now: number; limit: number }>((slot) =>
    db.selectFrom(table).selectAll().where("user_id", "=", slot("userId")).where("expires_at", ">", slot("now")).orderBy("updated_at", "desc").limit(slot("limit")),
  );
  const deleteAllBut = compiledOnce<{ userId: string; alwaysKeep: string; others: number }>((slot) => {
    const others = db.selectFrom(table).select("id").where("user_id", "=", slot("userId")).where("id", "!=", slot("alwaysKeep"));
    const newest = others.orderBy("updated_at", "desc").orderBy("id").limit(slot("others"));
    return db.deleteFrom(table).where("user_id", "=", slot("userId")).where("id", "!=", slot("alwaysKeep")).where("id", "not in", newest);
  });

  return {
    async create(record) {
      await db.executeQuery(
        insert({
          id: record.id,
          userId: record.userId,
          state: toJson(record.state),
          version: record.version,
          createdAt: toEpochMs(record.createdAt),
          updatedAt: toEpochMs(record.updatedAt),
          expiresAt: toEpochMs(record.expiresAt),
        }),
      );
    },

    async get(id) {
      const [row] = (await db.executeQuery(byId<Row>({ id }))).rows;
      return row === undefined ? undefined : toRecord(row);
    },

    async update(id, expectedVersion, next) {
      if (next.version <= expectedVersion) {
        throw new RangeError(`check session ${id}: the next version (${next.version}) must be greater than the expected one (${expectedVersion})`);
      }
      const result = await db.executeQuery(
        write({ state: toJson(next.state), version: next.version, updatedAt: toEpochMs(next.updatedAt), expiresAt: toEpochMs(next.expiresAt), id, expectedVersion }),
      );
      return (result.numAffectedRows ?? 0n) > 0n;
    },

    async countCreatedSince(userId, since) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string | bigint>().as("count")).where("user_id", "=", userId).where("created_at", ">=", toEpochMs(since)).executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async recent(userId, now, limit) {
      const { rows } = await db.executeQuery(newestOf<Row>({ userId, now: toEpochMs(now), limit }));
      return rows.map(toRecord);
    },

    async keepNewest(userId, count, alwaysKeep) {
      const result = await db.executeQuery(deleteAllBut({ userId, alwaysKeep, others: Math.max(0, count - 1) }));
      return Number(result.numAffectedRows ?? 0n);
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
