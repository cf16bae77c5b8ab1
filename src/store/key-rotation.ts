// Key rotation: which key seals what the database holds, and a rotation (data-key-rotation.ts does
// the data keys and match hashes): every data key the previous key wrapped is wrapped again; what
// the previous key sealed itself (drafts, what is remembered for a user, a purged referral's
// history) is sealed again with the current key; and a live referral's values that a master key
// sealed itself, before referrals had data keys, are sealed with the referral's own data key, so
// that erasing it reaches them too (`npm run keys -- upgrade` does that alone, with no rotation).
// In batches, each row by compare-and-set, so a rotation can stop at any point (killed, a deploy)
// and be run again to go on, beside running bots that open both keys meanwhile
// (REFERRAL_KEY_PREVIOUS).
import type { Kysely } from "kysely";
import type { Json } from "../services/referral-crypto-port.ts";
import { type BatchBudget, UNRECORDED_KEY, batchBudget, matchKeyCounts, remakeMatchKeys, rewrapDataKeys } from "./data-key-rotation.ts";
import { splitValue } from "./data-key-sealing.ts";
import { keyIdOfSealed, SEALED_MIN_LENGTH, SEALED_VERSION, type StoreCrypto } from "./referral-crypto.ts";
import { dataKeyCounts, dataKeyOf, forStorage, keepDataKey } from "./referral-data-keys.ts";
import type { Tables } from "./tables.ts";

type Row = Record<string, unknown>;

/** A column holding sealed values: its row's key, where the sealed value sits in it, and what it was sealed for. */
type SealedColumn = {
  readonly table: "referrals" | "referral_events" | "referral_drafts" | "user_settings";
  readonly column: string;
  readonly key: readonly string[];
  readonly aad: (row: Row) => string;
  /** What is written before the sealed value in the stored text, for start-up's key check (referral-key-ids.ts). */
  readonly before: string;
  /** The sealed value in the stored text, and the stored text for a new sealed value (a draft keeps {"sealed": …}). */
  readonly unwrap: (stored: string) => string | undefined;
  readonly wrap: (sealed: string) => string;
  /** The referral whose data key seals the column's values, for a referral's own columns. */
  readonly referralOf?: (row: Row) => string;
};

const plain = { before: "", unwrap: (stored: string) => stored, wrap: (sealed: string) => sealed };
const userSetting = (column: string): SealedColumn => ({ table: "user_settings", column, key: ["user_id"], aad: (row) => `user-settings:${String(row.user_id)}:${column}`, ...plain });

/**
 * Every column that holds sealed values: the one list start-up's key check (referral-key-ids.ts)
 * and a rotation read. Events outlive the purge of a referral's fields; what the bot remembers for
 * a user is sealed too (one stored in clear before then is shorter, or names no key).
 */
export const SEALED: readonly SealedColumn[] = [
  { table: "referrals", column: "sealed", key: ["id"], aad: (row) => `referral:${String(row.id)}:personal`, referralOf: (row) => String(row.id), ...plain },
  { table: "referral_events", column: "sealed_details", key: ["referral_id", "seq"], aad: (row) => `referral:${String(row.referral_id)}:event`, referralOf: (row) => String(row.referral_id), ...plain },
  {
    table: "referral_drafts",
    column: "state",
    key: ["id"],
    aad: (row) => `draft:${String(row.id)}`,
    // A draft's state is the JSON {"sealed": …} (referral-service.ts), as the check-session repository writes it.
    before: '{"sealed":"',
    unwrap: (stored) => {
      try {
        const sealed = (JSON.parse(stored) as { sealed?: unknown }).sealed;
        return typeof sealed === "string" ? sealed : undefined;
      } catch {
        return undefined;
      }
    },
    wrap: (sealed) => JSON.stringify({ sealed }),
  },
  userSetting("dsl_email"),
  userSetting("referrer_role"),
  userSetting("referrer_agency"),
];

