// Key rotation: which key seals what the database holds, and sealing again
// with the current key what the previous one sealed, in batches, each row by compare-and-set, so a
// rotation can stop at any point (killed, a deploy) and be run again to go on, beside running bots
// that open both keys meanwhile (REFERRAL_KEY_PREVIOUS). A referral sealed again gets its match
// hashes made again from its opened fields in the same transaction.
import type { Kysely } from "kysely";
import type { Json, ReferralCrypto } from "../services/referral-crypto-port.ts";
import { keyIdOfSealed, SEALED_MIN_LENGTH } from "./referral-crypto.ts";
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
};

const plain = { before: "", unwrap: (stored: string) => stored, wrap: (sealed: string) => sealed };
const userSetting = (column: string): SealedColumn => ({ table: "user_settings", column, key: ["user_id"], aad: (row) => `user-settings:${String(row.user_id)}:${column}`, ...plain });

/**
 * Every column that holds sealed values: the one list start-up's key check (referral-key-ids.ts)
 * and a rotation read. Events outlive the purge of a referral's fields; what the bot remembers for
 * a user is sealed too (one stored in clear before then is shorter, or names no key).
 */
export const SEALED: readonly SealedColumn[] = [
  { table: "referrals", column: "sealed", key: ["id"], aad: (row) => `referral:${String(row.id)}:personal`, ...plain },
  { table: "referral_events", column: "sealed_details", key: ["referral_id", "seq"], aad: (row) => `referral:${String(row.referral_id)}:event`, ...plain },
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

/** Every sealed value's key id, by column: { "referrals.sealed": { "1a2b3c4d": 12 } }. Read a batch at a time. */
export async function sealedCounts(db: Kysely<Tables>, batch = 500): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const column of SEALED) {
    const byKey: Record<string, number> = {};
    for (let offset = 0; ; offset += batch) {
      const rows = (await db.selectFrom(column.table).select(column.column as never).orderBy(column.key as never).limit(batch).offset(offset).execute()) as Row[];
      for (const row of rows) {
        const keyId = keyIdOf(column, row[column.column]);
        if (keyId !== undefined) byKey[keyId] = (byKey[keyId] ?? 0) + 1;
      }
      if (rows.length < batch) break;
    }
    counts[nameOf(column)] = byKey;
  }
  return counts;
}

export type RotationProgress = { readonly resealed: number; readonly left: number };

/**
 * Seals again with `crypto`'s current key every value its previous key sealed, `batch` rows read at
 * a time, at most `maxBatches` batches (all when undefined); returns how many were sealed again and
 * how many are left. Once none is left, the database records the current key alone.
 */
export async function rotateSealed(db: Kysely<Tables>, crypto: ReferralCrypto, { batch = 200, maxBatches }: { batch?: number; maxBatches?: number } = {}): Promise<RotationProgress> {
  const previous = crypto.previousKeyId;
  if (previous === undefined) throw new Error("no previous key: set REFERRAL_KEY_PREVIOUS to the key REFERRAL_KEY replaces");
  await db.insertInto("referral_key_ids").values({ key_id: crypto.keyId, recorded_at: Date.now() }).onConflict((conflict) => conflict.column("key_id").doNothing()).execute();
  let resealed = 0;
  let batches = 0;
  for (const column of SEALED) {
    for (let offset = 0; maxBatches === undefined || batches < maxBatches; offset += batch) {
      batches += 1;
      const rows = (await db.selectFrom(column.table).selectAll().orderBy(column.key as never).limit(batch).offset(offset).execute()) as Row[];
      for (const row of rows) {
        const stored = row[column.column];
        if (keyIdOf(column, stored) !== previous) continue;
        if (await resealRow(db, crypto, column, row, stored as string)) resealed += 1;
      }
      if (rows.length < batch) break;
    }
  }
  const left = Object.values(await sealedCounts(db)).reduce((sum, byKey) => sum + (byKey[previous] ?? 0), 0);
  if (left === 0) await db.deleteFrom("referral_key_ids").where("key_id", "=", previous).execute();
  return { resealed, left };
}

/** One row sealed again, if it still holds what was read (a bot may have changed it meanwhile: then it is left for the next run). */
async function resealRow(db: Kysely<Tables>, crypto: ReferralCrypto, column: SealedColumn, row: Row, stored: string): Promise<boolean> {
  const sealed = column.unwrap(stored)!;
  const aad = column.aad(row);
  const opened = crypto.openJson(sealed, { aad });
  const next = column.wrap(crypto.sealJson(opened as Json, { aad }));
  return db.transaction().execute(async (trx) => {
    let update = trx.updateTable(column.table).set({ [column.column]: next } as never).where(column.column as never, "=", stored as never);
    for (const key of column.key) update = update.where(key as never, "=", row[key] as never);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (column.table === "referrals") {
      // The match hashes, made again from the opened fields with the current key.
      const child = ((opened as { child?: unknown } | null)?.child ?? {}) as Parameters<ReferralCrypto["matchKeys"]>[0];
      await trx.deleteFrom("referral_match_keys").where("referral_id", "=", String(row.id)).execute();
      const keys = crypto.matchKeys(child);
      if (keys.length > 0) {
        await trx
          .insertInto("referral_match_keys")
          .values(keys.map((key) => ({ referral_id: String(row.id), area_id: String(row.area_id), kind: key.kind, hash: key.hash, submitted_at: Number(row.submitted_at) })))
          .execute();
      }
    }
    return true;
  });
}
