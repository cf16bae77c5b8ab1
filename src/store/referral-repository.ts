// ReferralStore (src/services/referral-store.ts) on Kysely, for SQLite and PostgreSQL alike. A
// referral's sealed values are written without the data key they come with, which is kept once in
// referral_data_keys, and read back with it (referral-data-keys.ts).
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import { formatReference } from "../domain/referral-reference.ts";
import type { AuditEvent, ConversationAddress, NewReferral, OutboxMessage, ReferralRecord, ReferralStore } from "../services/referral-store.ts";
import { toEpochMs, toJson } from "./columns.ts";
import { forStorage, keepDataKey, withDataKeys } from "./referral-data-keys.ts";
import type { ReferralsTable, Tables } from "./tables.ts";

export function createReferralRepository(db: Kysely<Tables>): ReferralStore {
  async function byIdempotencyKey(key: string): Promise<ReferralRecord | undefined> {
    const row = await db.selectFrom("referrals").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
    return row === undefined ? undefined : (await recordsOf(db, [row]))[0];
  }

  return {
    async submit(referral, event, outbox) {
      const earlier = await byIdempotencyKey(referral.idempotencyKey);
      if (earlier !== undefined) return { record: earlier, created: false };
      try {
        const record = await db.transaction().execute(async (trx) => {
          const year = referral.submittedAt.getUTCFullYear();
          const personal = forStorage(referral.sealed);
          const row = toRow({ ...referral, sealed: personal.stored }, formatReference(referral.referenceCode, year, await nextNumber(trx, referral.referenceCode, year)));
          await trx.insertInto("referrals").values(row).execute();
          await keepDataKey(trx, referral.id, personal);
          await appendEvent(trx, referral.id, event);
          await enqueue(trx, referral.id, outbox, referral.submittedAt);
          if (referral.matchKeys.length > 0) {
            const submittedAt = toEpochMs(referral.submittedAt, "referral times");
            await trx
              .insertInto("referral_match_keys")
              .values(referral.matchKeys.map((key) => ({ referral_id: referral.id, area_id: referral.areaId, kind: key.kind, hash: key.hash, submitted_at: submittedAt, key_id: hashedWith(key) })))
              .execute();
          }
          return { ...toRecord(row), sealed: referral.sealed };
        });
        return { record, created: true };
      } catch (error) {
        // Two presses at once: both found no referral, one committed, the other broke the unique
        // index and rolled back (its reference number with it). The winner is the answer.
        const winner = await byIdempotencyKey(referral.idempotencyKey);
        if (winner !== undefined) return { record: winner, created: false };
        throw error;
      }
    },

    async get(id) {
      const row = await db.selectFrom("referrals").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : (await recordsOf(db, [row]))[0];
    },

    async getByReference(reference) {
      const row = await db.selectFrom("referrals").selectAll().where("reference", "=", reference).executeTakeFirst();
      return row === undefined ? undefined : (await recordsOf(db, [row]))[0];
    },

    async applyTriage(id, expectedVersion, next, event, outbox) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("referrals")
          .set({
            status: next.status,
            triage: toJson(next.triage, "triage state"),
            summary: toJson(next.summary, "referral summary"),
            version: expectedVersion + 1,
            decided_at: next.decidedAt === undefined ? null : toEpochMs(next.decidedAt, "decision times"),
            // DOMAIN.md §9: a transfer hands the referral to another area, in the same compare-and-set.
            ...(next.handover === undefined ? {} : { area_id: next.handover.areaId, handovers: toJson(next.handover.handovers, "hand-overs") }),
          })
          .where("id", "=", id)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await appendEvent(trx, id, event);
        await enqueue(trx, id, outbox, event.at);
        return true;
      });
    },

    async purgeDecided(decidedBefore, eraseEvent) {
      const cutoff = toEpochMs(decidedBefore, "retention cut-offs");
      return db.transaction().execute(async (trx) => {
        const due = trx.selectFrom("referrals").select("id").where("decided_at", "<", cutoff).where("sealed", "is not", null);
        if (eraseEvent !== undefined) {
          // Each event's details, opened with the referral's data key one last time and sealed again
          // without it: who did what and when is kept, the words erased.
          const events = await trx.selectFrom("referral_events").selectAll().where("referral_id", "in", due).execute();
          const details = await withDataKeys(trx, events.map((row) => ({ referralId: row.referral_id, value: row.sealed_details })));
          for (const [index, row] of events.entries()) {
            const erased = eraseEvent(row.referral_id, { referralId: row.referral_id, at: new Date(row.at), actorId: row.actor_id, type: row.type, sealedDetails: details[index]! });
            if (erased === undefined) continue;
            const kept = forStorage(erased);
            await trx.updateTable("referral_events").set({ sealed_details: kept.stored }).where("referral_id", "=", row.referral_id).where("seq", "=", row.seq).execute();
            await keepDataKey(trx, row.referral_id, kept);
          }
        }
        await trx.deleteFrom("referral_match_keys").where("referral_id", "in", due).execute();
        // Erasure is this: with its data keys gone, no copy of what they sealed can be opened again.
        await trx.updateTable("referral_data_keys").set({ wrapped: null, key_id: null }).where("referral_id", "in", due).where("wrapped", "is not", null).execute();
        const result = await trx.updateTable("referrals").set({ sealed: null }).where("decided_at", "<", cutoff).where("sealed", "is not", null).executeTakeFirst();
        return Number(result.numUpdatedRows);
      });
    },

    async events(referralId) {
      const rows = await db.selectFrom("referral_events").selectAll().where("referral_id", "=", referralId).orderBy("seq").execute();
      const details = await withDataKeys(db, rows.map((row) => ({ referralId: row.referral_id, value: row.sealed_details })));
      return rows.map((row, index) => ({ referralId: row.referral_id, at: new Date(row.at), actorId: row.actor_id, type: row.type, sealedDetails: details[index]! }));
    },

    async list(filter, limit) {
      if (filter.areaIds !== undefined && filter.areaIds.length === 0) return [];
      if (filter.statuses !== undefined && filter.statuses.length === 0) return [];
      let query = db.selectFrom("referrals").selectAll();
      if (filter.referrerId !== undefined) query = query.where("referrer_id", "=", filter.referrerId);
      if (filter.areaIds !== undefined) query = query.where("area_id", "in", [...filter.areaIds]);
      if (filter.statuses !== undefined) query = query.where("status", "in", [...filter.statuses]);
      if (filter.submittedSince !== undefined) query = query.where("submitted_at", ">=", toEpochMs(filter.submittedSince, "referral times"));
      const rows = await query.orderBy("submitted_at", "desc").orderBy("reference", "desc").limit(limit).execute();
      return recordsOf(db, rows);
    },

    async recordEvent(referralId, event) {
      await db.transaction().execute((trx) => appendEvent(trx, referralId, event));
    },

    async countSubmittedSince(referrerId, since) {
      const row = await db.selectFrom("referrals").select((eb) => eb.fn.countAll<number | string | bigint>().as("count")).where("referrer_id", "=", referrerId).where("submitted_at", ">=", toEpochMs(since, "flood limits")).executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async matches(areaId, keys, since, excludeId) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom("referrals")
        .selectAll()
        .where("id", "in", (sub) =>
          sub
            .selectFrom("referral_match_keys")
            .select("referral_id")
            .where("area_id", "=", areaId)
            .where("hash", "in", keys.map((key) => key.hash))
            .where("submitted_at", ">=", toEpochMs(since, "referral times")),
        )
        .where("id", "!=", excludeId)
        .orderBy("submitted_at", "desc")
        .execute();
      return recordsOf(db, rows);
    },
  };
}

