// The names of an area's triage members as Teams gave them when they last pressed a referral card
// (issue 10, point 7: "assign to a colleague"). The roles file lists AAD object ids only; this is
// how a colleague appears by name on the card. Staff names, never a child's. Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("triage_people")
    .addColumn("area_id", "text", (column) => column.notNull())
    .addColumn("aad_object_id", "text", (column) => column.notNull())
    .addColumn("name", "text", (column) => column.notNull())
    // Their Teams user id in the bot's conversations ("29:…"), for the card's refresh.userIds.
    .addColumn("teams_id", "text")
    .addColumn("seen_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("triage_people_pk", ["area_id", "aad_object_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("triage_people").execute();
}
