// The tab repeats the bot's words for MASE insight's keys (src/words/insight-words.ts): every flag
// and outcome the API can send has its own words there, so none is shown as a bare id.
import { describe, expect, it } from "vitest";
import { FLAGS } from "../../src/domain/category.ts";
import { OUTCOMES } from "../../src/domain/triage.ts";
import { CATEGORY_KEYS, NOT_DECIDED } from "../../src/services/mase-insight.ts";
import { LINK_KINDS } from "../../src/services/mase-insight-keys.ts";
import { categoryWords, flagWords, kindWords, monthWords, outcomeWords } from "../../src/words/insight-words.ts";

describe("the tab's words for MASE insight", () => {
  it.each([
    ["category", CATEGORY_KEYS, categoryWords],
    ["flag", FLAGS, flagWords],
    ["outcome", [...OUTCOMES, NOT_DECIDED], outcomeWords],
    ["kind of link", LINK_KINDS, kindWords],
  ] as const)("every %s has words", (_name, keys, words) => {
    expect(keys.filter((key) => words(key) === key)).toEqual([]);
  });

  it("months in words", () => {
    expect([monthWords("2026-11"), monthWords("2027-01", "short"), monthWords("soon")]).toEqual(["November 2026", "Jan 2027", "soon"]);
  });
});
