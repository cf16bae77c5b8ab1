// Review reminders (DOMAIN.md §9, added 2026-12-07): a referral decided for a strategy discussion,
// a section 47 enquiry or the area's multi-agency meeting is reviewed every `reviewEveryDays`
// where the area file gives it (Sutton: every 3 months, seed 003; Lambeth: monthly for medium and
// high risk, seed 000). A decision sets the first due date, "Record a review" the next; reopening
// drops it (the assigned state has none) and a new decision sets it again. Pure: the time and the
// interval are arguments.
import { DateTime } from "luxon";
import type { Outcome, TriageState } from "./triage.ts";

/** The outcomes that are reviewed (DOMAIN.md §9). */
export const REVIEWED_OUTCOMES: readonly Outcome[] = ["refer-to-mase", "strategy-discussion", "section-47"];

/**
 * The state with its next review due `everyDays` London calendar days after `from` (the same
 * wall-clock time, across a clock change), or with none when the decision is not reviewed or the
 * area gives no interval.
 */
export function withNextReview(state: TriageState, everyDays: number | undefined, from: Date): TriageState {
  if (state.status !== "decided") return state;
  const { review, ...rest } = state;
  if (everyDays === undefined || !REVIEWED_OUTCOMES.includes(state.decision.outcome)) return rest;
  const due = DateTime.fromJSDate(from, { zone: "Europe/London" }).plus({ days: everyDays }).toJSDate();
  return { ...rest, review: { due, ...(review?.last === undefined ? {} : { last: review.last }) } };
}

/** When the referral's next review is due, if one is. */
export function reviewDueOf(state: TriageState): Date | undefined {
  return state.status === "decided" ? state.review?.due : undefined;
}
