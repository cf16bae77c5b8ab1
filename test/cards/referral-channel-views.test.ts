// The card in the area's triage channel (issue 10, point 6; DOMAIN.md §9): the buttons each status
// offers, and nothing personal from the referral.
import { describe, expect, it } from "vitest";
import { referralChannelCard, referralReviewCard, type ChannelCardView } from "../../src/cards/referral-views.ts";
import { REFERRAL_FIELDS, type FieldSpec } from "../../src/domain/referral-fields.ts";
import { fromCheckOf, validateReferral } from "../../src/domain/referral.ts";
import { TRIAGE_MOVES, TRIAGE_STATUSES } from "../../src/domain/triage.ts";
import { summaryOf } from "../../src/services/referral-service.ts";
import { channelViewOf } from "../../src/cards/referral-channel-data.ts";
import { MOVE_OF_VERB } from "../../src/cards/referral-channel-views.ts";
import { AREAS, TUESDAY_MORNING, assessCase, request } from "../support/assessment.ts";
import { CHANNEL, executes, nodes, rendered, textBlocks, textRuns, view } from "../support/referral-cards.ts";
import { sparseReferral } from "../support/marked-referral.ts";

describe("triage channel card", () => {
  // DOMAIN.md §9; the card leads with acknowledging a new referral. Every status offers Show details;
  // "Assign to…" appears only when a colleague is known (below).
  const EXPECTED: [string, string[]][] = [
    ["submitted", ["triage.acknowledge", "triage.assign", "triage.details", "triage.ask"]],
    ["acknowledged", ["triage.assign", "triage.details", "triage.ask"]],
    ["assigned", ["triage.details", "triage.ask", "triage.decide"]],
    ["awaiting-info", ["triage.received", "triage.details"]],
    ["decided", ["triage.reopen", "triage.details"]],
    ["a status it does not know", ["triage.details"]],
  ];

  it.each(EXPECTED)("%s: offers %j", (status, verbs) => {
    const actions = executes(rendered(referralChannelCard({ ...CHANNEL, status })));
    expect(actions.map((action) => action.verb)).toEqual(verbs);
    for (const action of actions) expect(action.data).toEqual(action.verb === "triage.details" ? { referralId: CHANNEL.referralId } : { referralId: CHANNEL.referralId, version: 3 });
  });

  // DOMAIN.md §9 (added 2026-12-07): "Assign to…" also reassigns an assigned referral.
  it.each(["submitted", "acknowledged", "assigned"])("%s: offers Assign to… with the colleagues named, only when there are some", (status) => {
    const colleagues = [{ id: "00000000-0000-4000-8000-00000000001a", name: "Jo Okafor" }];
    const card = rendered(referralChannelCard({ ...CHANNEL, status, colleagues }));
    expect(executes(card).map((action) => action.verb)).toContain("triage.assign-to");
    expect(nodes(card, (node) => node.id === "assignee")[0]?.choices).toEqual([{ title: "Jo Okafor", value: "00000000-0000-4000-8000-00000000001a" }]);
    expect(executes(rendered(referralChannelCard({ ...CHANNEL, status, colleagues: [] }))).map((action) => action.verb)).not.toContain("triage.assign-to");
  });

  it.each(["awaiting-info", "decided"])("%s: offers no Assign to…", (status) => {
    const colleagues = [{ id: "00000000-0000-4000-8000-00000000001a", name: "Jo Okafor" }];
    expect(executes(rendered(referralChannelCard({ ...CHANNEL, status, colleagues }))).map((action) => action.verb)).not.toContain("triage.assign-to");
  });

  it.each(TRIAGE_STATUSES)("%s: every move offered is one the triage rules allow", (status) => {
    const colleagues = [{ id: "00000000-0000-4000-8000-00000000001a", name: "Jo Okafor" }];
    const verbs = executes(rendered(referralChannelCard({ ...CHANNEL, status, colleagues }))).map((action) => String(action.verb)).filter((verb) => verb !== "triage.details");
    const moves = verbs.map((verb) => MOVE_OF_VERB[verb]);
    expect(moves).not.toContain(undefined);
    expect(moves.filter((move) => !TRIAGE_MOVES.some((rule) => rule.action === move && rule.from === status))).toEqual([]);
  });

  it("shows what a lead needs to judge priority", () => {
    const json = rendered(referralChannelCard({ ...CHANNEL, status: "assigned", assignee: "Sam Lead", note: "Assigned to Sam Lead at 10:05" }));
    expect(textBlocks(json)).toEqual(expect.arrayContaining([
      "Referral KIN-2026-00042 · Kingston upon Thames", "A crime may have been committed: possible child sexual abuse",
      "Provisional result of the practitioner's check: Exploitation scale: Category 2", "Urgency from the check: Now",
    ]));
    expect(nodes(json, (node) => node.type === "FactSet")[0]?.facts).toEqual([
      { title: "Age", value: "13-15" }, { title: "Submitted", value: "Tue 24 Nov, 10:02" },
      { title: "Decide by", value: "Thu 26 Nov, 10:02" }, { title: "Status", value: "Assigned" },
    ]);
    expect(textRuns(json)).toEqual(["Assigned to Sam Lead at 10:05", "Assigned to: ", "Sam Lead"]);
  });

  // Issue 21, point 5: each state shows what is due next, the outcome once decided, and overdue when late.
  const factsOf = (view: typeof CHANNEL) => nodes(rendered(referralChannelCard(view)), (node) => node.type === "FactSet")[0]?.facts as { title: string; value: string }[];
  it.each([
    ["submitted", {}, ["Acknowledge by", "Decide by"], "New: not acknowledged yet"],
    ["submitted, late", { overdueSince: "Tue 24 Nov, 14:02" }, ["Acknowledge by", "Decide by"], "Overdue since Tue 24 Nov, 14:02. New: not acknowledged yet"],
    ["acknowledged", { status: "acknowledged" }, ["Decide by"], "Acknowledged, not assigned yet"],
    ["assigned, late", { status: "assigned", assignee: "Sam Lead", overdueSince: "Thu 26 Nov, 10:02" }, ["Decide by"], "Overdue since Thu 26 Nov, 10:02. Assigned"],
    ["awaiting information", { status: "awaiting-info", assignee: "Sam Lead" }, ["Decide by"], "Waiting for more information from the referrer"],
    ["decided", { status: "decided", assignee: "Sam Lead", decision: "Early help, by Sam Lead at 10:30", overdueSince: "Thu 26 Nov, 10:02" }, [], "Decided: Early help, by Sam Lead at 10:30"],
  ] as const)("%s: the deadlines still due, and the status line", (_name, change, due, status) => {
    const facts = factsOf({ ...CHANNEL, ...change });
    expect(facts.filter((fact) => fact.title.endsWith(" by")).map((fact) => fact.title)).toEqual(due);
    expect(facts.find((fact) => fact.title === "Status")?.value).toBe(status);
  });

  it("keeps who it is assigned to while waiting for the referrer's answer", () => {
    expect(textRuns(rendered(referralChannelCard({ ...CHANNEL, status: "awaiting-info", assignee: "Sam Lead" })))).toEqual(["Assigned to: ", "Sam Lead"]);
  });

  // Issue 10, point 6: a referral whose every personal field holds a marker; none may reach the channel.
  it("carries nothing personal from the referral", () => {
    const CHECK = { answers: { exchange: "yes" as const } };
    const marker = (field: FieldSpec, index = 0) => `MARKER-${field.group}-${index}-${field.key}`.slice(0, field.maxLength);
    const personal = (field: FieldSpec, index = 0): string | number => {
      switch (field.kind) {
        case "email": return `${marker(field, index).toLowerCase()}@school.example.org`;
        case "phone": return "020 7946 0999";
        case "date": return "2011-04-09";
        case "number": return 15; // the date of birth below makes the child 15 that day
        case "yesno": return "no";
        case "choice": return field.choices?.at(-1)?.value ?? "";
        default: return field.key === "nhsNumber" ? "943 476 5919" : field.key === "upn" ? "A12345678901B" : marker(field, index);
      }
    };
    const group = (id: string, index = 0) => Object.fromEntries((REFERRAL_FIELDS as readonly FieldSpec[]).filter((field) => field.group === id).map((field) => [field.key, personal(field, index)]));
    const checked = validateReferral({
      referrer: group("referrer"), child: group("child"), concern: group("concern"), mase: group("mase"), maseOtherRisks: group("maseOtherRisks"), parentalResponsibility: group("parentalResponsibility"),
      personsOfInterest: [group("personsOfInterest", 0), group("personsOfInterest", 1)], locationsOfInterest: [group("locationsOfInterest")],
      household: group("household"), parentsAndCarers: [group("parentsAndCarers", 0), group("parentsAndCarers", 1)], householdChildren: [group("householdChildren", 0)],
      fromCheck: fromCheckOf(request(CHECK), assessCase(CHECK)),
    }, "2026-11-24");
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const record = {
      id: CHANNEL.referralId, reference: "KIN-2026-00042", areaId: "kingston", referrerId: "msteams:00000000-0000-0000-0000-000000000020", submittedAt: TUESDAY_MORNING,
      status: "submitted", version: 1, summary: summaryOf(checked.referral, assessCase(CHECK), "2026-11-24"), triage: { status: "submitted" }, sealed: "sealed",
    };
    const json = JSON.stringify(rendered(referralChannelCard(channelViewOf(record, AREAS, TUESDAY_MORNING))));
    expect(json).toContain("KIN-2026-00042");
    expect(json.match(/MARKER[^"]*/g) ?? []).toEqual([]);
    for (const identifying of ["2011-04-09", "9 April 2011", "943 476 5919", "A12345678901B", "020 7946 0999", "school.example.org"]) expect(json).not.toContain(identifying);
    // The same referral's markers do reach the practitioner's own review: the check above can fail.
    const typed = Object.fromEntries(Object.entries(checked.referral).flatMap(([id, values]) => (Array.isArray(values) || id === "fromCheck" ? [] : Object.entries(values as object).map(([key, value]) => [`${id}.${key}`, String(value)]))));
    expect(JSON.stringify(rendered(referralReviewCard(view({ values: typed }))))).toContain("MARKER-child-0-forename");
  });

  it("from the stored record: the assignee kept while waiting for information, overdue since the deadline missed, the decision in words (issue 21, point 5)", () => {
    const base = { id: CHANNEL.referralId, reference: "KIN-2026-00042", areaId: "kingston", referrerId: "msteams:x", submittedAt: TUESDAY_MORNING, version: 3, summary: summaryOf(sparseReferral().referral, assessCase({ answers: { exchange: "yes" } }), "2026-11-24"), sealed: "sealed" };
    const sam = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };
    const stamp = { by: sam, at: TUESDAY_MORNING.toISOString() };
    const assigned = { status: "assigned", acknowledged: stamp, assigned: stamp, assignee: sam };
    const waiting = channelViewOf({ ...base, status: "awaiting-info", triage: { status: "awaiting-info", requested: stamp, before: assigned } }, AREAS, TUESDAY_MORNING);
    expect(waiting.assignee).toBe("Sam Lead");
    expect(waiting.overdueSince).toBeUndefined();
    // A week on, nobody acknowledged it: overdue since its acknowledgement deadline.
    const late = channelViewOf({ ...base, status: "submitted", triage: { status: "submitted" } }, AREAS, new Date("2026-12-01T10:00:00Z"));
    expect(late.overdueSince).toBe(channelViewOf({ ...base, status: "submitted", triage: { status: "submitted" } }, AREAS, new Date("2026-12-01T10:00:00Z")).acknowledgeBy);
    expect(late.overdueSince).toBeDefined();
    const decided = channelViewOf({ ...base, status: "decided", triage: { ...assigned, status: "decided", decided: stamp, decision: { outcome: "early-help" } } }, AREAS, TUESDAY_MORNING);
    expect(decided.decision).toBe("Early help, by Sam Lead at 10:00");
    expect(decided.overdueSince).toBeUndefined();
  });

  it("its view type has no room for a name", () => {
    // @ts-expect-error: the channel card's view holds no personal field.
    const named: ChannelCardView = { ...CHANNEL, childName: "Sam" };
    expect(JSON.stringify(rendered(referralChannelCard(named)))).not.toContain("Sam");
  });
});
