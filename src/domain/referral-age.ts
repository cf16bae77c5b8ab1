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
