// The words of triage (DOMAIN.md §9): why a press was refused, and what happened when a press
// lost to another lead's. Said to the person who pressed, in the channel, so they name triage
// staff (as Teams gives their names), times and outcomes, and never a child or a reason.
import { DateTime } from "luxon";
import type { Outcome, TriageActionType, TriageEvent, TriageRefusal, TriageState, TriageStatus } from "./triage.ts";

/** How a card shows each outcome (DOMAIN.md §9). */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  "no-further-action": "No further action",
  "advice-given": "Advice given",
  "early-help": "Early help",
  "strategy-discussion": "Strategy discussion",
  // s47: a child protection enquiry under section 47 of the Children Act 1989.
  "section-47": "Section 47 enquiry (child protection)",
  // MASE: the multi-agency sexual exploitation meeting.
  "refer-to-mase": "Refer to MASE",
  "transfer-to-other-area": "Transfer to another area",
  "police-referral": "Police referral",
};

/**
 * An outcome as the area says it (DOMAIN.md §9 "MASE or MACE"): "Refer to MACE" where the area's
 * multi-agency meeting is the MACE; the seeds' MASE where no area is known.
 */
export function outcomeLabel(outcome: Outcome, meetingWord: string | undefined): string {
  return outcome === "refer-to-mase" && meetingWord !== undefined ? `Refer to ${meetingWord}` : OUTCOME_LABELS[outcome];
}

const ZONE = "Europe/London";

/** "10:02" when `at` is on the London day of `now`; else "10:02 on Monday 23 November" (and the year, if another). */
export function timeWords(at: Date, now: Date): string {
  const local = DateTime.fromJSDate(at, { zone: ZONE }).setLocale("en-GB");
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  const clock = local.toFormat("HH:mm");
  if (local.hasSame(today, "day")) return clock;
  return `${clock} on ${local.toFormat(local.hasSame(today, "year") ? "cccc d LLLL" : "cccc d LLLL yyyy")}`;
}

type Stamp = { readonly by: { readonly id: string; readonly name: string }; readonly at: Date };

function decisionWords(decision: { readonly outcome: Outcome; readonly area?: string | undefined }, meetingWord?: string): string {
  const label = outcomeLabel(decision.outcome, meetingWord);
  return decision.area === undefined ? label : `${label}: ${decision.area}`;
}

/** "Jo Lead by Sam Lead at 10:02", or "Sam Lead at 10:02" when they assigned it to themselves. */
function assignedWords(assignee: { readonly id: string; readonly name: string }, assigned: Stamp, now: Date): string {
  return assignee.id === assigned.by.id
    ? `${assignee.name} at ${timeWords(assigned.at, now)}`
    : `${assignee.name} by ${assigned.by.name} at ${timeWords(assigned.at, now)}`;
}

type StateIn<S extends TriageStatus> = Extract<TriageState, { status: S }>;

type RefusalRow<S extends TriageStatus> = {
  readonly code: TriageRefusal;
  readonly from: readonly S[];
  readonly actions: readonly TriageActionType[];
  readonly message: (state: StateIn<S>, action: TriageActionType, now: Date) => string;
};

// Rows for different states share one list; refusalOf calls a row's message only for a state in
// its `from`, which is what the row was typed against.
const row = <S extends TriageStatus>(refusal: RefusalRow<S>) => refusal as unknown as RefusalRow<TriageStatus>;

/**
 * Why each move that DOMAIN.md §9 does not allow is refused: every (state, action) pair not in
 * TRIAGE_MOVES has exactly one row here (test/domain/triage.test.ts checks).
 */
