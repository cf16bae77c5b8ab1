// Recognises "who do I call in Sutton at 9pm?" in free text: which area, and at what London time
// the contacts should be judged open (DOMAIN.md §6: hours are Europe/London). Pure: `now` is an
// argument, so the same question gives the same answer in a test at any instant.
import { DateTime } from "luxon";
import { distance } from "fastest-levenshtein";
import type { Areas } from "../content/load-areas.ts";
import { PLACES_NOT_COVERED } from "./places-not-covered.ts";

export type ContactQuestion =
  /** `timeNamed`: the question named a day or time, so "open" means open then, not now. */
  | { readonly kind: "contacts"; readonly areaId: string; readonly at: Date; readonly atDescribed: string; readonly timeNamed: boolean }
  /** A contact question naming no known area: the caller asks which area. */
  | { readonly kind: "contacts-no-area" }
  /** A contact question naming a place this tool has no area for ("Croydon"). */
  | { readonly kind: "contacts-not-covered"; readonly place: string };

const LONDON = "Europe/London";

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

// Named parts of the day, as a practitioner would mean them; "night" covers tonight and overnight
// because the question is which out-of-hours line answers.
const NAMED_TIMES: readonly (readonly [RegExp, number, number])[] = [
  [/\b(?:to|over)?night\b|\bout of hours\b/, 21, 0],
  [/\b(?:this|in the) evening\b/, 19, 0],
  [/\b(?:this|in the) morning\b/, 9, 0],
  [/\b(?:this|in the) afternoon\b/, 14, 0],
  [/\b(?:midday|noon|lunchtime)\b/, 12, 0],
];

// Monday first, as luxon numbers weekdays (1-7).
const WEEKDAY_PATTERNS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map(
  (day) => new RegExp(`\\b${day}s?\\b`),
);
// A day without a time of day is judged at midday, when day lines are normally open.
const DAY_DEFAULT_HOUR = 12;

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

type ClockTime = { hour: number; minute: number; withMeridiem: boolean };

/** A clock time in the text: "9pm", "9.30 pm", "21:00", "at 9"; undefined when none is valid. */
function clockTime(text: string): ClockTime | undefined {
  const twelveHour = /\b(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.?m\b\.?/.exec(text);
  if (twelveHour !== null) {
    const hour = Number(twelveHour[1]);
    const minute = Number(twelveHour[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    return { hour: (hour % 12) + (twelveHour[3] === "p" ? 12 : 0), minute, withMeridiem: true };
  }
  const twentyFourHour = /\b(\d{1,2})[:.](\d{2})\b/.exec(text) ?? /\bat (\d{1,2})\b(?![:.]\d)/.exec(text);
  if (twentyFourHour === null) return undefined;
  const hour = Number(twentyFourHour[1]);
  const minute = Number(twentyFourHour[2] ?? 0);
  return hour <= 23 && minute <= 59 ? { hour, minute, withMeridiem: false } : undefined;
}

/** The time of day the text names, by the clock or by a part of the day. */
function timeOfDay(text: string): { hour: number; minute: number } | undefined {
  const named = NAMED_TIMES.find(([pattern]) => pattern.test(text));
  const clock = clockTime(text);
  if (clock === undefined) return named === undefined ? undefined : { hour: named[1], minute: named[2] };
  // A bare "at 9" is read on the 24-hour clock (09:00) unless the part of the day says otherwise
  // ("at 9 tonight" is 21:00); the reply states the time it used, so a misreading shows.
  const later = named !== undefined && named[1] >= 12 && !clock.withMeridiem && clock.hour < 12;
  return { hour: clock.hour + (later ? 12 : 0), minute: clock.minute };
}

/** Days from today (London) to the day the text names, or undefined when it names none. */
function daysAhead(text: string, today: DateTime): number | undefined {
  if (/\btomorrow\b/.test(text)) return 1;
  if (/\bweekend\b/.test(text)) return today.weekday >= 6 ? 0 : 6 - today.weekday;
  const named = WEEKDAY_PATTERNS.findIndex((pattern) => pattern.test(text));
  // The coming such day, today included: "on Saturday", asked on a Saturday, means today.
  return named === -1 ? undefined : (named + 1 - today.weekday + 7) % 7;
}

/** The London moment the question is about; `now` when it names no day or time. */
function momentAskedAbout(text: string, now: Date): { moment: DateTime; timeNamed: boolean } {
  const today = DateTime.fromJSDate(now, { zone: LONDON });
  if (!today.isValid) throw new RangeError("parseContactQuestion: expected a valid Date for now");
  const time = timeOfDay(text);
  const days = daysAhead(text, today);
  if (time === undefined && days === undefined) return { moment: today, timeNamed: false };
  // A time already past today is still today: the question is "which line answers at 9pm".
  const moment = today
    .startOf("day")
    .plus({ days: days ?? 0 })
    .set({ hour: time?.hour ?? DAY_DEFAULT_HOUR, minute: time?.minute ?? 0 });
  return { moment, timeNamed: true };
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
  const { moment, timeNamed } = momentAskedAbout(question, now);
  return {
    kind: "contacts",
    areaId,
    at: moment.toJSDate(),
    atDescribed: moment.setLocale("en-GB").toFormat("HH:mm 'on' cccc d LLLL"),
    timeNamed,
  };
}
