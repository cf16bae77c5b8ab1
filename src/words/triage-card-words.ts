// What the referral's card in the area's triage channel says around the referral itself
// (DOMAIN.md §9): its buttons and facts, the urgency the check gave, the details a page at a time,
// earlier referrals for the same child, and the replies to a press the card could not take.

// Short titles: up to three buttons share one row of a channel card.
export const TRIAGE_BUTTON_TITLES = {
  acknowledge: "Acknowledge",
  assign: "Assign to me",
  reopen: "Reopen",
  received: "Mark information received",
  showDetails: "Show details",
  hideDetails: "Hide details",
} as const;

/** The facts a channel card lists, by title. */
export const TRIAGE_FACT_TITLES = {
  age: "Age",
  submitted: "Submitted",
  transferredFrom: "Transferred from",
  alsoInformed: "Also informed",
  acknowledgeBy: "Acknowledge by",
  decideBy: "Decide by",
  reviewDue: "Review due",
  status: "Status",
} as const;

export const TRIAGE_CARD_WORDS = {
  showDetailsTooltip: "The whole referral, for the area's triage team only; only you see it",
  hideDetailsTooltip: "Back to the summary everyone in the channel sees",
  urgency: (text: string) => `Urgency from the check: ${text}`,
  decided: (decision: string) => `Decided: ${decision}`,
  overdue: (since: string, status: string) => `Overdue since ${since}. ${status}`,
  reviewOverdue: (due: string) => `${due} (overdue)`,
  transferredTo: (areaName: string, at: string, by: string) => `Transferred to ${areaName} at ${at} by ${by}`,
  alsoInformed: (areaName: string, as: "looks-after" | "placed-in" = "looks-after") => (as === "placed-in" ? `${areaName}, where this child is placed` : `${areaName}, which looks after this child`),
} as const;

// The urgency of the front door step in the check's pathway (DOMAIN.md §5), as the card says it.
export const URGENCY_TEXT: Readonly<Record<"now" | "today" | "soon" | "routine", string>> = {
  now: "Now",
  today: "Today",
  soon: "Within a few days",
  routine: "Routine",
};

/** Where an earlier referral for the same child is, inside the line about it. */
export const STATUS_OF_EARLIER: ReadonlyMap<string, string> = new Map([
  ["submitted", "not acknowledged yet"],
  ["acknowledged", "acknowledged"],
  ["assigned", "assigned"],
  ["awaiting-info", "waiting for information"],
  ["decided", "decided"],
]);

/** "Possible earlier referral KIN-2026-00017, 3 March 2026, by Hillside School: decided (Early help)". */
export function earlierReferralLine(facts: { reference: string; submitted: string; agency: string | undefined; where: string }): string {
  const by = facts.agency === undefined ? "" : `, by ${facts.agency}`;
  return `Possible earlier referral ${facts.reference}, ${facts.submitted}${by}: ${facts.where}. Same name and date of birth, NHS number or UPN: check it is the same child.`;
}

export const earlierDecidedWords = (outcome: string): string => `decided (${outcome})`;

/** "Show details": the whole referral a page at a time. */
export const DETAILS_WORDS = {
  hiddenHistory: (hidden: number) => `${hidden} earlier ${hidden === 1 ? "entry is" : "entries are"} not shown here.`,
  nothingFilledIn: "Nothing filled in.",
  shortened: "Long answers are shortened on this card, where they end in \"…\".",
  fromTheCheck: "From the check",
  notGiven: (titles: readonly string[]) => `Not given: ${titles.join("; ")}.`,
  /** A part, an entry of a list or the history begun on the page before. */
  continued: (title: string) => `${title} (continued)`,
  page: (page: number, pages: number) => `Details, page ${page} of ${pages}`,
  more: (page: number, pages: number) => `More details (${page} of ${pages})`,
  backTo: (page: number) => `Back to page ${page}`,
} as const;

/** What a triage member is told when a press on the card cannot be taken. */
export const TRIAGE_PRESS_REPLIES = {
  notFound: "This referral could not be found.",
  notTriage: (areaName: string, what: string) => `Only ${areaName}'s triage team can ${what}. Nothing was changed.`,
  /** What the refusal above says the presser cannot do. */
  act: "act on its referrals",
  seeDetails: "see a referral's details",
  notReferrer: "Only the person who made this referral can answer the front door's questions about it.",
  emptyAnswer: "Type your answer in the box, then press Send answer.",
} as const;

/**
 * The front door's question to the referrer, in their 1:1 chat. DOMAIN.md §8: whoever asks is the
 * area's triage team in Teams; the product does not call it the front door.
 */
export const QUESTION_CARD_WORDS = {
  asker: (areaName: string) => `${areaName}'s triage team`,
  notWaiting: (asker: string, reference: string) => `${asker} is no longer waiting for this answer, so it was not sent. If it still matters, phone or email them and give the reference ${reference}.`,
  sentTitle: (asker: string, reference: string) => `Answer sent to ${asker} (${reference})`,
  askingTitle: (asker: string, reference: string) => `${asker} asks about your referral ${reference}`,
  sentLabel: (at: string) => `Your answer, sent at ${at}`,
  notSentLabel: "Your answer, not sent",
  footer: "Your answer is added to the referral's record for the front door's triage team. You are told here when they decide.",
} as const;
