// DOMAIN.md §9: the triage states, every move allowed and every move refused, what the person who
// pressed reads, the audit event of each move, and the laws of any sequence of presses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INITIAL_TRIAGE_STATE, OUTCOMES, TRIAGE_ACTIONS, TRIAGE_MOVES, TRIAGE_STATUSES, TriageAction, TriageEvent, TriageState,
  applyTriageAction, triageMoveOf, type TriageActionType, type TriageMember, type TriageResult, type TriageStatus,
} from "../../src/domain/triage.ts";
import { describeTriageEvent, referrerMessage } from "../../src/domain/triage-text.ts";
import { withNextReview } from "../../src/domain/triage-review.ts";

const SAM: TriageMember = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };
const JO: TriageMember = { id: "00000000-0000-0000-0000-0000000000022", name: "Jo Okafor" };

/** Tuesday 24 November 2026 in London (GMT), at the given time. */
const tue = (time: string) => new Date(`2026-11-24T${time}:00Z`);

/** A valid press of each action. */
const PRESS: Readonly<Record<TriageActionType, TriageAction>> = {
  acknowledge: { type: "acknowledge" },
  assign: { type: "assign", assignee: JO },
  "request-info": { type: "request-info", question: "Has the school seen the messages?" },
  "info-received": { type: "info-received" },
  decide: { type: "decide", outcome: "strategy-discussion", reason: "Category 2 concern; police aware." },
  reopen: { type: "reopen" },
  "record-review": { type: "record-review", note: "Seen at the meeting; plan in place." },
};

function moved(result: TriageResult) {
  if (!result.ok) throw new Error(`expected the move to be allowed, got ${result.code}: ${result.message}`);
  return result;
}

// One referral in each state, reached by real presses.
const SUBMITTED = INITIAL_TRIAGE_STATE;
const ACKNOWLEDGED = moved(applyTriageAction(SUBMITTED, PRESS.acknowledge, SAM, tue("10:02"))).next;
const ASSIGNED = moved(applyTriageAction(ACKNOWLEDGED, PRESS.assign, SAM, tue("10:05"))).next;
const AWAITING_INFO = moved(applyTriageAction(ASSIGNED, PRESS["request-info"], JO, tue("10:10"))).next;
const DECIDED = moved(applyTriageAction(ASSIGNED, PRESS.decide, JO, tue("10:30"))).next;
/** Decided for a strategy discussion in an area that reviews every 91 days (triage-review.ts). */
const REVIEWABLE = withNextReview(DECIDED, 91, tue("10:30"));
const STATES: Readonly<Record<TriageStatus, TriageState>> = {
  submitted: SUBMITTED,
  acknowledged: ACKNOWLEDGED,
  assigned: ASSIGNED,
  "awaiting-info": AWAITING_INFO,
  decided: DECIDED,
};

/** `press`: the press of this row when PRESS[action] is not one that moves (reassigning needs someone else). */
type Row = { from: TriageStatus; action: TriageActionType; to?: TriageStatus; refused?: string; message?: string; press?: TriageAction; state?: "reviewable" };

const WAITING = "This referral is waiting for the information Jo Okafor asked for at 10:10. Once it has come, mark it received: the referral then goes back to where it was.";
const DECIDED_BY = "This referral has already been decided by Jo Okafor at 10:30 (Strategy discussion)";
const NOT_ASSIGNED = "This referral is not assigned to anyone yet: assign it before recording a decision.";
const NOTHING_ASKED = "No information has been asked for on this referral, so there is nothing to mark as received.";
const NOT_DECIDED = "This referral has not been decided, so there is nothing to reopen.";
const NO_REVIEW_YET = "This referral has not been decided, so there is no review to record.";

