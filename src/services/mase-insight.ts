// MASE insight (issue 11, point 5). Seed 002's MASE terms of reference ask for "cross-referencing
// of associates" and a monthly data snapshot: the people, vehicles, online names and places that
// appear in more than one of the area's referrals, each linked to those referrals, and the
// referrals of each month by category, flag, outcome and referring agency. Pure: the referrals
// and the end of the window are arguments; the result is plain data, ready to send as JSON.
import { DateTime } from "luxon";
import { FLAGS } from "../domain/category.ts";
import type { Referral } from "../domain/referral.ts";
import { OUTCOMES } from "../domain/triage.ts";
import { mentionsOf, type LinkKind } from "./mase-insight-keys.ts";

export { LINK_KINDS, type LinkKind } from "./mase-insight-keys.ts";

export type InsightReferral = {
  readonly id: string;
  readonly reference: string;
  readonly submittedAt: Date;
  readonly status: string;
  /** services/referral-service.ts, ReferralSummary: a category is 0 to 3, "none" or "not-applicable". */
  readonly summary: { readonly category: number | string; readonly unconfirmed: boolean; readonly flags: readonly string[] };
  /** The decision's outcome, if it has one. */
  readonly outcome: string | undefined;
  /** The personal fields; undefined once purged after the retention period. */
  readonly referral: Referral | undefined;
};

export type InsightLink = {
  readonly kind: LinkKind;
  /** As first written (the earliest referral's words); a registration as "AB12 CDE". */
  readonly value: string;
  /** The rule that linked them: "the same registration", "the same colour, make and model"… */
  readonly why: string;
  /** Oldest first. */
  readonly referrals: readonly { readonly id: string; readonly reference: string }[];
};

export const CATEGORY_KEYS = ["0", "1", "2", "3", "none", "not-applicable"] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
export const NOT_DECIDED = "not-decided";
export const NOT_RECORDED = "not recorded";

export type InsightMonth = {
  /** The calendar month in London: "2026-11". */
  readonly month: string;
  readonly total: number;
  readonly byCategory: Readonly<Record<CategoryKey, number>>;
  /** A referral counts once under each of its flags, so a month's flags need not add up to its total. */
  readonly byFlag: Readonly<Record<string, number>>;
  /** Decided referrals by outcome; the rest (never decided, or reopened) under "not-decided". */
  readonly byOutcome: Readonly<Record<string, number>>;
  /** By the referrer's organisation as first written, compared without case; "not recorded" once purged. */
  readonly byAgency: Readonly<Record<string, number>>;
};

export type MaseInsight = {
  /** Every value in more than one referral: most referrals first, then by value. */
  readonly links: readonly InsightLink[];
  /** Oldest month first. Every month has the same keys in each breakdown (those seen in the window, zero where none). */
  readonly monthly: readonly InsightMonth[];
  /** Of the referrals given: links compare all of them but the purged; months count those in the window. */
  readonly counts: { readonly referrals: number; readonly purged: number };
};

const ZONE = "Europe/London";
const MAX_MONTHS = 120;
const byText = (a: string, b: string) => a.localeCompare(b, "en-GB");

export function maseInsight(referrals: readonly InsightReferral[], options: { readonly months: number; readonly until: Date }): MaseInsight {
  const { months, until } = options;
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) throw new RangeError(`maseInsight: months must be a whole number from 1 to ${MAX_MONTHS}, got ${months}`);
  if (Number.isNaN(until.getTime())) throw new RangeError("maseInsight: until is not a valid date");
  // Oldest first, so "as first written" is the earliest referral's words whatever order the store gave.
  const ordered = [...referrals].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || byText(a.reference, b.reference));
  return {
    links: linksOf(ordered),
    monthly: monthlyOf(ordered, months, until),
    counts: { referrals: referrals.length, purged: referrals.filter((referral) => referral.referral === undefined).length },
  };
}

