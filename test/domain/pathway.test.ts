// DOMAIN.md §5: the pathway for each situation, in order, with urgencies; and §6-7: contacts.
import { describe, expect, it } from "vitest";
import { SERVICES, URGENCIES } from "../../src/domain/pathway.ts";
import { OUT_OF_HOURS_FALLBACK } from "../../src/domain/pathway-text.ts";
import { assessCase, steps, type Case } from "../support/assessment.ts";

const EXCHANGE = { exchange: "yes" } as const;
const HIGH = ["dsl/now", "front-door/now", "police/today", "strategy-discussion/within-3-working-days", "mase/routine"];
// DOMAIN.md §5: with an offence flag (under 13, sexual abuse) the police step is now, for evidence.
const OFFENCE = ["dsl/now", "front-door/now", "police/now", "strategy-discussion/within-3-working-days", "mase/routine"];

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
  ["under 13 at category 1: as category 2/3, the police now", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, OFFENCE],
  ["sexual abuse answered, nothing else (category none): as category 2/3, the police now", { answers: { sexualAbuse: "yes" } }, OFFENCE],
  ["disclosed assault sign at category 0: as category 2/3, the police now, no Phoenix or early help", { signs: ["sexual.disclosedAssault"] }, OFFENCE],
  ["sexual abuse unsure with a grooming concern (category 1): as category 2/3, the police now", { answers: { sexualAbuse: "unsure", groomingConcern: "yes" } }, OFFENCE],
  ["emergency: 999 before anything else", { answers: { immediateDanger: "yes", ...EXCHANGE } }, ["emergency/now", ...HIGH]],
  ["emergency with no other concern: 999, then the DSL and the front door now", { answers: { immediateDanger: "yes" } }, ["emergency/now", "dsl/now", "front-door/now"]],
  ["emergency at category 0: the DSL and the front door now before Phoenix and early help", { answers: { immediateDanger: "yes" }, signs: ["alcohol.misuse"] }, ["emergency/now", "dsl/now", "front-door/now", "phoenix/routine", "early-help/routine"]],
  ["emergency at category 1: the front door now, not today", { answers: { immediateDanger: "yes", groomingConcern: "yes" } }, ["emergency/now", "dsl/now", "front-door/now", "strategy-discussion/within-3-working-days", "mase/routine"]],
  ["trafficking: police once, NRM added", { answers: { trafficking: "yes" } }, ["dsl/now", "front-door/now", "police/today", "strategy-discussion/within-3-working-days", "mase/routine", "nrm/routine"]],
  ["missing at category 0: return home interview within 72 hours", { signs: ["absent.missingFromHome"] }, ["dsl/today", "return-home-interview/within-72-hours", "phoenix/routine", "early-help/routine"]],
  ["looked after at category 1: social worker today", { child: { lookedAfter: true }, answers: { groomingConcern: "yes" } }, ["dsl/today", "front-door/today", "social-worker/today", "strategy-discussion/within-3-working-days", "mase/routine"]],
  ["adult: adult safeguarding today", { child: { age: 18 }, answers: EXCHANGE }, ["adult-safeguarding/today"]],
  ["adult in an emergency: 999 first", { child: { age: 20 }, answers: { immediateDanger: "yes" } }, ["emergency/now", "adult-safeguarding/today"]],
  ["adult trafficked: police and NRM still apply", { child: { age: 19 }, answers: { trafficking: "yes" } }, ["adult-safeguarding/today", "police/today", "nrm/routine"]],
  ["adult disclosing rape: adult safeguarding and police today", { child: { age: 19 }, answers: { sexualAbuse: "yes" } }, ["adult-safeguarding/today", "police/today"]],
  ["adult with the disclosedAssault sign: police today too", { child: { age: 22 }, signs: ["sexual.disclosedAssault"] }, ["adult-safeguarding/today", "police/today"]],
  ["adult missing and looked after: no child-only steps", { child: { age: 18, lookedAfter: true, missingEpisodes90d: 2 } }, ["adult-safeguarding/today"]],
  [
    "everything at once, in urgency order",
    { child: { age: 12, lookedAfter: true, missingEpisodes90d: 4 }, answers: { immediateDanger: "yes", sexualActivityUnder13: "yes", trafficking: "yes" } },
    ["emergency/now", "dsl/now", "front-door/now", "police/now", "social-worker/today", "return-home-interview/within-72-hours", "strategy-discussion/within-3-working-days", "mase/routine", "nrm/routine"],
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
      "front-door/now", "strategy-discussion/within-3-working-days", "mase/routine", "police/today", "police/now", "nrm/routine",
      "return-home-interview/within-72-hours", "social-worker/today", "adult-safeguarding/today",
    ];
    expect([...seen].sort()).toEqual([...named].sort());
    expect(SERVICES.every((service) => named.some((step) => step.startsWith(`${service}/`)))).toBe(true);
    expect(URGENCIES.every((urgency) => named.some((step) => step.endsWith(`/${urgency}`)))).toBe(true);
  });

  it("calls the strategy discussion a section 47 one for an offence flag (under 13, sexual abuse), and says social care may convene one otherwise", () => {
    const text = (given: Case) => assessCase(given).pathway.find((step) => step.service === "strategy-discussion")?.text;
    expect(text({ child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } })).toMatch(/^Sexual activity with a child under 13 is an offence\..*section 47 strategy discussion/);
    expect(text({ answers: { sexualAbuse: "yes" } })).toMatch(/^A rape, sexual assault or sexual contact with a child is an offence\..*section 47 strategy discussion/);
    expect(text({ answers: EXCHANGE })).not.toMatch(/section 47/);
    expect(text({ answers: EXCHANGE })).toMatch(/^Children's social care may convene a strategy discussion/);
  });

  it("asks the SPA about a Phoenix consultation at category 0, with no contact on the step (Kingston and Richmond)", () => {
    for (const areaId of ["kingston", "richmond"]) {
      const step = assessCase({ area: areaId, signs: ["alcohol.misuse"] }).pathway.find((candidate) => candidate.service === "phoenix");
      expect(step?.text).toMatch(/^Ask the SPA about a consultation with the Phoenix Project's CSE worker/);
      expect(step?.text).toMatch(/Referrals to Phoenix itself are agreed through MASE/);
      expect(step?.contacts).toBeUndefined();
    }
  });

  it("says who tells the police: the front door refers, and you call 101 yourself for anything the police need now", () => {
    const text = assessCase({ answers: EXCHANGE }).pathway.find((step) => step.service === "police")?.text;
    expect(text).toBe("The police must know today. The front door (children's social care) refers to the police child abuse investigation team (CAIT): ask them to confirm it. Call 101 yourself as well to pass on anything the police need now (a place, a vehicle, a name), or 999 in an emergency.");
  });

  it.each([
    ["under 13", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }],
    ["sexual abuse", { answers: { sexualAbuse: "yes" } }],
    ["a disclosed assault, later taken back", { signs: ["sexual.disclosedAssault"] }],
  ] as [string, Case][])("with an offence flag (%s), the police step is now, says why (evidence), names The Havens as national guidance, and never says \"only\"", (_name, given) => {
    const step = assessCase(given).pathway.find((candidate) => candidate.service === "police");
    expect(step?.urgency).toBe("now");
    expect(step?.text).toContain("so that evidence can be kept");
    expect(step?.text).toContain("Do not wait for the written referral");
    expect(step?.text).toContain("The Havens");
    expect(step?.text).toContain("national guidance, beyond the local documents");
    expect(step?.text).not.toMatch(/\bonly\b/);
  });

  it.each(["none", "0", "1"])("a child in danger at category %s: the DSL step says now, and the front door step says to phone or contact them now", (category) => {
    const given: Case = category === "none" ? { answers: { immediateDanger: "yes" } } : category === "0" ? { answers: { immediateDanger: "yes" }, signs: ["alcohol.misuse"] } : { answers: { immediateDanger: "yes", groomingConcern: "yes" } };
    const result = assessCase(given);
    expect(String(result.category)).toBe(category);
    expect(result.pathway.find((step) => step.service === "dsl")?.text).toMatch(/now/);
    expect(result.pathway.find((step) => step.service === "front-door")?.text).toMatch(/now/);
    expect(result.pathway.find((step) => step.service === "front-door")?.text).not.toMatch(/today|targeting or grooming/);
  });

  it("gives the police step 101, or 999 in an emergency", () => {
    const police = (given: Case) => assessCase(given).pathway.find((step) => step.service === "police")?.contacts?.map((contact) => contact.phone);
    expect(police({ answers: EXCHANGE })).toEqual(["101"]);
    expect(police({ answers: { ...EXCHANGE, immediateDanger: "yes" } })).toEqual(["999"]);
  });

  it("an adult's NRM step says their informed consent is needed, or a Duty to Notify report without it, only first responders refer, marked as national guidance (DOMAIN.md §5)", () => {
    const adult = assessCase({ child: { age: 19 }, answers: { trafficking: "yes" } }).pathway.find((step) => step.service === "nrm")?.text ?? "";
    expect(adult).toMatch(/informed consent/);
    expect(adult).toMatch(/Duty to Notify/);
    expect(adult).toMatch(/Only designated first responders/);
    expect(adult).toMatch(/National guidance, beyond the local documents/);
    const child = assessCase({ answers: { trafficking: "yes" } }).pathway.find((step) => step.service === "nrm")?.text ?? "";
    expect(child).toContain("National Referral Mechanism");
    expect(child).not.toMatch(/consent|Duty to Notify/);
  });

  it("tells a looked-after child's worker that home and host authorities both need to know", () => {
    const result = assessCase({ child: { lookedAfter: true, placedOutOfArea: true }, signs: ["familial.inCare"] });
    expect(result.pathway.find((step) => step.service === "social-worker")?.text).toMatch(/both the home authority \(the council that looks after the child\) and the host authority \(where the child now lives\) know/);
  });

  it("puts the always-add steps on every result, the parents line only with a front-door step, and adults' own words", () => {
    for (const [name, given] of SCENARIOS) {
      const result = assessCase(given);
      const ids = result.alwaysDo.map((step) => step.id);
      const text = result.alwaysDo.map((step) => step.text).join(" ");
      if (result.category === "not-applicable") {
        expect(ids, name).toEqual(["do-not-question", "record-words", "do-not-confront", "consent"]);
        expect(text, name).not.toMatch(/\bchild\b|parent/);
        expect(text, name).toMatch(/unless there is a risk to life/);
      } else if (result.pathway.some((step) => step.service === "front-door")) {
        expect(ids, name).toEqual(["do-not-question", "record-words", "do-not-confront", "tell-parents"]);
        expect(text, name).toMatch(/Agree with your DSL or the front door before you tell the parents or carers/);
        expect(text, name).toMatch(/if a family member may be involved, or if it could put the child at risk, warn an abuser or harm a police enquiry/);
      } else {
        expect(ids, name).toEqual(["do-not-question", "record-words", "do-not-confront"]);
      }
      expect(text, name).toMatch(/Do not approach, follow or confront anyone you suspect/);
    }
  });

  it("says on every result: provisional, act on it now, judgement overrides, 999", () => {
    for (const [name, given] of SCENARIOS) {
      const result = assessCase(given);
      expect(result.notices.map((notice) => notice.id), name).toEqual(["provisional", "act-now", "judgement", "emergency"]);
      const text = result.notices.map((notice) => notice.text).join(" ");
      expect(text, name).toMatch(/provisional/);
      expect(text, name).toMatch(/Act on this result now: do not wait for it to be confirmed\. .* will confirm or change it\./);
      expect(text, name).toMatch(/professional judgement overrides this result/);
      expect(text, name).toMatch(/in immediate danger, call 999\./);
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
    // DOMAIN.md §4 "Offence flags": words give way to the highest; numbers stay.
    ["Lambeth, under 13 at category 1: its highest, High (Red)", "lambeth", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, "High (Red)"],
    ["Lambeth, sexual abuse at category none: High (Red)", "lambeth", { answers: { sexualAbuse: "yes" } }, "High (Red)"],
    ["Lambeth, disclosed assault sign at category 0: High (Red)", "lambeth", { signs: ["sexual.disclosedAssault"] }, "High (Red)"],
    ["Sutton's score is the category number, and stays: Score 1", "sutton", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, "Score 1"],
    ["Sutton, sexual abuse at category none: no score", "sutton", { answers: { sexualAbuse: "yes" } }, null],
    ["Kingston's labels are numbers too: Category 1", "kingston", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, "Category 1"],
  ];
  it.each(cases)("%s", (_name, areaId, given, expected) => {
    expect(assessCase({ ...given, area: areaId }).localLabel).toBe(expected);
  });
});

