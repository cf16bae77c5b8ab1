// Danger first, on the urgency sets: messages written by four different people, each labelled
// urgent or not (a child may be at risk now or a crime may have happened). The danger words were
// written from these sets and the own-words tuning part, so here they are a regression guard: a
// change to content/danger-words.yaml or the matcher that loses an urgent message, or cries
// wolf more often, fails. How well the words do on messages nobody tuned on is measured by the
// own-words test part (test/e2e/own-words.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { loadDangerWords } from "../../src/content/load-danger-words.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { createQuestionAnswerer } from "../../src/services/answer-question.ts";

const GUIDANCE = loadGuidance();
const answerer = createQuestionAnswerer({ guidance: GUIDANCE, areas: loadAreas(), dangerWords: loadDangerWords(new Set(GUIDANCE.map((entry) => entry.id))) });
const NOW = new Date("2026-12-08T10:00:00Z");

const SETS = ["urgency-dev.json", "urgency-dev-b.json", "urgency-dev-c.json", "urgency-dev-d.json"];
// Held at what they reach; the few misses left are listed by the test when it fails.
const URGENT_RECALL_AT_LEAST = 0.95;
const FALSE_URGENT_AT_MOST = 0.03;

const setOf = (file: string) => JSON.parse(readFileSync(new URL(`../fixtures/questions/${file}`, import.meta.url), "utf8")) as { q: string; urgent: boolean }[];

describe.each(SETS)("urgency set %s", (file) => {
  const set = setOf(file);

  it("has urgent and not-urgent messages", () => {
    expect(set.filter((message) => message.urgent).length).toBeGreaterThan(50);
    expect(set.filter((message) => !message.urgent).length).toBeGreaterThan(50);
  });

  it(`gives the urgent card first for at least ${URGENT_RECALL_AT_LEAST * 100} % of the urgent messages, and to at most ${FALSE_URGENT_AT_MOST * 100} % of the others`, () => {
    const urgent = set.filter((message) => message.urgent);
    const others = set.filter((message) => !message.urgent);
    const missed = urgent.filter(({ q }) => answerer.answer(q, NOW).kind !== "urgent").map(({ q }) => q);
    const alarmed = others.filter(({ q }) => answerer.answer(q, NOW).kind === "urgent").map(({ q }) => q);
    console.log(`${file}: urgent recall ${(100 * (1 - missed.length / urgent.length)).toFixed(1)} %, false urgent ${(100 * (alarmed.length / others.length)).toFixed(1)} %`);
    expect(missed.length / urgent.length, `missed:\n${missed.join("\n")}`).toBeLessThanOrEqual(1 - URGENT_RECALL_AT_LEAST);
    expect(alarmed.length / others.length, `alarmed:\n${alarmed.join("\n")}`).toBeLessThanOrEqual(FALSE_URGENT_AT_MOST);
  });

  it("never gives an urgent message the no-answer card", () => {
    expect(set.filter(({ q, urgent }) => urgent && answerer.answer(q, NOW).kind === "no-match")).toEqual([]);
  });
});
