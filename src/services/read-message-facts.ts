// Context in any answer (DESIGN.md "Questions"): the area and the child's age a message gives,
// wherever they are in it, so that whatever the answer is can carry that area's contacts and the
// age's rules. Pure: areas are an argument.
import { distance } from "fastest-levenshtein";
import type { Areas } from "../content/load-areas.ts";
import { PLACES_NOT_COVERED } from "./places-not-covered.ts";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where `phrase` occurs as whole words in lower-case `text`, or -1. */
export function mentions(text: string, phrase: string): number {
  const match = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, "u").exec(text);
  return match === null ? -1 : match.index;
}

// "other" is an everyday word; that area is found by its name, "Another area".
const IDS_NOT_MATCHED_ALONE = new Set(["other"]);

/** The area named first in lower-case text, by id or full name. */
export function namedArea(text: string, areas: Areas): string | undefined {
  let best: { id: string; index: number } | undefined;
  for (const area of areas.values()) {
    const phrases = IDS_NOT_MATCHED_ALONE.has(area.id) ? [area.name] : [area.id, area.name];
    for (const phrase of phrases) {
      const index = mentions(text, phrase.toLowerCase());
      if (index >= 0 && (best === undefined || index < best.index)) best = { id: area.id, index };
    }
  }
  return best?.id;
}

// Everyday words one edit from an area's name: "kingston" and "kingdom" are far apart, but "button"
// is one edit from "sutton" and "lamb" is not a word we match. Never read as an area.
const NOT_AREAS = new Set(["button", "mutton", "buttons", "lambert", "richman", "wavering", "hovering", "covering"]);

// A typo of an area's name is forgiven in a word of 5 letters or more: one edit ("kingstone",
// "suton"), two from 8 letters ("lewsiham"). Shorter words are left alone: one edit turns them into other words.
export function misspeltArea(text: string, areas: Areas): string | undefined {
  const words = text.split(/[^\p{L}]+/u).filter((word) => word.length >= 5 && !NOT_AREAS.has(word));
  for (const area of areas.values()) {
    if (IDS_NOT_MATCHED_ALONE.has(area.id)) continue;
    const names = [area.id, ...area.name.toLowerCase().split(/\s+/).filter((word) => word.length >= 5 && word !== "thames")];
    const allowed = (name: string) => (name.length >= 8 ? 2 : 1);
    if (words.some((word) => names.some((name) => distance(word, name) <= allowed(name)))) return area.id;
  }
  return undefined;
}

/** A place with no area file, named in lower-case text, as written in the list. */
export function placeNotCovered(text: string): string | undefined {
  return PLACES_NOT_COVERED.find((place) => mentions(text, place.toLowerCase()) >= 0);
}

const NUMBER_WORDS = new Map(
  ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"].map((word, index) => [word, index + 1]),
);
const NUMBER = `(\\d{1,2}|${[...NUMBER_WORDS.keys()].join("|")})`;
// "15 year old", "15-year-old", "15yo", "15 y/o", "15yrs", "aged 15", "age 15", "she's 15", "he is only 14".
const AGE_PATTERNS = [
  new RegExp(`\\b${NUMBER} ?(?:-| )?(?:years?|yrs?) ?(?:-| )?old\\b`, "g"),
  new RegExp(`\\b${NUMBER} ?(?:yo|y/o|y\\.o\\.?)(?![\\p{L}\\p{N}])`, "gu"),
  new RegExp(`\\b${NUMBER} ?(?:yrs?|years?)\\b(?! (?:ago|in|since|of|and))`, "g"),
  new RegExp(`\\b(?:aged?|age of|ages) ${NUMBER}\\b`, "g"),
  // "mum of a newborn is 15": only as an age a child or young adult could be, so "the score is 3" is not one.
  /\b(?:is|man's|guy's|he's|boyfriend's) (?:only |just |now |about |around )?(8|9|[1-7]\d)\b(?! ?(?:am|pm|:|\.\d|minutes|mins|hours|times|%|percent|miles|pounds|quid|£))/g,
  // Clinical shorthand: "pt 14", "female 14", "14F", "15M", "16 F".
  /\b(?:pt|patient|female|male|f|m|yp|cyp|child|girl|boy) (\d{1,2})\b(?! ?(?:am|pm|:|\.\d|minutes|mins|hours|times|days|weeks|months|years|%|miles))/g,
  /\b(\d{1,2}) ?[fm]\b/g,
  // "girl (16)", "our yp (15)"
  /\((\d{1,2})\)/g,
  new RegExp(`\\b(?:she|he|they|shes|hes|she's|he's|theyre|they're) (?:is |are |was |were )?(?:only |just |now |about |around )?${NUMBER}\\b(?! ?(?:am|pm|:|\\.\\d|minutes|mins|hours|times))`, "g"),
];

/** Every age in years the message gives, in order: "a 15 year old and a 22 year old" gives 15 and 22. */
export function agesIn(text: string): number[] {
  const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const found: { index: number; age: number }[] = [];
  for (const pattern of AGE_PATTERNS) {
    for (const match of lower.matchAll(pattern)) {
      const raw = match[1] ?? "";
      const age = NUMBER_WORDS.get(raw) ?? Number(raw);
      if (Number.isInteger(age) && age >= 1 && age <= 99 && !found.some((other) => other.index === match.index)) found.push({ index: match.index, age });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ age }) => age);
}

/** The child's age: the youngest under 18 the message gives, else the only age it gives (an adult). */
export function childAgeOf(ages: readonly number[]): number | undefined {
  const children = ages.filter((age) => age < 18);
  if (children.length > 0) return Math.min(...children);
  return ages.length === 1 ? ages[0] : undefined;
}

export type MessageArea = { readonly areaId?: string; readonly notCovered?: string };

/** The area a message names (misspelt too), or a place it names that this tool does not cover. */
export function areaIn(text: string, areas: Areas): MessageArea {
  const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");
  const areaId = namedArea(lower, areas) ?? misspeltArea(lower, areas);
  if (areaId !== undefined) return { areaId };
  const place = placeNotCovered(lower);
  return place === undefined ? {} : { notCovered: place };
}
