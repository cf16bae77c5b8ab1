// Which key sealed what the database holds (migration 011): read from the record, or, for rows
// sealed before the record was kept, from the rows themselves; a database with nothing sealed
// names no key, so any key may start on it.
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { createReferralCrypto, keyIdOfSealed, type ReferralCrypto } from "../../src/store/referral-crypto.ts";
import { recordSealingKey, sealedKeyIds } from "../../src/store/referral-key-ids.ts";
import { createUserSettingsRepository } from "../../src/store/user-settings-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import type { Tables } from "../../src/store/tables.ts";
import { storeReferral } from "../support/stored-referral.ts";
import { closedAfterEachTest, targetKinds } from "./database-targets.ts";

const { open, fresh } = closedAfterEachTest();
const NOW = new Date("2026-11-24T10:00:00Z");

/** A referral with its first event, sealed as the referral service seals them. */
async function sealReferral(db: Kysely<Tables>, crypto: ReferralCrypto): Promise<string> {
  const id = randomUUID();
  await createReferralRepository(db).submit(
    {
      id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: id, status: "submitted",
      summary: {}, triage: { status: "submitted" }, sealed: crypto.sealJson({ child: { forename: "Sam" } }, { aad: `referral:${id}:personal` }), matchKeys: [],
    },
    { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: crypto.sealJson({}, { aad: `referral:${id}:event` }) },
    [],
  );
  return id;
}

/** A draft, stored as the referral service stores one: its whole state sealed. */
async function sealDraft(db: Kysely<Tables>, crypto: ReferralCrypto): Promise<void> {
  const id = randomUUID();
  const later = new Date(NOW.getTime() + 86_400_000);
  await createCheckSessionRepository(db, "referral_drafts").create({ id, userId: "msteams:alex", state: { sealed: crypto.sealJson({ values: {} }, { aad: `draft:${id}` }) }, version: 1, createdAt: NOW, updatedAt: NOW, expiresAt: later });
}

describe("a key id read from a sealed value", () => {
  it("is the id of the key that sealed it, from its first characters alone", () => {
    const crypto = createReferralCrypto(randomBytes(32));
    const sealed = crypto.sealJson({ any: "thing" }, { aad: "draft:d-1" });
    expect(keyIdOfSealed(sealed)).toBe(crypto.keyId);
    expect(keyIdOfSealed(sealed.slice(0, 9))).toBe(crypto.keyId);
  });

  it.each(["", "v1.", "v1.abc", "v2.AAAAAAAAAAAA", '{"sealed":"v1.AAAAAAAA"}', "v1.not/b64"])("is none for %j, which is not a sealed value", (text) => {
    expect(keyIdOfSealed(text)).toBeUndefined();
  });
});

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`in ${kind.dialect}`, () => {
    const openFresh = async () => (await open((await fresh(() => kind.fresh())).url)).db;

    it("names no key for a database that holds nothing sealed, whatever key was recorded before", async () => {
      const db = await openFresh();
      expect(await sealedKeyIds(db)).toEqual([]);
      await recordSealingKey(db, createReferralCrypto(randomBytes(32)).keyId);
      // A placeholder too short to be sealed (as some tests store) is not sealed by any key.
      await storeReferral(db);
      expect(await sealedKeyIds(db)).toEqual([]);
    });

    it("names the key recorded at start once a referral is sealed, and a new record replaces the old", async () => {
      const db = await openFresh();
      const first = createReferralCrypto(randomBytes(32));
      const second = createReferralCrypto(randomBytes(32));
      await recordSealingKey(db, first.keyId);
      await recordSealingKey(db, second.keyId);
      await sealReferral(db, second);
      expect(await sealedKeyIds(db)).toEqual([second.keyId]);
      expect(await db.selectFrom("referral_key_ids").select("key_id").execute()).toEqual([{ key_id: second.keyId }]);
    });

    // What the bot remembers for a user is sealed, so a database holding only that still names its key; a value kept in clear names none.
    it("names the key that sealed a user's remembered details, and none for details stored in clear", async () => {
      const db = await openFresh();
      const settingsKey = createReferralCrypto(randomBytes(32));
      await db.insertInto("user_settings").values({ user_id: "user-clear", dsl_email: "a.much.longer.lead.address.than.any.key.prefix@school.example.org", referrer_role: "Teacher", referrer_agency: null, updated_at: 1 }).execute();
      expect(await sealedKeyIds(db)).toEqual([]);
      await createUserSettingsRepository(db, settingsKey).rememberReferrer("user-sealed", "Head of Year Nine", "Hollowmere Academy", new Date(1));
      expect(await sealedKeyIds(db)).toEqual([settingsKey.keyId]);
    });

    it("reads the key ids of rows sealed before the record was kept from the rows, referrals and drafts alike, and records them", async () => {
      const db = await openFresh();
      const referralKey = createReferralCrypto(randomBytes(32));
      const draftKey = createReferralCrypto(randomBytes(32));
      // Enough rows that their first characters differ beyond the key id (part of the IV is in them).
      for (let count = 0; count < 20; count += 1) await sealReferral(db, referralKey);
      expect(await sealedKeyIds(db)).toEqual([referralKey.keyId]);

      await db.deleteFrom("referral_key_ids").execute();
      await sealDraft(db, draftKey);
      const both = [referralKey.keyId, draftKey.keyId].sort();
      expect(await sealedKeyIds(db)).toEqual(both);
      expect((await db.selectFrom("referral_key_ids").select("key_id").orderBy("key_id").execute()).map((row) => row.key_id)).toEqual(both);
    });

    it("names the key of a draft alone, before any referral is sent", async () => {
      const db = await openFresh();
      const crypto = createReferralCrypto(randomBytes(32));
      await sealDraft(db, crypto);
      expect(await sealedKeyIds(db)).toEqual([crypto.keyId]);
    });

    it("still names the key once a referral's personal fields are purged: its history stays sealed", async () => {
      const db = await openFresh();
      const crypto = createReferralCrypto(randomBytes(32));
      await sealReferral(db, crypto);
      await db.updateTable("referrals").set({ sealed: null }).execute();
      expect(await sealedKeyIds(db)).toEqual([crypto.keyId]);
    });
  });
}
