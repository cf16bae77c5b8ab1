// Danger first (DESIGN.md "Questions"): reads a message against the reviewed danger words
// (content/danger-words.yaml) before any topic search. Pure: the words are compiled once, and
// `find` is a function of the text and the ages read from it.
import { distance } from "fastest-levenshtein";
import type { DangerEntry, DangerWords, NeedId } from "../domain/danger-words.ts";

/** A message as the danger words see it: lower case, apostrophes dropped, words of letters, digits and £. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, "")
    .split(/[^\p{L}\p{N}£]+/u)
    .filter((word) => word !== "");
}

type Word = { readonly text: string; readonly prefix: boolean } | "gap";
type Phrase = readonly Word[];

// ".." stands for up to four words in between ("showing a 7 year old porn" is "showing .. porn").
const GAP_WORDS = 4;
// A word of eight letters or more also matches with one typo ("assulted"); shorter words are
// another word after one edit ("missing" and "kissing"), so their misspellings are listed.
const TYPO_FROM_LETTERS = 8;

function compile(phrase: string): Phrase {
  return phrase.split(" ").map((word) => (word === ".." ? "gap" : word.endsWith("*") ? { text: word.slice(0, -1), prefix: true } : { text: word, prefix: false }));
}

function wordMatches(token: string, word: Exclude<Word, "gap">): boolean {
  if (word.prefix) return token.startsWith(word.text);
  if (token === word.text) return true;
  return word.text.length >= TYPO_FROM_LETTERS && Math.abs(token.length - word.text.length) <= 1 && distance(token, word.text) <= 1;
}

/** The index after the phrase when it matches at `start`, else -1. */
function matchAt(tokens: readonly string[], start: number, phrase: Phrase, at = 0): number {
  if (at === phrase.length) return start;
  const word = phrase[at]!;
  if (word === "gap") {
    for (let skip = 0; skip <= GAP_WORDS && start + skip <= tokens.length; skip += 1) {
      const end = matchAt(tokens, start + skip, phrase, at + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  return start < tokens.length && wordMatches(tokens[start]!, word) ? matchAt(tokens, start + 1, phrase, at + 1) : -1;
}

type Span = { readonly start: number; readonly end: number };

/**
 * A list of phrases, looked up by their first word: a phrase whose first word is a plain word is
 * tried only where the message has that word; the rest (a prefix, or a word long enough for a
 * typo) are tried everywhere. A story of 500 characters against a thousand phrases stays cheap.
 */
type PhraseList = { readonly byFirstWord: ReadonlyMap<string, readonly Phrase[]>; readonly everywhere: readonly Phrase[] };

function listOf(phrases: readonly Phrase[]): PhraseList {
  const byFirstWord = new Map<string, Phrase[]>();
  const everywhere: Phrase[] = [];
  for (const phrase of phrases) {
    const first = phrase[0];
    if (first === undefined || first === "gap" || first.prefix || first.text.length >= TYPO_FROM_LETTERS) everywhere.push(phrase);
    else byFirstWord.set(first.text, [...(byFirstWord.get(first.text) ?? []), phrase]);
  }
  return { byFirstWord, everywhere };
}

function spansOf(tokens: readonly string[], { byFirstWord, everywhere }: PhraseList): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start < tokens.length; start += 1) {
    for (const phrase of [...(byFirstWord.get(tokens[start]!) ?? []), ...everywhere]) {
      const end = matchAt(tokens, start, phrase);
      if (end > start) spans.push({ start, end });
    }
  }
  return spans;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
// "never came home" holds "came home": words that say "not now" count only when no longer phrase holds them.
const holds = (span: Span, other: Span) => span.start <= other.start && other.end <= span.end && span.end - span.start > other.end - other.start;
const gapBetween = (a: Span, b: Span) => Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));

// Two or more years between a 16- or 17-year-old and an adult is "much older" for these words.
const NEAR_PEER_YEARS = 2;
// "Much older" by the ages a message gives: 15 and 18 is a near-peer couple; 13 and 24, or 15 and 20, is not.
const MUCH_OLDER_YEARS = 5;

