// The labelled messages the urgency model (src/services/urgency-model.ts) and the topic model
// (src/services/topic-model.ts) are trained on: tuning parts only. Never the own-words test part, never the fresh set's held-out third: those are what
// the figures report (test/e2e/own-words.test.ts). `npm run train-urgency` trains on these and
// writes content/urgency-model.json, `npm run train-topics` content/topic-model.json; their tests
// check that the committed models are exactly what these give.
import { readFileSync } from "node:fs";
import type { LabelledMessage } from "../../src/services/urgency-model.ts";
import type { LabelledTopic } from "../../src/services/topic-model.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { TEST_PART, TUNING_PART } from "./own-words.ts";

const questions = (name: string): LabelledMessage[] => JSON.parse(readFileSync(new URL(`../fixtures/questions/${name}.json`, import.meta.url), "utf8"));

/** Practitioners' messages written afresh, apart from the bot's word lists (issue 19). */
export const FRESH = questions("own-words-fresh") as (LabelledMessage & { expect: string; also?: string[] })[];
/** Every third message of the fresh set (the 3rd, 6th, 9th…) is held out: never trained or tuned on. */
export const FRESH_HELD_OUT = FRESH.filter((_, index) => index % 3 === 2);
export const FRESH_TUNING = FRESH.filter((_, index) => index % 3 !== 2);

// A message written word for word as one the figures are reported on is left out of training, so
// those figures stay unseen.
const HELD_OUT = new Set([...TEST_PART, ...FRESH_HELD_OUT].map((message) => message.q));
const unseenMessages = (messages: readonly LabelledMessage[]) => messages.filter((message) => !HELD_OUT.has(message.q));

const LATER_SETS = ["topic-training-3a", "topic-training-3b", "topic-training-3c", "topic-training-3d", "topic-training-3e"].map((set) => ({ set, messages: questions(set) as (LabelledMessage & LabelledTopic)[] }));

export const URGENCY_TRAINING_SETS: readonly { set: string; messages: readonly LabelledMessage[] }[] = [
  { set: "own-words (tuning part)", messages: TUNING_PART },
  { set: "urgency-dev", messages: questions("urgency-dev") },
  { set: "urgency-dev-b", messages: questions("urgency-dev-b") },
  { set: "urgency-dev-c", messages: questions("urgency-dev-c") },
  { set: "urgency-dev-d", messages: questions("urgency-dev-d") },
  { set: "own-words-fresh (tuning part)", messages: FRESH_TUNING },
  // Written from the guidance and the source documents, apart from every other set: urgent
  // messages in many wordings, and hard negatives (questions about a topic, concerns already
  // handled, training, hypotheticals).
  { set: "urgency-training-2", messages: unseenMessages(questions("urgency-training-2")) },
  // Written from the guidance and the source documents, apart from every other set, by five writers:
  // school and care staff (3a), health and community staff (3b), long case-note stories (3c), and
  // fragments, questions about the bot, non-native English and slang (3d), and exploitation under
  // way told through its signs, with look-alikes that are not (3e); each message labelled with its
  // entry and whether it is urgent, with hard negatives (alarming words, no child at risk now).
  ...LATER_SETS.map(({ set, messages }) => ({ set, messages: unseenMessages(messages) })),
];

const GUIDANCE = loadGuidance();
/** The topic model's classes: every guidance entry, by id. */
export const TOPIC_CLASSES = GUIDANCE.map((entry) => entry.id).sort();

// Likewise for topics (a keyword can be word for word a question of the test part).
const unseen = (messages: readonly LabelledTopic[]) => messages.filter((message) => !HELD_OUT.has(message.q));

export const TOPIC_TRAINING_SETS: readonly { set: string; messages: readonly LabelledTopic[] }[] = [
  { set: "guidance titles and keywords", messages: unseen(GUIDANCE.flatMap((entry) => [entry.title, ...entry.keywords].map((q) => ({ q, expect: entry.id })))) },
  { set: "practitioner-questions", messages: unseen(JSON.parse(readFileSync(new URL("../fixtures/questions/practitioner-questions.json", import.meta.url), "utf8")) as LabelledTopic[]) },
  { set: "own-words (tuning part)", messages: unseen(TUNING_PART) },
  { set: "own-words-fresh (tuning part)", messages: unseen(FRESH_TUNING) },
  // Written from the guidance entries and the source documents in practitioners' voices, apart from every other set.
  { set: "topic-training-2", messages: unseen(questions("topic-training-2") as unknown as LabelledTopic[]) },
  ...LATER_SETS.map(({ set, messages }) => ({ set, messages: unseen(messages) })),
];