// Every state × every action: 11 moves allowed, 24 refused. Pressed at 11:00 the same day.
const MOVES: readonly Row[] = [
  { from: "submitted", action: "acknowledge", to: "acknowledged" },
  { from: "submitted", action: "assign", to: "assigned" },
  { from: "submitted", action: "request-info", to: "awaiting-info" },
  { from: "submitted", action: "info-received", refused: "not-awaiting-info", message: NOTHING_ASKED },
  { from: "submitted", action: "decide", refused: "not-assigned", message: NOT_ASSIGNED },
  { from: "submitted", action: "reopen", refused: "not-decided", message: NOT_DECIDED },
  { from: "acknowledged", action: "acknowledge", refused: "already-acknowledged", message: "This referral was already acknowledged by Sam Lead at 10:02." },
  { from: "acknowledged", action: "assign", to: "assigned" },
  { from: "acknowledged", action: "request-info", to: "awaiting-info" },
  { from: "acknowledged", action: "info-received", refused: "not-awaiting-info", message: NOTHING_ASKED },
  { from: "acknowledged", action: "decide", refused: "not-assigned", message: NOT_ASSIGNED },
  { from: "acknowledged", action: "reopen", refused: "not-decided", message: NOT_DECIDED },
  { from: "assigned", action: "acknowledge", refused: "already-acknowledged", message: "This referral was already acknowledged by Sam Lead at 10:02, and is assigned to Jo Okafor." },
  // DOMAIN.md §9 (added 2026-12-07): reassigned to another member (to the same one: refused, below).
  { from: "assigned", action: "assign", to: "assigned", press: { type: "assign", assignee: SAM } },
  { from: "assigned", action: "request-info", to: "awaiting-info" },
  { from: "assigned", action: "info-received", refused: "not-awaiting-info", message: NOTHING_ASKED },
  { from: "assigned", action: "decide", to: "decided" },
  { from: "assigned", action: "reopen", refused: "not-decided", message: NOT_DECIDED },
  { from: "awaiting-info", action: "acknowledge", refused: "awaiting-info", message: WAITING },
  { from: "awaiting-info", action: "assign", refused: "awaiting-info", message: WAITING },
  { from: "awaiting-info", action: "request-info", refused: "awaiting-info", message: WAITING },
  { from: "awaiting-info", action: "info-received", to: "assigned" },
  { from: "awaiting-info", action: "decide", refused: "awaiting-info", message: WAITING },
  { from: "awaiting-info", action: "reopen", refused: "not-decided", message: NOT_DECIDED },
  { from: "decided", action: "acknowledge", refused: "already-decided", message: `${DECIDED_BY}.` },
  { from: "decided", action: "assign", refused: "already-decided", message: `${DECIDED_BY}.` },
  { from: "decided", action: "request-info", refused: "already-decided", message: `${DECIDED_BY}; reopen it first.` },
  { from: "decided", action: "info-received", refused: "already-decided", message: `${DECIDED_BY}.` },
  { from: "decided", action: "decide", refused: "already-decided", message: `${DECIDED_BY}; reopen it first.` },
  { from: "decided", action: "reopen", to: "assigned" },
  // DOMAIN.md §9 (added 2026-12-07): a review is recorded on a decision that has one due.
  { from: "submitted", action: "record-review", refused: "not-decided", message: NO_REVIEW_YET },
  { from: "acknowledged", action: "record-review", refused: "not-decided", message: NO_REVIEW_YET },
  { from: "assigned", action: "record-review", refused: "not-decided", message: NO_REVIEW_YET },
  { from: "awaiting-info", action: "record-review", refused: "not-decided", message: NO_REVIEW_YET },
  { from: "decided", action: "record-review", to: "decided", state: "reviewable" },
];

