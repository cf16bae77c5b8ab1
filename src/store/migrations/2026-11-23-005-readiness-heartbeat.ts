// Issue 8, point 2: one row that /readyz rewrites on every check, so readiness proves a write and
// not only that the database answers. Frozen once released.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("readiness_heartbeat")
    .addColumn("id", "integer", (column) => column.primaryKey())
    // Epoch milliseconds of the last successful check.
    .addColumn("at", "bigint", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("readiness_heartbeat").execute();
}