/** What the caller read from the message: every age in years it gives ("a 15 year old and a 22 year old"). */
export type MessageFacts = { readonly ages: readonly number[] };

export type DangerMatch = {
  readonly entry: DangerEntry;
  /**
   * False when the entry's phrase is there but not what it `needs` ("had sex" with no age under 16
   * and no adult): not urgent, but the message is still about the entry's topic.
   */
  readonly needsMet: boolean;
};

// School years 7-10 are ages 11-15 (year 11 turns 16 during the year).
const UNDER_16_PHRASES = ["under 16", "under sixteen", "underage", "under age", "year 7", "year 8", "year 9", "year 10", "yr 7", "yr 8", "yr 9", "yr 10", "y7", "y8", "y9", "y10", "primary school"];
const UNDER_16_WORDS = listOf(UNDER_16_PHRASES.map(compile));

// A pupil or young person of any school age, for an adult who works with children (DOMAIN.md §5, positions of trust).
const UNDER_18_WORDS = listOf([...UNDER_16_PHRASES, "student", "pupil", "year 11", "year 12", "year 13", "yr 11", "yr 12", "yr 13", "y11", "y12", "y13", "sixth form*", "young person", "yp", "child", "girl", "boy", "teenager", "teen"].map(compile));

const UNDER_13_WORDS = listOf(["under 13", "under thirteen", "year 1", "year 2", "year 3", "year 4", "year 5", "year 6", "yr 5", "yr 6", "y5", "y6", "primary school", "reception class", "nursery"].map(compile));

export type DangerFinder = { find(text: string, facts: MessageFacts): DangerMatch[] };

export function createDangerFinder(words: DangerWords): DangerFinder {
  const compiled = (phrases: readonly string[]) => listOf(phrases.map(compile));
  const groups = new Map<NeedId, PhraseList>([
    ["adult", compiled(words.groups.adult)],
    ["family", compiled(words.groups.family)],
    ["threat", compiled(words.groups.threat)],
    ["coercion", compiled(words.groups.coercion)],
    ["exchange", compiled(words.groups.exchange)],
    ["images", compiled(words.groups.images)],
    ["staff", compiled(words.groups.staff)],
    ["child-under-16", UNDER_16_WORDS],
    ["child-under-13", UNDER_13_WORDS],
    ["child-under-18", UNDER_18_WORDS],
  ]);
  const entries = words.entries.map((entry) => ({ entry, phrases: compiled(entry.phrases), except: compiled(entry.except ?? []), unless: compiled(entry.unless ?? []) }));

  /** Where a need is met in the message: spans of its words, or "anywhere" when the ages say so. */
  function needMet(need: NeedId, groupSpans: (need: NeedId) => readonly Span[], facts: MessageFacts, near: Span, within: number | undefined): boolean {
    if (need === "child-under-16" && facts.ages.some((age) => age < 16)) return true;
    if (need === "child-under-13" && facts.ages.some((age) => age < 13)) return true;
    if (need === "child-under-18" && facts.ages.some((age) => age < 18)) return true;
    // Ages only: an adult at least MUCH_OLDER_YEARS older than a child under 16 in the same message ("she's 13, he's 24").
    if (need === "much-older") return facts.ages.some((child) => child < 16 && facts.ages.some((adult) => adult >= 18 && adult - child >= MUCH_OLDER_YEARS));
    // An age of 18 or more is an adult in the story, unless the child is 16 or 17 and it is a
    // near-peer (17 and 18): DOMAIN.md §3 speaks of "an adult or much older person".
    if (need === "adult" && facts.ages.some((age) => age >= 18 && facts.ages.every((other) => other >= 18 || other < 16 || age - other >= NEAR_PEER_YEARS))) return true;
    return groupSpans(need).some((span) => within === undefined || gapBetween(span, near) <= within);
  }

  function find(text: string, facts: MessageFacts): DangerMatch[] {
    const tokens = wordsOf(text);
    const found: DangerMatch[] = [];
    // Each group's words are looked for once per message, when an entry first needs them.
    const seen = new Map<NeedId, readonly Span[]>();
    const groupSpans = (need: NeedId): readonly Span[] => {
      const group = groups.get(need);
      if (!seen.has(need)) seen.set(need, group === undefined ? [] : spansOf(tokens, group));
      return seen.get(need)!;
    };
    for (const { entry, phrases, except, unless } of entries) {
      const matched = spansOf(tokens, phrases);
      // Most entries have no phrase in a message: only those that do are read further.
      if (matched.length === 0) continue;
      const excepted = spansOf(tokens, except);
      const spans = matched.filter((span) => !excepted.some((other) => overlaps(span, other)));
      if (spans.length === 0) continue;
      const notNow = spansOf(tokens, unless).some((other) => !spans.some((span) => holds(span, other)));
      const meets = (needs: readonly NeedId[] | undefined, candidate: Span) => needs === undefined || needs.some((need) => needMet(need, groupSpans, facts, candidate, entry.within));
      const met = notNow ? undefined : spans.find((candidate) => meets(entry.needs, candidate) && meets(entry.alsoNeeds, candidate));
      found.push({ entry, needsMet: met !== undefined });
    }
    return found;
  }

  return { find };
}

