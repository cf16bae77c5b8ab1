// The guided check's steps (DESIGN.md "Guided check"), one rule per test.
import { describe, expect, it } from "vitest";
import {
  UNKNOWN_SIGN, assessmentInputOf, goBack, questionsOnStep3, signsFor, startState, submitContext, submitQuestions, submitSigns, visibleQuestions, type CheckState,
} from "../../src/services/check-flow.ts";

const AREAS = new Set(["kingston", "sutton", "other"]);
// Step 1 asks immediate danger first (DOMAIN.md §3 "always, first"); "no" unless a test says otherwise.
const context = (inputs: Record<string, string>) => submitContext(startState(), { q_immediateDanger: "no", ...inputs }, AREAS);
const BASE_NO = { q_immediateDanger: "no", q_groomingConcern: "no", q_sexualAbuse: "no", q_exchange: "no", q_onlineImages: "no", q_trafficking: "no" };

describe("step 1: the child", () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["area and age are required", {}, { area: "Choose the child's area (or \"Another area\").", age: "Enter the child's age in whole years." }],
    ["an unknown area is refused", { area: "atlantis", age: "14" }, { area: "Choose the child's area (or \"Another area\")." }],
    ["age 26 is out of range", { area: "kingston", age: "26" }, { age: "Enter the age as a whole number from 0 to 25." }],
    ["age 13.5 is not whole", { area: "kingston", age: "13.5" }, { age: "Enter the age as a whole number from 0 to 25." }],
    ["missing episodes must be a number if given", { area: "kingston", age: "14", missingEpisodes90d: "some" }, { missingEpisodes90d: "Enter a whole number of times, or leave it empty if you do not know." }],
  ])("%s", (_name, inputs, errors) => {
    const state = context(inputs);
    expect(state.step).toBe("context");
    expect(state.errors).toEqual(errors);
  });

  it.each(["0", "17", " 7 "])("accepts age %j and goes on to the signs", (age) => {
    expect(context({ area: "kingston", age }).step).toBe("signs");
  });

  // Issue 9: an adult gets the adult route right after step 1: no signs, only the three questions
  // that change an adult's route (DOMAIN.md §5: 999, police for rape or sexual assault, trafficking).
  it.each(["18", "25"])("takes age %j straight to the adult route's three questions, and Back returns to step 1", (age) => {
    const adult = context({ area: "kingston", age, missingEpisodes90d: "3" });
    expect(adult.step).toBe("questions");
    expect(adult.signs).toEqual([]);
    expect(visibleQuestions(adult)).toEqual(["immediateDanger", "sexualAbuse", "trafficking"]);
    expect(adult.notice).toMatch(/^18 or over/);
    expect(goBack(adult, {}).step).toBe("context");
    const result = submitQuestions(adult, { q_sexualAbuse: "yes", q_trafficking: "no" });
    expect(assessmentInputOf(result)?.answers).toEqual({ immediateDanger: "no", sexualAbuse: "yes", trafficking: "no" });
  });

  it("counts placed out of area only for a looked-after child", () => {
    expect(context({ area: "kingston", age: "14", placedOutOfArea: "true" }).context.placedOutOfArea).toBe(false);
    expect(context({ area: "kingston", age: "14", lookedAfter: "true", placedOutOfArea: "true" }).context.placedOutOfArea).toBe(true);
  });
});

describe("steps 2 and 3: signs and questions", () => {
  const at14 = context({ area: "kingston", age: "14" });

  it("refuses a sign id that is not in its domain's list", () => {
    expect(submitSigns(at14, { signs_sexual: "receipt.forSex" }).errors).toEqual({ signs: UNKNOWN_SIGN });
  });

  it("shows the under-13 question only under 13", () => {
    expect(visibleQuestions(submitSigns(context({ area: "kingston", age: "12" }), {}))).toContain("sexualActivityUnder13");
    expect(visibleQuestions(submitSigns(at14, {}))).not.toContain("sexualActivityUnder13");
  });

  it("shows the follow-ups at once when a sign is itself evidence (receipt.forSex)", () => {
    expect(visibleQuestions(submitSigns(at14, { signs_receipt: "receipt.forSex" }))).toContain("habitual");
  });

  it("adds the follow-ups when an answer becomes evidence, without losing the answers", () => {
    const questions = submitSigns(at14, {});
    const withFollowUps = submitQuestions(questions, { ...BASE_NO, q_onlineImages: "unsure" });
    expect(withFollowUps.step).toBe("questions");
    expect(withFollowUps.followUpsShown).toBe(true);
    expect(withFollowUps.answers.onlineImages).toBe("unsure");
    const result = submitQuestions(withFollowUps, { ...BASE_NO, q_onlineImages: "unsure", q_coercionControl: "no", q_habitual: "no", q_selfDenied: "no", q_multiplePerpetrators: "no" });
    expect(result.step).toBe("result");
  });

  it("drops the follow-up answers when the evidence goes away, so they never count", () => {
    const state: CheckState = {
      ...submitSigns(at14, {}),
      followUpsShown: true,
      answers: { immediateDanger: "no", exchange: "yes", habitual: "yes", coercionControl: "yes" },
    };
    const result = submitQuestions(state, { ...BASE_NO, q_coercionControl: "yes", q_habitual: "yes", q_selfDenied: "no", q_multiplePerpetrators: "no" });
    expect(result.step).toBe("result");
    expect(result.followUpsShown).toBe(false);
    expect(assessmentInputOf(result)?.answers).toEqual({ immediateDanger: "no", groomingConcern: "no", sexualAbuse: "no", exchange: "no", onlineImages: "no", trafficking: "no" });
  });

  it("drops the under-13 answer when the age goes up on the way back", () => {
    const young = submitSigns(context({ area: "kingston", age: "12" }), {});
    const cardInputs = { ...BASE_NO, q_sexualActivityUnder13: "yes" };
    const answered = submitQuestions(young, cardInputs);
    // Back as the cards send it: each card's own inputs come with the press.
    const backToContext = goBack(goBack(goBack(answered, {}), cardInputs), {});
    expect(backToContext.step).toBe("context");
    expect(backToContext.answers.sexualActivityUnder13).toBe("yes");
    const older = submitContext(backToContext, { q_immediateDanger: "no", area: "kingston", age: "15" }, AREAS);
    expect(older.answers.sexualActivityUnder13).toBeUndefined();
  });
});