describe("triage moves (DOMAIN.md §9)", () => {
  it("lists every state × action once", () => {
    const pairs = MOVES.map((row) => `${row.from}/${row.action}`);
    expect(new Set(pairs).size).toBe(TRIAGE_STATUSES.length * TRIAGE_ACTIONS.length);
    expect(pairs).toHaveLength(TRIAGE_STATUSES.length * TRIAGE_ACTIONS.length);
  });

  it("allows exactly the moves of TRIAGE_MOVES", () => {
    const allowed = MOVES.filter((row) => row.to !== undefined).map((row) => `${row.from}/${row.action}`);
    expect(allowed.sort()).toEqual(TRIAGE_MOVES.map((move) => `${move.from}/${move.action}`).sort());
  });

  it.each(MOVES.filter((row) => row.to !== undefined))("$from --$action--> $to", ({ from, action, to, press, state }) => {
    const current = state === "reviewable" ? REVIEWABLE : STATES[from];
    const result = moved(applyTriageAction(current, press ?? PRESS[action], SAM, tue("11:00")));
    expect(result.next.status).toBe(to);
    expect(result.next.version).toBe(current.version + 1);
    expect(result.event).toMatchObject({ actorId: SAM.id, at: tue("11:00"), details: { actorName: "Sam Lead" } });
    expect(TriageEvent.parse(JSON.parse(JSON.stringify(result.event)))).toEqual(result.event);
  });

  it.each(MOVES.filter((row) => row.refused !== undefined))("$from --$action--> refused: $refused", ({ from, action, refused, message }) => {
    const current = STATES[from];
    const before = structuredClone(current);
    expect(applyTriageAction(current, PRESS[action], SAM, tue("11:00"))).toEqual({ ok: false, code: refused, message });
    expect(current).toEqual(before);
  });

  it("names the day in a refusal when the earlier press was on another day", () => {
    const result = applyTriageAction(ACKNOWLEDGED, PRESS.acknowledge, JO, new Date("2026-11-25T09:00:00Z"));
    expect(result).toMatchObject({ message: "This referral was already acknowledged by Sam Lead at 10:02 on Tuesday 24 November." });
  });

  it("refuses assigning it to the member it is already assigned to, saying who assigned it", () => {
    const before = structuredClone(ASSIGNED);
    expect(applyTriageAction(ASSIGNED, PRESS.assign, SAM, tue("11:00"))).toEqual({ ok: false, code: "already-assigned", message: "This referral was already assigned to Jo Okafor by Sam Lead at 10:05." });
    expect(ASSIGNED).toEqual(before);
  });

  it("says who assigned it to themselves without repeating the name", () => {
    const self = moved(applyTriageAction(ACKNOWLEDGED, { type: "assign", assignee: SAM }, SAM, tue("10:05"))).next;
    expect(applyTriageAction(self, { type: "assign", assignee: SAM }, JO, tue("11:00"))).toMatchObject({ message: "This referral was already assigned to Sam Lead at 10:05." });
  });
});

describe("assign", () => {
  it("straight from submitted, acknowledges too: one event says both", () => {
    const result = moved(applyTriageAction(SUBMITTED, PRESS.assign, SAM, tue("10:05")));
    expect(result.next).toEqual({
      status: "assigned",
      version: 2,
      acknowledged: { by: SAM, at: tue("10:05") },
      assigned: { by: SAM, at: tue("10:05") },
      assignee: JO,
    });
    expect(result.event).toEqual({ type: "assigned", actorId: SAM.id, at: tue("10:05"), details: { actorName: "Sam Lead", assignee: JO, alsoAcknowledged: true } });
  });

  it("after an acknowledgement, keeps who acknowledged it and when", () => {
    const result = moved(applyTriageAction(ACKNOWLEDGED, PRESS.assign, JO, tue("10:20")));
    expect(result.next).toMatchObject({ acknowledged: { by: SAM, at: tue("10:02") }, assigned: { by: JO, at: tue("10:20") }, assignee: JO });
    expect(result.event.details).toMatchObject({ alsoAcknowledged: false });
  });
});

// DOMAIN.md §9 (added 2026-12-07): an assigned referral can be assigned to another member, audited.
describe("reassign", () => {
  it("hands it to another member, keeping who acknowledged it; the event names who had it before", () => {
    const result = moved(applyTriageAction(ASSIGNED, { type: "assign", assignee: SAM }, JO, tue("11:00")));
    expect(result.next).toEqual({ status: "assigned", version: ASSIGNED.version + 1, acknowledged: { by: SAM, at: tue("10:02") }, assigned: { by: JO, at: tue("11:00") }, assignee: SAM });
    expect(result.event).toEqual({ type: "assigned", actorId: JO.id, at: tue("11:00"), details: { actorName: "Jo Okafor", assignee: SAM, alsoAcknowledged: false, previous: JO } });
  });

  it("keeps a reopening: the decision deadline was met once", () => {
    const reopened = moved(applyTriageAction(DECIDED, PRESS.reopen, SAM, tue("15:00"))).next;
    expect(moved(applyTriageAction(reopened, { type: "assign", assignee: SAM }, SAM, tue("15:10"))).next).toMatchObject({ assignee: SAM, reopened: { by: SAM, at: tue("15:00") } });
  });

  it("is said as a reassignment, to the lead who lost a race and to the referrer", () => {
    const adele: TriageMember = { id: "00000000-0000-0000-0000-0000000000023", name: "Adele Vance" };
    const event = moved(applyTriageAction(ASSIGNED, { type: "assign", assignee: adele }, SAM, tue("11:00"))).event;
    expect(describeTriageEvent(event, tue("11:30"))).toBe("Reassigned to Adele Vance by Sam Lead at 11:00 (was Jo Okafor)");
    expect(referrerMessage({ reference: "KIN-2026-00042" }, "Kingston upon Thames", event, tue("11:30"))).toBe("Your referral KIN-2026-00042 (Kingston upon Thames) has been reassigned to Adele Vance (Sam Lead at 11:00).");
  });
});

