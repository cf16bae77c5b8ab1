// DOMAIN.md §5: the pathway for each situation, in order, with urgencies; and §6-7: contacts.
import { describe, expect, it } from "vitest";
import { SERVICES, URGENCIES } from "../../src/domain/pathway.ts";
import { assessCase, steps, type Case } from "../support/assessment.ts";

const EXCHANGE = { exchange: "yes" } as const;
const HIGH = ["dsl/now", "front-door/now", "police/today", "strategy-discussion/within-3-working-days", "mase/routine"];

const SCENARIOS: [string, Case, string[]][] = [
  ["category none: record it, DSL routine", {}, ["dsl/routine"]],
  ["category 0 in Kingston, age 14: DSL today, Phoenix, early help", { signs: ["alcohol.misuse"] }, ["dsl/today", "phoenix/routine", "early-help/routine"]],
  ["category 0 in Sutton (no Phoenix): DSL today, early help", { area: "sutton", signs: ["alcohol.misuse"] }, ["dsl/today", "early-help/routine"]],
  ["category 0, age 9 (below Phoenix's 10-17)", { child: { age: 9 }, signs: ["alcohol.misuse"] }, ["dsl/today", "early-help/routine"]],
  ["category 0, age 10 (Phoenix's lowest age)", { child: { age: 10 }, signs: ["alcohol.misuse"] }, ["dsl/today", "phoenix/routine", "early-help/routine"]],
  ["category 0, age 17 (Phoenix's highest age)", { child: { age: 17 }, signs: ["alcohol.misuse"] }, ["dsl/today", "phoenix/routine", "early-help/routine"]],
  ["category 1: DSL and front door today, strategy discussion, MASE", { answers: { groomingConcern: "yes" } }, ["dsl/today", "front-door/today", "strategy-discussion/within-3-working-days", "mase/routine"]],
  ["category 2: DSL and front door now, police today", { answers: EXCHANGE }, HIGH],
  ["category 3: as category 2", { answers: { ...EXCHANGE, habitual: "yes", coercionControl: "yes" } }, HIGH],
  ["under 13 at category 1: as category 2/3", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, HIGH],
  ["emergency: 999 before anything else", { answers: { immediateDanger: "yes", ...EXCHANGE } }, ["emergency/now", ...HIGH]],
  ["emergency with no other concern", { answers: { immediateDanger: "yes" } }, ["emergency/now", "dsl/routine"]],
  ["trafficking: police once, NRM added", { answers: { trafficking: "yes" } }, ["dsl/now", "front-door/now", "police/today", "strategy-discussion/within-3-working-days", "mase/routine", "nrm/routine"]],
  ["missing at category 0: return home interview within 72 hours", { signs: ["absent.missingFromHome"] }, ["dsl/today", "return-home-interview/within-72-hours", "phoenix/routine", "early-help/routine"]],
  ["looked after at category 1: social worker today", { child: { lookedAfter: true }, answers: { groomingConcern: "yes" } }, ["dsl/today", "front-door/today", "social-worker/today", "strategy-discussion/within-3-working-days", "mase/routine"]],
  ["adult: adult safeguarding today", { child: { age: 18 }, answers: EXCHANGE }, ["adult-safeguarding/today"]],
  ["adult in an emergency: 999 first", { child: { age: 20 }, answers: { immediateDanger: "yes" } }, ["emergency/now", "adult-safeguarding/today"]],
  ["adult trafficked: police and NRM still apply", { child: { age: 19 }, answers: { trafficking: "yes" } }, ["adult-safeguarding/today", "police/today", "nrm/routine"]],
  ["adult missing and looked after: no child-only steps", { child: { age: 18, lookedAfter: true, missingEpisodes90d: 2 } }, ["adult-safeguarding/today"]],
  [
    "everything at once, in urgency order",
    { child: { age: 12, lookedAfter: true, missingEpisodes90d: 4 }, answers: { immediateDanger: "yes", sexualActivityUnder13: "yes", trafficking: "yes" } },
    ["emergency/now", "dsl/now", "front-door/now", "police/today", "social-worker/today", "return-home-interview/within-72-hours", "strategy-discussion/within-3-working-days", "mase/routine", "nrm/routine"],
  ],
];

