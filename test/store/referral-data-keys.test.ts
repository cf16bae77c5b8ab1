// Erasure is a key deletion, on SQLite and PostgreSQL: a referral's values are sealed with its own
// data key, kept only wrapped, once; the purge erases that key, and then no copy of the values (a
// backup of the rows put back) can be opened, with the master key or without. A referral sealed
// before data keys still opens, and `npm run keys -- upgrade` moves it to its own data key.
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { ERASED_TEXT, eraseEventWords } from "../../src/services/referral-retention.ts";
import { moveToDataKeys, OWN_DATA_KEY, sealedCounts } from "../../src/store/key-rotation.ts";
import { createReferralCrypto, SealError, type ReferralCrypto } from "../../src/store/referral-crypto.ts";
import { recordSealingKey, sealedKeyIds } from "../../src/store/referral-key-ids.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import type { Tables } from "../../src/store/tables.ts";
import { closedAfterEachTest, targetKinds } from "./database-targets.ts";

const { open, fresh } = closedAfterEachTest();
const SUBMITTED = new Date("2025-10-01T10:00:00Z");
const DECIDED = new Date("2025-10-02T10:00:00Z");
const AFTER_RETENTION = new Date("2026-11-24T10:00:00Z");
const CHILD = { forename: "Samira", surname: "Markerfield", dateOfBirth: "2012-05-01" };

const personal = (id: string) => ({ aad: `referral:${id}:personal` });
const event = (id: string) => ({ aad: `referral:${id}:event` });

/** A referral submitted and decided as the services do it: `oldScheme`, sealed with the master key itself, as before data keys. */
async function decidedReferral(db: Kysely<Tables>, crypto: ReferralCrypto, { oldScheme = false } = {}): Promise<string> {
  const id = randomUUID();
  const referrals = createReferralRepository(db);
  const seal = (value: never, where: { aad: string }) => crypto.sealJson(value, { ...where, outlivesErasure: oldScheme });
  await referrals.submit(
    {
      id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: SUBMITTED, idempotencyKey: id, status: "submitted",
      summary: {}, triage: { status: "submitted" }, sealed: seal({ child: CHILD } as never, personal(id)), matchKeys: crypto.matchKeys(CHILD),
    },
    { at: SUBMITTED, actorId: "msteams:alex", type: "submitted", sealedDetails: seal({} as never, event(id)) },
    [],
  );
  const decided = { status: "decided", triage: { status: "decided" }, summary: {}, decidedAt: DECIDED };
  const details = { actorName: "Sam Lead", outcome: "early-help", reason: "Seen with an older man at Kingston station." };
  expect(await referrals.applyTriage(id, 1, decided, { at: DECIDED, actorId: "msteams:sam", type: "decided", sealedDetails: seal(details as never, event(id)) }, [])).toBe(true);
  return id;
}

