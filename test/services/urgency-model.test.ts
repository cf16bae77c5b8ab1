// The urgency model (src/services/urgency-model.ts, issue 19): the committed model is exactly what
// the tuning parts train, it never saw a held-out message, and with it the answer gives the urgent
// card for messages the danger words miss, saying where that came from.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { loadDangerWords } from "../../src/content/load-danger-words.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { loadUrgencyModel, parseUrgencyModel } from "../../src/content/load-models.ts";
import { ContentError } from "../../src/content/load-areas.ts";
import { createQuestionAnswerer, MODEL_REASON } from "../../src/services/answer-question.ts";
import { trainUrgencyModel, urgencyFeatures, urgencyOf } from "../../src/services/urgency-model.ts";
import { TEST_PART } from "../support/own-words.ts";
import { FRESH_HELD_OUT, URGENCY_TRAINING_SETS } from "../support/model-training.ts";

const GUIDANCE = loadGuidance();
const content = { guidance: GUIDANCE, areas: loadAreas(), dangerWords: loadDangerWords(new Set(GUIDANCE.map((entry) => entry.id))) };
const MODEL = loadUrgencyModel();
const withModel = createQuestionAnswerer({ ...content, urgencyModel: MODEL });
const wordsOnly = createQuestionAnswerer(content);
const NOW = new Date("2026-12-08T10:00:00Z");

describe("the urgency model", () => {
  it("is exactly what `npm run train-urgency` trains on the tuning parts (nobody edits it by hand)", () => {
    expect(trainUrgencyModel(URGENCY_TRAINING_SETS)).toEqual(MODEL);
  });

  it("never trained on a message the figures are reported on (the own-words test part, the fresh set's held-out third)", () => {
    const trained = new Set(URGENCY_TRAINING_SETS.flatMap(({ messages }) => messages.map((message) => message.q)));
    const heldOut = [...TEST_PART, ...FRESH_HELD_OUT];
    expect(heldOut.length).toBeGreaterThan(200);
    expect(heldOut.filter((message) => trained.has(message.q)).map((message) => message.q)).toEqual([]);
  });

  it("reads ages as bands and words whatever their ending", () => {
    expect(urgencyFeatures("She is 12, he is 24; touched")).toEqual(expect.arrayContaining(["age_u13", "age_adult", "touch"]));
    expect(urgencyFeatures("14yo")).toEqual(expect.arrayContaining(["age_u16"]));
  });

  it.each([
    "she has been going to a house where older men give her drugs and she stays the night",
    "he keeps turning up at the school gates and she goes off with him, she is 13",
  ])("catches what the danger words miss, and says it read the message as a whole: %s", (text) => {
    expect(wordsOnly.answer(text, NOW).kind).not.toBe("urgent");
    const answer = withModel.answer(text, NOW);
    expect(answer.kind).toBe("urgent");
    expect(answer.kind === "urgent" ? answer.reasons : []).toEqual([MODEL_REASON]);
  });

  it.each(["what is the phoenix team", "how do I make a referral in Kingston", "what does grooming mean", "can I save this"])("leaves a question about the service alone: %s", (text) => {
    expect(urgencyOf(MODEL, text)).toBeLessThan(MODEL.threshold);
    expect(withModel.answer(text, NOW).kind).not.toBe("urgent");
  });

  it("a file that is not the model stops start-up, naming the field", () => {
    expect(() => parseUrgencyModel("urgency-model.json", "{")).toThrow(ContentError);
    const broken = { ...JSON.parse(readFileSync(new URL("../../content/urgency-model.json", import.meta.url), "utf8")), threshold: 2 };
    expect(() => parseUrgencyModel("urgency-model.json", JSON.stringify(broken))).toThrow(/urgency-model\.json: threshold/);
  });
});