const nameOf = (column: SealedColumn) => `${column.table}.${column.column}`;
const keyIdOf = (column: SealedColumn, stored: unknown) => {
  if (typeof stored !== "string" || stored.length < SEALED_MIN_LENGTH) return undefined;
  const sealed = column.unwrap(stored);
  return sealed === undefined ? undefined : keyIdOfSealed(sealed);
};

/** In counts, values sealed with their referral's own data key (that key is counted under referral_data_keys). */
export const OWN_DATA_KEY = "own data key";
export { UNRECORDED_KEY };

/**
 * Every sealed value's key id, by column, read a batch at a time; then how many data keys each
 * master key wraps, and which key made the match hashes: { "referrals.sealed": { "1a2b3c4d": 2,
 * [OWN_DATA_KEY]: 10 }, …, "referral_data_keys": { "1a2b3c4d": 10 }, "referral_match_keys": … }.
 */
export async function sealedCounts(db: Kysely<Tables>, batch = 500): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const column of SEALED) {
    const byKey: Record<string, number> = {};
    for (let offset = 0; ; offset += batch) {
      const rows = (await db.selectFrom(column.table).select(column.column as never).orderBy(column.key as never).limit(batch).offset(offset).execute()) as Row[];
      for (const row of rows) {
        const stored = row[column.column];
        const keyId = keyIdOf(column, stored) ?? (column.referralOf !== undefined && typeof stored === "string" && splitValue(stored) !== undefined ? OWN_DATA_KEY : undefined);
        if (keyId !== undefined) byKey[keyId] = (byKey[keyId] ?? 0) + 1;
      }
      if (rows.length < batch) break;
    }
    counts[nameOf(column)] = byKey;
  }
  counts["referral_data_keys"] = await dataKeyCounts(db);
  counts["referral_match_keys"] = await matchKeyCounts(db);
  return counts;
}

/** Data keys wrapped again, values sealed again (with the current key, or with their referral's data key), and how many things the previous key still holds. */
export type RotationProgress = { readonly rewrapped: number; readonly resealed: number; readonly left: number };

export type BatchOptions = { batch?: number; maxBatches?: number };

/**
 * A rotation, `batch` rows read at a time, at most `maxBatches` batches (all when undefined): data
 * keys wrapped again, values sealed again, match hashes made again, as the file's head says. Once
 * the previous key holds nothing, the database records the current key alone.
 */
export async function rotateSealed(db: Kysely<Tables>, crypto: StoreCrypto, { batch = 200, maxBatches }: BatchOptions = {}): Promise<RotationProgress> {
  const previous = crypto.previousKeyId;
  if (previous === undefined) throw new Error("no previous key: set REFERRAL_KEY_PREVIOUS to the key REFERRAL_KEY replaces");
  await db.insertInto("referral_key_ids").values({ key_id: crypto.keyId, recorded_at: Date.now() }).onConflict((conflict) => conflict.column("key_id").doNothing()).execute();
  const budget = batchBudget(maxBatches);
  const rewrapped = await rewrapDataKeys(db, crypto, previous, batch, budget);
  const resealed = await sealAgain(db, crypto, previous, batch, budget);
  await remakeMatchKeys(db, crypto, batch, budget);
  const counts = await sealedCounts(db);
  // A hash that names no key may be the previous key's: made again before the rotation is done.
  const left = Object.values(counts).reduce((sum, byKey) => sum + (byKey[previous] ?? 0), 0) + (counts["referral_match_keys"]?.[UNRECORDED_KEY] ?? 0);
  if (left === 0) await db.deleteFrom("referral_key_ids").where("key_id", "=", previous).execute();
  return { rewrapped, resealed, left };
}

/**
 * Without a rotation: every live referral's values that a master key sealed itself (from before
 * referrals had data keys) sealed with the referral's own data key. Returns how many, and how many
 * are left (a rotation's `left`: none, as no previous key is set).
 */