describe("request-info and info-received", () => {
  it.each([
    { name: "submitted", from: SUBMITTED },
    { name: "acknowledged", from: ACKNOWLEDGED },
    { name: "assigned", from: ASSIGNED },
  ])("goes back to $name, with everything it held, two versions on", ({ from }) => {
    const asked = moved(applyTriageAction(from, PRESS["request-info"], JO, tue("12:00")));
    expect(asked.next).toMatchObject({ status: "awaiting-info", requested: { by: JO, at: tue("12:00") } });
    expect(asked.event.details).toEqual({ actorName: "Jo Okafor", question: "Has the school seen the messages?", returnsTo: from.status });
    const back = moved(applyTriageAction(asked.next, PRESS["info-received"], SAM, tue("14:00")));
    expect(back.next).toEqual({ ...from, version: from.version + 2 });
    expect(back.event).toEqual({ type: "info-received", actorId: SAM.id, at: tue("14:00"), details: { actorName: "Sam Lead", returnsTo: from.status } });
  });

  it("keeps the referrer's answer in the event (sealed by the service), trimmed, and goes back", () => {
    const referrer = { id: "aad-referrer", name: "Alex Teacher" };
    const back = moved(applyTriageAction(AWAITING_INFO, { type: "info-received", answer: "  Yes, the school has screenshots. " }, referrer, tue("14:00")));
    expect(back.next.status).toBe("assigned");
    expect(back.event.details).toEqual({ actorName: "Alex Teacher", returnsTo: "assigned", answer: "Yes, the school has screenshots." });
    expect(JSON.stringify(back.next)).not.toContain("screenshots");
  });

  it("keeps the question out of the stored state: it may name people", () => {
    expect(JSON.stringify(AWAITING_INFO)).not.toContain("school");
  });

  it.each(["", "   \n "])("refuses a request with no question (%j)", (question) => {
    expect(applyTriageAction(ASSIGNED, { type: "request-info", question }, JO, tue("12:00"))).toEqual({
      ok: false,
      code: "question-missing",
      message: "Say what information you need: the referrer is sent your question.",
    });
  });
});

