// Answers free text in 1:1 chat (DESIGN.md "Questions"): a contact question goes to the area's
// contacts, anything else to the guidance entry it matches, or to a short list of near topics.
// Matching runs locally with minisearch; the index is built once, so `answer` is cheap and pure.
import MiniSearch, { type SearchOptions } from "minisearch";
import { stemmer } from "stemmer";
import { distance } from "fastest-levenshtein";
import type { Areas } from "../content/load-areas.ts";
import type { GuidanceEntry } from "../content/load-guidance.ts";
import type { DangerEntry, DangerWords } from "../domain/danger-words.ts";
import { parseContactQuestion } from "./parse-contact-question.ts";
import { createDangerFinder, isGeneralQuestion } from "./find-danger.ts";
import { agesIn, areaIn, childAgeOf } from "./read-message-facts.ts";
import { readAskedTime, type AskedTime } from "./read-asked-time.ts";
import { urgencyOf, type UrgencyModel } from "./urgency-model.ts";
import { blendTopics, type TopicModel } from "./topic-model.ts";
import { MODEL_REASON_MEANS } from "../words/question-words.ts";

/** What a message said about the child and the time, wherever it said it: shapes any answer. */
export type MessageContext = {
  /** An area named anywhere in the message (misspelt too). */
  readonly areaId?: string;
  /** A place named that has no area file ("Croydon"). */
  readonly notCovered?: string;
  /** The child's age, when the message gives one. */
  readonly age?: number;
  /** The moment the message asks about: now, or the day and time it names. */
  readonly time: AskedTime;
};

export type UrgentReason = { readonly means: string; readonly police: DangerEntry["police"]; readonly images: boolean; readonly advice: DangerEntry["advice"] };

export type QuestionAnswer =
  /** Danger first: a child may be at risk now or a crime may have happened; never "no answer". */
  | { readonly kind: "urgent"; readonly reasons: readonly UrgentReason[]; readonly topic: GuidanceEntry; readonly alternatives: readonly GuidanceEntry[]; readonly context: MessageContext }
  | { readonly kind: "contacts"; readonly areaId: string; readonly at: Date; readonly atDescribed: string; readonly timeNamed: boolean; readonly unreadable?: string }
  /** A contact question that names no known area: ask which one. */
  | { readonly kind: "ask-area" }
  /** A contact question about a place with no area file: say so, and offer "Another area". */
  | { readonly kind: "not-covered"; readonly place: string }
  /** `alternatives`: the next best topics, offered as "Not what you asked?". */
  | { readonly kind: "guidance"; readonly entry: GuidanceEntry; readonly related: readonly GuidanceEntry[]; readonly alternatives: readonly GuidanceEntry[]; readonly context: MessageContext }
  /** No topic words at all; `nearest` are offered as "did you mean". */
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
  // Replies and pleasantries that carry no topic: "yes", "ok thanks".
  "yes", "no", "ok", "okay", "thanks", "thank", "cheers", "lol",
  // What is left of "I'm", "they're", "we've", "I'll", "I'd" once the apostrophe splits them, and "as".
  "m", "re", "ve", "ll", "d", "as",
]);

// A chat question is short; reading only the start bounds the cost of fuzzy search on a pasted essay.
const MAX_QUESTION_CHARACTERS = 500;
// Danger words are looked for further: a case note pasted in whole is read to here.
const MAX_DANGER_CHARACTERS = 4000;
const RELATED_SHOWN = 3;
const NEAREST_SHOWN = 3;
// Offered when nothing is near: what CSE is, what happens next, and what to do in an emergency.
export const DEFAULT_SUGGESTIONS = ["what-is-cse", "after-referral", "immediate-danger"];

// Two letters prefix half the vocabulary ("hi" would find "high risk").
const prefixFromThreeLetters = (term: string) => term.length >= 3;
// One edit in a word of four letters or fewer is another word (cash/mash, mase/mash): fuzzy
// search starts at five letters.

/**
 * How the index is searched. A word the guidance has exactly needs no fuzzy search: in a long
 * story most words are ordinary, and fuzzy matching each of them was most of an answer's time.
 */
