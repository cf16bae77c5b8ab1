// A triage move is committed with its event and outbox rows in one transaction; what fails after
// that (reading the referral back) must not answer the presser as if nothing had happened: the
// card says it was recorded, and the failure is told to the log.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INITIAL_TRIAGE_STATE } from "../../src/domain/triage.ts";
import { RECORDED_NOT_SHOWN, createTriageService } from "../../src/services/triage-service.ts";
import type { ReferralStore } from "../../src/services/referral-store.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";

const NOW = new Date("2026-11-24T10:00:00Z");
const LEAD = { userId: "msteams:sam", aadObjectId: "00000000-0000-4000-8000-0000000005a3", name: "Sam Lead" };
const crypto = createReferralCrypto(randomBytes(32));

let database: Database;
beforeEach(async () => {
  database = await createDatabase(":memory:");
});
afterEach(async () => {
  await database.close();
});

async function storedReferral(referrals: ReferralStore): Promise<string> {
  const id = randomUUID();
  await referrals.submit(
    {
      id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: id, status: "submitted",
      summary: { areaId: "kingston", category: 2, unconfirmed: false, flags: [], urgency: "today", ageBand: "13-15" }, triage: INITIAL_TRIAGE_STATE,
      sealed: crypto.sealJson({}, { aad: `referral:${id}:personal` }), matchKeys: [],
    },
    { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: crypto.sealJson({}, { aad: `referral:${id}:event` }) },
    [],
  );
  return id;
}

describe("a move committed, then reading it back fails", () => {
  it("answers with the card as written, saying it was recorded, and tells the log", async () => {
    const stored = createReferralRepository(database.db);
    let committed = false;
    // The database goes away just after the commit.
    const referrals: ReferralStore = {
      ...stored,
      applyTriage: async (...move) => (committed = await stored.applyTriage(...move)),
      get: async (id) => {
        if (committed) throw new Error("connection lost");
        return stored.get(id);
      },
    };
    const failures: unknown[] = [];
    const triage = createTriageService({
      referrals,
      channels: createTriageChannelRepository(database.db),
      roles: { isTriage: () => true, triageMembersOf: () => [] },
      crypto,
      clock: () => NOW,
      onFailedAfterCommit: (error) => failures.push(error),
    });
    const id = await storedReferral(stored);

    const outcome = await triage.act({ referralId: id, version: 1, verb: "triage.acknowledge", presser: LEAD, inputs: {} });

    expect(outcome).toMatchObject({ kind: "card", note: RECORDED_NOT_SHOWN, moved: true, record: { id, status: "acknowledged", version: 2 } });
    expect(failures).toEqual([new Error("connection lost")]);
    expect(await stored.get(id)).toMatchObject({ status: "acknowledged", version: 2 });
  });
});