describe("decide", () => {
  // As the card sends it: an input left empty arrives as "".
  const card = (data: Record<string, unknown>) => TriageAction.parse({ type: "decide", outcome: "", reason: "", area: "", ...data });

  it.each([
    { name: "no outcome", data: { reason: "Seen by the DSL." }, code: "outcome-missing", message: "Choose an outcome to record the decision." },
    { name: "no reason", data: { outcome: "early-help" }, code: "reason-missing", message: "Give the reason for the decision: it is kept in the referral's record." },
    { name: "a reason of spaces only", data: { outcome: "early-help", reason: "   " }, code: "reason-missing", message: "Give the reason for the decision: it is kept in the referral's record." },
    { name: "a transfer naming no area", data: { outcome: "transfer-to-other-area", reason: "Family moved." }, code: "area-missing", message: "Name the area the referral is being transferred to." },
    { name: "a transfer to an area of spaces", data: { outcome: "transfer-to-other-area", area: "  ", reason: "Family moved." }, code: "area-missing", message: "Name the area the referral is being transferred to." },
  ])("refuses $name, changing nothing", ({ data, code, message }) => {
    expect(applyTriageAction(ASSIGNED, card(data), JO, tue("12:00"))).toEqual({ ok: false, code, message });
  });

  it("records a transfer with the area named, and the reason only in the event", () => {
    const result = moved(applyTriageAction(ASSIGNED, card({ outcome: "transfer-to-other-area", area: " Surrey ", reason: " Family moved to Woking. " }), JO, tue("12:00")));
    expect(result.next).toMatchObject({ status: "decided", decided: { by: JO, at: tue("12:00") }, decision: { outcome: "transfer-to-other-area", area: "Surrey" } });
    expect(JSON.stringify(result.next)).not.toContain("Woking");
    expect(result.event.details).toEqual({ actorName: "Jo Okafor", outcome: "transfer-to-other-area", area: "Surrey", reason: "Family moved to Woking." });
  });

  it("drops an area given with any other outcome", () => {
    const result = moved(applyTriageAction(ASSIGNED, card({ outcome: "section-47", area: "Surrey", reason: "Disclosure of assault." }), JO, tue("12:00")));
    expect(result.next).toMatchObject({ decision: { outcome: "section-47" } });
    expect(result.next).not.toHaveProperty("decision.area");
  });

  it.each(OUTCOMES.filter((outcome) => outcome !== "transfer-to-other-area"))("records %s with a reason", (outcome) => {
    expect(moved(applyTriageAction(ASSIGNED, card({ outcome, reason: "Because." }), JO, tue("12:00"))).next).toMatchObject({ status: "decided", decision: { outcome } });
  });

  it("refuses an outcome not in DOMAIN.md §9 at the edge", () => {
    expect(TriageAction.safeParse({ type: "decide", outcome: "close", reason: "x" }).success).toBe(false);
  });
});

describe("reopen", () => {
  it("goes back to assigned, to the same person, and says who reopened it", () => {
    const result = moved(applyTriageAction(DECIDED, { type: "reopen", reason: "New disclosure." }, SAM, tue("15:00")));
    expect(result.next).toEqual({
      status: "assigned",
      version: DECIDED.version + 1,
      acknowledged: { by: SAM, at: tue("10:02") },
      assigned: { by: SAM, at: tue("10:05") },
      assignee: JO,
      reopened: { by: SAM, at: tue("15:00") },
    });
    expect(result.event).toEqual({ type: "reopened", actorId: SAM.id, at: tue("15:00"), details: { actorName: "Sam Lead", reason: "New disclosure." } });
  });

  it("can be decided again", () => {
    const reopened = moved(applyTriageAction(DECIDED, PRESS.reopen, SAM, tue("15:00"))).next;
    expect(moved(applyTriageAction(reopened, { type: "decide", outcome: "refer-to-mase", reason: "Pattern of missing." }, JO, tue("16:00"))).next).toMatchObject({
      status: "decided",
      decision: { outcome: "refer-to-mase" },
    });
  });
});

