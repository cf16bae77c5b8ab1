// Key rotation, on SQLite and PostgreSQL: every referral's data key the old key wrapped is wrapped
// again with the new key, its values left byte for byte as they were; what the old key sealed
// itself (drafts, what is remembered for a user, referrals from before data keys) is sealed again,
// the last with the referral's own data key; every match hash is made again. A rotation stopped
// half-way leaves a database that a bot holding both keys reads whole, and running it again
// finishes it; then the new key alone opens everything, and the database records the new key only.
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { runKeys } from "../../src/cli/run-keys.ts";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { OWN_DATA_KEY, rotateSealed, sealedCounts } from "../../src/store/key-rotation.ts";
import { createReferralCrypto, type ReferralCrypto } from "../../src/store/referral-crypto.ts";
import { sealedKeyIds } from "../../src/store/referral-key-ids.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import type { Tables } from "../../src/store/tables.ts";
import { createUserSettingsRepository } from "../../src/store/user-settings-repository.ts";
import { closedAfterEachTest, targetKinds } from "./database-targets.ts";

const { open, fresh } = closedAfterEachTest();
const NOW = new Date("2026-11-24T10:00:00Z");
const CHILD = { forename: "Samira", surname: "Markerfield", dateOfBirth: "2012-05-01", nhsNumber: "943 476 5919" };

/**
 * What the bot seals, with `crypto`: referrals with their first event and match hashes, a draft, a
 * user's remembered details. `oldScheme`: the referrals sealed with the master key itself, as
 * before referrals had their own data keys.
 */
async function sealEverything(db: Kysely<Tables>, crypto: ReferralCrypto, referrals = 3, { oldScheme = false } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let count = 0; count < referrals; count += 1) {
    const id = randomUUID();
    ids.push(id);
    await createReferralRepository(db).submit(
      {
        id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: id, status: "submitted",
        summary: {}, triage: { status: "submitted" }, sealed: crypto.sealJson({ child: CHILD }, { aad: `referral:${id}:personal`, outlivesErasure: oldScheme }), matchKeys: crypto.matchKeys(CHILD),
      },
      { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: crypto.sealJson({ note: `event ${count}` }, { aad: `referral:${id}:event`, outlivesErasure: oldScheme }) },
      [],
    );
  }
  const draftId = randomUUID();
  await createCheckSessionRepository(db, "referral_drafts").create({ id: draftId, userId: "msteams:alex", state: { sealed: crypto.sealJson({ values: { "child.forename": "Samira" } }, { aad: `draft:${draftId}` }) }, version: 1, createdAt: NOW, updatedAt: NOW, expiresAt: new Date(NOW.getTime() + 86_400_000) });
  await createUserSettingsRepository(db, crypto).rememberReferrer("msteams:alex", "Head of Year Nine", "Hollowmere Academy", NOW);
  return ids;
}