/** The next number for an area and year. The row stays locked until the transaction ends, so two submissions never share one. */
async function nextNumber(trx: Transaction<Tables>, code: string, year: number): Promise<number> {
  const row = await trx
    .insertInto("reference_counters")
    .values({ code, year, last: 1 })
    .onConflict((conflict) => conflict.columns(["code", "year"]).doUpdateSet((eb) => ({ last: eb("reference_counters.last", "+", 1) })))
    .returning("last")
    .executeTakeFirstOrThrow();
  return row.last;
}

async function appendEvent(trx: Transaction<Tables>, referralId: string, event: Omit<AuditEvent, "referralId">): Promise<void> {
  const last = await trx.selectFrom("referral_events").select((eb) => eb.fn.max("seq").as("seq")).where("referral_id", "=", referralId).executeTakeFirst();
  const details = forStorage(event.sealedDetails);
  await trx
    .insertInto("referral_events")
    .values({ referral_id: referralId, seq: Number(last?.seq ?? 0) + 1, at: toEpochMs(event.at, "event times"), actor_id: event.actorId, type: event.type, sealed_details: details.stored })
    .execute();
  await keepDataKey(trx, referralId, details);
}

/**
 * The master key that made a match hash: the crypto's hashes name it (referral-crypto-port.ts), so
 * that a key rotation knows which it has made again; a hash from elsewhere names none.
 */
