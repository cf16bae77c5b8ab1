// Which master key sealed what the database holds (migration 011), so that start-up can refuse a
// key that cannot open it: a changed REFERRAL_KEY, or a local key file lost and made again, used
// to start and report ready, and then fail on every referral, draft and history line. Only key ids
// are kept (referral-crypto.ts: 4 bytes by HKDF), never a key.
//
// The record is written at start-up, before this process seals anything: the configured key's id
// when nothing sealed is here yet. A database sealed before the record was kept has its key ids
// read from the rows themselves, once: every value the master key sealed itself begins with its
// key's id. Each referral's data key is kept with the id of the key that wrapped it, and those ids
// are always named too: a key that cannot unwrap them cannot open the referrals.
import { type Kysely, sql } from "kysely";
import { SEALED } from "./key-rotation.ts";
import { KEY_ID_PREFIX_LENGTH, SEALED_MIN_LENGTH, keyIdOfSealed } from "./referral-crypto.ts";
import type { Tables } from "./tables.ts";


/**
 * The ids of the keys that sealed what the database holds, sorted; empty when it holds nothing
 * sealed (a new database, or one whose referrals and drafts are all gone).
 */
export async function sealedKeyIds(db: Kysely<Tables>): Promise<readonly string[]> {
  const wrapping = await wrappingKeyIds(db);
  if (wrapping.length === 0 && !(await holdsSealedRows(db))) return [];
  const recorded = await recordedKeyIds(db);
  if (recorded.length > 0) return union(recorded, wrapping);
  const found = union(await keyIdsOfRows(db), wrapping);
  await db.transaction().execute(async (trx) => {
    for (const keyId of found) await insertKeyId(trx, keyId);
  });
  return found;
}

const union = (first: readonly string[], second: readonly string[]) => [...new Set([...first, ...second])].sort();

/** The ids of the keys that wrap the data keys still kept (an erased one names none). */
async function wrappingKeyIds(db: Kysely<Tables>): Promise<string[]> {
  const rows = await db.selectFrom("referral_data_keys").select("key_id").distinct().where("key_id", "is not", null).where("wrapped", "is not", null).execute();
  return rows.map((row) => row.key_id!).sort();
}

/**
 * Records `keyId` as the key that seals from now on. Only for a database that holds nothing sealed
 * (sealedKeyIds gave none), where any other key it names sealed nothing that is left.
 */
export async function recordSealingKey(db: Kysely<Tables>, keyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("referral_key_ids").where("key_id", "!=", keyId).execute();
    await insertKeyId(trx, keyId);
  });
}

async function holdsSealedRows(db: Kysely<Tables>): Promise<boolean> {
  for (const { table, column, before } of SEALED) {
    const row = await db.selectFrom(table).select(sql<number>`1`.as("found")).where(mayBeSealed(column, before)).limit(1).executeTakeFirst();
    if (row !== undefined) return true;
  }
  return false;
}

/** Long enough to hold a sealed value: what is shorter (a placeholder, a row cut short) no key could open, so it names no key. */
const mayBeSealed = (column: string, before: string) => sql<boolean>`length(${sql.ref(column)}) >= ${sql.lit(before.length + SEALED_MIN_LENGTH)}`;

async function recordedKeyIds(db: Kysely<Tables>): Promise<string[]> {
  const rows = await db.selectFrom("referral_key_ids").select("key_id").orderBy("key_id").execute();
  return rows.map((row) => row.key_id);
}

/**
 * The key ids the sealed values themselves begin with. Only their first characters are read, and
 * told apart in SQL: each key gives at most 16 (the last character also holds 4 bits of the IV).
 */
async function keyIdsOfRows(db: Kysely<Tables>): Promise<string[]> {
  const found = new Set<string>();
  for (const { table, column, before } of SEALED) {
    const rows = await db
      .selectFrom(table)
      .select(sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(before.length + KEY_ID_PREFIX_LENGTH)})`.as("head"))
      .where(mayBeSealed(column, before))
      .distinct()
      .execute();
    for (const { head } of rows) {
      const keyId = head.startsWith(before) ? keyIdOfSealed(head.slice(before.length)) : undefined;
      if (keyId !== undefined) found.add(keyId);
    }
  }
  return [...found].sort();
}

async function insertKeyId(db: Kysely<Tables>, keyId: string): Promise<void> {
  await db
    .insertInto("referral_key_ids")
    .values({ key_id: keyId, recorded_at: Date.now() })
    .onConflict((conflict) => conflict.column("key_id").doNothing())
    .execute();
}