const REFUSALS: readonly RefusalRow<TriageStatus>[] = [
  row({
    code: "already-acknowledged",
    from: ["acknowledged", "assigned"],
    actions: ["acknowledge"],
    message: (state, _action, now) =>
      `This referral was already acknowledged by ${state.acknowledged.by.name} at ${timeWords(state.acknowledged.at, now)}` +
      (state.status === "assigned" ? `, and is assigned to ${state.assignee.name}.` : "."),
  }),
  row({
    code: "awaiting-info",
    from: ["awaiting-info"],
    actions: ["acknowledge", "assign", "request-info", "decide"],
    message: (state, _action, now) =>
      `This referral is waiting for the information ${state.requested.by.name} asked for at ${timeWords(state.requested.at, now)}. ` +
      "Once it has come, mark it received: the referral then goes back to where it was.",
  }),
  row({
    code: "already-decided",
    from: ["decided"],
    actions: ["acknowledge", "assign", "request-info", "info-received", "decide"],
    message: (state, action, now) =>
      `This referral has already been decided by ${state.decided.by.name} at ${timeWords(state.decided.at, now)} (${decisionWords(state.decision)})` +
      (action === "decide" || action === "request-info" ? "; reopen it first." : "."),
  }),
  row({
    code: "not-assigned",
    from: ["submitted", "acknowledged"],
    actions: ["decide"],
    message: () => "This referral is not assigned to anyone yet: assign it before recording a decision.",
  }),
  row({
    code: "not-awaiting-info",
    from: ["submitted", "acknowledged", "assigned"],
    actions: ["info-received"],
    message: () => "No information has been asked for on this referral, so there is nothing to mark as received.",
  }),
  row({
    code: "not-decided",
    from: ["submitted", "acknowledged", "assigned", "awaiting-info"],
    actions: ["reopen"],
    message: () => "This referral has not been decided, so there is nothing to reopen.",
  }),
  row({
    code: "not-decided",
    from: ["submitted", "acknowledged", "assigned", "awaiting-info"],
    actions: ["record-review"],
    message: () => "This referral has not been decided, so there is no review to record.",
  }),
];

/** A press assigning a referral to the member it is already assigned to (any other member reassigns it). */
export function alreadyAssignedMessage(state: StateIn<"assigned">, now: Date): string {
  return `This referral was already assigned to ${assignedWords(state.assignee, state.assigned, now)}.`;
}

const ACTION_WORDS: Readonly<Record<TriageActionType, string>> = {
  acknowledge: "acknowledge",
  assign: "assign",
  "request-info": "ask for information on",
  "info-received": "mark information received on",
  decide: "record a decision on",
  reopen: "reopen",
  "record-review": "record a review on",
};

/** Why `action` cannot be taken on a referral in `state`, for the person who pressed at `now`. */
export function refusalOf(state: TriageState, action: TriageActionType, now: Date): { code: TriageRefusal; message: string } {
  const found = REFUSALS.find((refusal) => refusal.from.includes(state.status) && refusal.actions.includes(action));
  if (found !== undefined) return { code: found.code, message: found.message(state, action, now) };
  // Only reached if a state or an action is added without a row above.
  return { code: "not-allowed", message: `You cannot ${ACTION_WORDS[action]} this referral as it stands. Reload the card to see where it is.` };
}

type EventOf<T extends TriageEvent["type"]> = Extract<TriageEvent, { type: T }>;

const HAPPENED: { readonly [T in TriageEvent["type"]]: (event: EventOf<T>, now: Date, meetingWord?: string) => string } = {
  acknowledged: (event, now) => `Acknowledged by ${event.details.actorName} at ${timeWords(event.at, now)}`,
  assigned: (event, now) =>
    `${event.details.alsoAcknowledged ? "Acknowledged and assigned" : event.details.previous === undefined ? "Assigned" : "Reassigned"} to ` +
    // The event's actor id is the presser's user id ("msteams:<id>"), not their member id: who took it
    // themselves is told by name, as in the referrer's message, so they are named once.
    assignedWords(event.details.assignee, { by: { id: event.details.assignee.name === event.details.actorName ? event.details.assignee.id : event.actorId, name: event.details.actorName }, at: event.at }, now) +
    (event.details.previous === undefined ? "" : ` (was ${event.details.previous.name})`),
  "info-requested": (event, now) => `Information asked for by ${event.details.actorName} at ${timeWords(event.at, now)}`,
  "info-received": (event, now) =>
    event.details.answer === undefined
      ? `Information marked received by ${event.details.actorName} at ${timeWords(event.at, now)}`
      : `The referrer, ${event.details.actorName}, answered at ${timeWords(event.at, now)}`,
  decided: (event, now, meetingWord) => `Decided by ${event.details.actorName} at ${timeWords(event.at, now)} (${decisionWords(event.details, meetingWord)})`,
  reopened: (event, now) => `Reopened by ${event.details.actorName} at ${timeWords(event.at, now)}`,
  reviewed: (event, now) => `Review recorded by ${event.details.actorName} at ${timeWords(event.at, now)}`,
};

/**
 * What the latest move was, for the card of a lead whose press lost ("Acknowledged by Sam Lead at
 * 10:02"). Never the question or the reason: the channel may not see them.
 */