function searchOptions(known: ReadonlySet<string>) {
  const fuzzyUnlessKnown = (fromLetters: number, edits: number) => (term: string) => (term.length >= fromLetters && !known.has(term) ? edits : false);
  const bestMatch: SearchOptions = {
    boost: { title: 3, keywords: 2 },
    fuzzy: fuzzyUnlessKnown(5, 0.2),
    prefix: prefixFromThreeLetters,
    combineWith: "OR",
  };
  return {
    bestMatch,
    nearTopics: { ...bestMatch, fuzzy: 0.3, prefix: true } satisfies SearchOptions,
  };
}

// An entry with the question's words in its title or keywords scores this much more (as a share
// of the best score): the top score can go to an entry that only mentions them in passing.
const ON_TOPIC_BONUS = 0.3;
// How much a question word in an entry's title or keywords adds, shared among the entries that have it.
const NAMED_WEIGHT = 0.5;
const ADULT_AGE = 18;
// Words that put a child in the message whatever ages it gives ("girl in yr 9 … her 'boyfriend' (21)"),
// and a school's people and places: "I'm a TA, she just told me a 30 year old…" is about a pupil.
const NAMES_A_CHILD = /\b(?:y(?:ea)?r ?\d{1,2}|girl|boy|pupil|student|child|kid|son|daughter|lad|teen|teenager|schoolgirl|schoolboy|yp|cyp|u1\d|dsl|school|class|lesson|lessons|teaching assistant|form tutor)\b/;
// Entries that are about one age group only (DOMAIN.md §4: under 13, 16-17, 18 and over).
const AGE_BOUND_ENTRIES = new Map<string, (age: number) => boolean>([
  ["under-13", (age) => age < 13],
  ["aged-16-17", (age) => age >= 16 && age < 18],
  ["adult-safeguarding", (age) => age >= 18],
]);
// "Not what you asked?": the next two topics.
const ALTERNATIVES_SHOWN = 2;

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

// A typo in a word of six letters or more is still the word ("sextng"); shorter words and prefixes
// are not evidence that an entry is about the question ("pari" of "paris" is not "parity").
const TYPO_FROM_LETTERS = 6;

/** How many of the question's words an entry really has: the word or its stem, or the word with one typo. */
function coveredWords(words: readonly string[][], entryTerms: readonly string[]): number {
  return words.filter((terms) =>
    terms.some((term) => entryTerms.includes(term) || (term.length >= TYPO_FROM_LETTERS && entryTerms.some((entryTerm) => Math.abs(entryTerm.length - term.length) <= 1 && distance(entryTerm, term) <= 1))),
  ).length;
}

/** Entries in their first order, each once. */
function distinct(entries: readonly GuidanceEntry[]): GuidanceEntry[] {
  return entries.filter((entry, position) => entries.findIndex((other) => other.id === entry.id) === position);
}

export type AnswererContent = {
  readonly guidance: readonly GuidanceEntry[];
  readonly areas: Areas;
  /** The reviewed danger words (content/danger-words.yaml), read before any topic. */
  readonly dangerWords: DangerWords;
  /** The second reader for danger (content/urgency-model.json); without it, the danger words alone. */
  readonly urgencyModel?: UrgencyModel | undefined;
  /** The second reader for topics (content/topic-model.json); without it, the word ranker alone. */
  readonly topicModel?: TopicModel | undefined;
};

/**
 * The urgent card's reason when the model, not a listed phrase, read the message as urgent. It says
 * what the product knows: the words as a whole, no named crime, so no police step beyond the 999 line.
 */
export const MODEL_REASON: UrgentReason = { means: MODEL_REASON_MEANS, police: "none", images: false, advice: [] };

