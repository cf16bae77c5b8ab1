// DOMAIN.md §4 laws: more worry never lowers the category; `unconfirmed` means exactly
// "replacing every unsure with no would lower it".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/domain/assess.ts";
import { ANSWERS, QUESTION_IDS, SIGN_IDS, type Answer, type QuestionId } from "../../src/domain/catalogue.ts";
import { categoryRank } from "../../src/domain/category.ts";
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

  it("adding a sign never lowers the category", () => {
    fc.assert(
      fc.property(caseInput, fc.constantFrom(...SIGN_IDS), (given, sign) => {
        const more = { ...given, signs: [...new Set([...given.signs, sign])] };
        expect(rankOf(more)).toBeGreaterThanOrEqual(rankOf(given));
      }),
      { numRuns: 2000 },
    );
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
