// The practitioners' own-words question set (test/fixtures/questions/own-words.json), split once
// with a fixed seed into a tuning part (70 %) and a test part (30 %). The matcher and the danger
// words are tuned on the tuning part only; the test part is what the figures report. Do not tune
// on the test part: do not read its misses to change content/danger-words.yaml, the guidance
// keywords or src/services. A miss there is reported, not fixed one by one.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export type OwnWordsQuestion = {
  readonly q: string;
  /** A guidance entry id, "contacts:<area>", "ask-area" or "not-covered": the best answer. */
  readonly expect: string;
  /** Other entries that would also be a right first answer, labelled without seeing the bot's answers. */
  readonly also: readonly string[];
  /** The message describes a child who may be at risk now, or a crime that may have happened. */
  readonly urgent: boolean;
  readonly area?: string;
  readonly age?: number;
};

export const OWN_WORDS: readonly OwnWordsQuestion[] = JSON.parse(readFileSync(new URL("../fixtures/questions/own-words.json", import.meta.url), "utf8"));

const SPLIT_SEED = "own-words-2026-12-07";
const TUNING_PERCENT = 70;

/** Which part a question is in: a hash of the fixed seed and the message, so adding a question never moves another. */
export function partOf(question: OwnWordsQuestion): "tuning" | "test" {
  const hash = createHash("sha256").update(`${SPLIT_SEED}\n${question.q}`).digest();
  return hash.readUInt32BE(0) % 100 < TUNING_PERCENT ? "tuning" : "test";
}

export const TUNING_PART = OWN_WORDS.filter((question) => partOf(question) === "tuning");
export const TEST_PART = OWN_WORDS.filter((question) => partOf(question) === "test");
