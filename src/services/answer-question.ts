// Answers free text in 1:1 chat (DESIGN.md "Questions"): a contact question goes to the area's
// contacts, anything else to the guidance entry it matches, or to a short list of near topics.
// Matching runs locally with minisearch; the index is built once, so `answer` is cheap and pure.
import MiniSearch, { type SearchOptions } from "minisearch";
import type { Areas } from "../content/load-areas.ts";
import type { GuidanceEntry } from "../content/load-guidance.ts";
import { parseContactQuestion } from "./parse-contact-question.ts";

export type QuestionAnswer =
  | { readonly kind: "contacts"; readonly areaId: string; readonly at: Date; readonly atDescribed: string; readonly timeNamed: boolean }
  /** A contact question that names no known area: ask which one. */
  | { readonly kind: "ask-area" }
  | { readonly kind: "guidance"; readonly entry: GuidanceEntry; readonly related: readonly GuidanceEntry[] }
  /** Nothing matched well enough; `nearest` are offered as "did you mean". */
  | { readonly kind: "no-match"; readonly nearest: readonly GuidanceEntry[] };

export type QuestionAnswerer = { answer(text: string, now: Date): QuestionAnswer };

// Filler that every question carries; left in, it would match every body and drown the topic.
const STOP_WORDS = new Set([
  "a", "am", "an", "and", "are", "about", "at", "be", "been", "can", "could", "did", "do", "does",
  "for", "had", "has", "have", "how", "i", "if", "im", "in", "is", "it", "its", "me", "mean",
  "means", "my", "of", "on", "or", "please", "s", "should", "t", "that", "the", "there", "this",
  "to", "was", "we", "were", "what", "whats", "would", "you", "your",
]);

// A chat question is short; reading only the start bounds the cost of fuzzy search on a pasted essay.
const MAX_QUESTION_CHARACTERS = 500;
const RELATED_SHOWN = 3;
const NEAREST_SHOWN = 3;
// Offered when nothing is near: what CSE is, what happens next, and what to do in an emergency.
export const DEFAULT_SUGGESTIONS = ["what-is-cse", "after-referral", "immediate-danger"];

// Two letters prefix half the vocabulary ("hi" would find "high risk").
const prefixFromThreeLetters = (term: string) => term.length >= 3;
// One edit in a word of four letters or fewer is another word: cash/mash, mase/mash.
const fuzzyFromFiveLetters = (term: string) => (term.length >= 5 ? 0.2 : false);

const BEST_MATCH: SearchOptions = {
  boost: { title: 3, keywords: 2 },
  fuzzy: fuzzyFromFiveLetters,
  prefix: prefixFromThreeLetters,
  combineWith: "OR",
};
// Evidence that the entry is about the question: a word of it in the title or keywords, exactly,
// by prefix, or with a typo (one edit per five letters) in a word of six letters or more ("sextng").
const ON_TOPIC: SearchOptions = {
  fields: ["title", "keywords"],
  fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
  prefix: prefixFromThreeLetters,
  combineWith: "OR",
};
const NEAR_TOPICS: SearchOptions = { ...BEST_MATCH, fuzzy: 0.3, prefix: true };

// A match must cover three quarters of the question's words (all of them up to three words).
// BM25 scores do not separate good from bad: "my car broke down" scores 47 on "recording" while
// "cuckooing" scores 11 on "county lines"; coverage and topic evidence do.
const REQUIRED_COVERAGE = 3 / 4;
// A runner-up may answer only when it scores close to the best, so a stray prefix far down the
// list ("time" in "timescale") does not.
const CLOSE_TO_BEST = 3 / 4;

// minisearch's own tokenizer splits on spaces and punctuation, so "what's" gives "what" and "s".
const tokenize: (text: string) => string[] = MiniSearch.getDefault("tokenize");

function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  return word === "" || STOP_WORDS.has(word) ? null : word;
}

function buildIndex(guidance: readonly GuidanceEntry[]): MiniSearch<GuidanceEntry> {
  const index = new MiniSearch<GuidanceEntry>({
    fields: ["title", "keywords", "body"],
    // minisearch also reads the id through extractField.
    extractField: (entry, field) => (field === "keywords" ? entry.keywords.join(" ") : entry[field as "id" | "title" | "body"]),
    processTerm,
  });
  index.addAll(guidance);
  return index;
}

export function createQuestionAnswerer({ guidance, areas }: { guidance: readonly GuidanceEntry[]; areas: Areas }): QuestionAnswerer {
  const index = buildIndex(guidance);
  const byId = new Map(guidance.map((entry) => [entry.id, entry]));
  const entriesOf = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  // An area named in a question is context, not topic: "county lines in Sutton" is about county lines.
  const areaWords = new Set([...areas.values()].flatMap((area) => [area.id, ...tokenize(area.name)]).map((word) => word.toLowerCase()));

  function topicTerms(question: string): string[] {
    return tokenize(question).flatMap((token) => processTerm(token) ?? []).filter((term) => !areaWords.has(term));
  }

  /** The best-scoring entry that covers the question and is about it, if any. */
  function bestMatch(question: string): GuidanceEntry | undefined {
    const needed = Math.ceil(new Set(topicTerms(question)).size * REQUIRED_COVERAGE);
    const onTopic = new Set(index.search(question, ON_TOPIC).map((result) => result.id));
    const results = index.search(question, BEST_MATCH);
    const closeTo = (results[0]?.score ?? 0) * CLOSE_TO_BEST;
    // The top score can go to an entry that only mentions the words in passing; a close second
    // that has them in its title or keywords is the answer ("below category 1" is Phoenix).
    const best = results.find((result) => result.score >= closeTo && result.queryTerms.length >= needed && onTopic.has(result.id));
    return best === undefined ? undefined : byId.get(String(best.id));
  }

  function nearest(question: string): GuidanceEntry[] {
    const found = index.search(question, NEAR_TOPICS).map((result) => String(result.id));
    return entriesOf([...new Set([...found, ...DEFAULT_SUGGESTIONS])]).slice(0, NEAREST_SHOWN);
  }

  function answer(text: string, now: Date): QuestionAnswer {
    const question = text.slice(0, MAX_QUESTION_CHARACTERS);
    const contact = parseContactQuestion(question, areas, now);
    if (contact?.kind === "contacts") return contact;
    if (contact?.kind === "contacts-no-area") return { kind: "ask-area" };

    const entry = bestMatch(question);
    if (entry === undefined) return { kind: "no-match", nearest: nearest(question) };
    return { kind: "guidance", entry, related: entriesOf(entry.related).slice(0, RELATED_SHOWN) };
  }

  return { answer };
}