// DOMAIN.md §6: "Where an area has no out-of-hours line (every area but Kingston and Richmond),
// every now or today step that names the front door also says" the 101 sentence.
describe("out of hours with no out-of-hours line (DOMAIN.md §6)", () => {
  const frontDoorText = (areaId: string, given: Case) => assessCase({ ...given, area: areaId }).pathway.find((step) => step.service === "front-door")?.text ?? "";

  it.each(["sutton", "lambeth", "havering", "lewisham", "other"])("%s: the now and today front-door steps say to call 101 and ask for out-of-hours social care", (areaId) => {
    for (const given of [{ answers: EXCHANGE }, { answers: { groomingConcern: "yes" } }, { answers: { sexualAbuse: "yes" } }] as Case[]) {
      expect(frontDoorText(areaId, given)).toContain(OUT_OF_HOURS_FALLBACK);
    }
  });

  it.each(["kingston", "richmond"])("%s has its own out-of-hours line, so no 101 sentence", (areaId) => {
    expect(frontDoorText(areaId, { answers: EXCHANGE })).not.toContain("Out of hours, if it cannot wait");
  });

  it("never says 'make sure it has been received today' to a Lambeth practitioner at night", () => {
    const text = frontDoorText("lambeth", { answers: EXCHANGE, at: new Date("2026-11-24T23:00:00Z") });
    expect(text).toBe(`Send your referral to the First Response Team (MASH) for Lambeth now, by the route below. ${OUT_OF_HOURS_FALLBACK}`);
  });

  it("says the exact sentence DOMAIN.md gives", () => {
    expect(OUT_OF_HOURS_FALLBACK).toBe("Out of hours, if it cannot wait: call 101 (999 if the child is in danger) and ask for the out-of-hours children's social care team in your local procedures.");
  });

  it.each([
    ["Kingston, Tuesday 10:00: the SPA's day line is open", "kingston", "2026-11-24T10:00:00Z", "Phone the Single Point of Access (SPA) for Kingston upon Thames now, then send the written referral the same day."],
    ["Kingston, Sunday 01:00: the out-of-hours line, not the closed SPA", "kingston", "2026-11-29T01:00:00Z", "Phone the out-of-hours line for Kingston upon Thames now (the Single Point of Access (SPA) for Kingston upon Thames is closed), then send the written referral when it opens."],
    ["Sutton, any time: a line of unknown hours is not promised", "sutton", "2026-11-24T10:00:00Z", "Contact the Multi-Agency Safeguarding Hub (MASH) for Sutton now by the route below, then send the written referral the same day."],
  ])("the front door step says phone only for a line open then (DOMAIN.md §6): %s", (_name, area, at, expected) => {
    const text = assessCase({ area, at: new Date(at), answers: EXCHANGE }).pathway.find((step) => step.service === "front-door")?.text ?? "";
    expect(text.startsWith(expected), text).toBe(true);
  });

  it("gives an adult's route what to do out of hours: 101, or 999 if the person is in danger (DOMAIN.md §5)", () => {
    const step = assessCase({ child: { age: 19 }, at: new Date("2026-11-29T03:00:00Z") }).pathway.find((candidate) => candidate.service === "adult-safeguarding");
    expect(step?.text).toContain("Out of hours, if it cannot wait: call 101 (999 if the person is in danger).");
    expect(step?.text).not.toMatch(/the child is in danger/);
  });
});