// Issue 9, point 8: the flow follows what the practitioner has already said.
describe("answers carried between steps", () => {
  it("offers the under-13 sign only to a child under 13", () => {
    expect(signsFor(context({ area: "kingston", age: "12" }))).toContain("sexual.activeUnder13");
    expect(signsFor(context({ area: "kingston", age: "14" }))).not.toContain("sexual.activeUnder13");
  });

  it("refuses the under-13 sign for a 14-year-old, and drops it when the age goes up", () => {
    expect(submitSigns(context({ area: "kingston", age: "14" }), { signs_sexual: "sexual.activeUnder13" }).errors).toEqual({ signs: UNKNOWN_SIGN });
    const young = submitSigns(context({ area: "kingston", age: "12" }), { signs_sexual: "sexual.activeUnder13" });
    const back = goBack(goBack(young, {}), {});
    expect(submitContext(back, { area: "kingston", age: "14" }, AREAS).signs).toEqual([]);
  });

  it("ticks the missing sign when missing episodes are given", () => {
    expect(context({ area: "kingston", age: "14", missingEpisodes90d: "2" }).signs).toEqual(["absent.missingFromHome"]);
    expect(context({ area: "kingston", age: "14", missingEpisodes90d: "0" }).signs).toEqual([]);
    expect(context({ area: "kingston", age: "14" }).signs).toEqual([]);
  });

  it("pre-answers the question a ticked sign already answers, and never overwrites an answer", () => {
    const under13 = submitSigns(context({ area: "kingston", age: "12" }), { signs_sexual: "sexual.activeUnder13,sexual.disclosedAssault" });
    expect(under13.answers).toEqual({ immediateDanger: "no", sexualActivityUnder13: "yes", sexualAbuse: "yes" });
    const answered: CheckState = { ...context({ area: "kingston", age: "14" }), answers: { sexualAbuse: "no" } };
    expect(submitSigns(answered, { signs_sexual: "sexual.disclosedAssault" }).answers.sexualAbuse).toBe("no");
  });
});

// DOMAIN.md §3: immediate danger is asked "always, first": on step 1 (issue 9 keeps step 3 short).
describe("immediate danger, first", () => {
  it("is required on step 1, and kept when step 1 has other mistakes", () => {
    const missing = submitContext(startState(), { area: "kingston", age: "14" }, AREAS);
    expect(missing.errors).toEqual({ q_immediateDanger: "Please choose yes, no or not sure." });
    const kept = submitContext(startState(), { q_immediateDanger: "unsure", area: "" }, AREAS);
    expect(kept.step).toBe("context");
    expect(kept.answers.immediateDanger).toBe("unsure");
  });

  it.each([["yes"], ["unsure"]])("answered %s, the very next card says to call 999 now", (answer) => {
    expect(context({ area: "kingston", age: "14", q_immediateDanger: answer }).notice).toBe("You said the child may be in immediate danger: call 999 now if you have not. Then carry on here.");
    expect(context({ area: "kingston", age: "19", q_immediateDanger: answer }).notice).toMatch(/^You said the person may be in immediate danger: call 999 now/);
  });

  it("is asked on step 3 in a check saved before step 1 asked it, so it is never taken as no", () => {
    const saved: CheckState = { ...submitSigns(context({ area: "kingston", age: "14" }), {}), answers: {} };
    expect(questionsOnStep3(saved)[0]).toBe("immediateDanger");
    expect(submitQuestions(saved, { ...BASE_NO, q_immediateDanger: "" }).errors).toHaveProperty("q_immediateDanger");
  });

  it("is not asked again on step 3, and still counts in the result", () => {
    const questions = submitSigns(context({ area: "kingston", age: "14", q_immediateDanger: "yes" }), {});
    expect(questionsOnStep3(questions)).not.toContain("immediateDanger");
    const result = submitQuestions(questions, BASE_NO);
    expect(assessmentInputOf(result)?.answers.immediateDanger).toBe("yes");
  });
});
