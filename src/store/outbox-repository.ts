// OutboxStore (src/services/referral-store.ts) on Kysely. A claim is a lease: a worker that dies
// holding messages loses them when the lease lapses, and another worker takes them. In PostgreSQL
// the due rows are locked with FOR UPDATE SKIP LOCKED while being claimed, so workers on several
// instances never claim one row at once; SQLite has one writer, so its claim is already atomic.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Dialect } from "./create-database.ts";
import type { ClaimedMessage, OutboxStore } from "../services/referral-store.ts";
import { toEpochMs } from "./columns.ts";
import type { OutboxTable, Tables } from "./tables.ts";

const ms = (date: Date) => toEpochMs(date, "outbox times");

export function createOutboxRepository(db: Kysely<Tables>, dialect: Dialect): OutboxStore {
  async function settle(id: string, claim: string, change: Partial<Selectable<OutboxTable>> | "delete"): Promise<boolean> {
    const result =
      change === "delete"
        ? await db.deleteFrom("outbox").where("id", "=", id).where("claim", "=", claim).executeTakeFirst()
        : await db.updateTable("outbox").set(change).where("id", "=", id).where("claim", "=", claim).executeTakeFirst();
    return Number("numDeletedRows" in result ? result.numDeletedRows : result.numUpdatedRows) > 0;
  }

  return {
    async claim(now, limit, leaseMs) {
      const claim = randomUUID();
      const at = ms(now);
      return db.transaction().execute(async (trx) => {
        let due = trx
          .selectFrom("outbox")
          .select("id")
          .where("status", "=", "pending")
          .where("due_at", "<=", at)
          .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", at)]))
          .orderBy("due_at")
          .orderBy("created_at")
          .limit(limit);
        if (dialect === "postgres") due = due.forUpdate().skipLocked();
        const ids = (await due.execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable("outbox")
          .set((eb) => ({ claim, claimed_until: at + leaseMs, attempts: eb("attempts", "+", 1) }))
          .where("id", "in", ids)
          .returningAll()
          .execute();
        return rows.map((row): ClaimedMessage => ({
          id: row.id,
          kind: row.kind,
          referralId: row.referral_id,
          payload: JSON.parse(row.payload) as unknown,
          dueAt: new Date(row.due_at),
          attempts: row.attempts,
          createdAt: new Date(row.created_at),
          claim,
        }));
      });
    },

    complete: (id, claim) => settle(id, claim, "delete"),

    async release(id, claim) {
      const result = await db
        .updateTable("outbox")
        .set((eb) => ({ claim: null, claimed_until: null, attempts: eb("attempts", "-", 1) }))
        .where("id", "=", id)
        .where("claim", "=", claim)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    retryLater: (id, claim, retryAt, error) => settle(id, claim, { due_at: ms(retryAt), claim: null, claimed_until: null, last_error: error.slice(0, 500) }),

    deadLetter: (id, claim, error) => settle(id, claim, { status: "dead", claim: null, claimed_until: null, last_error: error.slice(0, 500) }),

    async hurryPosts(areaId, now) {
      const result = await db
        .updateTable("outbox")
        .set({ due_at: ms(now) })
        .where("status", "=", "pending")
        .where((eb) =>
          eb.or([
            eb.and([eb("kind", "=", "post-referral-card"), eb("referral_id", "in", db.selectFrom("referrals").select("id").where("area_id", "=", areaId))]),
            // DOMAIN.md §9 cross-border: an informed copy waiting for this area's channel (its payload names the area, as the service wrote it).
            eb.and([eb("kind", "=", "post-informed-card"), eb("payload", "=", JSON.stringify({ areaId }))]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async deadCount() {
      const row = await db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("count")).where("status", "=", "dead").executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async retryDead(now) {
      const result = await db.updateTable("outbox").set({ status: "pending", due_at: ms(now), attempts: 0 }).where("status", "=", "dead").executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
