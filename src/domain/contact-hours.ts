// When a contact (a team line or mailbox) is open. Hours are data from the area files, so the
// shapes are zod schemas; the checks judge time in Europe/London (DOMAIN.md §6).
import { IANAZone } from "luxon";
import { z } from "zod";
import { isBankHoliday } from "./bank-holidays.ts";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const Weekday = z.enum(WEEKDAYS, {
  error: (issue) => `expected a day: one of ${WEEKDAYS.join(", ")}; got ${JSON.stringify(issue.input)}`,
});
export type Weekday = z.infer<typeof Weekday>;

const WHOLE_DAY = 24 * 60;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeError = (issue: { input?: unknown }) =>
  `expected a time like "08:00" (24-hour HH:MM), got ${JSON.stringify(issue.input)}`;

const StartTime = z.string({ error: timeError }).regex(TIME, { error: timeError });
// "24:00" lets a window run to midnight, since the window is [from, to).
const EndTime = z.string({ error: timeError }).refine((t) => t === "24:00" || TIME.test(t), { error: timeError });

// Names the unknown fields and the allowed ones; `.strict()` refuses the unknown ones.
const objectError = (allowed: string, otherwise?: string) => (issue: z.core.$ZodRawIssue) =>
  issue.code === "unrecognized_keys"
    ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}: ${allowed}`
    : otherwise;

function minutesOf(time: string | undefined, fallback: number): number {
  if (time === undefined) return fallback;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const WeeklyWindow = z
  .object(
    {
      days: z
        .array(Weekday, { error: 'expected "days" to be a list like ["mon", "tue"]' })
        .min(1, { error: 'list at least one day in "days", e.g. ["mon", "tue", "wed", "thu", "fri"]' })
        .refine((days) => new Set(days).size === days.length, { error: 'list each day once in "days"' }),
      from: StartTime.optional(),
      to: EndTime.optional(),
    },
    {
      error: objectError(
        'a window has only "days", "from" and "to"',
        'expected a window like { "days": ["mon"], "from": "08:00", "to": "18:00" }',
      ),
    },
  )
  .strict()
  .superRefine(
    (window, ctx) => {
      if (minutesOf(window.to, WHOLE_DAY) <= minutesOf(window.from, 0)) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `"to" (${window.to ?? "24:00"}) must be later than "from" (${window.from ?? "00:00"}); a window cannot run past midnight`,
        });
      }
    },
    // Compare the times only once both are well formed, so a bad time gives one message.
    { when: (payload) => payload.issues.length === 0 },
  );
export type WeeklyWindow = z.infer<typeof WeeklyWindow>;

const hoursObject = <Open extends "within" | "outside">(open: Open) =>
  z
    .object({ open: z.literal(open), window: WeeklyWindow }, { error: objectError('hours have only "open" and "window"') })
    .strict();

// DOMAIN.md §6: "within" is a day line or mailbox; "outside" is the out-of-hours line, open
// exactly when the matching "within" window is closed, so all day at weekends and bank holidays.
export const ContactHours = z.discriminatedUnion("open", [hoursObject("within"), hoursObject("outside")], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? `expected "open" to be "within" or "outside", got ${JSON.stringify(Object(issue.input).open)}`
      : 'expected hours like { "open": "within", "window": { "days": ["mon"] } }',
});
export type ContactHours = z.infer<typeof ContactHours>;

// DOMAIN.md §6: hours are judged in Europe/London. Luxon's IANA zone gives the offset (GMT or
// BST); one zone instance serves every call.
const LONDON = IANAZone.create("Europe/London");
if (!LONDON.isValid) {
  throw new Error("the Europe/London time zone is missing: run Node with full ICU data");
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const CACHE_LIMIT = 50_000;

// Luxon needs about 6 µs to find an offset, too slow for a hot loop, so the offset is kept per
// UTC day. A day whose offset differs at its start and end holds a clock change (01:00 UTC in
// London); there `null` sends each instant to luxon.
const offsetByUtcDay = new Map<number, number | null>();
const isoDateByLocalDay = new Map<number, string>();

function remembered<V>(cache: Map<number, V>, key: number, compute: (key: number) => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function steadyOffsetOfUtcDay(utcDay: number): number | null {
  const atStart = LONDON.offset(utcDay * MS_PER_DAY);
  return atStart === LONDON.offset((utcDay + 1) * MS_PER_DAY - 1) ? atStart : null;
}

function londonOffsetMinutes(ms: number): number {
  return remembered(offsetByUtcDay, Math.floor(ms / MS_PER_DAY), steadyOffsetOfUtcDay) ?? LONDON.offset(ms);
}

function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isoDateOfLocalDay(localDay: number): string {
  return remembered(isoDateByLocalDay, localDay, isoDateOfDay);
}

type LocalClock = { localDay: number; weekdayIndex: number; minutes: number };

function londonClock(at: Date): LocalClock {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError("expected a valid Date, got an Invalid Date");
  const local = ms + londonOffsetMinutes(ms) * MS_PER_MINUTE;
  const localDay = Math.floor(local / MS_PER_DAY);
  return {
    localDay,
    // 1970-01-01 was a Thursday, index 3 with Monday as 0.
    weekdayIndex: (((localDay + 3) % 7) + 7) % 7,
    minutes: Math.floor((local - localDay * MS_PER_DAY) / MS_PER_MINUTE),
  };
}

/** The London calendar date, weekday and minutes since local midnight of an instant. */
export function londonTime(at: Date): { isoDate: string; weekday: Weekday; minutes: number } {
  const clock = londonClock(at);
  return {
    isoDate: isoDateOfLocalDay(clock.localDay),
    weekday: WEEKDAYS[clock.weekdayIndex] ?? "mon",
    minutes: clock.minutes,
  };
}

type ParsedWindow = { dayMask: number; from: number; to: number };
const parsedWindows = new WeakMap<WeeklyWindow, ParsedWindow>();

function parsed(window: WeeklyWindow): ParsedWindow {
  let result = parsedWindows.get(window);
  if (result === undefined) {
    result = {
      dayMask: window.days.reduce((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0),
      from: minutesOf(window.from, 0),
      to: minutesOf(window.to, WHOLE_DAY),
    };
    parsedWindows.set(window, result);
  }
  return result;
}

function isInsideWindow(window: WeeklyWindow, at: Date): boolean {
  const { dayMask, from, to } = parsed(window);
  const clock = londonClock(at);
  return (
    (dayMask & (1 << clock.weekdayIndex)) !== 0 &&
    clock.minutes >= from &&
    clock.minutes < to &&
    // DOMAIN.md §6: day lines are closed on England and Wales bank holidays (London date).
    !isBankHoliday(isoDateOfLocalDay(clock.localDay))
  );
}

/** Whether the contact is open at the instant; the window is [from, to) in London time. */
export function isOpenAt(hours: ContactHours, at: Date): boolean {
  const inside = isInsideWindow(hours.window, at);
  return hours.open === "within" ? inside : !inside;
}

const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const label = (index = 0) => DAY_LABELS[index] ?? "";

/** "Mon-Fri" for a run of three or more days, "Sat, Sun" otherwise; Monday first. */
function describeDays(days: readonly Weekday[]): string {
  const runs: number[][] = [];
  WEEKDAYS.forEach((day, index) => {
    if (!days.includes(day)) return;
    const run = runs.at(-1);
    if (run?.at(-1) === index - 1) run.push(index);
    else runs.push([index]);
  });
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${label(run[0])}-${label(run.at(-1))}`] : run.map((i) => label(i))))
    .join(", ");
}

/** The hours as a person reads them, e.g. "08:00-18:00 Mon-Fri". */
export function describeHours(hours: ContactHours): string {
  const { window } = hours;
  const days = describeDays(window.days);
  const from = window.from ?? "00:00";
  const to = window.to ?? "24:00";
  const wholeDay = from === "00:00" && to === "24:00";
  if (hours.open === "within") return wholeDay ? `${days}, all day` : `${from}-${to} ${days}`;

  // DOMAIN.md §6: out of hours includes weekends and bank holidays.
  const parts: string[] = [];
  const edges = [from === "00:00" ? "" : `before ${from}`, to === "24:00" ? "" : `from ${to}`].filter(Boolean);
  if (edges.length > 0) parts.push(`${edges.join(" and ")} ${days}`);
  const closedDays = WEEKDAYS.filter((day) => !window.days.includes(day));
  if (closedDays.length === 0) parts.push("all day on bank holidays");
  else if (closedDays.join() === "sat,sun") parts.push("all day at weekends and on bank holidays");
  else parts.push(`all day on ${describeDays(closedDays)} and on bank holidays`);
  return `Out of hours: ${parts.join(", ")}`;
}
