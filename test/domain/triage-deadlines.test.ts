// Triage deadlines and reminders (issue 10, point 8): acknowledge within 15 minutes when the
// pathway says `now`, else 4 working hours; decide within one working day. Working time is London
// time, Monday to Friday, without England and Wales bank holidays.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isBankHoliday } from "../../src/domain/bank-holidays.ts";
import { WEEKDAYS, WeeklyWindow, londonTime } from "../../src/domain/contact-hours.ts";
import { URGENCIES, type Urgency } from "../../src/domain/pathway.ts";
import { INITIAL_TRIAGE_STATE, applyTriageAction, type TriageAction, type TriageState } from "../../src/domain/triage.ts";
import {
  DEFAULT_WORKING_HOURS, addWorkingTime, frontDoorWorkingHours, isOverdue, nextReminder, triageDeadlines, type TriageDeadlines,
} from "../../src/domain/triage-deadlines.ts";
import { area } from "../support/assessment.ts";

/** A London wall-clock time, "2026-11-24 10:00" (GMT or BST as the date has it). */
const london = (local: string) => {
  const parsed = DateTime.fromFormat(local, local.length > 16 ? "yyyy-MM-dd HH:mm:ss.SSS" : "yyyy-MM-dd HH:mm", { zone: "Europe/London" });
  if (!parsed.isValid) throw new Error(`bad test time ${local}`);
  return parsed.toJSDate();
};
const inLondon = (at: Date) => DateTime.fromJSDate(at, { zone: "Europe/London" }).toFormat("yyyy-MM-dd HH:mm");

const KINGSTON_HOURS = frontDoorWorkingHours(area("kingston"));

type Row = { name: string; submitted: string; urgency: Urgency | undefined; acknowledgeBy: string; decideBy: string; hours?: WeeklyWindow };