export function describeTriageEvent(event: TriageEvent, now: Date, areaNameOf: (areaId: string) => string = (areaId) => areaId, meetingWord?: string): string {
  // DOMAIN.md §9: a transfer names a configured area by its id; people read its name.
  if (event.type === "decided" && event.details.area !== undefined) return HAPPENED.decided({ ...event, details: { ...event.details, area: areaNameOf(event.details.area) } }, now);
  return (HAPPENED[event.type] as (event: TriageEvent, now: Date, meetingWord?: string) => string)(event, now, meetingWord);
}

/**
 * DOMAIN.md §9 "After a decision": the referrer's message ends with what to do if still worried
 * (seed 003: where professional concern is high there should still be consultation).
 */
export const STILL_WORRIED =
  "If you are still worried, or something new happens, contact the front door again and talk to your safeguarding lead about escalating.";

/** What the referrer is told, in plain words, for each triage event. */
export function referrerMessage(record: { readonly reference: string }, areaName: string, event: TriageEvent, now: Date, meetingWord?: string): string {
  const by = `${event.details.actorName} at ${timeWords(event.at, now)}`;
  // DOMAIN.md §8: the product cannot know the channel is the council's front door; it names the area.
  const about = `Your referral ${record.reference} (${areaName})`;
  switch (event.type) {
    case "acknowledged":
      return `${about} has been acknowledged by ${by}.`;
    case "assigned":
      // Issue 21 (low): a lead who took it themselves is named once.
      return event.details.assignee.name === event.details.actorName
        ? `${about} has been ${event.details.alsoAcknowledged ? "acknowledged and " : ""}taken on by ${by}.`
        : `${about} has been ${event.details.alsoAcknowledged ? "acknowledged and " : event.details.previous === undefined ? "" : "re"}assigned to ${event.details.assignee.name} (${by}).`;
    case "decided":
      return `${about} has been decided by ${by}: ${outcomeLabel(event.details.outcome, meetingWord)}${event.details.area === undefined ? "" : ` (${event.details.area})`}. Their reason: ${event.details.reason}\n\n${STILL_WORRIED}`;
    case "reopened":
      return `${about} has been reopened by ${by}: the decision is being looked at again.`;
    case "reviewed":
      return `${about}: its review was recorded by ${by}.`;
    case "info-requested":
      return `${about}: ${event.details.actorName} asks a question (below).`;
    case "info-received":
      // Issue 23 (low): the referrer's own answer is theirs, not someone marking it received.
      return event.details.answer !== undefined
        ? `${about}: you answered the question at ${timeWords(event.at, now)}.`
        : `${about}: ${event.details.actorName} marked the information they asked for as received, so no answer from you is needed now.`;
  }
}

/**
 * DOMAIN.md §9: a transfer hands the referral to another area, with the same reference; the
 * referrer is told, with the lead's reason. DOMAIN.md §8: while the receiving area has no triage
 * channel, it is said not to be delivered there yet.
 */
export function transferredMessage(
  record: { readonly reference: string },
  fromName: string,
  toName: string,
  event: Extract<TriageEvent, { type: "decided" }>,
  now: Date,
  waiting: boolean,
): string {
  const by = `${event.details.actorName} at ${timeWords(event.at, now)}`;
  const where = waiting
    ? `Not delivered yet: ${toName} has no triage channel in Teams yet. If the child may be at risk now, contact ${toName}'s front door now. You are told here when it is delivered.`
    : `${toName}'s triage team takes it on from here, with the same reference; you are told here when they act on it.`;
  return `Your referral ${record.reference} (${fromName}) has been transferred to ${toName} by ${by}. Their reason: ${event.details.reason}\n\n${where}\n\n${STILL_WORRIED}`;
}

/**
 * DOMAIN.md §8 "Delivery is stated as it is": a referral that could not be posted at once (no
 * triage channel yet, or the first try failed) is delivered later, and the referrer is told in 1:1.
 */
export function deliveredMessage(reference: string, areaName: string): string {
  return `Delivered: your referral ${reference} is now posted in the triage channel registered for ${areaName} in your organisation. You are told here when their triage team acts on it.`;
}

/**
 * DOMAIN.md §9 cross-border: the informed copy, posted on a later try (its area had no channel
 * yet), is delivered now; the lead area still triages.
 */
export function informedDeliveredMessage(reference: string, informedName: string, leadName: string, as: "looks-after" | "placed-in" = "looks-after"): string {
  const which = as === "placed-in" ? "where the child is placed" : "which looks after the child";
  return `Delivered: your referral ${reference} is now also posted, for information, in the triage channel registered for ${informedName} in your organisation, ${which}. ${leadName}'s triage team still leads.`;
}