/** Opens every sealed value the database holds with `crypto`, a referral's through the store (which puts its data key back on): what each held. */
async function openEverything(db: Kysely<Tables>, crypto: ReferralCrypto): Promise<unknown[]> {
  const repository = createReferralRepository(db);
  const ids = (await db.selectFrom("referrals").select("id").orderBy("id").execute()).map((row) => row.id);
  const referrals = await Promise.all(ids.map(async (id) => (await repository.get(id))!));
  const events = (await Promise.all(ids.map((id) => repository.events(id)))).flat();
  const drafts = await db.selectFrom("referral_drafts").select(["id", "state"]).execute();
  const settings = createUserSettingsRepository(db, crypto);
  return [
    ...referrals.map((record) => crypto.openJson(record.sealed!, { aad: `referral:${record.id}:personal` })),
    ...events.map((stored) => crypto.openJson(stored.sealedDetails, { aad: `referral:${stored.referralId}:event` })),
    ...drafts.map((row) => crypto.openJson((JSON.parse(String(row.state)) as { sealed: string }).sealed, { aad: `draft:${row.id}` })),
    await settings.referrer("msteams:alex"),
  ];
}

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`key rotation in ${kind.dialect}`, () => {
    it("stopped half-way, both keys read everything; run again, the new key alone does, the data keys are wrapped again and the values untouched, every hash is the new key's, and the old key is no longer recorded", async () => {
      const db = (await open((await fresh(() => kind.fresh())).url)).db;
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const before = createReferralCrypto(oldKey);
      const ids = await sealEverything(db, before);
      const held = await openEverything(db, before);
      const valuesBefore = await db.selectFrom("referrals").select(["id", "sealed"]).orderBy("id").execute();
      expect(await sealedKeyIds(db)).toEqual([before.keyId]);
      expect((await sealedCounts(db))["referral_data_keys"]).toEqual({ [before.keyId]: 3 });

      const rotating = createReferralCrypto(newKey, oldKey);
      // Stopped after one batch of one row (a kill, a deploy).
      expect(await rotateSealed(db, rotating, { batch: 1, maxBatches: 1 })).toMatchObject({ rewrapped: 1, resealed: 0 });
      const halfway = await sealedCounts(db);
      expect(halfway["referral_data_keys"]).toEqual({ [rotating.keyId]: 1, [before.keyId]: 2 });
      expect(halfway["referrals.sealed"]).toEqual({ [OWN_DATA_KEY]: 3 });
      expect(await openEverything(db, rotating)).toEqual(held);
      // A new referral is found as the same child whichever key made the earlier one's hashes.
      const found = await createReferralRepository(db).matches("kingston", rotating.lookupKeys(CHILD), new Date(0), "none");
      expect(found.map((record) => record.id).sort()).toEqual([...ids].sort());

      const done = await rotateSealed(db, rotating, { batch: 2 });
      // Sealed again with the new key itself: the draft, and the role and agency remembered for the user.
      expect(done).toEqual({ rewrapped: 2, resealed: 3, left: 0 });
      const after = createReferralCrypto(newKey);
      expect(await openEverything(db, after)).toEqual(held);
      // The data keys were wrapped again; the values they seal are as they were, byte for byte.
      expect(await db.selectFrom("referrals").select(["id", "sealed"]).orderBy("id").execute()).toEqual(valuesBefore);
      // The old key alone opens nothing any more.
      const first = (await createReferralRepository(db).get(ids[0]!))!;
      expect(() => before.openJson(first.sealed!, { aad: `referral:${first.id}:personal` })).toThrow(/not the current key/);
      const hashes = await db.selectFrom("referral_match_keys").select(["referral_id", "kind", "hash", "key_id"]).execute();
      expect(hashes).toHaveLength(ids.length * 2);
      expect(new Set(hashes.map((row) => row.hash))).toEqual(new Set(after.matchKeys(CHILD).map((key) => key.hash)));
      expect(new Set(hashes.map((row) => row.key_id))).toEqual(new Set([after.keyId]));
      const keyIds = Object.values(await sealedCounts(db)).flatMap((byKey) => Object.keys(byKey));
      expect(keyIds).toEqual(expect.arrayContaining([after.keyId]));
      expect(keyIds.filter((keyId) => keyId !== after.keyId && keyId !== OWN_DATA_KEY)).toEqual([]);
      expect(await sealedKeyIds(db)).toEqual([after.keyId]);
      // Run again: nothing to do.
      expect(await rotateSealed(db, rotating)).toEqual({ rewrapped: 0, resealed: 0, left: 0 });
    });

    it("seals referrals from before data keys with their own data key as it rotates, the old key's match hashes made again", async () => {
      const db = (await open((await fresh(() => kind.fresh())).url)).db;
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const before = createReferralCrypto(oldKey);
      await sealEverything(db, before, 2, { oldScheme: true });
      // Hashes made before they named their key.
      await db.updateTable("referral_match_keys").set({ key_id: null }).execute();
      const held = await openEverything(db, before);
      expect((await sealedCounts(db))["referrals.sealed"]).toEqual({ [before.keyId]: 2 });

      const rotating = createReferralCrypto(newKey, oldKey);
      expect((await rotateSealed(db, rotating, { batch: 1, maxBatches: 2 })).left).toBeGreaterThan(0);
      expect(await openEverything(db, rotating)).toEqual(held);
      expect(await rotateSealed(db, rotating, { batch: 1 })).toMatchObject({ left: 0 });
      const counts = await sealedCounts(db);
      expect(counts["referrals.sealed"]).toEqual({ [OWN_DATA_KEY]: 2 });
      expect(counts["referral_events.sealed_details"]).toEqual({ [OWN_DATA_KEY]: 2 });
      expect(counts["referral_data_keys"]).toEqual({ [rotating.keyId]: 2 });
      expect(counts["referral_match_keys"]).toEqual({ [rotating.keyId]: 4 });
      expect(await openEverything(db, createReferralCrypto(newKey))).toEqual(held);
      expect(await sealedKeyIds(db)).toEqual([rotating.keyId]);
    });
  });
}