// London wall-clock times throughout; 2026-11-24 is a Tuesday.
const DEADLINES: readonly Row[] = [
  { name: "Tuesday morning, front door today", submitted: "2026-11-24 10:00", urgency: "today", acknowledgeBy: "2026-11-24 14:00", decideBy: "2026-11-25 10:00" },
  { name: "Tuesday morning, front door now: 15 minutes", submitted: "2026-11-24 10:00", urgency: "now", acknowledgeBy: "2026-11-24 10:15", decideBy: "2026-11-25 10:00" },
  { name: "no front-door step: as today", submitted: "2026-11-24 10:00", urgency: undefined, acknowledgeBy: "2026-11-24 14:00", decideBy: "2026-11-25 10:00" },
  { name: "routine: as today", submitted: "2026-11-24 10:00", urgency: "routine", acknowledgeBy: "2026-11-24 14:00", decideBy: "2026-11-25 10:00" },
  { name: "at opening: a whole working day, so by that day's close", submitted: "2026-11-24 09:00", urgency: "today", acknowledgeBy: "2026-11-24 13:00", decideBy: "2026-11-24 17:00" },
  { name: "a minute after opening: the same time next day", submitted: "2026-11-24 09:01", urgency: "today", acknowledgeBy: "2026-11-24 13:01", decideBy: "2026-11-25 09:01" },
  { name: "four hours before closing: due at closing, not next morning", submitted: "2026-11-24 13:00", urgency: "today", acknowledgeBy: "2026-11-24 17:00", decideBy: "2026-11-25 13:00" },
  { name: "at closing: counts from the next opening", submitted: "2026-11-24 17:00", urgency: "today", acknowledgeBy: "2026-11-25 13:00", decideBy: "2026-11-25 17:00" },
  { name: "before opening: counts from opening, decided by that day's close", submitted: "2026-11-24 07:30", urgency: "today", acknowledgeBy: "2026-11-24 13:00", decideBy: "2026-11-24 17:00" },
  { name: "at night (02:00): from opening that morning", submitted: "2026-11-24 02:00", urgency: "today", acknowledgeBy: "2026-11-24 13:00", decideBy: "2026-11-24 17:00" },
  { name: "in the evening (20:00): from opening next morning", submitted: "2026-11-24 20:00", urgency: "today", acknowledgeBy: "2026-11-25 13:00", decideBy: "2026-11-25 17:00" },
  { name: "at night, front door now: still 15 minutes", submitted: "2026-11-25 03:00", urgency: "now", acknowledgeBy: "2026-11-25 03:15", decideBy: "2026-11-25 17:00" },
  { name: "Friday afternoon: across the weekend", submitted: "2026-11-27 15:00", urgency: "today", acknowledgeBy: "2026-11-30 11:00", decideBy: "2026-11-30 15:00" },
  { name: "Saturday: from Monday's opening", submitted: "2026-11-28 11:00", urgency: "today", acknowledgeBy: "2026-11-30 13:00", decideBy: "2026-11-30 17:00" },
  { name: "Saturday, front door now: 15 minutes, decided by Monday's close", submitted: "2026-11-28 11:00", urgency: "now", acknowledgeBy: "2026-11-28 11:15", decideBy: "2026-11-30 17:00" },
  { name: "Friday 16:30 before the spring bank holiday: Tuesday 16:30", submitted: "2026-05-22 16:30", urgency: "today", acknowledgeBy: "2026-05-26 12:30", decideBy: "2026-05-26 16:30" },
  { name: "Christmas Eve 2026 16:30: Christmas Day and Boxing Day's Monday substitute skipped", submitted: "2026-12-24 16:30", urgency: "today", acknowledgeBy: "2026-12-29 12:30", decideBy: "2026-12-29 16:30" },
  { name: "Christmas Day 2026: from Tuesday 29", submitted: "2026-12-25 10:00", urgency: "within-72-hours", acknowledgeBy: "2026-12-29 13:00", decideBy: "2026-12-29 17:00" },
  { name: "Thursday before Easter 2027, 14:00: Good Friday to Easter Monday skipped, clocks forward", submitted: "2027-03-25 14:00", urgency: "today", acknowledgeBy: "2027-03-30 10:00", decideBy: "2027-03-30 14:00" },
  { name: "New Year's Eve 2027 (Friday) 12:00: New Year's Day is a Saturday, Monday 3 January its substitute", submitted: "2027-12-31 12:00", urgency: "today", acknowledgeBy: "2027-12-31 16:00", decideBy: "2028-01-04 12:00" },
  { name: "Friday before clocks go forward (GMT to BST)", submitted: "2026-03-27 16:30", urgency: "today", acknowledgeBy: "2026-03-30 12:30", decideBy: "2026-03-30 16:30" },
  { name: "Friday before clocks go back (BST to GMT)", submitted: "2026-10-23 16:30", urgency: "today", acknowledgeBy: "2026-10-26 12:30", decideBy: "2026-10-26 16:30" },
  { name: "the night clocks go forward, front door now: 15 real minutes", submitted: "2026-03-29 00:50", urgency: "now", acknowledgeBy: "2026-03-29 02:05", decideBy: "2026-03-30 17:00" },
  { name: "the night clocks go back, front door now: 15 real minutes", submitted: "2026-10-25 00:50", urgency: "now", acknowledgeBy: "2026-10-25 01:05", decideBy: "2026-10-26 17:00" },
  { name: "Kingston's SPA, 08:00-18:00 (seed 002): Friday 16:30", submitted: "2026-11-27 16:30", urgency: "today", acknowledgeBy: "2026-11-30 10:30", decideBy: "2026-11-30 16:30", hours: KINGSTON_HOURS },
  { name: "Kingston's SPA: 08:15 counts at once", submitted: "2026-11-24 08:15", urgency: "today", acknowledgeBy: "2026-11-24 12:15", decideBy: "2026-11-25 08:15", hours: KINGSTON_HOURS },
];