const openPersonal = async (db: Kysely<Tables>, crypto: ReferralCrypto, id: string) => {
  const record = await createReferralRepository(db).get(id);
  return record?.sealed === undefined ? undefined : crypto.openJson(record.sealed, personal(id));
};
const openHistory = async (db: Kysely<Tables>, crypto: ReferralCrypto, id: string) => (await createReferralRepository(db).events(id)).map((stored) => crypto.openJson(stored.sealedDetails, event(id)));

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`a referral's own data key, in ${kind.dialect}`, () => {
    const openFresh = async () => (await open((await fresh(() => kind.fresh())).url)).db;

    it("seals the referral and its history with one data key, kept wrapped once; the rows alone open with no key", async () => {
      const db = await openFresh();
      const crypto = createReferralCrypto(randomBytes(32));
      const id = await decidedReferral(db, crypto);
      const keys = await db.selectFrom("referral_data_keys").selectAll().execute();
      expect(keys).toEqual([{ referral_id: id, key_ref: expect.stringMatching(/^[0-9a-f]{16}$/), key_id: crypto.keyId, wrapped: expect.any(String) }]);
      expect(await openPersonal(db, crypto, id)).toEqual({ child: CHILD });
      expect(await openHistory(db, crypto, id)).toEqual([{}, expect.objectContaining({ reason: "Seen with an older man at Kingston station." })]);
      // What a row holds names its data key but does not carry it: the master key alone opens nothing.
      const row = await db.selectFrom("referrals").select("sealed").where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.sealed).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
      expect(row.sealed).not.toContain(keys[0]!.wrapped!);
      expect(() => createReferralCrypto(randomBytes(32)).openJson(row.sealed!, personal(id))).toThrow(SealError);
      expect(() => crypto.openJson(row.sealed!, personal(id))).toThrow(expect.objectContaining({ code: "erased" }));
    });

    it("after the purge, the referral's values cannot be opened even from a backup of its rows put back; its history keeps who did what, the words erased", async () => {
      const db = await openFresh();
      const crypto = createReferralCrypto(randomBytes(32));
      const id = await decidedReferral(db, crypto);
      const kept = await decidedReferral(db, crypto);
      // The backup: the referral's rows as they were before the purge.
      const backup = await db.selectFrom("referrals").select(["id", "sealed"]).where("id", "=", id).executeTakeFirstOrThrow();
      const backupEvents = await db.selectFrom("referral_events").select(["seq", "sealed_details"]).where("referral_id", "=", id).execute();

      const referrals = createReferralRepository(db);
      // Only the first is due: the second is decided later.
      await db.updateTable("referrals").set({ decided_at: AFTER_RETENTION.getTime() }).where("id", "=", kept).execute();
      expect(await referrals.purgeDecided(new Date(AFTER_RETENTION.getTime() - 365 * 86_400_000), eraseEventWords(crypto))).toBe(1);
      expect(await db.selectFrom("referral_data_keys").select(["wrapped", "key_id"]).where("referral_id", "=", id).execute()).toEqual([{ wrapped: null, key_id: null }]);
      expect((await referrals.get(id))?.sealed).toBeUndefined();
      const history = await openHistory(db, crypto, id);
      expect(history.at(-1)).toEqual({ actorName: "Sam Lead", outcome: "early-help", reason: ERASED_TEXT });
      expect((await referrals.events(id)).map((stored) => [stored.type, stored.actorId, stored.at])).toEqual([["submitted", "msteams:alex", SUBMITTED], ["decided", "msteams:sam", DECIDED]]);

      // The rows put back from the backup: read through the store, with the same master key, nothing opens.
      await db.updateTable("referrals").set({ sealed: backup.sealed }).where("id", "=", id).execute();
      for (const row of backupEvents) await db.updateTable("referral_events").set({ sealed_details: row.sealed_details }).where("referral_id", "=", id).where("seq", "=", row.seq).execute();
      const restored = await referrals.get(id);
      expect(restored?.sealed).toBe(backup.sealed);
      expect(() => crypto.openJson(restored!.sealed!, personal(id))).toThrow(expect.objectContaining({ code: "erased" }));
      for (const stored of await referrals.events(id)) expect(() => crypto.openJson(stored.sealedDetails, event(id))).toThrow(SealError);
      // Another referral, not yet due, is untouched.
      expect(await openPersonal(db, crypto, kept)).toEqual({ child: CHILD });
    });

    it("a process that opened the referral before the purge and seals for it after cannot bring the erased key back", async () => {
      const db = await openFresh();
      const masterKey = randomBytes(32);
      const purging = createReferralCrypto(masterKey);
      const elsewhere = createReferralCrypto(masterKey);
      const id = await decidedReferral(db, purging);
      const referrals = createReferralRepository(db);
      const backup = await db.selectFrom("referrals").select("sealed").where("id", "=", id).executeTakeFirstOrThrow();
      expect(await openPersonal(db, elsewhere, id)).toEqual({ child: CHILD });
      await referrals.purgeDecided(new Date(AFTER_RETENTION.getTime() - 365 * 86_400_000), eraseEventWords(purging));
      // The other bot records that someone viewed it, sealing with the key it still holds.
      await referrals.recordEvent(id, { at: AFTER_RETENTION, actorId: "msteams:sam", type: "viewed", sealedDetails: elsewhere.sealJson({ actorName: "Sam Lead" }, event(id)) });
      expect(await db.selectFrom("referral_data_keys").select("wrapped").where("referral_id", "=", id).execute()).toEqual([{ wrapped: null }]);
      await db.updateTable("referrals").set({ sealed: backup.sealed }).where("id", "=", id).execute();
      const restored = await referrals.get(id);
      expect(() => purging.openJson(restored!.sealed!, personal(id))).toThrow(SealError);
      expect(() => elsewhere.openJson(restored!.sealed!, personal(id))).toThrow(SealError);
    });

    it("opens a referral sealed before data keys; upgrade seals it with its own data key, in batches, and says so", async () => {
      const db = await openFresh();
      const crypto = createReferralCrypto(randomBytes(32));
      const ids = [await decidedReferral(db, crypto, { oldScheme: true }), await decidedReferral(db, crypto, { oldScheme: true })];
      for (const id of ids) expect(await openPersonal(db, crypto, id)).toEqual({ child: CHILD });
      expect((await sealedCounts(db))["referrals.sealed"]).toEqual({ [crypto.keyId]: 2 });

      // Stopped after one batch of one row, then run again.
      expect(await moveToDataKeys(db, crypto, { batch: 1, maxBatches: 1 })).toEqual({ rewrapped: 0, resealed: 1, left: 5 });
      for (const id of ids) expect(await openPersonal(db, crypto, id)).toEqual({ child: CHILD });
      expect(await moveToDataKeys(db, crypto, { batch: 2 })).toEqual({ rewrapped: 0, resealed: 5, left: 0 });
      const counts = await sealedCounts(db);
      expect(counts["referrals.sealed"]).toEqual({ [OWN_DATA_KEY]: 2 });
      expect(counts["referral_events.sealed_details"]).toEqual({ [OWN_DATA_KEY]: 4 });
      // One data key per referral, whose values all open.
      expect(counts["referral_data_keys"]).toEqual({ [crypto.keyId]: 2 });
      for (const id of ids) {
        expect(await openPersonal(db, crypto, id)).toEqual({ child: CHILD });
        expect((await openHistory(db, crypto, id)).at(-1)).toMatchObject({ reason: "Seen with an older man at Kingston station." });
      }
      // And now the purge erases them too.
      await createReferralRepository(db).purgeDecided(AFTER_RETENTION, eraseEventWords(crypto));
      expect((await openHistory(db, crypto, ids[0]!)).at(-1)).toMatchObject({ reason: ERASED_TEXT });
      expect(await moveToDataKeys(db, crypto)).toEqual({ rewrapped: 0, resealed: 0, left: 0 });
    });

    it("start-up names the key that wraps a data key, even when the record names only another", async () => {
      const db = await openFresh();
      const wrapping = createReferralCrypto(randomBytes(32));
      await decidedReferral(db, wrapping);
      const other = createReferralCrypto(randomBytes(32));
      await db.deleteFrom("referral_key_ids").execute();
      await recordSealingKey(db, other.keyId);
      expect(await sealedKeyIds(db)).toEqual([wrapping.keyId, other.keyId].sort());
    });
  });
}

