// The topic model (src/services/topic-model.ts, issue 19): the committed model is exactly what the
// tuning parts and the guidance train, it never saw a held-out message, and its blend with the
// word ranker follows the rule it states.
import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/load-areas.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { loadTopicModel, parseTopicModel } from "../../src/content/load-models.ts";
import { blendTopics, TOPIC_TRAINING, topicProbabilities, trainTopicModel, type TopicModel } from "../../src/services/topic-model.ts";
import { WORDS_ONLY } from "../../src/services/message-features.ts";
import { TEST_PART } from "../support/own-words.ts";
import { FRESH_HELD_OUT, TOPIC_CLASSES, TOPIC_TRAINING_SETS } from "../support/model-training.ts";

const IDS = new Set(loadGuidance().map((entry) => entry.id));
const MODEL = loadTopicModel(IDS);

describe("the topic model", () => {
  it("is exactly what `npm run train-topics` trains (nobody edits it by hand)", { timeout: 60_000 }, () => {
    expect(trainTopicModel(TOPIC_CLASSES, TOPIC_TRAINING_SETS)).toEqual(MODEL);
  });

  it("never trained on a message the figures are reported on", () => {
    const trained = new Set(TOPIC_TRAINING_SETS.flatMap(({ messages }) => messages.map((message) => message.q)));
    expect([...TEST_PART, ...FRESH_HELD_OUT].filter((message) => trained.has(message.q)).map((message) => message.q)).toEqual([]);
  });

  it("blends: each entry scores (1 - mix) / (rank + 1) from the ranker and mix × its probability", () => {
    // Two entries; the word "phone" pushes the model firmly towards "b".
    const tiny: TopicModel = { trainedOn: [{ set: "tiny", messages: 1 }], mix: 0.5, features: { words: true, porter: false, letterGrams: [] }, classes: ["a", "b"], bias: [0, 0], weights: { phone: { "1": 10 } } };
    // The ranker's order alone: a (0.5), b (0.25); with "phone", b gains almost 0.5.
    expect(blendTopics(tiny, "her phone", ["a", "b"])).toEqual(["b", "a"]);
    // Without the word, the model is even (0.25 each): the ranker's order stands.
    expect(blendTopics(tiny, "her bag", ["a", "b"])).toEqual(["a", "b"]);
    // With mix 0 the model has no say.
    expect(blendTopics({ ...tiny, mix: 0 }, "her phone", ["a", "b"])).toEqual(["a", "b"]);
  });

  it("the neighbours' reading: a question worded like a labelled one leans to that one's entry, by the neighbours' share", () => {
    const plain: TopicModel = { trainedOn: [{ set: "tiny", messages: 2 }], mix: 1, features: { words: true, porter: false, letterGrams: [] }, classes: ["a", "b"], bias: [0, 0], weights: {} };
    const neighbours = { k: 1, share: 0.5, features: { words: true, porter: false, letterGrams: [] }, examples: [[0, "who picks up the phone at night"], [1, "she has a second phone and cash"]] as [number, string][] };
    // The weights alone are even.
    expect(topicProbabilities(plain, "second phone and cash").get("b")).toBeCloseTo(0.5);
    // The nearest example is b's: half the probability is the neighbours', all of it b's.
    expect(topicProbabilities({ ...plain, neighbours }, "second phone and cash").get("b")).toBeCloseTo(0.75);
    expect(topicProbabilities({ ...plain, neighbours }, "who picks up at night").get("a")).toBeCloseTo(0.75);
    // Nothing in common with any example: the weights' reading stands.
    expect(topicProbabilities({ ...plain, neighbours }, "zebra").get("a")).toBeCloseTo(0.5);
    // Trained with neighbours, the model keeps each message once, under its first label.
    const trained = trainTopicModel(["a", "b"], [{ set: "x", messages: [{ q: "one", expect: "a" }, { q: "one", expect: "b" }, { q: "two", expect: "b" }] }], { ...TOPIC_TRAINING, neighbours: { k: 3, share: 0.5, features: WORDS_ONLY } });
    expect(trained.neighbours?.examples).toEqual([[0, "one"], [1, "two"]]);
  });

  it("a model naming an entry that is not in the guidance stops start-up, naming it", () => {
    const text = JSON.stringify({ ...MODEL, classes: [...MODEL.classes.slice(0, -1), "no-such-entry"] });
    expect(() => parseTopicModel("topic-model.json", text, IDS)).toThrow(ContentError);
    expect(() => parseTopicModel("topic-model.json", text, IDS)).toThrow(/no guidance entry "no-such-entry"/);
  });
});
