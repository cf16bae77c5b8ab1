// A second reader for topics (issue 19): the word ranker (answer-question.ts) finds the entries
// whose titles, keywords and bodies share the question's words; this model, trained on the
// project's labelled practitioner questions (tuning parts only) and on the entries' own titles and
// keywords, says which entry such a question has needed. The two are blended (`mix`), so a question
// in words no entry lists can still get its entry first. Trained by `npm run train-topics`
// (content/topic-model.json); checked at start-up like every content file. Its settings were
// chosen by cross-validation on the training sets alone (scripts/cross-validate-models.ts).
import { z } from "zod";
import { FeatureSettings, messageFeatures, WORDS_ONLY } from "./message-features.ts";

export const TopicModel = z.strictObject({
  trainedOn: z.array(z.strictObject({ set: z.string().min(1), messages: z.int().positive() })).min(1),
  /** The model's share of the blended score (the ranker's order has the rest). */
  mix: z.number().min(0).max(1),
  /** What the model reads of a message (message-features.ts). */
  features: FeatureSettings,
  /** Guidance entry ids, one per class. */
  classes: z.array(z.string().min(1)).min(2),
  bias: z.array(z.number()),
  /** By feature, the weight for each class (by its index) that matters. */
  weights: z.record(z.string(), z.record(z.string().regex(/^\d+$/), z.number())),
}).refine((model) => model.bias.length === model.classes.length, { error: "bias: one per class", path: ["bias"] });
export type TopicModel = z.infer<typeof TopicModel>;

/** Each entry's probability for the question. */
export function topicProbabilities(model: TopicModel, text: string): Map<string, number> {
  const scores = [...model.bias];
  for (const feature of messageFeatures(text, model.features)) {
    const row = model.weights[feature];
    if (row === undefined) continue;
    for (const [index, weight] of Object.entries(row)) scores[Number(index)]! += weight;
  }
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return new Map(model.classes.map((id, index) => [id, exps[index]! / total]));
}

/**
 * The ranker's order blended with the model: each entry scores (1 - mix) / (its rank + 1) from the
 * ranker and mix × its probability from the model. Entries the ranker did not find can come in.
 */
export function blendTopics(model: TopicModel, text: string, ranked: readonly string[]): string[] {
  const scores = new Map<string, number>();
  ranked.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + (1 - model.mix) / (rank + 1)));
  for (const [id, probability] of topicProbabilities(model, text)) scores.set(id, (scores.get(id) ?? 0) + model.mix * probability);
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

export type LabelledTopic = { readonly q: string; readonly expect: string };

export type TopicTrainingSettings = {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly mix: number;
  /** Weights smaller than this are dropped from the file: they barely move a score, and keep it small. */
  readonly keepAbove: number;
  readonly features: FeatureSettings;
};

export const TOPIC_TRAINING: TopicTrainingSettings = { epochs: 30, learningRate: 0.2, l2: 0.005, mix: 0.5, keepAbove: 0.1, features: WORDS_ONLY };

/** Softmax regression by stochastic gradient descent, in a fixed order: the same messages always give the same model. */
export function trainTopicModel(classes: readonly string[], sets: readonly { set: string; messages: readonly LabelledTopic[] }[], settings: TopicTrainingSettings = TOPIC_TRAINING): TopicModel {
  const indexOf = new Map(classes.map((id, index) => [id, index]));
  // Features as numbers while training: a typed row per feature, looked up once per message.
  const ids = new Map<string, number>();
  const rows: Float64Array[] = [];
  const idOf = (feature: string) => ids.get(feature) ?? (ids.set(feature, rows.push(new Float64Array(classes.length)) - 1), rows.length - 1);
  const data = sets.flatMap(({ messages }) => messages.flatMap((message) => (indexOf.has(message.expect) ? [{ features: messageFeatures(message.q, settings.features).map(idOf), label: indexOf.get(message.expect)! }] : [])));
  const bias = new Float64Array(classes.length);
  const scores = new Float64Array(classes.length);
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    for (let index = data.length - 1; index > 0; index -= 1) {
      const other = (index * 7919 + epoch * 31) % (index + 1);
      [data[index], data[other]] = [data[other]!, data[index]!];
    }
    for (const { features, label } of data) {
      scores.set(bias);
      for (const feature of features) {
        const row = rows[feature]!;
        for (let k = 0; k < scores.length; k += 1) scores[k]! += row[k]!;
      }
      let top = -Infinity;
      for (const score of scores) top = Math.max(top, score);
      let total = 0;
      for (let k = 0; k < scores.length; k += 1) total += scores[k] = Math.exp(scores[k]! - top);
      for (let k = 0; k < classes.length; k += 1) {
        const error = scores[k]! / total - (k === label ? 1 : 0);
        bias[k]! -= settings.learningRate * error;
        for (const feature of features) {
          const row = rows[feature]!;
          row[k]! -= settings.learningRate * (error + settings.l2 * row[k]!);
        }
      }
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const kept = [...ids]
    .map(([feature, id]) => [feature, Object.fromEntries([...rows[id]!].flatMap((weight, index) => (Math.abs(weight) >= settings.keepAbove ? [[String(index), round(weight)]] : [])))] as const)
    .filter(([, row]) => Object.keys(row).length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    trainedOn: sets.map(({ set, messages }) => ({ set, messages: messages.length })),
    mix: settings.mix,
    features: settings.features,
    classes: [...classes],
    bias: [...bias].map(round),
    weights: Object.fromEntries(kept),
  };
}
