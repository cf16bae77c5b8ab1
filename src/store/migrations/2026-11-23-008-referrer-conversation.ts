// Where to tell the referrer what happened to their referral (issue 10, point 7): their 1:1 chat
// with the bot, as JSON { serviceUrl, conversationId }. Not personal data about the child. Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referrals").addColumn("referrer_conversation", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referrals").dropColumn("referrer_conversation").execute();
}
