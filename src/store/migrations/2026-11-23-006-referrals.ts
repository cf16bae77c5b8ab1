// Referrals, their audit trail, the outbox and triage channels (issue 10; DESIGN.md "Referral",
// "Triage", "Delivery"). Personal fields are sealed (AES-256-GCM) before they reach a table;
// matching the same child uses keyed hashes. Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("referrals")
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("reference", "text", (column) => column.notNull().unique())
    .addColumn("area_id", "text", (column) => column.notNull())
    .addColumn("referrer_id", "text", (column) => column.notNull())
    // A retried submission carries the same key; the unique index turns it into one referral.
    .addColumn("idempotency_key", "text", (column) => column.notNull().unique())
    .addColumn("submitted_at", "bigint", (column) => column.notNull())
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("version", "integer", (column) => column.notNull())
    .addColumn("summary", "text", (column) => column.notNull())
    .addColumn("triage", "text", (column) => column.notNull())
    // Null once the personal fields are purged after the retention period; the rest stays.
    .addColumn("sealed", "text")
    .execute();
  await db.schema.createIndex("referrals_area_status").on("referrals").columns(["area_id", "status", "submitted_at"]).execute();
  await db.schema.createIndex("referrals_referrer").on("referrals").columns(["referrer_id", "submitted_at"]).execute();

  // The last number given per area and year: the next reference is one more, inside the submit's transaction.
  await db.schema
    .createTable("reference_counters")
    .addColumn("code", "text", (column) => column.notNull())
    .addColumn("year", "integer", (column) => column.notNull())
    .addColumn("last", "integer", (column) => column.notNull())
    .addPrimaryKeyConstraint("reference_counters_pk", ["code", "year"])
    .execute();

  // Append-only: rows are inserted, never updated or deleted.
  await db.schema
    .createTable("referral_events")
    .addColumn("referral_id", "text", (column) => column.notNull().references("referrals.id"))
    .addColumn("seq", "integer", (column) => column.notNull())
    .addColumn("at", "bigint", (column) => column.notNull())
    .addColumn("actor_id", "text", (column) => column.notNull())
    .addColumn("type", "text", (column) => column.notNull())
    .addColumn("sealed_details", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("referral_events_pk", ["referral_id", "seq"])
    .execute();

  await db.schema
    .createTable("referral_match_keys")
    .addColumn("referral_id", "text", (column) => column.notNull().references("referrals.id"))
    .addColumn("area_id", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("hash", "text", (column) => column.notNull())
    .addColumn("submitted_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("referral_match_keys_lookup").on("referral_match_keys").columns(["area_id", "hash", "submitted_at"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("referral_id", "text", (column) => column.notNull().references("referrals.id"))
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("payload", "text", (column) => column.notNull())
    // pending → done (row deleted) | dead (kept, visible, retried on demand)
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("attempts", "integer", (column) => column.notNull())
    .addColumn("due_at", "bigint", (column) => column.notNull())
    .addColumn("claim", "text")
    .addColumn("claimed_until", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "due_at"]).execute();

  await db.schema
    .createTable("triage_channels")
    .addColumn("area_id", "text", (column) => column.primaryKey())
    .addColumn("service_url", "text", (column) => column.notNull())
    .addColumn("tenant_id", "text", (column) => column.notNull())
    .addColumn("team_id", "text", (column) => column.notNull())
    .addColumn("channel_id", "text", (column) => column.notNull())
    .addColumn("registered_by", "text", (column) => column.notNull())
    .addColumn("registered_at", "bigint", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("referral_posts")
    .addColumn("referral_id", "text", (column) => column.notNull().references("referrals.id"))
    .addColumn("conversation_id", "text", (column) => column.notNull())
    .addColumn("activity_id", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("referral_posts_pk", ["referral_id", "conversation_id", "activity_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["referral_posts", "triage_channels", "outbox", "referral_match_keys", "referral_events", "reference_counters", "referrals"]) {
    await db.schema.dropTable(table).execute();
  }
}
