// The triage card's actions in the area's channel (issue 10, points 6 and 7): parse → the triage
// service (role check, state machine, compare-and-set) → the card as it now is, for the presser;
// the other copies are updated through the outbox. "Show details" answers the pressing member
// alone with the whole referral; the referrer's answer to a question comes from their 1:1 chat.
import { z } from "zod";
import type { Areas } from "../content/load-areas.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { welcomeCard } from "../cards/menu-views.ts";
import { channelViewOf, detailsViewOf } from "../cards/referral-channel-data.ts";
import { DETAILS_PAGES_AT_MOST, referralDetailsCard } from "../cards/referral-details-views.ts";
import { referralQuestionCard } from "../cards/referral-question-views.ts";
import { referralChannelCard } from "../cards/referral-views.ts";
import { timeWords } from "../domain/triage-text.ts";
import { TRIAGE_PRESS_REPLIES as REPLIES } from "../words/triage-card-words.ts";
import { TRIAGE_NOTES } from "../words/triage-replies.ts";
import { TRIAGE_VERBS, type Presser, type TriageOutcome, type TriageService, type TriageVerb } from "../services/triage-service.ts";

export type TriageActionRequest = { readonly data: Readonly<Record<string, unknown>>; readonly presser: Presser };

const ReferralRef = z.object({ referralId: z.string().min(1).max(100) });
/** "Show details" and its pages. */
const DetailsPage = ReferralRef.extend({ page: z.coerce.number().int().min(0).max(DETAILS_PAGES_AT_MOST).optional() });
const VersionedRef = ReferralRef.extend({ version: z.coerce.number().int().positive() });
const UNREADABLE = TRIAGE_NOTES.unreadablePress;

export function createTriageActions({ triage, areas, clock }: { triage: TriageService; areas: Areas; clock: () => Date }) {
  const areaNameOf = (areaId: string) => areas.get(areaId)?.name ?? areaId;

  function cardOf(outcome: TriageOutcome, refusal: string): CardToSend {
    switch (outcome.kind) {
      case "not-found":
        return welcomeCard(REPLIES.notFound);
      case "not-triage":
        return referralChannelCard(channelViewOf(outcome.record, areas, clock(), REPLIES.notTriage(areaNameOf(outcome.record.areaId), refusal)));
      case "card":
        return referralChannelCard(channelViewOf(outcome.record, areas, clock(), outcome.note, outcome.people, outcome.viewArea));
    }
  }

  const act = (verb: TriageVerb) => async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = VersionedRef.safeParse(data);
    if (!ref.success) return welcomeCard(UNREADABLE);
    return cardOf(await triage.act({ ...ref.data, verb, presser, inputs: data }), REPLIES.act);
  };

  const details = async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = DetailsPage.safeParse(data);
    if (!ref.success) return welcomeCard(UNREADABLE);
    const outcome = await triage.details(ref.data.referralId, presser);
    if (outcome.kind !== "details") return cardOf(outcome, REPLIES.seeDetails);
    const card = referralDetailsCard(detailsViewOf(outcome, areas, clock()), ref.data.page ?? 0);
    await triage.recordViewed(ref.data.referralId, presser, "card");
    return card;
  };

  // Teams refreshing the card by itself: the details for the assignee, the summary for anyone else (no line: nobody pressed).
  const refresh = async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = ReferralRef.safeParse(data);
    if (!ref.success) return welcomeCard(UNREADABLE);
    const outcome = await triage.refreshed(ref.data.referralId, presser);
    if (outcome.kind === "details") return referralDetailsCard(detailsViewOf(outcome, areas, clock()));
    if (outcome.kind === "card") return referralChannelCard(channelViewOf(outcome.record, areas, clock(), undefined, outcome.people));
    return cardOf(outcome, REPLIES.seeDetails);
  };

  const summary = async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = ReferralRef.safeParse(data);
    if (!ref.success) return welcomeCard(UNREADABLE);
    return cardOf(await triage.summary(ref.data.referralId, presser), REPLIES.seeDetails);
  };

  // The referrer's answer, from the question card in their 1:1 chat; only they may send it.
  const answer = async ({ data, presser }: TriageActionRequest): Promise<CardToSend> => {
    const ref = ReferralRef.safeParse(data);
    if (!ref.success) return welcomeCard(UNREADABLE);
    const typed = typeof data["answer"] === "string" ? data["answer"] : "";
    const outcome = await triage.answer(ref.data.referralId, presser, typed);
    if (outcome.kind === "not-found") return welcomeCard(REPLIES.notFound);
    if (outcome.kind === "not-referrer") return welcomeCard(REPLIES.notReferrer);
    // (TypeScript does not narrow the union on two ifs over one field.)
    if (!("record" in outcome)) return welcomeCard(UNREADABLE);
    const base = { referralId: outcome.record.id, reference: outcome.record.reference, areaName: areaNameOf(outcome.record.areaId), question: outcome.question ?? "", typed };
    switch (outcome.kind) {
      case "answered":
        return referralQuestionCard({ ...base, state: { kind: "sent", at: timeWords(outcome.at, clock()) } });
      case "not-waiting":
        return referralQuestionCard({ ...base, state: { kind: "not-waiting" } });
      case "empty":
        return referralQuestionCard({ ...base, state: { kind: "asking", note: REPLIES.emptyAnswer } });
    }
  };

  return new Map<string, (request: TriageActionRequest) => Promise<CardToSend>>([
    ...TRIAGE_VERBS.map((verb): [string, (request: TriageActionRequest) => Promise<CardToSend>] => [verb, act(verb)]),
    ["triage.details", details],
    ["triage.summary", summary],
    ["triage.refresh", refresh],
    ["triage.answer", answer],
  ]);
}
