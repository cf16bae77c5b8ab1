// What a key rotation does to data keys and match hashes (key-rotation.ts runs it): every data key
// the previous master key wrapped is wrapped again with the current one, the values it seals left
// as they are; and every match hash not made with the current key is made again from the
// referral's opened fields, since hashes must equal across referrals and so come from the master
// key itself. Both walk in key order and change a row only if it still holds what was read, so a
// rotation can stop anywhere and be run again beside running bots.
import type { Kysely } from "kysely";
import type { StoreCrypto } from "./referral-crypto.ts";
import { withDataKeys } from "./referral-data-keys.ts";
import type { Tables } from "./tables.ts";

/** How many batches a run may still read (all when `maxBatches` is undefined): shared by every step of a rotation. */
export type BatchBudget = { take(): boolean };

export function batchBudget(maxBatches: number | undefined): BatchBudget {
  let used = 0;
  return { take: () => maxBatches === undefined || (used += 1) <= maxBatches };
}

/** Wraps again with the current key every data key `previous` wrapped; how many it wrapped again. */
export async function rewrapDataKeys(db: Kysely<Tables>, crypto: StoreCrypto, previous: string, batch: number, budget: BatchBudget): Promise<number> {
  let rewrapped = 0;
  let after = { referralId: "", keyRef: "" };
  while (budget.take()) {
    const rows = await db
      .selectFrom("referral_data_keys")
      .select(["referral_id", "key_ref", "wrapped"])
      .where("key_id", "=", previous)
      .where((eb) => eb.or([eb("referral_id", ">", after.referralId), eb.and([eb("referral_id", "=", after.referralId), eb("key_ref", ">", after.keyRef)])]))
      .orderBy("referral_id")
      .orderBy("key_ref")
      .limit(batch)
      .execute();
    for (const row of rows) {
      if (row.wrapped === null) continue;
      const next = crypto.rewrapDataKey(row.referral_id, { keyRef: row.key_ref, wrapped: row.wrapped });
      const result = await db
        .updateTable("referral_data_keys")
        .set({ wrapped: next, key_id: crypto.keyId })
        .where("referral_id", "=", row.referral_id)
        .where("key_ref", "=", row.key_ref)
        .where("wrapped", "=", row.wrapped)
        .executeTakeFirst();
      rewrapped += Number(result.numUpdatedRows);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < batch) break;
    after = { referralId: last.referral_id, keyRef: last.key_ref };
  }
  return rewrapped;
}

/**
 * Makes again with the current key the match hashes of every referral that has one made with
 * another key, or with a key not recorded (made before hashes named their key); how many
 * referrals' hashes it made again. A referral whose fields cannot be opened keeps its hashes.
 */
export async function remakeMatchKeys(db: Kysely<Tables>, crypto: StoreCrypto, batch: number, budget: BatchBudget): Promise<number> {
  let remade = 0;
  let after = "";
  while (budget.take()) {
    const ids = await db
      .selectFrom("referral_match_keys")
      .select("referral_id")
      .distinct()
      .where((eb) => eb.or([eb("key_id", "is", null), eb("key_id", "!=", crypto.keyId)]))
      .where("referral_id", ">", after)
      .orderBy("referral_id")
      .limit(batch)
      .execute();
    for (const { referral_id: referralId } of ids) {
      const row = await db.selectFrom("referrals").select(["id", "area_id", "submitted_at", "sealed"]).where("id", "=", referralId).executeTakeFirst();
      if (row === undefined || row.sealed === null) continue;
      const [sealed] = await withDataKeys(db, [{ referralId, value: row.sealed }]);
      let child: Parameters<StoreCrypto["matchKeys"]>[0];
      try {
        child = ((crypto.openJson(sealed!, { aad: `referral:${referralId}:personal` }) as { child?: unknown } | null)?.child ?? {}) as typeof child;
      } catch {
        continue;
      }
      const keys = crypto.matchKeys(child);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("referral_match_keys").where("referral_id", "=", referralId).execute();
        if (keys.length === 0) return;
        await trx
          .insertInto("referral_match_keys")
          .values(keys.map((key) => ({ referral_id: referralId, area_id: row.area_id, kind: key.kind, hash: key.hash, submitted_at: Number(row.submitted_at), key_id: crypto.keyId })))
          .execute();
      });
      remade += 1;
    }
    const last = ids.at(-1);
    if (last === undefined || ids.length < batch) break;
    after = last.referral_id;
  }
  return remade;
}

/** How many match hashes each master key made: { "1a2b3c4d": 12, [UNRECORDED]: 3 }. */
export async function matchKeyCounts(db: Kysely<Tables>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("referral_match_keys")
    .select((eb) => ["key_id", eb.fn.countAll<number | string | bigint>().as("count")])
    .groupBy("key_id")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.key_id ?? UNRECORDED_KEY, Number(row.count)]));
}

/** In counts, what was made by a key not recorded: match hashes made before they named their key. */
export const UNRECORDED_KEY = "unrecorded";
