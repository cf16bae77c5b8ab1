// UserSettingsStore (src/services/user-settings-store.ts) on Kysely, for SQLite and PostgreSQL alike.
// What is remembered for a user (their role, their organisation, their safeguarding
// lead's email) is sealed like a referral's fields, bound to the user and the column; a value
// stored in clear before then is still read, and sealed the next time it is written.
import type { Kysely } from "kysely";
import type { UserSettingsStore } from "../services/user-settings-store.ts";
import { keyIdOfSealed, SEALED_MIN_LENGTH, type ReferralCrypto } from "./referral-crypto.ts";
import type { Tables } from "./tables.ts";

type Column = "dsl_email" | "referrer_role" | "referrer_agency";

export function createUserSettingsRepository(db: Kysely<Tables>, crypto: ReferralCrypto): UserSettingsStore {
  const aad = (userId: string, column: Column) => `user-settings:${userId}:${column}`;
  const seal = (userId: string, column: Column, value: string) => crypto.sealJson(value, { aad: aad(userId, column) });
  const open = (userId: string, column: Column, stored: string | null | undefined): string | undefined => {
    if (stored === null || stored === undefined || stored === "") return undefined;
    if (stored.length < SEALED_MIN_LENGTH || keyIdOfSealed(stored) === undefined) return stored;
    const value = crypto.openJson(stored, { aad: aad(userId, column) });
    return typeof value === "string" && value !== "" ? value : undefined;
  };

  return {
    async dslEmail(userId) {
      const row = await db.selectFrom("user_settings").select("dsl_email").where("user_id", "=", userId).executeTakeFirst();
      return open(userId, "dsl_email", row?.dsl_email);
    },

    async setDslEmail(userId, email, at) {
      const sealed = seal(userId, "dsl_email", email);
      await db
        .insertInto("user_settings")
        .values({ user_id: userId, dsl_email: sealed, updated_at: at.getTime() })
        .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ dsl_email: sealed, updated_at: at.getTime() }))
        .execute();
    },

    async referrer(userId) {
      const row = await db.selectFrom("user_settings").select(["referrer_role", "referrer_agency"]).where("user_id", "=", userId).executeTakeFirst();
      const role = open(userId, "referrer_role", row?.referrer_role);
      const agency = open(userId, "referrer_agency", row?.referrer_agency);
      return { ...(role === undefined ? {} : { role }), ...(agency === undefined ? {} : { agency }) };
    },

    async rememberReferrer(userId, role, agency, at) {
      const sealed = { referrer_role: seal(userId, "referrer_role", role), referrer_agency: seal(userId, "referrer_agency", agency) };
      await db
        .insertInto("user_settings")
        .values({ user_id: userId, dsl_email: null, ...sealed, updated_at: at.getTime() })
        .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ ...sealed, updated_at: at.getTime() }))
        .execute();
    },

    async forget(userId) {
      await db.deleteFrom("user_settings").where("user_id", "=", userId).execute();
    },
  };
}
