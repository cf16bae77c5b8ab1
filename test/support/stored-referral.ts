// A referral written straight into the store, as the bot writes one on Submit: the referral, its
// first event and the outbox row that posts its card to the area's triage channel. Its personal
// fields are a placeholder: the channel card never opens them.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import type { Tables } from "../../src/store/tables.ts";

export async function storeReferral(db: Kysely<Tables>, now = new Date()): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const { record } = await createReferralRepository(db).submit(
    {
      id,
      referenceCode: "KIN",
      areaId: "kingston",
      referrerId: "msteams:alex",
      submittedAt: now,
      idempotencyKey: id,
      status: "submitted",
      summary: { areaId: "kingston", category: 2, unconfirmed: false, flags: [], urgency: "today", ageBand: "13-15" },
      triage: { status: "submitted" },
      sealed: "v1.not-opened-by-the-channel-card",
      matchKeys: [],
    },
    { at: now, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.not-opened" },
    [{ kind: "post-referral-card", payload: {}, dueAt: now }],
  );
  return { id, reference: record.reference };
}