describe("what happened, for a lead whose press lost (describeTriageEvent)", () => {
  const eventOf = (state: TriageState, action: TriageAction, actor: TriageMember, at: Date) => moved(applyTriageAction(state, action, actor, at)).event;
  const reopened = moved(applyTriageAction(DECIDED, PRESS.reopen, SAM, tue("15:00"))).next;

  it.each([
    { name: "acknowledged", event: eventOf(SUBMITTED, PRESS.acknowledge, SAM, tue("10:02")), text: "Acknowledged by Sam Lead at 10:02" },
    { name: "assigned straight away", event: eventOf(SUBMITTED, PRESS.assign, SAM, tue("10:02")), text: "Acknowledged and assigned to Jo Okafor by Sam Lead at 10:02" },
    { name: "assigned to someone else", event: eventOf(ACKNOWLEDGED, PRESS.assign, SAM, tue("10:05")), text: "Assigned to Jo Okafor by Sam Lead at 10:05" },
    { name: "taken by the one who pressed", event: eventOf(ACKNOWLEDGED, { type: "assign", assignee: SAM }, SAM, tue("10:05")), text: "Assigned to Sam Lead at 10:05" },
    {
      name: "taken by the one who pressed, as the service writes it (the actor's user id, not their member id)",
      event: { ...eventOf(ACKNOWLEDGED, { type: "assign", assignee: SAM }, SAM, tue("10:05")), actorId: `msteams:${SAM.id}` },
      text: "Assigned to Sam Lead at 10:05",
    },
    { name: "information asked for (never the question)", event: eventOf(ASSIGNED, PRESS["request-info"], JO, tue("10:10")), text: "Information asked for by Jo Okafor at 10:10" },
    { name: "information received", event: eventOf(AWAITING_INFO, PRESS["info-received"], JO, tue("13:00")), text: "Information marked received by Jo Okafor at 13:00" },
    {
      name: "the referrer's answer (never the answer)",
      event: eventOf(AWAITING_INFO, { type: "info-received", answer: "At the park." }, { id: "aad-referrer", name: "Alex Teacher" }, tue("13:00")),
      text: "The referrer, Alex Teacher, answered at 13:00",
    },
    { name: "decided (never the reason)", event: eventOf(ASSIGNED, PRESS.decide, JO, tue("10:30")), text: "Decided by Jo Okafor at 10:30 (Strategy discussion)" },
    {
      name: "transferred",
      event: eventOf(ASSIGNED, { type: "decide", outcome: "transfer-to-other-area", area: "Surrey", reason: "Moved." }, JO, tue("10:30")),
      text: "Decided by Jo Okafor at 10:30 (Transfer to another area: Surrey)",
    },
    { name: "reopened", event: eventOf(DECIDED, PRESS.reopen, SAM, tue("15:00")), text: "Reopened by Sam Lead at 15:00" },
    { name: "decided again after reopening", event: eventOf(reopened, { type: "decide", outcome: "no-further-action", reason: "x" }, SAM, tue("16:00")), text: "Decided by Sam Lead at 16:00 (No further action)" },
  ])("$name", ({ event, text }) => {
    expect(describeTriageEvent(event, tue("16:59"))).toBe(text);
  });

  it("gives the day when it was not today in London, and the year when not this year", () => {
    const event = eventOf(SUBMITTED, PRESS.acknowledge, SAM, new Date("2026-12-31T23:30:00Z"));
    expect(describeTriageEvent(event, new Date("2026-12-31T23:45:00Z"))).toBe("Acknowledged by Sam Lead at 23:30");
    expect(describeTriageEvent(event, new Date("2027-01-01T09:00:00Z"))).toBe("Acknowledged by Sam Lead at 23:30 on Thursday 31 December 2026");
    // 23:30Z in July is 00:30 BST the next day.
    const summer = eventOf(SUBMITTED, PRESS.acknowledge, SAM, new Date("2026-07-14T23:30:00Z"));
    expect(describeTriageEvent(summer, new Date("2026-07-15T09:00:00Z"))).toBe("Acknowledged by Sam Lead at 00:30");
  });
});

