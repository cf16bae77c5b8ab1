// DOMAIN.md §9 (added 2026-12-07) review reminders: a decision for a strategy discussion, a
// section 47 enquiry or the multi-agency meeting is reviewed every `reviewEveryDays` of its area;
// "Record a review" (a note) sets the next; reopening drops it; a new decision sets it again.
import { describe, expect, it } from "vitest";
import { INITIAL_TRIAGE_STATE, OUTCOMES, applyTriageAction, type TriageAction, type TriageMember, type TriageResult, type TriageState } from "../../src/domain/triage.ts";
import { REVIEWED_OUTCOMES, reviewDueOf, withNextReview } from "../../src/domain/triage-review.ts";
import { describeTriageEvent } from "../../src/domain/triage-text.ts";

const SAM: TriageMember = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };
const at = (iso: string) => new Date(iso);

function moved(result: TriageResult) {
  if (!result.ok) throw new Error(`expected the move to be allowed, got ${result.code}: ${result.message}`);
  return result;
}
const assigned = moved(applyTriageAction(INITIAL_TRIAGE_STATE, { type: "assign", assignee: SAM }, SAM, at("2026-11-24T10:00:00Z"))).next;
const decide = (outcome: (typeof OUTCOMES)[number], when = at("2026-11-24T10:30:00Z")): TriageState =>
  moved(applyTriageAction(assigned, { type: "decide", outcome, reason: "Because.", ...(outcome === "transfer-to-other-area" ? { area: "sutton" } : {}) } as TriageAction, SAM, when)).next;

describe("the next review", () => {
  it.each(OUTCOMES.map((outcome) => [outcome, REVIEWED_OUTCOMES.includes(outcome)] as const))("%s: reviewed %s", (outcome, reviewed) => {
    const state = withNextReview(decide(outcome), 91, at("2026-11-24T10:30:00Z"));
    expect(reviewDueOf(state) !== undefined).toBe(reviewed);
  });

  it("is due the area's number of London days later, at the same clock time across a clock change", () => {
    // 24 November (GMT) + 91 days = 23 February; + 150 days = 23 April (BST): still 10:30 in London.
    expect(reviewDueOf(withNextReview(decide("refer-to-mase"), 91, at("2026-11-24T10:30:00Z")))).toEqual(at("2027-02-23T10:30:00Z"));
    expect(reviewDueOf(withNextReview(decide("refer-to-mase"), 150, at("2026-11-24T10:30:00Z")))).toEqual(at("2027-04-23T09:30:00Z"));
  });

  it("is not set where the area gives no interval", () => {
    expect(reviewDueOf(withNextReview(decide("section-47"), undefined, at("2026-11-24T10:30:00Z")))).toBeUndefined();
  });

  it("Record a review keeps the note in the event only, and the next is counted from it", () => {
    const due = withNextReview(decide("strategy-discussion"), 30, at("2026-11-24T10:30:00Z"));
    const result = moved(applyTriageAction(due, { type: "record-review", note: " Plan working; seen weekly. " }, SAM, at("2026-12-20T09:00:00Z")));
    expect(result.event).toMatchObject({ type: "reviewed", details: { actorName: "Sam Lead", note: "Plan working; seen weekly." } });
    expect(JSON.stringify(result.next)).not.toContain("Plan working");
    const next = withNextReview(result.next, 30, result.event.at);
    expect(reviewDueOf(next)).toEqual(at("2027-01-19T09:00:00Z"));
    expect(next).toMatchObject({ review: { last: { by: SAM, at: at("2026-12-20T09:00:00Z") } } });
    expect(describeTriageEvent(result.event, at("2026-12-20T10:00:00Z"))).toBe("Review recorded by Sam Lead at 09:00");
  });

  it.each([
    ["with no note", { type: "record-review" }, "note-missing"],
    ["with a note of spaces", { type: "record-review", note: "  " }, "note-missing"],
  ] as const)("Record a review %s is refused", (_name, press, code) => {
    const due = withNextReview(decide("strategy-discussion"), 30, at("2026-11-24T10:30:00Z"));
    expect(applyTriageAction(due, press as TriageAction, SAM, at("2026-12-20T09:00:00Z"))).toMatchObject({ ok: false, code });
  });

  it("Record a review is refused on a decision with no review due", () => {
    expect(applyTriageAction(decide("early-help"), { type: "record-review", note: "x" }, SAM, at("2026-12-20T09:00:00Z"))).toMatchObject({ ok: false, code: "no-review" });
  });

  it("reopening drops the review; a new decision sets it again from then", () => {
    const due = withNextReview(decide("refer-to-mase"), 30, at("2026-11-24T10:30:00Z"));
    const reopened = moved(applyTriageAction(due, { type: "reopen" }, SAM, at("2026-11-25T10:00:00Z"))).next;
    expect(reviewDueOf(reopened)).toBeUndefined();
    const again = moved(applyTriageAction(reopened, { type: "decide", outcome: "section-47", reason: "New disclosure." }, SAM, at("2026-11-26T10:00:00Z"))).next;
    expect(reviewDueOf(withNextReview(again, 30, at("2026-11-26T10:00:00Z")))).toEqual(at("2026-12-26T10:00:00Z"));
  });
});
