// When triage must have acknowledged and decided a referral, and which reminder is due. Pure:
// reminders are rows with a due time that the outbox worker claims, not timers, so the service
// stores `nextReminder(...).dueAt` and asks again when the row comes due.
//
// Working time is the time inside the working hours, read on the Europe/London clock, on the
// days they name, excluding England and Wales bank holidays (DOMAIN.md §6). Definitions:
// - Acknowledge within 15 minutes, round the clock, where the pathway's front-door step is `now`
//   (DOMAIN.md §5: the practitioner phones at once, a child may be in danger); otherwise within
//   4 working hours.
// - Decide within one working day (Working Together to Safeguard Children 2023, as local
//   procedures apply it: within one working day of a referral, social care acknowledges it and
//   decides the type of response; seed 002's Phoenix service likewise acknowledges "within one
//   working day"). One working day is the length of the working day in working time, which is:
//     submitted after opening and before closing: the same clock time on the next working day
//       (Fri 16:30, with Monday a bank holiday, is due by Tue 16:30);
//     submitted at or before opening, or after closing: counted from the next opening, so by the
//       close of that working day (Mon 09:00, Mon 07:30 or Sat 11:00 is due by Mon 17:00).
// - A deadline is missed at the instant it falls; a remaining time that runs out exactly at
//   closing time is due at closing time, not at the next opening.
// - The decision deadline is never before the acknowledgement deadline.
import { DateTime } from "luxon";
import type { Area } from "./area.ts";
import { isBankHoliday } from "./bank-holidays.ts";
import { londonTime, WeeklyWindow } from "./contact-hours.ts";
import type { Urgency } from "./pathway.ts";
import type { TriageState } from "./triage.ts";

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const ZONE = "Europe/London";

/**
 * Working hours where the area's files give none: Monday to Friday 09:00-17:00, usual local
 * authority office hours. No seed gives front-door hours for Sutton, Lambeth, Havering or
 * Lewisham; Kingston and Richmond's SPA answers 08:00-18:00 Monday to Friday (seed 002), which
 * frontDoorWorkingHours takes from their area files.
 */
export const DEFAULT_WORKING_HOURS: WeeklyWindow = Object.freeze(
  WeeklyWindow.parse({ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }),
);

/** The hours of the area's front-door day line ("open within"), or the default when it states none. */
export function frontDoorWorkingHours(area: Area): WeeklyWindow {
  const dayLine = area.contacts.find((contact) => contact.service === "front-door" && contact.hours?.open === "within");
  return dayLine?.hours?.window ?? DEFAULT_WORKING_HOURS;
}

function minutesOf(time: string | undefined, fallback: number): number {
  return time === undefined ? fallback : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function openingMs(hours: WeeklyWindow): number {
  return minutesOf(hours.from, 0) * MS_PER_MINUTE;
}

function closingMs(hours: WeeklyWindow): number {
  return minutesOf(hours.to, 24 * 60) * MS_PER_MINUTE;
}

/**
 * One working day, as working time: from opening to closing on the clock. Only hours that take
 * in 01:00-02:00 on a Sunday when the clocks change would make a real day an hour longer or shorter.
 */
export function workingDayMs(hours: WeeklyWindow): number {
  return closingMs(hours) - openingMs(hours);
}

const WEEKDAY_OF_UTC_DAY = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function nextIsoDate(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
}

function isWorkingDay(isoDate: string, hours: WeeklyWindow): boolean {
  const weekday = WEEKDAY_OF_UTC_DAY[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] ?? "sun";
  return hours.days.includes(weekday) && !isBankHoliday(isoDate);
}

/** The instant of a London wall-clock time; a time skipped when the clocks go forward moves on by the hour (luxon). */
function londonInstant(isoDate: string, sinceMidnightMs: number): Date {
  const date = sinceMidnightMs >= MS_PER_DAY ? nextIsoDate(isoDate) : isoDate;
  const ms = sinceMidnightMs % MS_PER_DAY;
  const [year, month, day] = date.split("-").map(Number);
  return DateTime.fromObject(
    {
      year, month, day,
      hour: Math.floor(ms / MS_PER_HOUR),
      minute: Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE),
      second: Math.floor((ms % MS_PER_MINUTE) / 1000),
      millisecond: ms % 1000,
    },
    { zone: ZONE },
  ).toJSDate();
}

// Bank holidays never fill a year, so a working window is always found well within this.
const MAX_DAYS_SEARCHED = 2 * 366;

/**
 * The instant `durationMs` of working time after `start` (see the definitions at the top). Each
 * working day's hours are turned into instants and time is counted in real milliseconds, so a
 * later start never gives an earlier end, even across a change of the clocks.
 */
