// Triage actions on the channel card (issue 10, point 7): each press is checked against the
// area's triage role on the server, moved by the domain's state machine, written with its sealed
// audit event by compare-and-set (two leads at once: one wins, the other is told what happened),
// and followed by outbox rows that update every posted copy of the card and tell the referrer.
import { TriageAction, TriageState, applyTriageAction, type TriageEvent, type TriageMember } from "../domain/triage.ts";
import { describeTriageEvent } from "../domain/triage-text.ts";
import type { ReferralCrypto } from "../store/referral-crypto.ts";
import type { ReferralRecord, ReferralStore } from "./referral-store.ts";

export const TRIAGE_VERBS = ["triage.acknowledge", "triage.assign", "triage.decide", "triage.reopen"] as const;
export type TriageVerb = (typeof TRIAGE_VERBS)[number];

/** Who may act: the area's triage members (ROLES_FILE; src/config/load-roles.ts). */
export type TriageRoleCheck = { isTriage(aadObjectId: string, areaId: string): boolean };

export type Presser = { readonly userId: string; readonly aadObjectId: string; readonly name: string };

export type TriageOutcome =
  /** The referral as it now is, with a line for the presser when their press did not move it. */
  | { readonly kind: "card"; readonly record: ReferralRecord; readonly note?: string }
  | { readonly kind: "not-triage"; readonly record: ReferralRecord }
  | { readonly kind: "not-found" };

export type TriageRequest = {
  readonly referralId: string;
  readonly version: number;
  readonly verb: TriageVerb;
  readonly presser: Presser;
  readonly inputs: Readonly<Record<string, unknown>>;
};

export type TriageService = ReturnType<typeof createTriageService>;

export function createTriageService({ referrals, roles, crypto, clock }: { referrals: ReferralStore; roles: TriageRoleCheck; crypto: ReferralCrypto; clock: () => Date }) {
  function actionOf(verb: TriageVerb, presser: TriageMember, inputs: Readonly<Record<string, unknown>>) {
    const text = (key: string) => (typeof inputs[key] === "string" ? inputs[key] : undefined);
    switch (verb) {
      case "triage.acknowledge":
        return TriageAction.safeParse({ type: "acknowledge" });
      case "triage.assign":
        return TriageAction.safeParse({ type: "assign", assignee: presser });
      case "triage.decide":
        return TriageAction.safeParse({ type: "decide", outcome: text("outcome"), reason: text("reason"), area: text("transferArea") });
      case "triage.reopen":
        return TriageAction.safeParse({ type: "reopen", reason: text("reopenReason") });
    }
  }

  /** What happened last, for a press that lost the race: "Acknowledged by Sam Lead at 10:02". */
  async function lastHappened(record: ReferralRecord): Promise<string | undefined> {
    const events = await referrals.events(record.id);
    const last = events.at(-1);
    if (last === undefined || last.type === "submitted") return undefined;
    try {
      const details = crypto.openJson(last.sealedDetails, { aad: `referral:${record.id}:event` }) as TriageEvent["details"];
      return describeTriageEvent({ type: last.type, actorId: last.actorId, at: last.at, details } as TriageEvent, clock());
    } catch {
      return undefined;
    }
  }

  return {
    async act({ referralId, version, verb, presser, inputs }: TriageRequest): Promise<TriageOutcome> {
      const record = await referrals.get(referralId);
      if (record === undefined) return { kind: "not-found" };
      if (!roles.isTriage(presser.aadObjectId, record.areaId)) return { kind: "not-triage", record };
      const state = TriageState.safeParse(record.triage);
      if (!state.success) return { kind: "card", record, note: "This referral's triage record could not be read: tell your IT team." };
      if (record.version !== version) return { kind: "card", record, note: (await lastHappened(record)) ?? "This card had changed: here it is as it is now." };

      const member: TriageMember = { id: presser.aadObjectId, name: presser.name };
      const action = actionOf(verb, member, inputs);
      if (!action.success) return { kind: "card", record, note: "That button did not work: the card sent something I could not read." };
      const now = clock();
      const moved = applyTriageAction(state.data, action.data, member, now);
      if (!moved.ok) return { kind: "card", record, note: moved.message };

      const summary = record.summary;
      const wrote = await referrals.applyTriage(
        record.id,
        record.version,
        { status: moved.next.status, triage: moved.next, summary },
        { at: now, actorId: presser.userId, type: moved.event.type, sealedDetails: crypto.sealJson(moved.event.details as never, { aad: `referral:${record.id}:event` }) },
        [
          { kind: "update-referral-card", payload: {}, dueAt: now },
          { kind: "notify-referrer", payload: { event: moved.event.type }, dueAt: now },
        ],
      );
      const current = (await referrals.get(record.id)) ?? record;
      if (!wrote) return { kind: "card", record: current, note: (await lastHappened(current)) ?? "Someone else acted on this referral first: here it is as it is now." };
      return { kind: "card", record: current };
    },
  };
}
