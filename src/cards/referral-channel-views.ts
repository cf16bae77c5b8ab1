// The card posted in the area's triage channel for each referral (DOMAIN.md §9,
// DESIGN.md "Triage"): what a lead needs to judge priority and no more. The view's type holds no
// name, address, date of birth or free text about the child or family, so none can reach the
// channel; the lead opens the details with "Show details", which checks their role.
import { OUTCOMES } from "../domain/triage.ts";
import { outcomeLabel } from "../domain/triage-text.ts";
import { STATUS_WORDS } from "../words/referral-words.ts";
import { TRIAGE_BUTTON_TITLES, TRIAGE_CARD_WORDS, TRIAGE_FACT_TITLES as FACT, URGENCY_TEXT } from "../words/triage-card-words.ts";
import type { CardToSend } from "./check-views.ts";

export type ChannelCardView = {
  referralId: string;
  version: number;
  reference: string;
  areaName: string;
  categoryLine: string;
  offenceLines: readonly string[];
  urgency: "now" | "today" | "soon" | "routine";
  ageBand: string;
  /** "Tue 24 Nov, 10:02" */
  submittedAt: string;
  acknowledgeBy: string;
  decideBy: string;
  status: string;
  /** After a decision, its outcome and who made it: "Early help, by Sam Lead at 10:30". */
  decision?: string;
  /** A deadline that still applies has passed: "Tue 24 Nov, 14:02" (the deadline). */
  overdueSince?: string;
  /** DOMAIN.md §9 cross-border, on the informed copy: "Informed: Lambeth looks after this child; Sutton leads"; no actions then. */
  informed?: string;
  /** On the lead copy: "Lambeth, which looks after this child" (its channel has the informed copy). */
  alsoInformed?: string;
  /** DOMAIN.md §9 review reminders: when its next review is due ("Tue 23 Feb, 10:30"), once decided for one. */
  reviewDue?: string;
  /** DOMAIN.md §9 "MASE or MACE": the area's word for its multi-agency meeting, for the outcomes. */
  meeting?: string;
  /** The review due date has passed. */
  reviewOverdue?: boolean;
  /** DOMAIN.md §9: the configured areas a decision can transfer it to (not its own). */
  transferAreas?: readonly { readonly id: string; readonly name: string }[];
  /** DOMAIN.md §9 transfers, on the first area's copy: "Transferred to Sutton at 10:02 by Sam Lead"; no actions then. */
  transferredTo?: string;
  /** On the receiving area's card: "Kingston upon Thames at 10:02 by Sam Lead". */
  transferredFrom?: string;
  /** The triage member it is assigned to, as Teams names them (kept while waiting for information). */
  assignee?: string;
  /** What just happened, for the line at the top: "Acknowledged by Sam Lead at 10:05". */
  note?: string;
  /** The area's triage members it can be assigned to, by name (not the one it is assigned to). */
  colleagues?: readonly { readonly id: string; readonly name: string }[];
  /**
   * The assignee's Teams user id: in real Teams their copy of the card refreshes itself to the
   * details (`refresh.userIds`; the server checks their role again). Others see the summary.
   */
  refreshFor?: string;
};

type TriageButton = { readonly verb: string; readonly title: string };

const ACKNOWLEDGE: TriageButton = { verb: "triage.acknowledge", title: TRIAGE_BUTTON_TITLES.acknowledge };
const ASSIGN: TriageButton = { verb: "triage.assign", title: TRIAGE_BUTTON_TITLES.assign };
const REOPEN: TriageButton = { verb: "triage.reopen", title: TRIAGE_BUTTON_TITLES.reopen };
const RECEIVED: TriageButton = { verb: "triage.received", title: TRIAGE_BUTTON_TITLES.received };

/**
 * The buttons a status offers (DOMAIN.md §9), before "Show details", which every status offers.
 * Opened on the card: "Assign to…" (a colleague) until a decision, "Ask the referrer" until a
 * decision, "Record a decision" once assigned.
 */
export const TRIAGE_BUTTONS: ReadonlyMap<string, readonly TriageButton[]> = new Map([
  ["submitted", [ACKNOWLEDGE, ASSIGN]],
  ["acknowledged", [ASSIGN]],
  ["assigned", []],
  ["awaiting-info", [RECEIVED]],
  ["decided", [REOPEN]],
]);

/** The move of DOMAIN.md §9 each of the card's verbs asks for. */
export const MOVE_OF_VERB: Readonly<Record<string, string>> = {
  "triage.acknowledge": "acknowledge",
  "triage.assign": "assign",
  "triage.assign-to": "assign",
  "triage.ask": "request-info",
  "triage.received": "info-received",
  "triage.decide": "decide",
  "triage.reopen": "reopen",
  "triage.review": "record-review",
};

