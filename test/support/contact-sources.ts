// The checks behind test/content/contact-sources.test.ts: does a seed passage hold the value it
// vouches for, is it in the area's own seed document, and do two areas share a contact they
// should not (DOMAIN.md §6: never invent a number).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { TRACED_FIELDS, type Area, type AreaContact, type SeedPassage, type TracedField, type ValueSource } from "../../src/domain/area.ts";

export const SEEDS_DIR = new URL("../../../shared/seeds/", import.meta.url);
export const HAVE_SEEDS = existsSync(SEEDS_DIR);

/** shared/seeds/README.md: which document is each shipped area's own. */
export const OWN_SEEDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["lambeth", ["000"]],
  ["havering", ["001"]],
  ["kingston", ["002"]],
  ["richmond", ["002"]],
  ["sutton", ["003"]],
  ["lewisham", ["004"]],
  ["other", []],
]);

// DOMAIN.md §6: Richmond is "as Kingston, with SPA@richmond.gov.uk", so the two share every line
// and mailbox but the SPA's mailbox. No other two areas share a contact.
const MAY_SHARE: readonly { areas: readonly [string, string]; values: readonly string[] }[] = [
  {
    areas: ["kingston", "richmond"],
    values: ["02085475008", "02087705000", "csereferrals@achievingforchildren.org.uk", "masemisperbusinesssupport@achievingforchildren.org.uk"],
  },
];

/** One phone number, mailbox, hours or hours note of a contact, with what it says it comes from. */
export type Traced = { area: string; contact: AreaContact; field: TracedField; source: ValueSource | undefined };

export function tracedValues(areas: Iterable<Area>): Traced[] {
  return [...areas].flatMap((area) =>
    area.contacts.flatMap((contact) =>
      TRACED_FIELDS.filter((field) => contact[field] !== undefined).map((field) => ({ area: area.id, contact, field, source: contact.source?.[field] })),
    ),
  );
}

export const fromSeed = (source: ValueSource | undefined): source is SeedPassage => source !== undefined && "seed" in source;
export const nameOf = ({ area, contact, field }: Traced) => `${area} ${contact.id} ${field}`;

// A phone number as printed, spaces and hyphens allowed between digits ("0208 770 6001"); runs
// shorter than a number ("8am") are not numbers.
const phoneNumbersIn = (text: string) =>
  (text.match(/\d(?:[\d -]*\d)?/g) ?? []).map((run) => run.replace(/\D/g, "")).filter((digits) => digits.length >= 6);
const emailsIn = (text: string) => (text.match(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi) ?? []).map((email) => email.toLowerCase());

const DAY_NAMES = { mon: "monday", tue: "tuesday", wed: "wednesday", thu: "thursday", fri: "friday", sat: "saturday", sun: "sunday" } as const;

/** The times a passage states, as "HH:MM": "8am", "6 p.m.", "8.30am", "18:00", "noon", "midnight". */
function timesIn(text: string): Set<string> {
  const times = new Set<string>();
  const pad = (hours: number, minutes: string) => `${String(hours).padStart(2, "0")}:${minutes}`;
  for (const [, hour, minutes = "00", half] of text.matchAll(/\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\b/gi)) {
    times.add(pad((Number(hour) % 12) + (half?.toLowerCase() === "p" ? 12 : 0), minutes));
  }
  for (const [, hour, minutes = "00"] of text.matchAll(/\b([01]?\d|2[0-4])[:.]([0-5]\d)\b(?!\s*[ap]\.?m\b)/gi)) times.add(pad(Number(hour), minutes));
  if (/\b(noon|midday)\b/i.test(text)) times.add("12:00");
  if (/\bmidnight\b/i.test(text)) ["00:00", "24:00"].forEach((time) => times.add(time));
  return times;
}