export function addWorkingTime(start: Date, durationMs: number, hours: WeeklyWindow = DEFAULT_WORKING_HOURS): Date {
  if (!(durationMs >= 0)) throw new RangeError(`addWorkingTime: expected a duration of 0 or more, got ${durationMs}`);
  let isoDate = londonTime(start).isoDate;
  let remaining = durationMs;
  for (let day = 0; day < MAX_DAYS_SEARCHED; day += 1) {
    if (isWorkingDay(isoDate, hours)) {
      const opens = londonInstant(isoDate, openingMs(hours)).getTime();
      const closes = londonInstant(isoDate, closingMs(hours)).getTime();
      const from = Math.max(start.getTime(), opens);
      if (from <= closes && remaining <= closes - from) return new Date(from + remaining);
      remaining -= Math.max(0, closes - from);
    }
    isoDate = nextIsoDate(isoDate);
  }
  throw new RangeError(`addWorkingTime: no working day within ${MAX_DAYS_SEARCHED} days of ${start.toISOString()}`);
}

export type TriageDeadlines = { readonly acknowledgeBy: Date; readonly decideBy: Date };

type Within = { readonly clock: "elapsed" | "working"; readonly ms: number };
const FOUR_WORKING_HOURS: Within = { clock: "working", ms: 4 * MS_PER_HOUR };

/** How soon a referral is acknowledged, by the urgency of the pathway's front-door step. */
const ACKNOWLEDGE_WITHIN: Readonly<Record<Urgency, Within>> = {
  now: { clock: "elapsed", ms: 15 * MS_PER_MINUTE },
  today: FOUR_WORKING_HOURS,
  "within-72-hours": FOUR_WORKING_HOURS,
  "within-3-working-days": FOUR_WORKING_HOURS,
  routine: FOUR_WORKING_HOURS,
};

/**
 * The deadlines of a referral submitted at `submittedAt` whose pathway's front-door step had
 * `frontDoorUrgency` (undefined: no front-door step). `hours`: the front door's working hours.
 */
export function triageDeadlines(submittedAt: Date, frontDoorUrgency: Urgency | undefined, hours: WeeklyWindow = DEFAULT_WORKING_HOURS): TriageDeadlines {
  const within = frontDoorUrgency === undefined ? FOUR_WORKING_HOURS : ACKNOWLEDGE_WITHIN[frontDoorUrgency];
  const acknowledgeBy = within.clock === "elapsed" ? new Date(submittedAt.getTime() + within.ms) : addWorkingTime(submittedAt, within.ms, hours);
  const decideBy = addWorkingTime(submittedAt, workingDayMs(hours), hours);
  // Hours shorter than four a day would put the decision first; it never comes before.
  return { acknowledgeBy, decideBy: decideBy < acknowledgeBy ? acknowledgeBy : decideBy };
}

export const REMINDERS = ["acknowledge", "decide"] as const;
export type ReminderKind = (typeof REMINDERS)[number];

export type Reminder = {
  readonly kind: ReminderKind;
  /** Where it goes: the referral's thread in the triage channel, or the area's admins. */
  readonly to: "channel-thread" | "area-admins";
  /** Due from this instant: the deadline it is about. */
  readonly dueAt: Date;
};

/** A decision reopened has met its deadline once; a reopened referral is not chased again. */
function reopened(state: TriageState): boolean {
  const current = state.status === "awaiting-info" ? state.before : state;
  return current.status === "assigned" && current.reopened !== undefined;
}

const REMINDER_RULES: readonly { kind: ReminderKind; to: Reminder["to"]; deadline: (deadlines: TriageDeadlines) => Date; applies: (state: TriageState) => boolean }[] = [
  // Asking the referrer for information answers them, so no acknowledgement reminder goes while
  // it is awaited; if the referral comes back unacknowledged, the reminder is due again.
  { kind: "acknowledge", to: "channel-thread", deadline: (d) => d.acknowledgeBy, applies: (state) => state.status === "submitted" },
  // Working Together's day does not stop for a request for information: admins see the delay.
  { kind: "decide", to: "area-admins", deadline: (d) => d.decideBy, applies: (state) => state.status !== "decided" && !reopened(state) },
];

/** Whether a deadline that still applies to the referral has passed at `now`. */
export function isOverdue(state: TriageState, deadlines: TriageDeadlines, now: Date): boolean {
  return REMINDER_RULES.some((rule) => rule.applies(state) && now.getTime() >= rule.deadline(deadlines).getTime());
}

/**
 * The earliest reminder that still applies and has not been sent; it is due once `dueAt` has
 * come. Each reminder is sent once: the acknowledgement one to the channel thread, the decision
 * one to the area's admins. Undefined when none is left.
 */
export function nextReminder(state: TriageState, deadlines: TriageDeadlines, sent: readonly ReminderKind[] = []): Reminder | undefined {
  const due = REMINDER_RULES.filter((rule) => rule.applies(state) && !sent.includes(rule.kind))
    .map((rule) => ({ kind: rule.kind, to: rule.to, dueAt: rule.deadline(deadlines) }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return due[0];
}
