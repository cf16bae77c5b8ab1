// The triage card's actions in the area's channel (issue 10, point 7): parse → the triage service
// (role check, state machine, compare-and-set) → the card as it now is, for the presser; the other
// copies are updated through the outbox.
import { z } from "zod";
import type { Areas } from "../content/load-areas.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { welcomeCard } from "../cards/menu-views.ts";
import { channelViewOf } from "../cards/referral-channel-data.ts";
import { referralChannelCard } from "../cards/referral-views.ts";
import { TRIAGE_VERBS, type Presser, type TriageService, type TriageVerb } from "../services/triage-service.ts";

export type TriageActionRequest = { readonly data: Readonly<Record<string, unknown>>; readonly presser: Presser };

const ReferralRef = z.object({ referralId: z.string().min(1).max(100), version: z.coerce.number().int().positive() });

export function createTriageActions({ triage, areas, clock }: { triage: TriageService; areas: Areas; clock: () => Date }) {
  const act = (verb: TriageVerb) => async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = ReferralRef.safeParse(data);
    if (!ref.success) return welcomeCard("That button did not work: the card sent something I could not read.");
    const outcome = await triage.act({ ...ref.data, verb, presser, inputs: data });
    switch (outcome.kind) {
      case "not-found":
        return welcomeCard("This referral could not be found.");
      case "not-triage": {
        const areaName = areas.get(outcome.record.areaId)?.name ?? outcome.record.areaId;
        return referralChannelCard(channelViewOf(outcome.record, areas, clock(), `Only ${areaName}'s triage team can act on its referrals. Nothing was changed.`));
      }
      case "card":
        return referralChannelCard(channelViewOf(outcome.record, areas, clock(), outcome.note));
    }
  };
  return new Map<string, (request: TriageActionRequest) => Promise<CardToSend>>(TRIAGE_VERBS.map((verb) => [verb, act(verb)]));
}
