// A referral's human-friendly reference, unique per area (DOMAIN.md §8): the area's three-letter
// code, the year, and the area's running number for that year, e.g. KIN-2026-00042. Short enough
// to read out on the phone to the front door; the code says at once whose referral it is.
import { z } from "zod";

export const REFERENCE_CODE = /^[A-Z]{3}$/;

/** An area's code in references (content/areas/*.json "referenceCode"). */
export const ReferenceCode = z
  .string({ error: 'expected three capital letters, such as "KIN"' })
  .regex(REFERENCE_CODE, { error: 'expected three capital letters, such as "KIN"' });

export type ReferralReference = { readonly code: string; readonly year: number; readonly number: number };

// Five digits covers any area's year with room to spare; a bigger number just gets longer.
const MIN_DIGITS = 5;
const REFERENCE = /^([A-Z]{3})-([1-9]\d{3})-(\d{1,16})$/;

export function formatReference(code: string, year: number, number: number): string {
  if (!REFERENCE_CODE.test(code)) throw new RangeError(`formatReference: code must be three capital letters, got ${JSON.stringify(code)}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`formatReference: year must have four digits, got ${year}`);
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`formatReference: number must be a whole number from 1, got ${number}`);
  return `${code}-${year}-${String(number).padStart(MIN_DIGITS, "0")}`;
}

/**
 * The parts of a reference as a person might type it: case and surrounding spaces do not matter,
 * nor do missing leading zeros ("kin-2026-42"). Undefined for anything else.
 */
export function parseReference(text: string): ReferralReference | undefined {
  const match = REFERENCE.exec(text.trim().toUpperCase());
  if (match === null) return undefined;
  const number = Number(match[3]);
  if (number < 1 || !Number.isSafeInteger(number)) return undefined;
  return { code: match[1] as string, year: Number(match[2]), number };
}