/** DOMAIN.md §9's outcomes, in its order, for the decision's choice, in the area's word for its meeting. */
const outcomeChoices = (meeting: string | undefined) => OUTCOMES.map((outcome) => ({ title: outcomeLabel(outcome, meeting), value: outcome }));

export { STATUS_WORDS };

// The urgency of the front door step in the check's pathway (DOMAIN.md §5).
const URGENCY_WORDS: Readonly<Record<ChannelCardView["urgency"], { text: string; color: "Attention" | "Default" }>> = {
  now: { text: URGENCY_TEXT.now, color: "Attention" },
  today: { text: URGENCY_TEXT.today, color: "Default" },
  soon: { text: URGENCY_TEXT.soon, color: "Default" },
  routine: { text: URGENCY_TEXT.routine, color: "Default" },
};

/** The status fact: overdue first when a deadline has passed, the outcome and who decided once decided. */
function statusLine(view: ChannelCardView): string {
  if (view.transferredTo !== undefined) return view.transferredTo;
  const words = STATUS_WORDS.get(view.status) ?? view.status;
  if (view.status === "decided" && view.decision !== undefined) return TRIAGE_CARD_WORDS.decided(view.decision);
  return view.overdueSince === undefined ? words : TRIAGE_CARD_WORDS.overdue(view.overdueSince, words);
}

export function referralChannelCard(view: ChannelCardView): CardToSend {
  return { name: "referral-channel", data: channelCardData(view) };
}

/** The summary's data for cards/referral-channel.json, typed, for the details to build on and size their pages by. */
export function channelCardData(view: ChannelCardView) {
  // A transferred copy offers Show details only (the sending area may still read it).
  const open = view.transferredTo === undefined && view.informed === undefined;
  const buttons = open ? (TRIAGE_BUTTONS.get(view.status) ?? []) : [];
  const urgency = URGENCY_WORDS[view.urgency];
  const colleagues = view.colleagues ?? [];
  return {
    note: [view.informed, view.note].filter((line) => line !== undefined).join("\n\n"),
    reference: view.reference,
    areaName: view.areaName,
    offences: view.offenceLines.map((text) => ({ text })),
    categoryLine: view.categoryLine,
    urgencyText: TRIAGE_CARD_WORDS.urgency(urgency.text),
    urgencyColor: urgency.color,
    // What a lead must do next and by when, not what is done; the outcome once decided; overdue said.
    facts: [
      { title: FACT.age, value: view.ageBand },
      { title: FACT.submitted, value: view.submittedAt },
      ...(view.transferredFrom === undefined ? [] : [{ title: FACT.transferredFrom, value: view.transferredFrom }]),
      ...(view.alsoInformed === undefined ? [] : [{ title: FACT.alsoInformed, value: view.alsoInformed }]),
      ...(open && view.status === "submitted" ? [{ title: FACT.acknowledgeBy, value: view.acknowledgeBy }] : []),
      ...(!open || view.status === "decided" ? [] : [{ title: FACT.decideBy, value: view.decideBy }]),
      ...(open && view.reviewDue !== undefined ? [{ title: FACT.reviewDue, value: view.reviewOverdue === true ? TRIAGE_CARD_WORDS.reviewOverdue(view.reviewDue) : view.reviewDue }] : []),
      { title: FACT.status, value: statusLine(view) },
    ],
    assignee: view.assignee ?? "",
    actions: buttons.map((button) => ({ ...button, data: { referralId: view.referralId, version: view.version } })),
    detailsShown: false,
    // Rendered only with someone to refresh for (render-card.ts drops a refresh with no userIds).
    refresh: { userIds: view.refreshFor === undefined ? [] : [view.refreshFor], data: { referralId: view.referralId } },
    detailsAction: { title: TRIAGE_BUTTON_TITLES.showDetails, verb: "triage.details", data: { referralId: view.referralId }, tooltip: TRIAGE_CARD_WORDS.showDetailsTooltip },
    shortened: "",
    earlier: [],
    purged: "",
    sections: [],
    history: [],
    // DOMAIN.md §9 (added 2026-12-07): once assigned, "Assign to…" reassigns it to a colleague.
    canAssignTo: open && (view.status === "submitted" || view.status === "acknowledged" || view.status === "assigned") && colleagues.length > 0,
    colleagues: colleagues.map((colleague) => ({ title: colleague.name, value: colleague.id })),
    canAsk: open && (view.status === "submitted" || view.status === "acknowledged" || view.status === "assigned"),
    canDecide: open && view.status === "assigned",
    canReview: open && view.status === "decided" && view.reviewDue !== undefined,
    outcomes: outcomeChoices(view.meeting),
    transferAreas: (view.transferAreas ?? []).map((area) => ({ title: area.name, value: area.id })),
    pressData: { referralId: view.referralId, version: view.version },
  };
}
