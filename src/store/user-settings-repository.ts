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

    async referrer(userId) {
      const row = await db.selectFrom("user_settings").select(["referrer_role", "referrer_agency"]).where("user_id", "=", userId).executeTakeFirst();
      return { ...(row?.referrer_role ? { role: row.referrer_role } : {}), ...(row?.referrer_agency ? { agency: row.referrer_agency } : {}) };
    },

    async rememberReferrer(userId, role, agency, at) {
      await db
        .insertInto("user_settings")
        .values({ user_id: userId, dsl_email: null, referrer_role: role, referrer_agency: agency, updated_at: at.getTime() })
        .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ referrer_role: role, referrer_agency: agency, updated_at: at.getTime() }))
        .execute();
    },
  };
}