export function createQuestionAnswerer({ guidance, areas, dangerWords, urgencyModel, topicModel }: AnswererContent): QuestionAnswerer {
  // Built at the first question, not at start-up (issue 12): /healthz and most cards need none of it.
  let built: ReturnType<typeof buildIndex> | undefined;
  const index = { search: (...args: Parameters<ReturnType<typeof buildIndex>["search"]>) => (built ??= buildIndex(guidance)).search(...args) };
  const danger = createDangerFinder(dangerWords);
  const known = new Set(guidance.flatMap((entry) => [entry.title, ...entry.keywords, entry.body]).flatMap((text) => tokenize(text)).flatMap((token) => processTerm(token) ?? []));
  const { bestMatch: BEST_MATCH, nearTopics: NEAR_TOPICS } = searchOptions(known);
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

  // Which entries have each word (or stem) in their title or keywords; its keys are the topic vocabulary.
  const titleTermOwners = new Map<string, string[]>();
  for (const entry of guidance) {
    for (const term of new Set([entry.title, ...entry.keywords].flatMap((text) => tokenize(text)).flatMap((token) => processTerm(token) ?? []))) {
      titleTermOwners.set(term, [...(titleTermOwners.get(term) ?? []), entry.id]);
    }
  }
  const topicVocabulary = [...titleTermOwners.keys()];

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

  /** The word ranker's reading of a question: a keyword said word for word, and the entries by score, best first. */
  type RankerReading = { readonly exact: GuidanceEntry | undefined; readonly ranked: readonly string[] } | undefined;

  /**
   * Entries by how well they answer the question, best first; undefined when the question has no
   * topic words at all, or when no entry covers enough of them ("my car broke down"). Scores are
   * shares of the best, with a bonus for an entry that has the question's words in its title or
   * keywords ("below category 1" is Phoenix, though other entries mention category 1 more).
   */
  function readByRanker(question: string): RankerReading {
    // A question that is, word for word, one of an entry's keywords ("child in care") is that entry.
    const exact = keywordEntry(asPhrase(question));
    const words = topicWords(question);
    // No word of an entry's title or keywords in the question: nothing to answer ("printer not working").
    if (exact === undefined && coveredWords(words, topicVocabulary) === 0) return undefined;
    // An entry counts only with one of the question's words itself, not only a prefix or a far typo of one.
    const results = index.search(question, BEST_MATCH).filter((result) => coveredWords(words, result.terms) > 0);
    const top = results[0]?.score ?? 1;
    // A word of the question in an entry's title or keywords says what the question is about (a
    // bonus), the more so the fewer entries have it ("MASE" in three, "child" in twenty).
    const named = new Map<string, number>();
    for (const terms of words) {
      const owners = new Set(terms.flatMap((term) => titleTermOwners.get(term) ?? []));
      for (const id of owners) named.set(id, (named.get(id) ?? 0) + 1 / owners.size);
    }
    const score = (result: (typeof results)[number]) => {
      const share = named.get(String(result.id));
      return result.score / top + (share === undefined ? 0 : ON_TOPIC_BONUS + NAMED_WEIGHT * share);
    };
    return { exact, ranked: results.sort((a, b) => score(b) - score(a)).map((result) => String(result.id)) };
  }

  /**
   * Topics, best first: the ranker's order, with `lead` (a danger word's entry) put first in it,
   * blended with the topic model's reading. A keyword said word for word stays first.
   */
  function rankedTopics(question: string, reading: RankerReading, lead?: string): GuidanceEntry[] {
    if (reading === undefined) return entriesOf(lead === undefined ? [] : [lead]);
    const { exact } = reading;
    const ranked = [...new Set([...(exact === undefined ? [] : [exact.id]), ...(lead === undefined ? [] : [lead]), ...reading.ranked])];
    return entriesOf(topicModel === undefined || exact !== undefined ? ranked : blendTopics(topicModel, question, ranked));
  }

  function nearest(question: string): GuidanceEntry[] {
    const found = index.search(question, NEAR_TOPICS).map((result) => String(result.id));
    return entriesOf([...new Set([...found, ...DEFAULT_SUGGESTIONS])]).slice(0, NEAREST_SHOWN);
  }

  /** Entries about another age group than the child's are not offered ("Children under 13" for a 15-year-old). */
  function fitsAge(age: number | undefined) {
    return (entry: GuidanceEntry) => age === undefined || !AGE_BOUND_ENTRIES.has(entry.id) || AGE_BOUND_ENTRIES.get(entry.id)!(age);
  }

  /**
   * `urgent`: the danger is now, so the contacts are those open now, whatever time words the
   * message holds ("she was raped tonight" at 03:00 is not a question about 21:00).
   */
  function contextOf(question: string, age: number | undefined, now: Date, urgent = false): MessageContext {
    const { areaId, notCovered } = areaIn(question, areas);
    return { ...(areaId === undefined ? {} : { areaId }), ...(notCovered === undefined ? {} : { notCovered }), ...(age === undefined ? {} : { age }), time: readAskedTime(urgent ? "" : question, now) };
  }

  function answer(text: string, now: Date): QuestionAnswer {
    const question = text.slice(0, MAX_QUESTION_CHARACTERS);
    const age = childAgeOf(agesIn(question));
    // 1. Danger first: before any topic, and whatever else the message asks. Danger is read in the
    // whole message (to a bound): the fact that matters may be at the end of a long case note.
    const whole = text.slice(0, MAX_DANGER_CHARACTERS);
    const wholeAges = agesIn(whole);
    const found = danger.find(whole, { ages: wholeAges });
    const matches = found.filter((match) => match.needsMet);
    const reading = readByRanker(question);
    const topics = rankedTopics(question, reading);
    // The urgent card speaks of a child: a message whose only age is 18 or over gets the adult
    // route through its age rule instead (DOMAIN.md §4: adult).
    const adultOnly = (childAgeOf(wholeAges) ?? 0) >= ADULT_AGE && !NAMES_A_CHILD.test(question.toLowerCase());
    const generalQuestion = isGeneralQuestion(question);
    if (matches.length > 0 && !adultOnly && !generalQuestion) {
      const { entry: first } = matches[0]!;
      const dangerTopic = byId.get(age !== undefined && age < 13 && first.guidanceUnder13 !== undefined ? first.guidanceUnder13 : first.guidance);
      // The danger word's entry leads the ranker's order and is blended with the topic model like
      // any other: a listed phrase says the message is urgent, but the message as a whole says
      // better what it is about ("he gives her money and lifts" on top of "had sex with a 14 year
      // old"). Chosen by cross-validation on the training sets (scripts/cross-validate-models.ts).
      const blended = topicModel !== undefined && dangerTopic !== undefined ? rankedTopics(question, reading, dangerTopic.id).filter(fitsAge(age)) : [];
      const topic = blended[0] ?? dangerTopic ?? topics[0] ?? byId.get("immediate-danger");
      if (topic !== undefined) {
        const reasons = matches.map(({ entry: { means, police, images, advice } }) => ({ means, police, images, advice }));
        // Read next: with the model, the blended order, then the other danger words' entries;
        // without it, the other danger words' entries, then the topic's own related entries (chosen
        // by hand for what to do next), then the topics the words point to.
        const next = blended.length > 0 ? [...blended, ...entriesOf(matches.map((match) => match.entry.guidance))] : [...entriesOf(matches.map((match) => match.entry.guidance)), ...topics.slice(0, 1), ...entriesOf(topic.related), ...topics];
        const alternatives = distinct(next.filter(fitsAge(age))).filter((entry) => entry.id !== topic.id);
        return { kind: "urgent", reasons, topic, alternatives: alternatives.slice(0, ALTERNATIVES_SHOWN), context: contextOf(question, age, now, true) };
      }
    }
    // 1b. No listed words, but the message as a whole reads as urgent to the model trained on
    // practitioners' messages (urgency-model.ts): the urgent card, with the best topic.
    if (urgencyModel !== undefined && !adultOnly && !generalQuestion && urgencyOf(urgencyModel, whole) >= urgencyModel.threshold) {
      const topic = topics.filter(fitsAge(age))[0] ?? byId.get("immediate-danger");
      if (topic !== undefined) {
        const alternatives = distinct([...entriesOf(topic.related), ...topics].filter(fitsAge(age))).filter((entry) => entry.id !== topic.id);
        return { kind: "urgent", reasons: [MODEL_REASON], topic, alternatives: alternatives.slice(0, ALTERNATIVES_SHOWN), context: contextOf(question, age, now, true) };
      }
    }
    // 2. A question for an area's contacts.
    const contact = parseContactQuestion(question, areas, now);
    if (contact?.kind === "contacts") return contact;
    if (contact?.kind === "contacts-no-area") return { kind: "ask-area" };
    if (contact?.kind === "contacts-not-covered") return { kind: "not-covered", place: contact.place };
    // 3. The topic, with the runners-up. A message with a danger word that is not urgent (a general
    // question, or "had sex" with no age or adult given) still gets that word's entry, never "no answer".
    const [entry, ...rest] = distinct([...topics, ...entriesOf(found.map((match) => match.entry.guidance))].filter(fitsAge(age)));
    if (entry === undefined) return { kind: "no-match", nearest: nearest(question) };
    return { kind: "guidance", entry, related: entriesOf(entry.related).slice(0, RELATED_SHOWN), alternatives: rest.slice(0, ALTERNATIVES_SHOWN), context: contextOf(question, age, now) };
  }

  function candidates(text: string): string[] {
    return index.search(text.slice(0, MAX_QUESTION_CHARACTERS), BEST_MATCH).map((result) => String(result.id));
  }

  return { answer, candidates };
}
