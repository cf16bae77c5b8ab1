// What the trained readers (urgency-model.ts, topic-model.ts) see of a message: its words and
// adjacent word pairs, ages folded into bands, and, where a model's settings ask for them, Porter
// stems and letter sequences inside words (so "groomed" meets "grooming" and "sextorsion" shares
// most of "sextortion"). Each model stores its settings with its weights, so it is read as it was
// trained; the settings were chosen by cross-validation on the training sets alone
// (scripts/cross-validate-models.ts).
import { stemmer } from "stemmer";
import { z } from "zod";

export const FeatureSettings = z.strictObject({
  /** Words and word pairs, ages as bands, plural and tense endings off. */
  words: z.boolean(),
  /** Each word's Porter stem too. */
  porter: z.boolean(),
  /** Letter sequences of these lengths inside each word, with its start and end marked. */
  letterGrams: z.array(z.int().min(2).max(6)),
});
export type FeatureSettings = z.infer<typeof FeatureSettings>;

export const WORDS_ONLY: FeatureSettings = { words: true, porter: false, letterGrams: [] };

/** The age bands the models see in place of numbers: "13 yo" and "14 yo" are the same fact to them. */
function ageBand(digits: string): string {
  const value = Number(digits);
  if (value < 13) return " age_u13 ";
  if (value < 16) return " age_u16 ";
  if (value < 18) return " age_u18 ";
  return value < 100 ? " age_adult " : " number ";
}

// Plural and tense endings, so "touches", "touched" and "touching" are one word.
const stem = (word: string) => word.replace(/(?:ing|ed|es|s)$/, "");

/** The words and adjacent word pairs of a message, lower case, ages as bands. */
export function wordFeatures(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, "")
    .replace(/\d+/g, ageBand)
    .split(/[^a-z_0-9]+/)
    .filter((word) => word !== "")
    .map(stem);
  const features = new Set<string>();
  words.forEach((word, index) => {
    features.add(word);
    if (index > 0) features.add(`${words[index - 1]}_${word}`);
  });
  return [...features];
}

/** A message's features under a model's settings; stems and letter sequences are prefixed so they never collide with words. */
export function messageFeatures(text: string, settings: FeatureSettings): string[] {
  const features = new Set<string>(settings.words ? wordFeatures(text) : []);
  if (settings.porter || settings.letterGrams.length > 0) {
    const words = text.toLowerCase().replace(/[\u2018\u2019']/g, "").split(/[^a-z0-9]+/).filter((word) => word !== "");
    for (const word of words) {
      if (settings.porter) features.add(`p:${stemmer(word)}`);
      const marked = `<${word}>`;
      for (const length of settings.letterGrams) for (let at = 0; at + length <= marked.length; at += 1) features.add(`g:${marked.slice(at, at + length)}`);
    }
  }
  return [...features];
}
