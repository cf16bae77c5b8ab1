// Issue 9 "Questions in plain words": a set of realistic questions from teachers, health staff and
// social workers (typos, areas and times, "how do I…", "what should I do if…"), each with the entry
// or action it should get. Prints top-1 and top-3; top-1 must reach 90 %, top-3 97 %.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { loadDangerWords } from "../../src/content/load-danger-words.ts";
import { createQuestionAnswerer, type QuestionAnswer } from "../../src/services/answer-question.ts";

const QUESTIONS = JSON.parse(readFileSync(new URL("../fixtures/questions/practitioner-questions.json", import.meta.url), "utf8")) as { q: string; expect: string }[];
const GUIDANCE_IDS = new Set(loadGuidance().map((entry) => entry.id));
const answerer = createQuestionAnswerer({ guidance: loadGuidance(), areas: loadAreas(), dangerWords: loadDangerWords(GUIDANCE_IDS) });
const NOW = new Date("2026-11-24T16:18:00Z");
const TOP_1_TARGET = 0.9;
// As the own-words set's target (test/e2e/own-words.test.ts): the entry asked for is among the first three offered.
const TOP_3_TARGET = 0.97;

/** What the user is shown, in the fixture's words: an entry id, "contacts:<area>", or the kind. */
function shown(answer: QuestionAnswer): string {
  if (answer.kind === "guidance") return answer.entry.id;
  if (answer.kind === "urgent") return answer.topic.id;
  if (answer.kind === "contacts") return `contacts:${answer.areaId}`;
  return answer.kind;
}

describe("the question set", () => {
  it("has at least 120 questions, each expecting a real entry or action", () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(120);
    const actions = /^(contacts:[a-z]+|ask-area|not-covered)$/;
    expect(QUESTIONS.filter((question) => !GUIDANCE_IDS.has(question.expect) && !actions.test(question.expect))).toEqual([]);
  });

  it(`answers at least ${TOP_1_TARGET * 100} % of them with the expected entry or action first, and ${TOP_3_TARGET * 100} % within the first three`, () => {
    const misses: string[] = [];
    let top3 = 0;
    for (const { q, expect: expected } of QUESTIONS) {
      const got = shown(answerer.answer(q, NOW));
      if (got !== expected) misses.push(`${JSON.stringify(q)}: expected ${expected}, got ${got}`);
      // Top-3 is read from the ranking alone, not from the first answer, so it can fall below top-1.
      // An action (contacts, ask the area, not covered) is no entry of the ranking: it counts when shown.
      const offered = GUIDANCE_IDS.has(expected) ? answerer.candidates(q).slice(0, 3) : [got];
      if (offered.includes(expected)) top3 += 1;
    }
    const top1 = (QUESTIONS.length - misses.length) / QUESTIONS.length;
    console.log(`question set: ${QUESTIONS.length} questions; top-1 ${(top1 * 100).toFixed(1)} %, top-3 ${((top3 / QUESTIONS.length) * 100).toFixed(1)} %`);
    if (misses.length > 0) console.log(`misses:\n${misses.join("\n")}`);
    expect(top1).toBeGreaterThanOrEqual(TOP_1_TARGET);
    expect(top3 / QUESTIONS.length).toBeGreaterThanOrEqual(TOP_3_TARGET);
  });
});
