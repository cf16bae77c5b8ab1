// What the referrer is told in 1:1 as triage acts on their referral (DOMAIN.md §8-§9): who did
// what and when, in plain words, naming the area rather than the council's front door; never the
// team's note. Also how each outcome reads, and the line once a waiting referral is delivered.
import { describe, expect, it } from "vitest";
import { INITIAL_TRIAGE_STATE, OUTCOMES, applyTriageAction, type TriageAction, type TriageMember, type TriageResult, type TriageState } from "../../src/domain/triage.ts";
import { OUTCOME_LABELS, STILL_WORRIED, deliveredMessage, referrerMessage, timeWords } from "../../src/domain/triage-text.ts";

const SAM: TriageMember = { id: "aad-sam", name: "Sam Lead" };
const JO: TriageMember = { id: "aad-jo", name: "Jo Okafor" };
const ALEX: TriageMember = { id: "aad-alex", name: "Alex Teacher" };
const RECORD = { reference: "KIN-2026-00042" };
const ABOUT = "Your referral KIN-2026-00042 (Kingston upon Thames)";

/** Tuesday 24 November 2026 in London (GMT), at the given time. */
const tue = (time: string) => new Date(`2026-11-24T${time}:00Z`);

function moved(result: TriageResult) {
  if (!result.ok) throw new Error(`expected the move to be allowed, got ${result.code}`);
  return result;
}

const press = (state: TriageState, action: TriageAction, actor: TriageMember, at: string) => moved(applyTriageAction(state, action, actor, tue(at)));
const ACKNOWLEDGED = press(INITIAL_TRIAGE_STATE, { type: "acknowledge" }, SAM, "10:02").next;
const ASSIGNED = press(ACKNOWLEDGED, { type: "assign", assignee: JO }, SAM, "10:05").next;
const AWAITING = press(ASSIGNED, { type: "request-info", question: "Has the school seen the messages?" }, JO, "10:10").next;
const DECIDED = press(ASSIGNED, { type: "decide", outcome: "strategy-discussion", reason: "Police aware." }, JO, "10:30").next;

const told = (state: TriageState, action: TriageAction, actor: TriageMember, at: string) =>
  referrerMessage(RECORD, "Kingston upon Thames", press(state, action, actor, at).event, tue("16:00"));

describe("referrerMessage", () => {
  it.each<[string, () => string, string]>([
    ["acknowledged", () => told(INITIAL_TRIAGE_STATE, { type: "acknowledge" }, SAM, "10:02"), `${ABOUT} has been acknowledged by Sam Lead at 10:02.`],
    ["assigned to someone", () => told(ACKNOWLEDGED, { type: "assign", assignee: JO }, SAM, "10:05"), `${ABOUT} has been assigned to Jo Okafor (Sam Lead at 10:05).`],
    ["acknowledged and assigned at once", () => told(INITIAL_TRIAGE_STATE, { type: "assign", assignee: JO }, SAM, "10:05"), `${ABOUT} has been acknowledged and assigned to Jo Okafor (Sam Lead at 10:05).`],
    ["taken on by the lead who pressed: named once", () => told(ACKNOWLEDGED, { type: "assign", assignee: SAM }, SAM, "10:05"), `${ABOUT} has been taken on by Sam Lead at 10:05.`],
    ["acknowledged and taken on at once", () => told(INITIAL_TRIAGE_STATE, { type: "assign", assignee: SAM }, SAM, "10:05"), `${ABOUT} has been acknowledged and taken on by Sam Lead at 10:05.`],
    ["a question asked (the question follows below)", () => told(ASSIGNED, { type: "request-info", question: "Where?" }, JO, "10:10"), `${ABOUT}: Jo Okafor asks a question (below).`],
    ["the information marked received by a lead", () => told(AWAITING, { type: "info-received" }, JO, "13:00"), `${ABOUT}: Jo Okafor marked the information they asked for as received, so no answer from you is needed now.`],
    ["the referrer's own answer", () => told(AWAITING, { type: "info-received", answer: "At the park." }, ALEX, "13:00"), `${ABOUT}: you answered the question at 13:00.`],
    ["reopened", () => told(DECIDED, { type: "reopen" }, SAM, "15:00"), `${ABOUT} has been reopened by Sam Lead at 15:00: the decision is being looked at again.`],
  ])("%s", (_name, message, expected) => {
    expect(message()).toBe(expected);
  });

  it("a decision gives the outcome, the reason and what to do if still worried (DOMAIN.md §9)", () => {
    expect(told(ASSIGNED, { type: "decide", outcome: "early-help", reason: "Family support offered." }, JO, "10:30")).toBe(
      `${ABOUT} has been decided by Jo Okafor at 10:30: Early help. Their reason: Family support offered.\n\n${STILL_WORRIED}`,
    );
  });

  it("a transfer names the area it went to", () => {
    expect(told(ASSIGNED, { type: "decide", outcome: "transfer-to-other-area", area: "Surrey", reason: "Moved." }, JO, "10:30")).toBe(
      `${ABOUT} has been decided by Jo Okafor at 10:30: Transfer to another area (Surrey). Their reason: Moved.\n\n${STILL_WORRIED}`,
    );
  });

  it("still worried: contact the front door again and talk to the safeguarding lead (seed 003)", () => {
    expect(STILL_WORRIED).toBe("If you are still worried, or something new happens, contact the front door again and talk to your safeguarding lead about escalating.");
  });
});

describe("OUTCOME_LABELS (DOMAIN.md §9)", () => {
  it("words every outcome", () => {
    expect(OUTCOME_LABELS).toEqual({
      "no-further-action": "No further action",
      "advice-given": "Advice given",
      "early-help": "Early help",
      "strategy-discussion": "Strategy discussion",
      "section-47": "Section 47 enquiry (child protection)",
      "refer-to-mase": "Refer to MASE",
      "transfer-to-other-area": "Transfer to another area",
      "police-referral": "Police referral",
    });
    expect(Object.keys(OUTCOME_LABELS)).toEqual([...OUTCOMES]);
  });
});

describe("timeWords", () => {
  it.each<[string, string, string, string]>([
    ["the same London day: the time only", "2026-11-24T10:02:00Z", "2026-11-24T23:59:00Z", "10:02"],
    ["another day this year: the day and date", "2026-11-23T10:02:00Z", "2026-11-24T09:00:00Z", "10:02 on Monday 23 November"],
    ["another year: the year too", "2025-11-24T10:02:00Z", "2026-11-24T09:00:00Z", "10:02 on Monday 24 November 2025"],
    ["in summer, London's clock (BST)", "2026-07-14T09:02:00Z", "2026-07-14T12:00:00Z", "10:02"],
  ])("%s", (_name, at, now, expected) => {
    expect(timeWords(new Date(at), new Date(now))).toBe(expected);
  });
});

describe("deliveredMessage (DOMAIN.md §8: delivery is stated as it is)", () => {
  it("names the reference and the area whose triage channel now has it", () => {
    expect(deliveredMessage("KIN-2026-00042", "Kingston upon Thames")).toBe(
      "Delivered: your referral KIN-2026-00042 is now posted in the triage channel registered for Kingston upon Thames in your organisation. You are told here when their triage team acts on it.",
    );
  });
});