export async function moveToDataKeys(db: Kysely<Tables>, crypto: StoreCrypto, { batch = 200, maxBatches }: BatchOptions = {}): Promise<RotationProgress> {
  const resealed = await sealAgain(db, crypto, undefined, batch, batchBudget(maxBatches));
  return { rewrapped: 0, resealed, left: await masterSealedOfLiveReferrals(db) };
}

/** How many values of referrals not purged a master key sealed itself: what `moveToDataKeys` has yet to move. */
async function masterSealedOfLiveReferrals(db: Kysely<Tables>): Promise<number> {
  const referrals = await db.selectFrom("referrals").select((eb) => eb.fn.countAll<number | string | bigint>().as("count")).where("sealed", "like", `${SEALED_VERSION}.%`).executeTakeFirst();
  const events = await db
    .selectFrom("referral_events")
    .innerJoin("referrals", "referrals.id", "referral_events.referral_id")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("count"))
    .where("referrals.sealed", "is not", null)
    .where("referral_events.sealed_details", "like", `${SEALED_VERSION}.%`)
    .executeTakeFirst();
  return Number(referrals?.count ?? 0) + Number(events?.count ?? 0);
}

/**
 * Each sealed value a master key sealed itself: a live referral's (any key) sealed with the
 * referral's data key; the rest, if `previous` sealed it, sealed again with the current key.
 */
async function sealAgain(db: Kysely<Tables>, crypto: StoreCrypto, previous: string | undefined, batch: number, budget: BatchBudget): Promise<number> {
  let resealed = 0;
  for (const column of SEALED) {
    for (let offset = 0; budget.take(); offset += batch) {
      const rows = (await db.selectFrom(column.table).selectAll().orderBy(column.key as never).limit(batch).offset(offset).execute()) as Row[];
      const live = await liveReferrals(db, column, rows);
      for (const row of rows) {
        const stored = row[column.column];
        const keyId = keyIdOf(column, stored);
        if (keyId === undefined) continue;
        const referralId = column.referralOf?.(row);
        const toDataKey = referralId !== undefined && live.has(referralId);
        if (!toDataKey && keyId !== previous) continue;
        if (await resealRow(db, crypto, column, row, stored as string, toDataKey ? referralId : undefined)) resealed += 1;
      }
      if (rows.length < batch) break;
    }
  }
  return resealed;
}

/** The referrals among `rows`' that are not purged: a purged one's history stays sealed with the master key, as the purge left it. */
async function liveReferrals(db: Kysely<Tables>, column: SealedColumn, rows: readonly Row[]): Promise<ReadonlySet<string>> {
  if (column.referralOf === undefined || rows.length === 0) return new Set();
  const ids = [...new Set(rows.map(column.referralOf))];
  const live = await db.selectFrom("referrals").select("id").where("id", "in", ids).where("sealed", "is not", null).execute();
  return new Set(live.map((row) => row.id));
}

/**
 * One row sealed again, if it still holds what was read (a bot may have changed it meanwhile: then
 * it is left for the next run): with the referral's data key when `referralId` is given (its oldest
 * kept one, or a new one kept beside it), else with the current master key.
 */
async function resealRow(db: Kysely<Tables>, crypto: StoreCrypto, column: SealedColumn, row: Row, stored: string, referralId: string | undefined): Promise<boolean> {
  const sealed = column.unwrap(stored)!;
  const aad = column.aad(row);
  const opened = crypto.openJson(sealed, { aad }) as Json;
  const next = referralId === undefined ? { stored: crypto.sealJson(opened, { aad, outlivesErasure: true }), dataKey: undefined } : forStorage(crypto.sealWithDataKey(opened, { aad, given: await dataKeyOf(db, referralId) }));
  return db.transaction().execute(async (trx) => {
    let update = trx.updateTable(column.table).set({ [column.column]: column.wrap(next.stored) } as never).where(column.column as never, "=", stored as never);
    for (const key of column.key) update = update.where(key as never, "=", row[key] as never);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (referralId !== undefined) await keepDataKey(trx, referralId, next);
    return true;
  });
}