// A question about a word, not about a child: "what is sextortion", "signs of grooming", "is
// sexting illegal". With nothing in it about a real child, it gets the topic, not the urgent card.
const GENERAL_OPENINGS = [
  /^(?:what|whats|wat|wot) (?:is|are|does|do|counts|exactly|if anything|would)\b/,
  /^(?:define|definition|meaning|explain|describe|tell me about|info|information|guidance|advice) (?:of|on|about|for)?\b/,
  /^(?:can|could) you (?:explain|tell me|define|describe)\b/,
  /^(?:signs|indicators|symptoms|warning signs) of\b/,
  /^how (?:do|can|would|should) (?:i|we|you|staff|teachers|schools) (?:spot|recognise|recognize|know|tell|identify|notice|teach|explain|talk about)\b/,
  /^how to (?:spot|recognise|recognize|identify|notice|teach)\b/,
  /^(?:is|are|does|do|can|could) (?:it|a|an|sexting|sharing|sending|having|being|boys|girls|children|kids|young people|someone|people|you|they)\b/,
  /^difference between\b/,
];
// Words that put a real child, a time or an event in the message: then it is a story, not a definition.
const STORY_WORDS = /\b(?:she|shes|he|hes|her|him|his|hers|my|our daughter|our son|yo|year old|years old|yr old|told me|last night|tonight|today|yesterday|this morning|right now|happened|has been|was|been)\b/;

