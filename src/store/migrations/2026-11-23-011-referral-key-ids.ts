// Which master key (REFERRAL_KEY) sealed what the database holds, by its key id: 4 bytes derived
// from the key by HKDF (referral-crypto.ts), which tell keys apart and reveal nothing of them. A
// new or lost key used to start and report ready, and only then fail on every referral; with this
// record, start-up refuses a key that cannot open what is here (referral-key-ids.ts). Empty until
// a process starts on it; rows sealed before this migration are found by their own key ids then.
// Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("referral_key_ids")
    .addColumn("key_id", "text", (column) => column.primaryKey())
    .addColumn("recorded_at", "bigint", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("referral_key_ids").execute();
}
