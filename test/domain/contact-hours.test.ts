import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ContactHours, WEEKDAYS, describeHours, isOpenAt, londonTime } from "../../src/domain/contact-hours.ts";

// The Kingston SPA day line and its out-of-hours line (DOMAIN.md §6).
const DAY_LINE = ContactHours.parse({ open: "within", window: { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" } });
const OUT_OF_HOURS = ContactHours.parse({ open: "outside", window: DAY_LINE.window });

// Instants are UTC; London is GMT (UTC+0) in winter and BST (UTC+1) from the last Sunday of
// March to the last Sunday of October.
const CASES: readonly { name: string; at: string; dayLineOpen: boolean }[] = [
  { name: "January weekday 07:59 GMT: before opening", at: "2026-01-13T07:59:00Z", dayLineOpen: false },
  { name: "January weekday 08:00 GMT: opening minute", at: "2026-01-13T08:00:00Z", dayLineOpen: true },
  { name: "January weekday 17:59 GMT: last open minute", at: "2026-01-13T17:59:00Z", dayLineOpen: true },
  { name: "January weekday 18:00 GMT: closing minute", at: "2026-01-13T18:00:00Z", dayLineOpen: false },
  { name: "July weekday 07:59 BST (06:59Z): before opening", at: "2026-07-14T06:59:00Z", dayLineOpen: false },
  { name: "July weekday 08:00 BST (07:00Z): opening minute", at: "2026-07-14T07:00:00Z", dayLineOpen: true },
  { name: "July weekday 17:59 BST (16:59Z): last open minute", at: "2026-07-14T16:59:00Z", dayLineOpen: true },
  { name: "July weekday 18:00 BST (17:00Z): closing minute", at: "2026-07-14T17:00:00Z", dayLineOpen: false },
  { name: "Sunday clocks go forward: closed all day", at: "2026-03-29T10:00:00Z", dayLineOpen: false },
  { name: "Monday after clocks go forward, 07:59 BST", at: "2026-03-30T06:59:00Z", dayLineOpen: false },
  { name: "Monday after clocks go forward, 08:00 BST", at: "2026-03-30T07:00:00Z", dayLineOpen: true },
  { name: "Sunday clocks go back: closed all day", at: "2026-10-25T10:00:00Z", dayLineOpen: false },
  { name: "Monday after clocks go back, 07:59 GMT", at: "2026-10-26T07:59:00Z", dayLineOpen: false },
  { name: "Monday after clocks go back, 08:00 GMT", at: "2026-10-26T08:00:00Z", dayLineOpen: true },
  { name: "Saturday 10:00", at: "2026-01-17T10:00:00Z", dayLineOpen: false },
  { name: "Sunday 10:00", at: "2026-01-18T10:00:00Z", dayLineOpen: false },
  { name: "Easter Monday 2026 10:00 BST: bank holiday", at: "2026-04-06T09:00:00Z", dayLineOpen: false },
  { name: "Tuesday after Easter 10:00 BST: open again", at: "2026-04-07T09:00:00Z", dayLineOpen: true },
  { name: "Christmas Day 2027 (Saturday) 10:00", at: "2027-12-25T10:00:00Z", dayLineOpen: false },
  { name: "Mon 27 Dec 2027 10:00: Christmas substitute", at: "2027-12-27T10:00:00Z", dayLineOpen: false },
  { name: "Tue 28 Dec 2027 10:00: Boxing Day substitute", at: "2027-12-28T10:00:00Z", dayLineOpen: false },
  { name: "Wed 29 Dec 2027 10:00: open again", at: "2027-12-29T10:00:00Z", dayLineOpen: true },
  { name: "Queen's state funeral, Mon 19 Sep 2022 10:00 BST", at: "2022-09-19T09:00:00Z", dayLineOpen: false },
  { name: "Tuesday 24 Nov 2026 10:00 GMT (DOMAIN.md §7 example)", at: "2026-11-24T10:00:00Z", dayLineOpen: true },
];

describe("isOpenAt", () => {
  it.each(CASES)("$name", ({ at, dayLineOpen }) => {
    expect(isOpenAt(DAY_LINE, new Date(at))).toBe(dayLineOpen);
    expect(isOpenAt(OUT_OF_HOURS, new Date(at))).toBe(!dayLineOpen);
  });

  const ALL_DAY = ContactHours.parse({ open: "within", window: { days: ["mon", "tue", "wed", "thu", "fri"] } });
  it.each([
    { name: "23:30Z on Easter Sunday is 00:30 BST on Easter Monday: closed", at: "2026-04-05T23:30:00Z", open: false },
    { name: "23:30Z on Easter Monday is 00:30 BST on Tuesday: open", at: "2026-04-06T23:30:00Z", open: true },
    { name: "23:59Z on a Friday in GMT is still Friday: open", at: "2026-01-16T23:59:00Z", open: true },
  ])("judges the day by the London date: $name", ({ at, open }) => {
    expect(isOpenAt(ALL_DAY, new Date(at))).toBe(open);
  });

  it("refuses an invalid Date", () => {
    expect(() => isOpenAt(DAY_LINE, new Date("not a date"))).toThrow("valid Date");
  });
});

describe("londonTime", () => {
  it.each([
    { name: "winter: London is UTC", at: "2026-01-13T08:00:00Z", isoDate: "2026-01-13", weekday: "tue", minutes: 8 * 60 },
    { name: "summer: London is UTC+1", at: "2026-07-14T07:00:00Z", isoDate: "2026-07-14", weekday: "tue", minutes: 8 * 60 },
    { name: "summer late evening is the next London day", at: "2026-07-14T23:30:00Z", isoDate: "2026-07-15", weekday: "wed", minutes: 30 },
    { name: "last GMT minute before clocks go forward", at: "2026-03-29T00:59:00Z", isoDate: "2026-03-29", weekday: "sun", minutes: 59 },
    { name: "clocks go forward: 01:00Z is 02:00 BST", at: "2026-03-29T01:00:00Z", isoDate: "2026-03-29", weekday: "sun", minutes: 120 },
    { name: "last BST minute before clocks go back", at: "2026-10-25T00:59:00Z", isoDate: "2026-10-25", weekday: "sun", minutes: 119 },
    { name: "clocks go back: 01:00Z is 01:00 GMT", at: "2026-10-25T01:00:00Z", isoDate: "2026-10-25", weekday: "sun", minutes: 60 },
  ])("$name", ({ at, isoDate, weekday, minutes }) => {
    expect(londonTime(new Date(at))).toEqual({ isoDate, weekday, minutes });
  });
});

describe("londonTime agrees with luxon's DateTime in Europe/London", () => {
  const viaLuxon = (at: Date) => {
    const local = DateTime.fromJSDate(at, { zone: "Europe/London" });
    return { isoDate: local.toISODate(), weekday: WEEKDAYS[local.weekday - 1], minutes: local.hour * 60 + local.minute };
  };

  it("for every quarter hour of 2026, both clock changes included", () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000) {
      expect(londonTime(new Date(ms))).toEqual(viaLuxon(new Date(ms)));
    }
  });

  it("for any instant from 1900 to 2100", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true }), (at) => {
        expect(londonTime(at)).toEqual(viaLuxon(at));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("describeHours", () => {
  const within = (window: object) => ContactHours.parse({ open: "within", window });
  const outside = (window: object) => ContactHours.parse({ open: "outside", window });
  const WEEK = ["mon", "tue", "wed", "thu", "fri"];

  it.each([
    { name: "the SPA day line", hours: DAY_LINE, text: "08:00-18:00 Mon-Fri" },
    { name: "the SPA out-of-hours line", hours: OUT_OF_HOURS, text: "Out of hours: before 08:00 and from 18:00 Mon-Fri, all day at weekends and on bank holidays" },
    { name: "a whole-day mailbox", hours: within({ days: WEEK }), text: "Mon-Fri, all day" },
    { name: "out of hours of a whole-day window", hours: outside({ days: WEEK }), text: "Out of hours: all day at weekends and on bank holidays" },
    { name: "days out of order are sorted", hours: within({ days: ["fri", "mon", "thu", "tue", "wed"], from: "09:00", to: "17:00" }), text: "09:00-17:00 Mon-Fri" },
    { name: "scattered days are listed", hours: within({ days: ["mon", "wed", "fri"], from: "09:00", to: "17:00" }), text: "09:00-17:00 Mon, Wed, Fri" },
    { name: "the other scattered days are named too", hours: within({ days: ["tue", "thu"], from: "09:00", to: "17:00" }), text: "09:00-17:00 Tue, Thu" },
    { name: "a run of two days is listed", hours: within({ days: ["mon", "tue", "wed", "sat", "sun"], from: "09:00", to: "12:30" }), text: "09:00-12:30 Mon-Wed, Sat, Sun" },
    { name: "a window to midnight", hours: within({ days: WEEK, from: "20:00", to: "24:00" }), text: "20:00-24:00 Mon-Fri" },
    { name: "out of hours of a six-day window", hours: outside({ days: [...WEEK, "sat"], from: "08:00", to: "18:00" }), text: "Out of hours: before 08:00 and from 18:00 Mon-Sat, all day on Sun and on bank holidays" },
    { name: "out of hours of a window open every evening", hours: outside({ days: [...WEEK, "sat", "sun"], from: "17:00" }), text: "Out of hours: before 17:00 Mon-Sun, all day on bank holidays" },
  ])("$name: $text", ({ hours, text }) => {
    expect(describeHours(hours)).toBe(text);
  });
});

describe("ContactHours schema", () => {
  const issuesOf = (input: unknown) =>
    ContactHours.safeParse(input).error?.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const hours = (window: unknown) => ({ open: "within", window });

  it.each([
    { name: "a time like 8am", input: hours({ days: ["mon"], from: "8am", to: "18:00" }), path: "window.from", message: 'expected a time like "08:00" (24-hour HH:MM), got "8am"' },
    { name: "a time without a leading zero", input: hours({ days: ["mon"], from: "8:00", to: "18:00" }), path: "window.from", message: 'expected a time like "08:00" (24-hour HH:MM), got "8:00"' },
    { name: "24:00 as a start", input: hours({ days: ["mon"], from: "24:00" }), path: "window.from", message: 'expected a time like "08:00" (24-hour HH:MM), got "24:00"' },
    { name: "to before from", input: hours({ days: ["mon"], from: "18:00", to: "08:00" }), path: "window.to", message: '"to" (08:00) must be later than "from" (18:00); a window cannot run past midnight' },
    { name: "to equal to from", input: hours({ days: ["mon"], from: "08:00", to: "08:00" }), path: "window.to", message: '"to" (08:00) must be later than "from" (08:00); a window cannot run past midnight' },
    { name: "no days", input: hours({ days: [], from: "08:00", to: "18:00" }), path: "window.days", message: 'list at least one day in "days", e.g. ["mon", "tue", "wed", "thu", "fri"]' },
    { name: "a day listed twice", input: hours({ days: ["mon", "mon"] }), path: "window.days", message: 'list each day once in "days"' },
    { name: "a day spelt out", input: hours({ days: ["monday"] }), path: "window.days.0", message: 'expected a day: one of mon, tue, wed, thu, fri, sat, sun; got "monday"' },
    { name: "an unknown key in the window", input: hours({ days: ["mon"], open24: true }), path: "window", message: 'unknown field "open24": a window has only "days", "from" and "to"' },
    { name: "an unknown key beside the window", input: { ...hours({ days: ["mon"] }), phone: "020" }, path: "", message: 'unknown field "phone": hours have only "open" and "window"' },
    { name: "an unknown kind of opening", input: { open: "sometimes", window: { days: ["mon"] } }, path: "open", message: 'expected "open" to be "within" or "outside", got "sometimes"' },
    // Mutation testing: these survived a first run.
    { name: "a time with more after it", input: hours({ days: ["mon"], from: "08:000", to: "18:00" }), path: "window.from", message: 'expected a time like "08:00" (24-hour HH:MM), got "08:000"' },
    { name: "an end time with more after it", input: hours({ days: ["mon"], from: "08:00", to: "18:00pm" }), path: "window.to", message: 'expected a time like "08:00" (24-hour HH:MM), got "18:00pm"' },
    { name: "a start time that is a number", input: hours({ days: ["mon"], from: 800 }), path: "window.from", message: 'expected a time like "08:00" (24-hour HH:MM), got 800' },
    { name: "an end time that is a number", input: hours({ days: ["mon"], to: 1800 }), path: "window.to", message: 'expected a time like "08:00" (24-hour HH:MM), got 1800' },
    { name: "days that are not a list", input: hours({ days: "mon" }), path: "window.days", message: 'expected "days" to be a list like ["mon", "tue"]' },
    { name: "a window that is not an object", input: hours("weekdays"), path: "window", message: 'expected a window like { "days": ["mon"], "from": "08:00", "to": "18:00" }' },
    { name: "two unknown keys in the window", input: hours({ days: ["mon"], open24: true, note: "x" }), path: "window", message: 'unknown field "open24", "note": a window has only "days", "from" and "to"' },
  ])("rejects $name", ({ input, path, message }) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it.each([
    { name: "a day line", input: hours({ days: ["mon"], from: "08:00", to: "18:00" }) },
    { name: "a window to midnight", input: hours({ days: ["sat"], from: "20:00", to: "24:00" }) },
    { name: "a whole-day window", input: { open: "outside", window: { days: ["sun"] } } },
  ])("accepts $name", ({ input }) => {
    expect(ContactHours.parse(input)).toEqual(input);
  });
});