describe("triageDeadlines", () => {
  it.each(DEADLINES)("$name", ({ submitted, urgency, acknowledgeBy, decideBy, hours }) => {
    const deadlines = triageDeadlines(london(submitted), urgency, hours);
    expect({ acknowledgeBy: inLondon(deadlines.acknowledgeBy), decideBy: inLondon(deadlines.decideBy) }).toEqual({ acknowledgeBy, decideBy });
  });

  it("keeps the seconds of the submission", () => {
    const deadlines = triageDeadlines(london("2026-11-24 10:02:37.500"), "today");
    expect(deadlines.acknowledgeBy).toEqual(london("2026-11-24 14:02:37.500"));
    expect(deadlines.decideBy).toEqual(london("2026-11-25 10:02:37.500"));
  });

  it("takes an area's front-door hours where its file has them, and the default otherwise", () => {
    expect(KINGSTON_HOURS).toEqual({ days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" });
    expect(frontDoorWorkingHours(area("richmond"))).toEqual(KINGSTON_HOURS);
    for (const id of ["sutton", "lambeth", "havering", "lewisham", "other"]) expect(frontDoorWorkingHours(area(id))).toBe(DEFAULT_WORKING_HOURS);
  });

  it("never puts the decision before the acknowledgement, even with two working hours a day", () => {
    const short = WeeklyWindow.parse({ days: ["mon", "tue", "wed", "thu", "fri"], from: "10:00", to: "12:00" });
    const deadlines = triageDeadlines(london("2026-11-24 10:00"), "today", short);
    expect(inLondon(deadlines.acknowledgeBy)).toBe("2026-11-25 12:00");
    expect(deadlines.decideBy).toEqual(deadlines.acknowledgeBy);
  });

  it("refuses an Invalid Date", () => {
    expect(() => triageDeadlines(new Date("nonsense"), "today")).toThrow("valid Date");
  });
});

describe("addWorkingTime", () => {
  it.each([
    { name: "nothing, within hours: the same instant", start: "2026-11-24 10:00", hours: 0, end: "2026-11-24 10:00" },
    { name: "nothing, at night: the next opening", start: "2026-11-24 22:00", hours: 0, end: "2026-11-25 09:00" },
    { name: "a working week from Monday morning: Friday's close", start: "2026-11-23 09:00", hours: 40, end: "2026-11-27 17:00" },
    { name: "a minute past a working week: the next Monday", start: "2026-11-23 09:00", hours: 40 + 1 / 60, end: "2026-11-30 09:01" },
  ])("$name", ({ start, hours, end }) => {
    expect(inLondon(addWorkingTime(london(start), hours * 3_600_000))).toBe(end);
  });

  it("counts a window to midnight on the days it names (a Saturday team, 20:00-24:00)", () => {
    const evenings = WeeklyWindow.parse({ days: ["sat"], from: "20:00", to: "24:00" });
    expect(inLondon(addWorkingTime(london("2026-11-24 10:00"), 4 * 3_600_000, evenings))).toBe("2026-11-29 00:00");
    expect(inLondon(addWorkingTime(london("2026-11-24 10:00"), 5 * 3_600_000, evenings))).toBe("2026-12-05 21:00");
  });

  it("refuses a negative duration", () => {
    expect(() => addWorkingTime(london("2026-11-24 10:00"), -1)).toThrow("0 or more");
  });
});

describe("deadline laws (fast-check)", () => {
  const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
  const urgency = fc.option(fc.constantFrom(...URGENCIES), { nil: undefined });
  const time = fc.integer({ min: 0, max: 23 }).chain((hour) => fc.constantFrom(0, 15, 30, 45).map((minute) => ({ hour, minute })));
  const hhmm = ({ hour, minute }: { hour: number; minute: number }) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  const hours = fc.oneof(
    fc.constant(DEFAULT_WORKING_HOURS),
    fc.constant(KINGSTON_HOURS),
    fc
      .record({ days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }), a: time, b: time })
      .filter(({ a, b }) => a.hour * 60 + a.minute !== b.hour * 60 + b.minute)
      .map(({ days, a, b }) => {
        const [from, to] = [a, b].sort((x, y) => x.hour * 60 + x.minute - (y.hour * 60 + y.minute));
        return WeeklyWindow.parse({ days, from: hhmm(from ?? a), to: hhmm(to ?? b) });
      }),
  );

  it("a deadline is never before the submission, nor the decision before the acknowledgement", () => {
    fc.assert(
      fc.property(instant, urgency, hours, (submittedAt, frontDoor, window) => {
        const { acknowledgeBy, decideBy } = triageDeadlines(submittedAt, frontDoor, window);
        expect(acknowledgeBy.getTime()).toBeGreaterThan(submittedAt.getTime());
        expect(decideBy.getTime()).toBeGreaterThanOrEqual(acknowledgeBy.getTime());
      }),
      { numRuns: 2_000 },
    );
  });

  it("a later submission never has an earlier deadline", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 14 * 86_400_000 }), urgency, hours, (first, laterBy, frontDoor, window) => {
        const earlier = triageDeadlines(first, frontDoor, window);
        const later = triageDeadlines(new Date(first.getTime() + laterBy), frontDoor, window);
        expect(later.acknowledgeBy.getTime()).toBeGreaterThanOrEqual(earlier.acknowledgeBy.getTime());
        expect(later.decideBy.getTime()).toBeGreaterThanOrEqual(earlier.decideBy.getTime());
      }),
      { numRuns: 1_000 },
    );
  });

  it("a later submission never has an earlier deadline, even with Sunday-night hours across a change of the clocks", () => {
    const sundayNights = WeeklyWindow.parse({ days: ["sun"], from: "00:30", to: "02:30" });
    const nearChange = fc.constantFrom("2026-03-28T20:00:00Z", "2026-10-24T20:00:00Z").chain((base) =>
      fc.integer({ min: 0, max: 12 * 3_600_000 }).map((offset) => new Date(Date.parse(base) + offset)),
    );
    fc.assert(
      fc.property(nearChange, fc.integer({ min: 0, max: 3 * 3_600_000 }), fc.integer({ min: 0, max: 3 * 3_600_000 }), (first, laterBy, workingMs) => {
        const earlier = addWorkingTime(first, workingMs, sundayNights);
        const later = addWorkingTime(new Date(first.getTime() + laterBy), workingMs, sundayNights);
        expect(earlier.getTime()).toBeGreaterThanOrEqual(first.getTime());
        expect(later.getTime()).toBeGreaterThanOrEqual(earlier.getTime());
      }),
      { numRuns: 2_000 },
    );
  });

  it("a deadline in working time falls on a working day, within its hours", () => {
    fc.assert(
      fc.property(instant, hours, (submittedAt, window) => {
        const { acknowledgeBy, decideBy } = triageDeadlines(submittedAt, "today", window);
        for (const deadline of [acknowledgeBy, decideBy]) {
          // A deadline at closing time 24:00 is 00:00 the next day: judge it a moment earlier.
          const local = londonTime(new Date(deadline.getTime() - 1));
          expect(window.days).toContain(local.weekday);
          expect(isBankHoliday(local.isoDate)).toBe(false);
          const [from, to] = [window.from ?? "00:00", window.to ?? "24:00"].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
          expect(local.minutes + 1).toBeGreaterThanOrEqual(from ?? 0);
          expect(local.minutes).toBeLessThan(to ?? 0);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

const SAM = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };

function after(state: TriageState, ...presses: TriageAction[]): TriageState {
  return presses.reduce((current, press) => {
    const result = applyTriageAction(current, press, SAM, london("2026-11-24 10:30"));
    if (!result.ok) throw new Error(result.message);
    return result.next;
  }, state);
}

const ACK: TriageAction = { type: "acknowledge" };
const ASSIGN: TriageAction = { type: "assign", assignee: SAM };
const ASK: TriageAction = { type: "request-info", question: "Which school?" };
const DECIDE: TriageAction = { type: "decide", outcome: "early-help", reason: "Family agree." };

// Submitted Tuesday 10:00, front door today: acknowledge by 14:00, decide by Wednesday 10:00.
const DEADLINES_OF_TUESDAY: TriageDeadlines = triageDeadlines(london("2026-11-24 10:00"), "today");
const STATE = {
  submitted: INITIAL_TRIAGE_STATE,
  acknowledged: after(INITIAL_TRIAGE_STATE, ACK),
  assigned: after(INITIAL_TRIAGE_STATE, ASSIGN),
  askedBeforeAcknowledging: after(INITIAL_TRIAGE_STATE, ASK),
  askedOnceAssigned: after(INITIAL_TRIAGE_STATE, ASSIGN, ASK),
  backUnacknowledged: after(INITIAL_TRIAGE_STATE, ASK, { type: "info-received" }),
  decided: after(INITIAL_TRIAGE_STATE, ASSIGN, DECIDE),
  reopened: after(INITIAL_TRIAGE_STATE, ASSIGN, DECIDE, { type: "reopen" }),
  reopenedAwaitingInfo: after(INITIAL_TRIAGE_STATE, ASSIGN, DECIDE, { type: "reopen" }, ASK),
} as const;

describe("isOverdue", () => {
  it.each([
    { state: "submitted", now: "2026-11-24 13:59", overdue: false },
    { state: "submitted", now: "2026-11-24 14:00", overdue: true },
    { state: "acknowledged", now: "2026-11-24 16:00", overdue: false },
    { state: "acknowledged", now: "2026-11-25 10:00", overdue: true },
    { state: "assigned", now: "2026-11-25 09:59", overdue: false },
    { state: "assigned", now: "2026-11-25 10:00", overdue: true },
    { state: "askedBeforeAcknowledging", now: "2026-11-24 16:00", overdue: false },
    { state: "askedOnceAssigned", now: "2026-11-25 11:00", overdue: true },
    { state: "backUnacknowledged", now: "2026-11-24 16:00", overdue: true },
    { state: "decided", now: "2026-12-24 10:00", overdue: false },
    { state: "reopened", now: "2026-12-24 10:00", overdue: false },
    { state: "reopenedAwaitingInfo", now: "2026-12-24 10:00", overdue: false },
  ] as const)("$state at $now: overdue $overdue", ({ state, now, overdue }) => {
    expect(isOverdue(STATE[state], DEADLINES_OF_TUESDAY, london(now))).toBe(overdue);
  });
});

describe("nextReminder", () => {
  const acknowledgeReminder = { kind: "acknowledge", to: "channel-thread", dueAt: london("2026-11-24 14:00") };
  const decisionEscalation = { kind: "decide", to: "area-admins", dueAt: london("2026-11-25 10:00") };

  it.each([
    { name: "submitted: the acknowledgement reminder, to the channel thread", state: "submitted", sent: [], reminder: acknowledgeReminder },
    { name: "submitted, that reminder sent: the escalation to area admins", state: "submitted", sent: ["acknowledge"], reminder: decisionEscalation },
    { name: "submitted, both sent: none left", state: "submitted", sent: ["acknowledge", "decide"], reminder: undefined },
    { name: "acknowledged: the escalation", state: "acknowledged", sent: [], reminder: decisionEscalation },
    { name: "assigned: the escalation", state: "assigned", sent: [], reminder: decisionEscalation },
    { name: "waiting for information: the escalation, not the acknowledgement reminder", state: "askedBeforeAcknowledging", sent: [], reminder: decisionEscalation },
    { name: "information back, still unacknowledged: the acknowledgement reminder again", state: "backUnacknowledged", sent: [], reminder: acknowledgeReminder },
    { name: "decided: none", state: "decided", sent: [], reminder: undefined },
    { name: "reopened: none, the deadline was met once", state: "reopened", sent: [], reminder: undefined },
  ] as const)("$name", ({ state, sent, reminder }) => {
    expect(nextReminder(STATE[state], DEADLINES_OF_TUESDAY, sent)).toEqual(reminder);
  });
});
