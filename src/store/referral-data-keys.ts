// Where each referral's wrapped data keys are kept (migration 013): a value the crypto sealed with a
// data key arrives carrying it (data-key-sealing.ts); its row keeps the value without it, and
// referral_data_keys keeps the wrapped key once. Read back, the key is put on again; a referral's
// keys erased, its values go out without one, and no key can open them, whatever copy of the rows
// (free pages, WAL, a backup) is put back.
import type { Kysely } from "kysely";
import { carried, keyIdOfWrapped, splitValue } from "./data-key-sealing.ts";
import type { Tables } from "./tables.ts";

/** A value as its row keeps it, and the wrapped data key it came with, if it came with one. */
export type ForStorage = { readonly stored: string; readonly dataKey: { readonly keyRef: string; readonly keyId: string; readonly wrapped: string } | undefined };

/** What to write in the row for `value`, and the data key to keep beside it. Anything else than a carried data-key value is written as it is. */
export function forStorage(value: string): ForStorage {
  const split = splitValue(value);
  const keyId = split?.wrapped === undefined ? undefined : keyIdOfWrapped(split.wrapped);
  if (split === undefined || split.wrapped === undefined || keyId === undefined) return { stored: value, dataKey: undefined };
  return { stored: split.stored, dataKey: { keyRef: split.keyRef, keyId, wrapped: split.wrapped } };
}

/**
 * Keeps a referral's data key, once: a key it already has (or had: an erased one) is left as it is,
 * so an erased key is never stored again. Call after the referral's row is written (a foreign key).
 */
export async function keepDataKey(db: Kysely<Tables>, referralId: string, { dataKey }: ForStorage): Promise<void> {
  if (dataKey === undefined) return;
  await db
    .insertInto("referral_data_keys")
    .values({ referral_id: referralId, key_ref: dataKey.keyRef, key_id: dataKey.keyId, wrapped: dataKey.wrapped })
    .onConflict((conflict) => conflict.columns(["referral_id", "key_ref"]).doNothing())
    .execute();
}

/** Each stored value with its referral's wrapped data key put back on, in the same order; a value whose key is erased, or that has none, as it is. */
export async function withDataKeys(db: Kysely<Tables>, values: readonly { readonly referralId: string; readonly value: string }[]): Promise<string[]> {
  const splits = values.map(({ value }) => splitValue(value));
  const referralIds = [...new Set(values.filter((_, index) => splits[index] !== undefined).map(({ referralId }) => referralId))];
  if (referralIds.length === 0) return values.map(({ value }) => value);
  const rows = await db.selectFrom("referral_data_keys").select(["referral_id", "key_ref", "wrapped"]).where("referral_id", "in", referralIds).where("wrapped", "is not", null).execute();
  const wrappedOf = new Map(rows.map((row) => [`${row.referral_id}\u0000${row.key_ref}`, row.wrapped!]));
  return values.map(({ referralId, value }, index) => {
    const split = splits[index];
    const wrapped = split === undefined ? undefined : wrappedOf.get(`${referralId}\u0000${split.keyRef}`);
    return split === undefined || wrapped === undefined ? value : carried(split.stored, wrapped);
  });
}

/** One live data key of the referral, for sealing with it what the master key sealed before data keys (the oldest kept first). */
export async function dataKeyOf(db: Kysely<Tables>, referralId: string): Promise<{ keyRef: string; wrapped: string } | undefined> {
  const row = await db.selectFrom("referral_data_keys").select(["key_ref", "wrapped"]).where("referral_id", "=", referralId).where("wrapped", "is not", null).orderBy("key_ref").limit(1).executeTakeFirst();
  return row === undefined ? undefined : { keyRef: row.key_ref, wrapped: row.wrapped! };
}

/** How many live data keys each master key wraps: { "1a2b3c4d": 12 }. */
export async function dataKeyCounts(db: Kysely<Tables>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("referral_data_keys")
    .select((eb) => ["key_id", eb.fn.countAll<number | string | bigint>().as("count")])
    .where("wrapped", "is not", null)
    .groupBy("key_id")
    .orderBy("key_id")
    .execute();
  return Object.fromEntries(rows.filter((row) => row.key_id !== null).map((row) => [row.key_id!, Number(row.count)]));
}
