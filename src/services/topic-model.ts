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
  /**
   * The labelled messages themselves, for a nearest-neighbour reading beside the weights: a
   * question worded like one a practitioner has asked before gets that question's entry, even when
   * its words are rare. `share` is the neighbours' part of each probability.
   */
  neighbours: z.strictObject({
    k: z.int().positive(),
    share: z.number().min(0).max(1),
    features: FeatureSettings,
    /** [class index, message]. */
    examples: z.array(z.tuple([z.int().min(0), z.string().min(1)])).min(1),
  }).optional(),
}).refine((model) => model.bias.length === model.classes.length, { error: "bias: one per class", path: ["bias"] });
export type TopicModel = z.infer<typeof TopicModel>;

type Neighbours = NonNullable<TopicModel["neighbours"]>;

type NeighbourIndex = {
  /** Per feature: the examples that have it. */
  readonly postings: Map<string, number[]>;
  /** A feature's weight in the cosine: its inverse document frequency, squared. */
  readonly weight: (feature: string) => number;
  /** Per example: the length of its weighted feature vector. */
  readonly lengths: Float64Array;
  readonly labels: Int32Array;
};

// Built at the first question that needs it, once per model.
const neighbourIndexes = new WeakMap<Neighbours, NeighbourIndex>();

function neighbourIndex(neighbours: Neighbours): NeighbourIndex {
  const cached = neighbourIndexes.get(neighbours);
  if (cached !== undefined) return cached;
  const postings = new Map<string, number[]>();
  const featuresOf = neighbours.examples.map(([, text]) => messageFeatures(text, neighbours.features));
  featuresOf.forEach((features, example) => {
    for (const feature of features) (postings.get(feature) ?? postings.set(feature, []).get(feature)!).push(example);
  });
  const count = neighbours.examples.length;
  const weight = (feature: string) => Math.log((count + 1) / ((postings.get(feature)?.length ?? 0) + 1)) ** 2;
  const lengths = Float64Array.from(featuresOf, (features) => Math.sqrt(features.reduce((sum, feature) => sum + weight(feature), 0)) || 1);
  const index = { postings, weight, lengths, labels: Int32Array.from(neighbours.examples, ([label]) => label) };
  neighbourIndexes.set(neighbours, index);
  return index;
}

/**
 * The classes of the k examples most like the message (cosine of inverse-frequency-weighted
 * features), as shares of their similarity; undefined when no example shares a feature with it.
 */
function neighbourShares(neighbours: Neighbours, text: string, classes: number): Float64Array | undefined {
  const { postings, weight, lengths, labels } = neighbourIndex(neighbours);
  const features = messageFeatures(text, neighbours.features);
  const length = Math.sqrt(features.reduce((sum, feature) => sum + weight(feature), 0)) || 1;
  // Dot products in a typed array, and the k best kept as they come: a 500-character story touches
  // most examples through its common words, and a map and a full sort of them cost milliseconds.
  const dot = new Float64Array(lengths.length);
  const touched: number[] = [];
  for (const feature of features) {
    const shared = postings.get(feature);
    const value = weight(feature);
    if (shared === undefined || value === 0) continue;
    for (const example of shared) {
      if (dot[example] === 0) touched.push(example);
      dot[example]! += value;
    }
  }
  const nearest: [number, number][] = [];
  for (const example of touched) {
    const similarity = dot[example]! / (lengths[example]! * length);
    if (nearest.length === neighbours.k && similarity <= nearest[nearest.length - 1]![1]) continue;
    let at = nearest.length;
    while (at > 0 && nearest[at - 1]![1] < similarity) at -= 1;
    nearest.splice(at, 0, [example, similarity]);
    if (nearest.length > neighbours.k) nearest.pop();
  }
  const total = nearest.reduce((sum, [, similarity]) => sum + similarity, 0);
  if (total <= 0) return undefined;
  const shares = new Float64Array(classes);
  for (const [example, similarity] of nearest) shares[labels[example]!]! += similarity / total;
  return shares;
}

/** Each entry's probability for the question: the weights' reading, blended with the neighbours' where the model has them. */
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
  const { neighbours } = model;
  const near = neighbours === undefined ? undefined : neighbourShares(neighbours, text, model.classes.length);
  // With no neighbour at all, the weights' reading stands alone.
  const share = near === undefined || neighbours === undefined ? 0 : neighbours.share;
  return new Map(model.classes.map((id, index) => [id, (1 - share) * (exps[index]! / total) + share * (near?.[index] ?? 0)]));
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
  /** The nearest-neighbour reading's settings; without them, the weights alone. */
  readonly neighbours?: { readonly k: number; readonly share: number; readonly features: FeatureSettings } | undefined;
};

export const TOPIC_TRAINING: TopicTrainingSettings = {
  epochs: 30, learningRate: 0.2, l2: 0.005, mix: 0.8, keepAbove: 0.1, features: WORDS_ONLY,
  neighbours: { k: 10, share: 0.5, features: { words: true, porter: true, letterGrams: [] } },
};

/** Each labelled message once (the first label it was given), in the sets' order. */
function neighbourExamples(sets: readonly { messages: readonly LabelledTopic[] }[], indexOf: ReadonlyMap<string, number>): [number, string][] {
  const seen = new Set<string>();
  return sets.flatMap(({ messages }) => messages.flatMap((message): [number, string][] => {
    const label = indexOf.get(message.expect);
    if (label === undefined || message.q.trim() === "" || seen.has(message.q)) return [];
    seen.add(message.q);
    return [[label, message.q]];
  }));
}

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
    ...(settings.neighbours === undefined ? {} : { neighbours: { ...settings.neighbours, examples: neighbourExamples(sets, indexOf) } }),
  };
}
