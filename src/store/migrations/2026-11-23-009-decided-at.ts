// When a referral was decided (issue 10, point 10): its personal fields are purged RETENTION_DAYS
// after the decision, so the sweep needs the time as a column it can compare; null while it is
// open (and again once reopened). Referrals decided before this migration get theirs from their
// triage state, so none escapes the purge. Frozen once released.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referrals").addColumn("decided_at", "bigint").execute();
  await db.schema.createIndex("referrals_decided_at").on("referrals").column("decided_at").execute();
  const decided = await sql<{ id: string; triage: string }>`select id, triage from referrals where status = 'decided'`.execute(db);
  for (const row of decided.rows) {
    const at = Date.parse((JSON.parse(row.triage) as { decided?: { at?: string } }).decided?.at ?? "");
    // A state without a readable time counts from now: purged a full retention period later, never sooner.
    await sql`update referrals set decided_at = ${Number.isNaN(at) ? Date.now() : at} where id = ${row.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("referrals_decided_at").execute();
  await db.schema.alterTable("referrals").dropColumn("decided_at").execute();
}