function linksOf(ordered: readonly InsightReferral[]): InsightLink[] {
  // Keyed by kind and key; a Map, since a key is whatever a practitioner typed ("__proto__" too).
  const found = new Map<string, { kind: LinkKind; value: string; why: string; referrals: { id: string; reference: string }[] }>();
  for (const item of ordered) {
    if (item.referral === undefined) continue;
    for (const { kind, key, value, why } of mentionsOf(item.referral)) {
      const id = `${kind}\u0000${key}`;
      const entry = found.get(id) ?? { kind, value, why, referrals: [] };
      found.set(id, entry);
      // The same value twice in one referral counts once.
      if (entry.referrals.at(-1)?.id !== item.id) entry.referrals.push({ id: item.id, reference: item.reference });
    }
  }
  return [...found.values()]
    .filter((entry) => entry.referrals.length > 1)
    .sort((a, b) => b.referrals.length - a.referrals.length || byText(a.value, b.value) || byText(a.kind, b.kind));
}

type Tally = Map<string, number>;
const add = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

/** The keys seen in the window, known ones in `known` order first, then the rest alphabetically. */
function keysOf(tallies: readonly Tally[], known: readonly string[]): string[] {
  const seen = new Set(tallies.flatMap((tally) => [...tally.keys()]));
  return [...known.filter((key) => seen.has(key)), ...[...seen].filter((key) => !known.includes(key)).sort(byText)];
}

// Object.fromEntries defines own properties, so a typed "__proto__" or "constructor" is a plain key.
const recordOf = (keys: readonly string[], tally: Tally) => Object.fromEntries(keys.map((key) => [key, tally.get(key) ?? 0]));

const agencyKey = (agency: string) => agency.trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");

function monthlyOf(ordered: readonly InsightReferral[], count: number, until: Date): InsightMonth[] {
  const last = DateTime.fromJSDate(until, { zone: ZONE }).startOf("month");
  const names = Array.from({ length: count }, (_, index) => last.minus({ months: count - 1 - index }).toFormat("yyyy-MM"));
  const rows = new Map(names.map((name) => [name, { total: 0, category: new Map() as Tally, flag: new Map() as Tally, outcome: new Map() as Tally, agency: new Map() as Tally }]));
  const agencyNames = new Map<string, string>([[NOT_RECORDED, NOT_RECORDED]]);
  for (const item of ordered) {
    if (item.submittedAt.getTime() > until.getTime()) continue;
    const row = rows.get(DateTime.fromJSDate(item.submittedAt, { zone: ZONE }).toFormat("yyyy-MM"));
    if (row === undefined) continue;
    row.total += 1;
    add(row.category, String(item.summary.category));
    for (const flag of new Set(item.summary.flags)) add(row.flag, flag);
    add(row.outcome, item.status === "decided" && item.outcome !== undefined ? item.outcome : NOT_DECIDED);
    const agency = item.referral?.referrer.agency.trim() ?? "";
    const key = agency === "" ? NOT_RECORDED : agencyKey(agency);
    if (!agencyNames.has(key)) agencyNames.set(key, agency);
    add(row.agency, key);
  }
  const tallies = [...rows.values()];
  const flags = keysOf(tallies.map((row) => row.flag), FLAGS);
  const outcomes = keysOf(tallies.map((row) => row.outcome), [...OUTCOMES, NOT_DECIDED]);
  const agencies = keysOf(tallies.map((row) => row.agency), []).sort((a, b) => Number(a === NOT_RECORDED) - Number(b === NOT_RECORDED));
  return names.map((month) => {
    const row = rows.get(month)!;
    return {
      month,
      total: row.total,
      byCategory: recordOf(CATEGORY_KEYS, row.category) as Record<CategoryKey, number>,
      byFlag: recordOf(flags, row.flag),
      byOutcome: recordOf(outcomes, row.outcome),
      byAgency: Object.fromEntries(agencies.map((key) => [agencyNames.get(key) ?? key, row.agency.get(key) ?? 0])),
    };
  });
}
