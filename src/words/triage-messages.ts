// What the bot posts in a referral's thread, or sends to an area's admins, when nobody has acted in
// time or the referrer has answered (DOMAIN.md §9). The 999 line is added by the sender.

/** A status as it reads inside a sentence: "It is not acknowledged yet". */
const STATUS_IN_A_SENTENCE: ReadonlyMap<string, string> = new Map([
  ["submitted", "not acknowledged yet"],
  ["acknowledged", "acknowledged but not assigned"],
  ["assigned", "assigned"],
  ["awaiting-info", "waiting for information from the referrer"],
]);

/** The thread is told an answer came; the answer stays in the sealed history, behind Show details. */
export function referrerAnsweredLine(reference: string): string {
  return `The referrer has answered the question on referral ${reference}. Triage team: press Show details on the card to read the answer.`;
}

/** Not decided within one working day: what the area's admins (or the thread) are told. */
export function decisionEscalationLine(facts: { reference: string; areaName: string; decideBy: string; status: string; assignee: string | undefined }): string {
  return (
    `Escalation: referral ${facts.reference} to ${facts.areaName}'s front door has not been decided within one working day (due by ${facts.decideBy}). ` +
    `It is ${STATUS_IN_A_SENTENCE.get(facts.status) ?? facts.status}${facts.assignee === undefined ? "" : `, assigned to ${facts.assignee}`}. Open its card in the area's triage channel.`
  );
}

/** Still not acknowledged at its deadline: the reminder in the referral's thread. */
export function acknowledgeReminderLine(reference: string, due: string): string {
  return `Reminder: referral ${reference} has not been acknowledged yet (due by ${due}). Press Acknowledge or Assign to me on its card.`;
}

/**
 * DOMAIN.md §9 review reminders: a referral decided for a strategy discussion, a section 47
 * enquiry or the area's multi-agency meeting is due for its review (Sutton: every 3 months, seed
 * 003; Lambeth: monthly, seed 000).
 */
export function reviewReminderLine(facts: { reference: string; outcome: string; areaName: string; everyDays: number | undefined; due: string }): string {
  const every = facts.everyDays === undefined ? "" : ` (${facts.areaName} reviews these every ${facts.everyDays} days)`;
  return `Review due: referral ${facts.reference}, decided "${facts.outcome}", is due for its review since ${facts.due}${every}. When it is done, press Record a review on its card.`;
}

/**
 * The escalation could not reach some of the area's admins in a 1:1 chat (the app is not
 * installed for them), so it was posted in the referral's thread instead: said, so that nobody
 * takes the thread for the admins having been told.
 */
export function escalationInThreadLine(areaName: string, unreachable: number, admins: number): string {
  const who = unreachable === admins ? `${areaName}'s admins` : `${unreachable} of ${areaName}'s ${admins} admins`;
  return `Posted here because the bot could not message ${who} in a 1:1 chat (the app is not installed for them in Teams).`;
}
