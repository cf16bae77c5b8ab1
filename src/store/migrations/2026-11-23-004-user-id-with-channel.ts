// Issue 8, point 9: a user id is now "<channelId>:<id>" (in Teams, "msteams:<AAD object id>"), so
// that a caller on another channel who chooses their own id can never match a Teams user. Rows
// written before were keyed by the AAD object id alone, from Teams: prefix them, so an open check
// and a remembered safeguarding lead's email carry over. Frozen once released.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["check_sessions", "user_settings"]) {
    await sql`update ${sql.table(table)} set user_id = ${"msteams:"} || user_id where user_id not like ${"%:%"}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["check_sessions", "user_settings"]) {
    await sql`update ${sql.table(table)} set user_id = substr(user_id, ${"msteams:".length + 1}) where user_id like ${"msteams:%"}`.execute(db);
  }
}
