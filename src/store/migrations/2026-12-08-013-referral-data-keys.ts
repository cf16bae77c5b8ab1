// Each referral's own data key (DESIGN.md "Sealing and erasure"), kept only wrapped by a key
// derived from REFERRAL_KEY, with the id of the master key that wrapped it, so that start-up can
// refuse a key that cannot unwrap it and a rotation finds what it must wrap again. A referral may
// have more than one (data-key-sealing.ts says when); the purge erases them all, leaving the row
// with no key (`wrapped` and `key_id` null), so that a process still holding the erased key in
// memory can never store it again. And the id of the master key that made each match hash, so a
// rotation knows which hashes it has made again: null for a hash made before this migration.
// Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("referral_data_keys")
    .addColumn("referral_id", "text", (column) => column.notNull().references("referrals.id"))
    .addColumn("key_ref", "text", (column) => column.notNull())
    .addColumn("key_id", "text")
    .addColumn("wrapped", "text")
    .addPrimaryKeyConstraint("referral_data_keys_pk", ["referral_id", "key_ref"])
    .execute();
  await db.schema.createIndex("referral_data_keys_key_id").on("referral_data_keys").columns(["key_id", "referral_id", "key_ref"]).execute();
  await db.schema.alterTable("referral_match_keys").addColumn("key_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referral_match_keys").dropColumn("key_id").execute();
  await db.schema.dropTable("referral_data_keys").execute();
}
