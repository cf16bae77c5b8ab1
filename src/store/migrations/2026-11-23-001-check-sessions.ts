// Guided-check sessions (DESIGN.md "Guided check"). A migration is frozen once released: it uses
// `Kysely<unknown>`, not `Tables`, because `Tables` describes the schema after the latest one.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("check_sessions")
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("user_id", "text", (column) => column.notNull())
    .addColumn("state", "text", (column) => column.notNull())
    .addColumn("version", "integer", (column) => column.notNull())
    // Epoch milliseconds; see src/store/tables.ts for why not timestamptz.
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .execute();
  // deleteExpired sweeps by expires_at; without the index every sweep reads the whole table.
  await db.schema.createIndex("check_sessions_expires_at").on("check_sessions").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("check_sessions").execute();
}