function hashedWith(key: object): string | null {
  const keyId = (key as { readonly keyId?: unknown }).keyId;
  return typeof keyId === "string" ? keyId : null;
}

/** Rows as records, each sealed value with its data key put back on. */
async function recordsOf(db: Kysely<Tables>, rows: readonly Selectable<ReferralsTable>[]): Promise<ReferralRecord[]> {
  const sealed = await withDataKeys(db, rows.map((row) => ({ referralId: row.id, value: row.sealed ?? "" })));
  return rows.map((row, index) => toRecord({ ...row, sealed: row.sealed === null ? null : sealed[index]! }));
}

async function enqueue(trx: Transaction<Tables>, referralId: string, messages: readonly Omit<OutboxMessage, "referralId">[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto("outbox")
    .values(
      messages.map((message) => ({
        id: randomUUID(),
        referral_id: referralId,
        kind: message.kind,
        payload: toJson(message.payload, "outbox payload"),
        status: "pending" as const,
        attempts: 0,
        due_at: toEpochMs(message.dueAt, "outbox times"),
        claim: null,
        claimed_until: null,
        last_error: null,
        created_at: toEpochMs(now, "outbox times"),
      })),
    )
    .execute();
}

function toRow(referral: NewReferral, reference: string): Selectable<ReferralsTable> {
  return {
    id: referral.id,
    reference,
    area_id: referral.areaId,
    referrer_id: referral.referrerId,
    idempotency_key: referral.idempotencyKey,
    submitted_at: toEpochMs(referral.submittedAt, "referral times"),
    status: referral.status,
    version: 1,
    summary: toJson(referral.summary, "referral summary"),
    triage: toJson(referral.triage, "triage state"),
    sealed: referral.sealed,
    referrer_conversation: referral.referrerConversation === undefined ? null : toJson(referral.referrerConversation, "referrer conversation"),
    decided_at: null,
    handovers: "[]",
  };
}

function toRecord(row: Selectable<ReferralsTable>): ReferralRecord {
  return {
    id: row.id,
    reference: row.reference,
    areaId: row.area_id,
    referrerId: row.referrer_id,
    submittedAt: new Date(row.submitted_at),
    status: row.status,
    version: row.version,
    summary: JSON.parse(row.summary) as unknown,
    triage: JSON.parse(row.triage) as unknown,
    sealed: row.sealed ?? undefined,
    referrerConversation: row.referrer_conversation === null ? undefined : (JSON.parse(row.referrer_conversation) as ConversationAddress),
    handovers: JSON.parse(row.handovers) as unknown,
  };
}
