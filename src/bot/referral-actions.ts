// The referral's card actions (issue 10, point 1): "Make a referral" on a result starts a draft;
// each press saves what the card holds and moves to the section asked for, the review, or Submit.
// Parse → call the referral service → render, like the check's verbs in card-actions.ts.
import { z } from "zod";
import type { Areas } from "../content/load-areas.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { carriedOf, ESSENTIAL_PARTS, essentialPart, essentialPartOf, LIST_GROUPS } from "../cards/referral-sections.ts";
import { referralFormCard, referralReviewCard, referralSentCard, sameChildCard, type ReferralFormView } from "../cards/referral-views.ts";
import { sentViewOf } from "../cards/referral-sent-views.ts";
import { NOTICES_FOR_REFERRALS } from "../words/referral-notices.ts";
import { welcomeCard } from "../cards/menu-views.ts";
import { REFERRAL_SECTIONS } from "../services/referral-draft.ts";
import type { DraftView, ReferralOutcome, ReferralService, ReferralVerb, Sent } from "../services/referral-service.ts";
import type { ConversationAddress } from "../services/referral-store.ts";
import { BOT_REPLIES } from "../words/bot-replies.ts";

export type ReferralActionRequest = {
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly userId: string;
  /** The presser's name and email from Teams, for a new draft (TeamsInfo.getMember). */
  readonly profile: () => Promise<{ name?: string; email?: string }>;
  /** The presser's 1:1 chat, where they will be told what happens to their referral. */
  readonly conversation: ConversationAddress;
};

const DraftRef = z.object({ draftId: z.string().min(1).max(100), version: z.coerce.number().int().positive() });
const Move = z.object({
  section: z.enum(REFERRAL_SECTIONS).optional(),
  group: z.enum(LIST_GROUPS).optional(),
  index: z.coerce.number().int().min(0).max(19).optional(),
  showEntry: z.coerce.number().int().min(0).max(19).optional(),
  shownFrom: z.coerce.number().int().min(0).max(20).optional(),
  shownTo: z.coerce.number().int().min(0).max(20).optional(),
  /** The part of the essentials the card showed, and the one a Next or Back button opens. */
  part: z.coerce.number().int().min(0).max(ESSENTIAL_PARTS.length - 1).optional(),
  toPart: z.coerce.number().int().min(0).max(ESSENTIAL_PARTS.length - 1).optional(),
});

const REPEATED_PRESS = BOT_REPLIES.referralPressedTwice;

export { NOTICES_FOR_REFERRALS };

export function createReferralActions({ referrals, areas }: { referrals: ReferralService; areas: Areas }) {
  function formViewOf(view: DraftView): ReferralFormView {
    const { state } = view;
    const area = areas.get(state.fromCheck.area);
    return {
      draftId: view.draftId,
      version: view.version,
      section: state.section === "review" ? "essentials" : state.section,
      values: state.values,
      issues: view.issues,
      entries: state.entries,
      carried: carriedOf(state.fromCheck, area?.name ?? state.fromCheck.area, state.checkedAt),
      ...(state.checkSessionId === undefined ? {} : { sessionId: state.checkSessionId }),
      ...(area === undefined ? {} : { meeting: area.meeting }),
    };
  }

  const sentCard = (sent: Sent): CardToSend => referralSentCard(sentViewOf(sent));

  /**
   * The part of the essentials to show: where the first problem is when there are problems (the one
   * pressed from if it has one), else the part asked for.
   */
  function partOf(view: DraftView, pressedFrom: number | undefined, asked: number | undefined): number {
    const parts = view.issues.map((issue) => essentialPartOf(issue.field)).filter((part) => part !== undefined);
    if (parts.length === 0) return essentialPart(asked);
    return pressedFrom !== undefined && parts.includes(pressedFrom) ? pressedFrom : Math.min(...parts);
  }

  function cardOf(outcome: ReferralOutcome, showEntry?: number, part?: { from?: number; to?: number }): CardToSend {
    switch (outcome.kind) {
      case "form":
        return referralFormCard({ ...formViewOf(outcome.view), part: partOf(outcome.view, part?.from, part?.to), ...(showEntry === undefined ? {} : { showEntry }) });
      case "review":
        return referralReviewCard(formViewOf(outcome.view));
      case "stale":
        return outcome.view.state.section === "review" ? referralReviewCard(formViewOf(outcome.view)) : referralFormCard({ ...formViewOf(outcome.view), notice: REPEATED_PRESS });
      case "sent":
        return sentCard(outcome.sent);
      case "too-many-referrals":
        // The draft is kept unsent: the menu's first button goes back to it.
        return welcomeCard(NOTICES_FOR_REFERRALS[outcome.kind], { continueReferral: true, undelivered: [] });
      default:
        return welcomeCard(NOTICES_FOR_REFERRALS[outcome.kind]);
    }
  }

  const act = (verb: ReferralVerb) => async ({ data, userId, conversation }: ReferralActionRequest): Promise<CardToSend> => {
    const ref = DraftRef.safeParse(data);
    const move = Move.safeParse(data);
    if (!ref.success || !move.success) return welcomeCard(NOTICES_FOR_REFERRALS.invalid);
    const { section, group, index, shownFrom, shownTo, part, toPart } = move.data;
    const outcome = await referrals.act({
      ...ref.data,
      userId,
      verb,
      inputs: data,
      conversation,
      ...(section === undefined ? {} : { section }),
      ...(group === undefined ? {} : { group }),
      ...(index === undefined ? {} : { index }),
      ...(shownFrom === undefined || shownTo === undefined ? {} : { shown: { from: shownFrom, to: shownTo } }),
      ...(part === undefined ? {} : { shownFields: ESSENTIAL_PARTS[part]?.fields ?? [] }),
    });
    // The page of a list to show: the entry just added, where one was removed, or the one asked for.
    const showEntry = verb === "referral.add" && group !== undefined && outcome.kind === "form" ? outcome.view.state.entries[group] - 1 : verb === "referral.remove" ? index : move.data.showEntry;
    return cardOf(outcome, showEntry, { ...(part === undefined ? {} : { from: part }), ...(toPart === undefined ? {} : { to: toPart }) });
  };

  return new Map<string, (request: ReferralActionRequest) => Promise<CardToSend>>([
    [
      "referral.start",
      async ({ data, userId, profile }) => {
        const sessionId = typeof data.sessionId === "string" && data.sessionId.length <= 100 ? data.sessionId : undefined;
        if (sessionId === undefined) {
          // Issue 21, point 1: from the menu, the last check may be about another child: ask first.
          const last = await referrals.lastCheck(userId);
          if (last === undefined) return welcomeCard(NOTICES_FOR_REFERRALS["no-result"]);
          const area = areas.get(last.fromCheck.area);
          return sameChildCard(last.sessionId, carriedOf(last.fromCheck, area?.name ?? last.fromCheck.area, last.checkedAt?.toISOString()));
        }
        return cardOf(await referrals.start(userId, sessionId, await profile()));
      },
    ],
    [
      "referral.continue",
      async ({ userId }) => {
        const draft = await referrals.unfinished(userId);
        return draft === undefined ? welcomeCard(NOTICES_FOR_REFERRALS["not-found"]) : cardOf({ kind: "form", view: draft });
      },
    ],
    ...(["referral.section", "referral.review", "referral.edit", "referral.add", "referral.remove", "referral.submit"] as const).map((verb) => [verb, act(verb)] as const),
  ]);
}