describe("stored state and card presses", () => {
  it.each(Object.entries(STATES))("%s survives JSON and parses back to itself", (_status, state) => {
    expect(TriageState.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it("reads a row written before versions were kept as the first version", () => {
    expect(TriageState.parse({ status: "submitted" })).toEqual(INITIAL_TRIAGE_STATE);
  });

  it.each([
    { name: "a state not in DOMAIN.md §9", value: { status: "closed", version: 2 } },
    { name: "an unknown field", value: { status: "submitted", version: 1, childName: "x" } },
    { name: "assigned with no assignee", value: { ...JSON.parse(JSON.stringify(ASSIGNED)), assignee: undefined } },
    { name: "a version of 0", value: { status: "submitted", version: 0 } },
    { name: "a date that is not one", value: { ...JSON.parse(JSON.stringify(ACKNOWLEDGED)), acknowledged: { by: SAM, at: "yesterday" } } },
    { name: "a __proto__ key", value: JSON.parse('{"status":"submitted","version":1,"__proto__":{"status":"decided"}}') },
  ])("refuses $name", ({ value }) => {
    expect(TriageState.safeParse(value).success).toBe(false);
  });

  it.each([
    { name: "an action not in DOMAIN.md §9", value: { type: "close" } },
    { name: "constructor as an action", value: { type: "constructor" } },
    { name: "an assign with no assignee", value: { type: "assign" } },
    { name: "an assignee with no name", value: { type: "assign", assignee: { id: "x", name: "" } } },
    { name: "an unknown field", value: { type: "acknowledge", version: 3 } },
    { name: "a question over 1,000 characters", value: { type: "request-info", question: "x".repeat(1_001) } },
    { name: "a reason over 2,000 characters", value: { type: "decide", outcome: "early-help", reason: "x".repeat(2_001) } },
  ])("refuses a press with $name at the edge", ({ value }) => {
    expect(TriageAction.safeParse(value).success).toBe(false);
  });

  it("refuses an Invalid Date rather than record it", () => {
    expect(() => applyTriageAction(SUBMITTED, PRESS.acknowledge, SAM, new Date("nonsense"))).toThrow("valid Date");
  });
});

describe("any sequence of presses (fast-check)", () => {
  const member = fc.constantFrom(SAM, JO, { id: "00000000-0000-0000-0000-0000000000023", name: "Adele Vance" });
  const text = fc.oneof(fc.constant(""), fc.constant("  "), fc.string({ maxLength: 30 }));
  const press: fc.Arbitrary<TriageAction> = fc.oneof(
    fc.constant({ type: "acknowledge" as const }),
    member.map((assignee) => ({ type: "assign" as const, assignee })),
    text.map((question) => ({ type: "request-info" as const, question })),
    fc.constant({ type: "info-received" as const }),
    fc.record({ outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: undefined }), reason: fc.option(text, { nil: undefined }), area: fc.option(text, { nil: undefined }) }).map((fields) => ({ type: "decide" as const, ...fields })),
    fc.option(text, { nil: undefined }).map((reason) => ({ type: "reopen" as const, reason })),
    fc.option(text, { nil: undefined }).map((note) => ({ type: "record-review" as const, note })),
  );
  const presses = fc.array(fc.record({ press, actor: member, minutes: fc.integer({ min: 0, max: 600 }) }), { maxLength: 40 });

  it("never reaches a state or move outside the table; versions step up by one; a refusal changes nothing", () => {
    fc.assert(
      fc.property(presses, (sequence) => {
        let state: TriageState = INITIAL_TRIAGE_STATE;
        let at = tue("09:00").getTime();
        for (const { press, actor, minutes } of sequence) {
          at += minutes * 60_000;
          const before = structuredClone(state);
          const result = applyTriageAction(state, press, actor, new Date(at));
          expect(state).toEqual(before);
          if (!result.ok) {
            expect(result.code).not.toBe("not-allowed");
            expect(result.message).toMatch(/^[A-Z].*\.$/);
            continue;
          }
          const move = triageMoveOf(state.status, press.type);
          expect(move).toBeDefined();
          const expected = move?.to === "previous" && state.status === "awaiting-info" ? state.before.status : move?.to;
          expect(result.next.status).toBe(expected);
          expect(TRIAGE_STATUSES).toContain(result.next.status);
          expect(result.next.version).toBe(state.version + 1);
          expect(TriageState.parse(JSON.parse(JSON.stringify(result.next)))).toEqual(result.next);
          expect(TriageEvent.parse(JSON.parse(JSON.stringify(result.event)))).toEqual(result.event);
          state = result.next;
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("a note for the triage team (DOMAIN.md §9)", () => {
  const NOTE = "Sibling known to the Phoenix team; check the sibling's file.";
  const decided = moved(applyTriageAction(ASSIGNED, { ...PRESS.decide, teamNote: NOTE } as TriageAction, JO, tue("10:30")));

  it("is kept in the decision's audit event, beside the reason", () => {
    expect(decided.event.details).toMatchObject({ reason: "Category 2 concern; police aware.", teamNote: NOTE });
  });

  it("never reaches the referrer's message, which carries the reason", () => {
    const event = TriageEvent.parse({ type: "decided", actorId: JO.id, at: tue("10:30"), details: { ...decided.event.details, actorName: JO.name } });
    const message = referrerMessage({ reference: "KIN-2026-00042" }, "Kingston upon Thames", event, tue("10:31"));
    expect(message).toContain("Category 2 concern; police aware.");
    expect(message).not.toContain("Sibling");
  });

  it("is left out when blank", () => {
    const plain = moved(applyTriageAction(ASSIGNED, { ...PRESS.decide, teamNote: "   " } as TriageAction, JO, tue("10:30")));
    expect(plain.event.details).not.toHaveProperty("teamNote");
  });
});