describe("pathway (DOMAIN.md §5)", () => {
  it.each(SCENARIOS)("%s", (_name, given, expected) => {
    expect(steps(assessCase(given))).toEqual(expected);
  });

  it("covers every service/urgency combination the rules name, and every service and urgency", () => {
    const seen = new Set(SCENARIOS.flatMap(([, given]) => steps(assessCase(given))));
    const named = [
      "emergency/now", "dsl/routine", "dsl/today", "dsl/now", "phoenix/routine", "early-help/routine", "front-door/today",
      "front-door/now", "strategy-discussion/within-3-working-days", "mase/routine", "police/today", "nrm/routine",
      "return-home-interview/within-72-hours", "social-worker/today", "adult-safeguarding/today",
    ];
    expect([...seen].sort()).toEqual([...named].sort());
    expect(SERVICES.every((service) => named.some((step) => step.startsWith(`${service}/`)))).toBe(true);
    expect(URGENCIES.every((urgency) => named.some((step) => step.endsWith(`/${urgency}`)))).toBe(true);
  });

  it("calls the under-13 strategy discussion a section 47 one", () => {
    const underThirteen = assessCase({ child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } });
    const older = assessCase({ answers: EXCHANGE });
    const text = (result: typeof older) => result.pathway.find((step) => step.service === "strategy-discussion")?.text;
    expect(text(underThirteen)).toMatch(/section 47/);
    expect(text(older)).not.toMatch(/section 47/);
  });

  it("gives the police step 101, or 999 in an emergency", () => {
    const police = (given: Case) => assessCase(given).pathway.find((step) => step.service === "police")?.contacts?.map((contact) => contact.phone);
    expect(police({ answers: EXCHANGE })).toEqual(["101"]);
    expect(police({ answers: { ...EXCHANGE, immediateDanger: "yes" } })).toEqual(["999"]);
  });

  it("tells a looked-after child's worker that home and host authorities both need to know", () => {
    const result = assessCase({ child: { lookedAfter: true, placedOutOfArea: true }, signs: ["familial.inCare"] });
    expect(result.pathway.find((step) => step.service === "social-worker")?.text).toMatch(/home authority and the host authority/);
  });

  it("puts the always-add steps and the notices on every result", () => {
    for (const [, given] of SCENARIOS) {
      const result = assessCase(given);
      expect(result.alwaysDo.map((step) => step.id)).toEqual(["tell-parents", "do-not-question", "record-words"]);
      expect(result.notices.map((notice) => notice.id)).toEqual(["provisional", "judgement", "emergency"]);
      expect(result.provisional).toBe(true);
    }
  });
});

describe("local labels (DOMAIN.md §4)", () => {
  const cases: [string, string, Case, string | null][] = [
    ["Kingston category 2", "kingston", { answers: EXCHANGE }, "Category 2"],
    ["Kingston has no name for category 0", "kingston", { signs: ["alcohol.misuse"] }, null],
    ["Lambeth category 0 is Low (Green)", "lambeth", { signs: ["alcohol.misuse"] }, "Low (Green)"],
    ["Lambeth category 1 is Medium (Amber)", "lambeth", { answers: { groomingConcern: "yes" } }, "Medium (Amber)"],
    ["Lambeth category 2 is High (Red)", "lambeth", { answers: EXCHANGE }, "High (Red)"],
    ["Lambeth category 3 is High (Red)", "lambeth", { answers: { ...EXCHANGE, habitual: "yes", selfDenied: "yes" } }, "High (Red)"],
    ["Sutton calls category 0 Score 0", "sutton", { signs: ["alcohol.misuse"] }, "Score 0"],
    ["Sutton calls category 3 Score 3", "sutton", { answers: { ...EXCHANGE, habitual: "yes", selfDenied: "yes" } }, "Score 3"],
    ["Lewisham says Level", "lewisham", { answers: { groomingConcern: "yes" } }, "Level 1"],
    ["Havering says Category", "havering", { answers: EXCHANGE }, "Category 2"],
    ["no label for none", "lambeth", {}, null],
    ["no label for an adult", "lambeth", { child: { age: 18 } }, null],
    ["no label in another area", "other", { answers: EXCHANGE }, null],
  ];
  it.each(cases)("%s", (_name, areaId, given, expected) => {
    expect(assessCase({ ...given, area: areaId }).localLabel).toBe(expected);
  });
});
