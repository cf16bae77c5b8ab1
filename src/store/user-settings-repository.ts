// UserSettingsStore (src/services/user-settings-store.ts) on Kysely, for SQLite and PostgreSQL alike.
import type { Kysely } from "kysely";
import type { UserSettingsStore } from "../services/user-settings-store.ts";
import type { Tables } from "./tables.ts";

export function createUserSettingsRepository(db: Kysely<Tables>): UserSettingsStore {
  return {
    async dslEmail(userId) {
      const row = await db.selectFrom("user_settings").select("dsl_email").where("user_id", "=", userId).executeTakeFirst();
      return row?.dsl_email ?? undefined;
    },

    async setDslEmail(userId, email, at) {
      await db
        .insertInto("user_settings")
        .values({ user_id: userId, dsl_email: email, updated_at: at.getTime() })
        .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ dsl_email: email, updated_at: at.getTime() }))
        .execute();
    },
  };
}