// A question about the rules, asked of no one child: "is it still a crime if a 12 year old…",
// "what should our school policy say…". General wherever it is said, unless the message also tells
// of something that happened.
const GENERAL_ANYWHERE = [
  /\bis it (?:still |even |actually )?(?:a crime|illegal|legal|an offence|against the law)\b/,
  /\b(?:general|hypothetical|generic) (?:question|query)\b/,
  /\bin general\b/,
  /\b(?:warning )?signs? (?:of|to look for)\b|\bwarning signs\b/,
  /\b(?:school|our|the) polic(?:y|ies)\b/,
  /\bwhat does (?:it|that|this|\S+) (?:actually |really )?mean\b/,
  /\b(?:same|different) (?:as|from|thing)\b/,
  /\bsomeone (?:said|mentioned|asked)\b/,
  /\b(?:governor|governors|parent|parents|staff|colleague|colleagues) asked\b/,
  /^(?:how many|how often|how long|why do|why does|why is|why are|does|do)\b/,
  /^is it (?:still |even )?(?:\w+ )?(?:abuse|rape|assault|exploitation|cse|cce|grooming|sextortion|trafficking)\b/,
  // "if a young person tells me…", "what should I do if a child ever says…": a question asked ahead,
  // unless the message also tells of a real child ("…she's 8", "…he still lives with them").
  /\bif (?:a|an|the|one of my|my|someone|they)? ?(?:child|children|young person|young people|pupil|student|kid|patient|someone|they)\b.{0,40}\b(?:tells?|says?|discloses?|told|ever)\b/,
];
// The whole message is imagined, said so: general whatever else it says ("hypothetically, if a
// pupil told me she was raped last night…").
const GENERAL_IMAGINED = [
  /\b(?:general|hypothetical|generic) (?:question|query|q)\b/,
  /\bdifference between\b/,
  /\bever (?:tells?|says?|discloses?)\b|\basking so\b|\bin case\b|\bto be prepared\b|\bwant to be ready\b/,
  /\b(?:hypothetically|hypothetical|scenario|model answer|for a story|training video|case study|role play)\b/,
  /\bwhat does (?:it|that|this|the word|the term) (?:actually |really |even )?mean\b/, /\bsomeone (?:said|mentioned|used the word)\b/,
];
// A setting that makes a question general (teaching, the law, a policy, a case already dealt with),
// unless the message also tells of something that happened: "after the assembly a pupil told me
// she was raped last night" is a disclosure, whatever the assembly was about.
const GENERAL_SETTINGS = [
  /\b(?:(?:plan|planning|teach|teaching|deliver|delivering|for) (?:a |our )?(?:pshe )?lessons?|pshe|(?:staff|safeguarding|teacher|new starter|our) training|training (?:for|session|question|slide|q)|induction|talking points|stats|statistics|an assembly|a presentation|new starters)\b/,
  /\b(?:teaching|cpd|tutor time|team|away|e safety) (?:session|day|week)\b|\b(?:training|cpd|teaching) (?:on|about)\b|\b(?:training|presentation|powerpoint) slides?\b|\bslides? (?:for|on) (?:a|an|our|the|my)\b/,
  /\b(?:poster campaign|leaflet|parent workshop|parents workshop|briefing|exam q|exam question|portfolio|my level 3|for my level|assembly talk|parents evening talk|reading around|for my learning)\b/,
  /\b(?:whats|what is) the law\b|\bthe law on\b|\bin law\b|\bwhat sentence\b|\bget a record\b|^at what point\b|^what happens (?:to|if)\b/,
  /\b(?:a|our|the|school|hotel) polic(?:y|ies)\b|\bprocedure\b|\bhandbook\b|\bfor (?:an?|our|the) audit\b|\bauditing\b|\baudit q(?:uestion)?\b/,
  /^(?:can|could|is|are|does|do|would) .*\b(?:legally|legal|the law|illegal|an offence|a crime)\b/,
  // A case already dealt with: closed, investigated, referred at the time, from last year.
  /\b(?:case|file|referral|s47|investigation|it) (?:was |is |got )?closed\b|\bclosed (?:case|now|nfa)\b|\b(?:fully investigated|referred at the time|historic question|old case|last years? (?:case|incident)|case from last year)\b/,
];
// Words that tell of a real child now or of something said or done: a setting gives way to them.
// Narrower than TELLS_OF_EVENTS: "the signs a child is being trafficked" is still a training question.
const TELLS_OF_NOW = /\b(?:(?:shes|hes|she is|he is) \d{1,2}|told me|tells me|said|disclosed|showed me|today|tonight|last night|yesterday|this morning|right now|just now|happened)\b/;
// Words that tell of something that happened to a real child: then it is a story, whatever else it asks.
const TELLS_OF_EVENTS = /\b(?:(?:shes|hes|she is|he is) \d{1,2}|still lives|lives with (?:them|her|him)|told me|says|said|disclosed|showed me|found|today|tonight|last night|yesterday|this morning|right now|just now|happened|has been|have been|is being|was being)\b/;

/** True when the message asks about a word or a rule and tells of no real child or event. */
export function isGeneralQuestion(text: string): boolean {
  const words = wordsOf(text).join(" ");
  const opening = words.replace(/^(?:hi|hello|hiya|hey|please|pls|quick question|question|sorry|so|ok|okay)\s+/, "");
  if (GENERAL_IMAGINED.some((pattern) => pattern.test(opening))) return true;
  if (GENERAL_OPENINGS.some((pattern) => pattern.test(opening)) && !STORY_WORDS.test(opening)) return true;
  if (GENERAL_SETTINGS.some((pattern) => pattern.test(opening)) && !TELLS_OF_NOW.test(opening)) return true;
  return GENERAL_ANYWHERE.some((pattern) => pattern.test(opening)) && !TELLS_OF_EVENTS.test(opening);
}
