// Answers free text in 1:1 chat (DESIGN.md "Questions"): a contact question goes to the area's
// contacts, anything else to the guidance entry it matches, or to a short list of near topics.
// Matching runs locally with minisearch; the index is built once, so `answer` is cheap and pure.
import MiniSearch, { type SearchOptions } from "minisearch";
import { stemmer } from "stemmer";
import type { Areas } from "../content/load-areas.ts";
import type { GuidanceEntry } from "../content/load-guidance.ts";
import { parseContactQuestion } from "./parse-contact-question.ts";

export type QuestionAnswer =
  | { readonly kind: "contacts"; readonly areaId: string; readonly at: Date; readonly atDescribed: string; readonly timeNamed: boolean }
  /** A contact question that names no known area: ask which one. */
  | { readonly kind: "ask-area" }
  /** A contact question about a place with no area file: say so, and offer "Another area". */
  | { readonly kind: "not-covered"; readonly place: string }
  | { readonly kind: "guidance"; readonly entry: GuidanceEntry; readonly related: readonly GuidanceEntry[] }
  /** Nothing matched well enough; `nearest` are offered as "did you mean". */
  | { readonly kind: "no-match"; readonly nearest: readonly GuidanceEntry[] };

export type QuestionAnswerer = {
  answer(text: string, now: Date): QuestionAnswer;
  /** Guidance entries by how well they match, best first: the answer's runners-up, for measuring. */
  candidates(text: string): string[];
};

// Filler that every question carries; left in, it would match every body and drown the topic.
const STOP_WORDS = new Set([
  "a", "am", "an", "and", "are", "about", "at", "be", "been", "can", "could", "did", "do", "does",
  "for", "had", "has", "have", "how", "i", "if", "im", "in", "is", "it", "its", "me", "mean",
  "means", "my", "of", "on", "or", "please", "s", "should", "t", "that", "the", "there", "this",
  "to", "was", "we", "were", "what", "whats", "would", "you", "your",
  // People in the story, and hedges: "she told me", "I think he is being groomed".
  "she", "he", "her", "his", "him", "they", "them", "their", "think", "just", "really", "being",
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
const LONG_QUESTION_WORDS = 5;
const LONG_QUESTION_COVERAGE = 1 / 2;
// A runner-up may answer only when it scores close to the best, so a stray prefix far down the
// list ("time" in "timescale") does not.
const CLOSE_TO_BEST = 3 / 4;

// minisearch's own tokenizer splits on spaces and punctuation, so "what's" gives "what" and "s".
const tokenize: (text: string) => string[] = MiniSearch.getDefault("tokenize");

// Each word is kept and also stemmed (Porter, via `stemmer`), on both sides: "groomed", "grooming"
// and "groom" meet through the stem, while a typo is still forgiven against the whole word ("sextng").
/** A question or keyword as a bare phrase: lower case, no punctuation, single spaces. */
function asPhrase(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019']/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function processTerm(term: string): string[] | null {
  const word = term.toLowerCase();
  if (word === "" || STOP_WORDS.has(word)) return null;
  const stem = stemmer(word);
  return stem === word ? [word] : [word, stem];
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
  // Built at the first question, not at start-up (issue 12): /healthz and most cards need none of it.
  let built: ReturnType<typeof buildIndex> | undefined;
  const index = { search: (...args: Parameters<ReturnType<typeof buildIndex>["search"]>) => (built ??= buildIndex(guidance)).search(...args) };
  const byId = new Map(guidance.map((entry) => [entry.id, entry]));
  const byKeyword = new Map<string, GuidanceEntry[]>();
  for (const entry of guidance) for (const keyword of new Set(entry.keywords.map(asPhrase))) byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), entry]);
  /** The one entry a keyword names: its only owner, or of several the one whose title says it ("early help"). */
  function keywordEntry(phrase: string): GuidanceEntry | undefined {
    const owners = byKeyword.get(phrase) ?? [];
    if (owners.length === 1) return owners[0];
    const titled = owners.filter((entry) => asPhrase(entry.title).includes(phrase));
    return titled.length === 1 ? titled[0] : undefined;
  }
  const entriesOf = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  // An area named in a question is context, not topic: "county lines in Sutton" is about county lines.
  const areaWords = new Set([...areas.values()].flatMap((area) => [area.id, ...tokenize(area.name)]).flatMap((word) => processTerm(word) ?? []));

  /** The question's topic words, each as its search terms (the word and its stem), less any area name. */
  function topicWords(question: string): string[][] {
    const seen = new Set<string>();
    return tokenize(question).flatMap((token) => {
      const terms = processTerm(token);
      const key = terms?.at(-1);
      if (terms === null || key === undefined || areaWords.has(key) || seen.has(key)) return [];
      seen.add(key);
      return [terms];
    });
  }

  /** The best-scoring entry that covers the question and is about it, if any. */
  function bestMatch(question: string): GuidanceEntry | undefined {
    // A question that is, word for word, one of an entry's keywords ("child in care") is that entry.
    const exact = keywordEntry(asPhrase(question));
    if (exact !== undefined) return exact;
    const words = topicWords(question);
    // A long question in everyday words tells a story around its topic: half its words will do.
    const needed = Math.ceil(words.length * (words.length >= LONG_QUESTION_WORDS ? LONG_QUESTION_COVERAGE : REQUIRED_COVERAGE));
    const covered = (matched: readonly string[]) => words.filter((terms) => terms.some((term) => matched.includes(term))).length;
    const onTopic = new Set(index.search(question, ON_TOPIC).map((result) => result.id));
    const results = index.search(question, BEST_MATCH);
    const closeTo = (results[0]?.score ?? 0) * CLOSE_TO_BEST;
    // The top score can go to an entry that only mentions the words in passing; a close second
    // that has them in its title or keywords is the answer ("below category 1" is Phoenix).
    const best = results.find((result) => result.score >= closeTo && covered(result.queryTerms) >= needed && onTopic.has(result.id));
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
    if (contact?.kind === "contacts-not-covered") return { kind: "not-covered", place: contact.place };

    const entry = bestMatch(question);
    if (entry === undefined) return { kind: "no-match", nearest: nearest(question) };
    return { kind: "guidance", entry, related: entriesOf(entry.related).slice(0, RELATED_SHOWN) };
  }

  function candidates(text: string): string[] {
    return index.search(text.slice(0, MAX_QUESTION_CHARACTERS), BEST_MATCH).map((result) => String(result.id));
  }

  return { answer, candidates };
}
