// The labelled messages the urgency model (src/services/urgency-model.ts) is trained on: tuning
// parts only. Never the own-words test part, never the fresh set's held-out third: those are what
// the figures report (test/e2e/own-words.test.ts). `npm run train-urgency` trains on these and
// writes content/urgency-model.json; test/services/urgency-model.test.ts checks that the committed
// model is exactly what they give.
import { readFileSync } from "node:fs";
import type { LabelledMessage } from "../../src/services/urgency-model.ts";
import { TUNING_PART } from "./own-words.ts";

const questions = (name: string): LabelledMessage[] => JSON.parse(readFileSync(new URL(`../fixtures/questions/${name}.json`, import.meta.url), "utf8"));

/** Practitioners' messages written afresh, apart from the bot's word lists (issue 19). */
export const FRESH = questions("own-words-fresh") as (LabelledMessage & { expect: string; also?: string[] })[];
/** Every third message of the fresh set (the 3rd, 6th, 9th…) is held out: never trained or tuned on. */
export const FRESH_HELD_OUT = FRESH.filter((_, index) => index % 3 === 2);
export const FRESH_TUNING = FRESH.filter((_, index) => index % 3 !== 2);

export const URGENCY_TRAINING_SETS: readonly { set: string; messages: readonly LabelledMessage[] }[] = [
  { set: "own-words (tuning part)", messages: TUNING_PART },
  { set: "urgency-dev", messages: questions("urgency-dev") },
  { set: "urgency-dev-b", messages: questions("urgency-dev-b") },
  { set: "urgency-dev-c", messages: questions("urgency-dev-c") },
  { set: "urgency-dev-d", messages: questions("urgency-dev-d") },
  { set: "own-words-fresh (tuning part)", messages: FRESH_TUNING },
];
