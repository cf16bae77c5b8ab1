// The input of an assessment (DOMAIN.md §3, §7), parsed at every edge (CLI, bot, tab): what is
// filled in when absent, and the line a person reads for each thing refused, naming the field.
import { describe, expect, it } from "vitest";
import { AssessmentInput, describeIssues } from "../../src/domain/assessment-input.ts";

const CHILD = { age: 14 };

function problemsWith(input: unknown): string[] {
  const parsed = AssessmentInput.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return describeIssues(parsed.error);
}

describe("AssessmentInput", () => {
  it("fills in what is absent: not looked after, not placed out of area, no signs, no answers, no moment", () => {
    expect(AssessmentInput.parse({ area: "kingston", child: CHILD })).toEqual({
      area: "kingston", child: { age: 14, lookedAfter: false, placedOutOfArea: false }, signs: [], answers: {},
    });
  });

  it("reads the moment with its offset, and keeps each sign once", () => {
    const input = AssessmentInput.parse({ area: "kingston", at: "2026-11-24T10:00:00+01:00", child: CHILD, signs: ["sexual.sti", "alcohol.misuse", "sexual.sti"] });
    expect(input.at).toEqual(new Date("2026-11-24T09:00:00Z"));
    expect(input.signs).toEqual(["sexual.sti", "alcohol.misuse"]);
  });

  it.each([0, 25])("takes the age %i (DOMAIN.md §3: 0 to 25)", (age) => {
    expect(AssessmentInput.parse({ area: "kingston", child: { age } }).child.age).toBe(age);
  });

  it.each<[string, unknown, string[]]>([
    ["no area", { child: CHILD }, ['area: expected an area id such as "kingston"']],
    ["an empty area", { area: "", child: CHILD }, ['area: expected an area id such as "kingston"']],
    ["an age in years and months", { area: "kingston", child: { age: 14.5 } }, ["child.age: expected the child's age in whole years"]],
    ["an age below 0", { area: "kingston", child: { age: -1 } }, ["child.age: age must be 0 to 25"]],
    ["an age above 25", { area: "kingston", child: { age: 26 } }, ["child.age: age must be 0 to 25"]],
    ["looked after as a word", { area: "kingston", child: { ...CHILD, lookedAfter: "yes" } }, ["child.lookedAfter: expected true or false"]],
    ["placed out of area as a word", { area: "kingston", child: { ...CHILD, placedOutOfArea: "no" } }, ["child.placedOutOfArea: expected true or false"]],
    ["a part of a missing episode", { area: "kingston", child: { ...CHILD, missingEpisodes90d: 1.5 } }, ["child.missingEpisodes90d: expected a whole number of missing episodes"]],
    ["a negative count of missing episodes", { area: "kingston", child: { ...CHILD, missingEpisodes90d: -1 } }, ["child.missingEpisodes90d: cannot be negative"]],
    ["a moment that is not an ISO date-time", { area: "kingston", at: "yesterday", child: CHILD }, ['at: expected an ISO date-time such as "2026-11-24T10:00:00Z"']],
    ["a moment without its offset", { area: "kingston", at: "2026-11-24T10:00:00", child: CHILD }, ['at: expected an ISO date-time such as "2026-11-24T10:00:00Z"']],
    ["an unknown sign, by its place in the list", { area: "kingston", child: CHILD, signs: ["sexual.sti", "sexual.nope"] }, ['signs[1]: unknown sign id "sexual.nope"']],
    ["an answer that is not yes, no or unsure", { area: "kingston", child: CHILD, answers: { exchange: "maybe" } }, ['answers.exchange: expected "yes", "no" or "unsure"']],
    ["an unknown question", { area: "kingston", child: CHILD, answers: { bogus: "yes" } }, ['answers: unknown question id "bogus"']],
    ["two unknown questions", { area: "kingston", child: CHILD, answers: { a: "yes", b: "no" } }, ['answers: unknown question ids "a", "b"']],
    ["an unknown field of the child", { area: "kingston", child: { ...CHILD, pet: "cat" } }, ['child: unknown field "pet"']],
    ["two unknown fields at the top", { area: "kingston", child: CHILD, extra: 1, more: 2 }, ['unknown fields "extra", "more"']],
    ["one unknown field at the top", { area: "kingston", child: CHILD, extra: 1 }, ['unknown field "extra"']],
  ])("refuses %s, naming the field", (_name, input, expected) => {
    expect(problemsWith(input)).toEqual(expected);
  });

  it("lists every problem at once, in the order of the fields", () => {
    expect(problemsWith({ area: "kingston", child: { age: -1, lookedAfter: "yes" }, signs: ["nope"] })).toEqual([
      "child.age: age must be 0 to 25",
      "child.lookedAfter: expected true or false",
      'signs[0]: unknown sign id "nope"',
    ]);
  });

  it("names the input as a whole when it is not an object", () => {
    expect(problemsWith("kingston")).toEqual([expect.stringMatching(/^input: /)]);
  });
});
