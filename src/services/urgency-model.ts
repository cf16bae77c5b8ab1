// A second reader for danger (issue 19, "measured honestly"): the danger words
// (content/danger-words.yaml) catch what someone thought to list, and on messages nobody tuned on
// they missed about one urgent message in five. This model reads the message as a whole: a
// logistic regression over its words and word pairs, with ages folded into bands (under 13, 13-15,
// 16-17, adult), and over four-letter sequences inside words so a misspelling still counts
// (message-features.ts; chosen by cross-validation on the training sets alone,
// scripts/cross-validate-models.ts), trained on the project's labelled practitioner messages (tuning parts only) by
// `npm run train-urgency`, which writes content/urgency-model.json. It can only add the urgent card
// (never take it away), so a miss by the words can still be caught, and a false alarm costs a card
// that says "act now" to someone who did not need it.
import { z } from "zod";
import { FeatureSettings, messageFeatures, wordFeatures } from "./message-features.ts";

/** The words and adjacent word pairs of a message, lower case, ages as bands (message-features.ts). */
export const urgencyFeatures = wordFeatures;

export const UrgencyModel = z.strictObject({
  /** What it was trained on, for the record (set names and counts). */
  trainedOn: z.array(z.strictObject({ set: z.string().min(1), messages: z.int().positive() })).min(1),
  /** A message at or above this probability gets the urgent card. */
  threshold: z.number().gt(0).lt(1),
  /** What the model reads of a message (message-features.ts). */
  features: FeatureSettings,
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
});
export type UrgencyModel = z.infer<typeof UrgencyModel>;

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

/** The model's probability that a message describes a child at risk now or a crime. */
export function urgencyOf(model: Pick<UrgencyModel, "bias" | "weights" | "features">, text: string): number {
  let sum = model.bias;
  for (const feature of messageFeatures(text, model.features)) sum += model.weights[feature] ?? 0;
  return sigmoid(sum);
}

export type LabelledMessage = { readonly q: string; readonly urgent: boolean };

export type UrgencyTrainingSettings = { readonly epochs: number; readonly learningRate: number; readonly l2: number; readonly threshold: number; readonly keepAbove: number; readonly features: FeatureSettings };

export const TRAINING: UrgencyTrainingSettings = { epochs: 30, learningRate: 0.1, l2: 0.003, threshold: 0.6, keepAbove: 0.005, features: { words: true, porter: false, letterGrams: [4] } };

/**
 * Stochastic gradient descent on the log loss with L2, in a fixed order (no randomness): the
 * same messages always give the same model, so a test can check the committed one.
 */
export function trainUrgencyModel(sets: readonly { set: string; messages: readonly LabelledMessage[] }[], settings: UrgencyTrainingSettings = TRAINING): UrgencyModel {
  const data = sets.flatMap(({ messages }) => messages.map((message) => ({ features: messageFeatures(message.q, settings.features), label: message.urgent ? 1 : 0 })));
  const weights = new Map<string, number>();
  let bias = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    // A fixed shuffle per epoch, so the order of the sets does not steer the weights.
    for (let index = data.length - 1; index > 0; index -= 1) {
      const other = (index * 7919 + epoch * 31) % (index + 1);
      [data[index], data[other]] = [data[other]!, data[index]!];
    }
    for (const { features, label } of data) {
      let sum = bias;
      for (const feature of features) sum += weights.get(feature) ?? 0;
      const error = sigmoid(sum) - label;
      bias -= settings.learningRate * error;
      for (const feature of features) {
        const weight = weights.get(feature) ?? 0;
        weights.set(feature, weight - settings.learningRate * (error + settings.l2 * weight));
      }
    }
  }
  const kept = [...weights].filter(([, weight]) => Math.abs(weight) >= settings.keepAbove).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    trainedOn: sets.map(({ set, messages }) => ({ set, messages: messages.length })),
    threshold: settings.threshold,
    features: settings.features,
    bias: round(bias),
    weights: Object.fromEntries(kept.map(([feature, weight]) => [feature, round(weight)])),
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
