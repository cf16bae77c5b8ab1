// When a referral was decided (issue 10, point 10): its personal fields are purged RETENTION_DAYS
// after the decision, so the sweep needs the time as a column it can compare; null while it is
// open (and again once reopened). Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referrals").addColumn("decided_at", "bigint").execute();
  await db.schema.createIndex("referrals_decided_at").on("referrals").column("decided_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("referrals_decided_at").execute();
  await db.schema.alterTable("referrals").dropColumn("decided_at").execute();
}
