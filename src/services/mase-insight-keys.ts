// What MASE insight compares (seed 002, MASE terms of reference: "cross-referencing of
// associates"): the keys under which a referral's people, vehicles, online names and places are
// matched with other referrals'. Each rule is simple enough to say in a sentence to the meeting,
// so a match can be explained and checked; a match is a lead to follow, not proof.
import type { Referral } from "../domain/referral.ts";
import { LINK_REASONS } from "../words/insight-words.ts";

export const LINK_KINDS = ["person", "vehicle", "online-handle", "location"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** One thing a referral mentions: compared by `key`, shown as `value`; `why` says the rule that matched (issue 21, point 7). */
export type Mention = { readonly kind: LinkKind; readonly key: string; readonly value: string; readonly why: string };

// What practitioners write when they do not know; "unknown male" or "not known, about 20" says
// nothing that identifies, so any value that starts with one of these is skipped too.
const PLACEHOLDERS = new Set(["not known", "unknown", "n a", "na", "none", "nil", "no", "tbc", "tbd", "unk", "not sure", "dont know", "do not know", "not given", "no name", "unnamed"]);
const PLACEHOLDER_START = /^(?:not known|unknown|unk|dont know|do not know|no name|unnamed)\b/;

/**
 * Case, accents, spaces and punctuation folded: "O'Brien,  JAY" and "obrien jay" are one.
 * Apostrophes go without a space ("McDonald's" is "mcdonalds"); other punctuation is a space.
 */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en-GB")
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The normalised key, or undefined when the value is empty, a placeholder or a single character. */
function keyOf(text: string): string | undefined {
  const key = normalise(text);
  if (key.length < 2 || PLACEHOLDERS.has(key) || PLACEHOLDER_START.test(key)) return undefined;
  return key;
}

const SAME: Readonly<Record<LinkKind, string>> = { person: LINK_REASONS.person, vehicle: LINK_REASONS.vehicle, "online-handle": LINK_REASONS.onlineHandle, location: LINK_REASONS.location };

const mention = (kind: LinkKind, text: string, key = keyOf(text), why = SAME[kind]): Mention[] => (key === undefined ? [] : [{ kind, key, value: text.trim(), why }]);

// Words that describe where, not which place: "outside McDonald's on Eden Street" is McDonald's, Eden Street.
const PLACE_FILLER = new Set(["the", "a", "an", "on", "in", "at", "near", "outside", "by", "of", "and", "opposite", "behind", "round", "around"]);

/** A place by its words in any order, without filler: "McDonald's, Eden Street" and "Eden Street McDonalds" are one. */
function placeKey(text: string): string | undefined {
  const key = keyOf(text);
  if (key === undefined) return undefined;
  const words = [...new Set(key.split(" ").filter((word) => !PLACE_FILLER.has(word)))].sort();
  return words.length === 0 ? undefined : words.join(" ");
}

// Issue 21, point 7: a car described in other words ("Grey Audi A3, tinted windows, registration
// not known" and "grey Audi A3 with tinted windows") is one car: its colour, make and model.
const COLOURS = new Map([["black", "black"], ["white", "white"], ["grey", "grey"], ["gray", "grey"], ["silver", "silver"], ["red", "red"], ["blue", "blue"], ["navy", "blue"], ["green", "green"], ["yellow", "yellow"], ["orange", "orange"], ["purple", "purple"], ["brown", "brown"], ["gold", "gold"], ["beige", "beige"], ["maroon", "red"], ["pink", "pink"]]);
const MAKES = new Map([
  ["audi", "audi"], ["bmw", "bmw"], ["mercedes", "mercedes"], ["merc", "mercedes"], ["ford", "ford"], ["vauxhall", "vauxhall"], ["volkswagen", "volkswagen"], ["vw", "volkswagen"],
  ["toyota", "toyota"], ["honda", "honda"], ["nissan", "nissan"], ["kia", "kia"], ["hyundai", "hyundai"], ["peugeot", "peugeot"], ["renault", "renault"], ["citroen", "citroen"],
  ["fiat", "fiat"], ["seat", "seat"], ["skoda", "skoda"], ["mini", "mini"], ["range", "range rover"], ["land", "land rover"], ["jaguar", "jaguar"], ["volvo", "volvo"], ["mazda", "mazda"],
  ["lexus", "lexus"], ["tesla", "tesla"], ["suzuki", "suzuki"], ["mitsubishi", "mitsubishi"], ["porsche", "porsche"], ["dacia", "dacia"], ["jeep", "jeep"], ["bentley", "bentley"], ["subaru", "subaru"],
]);
// After the make, these words are not the model: "Audi with tinted windows", "Range Rover".
const NOT_A_MODEL = new Set(["with", "car", "van", "and", "tinted", "windows", "registration", "reg", "rover", "hatchback", "saloon", "estate", "coupe", "convertible", "suv", "not", "no", "old", "new", "partial", "plate"]);

/** "grey audi a3" from a description with a known make; undefined when it names no make. */
function describedVehicleKey(text: string): string | undefined {
  const words = normalise(text).split(" ");
  const at = words.findIndex((word) => MAKES.has(word));
  if (at === -1) return undefined;
  const colour = words.map((word) => COLOURS.get(word)).find((found) => found !== undefined);
  const next = words[at + 1 + (words[at] === "range" || words[at] === "land" ? 1 : 0)];
  const model = next === undefined || NOT_A_MODEL.has(next) || COLOURS.has(next) ? undefined : next;
  return [colour, MAKES.get(words[at]!), model].filter((part) => part !== undefined).join(" ");
}

// A current-style UK registration (since 2001): two letters, two digits, three letters, such as
// "AB12 CDE"; spaces between the groups and case do not matter. Older styles are compared as text.
const REGISTRATION = /(?<![\p{L}\p{N}])([A-Z]{2})\s*(\d{2})\s*([A-Z]{3})(?![\p{L}\p{N}])/giu;

/** Every registration in the text, as "AB12 CDE". */
export function registrationsIn(text: string): string[] {
  return [...text.matchAll(REGISTRATION)].map((match) => `${match[1]}${match[2]} ${match[3]}`.toUpperCase());
}

const byRegistration = (registration: string): Mention => ({ kind: "vehicle", key: registration.replace(" ", ""), value: registration, why: LINK_REASONS.registration });

/** A vehicle by its registrations; one with none by its colour, make and model, else by its whole text. */
function vehicleMentions(text: string): Mention[] {
  const registrations = registrationsIn(text);
  if (registrations.length > 0) return registrations.map(byRegistration);
  const described = describedVehicleKey(text);
  return described === undefined ? mention("vehicle", text) : mention("vehicle", text, `described:${described}`, LINK_REASONS.describedVehicle);
}

// Platform names, so "Snapchat" alone, or "Snapchat: @jay", never links on the platform itself.
const PLATFORMS = new Set([
  "snapchat", "snap", "sc", "instagram", "insta", "ig", "tiktok", "facebook", "fb", "messenger", "whatsapp", "telegram", "signal", "discord",
  "twitter", "x", "youtube", "kik", "wizz", "yubo", "omegle", "roblox", "fortnite", "xbox", "psn", "playstation", "steam", "twitch", "threads", "reddit", "grindr", "tinder",
]);
const HANDLE = /^[\p{L}\p{N}._-]{2,}$/u;

/**
 * The online names in a free-text "online names" field. The rule, kept simple on purpose:
 * split the text at commas, semicolons and line breaks; in each part, every word starting with
 * "@" is a name ("@jay_99 on Snapchat"); a part with no "@" word gives the first word after a
 * colon ("Snapchat: jay_99"), or its first word when that is followed by "on" or "(" ("jay_99
 * on TikTok", "jay_99 (TikTok)"), or the part itself when it is one word ("jay_99"). A name is
 * compared lower-cased without its "@"; platform names and placeholders are never names.
 */
export function handlesIn(text: string): string[] {
  const handles: string[] = [];
  for (const part of text.split(/[,;\n\r]+/)) {
    const words = part.trim().split(/\s+/).filter((word) => word !== "");
    const at = words.filter((word) => word.startsWith("@"));
    const colon = part.indexOf(":");
    const afterColon = colon === -1 ? [] : part.slice(colon + 1).trim().split(/\s+/).slice(0, 1);
    const followed = words.length >= 2 && (words[1]?.toLowerCase() === "on" || words[1]?.startsWith("(")) ? words.slice(0, 1) : [];
    const candidates = at.length > 0 ? at : afterColon.length > 0 && afterColon[0] !== "" ? afterColon : followed.length > 0 ? followed : words.length === 1 ? words : [];
    for (const candidate of candidates) {
      // Punctuation around the name ("(@jay)", "@jay.") is not part of it; dots inside are.
      const name = candidate.replace(/^[^\p{L}\p{N}@_]+|[^\p{L}\p{N}_]+$/gu, "").replace(/^@+/, "");
      if (HANDLE.test(name) && !PLATFORMS.has(name.toLowerCase()) && keyOf(name) !== undefined) handles.push(name);
    }
  }
  return handles;
}

/** Several names in one alias field: "JJ / Jayjay, J-Man". */
const aliasesIn = (text: string): string[] => text.split(/[,;/\n]+|\s+or\s+/);

/** Everything a referral mentions that MASE insight compares: people by name and other names, vehicles, online names, places. */
export function mentionsOf(referral: Referral): Mention[] {
  const mentions: Mention[] = [];
  for (const person of referral.personsOfInterest) {
    if (person.name !== undefined) mentions.push(...mention("person", person.name));
    if (person.alias !== undefined) mentions.push(...aliasesIn(person.alias).flatMap((alias) => mention("person", alias, keyOf(alias), LINK_REASONS.alias)));
    if (person.vehicle !== undefined) mentions.push(...vehicleMentions(person.vehicle));
    if (person.onlineHandles !== undefined) {
      mentions.push(...handlesIn(person.onlineHandles).map((handle): Mention => ({ kind: "online-handle", key: handle.toLocaleLowerCase("en-GB"), value: handle, why: SAME["online-handle"] })));
    }
  }
  for (const location of referral.locationsOfInterest) mentions.push(...mention("location", location.place, placeKey(location.place)));
  // DOMAIN.md §8: MASE's "additional intelligence" is where a registration is often written.
  const intelligence = referral.mase.additionalIntelligence;
  if (intelligence !== undefined) {
    mentions.push(...registrationsIn(intelligence).map(byRegistration));
  }
  return mentions;
}
