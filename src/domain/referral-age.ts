// Dates and ages in a referral: a real calendar date, the age a date of birth gives on a day,
// and the age band the triage channel shows in place of the date of birth (DESIGN.md "Triage").

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a date that exists, written YYYY-MM-DD: "2012-02-29" yes, "2011-02-29" and "2012-02-31" no. */
export function isRealIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, leaves years 0-99 alone; an impossible day rolls over and fails below.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const pad = (value: number) => String(value).padStart(2, "0");

/**
 * Issue 21, point 4: a date as a practitioner in England writes it, read day first: "02/03/2011",
 * "2/3/2011", "2-3-2011", "2.3.2011", "2 March 2011", "2nd Mar 2011", or already "2011-03-02".
 * Gives the real date as YYYY-MM-DD, or undefined: a two-digit year or a month-first date such as
 * "6/15/2012" is never guessed.
 */
export function readDayFirstDate(text: string): string | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (ISO_DATE.test(value)) return isRealIsoDate(value) ? value : undefined;
  let day: number, month: number, year: number;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const words = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+),? (\d{4})$/.exec(value);
  if (numeric !== null) [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  else if (words !== null) {
    const name = words[2] ?? "";
    const index = MONTHS.findIndex((candidate) => name.length >= 3 && candidate.startsWith(name));
    if (index === -1) return undefined;
    [day, month, year] = [Number(words[1]), index + 1, Number(words[3])];
  } else return undefined;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isRealIsoDate(iso) ? iso : undefined;
}

/**
 * Whole years from a date of birth to `today` (both YYYY-MM-DD, real dates). A child born on
 * 29 February turns a year older on 1 March in a year without one.
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const [year, monthDay] = [Number(today.slice(0, 4)), today.slice(5)];
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

/**
 * The bands, and why these edges:
 * - 10: the Phoenix Project works with young people from 10 (seed 002), and 10 is the age of
 *   criminal responsibility in England;
 * - 13: any sexual activity with a child under 13 is an offence (seed 000; DOMAIN.md §4 `under13`);
 * - 16: the age of consent; §3 counts sexual contact by an adult or much older person with a
 *   child under 16 as sexual abuse;
 * - 18: adulthood: the CSE scale stops and adult safeguarding takes over (§4 `adult`); the
 *   referral still covers young people up to 25, as the check does.
 * Narrow enough for a triage lead to judge priority, wide enough not to identify the child.
 */
export const AGE_BANDS = [
  { band: "under 10", from: 0, to: 9 },
  { band: "10-12", from: 10, to: 12 },
  { band: "13-15", from: 13, to: 15 },
  { band: "16-17", from: 16, to: 17 },
  { band: "18-25", from: 18, to: 25 },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]["band"];

/** The band for an age in whole years, 0 to 25. */
export function ageBand(age: number): AgeBand {
  const found = Number.isInteger(age) ? AGE_BANDS.find((band) => age >= band.from && age <= band.to) : undefined;
  if (found === undefined) throw new RangeError(`ageBand: expected a whole number of years from 0 to 25, got ${age}`);
  return found.band;
}

/** The child's age for the triage card: from the date of birth when given (exact), else the age typed. */
export function childAgeOn(child: { readonly dateOfBirth?: string | undefined; readonly age?: number | undefined }, today: string): number | undefined {
  return child.dateOfBirth !== undefined ? ageOn(child.dateOfBirth, today) : child.age;
}
