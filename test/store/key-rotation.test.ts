// Key rotation, on SQLite and PostgreSQL: every value the old key sealed
// (referrals, their history, drafts, what is remembered for a user) is sealed again with the new
// key, and every match hash made again; a rotation stopped half-way leaves a database that a bot
// holding both keys reads whole, and running it again finishes it; then the new key alone opens
// everything, and the database records the new key only.
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { runKeys } from "../../src/cli/run-keys.ts";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { rotateSealed, sealedCounts } from "../../src/store/key-rotation.ts";
import { createReferralCrypto, type ReferralCrypto } from "../../src/store/referral-crypto.ts";
import { sealedKeyIds } from "../../src/store/referral-key-ids.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import type { Tables } from "../../src/store/tables.ts";
import { createUserSettingsRepository } from "../../src/store/user-settings-repository.ts";
import { closedAfterEachTest, targetKinds } from "./database-targets.ts";

const { open, fresh } = closedAfterEachTest();
const NOW = new Date("2026-11-24T10:00:00Z");
const CHILD = { forename: "Samira", surname: "Markerfield", dateOfBirth: "2012-05-01", nhsNumber: "943 476 5919" };

/** What the bot seals, with `crypto`: referrals with their first event and match hashes, a draft, a user's remembered details. */
async function sealEverything(db: Kysely<Tables>, crypto: ReferralCrypto, referrals = 3): Promise<string[]> {
  const ids: string[] = [];
  for (let count = 0; count < referrals; count += 1) {
    const id = randomUUID();
    ids.push(id);
    await createReferralRepository(db).submit(
      {
        id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: id, status: "submitted",
        summary: {}, triage: { status: "submitted" }, sealed: crypto.sealJson({ child: CHILD }, { aad: `referral:${id}:personal` }), matchKeys: crypto.matchKeys(CHILD),
      },
      { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: crypto.sealJson({ note: `event ${count}` }, { aad: `referral:${id}:event` }) },
      [],
    );
  }
  const draftId = randomUUID();
  await createCheckSessionRepository(db, "referral_drafts").create({ id: draftId, userId: "msteams:alex", state: { sealed: crypto.sealJson({ values: { "child.forename": "Samira" } }, { aad: `draft:${draftId}` }) }, version: 1, createdAt: NOW, updatedAt: NOW, expiresAt: new Date(NOW.getTime() + 86_400_000) });
  await createUserSettingsRepository(db, crypto).rememberReferrer("msteams:alex", "Head of Year Nine", "Hollowmere Academy", NOW);
  return ids;
}

/** Opens every sealed value the database holds with `crypto`: what each held. */
async function openEverything(db: Kysely<Tables>, crypto: ReferralCrypto): Promise<unknown[]> {
  const referrals = await db.selectFrom("referrals").select(["id", "sealed"]).orderBy("id").execute();
  const events = await db.selectFrom("referral_events").select(["referral_id", "sealed_details"]).orderBy("referral_id").execute();
  const drafts = await db.selectFrom("referral_drafts").select(["id", "state"]).execute();
  const settings = createUserSettingsRepository(db, crypto);
  return [
    ...referrals.map((row) => crypto.openJson(row.sealed!, { aad: `referral:${row.id}:personal` })),
    ...events.map((row) => crypto.openJson(row.sealed_details, { aad: `referral:${row.referral_id}:event` })),
    ...drafts.map((row) => crypto.openJson((JSON.parse(String(row.state)) as { sealed: string }).sealed, { aad: `draft:${row.id}` })),
    await settings.referrer("msteams:alex"),
  ];
}

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`key rotation in ${kind.dialect}`, () => {
    it("stopped half-way, both keys read everything; run again, the new key alone does, every hash is the new key's, and the old key is no longer recorded", async () => {
      const db = (await open((await fresh(() => kind.fresh())).url)).db;
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const before = createReferralCrypto(oldKey);
      const ids = await sealEverything(db, before);
      const held = await openEverything(db, before);
      expect(await sealedKeyIds(db)).toEqual([before.keyId]);

      const rotating = createReferralCrypto(newKey, oldKey);
      // Stopped after one batch of one row (a kill, a deploy).
      expect(await rotateSealed(db, rotating, { batch: 1, maxBatches: 1 })).toMatchObject({ resealed: 1 });
      const halfway = await sealedCounts(db);
      expect(halfway["referrals.sealed"]).toEqual({ [rotating.keyId]: 1, [before.keyId]: 2 });
      expect(await openEverything(db, rotating)).toEqual(held);
      // A new referral is found as the same child whichever key made the earlier one's hashes.
      const found = await createReferralRepository(db).matches("kingston", rotating.lookupKeys(CHILD), new Date(0), "none");
      expect(found.map((record) => record.id).sort()).toEqual([...ids].sort());

      const done = await rotateSealed(db, rotating, { batch: 2 });
      expect(done.left).toBe(0);
      const after = createReferralCrypto(newKey);
      expect(await openEverything(db, after)).toEqual(held);
      // The old key alone opens nothing any more.
      const first = await db.selectFrom("referrals").select(["id", "sealed"]).executeTakeFirstOrThrow();
      expect(() => before.openJson(String(first.sealed), { aad: `referral:${first.id}:personal` })).toThrow(/not the current key/);
      const hashes = await db.selectFrom("referral_match_keys").select(["referral_id", "kind", "hash"]).execute();
      expect(hashes).toHaveLength(ids.length * 2);
      expect(new Set(hashes.map((row) => row.hash))).toEqual(new Set(after.matchKeys(CHILD).map((key) => key.hash)));
      expect(Object.values(await sealedCounts(db)).flatMap((byKey) => Object.keys(byKey))).toEqual(expect.arrayContaining([after.keyId]));
      expect(Object.values(await sealedCounts(db)).flatMap((byKey) => Object.keys(byKey)).filter((keyId) => keyId !== after.keyId)).toEqual([]);
      expect(await sealedKeyIds(db)).toEqual([after.keyId]);
      // Run again: nothing to do.
      expect(await rotateSealed(db, rotating)).toEqual({ resealed: 0, left: 0 });
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
        counts: async () => ({ "referrals.sealed": { aaaaaaaa: 2, bbbbbbbb: 1 }, "user_settings.dsl_email": {} }),
        rotate: async () => ({ resealed: 1, left: 0 }),
        stdout: (text: string) => out.push(text),
        stderr: (text: string) => err.push(text),
      },
    };
  };

  it("status says which key seals what, naming each", async () => {
    const { io: given, out } = io(["status"], "bbbbbbbb");
    expect(await runKeys(given)).toBe(0);
    expect(out).toEqual(["referrals.sealed: 2 with key aaaaaaaa (REFERRAL_KEY); 1 with key bbbbbbbb (REFERRAL_KEY_PREVIOUS)", "user_settings.dsl_email: nothing sealed"]);
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
    expect(out.join("\n")).toContain("Nothing sealed with the previous key is left: unset REFERRAL_KEY_PREVIOUS");
  });
});
