// How values become columns, the same way in every repository: JSON text and epoch milliseconds
// (tables.ts says why).
import type { EpochMs } from "./tables.ts";

export function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  // JSON.stringify(undefined) (or a function) gives undefined, which would surface as a puzzling NOT NULL error.
  if (json === undefined) throw new TypeError(`${what} must be JSON-serialisable`);
  return json;
}

export function toEpochMs(date: Date, what: string): EpochMs {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} must be valid dates`);
  return ms;
}
