// Referral drafts, kept per user for 7 days so that closing Teams loses nothing (issue 10, point
// 1): the same shape as check sessions (compare-and-set versions, an expiry), their content sealed.
// And the referrer's role and agency, remembered for their next referral. Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("referral_drafts")
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("user_id", "text", (column) => column.notNull())
    .addColumn("state", "text", (column) => column.notNull())
    .addColumn("version", "integer", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("referral_drafts_expires_at").on("referral_drafts").column("expires_at").execute();
  await db.schema.createIndex("referral_drafts_user_updated").on("referral_drafts").columns(["user_id", "updated_at"]).execute();
  await db.schema.alterTable("user_settings").addColumn("referrer_role", "text").execute();
  await db.schema.alterTable("user_settings").addColumn("referrer_agency", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("user_settings").dropColumn("referrer_agency").execute();
  await db.schema.alterTable("user_settings").dropColumn("referrer_role").execute();
  await db.schema.dropTable("referral_drafts").execute();
}
