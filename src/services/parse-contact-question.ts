// Recognises "who do I call in Sutton at 9pm?" in free text: which area, and at what London time
// the contacts should be judged open (DOMAIN.md §6: hours are Europe/London; the day and time are
// read by read-asked-time.ts). Pure: `now` is an argument, so the same question gives the same
// answer in a test at any instant.
import { distance } from "fastest-levenshtein";
import type { Areas } from "../content/load-areas.ts";
import { PLACES_NOT_COVERED } from "./places-not-covered.ts";
import { readAskedTime } from "./read-asked-time.ts";

export type ContactQuestion =
  /**
   * `timeNamed`: the question named a day or time, so "open" means open then, not now.
   * `unreadable`: it named one that could not be read, said to the user; `at` is then now.
   */
  | { readonly kind: "contacts"; readonly areaId: string; readonly at: Date; readonly atDescribed: string; readonly timeNamed: boolean; readonly unreadable?: string }
  /** A contact question naming no known area: the caller asks which area. */
  | { readonly kind: "contacts-no-area" }
  /** A contact question naming a place this tool has no area for ("Croydon"). */
  | { readonly kind: "contacts-not-covered"; readonly place: string };

// Wording that is a request for contacts whether or not an area is named.
const ASKS_FOR_CONTACTS = [
  /\bwho (?:do|should|can|could|would|shall|must) (?:i|we|you) (?:call|contact|ring|phone|e-?mail)\b/,
  /\bwho to (?:call|contact|ring|phone|e-?mail)\b/,
  /\bhow (?:do|can|should) (?:i|we) (?:contact|reach|call|ring|phone|e-?mail)\b/,
  /\bcontacts? (?:for|in|at)\b/,
  /\b(?:phone |telephone |contact )?numbers? (?:for|in|at)\b/,
  /\bwho(?:'s| is) on call\b/,
  /\b(?:contact details|phone numbers?|telephone numbers?|e-?mail address(?:es)?)\b/,
];
// Once an area is named, a bare word is enough: "Sutton MASH number", "Lambeth contacts".
// Left out: singular "contact" ("contact with older men in Lambeth" describes a child) and "call"
// ("what does Lambeth call category 2" asks for a local name).
const MENTIONS_CONTACTING = /\b(?:contacts|numbers?|phone|ring|e-?mail)\b/;
// With a place we do not cover, naming its front door is a contact question too ("Bromley MASH").
const FRONT_DOOR_WORDS = /\b(?:mash|spa|front door|social care)\b/;

/** Lower case, curly quotes straightened, so the patterns can stay simple. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function mentions(text: string, phrase: string): number {
  const match = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, "u").exec(text);
  return match === null ? -1 : match.index;
}

// "other" is an everyday word; that area is found by its name, "Another area".
const IDS_NOT_MATCHED_ALONE = new Set(["other"]);

// A typo of an area's name is forgiven in a word of 5 letters or more: one edit ("kingstone",
// "suton"), two from 9 letters. Shorter words are left alone: one edit turns them into other words.
function misspeltArea(text: string, areas: Areas): string | undefined {
  const words = text.split(/[^\p{L}]+/u).filter((word) => word.length >= 5);
  for (const area of areas.values()) {
    if (IDS_NOT_MATCHED_ALONE.has(area.id)) continue;
    const names = [area.id, ...area.name.toLowerCase().split(/\s+/).filter((word) => word.length >= 5 && word !== "thames")];
    const allowed = (name: string) => (name.length >= 9 ? 2 : 1);
    if (words.some((word) => names.some((name) => distance(word, name) <= allowed(name)))) return area.id;
  }
  return undefined;
}

/** A place with no area file, named in the text, as written in the list. */
function placeNotCovered(text: string): string | undefined {
  return PLACES_NOT_COVERED.find((place) => mentions(text, place.toLowerCase()) >= 0);
}

/** The area named first in the text, by id or full name. */
function namedArea(text: string, areas: Areas): string | undefined {
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

export function parseContactQuestion(text: string, areas: Areas, now: Date): ContactQuestion | undefined {
  const question = normalise(text);
  const asks = ASKS_FOR_CONTACTS.some((pattern) => pattern.test(question));
  const contacting = asks || MENTIONS_CONTACTING.test(question) || FRONT_DOOR_WORDS.test(question);
  const areaId = namedArea(question, areas) ?? (contacting ? misspeltArea(question, areas) : undefined);
  if (areaId === undefined) {
    const place = contacting ? placeNotCovered(question) : undefined;
    if (place !== undefined) return { kind: "contacts-not-covered", place };
    return asks ? { kind: "contacts-no-area" } : undefined;
  }
  if (!asks && !MENTIONS_CONTACTING.test(question)) return undefined;
  const { at, described, timeNamed, unreadable } = readAskedTime(question, now);
  return { kind: "contacts", areaId, at, atDescribed: described, timeNamed, ...(unreadable === undefined ? {} : { unreadable }) };
}