describe("npm run keys", () => {
  const io = (argv: string[], previousKeyId?: string) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        argv,
        crypto: async () => ({ keyId: "aaaaaaaa", previousKeyId }),
        counts: async () => ({ "referrals.sealed": { aaaaaaaa: 2, bbbbbbbb: 1, [OWN_DATA_KEY]: 4 }, "user_settings.dsl_email": {}, referral_data_keys: { aaaaaaaa: 3, bbbbbbbb: 1 }, referral_match_keys: { unrecorded: 2 } }),
        rotate: async () => ({ rewrapped: 3, resealed: 1, left: 0 }),
        upgrade: async () => ({ rewrapped: 0, resealed: 2, left: 1 }),
        stdout: (text: string) => out.push(text),
        stderr: (text: string) => err.push(text),
      },
    };
  };

  it("status says which key seals what, naming each", async () => {
    const { io: given, out } = io(["status"], "bbbbbbbb");
    expect(await runKeys(given)).toBe(0);
    expect(out).toEqual([
      "referrals.sealed: 2 with key aaaaaaaa (REFERRAL_KEY); 1 with key bbbbbbbb (REFERRAL_KEY_PREVIOUS); 4 with their referral's own data key",
      "user_settings.dsl_email: nothing sealed",
      "referral_data_keys: 3 with key aaaaaaaa (REFERRAL_KEY); 1 with key bbbbbbbb (REFERRAL_KEY_PREVIOUS)",
      "referral_match_keys: 2 with a key not recorded (made before hashes named their key)",
    ]);
  });

  it("rotate without REFERRAL_KEY_PREVIOUS, an unknown command or a bad option: exit 2, saying why", async () => {
    const without = io(["rotate"]);
    expect(await runKeys(without.io)).toBe(2);
    expect(without.err.join("\n")).toContain("REFERRAL_KEY_PREVIOUS: not set");
    for (const argv of [[], ["turn"], ["rotate", "--batch", "0"], ["rotate", "--batches"], ["status", "--batch", "5"]]) {
      const bad = io(argv, "bbbbbbbb");
      expect(await runKeys(bad.io), argv.join(" ")).toBe(2);
      expect(bad.err.join("\n")).toContain("usage: npm run keys");
    }
  });

  it("rotate says what was sealed again, and what to do next", async () => {
    const { io: given, out } = io(["rotate", "--batch", "50"], "bbbbbbbb");
    expect(await runKeys(given)).toBe(0);
    expect(out.join("\n")).toContain("Wrapped again with aaaaaaaa (REFERRAL_KEY): 3 data keys; sealed again: 1 value. Nothing sealed with the previous key is left: unset REFERRAL_KEY_PREVIOUS");
  });

  it("upgrade needs no previous key, and says what is left", async () => {
    const { io: given, out } = io(["upgrade", "--batch", "50"]);
    expect(await runKeys(given)).toBe(0);
    expect(out).toEqual(["Sealed with their referral's own data key: 2 values. 1 still sealed with REFERRAL_KEY itself: run npm run keys -- upgrade again."]);
  });
});
