// DOMAIN.md §4 laws: more worry never lowers the category; `unconfirmed` means exactly
// "replacing every unsure with no would lower it".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/domain/assess.ts";
import { ANSWERS, QUESTION_IDS, SIGN_IDS, type Answer, type QuestionId } from "../../src/domain/catalogue.ts";
import { categoryRank } from "../../src/domain/category.ts";
import { URGENCIES, type Service } from "../../src/domain/pathway.ts";
import { area, request } from "../support/assessment.ts";

const KINGSTON = area("kingston");

const childInput = fc.record({
  age: fc.integer({ min: 0, max: 17 }),
  lookedAfter: fc.boolean(),
  placedOutOfArea: fc.boolean(),
  missingEpisodes90d: fc.integer({ min: 0, max: 10 }),
});
const answersInput = fc.dictionary(fc.constantFrom(...QUESTION_IDS), fc.constantFrom(...ANSWERS)) as fc.Arbitrary<Partial<Record<QuestionId, Answer>>>;
const signsInput = fc.uniqueArray(fc.constantFrom(...SIGN_IDS), { maxLength: 8 });
const caseInput = fc.record({ child: childInput, signs: signsInput, answers: answersInput });

type Given = Parameters<typeof request>[0];

// Phoenix and early help are support below the referral threshold: when worry rises, the front
// door replaces them, so their leaving is not the pathway becoming less urgent.
const BELOW_THRESHOLD = new Set<Service>(["phoenix", "early-help"]);

/** Each service's urgency as a rank (0 = now … 4 = routine). */
function urgencies(given: Given): Map<Service, number> {
  return new Map(assess(request(given), KINGSTON).pathway.map((step) => [step.service, URGENCIES.indexOf(step.urgency)]));
}

/** Why `after` is less urgent than `before`, or undefined when it is not. */
function lessUrgent(before: Given, after: Given): string | undefined {
  const was = urgencies(before);
  const now = urgencies(after);
  if (Math.min(...now.values()) > Math.min(...was.values())) return "the most urgent step became less urgent";
  for (const [service, rank] of was) {
    if (BELOW_THRESHOLD.has(service)) continue;
    const next = now.get(service);
    if (next === undefined) return `${service} left the pathway`;
    if (next > rank) return `${service} went from ${URGENCIES[rank]} to ${URGENCIES[next]}`;
  }
  return undefined;
}

const anyAgeCase = fc.record({ child: fc.record({ ...childInputFields(), age: fc.integer({ min: 0, max: 25 }) }), signs: signsInput, answers: answersInput });

function childInputFields() {
  return { lookedAfter: fc.boolean(), placedOutOfArea: fc.boolean(), missingEpisodes90d: fc.integer({ min: 0, max: 10 }) };
}

function rankOf(given: Given): number {
  return categoryRank(assess(request(given), KINGSTON).category);
}

describe("category laws (fast-check)", () => {
  it("turning any no (or missing answer) into unsure or yes never lowers the category", () => {
    fc.assert(
      fc.property(caseInput, fc.constantFrom(...QUESTION_IDS), fc.constantFrom<Answer>("unsure", "yes"), (given, question, raisedTo) => {
        fc.pre(given.answers[question] === undefined || given.answers[question] === "no");
        const raised = { ...given, answers: { ...given.answers, [question]: raisedTo } };
        expect(rankOf(raised)).toBeGreaterThanOrEqual(rankOf(given));
      }),
      { numRuns: 2000 },
    );
  });

  // DOMAIN.md §4: "not sure" counts as a possible yes. The law above holds even if "not sure"
  // counted as no; this one does not: an unsure answer weighs exactly as a yes, on the category
  // and on every flag. Only `unconfirmed` tells them apart.
  it("an unsure answer counts as a yes: the same category and flags, whatever the rest", () => {
    fc.assert(
      fc.property(caseInput, fc.constantFrom(...QUESTION_IDS), (given, question) => {
        const asUnsure = assess(request({ ...given, answers: { ...given.answers, [question]: "unsure" } }), KINGSTON);
        const asYes = assess(request({ ...given, answers: { ...given.answers, [question]: "yes" } }), KINGSTON);
        expect([asUnsure.category, asUnsure.flags]).toEqual([asYes.category, asYes.flags]);
      }),
      { numRuns: 2000 },
    );
  });

  it("an unsure exchange alone is evidence: Category 2, unconfirmed", () => {
    const unsure = assess(request({ answers: { exchange: "unsure" } }), KINGSTON);
    expect([unsure.category, unsure.unconfirmed]).toEqual([2, true]);
  });

  it("adding a sign never lowers the category", () => {
    fc.assert(
      fc.property(caseInput, fc.constantFrom(...SIGN_IDS), (given, sign) => {
        const more = { ...given, signs: [...new Set([...given.signs, sign])] };
        expect(rankOf(more)).toBeGreaterThanOrEqual(rankOf(given));
      }),
      { numRuns: 2000 },
    );
  });

  it("more worry never makes the pathway less urgent: any answer raised to unsure or yes", () => {
    fc.assert(
      fc.property(anyAgeCase, fc.constantFrom(...QUESTION_IDS), fc.constantFrom<Answer>("unsure", "yes"), (given, question, raisedTo) => {
        fc.pre(given.answers[question] === undefined || given.answers[question] === "no");
        const raised = { ...given, answers: { ...given.answers, [question]: raisedTo } };
        expect(lessUrgent(given, raised)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("more worry never makes the pathway less urgent: any sign added", () => {
    fc.assert(
      fc.property(anyAgeCase, fc.constantFrom(...SIGN_IDS), (given, sign) => {
        const more = { ...given, signs: [...new Set([...given.signs, sign])] };
        expect(lessUrgent(given, more)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("the urgency law can fail: dropping the front door from a Category 2 pathway is caught", () => {
    expect(lessUrgent({ answers: { exchange: "yes" } }, { answers: { groomingConcern: "yes" } })).toBe("the most urgent step became less urgent");
  });

  it("unconfirmed is true exactly when replacing every unsure with no lowers the category", () => {
    fc.assert(
      fc.property(caseInput, (given) => {
        const certain = {
          ...given,
          answers: Object.fromEntries(Object.entries(given.answers).map(([question, answer]) => [question, answer === "unsure" ? "no" : answer])),
        };
        const result = assess(request(given), KINGSTON);
        expect(result.unconfirmed).toBe(rankOf(certain) < rankOf(given));
      }),
      { numRuns: 2000 },
    );
  });

  it("an adult is never on the CSE scale, whatever the answers", () => {
    fc.assert(
      fc.property(caseInput, fc.integer({ min: 18, max: 25 }), (given, age) => {
        const result = assess(request({ ...given, child: { ...given.child, age } }), KINGSTON);
        expect(result.category).toBe("not-applicable");
        expect(result.flags).toContain("adult");
      }),
      { numRuns: 300 },
    );
  });
});
