// A referral handed over to another area (DOMAIN.md §9, added 2026-12-07: a transfer posts its
// card in the receiving area's channel; the first area's card shows it was transferred). The
// referral keeps its hand-overs (area ids, who, when: JSON, never a reason), and each posted card
// the area whose channel it is in, so every copy is kept in step with the right view. Cards posted
// before this migration were in their referral's area, which no referral had left yet. Frozen once
// released.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referrals").addColumn("handovers", "text", (column) => column.notNull().defaultTo("[]")).execute();
  await db.schema.alterTable("referral_posts").addColumn("area_id", "text").execute();
  await sql`update referral_posts set area_id = (select area_id from referrals where referrals.id = referral_posts.referral_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referral_posts").dropColumn("area_id").execute();
  await db.schema.alterTable("referrals").dropColumn("handovers").execute();
}
