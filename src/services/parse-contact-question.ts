// Recognises "who do I call in Sutton at 9pm?" in free text: which area, and at what London time
// the contacts should be judged open (DOMAIN.md §6: hours are Europe/London; the day and time are
// read by read-asked-time.ts). Pure: `now` is an argument, so the same question gives the same
// answer in a test at any instant.
import type { Areas } from "../content/load-areas.ts";
import { misspeltArea, namedArea, placeNotCovered } from "./read-message-facts.ts";
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
  /\bwho(?:'s| is| are) (?:open|on|available|answering)\b/,
  /\b(?:is|are) (?:anyone|anybody|they|it|the \w+) (?:open|on call|answering)\b/,
];
// With an area named, asking what to do when the front door is closed is a question for the
// area's contacts, with the night route first (DOMAIN.md §6): "what do I do out of hours in Sutton".
const OUT_OF_HOURS_WORDS = /\b(?:out[- ]of[- ]hours|after hours|at night|overnight|tonight|at the weekend|on a weekend|bank holiday|open)\b/;
// Once an area is named, a bare word is enough: "Sutton MASH number", "Lambeth contacts".
// Left out: singular "contact" ("contact with older men in Lambeth" describes a child) and "call"
// ("what does Lambeth call category 2" asks for a local name).
const MENTIONS_CONTACTING = /\b(?:contacts|numbers?|phone|ring|e-?mail|duty team|duty line)\b/;
// With a place we do not cover, naming its front door is a contact question too ("Bromley MASH").
const FRONT_DOOR_WORDS = /\b(?:mash|spa|front door|social care|duty team)\b/;
// A bare "contact" is a request only beside the front door's name ("Lewisham MASH contact").
const CONTACT_BESIDE_FRONT_DOOR = /\b(?:mash|spa|front door|duty team)\W+contact\b|\bcontact\W+(?:for )?(?:the )?(?:mash|spa|front door)\b/;


/** Lower case, curly quotes straightened, so the patterns can stay simple. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");
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
  const closedHours = OUT_OF_HOURS_WORDS.test(question) && /\bwhat (?:do|should|can) (?:i|we) do\b|\bwho\b|\b(?:mash|spa|front door|duty)\b/.test(question);
  if (!asks && !MENTIONS_CONTACTING.test(question) && !CONTACT_BESIDE_FRONT_DOOR.test(question) && !closedHours) return undefined;
  const { at, described, timeNamed, unreadable } = readAskedTime(question, now);
  return { kind: "contacts", areaId, at, atDescribed: described, timeNamed, ...(unreadable === undefined ? {} : { unreadable }) };
}