/** Why a seed passage does not hold the value it vouches for, or undefined when it does. */
export function valueMissingFrom(passage: string, contact: AreaContact, field: TracedField): string | undefined {
  const lower = passage.toLowerCase();
  switch (field) {
    case "phone": {
      const numbers = phoneNumbersIn(passage);
      return numbers.includes(contact.phone!.replace(/\D/g, "")) ? undefined : `the passage has no number ${contact.phone} (it has ${numbers.join(", ") || "none"})`;
    }
    case "email":
      return emailsIn(passage).includes(contact.email!.toLowerCase()) ? undefined : `the passage has no mailbox ${contact.email}`;
    case "hours": {
      const { days, from, to } = contact.hours!.window;
      const stated = timesIn(passage);
      const missing = [from, to].filter((time) => time !== undefined && !stated.has(time));
      // A run of days is stated by its first and last ("Monday to Friday").
      missing.push(...[days[0]!, days.at(-1)!].map((day) => DAY_NAMES[day]).filter((day) => !lower.includes(day)));
      return missing.length === 0 ? undefined : `the passage does not state ${missing.join(", ")} (it states ${[...stated].join(", ") || "no time"})`;
    }
    case "hoursNote": {
      const note = contact.hoursNote!.toLowerCase();
      const missing = [...Object.values(DAY_NAMES), "bank holiday"].filter((word) => note.includes(word) && !lower.includes(word));
      return missing.length === 0 ? undefined : `the passage does not say ${missing.join(", ")}`;
    }
  }
}

/** Why a value's seed passage does not hold it; undefined when it does or the deployer set it. */
export const valueProblem = ({ source, contact, field }: Traced) => (fromSeed(source) ? valueMissingFrom(source.passage, contact, field) : undefined);

// PDF and Word extraction breaks lines and doubles spaces where the document had one space.
const squeezed = (text: string) => text.replace(/\s+/g, " ").trim();

/** The seed documents by number ("002"), whitespace squeezed; none without ../shared. */
export function readSeeds(): ReadonlyMap<string, string> {
  if (!HAVE_SEEDS) return new Map();
  return new Map(
    readdirSync(SEEDS_DIR)
      .filter((file) => /^\d{3}_.*\.txt$/.test(file))
      .map((file) => [file.slice(0, 3), squeezed(readFileSync(new URL(file, SEEDS_DIR), "utf8"))]),
  );
}

/** Why a value's passage is not in its area's own seed, or undefined when it is (or the deployer set it). */
export function passageMissingFromOwnSeed(traced: Traced, ownSeeds: readonly string[], seeds: ReadonlyMap<string, string>): string | undefined {
  if (!fromSeed(traced.source)) return undefined;
  const { seed, passage } = traced.source;
  if (!ownSeeds.includes(seed)) return `seed ${seed} is not ${traced.area}'s own document (${ownSeeds.join(", ") || "it has none"})`;
  const text = seeds.get(seed);
  if (text === undefined) return `there is no seed ${seed} in shared/seeds`;
  return text.includes(squeezed(passage)) ? undefined : `seed ${seed} does not contain the passage "${passage}"`;
}

/** Every phone number or mailbox found in two areas that DOMAIN.md §6 does not let share it. */
export function sharedAcrossAreas(areas: Iterable<Area>): string[] {
  const areasByValue = new Map<string, Set<string>>();
  for (const area of areas) {
    for (const contact of area.contacts) {
      for (const value of [contact.phone?.replace(/\D/g, ""), contact.email?.toLowerCase()]) {
        if (value !== undefined) areasByValue.set(value, (areasByValue.get(value) ?? new Set()).add(area.id));
      }
    }
  }
  const problems: string[] = [];
  for (const [value, ids] of areasByValue) {
    const sorted = [...ids].sort();
    for (const [index, first] of sorted.entries()) {
      for (const second of sorted.slice(index + 1)) {
        const allowed = MAY_SHARE.some(({ areas: pair, values }) => pair.includes(first) && pair.includes(second) && values.includes(value));
        if (!allowed) problems.push(`${first} and ${second} both have ${value}, which DOMAIN.md §6 does not give to both`);
      }
    }
  }
  return problems;
}
