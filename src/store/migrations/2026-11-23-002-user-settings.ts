// Issue 9 "Keep and share": each user's safeguarding lead's email, asked once and remembered, and
// an index to find a user's latest check ("Show my last result"). Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_settings")
    .addColumn("user_id", "text", (column) => column.primaryKey())
    .addColumn("dsl_email", "text")
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("check_sessions_user_updated").on("check_sessions").columns(["user_id", "updated_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("check_sessions_user_updated").execute();
  await db.schema.dropTable("user_settings").execute();
}
