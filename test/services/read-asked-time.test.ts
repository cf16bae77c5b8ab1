// The day and time a question names, as a London moment (DOMAIN.md §6): "at 9pm", "tonight",
// "on Saturday", the named days (Christmas Day, Boxing Day, New Year's Day, Good Friday, Easter
// Monday, "bank holiday Monday"), and a day or time that cannot be read said so, never replaced
// by another day.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBankHoliday } from "../../src/domain/bank-holidays.ts";
import { readAskedTime } from "../../src/services/read-asked-time.ts";

/** Monday 23 November 2026, 10:00 in London (GMT). */
const MONDAY_MORNING = new Date("2026-11-23T10:00:00Z");

const read = (text: string, now = MONDAY_MORNING) => readAskedTime(text, now);

describe("times of day, as before", () => {
  it.each([
    ["at 9pm", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["9.30 pm", "2026-11-23T21:30:00Z", "21:30 on Monday 23 November"],
    ["at 9.30 p.m.", "2026-11-23T21:30:00Z", "21:30 on Monday 23 November"],
    ["21:00", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["at 9, on the 24-hour clock", "2026-11-23T09:00:00Z", "09:00 on Monday 23 November"],
    ["at 9 tonight", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["12am is midnight at the start of the day", "2026-11-23T00:00:00Z", "00:00 on Monday 23 November"],
    ["tonight", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["overnight", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["out of hours", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["out-of-hours", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["this evening", "2026-11-23T19:00:00Z", "19:00 on Monday 23 November"],
    ["this morning", "2026-11-23T09:00:00Z", "09:00 on Monday 23 November"],
    ["this afternoon", "2026-11-23T14:00:00Z", "14:00 on Monday 23 November"],
    ["at midday", "2026-11-23T12:00:00Z", "12:00 on Monday 23 November"],
    ["at noon", "2026-11-23T12:00:00Z", "12:00 on Monday 23 November"],
    ["at 2100, without a colon", "2026-11-23T21:00:00Z", "21:00 on Monday 23 November"],
    ["at midnight: the end of today", "2026-11-24T00:00:00Z", "00:00 on Tuesday 24 November"],
  ])("%s", (text, at, described) => {
    expect(read(text)).toEqual({ at: new Date(at), described, timeNamed: true });
  });
});

describe("days, as before", () => {
  it.each([
    ["on Saturday: midday", "2026-11-28T12:00:00Z", "12:00 on Saturday 28 November"],
    ["on Sunday", "2026-11-29T12:00:00Z", "12:00 on Sunday 29 November"],
    ["Saturday night", "2026-11-28T21:00:00Z", "21:00 on Saturday 28 November"],
    ["on Monday, asked on a Monday: today", "2026-11-23T12:00:00Z", "12:00 on Monday 23 November"],
    ["next Monday, asked on a Monday: a week on", "2026-11-30T12:00:00Z", "12:00 on Monday 30 November"],
    ["tomorrow at 7pm", "2026-11-24T19:00:00Z", "19:00 on Tuesday 24 November"],
    ["tomorrow morning", "2026-11-24T09:00:00Z", "09:00 on Tuesday 24 November"],
    ["at the weekend: Saturday", "2026-11-28T12:00:00Z", "12:00 on Saturday 28 November"],
  ])("%s", (text, at, described) => {
    expect(read(text)).toEqual({ at: new Date(at), described, timeNamed: true });
  });
});

// DOMAIN.md §6: the named days, each the next one on or after today, with an optional time.
// From Monday 23 November 2026: Christmas Day is a Friday, Boxing Day a Saturday (its bank holiday
// is Monday 28 December), and Easter 2027 falls on 28 March.
describe("named days", () => {
  it.each([
    ["today: midday", "today", "2026-11-23T12:00:00Z", "12:00 on Monday 23 November"],
    ["today at 3pm", "today at 3pm", "2026-11-23T15:00:00Z", "15:00 on Monday 23 November"],
    ["Christmas Day", "on Christmas Day", "2026-12-25T12:00:00Z", "12:00 on Friday 25 December"],
    ["Christmas Day at 10am", "on christmas day at 10am", "2026-12-25T10:00:00Z", "10:00 on Friday 25 December"],
    ["Christmas", "over christmas", "2026-12-25T12:00:00Z", "12:00 on Friday 25 December"],
    ["xmas", "on xmas at 8pm", "2026-12-25T20:00:00Z", "20:00 on Friday 25 December"],
    ["x-mas", "x-mas day", "2026-12-25T12:00:00Z", "12:00 on Friday 25 December"],
    ["Christmas morning", "christmas morning", "2026-12-25T09:00:00Z", "09:00 on Friday 25 December"],
    ["Christmas Eve is not Christmas Day", "on christmas eve at 9pm", "2026-12-24T21:00:00Z", "21:00 on Thursday 24 December"],
    ["Boxing Day", "on Boxing Day", "2026-12-26T12:00:00Z", "12:00 on Saturday 26 December"],
    ["New Year's Day, next year named", "on New Year's Day", "2027-01-01T12:00:00Z", "12:00 on Friday 1 January 2027"],
    ["new years day", "new years day at 9am", "2027-01-01T09:00:00Z", "09:00 on Friday 1 January 2027"],
    ["New Year\u2019s Day, curly apostrophe", "new year\u2019s day", "2027-01-01T12:00:00Z", "12:00 on Friday 1 January 2027"],
    ["New Year's Eve is not New Year's Day", "on new year's eve", "2026-12-31T12:00:00Z", "12:00 on Thursday 31 December"],
    ["Good Friday", "on Good Friday", "2027-03-26T12:00:00Z", "12:00 on Friday 26 March 2027"],
    // British Summer Time from 28 March 2027: 09:00 in London is 08:00 UTC.
    ["Easter Monday morning, in BST", "easter monday morning", "2027-03-29T08:00:00Z", "09:00 on Monday 29 March 2027"],
    ["Easter Sunday", "easter sunday", "2027-03-28T11:00:00Z", "12:00 on Sunday 28 March 2027"],
    ["bank holiday Monday: the next on a Monday (Boxing Day's substitute)", "on bank holiday monday", "2026-12-28T12:00:00Z", "12:00 on Monday 28 December"],
    ["next bank holiday", "the next bank holiday", "2026-12-25T12:00:00Z", "12:00 on Friday 25 December"],
    ["next bank holiday at night", "next bank holiday at 10pm", "2026-12-25T22:00:00Z", "22:00 on Friday 25 December"],
    ["August bank holiday", "august bank holiday", "2027-08-30T11:00:00Z", "12:00 on Monday 30 August 2027"],
    ["early May bank holiday", "early may bank holiday", "2027-05-03T11:00:00Z", "12:00 on Monday 3 May 2027"],
    ["spring bank holiday", "spring bank holiday", "2027-05-31T11:00:00Z", "12:00 on Monday 31 May 2027"],
    ["Monday, the bank holiday: the next one on a Monday", "on monday, the bank holiday", "2026-12-28T12:00:00Z", "12:00 on Monday 28 December"],
    ["a named day wins over a plain bank holiday", "on Boxing Day, a bank holiday", "2026-12-26T12:00:00Z", "12:00 on Saturday 26 December"],
    ["a date", "on 25 December at 10am", "2026-12-25T10:00:00Z", "10:00 on Friday 25 December"],
    ["a date with an ordinal", "on the 2nd of January", "2027-01-02T12:00:00Z", "12:00 on Saturday 2 January 2027"],
    ["a date, month first", "december 24th at 6pm", "2026-12-24T18:00:00Z", "18:00 on Thursday 24 December"],
    ["a date in figures", "on 25/12", "2026-12-25T12:00:00Z", "12:00 on Friday 25 December"],
    ["a date with its year", "on 4/1/2027", "2027-01-04T12:00:00Z", "12:00 on Monday 4 January 2027"],
    ["29 February: the next leap year", "on 29 February", "2028-02-29T12:00:00Z", "12:00 on Tuesday 29 February 2028"],
  ])("%s", (_name, text, at, described) => {
    expect(read(text)).toEqual({ at: new Date(at), described, timeNamed: true });
  });

  it("Christmas asked on Boxing Day is next year's", () => {
    expect(read("christmas day", new Date("2026-12-26T10:00:00Z"))).toMatchObject({ at: new Date("2027-12-25T12:00:00Z"), described: "12:00 on Saturday 25 December 2027" });
  });

  it("Christmas asked on Christmas morning is today", () => {
    expect(read("christmas day", new Date("2026-12-25T09:00:00Z"))).toMatchObject({ at: new Date("2026-12-25T12:00:00Z"), timeNamed: true });
  });

  // A line shown open at 12:00 may have closed by the time the question is asked.
  it("a day named without a time, when that day is today and midday has gone: now", () => {
    const evening = new Date("2026-11-23T19:30:00Z");
    expect(read("today", evening)).toEqual({ at: evening, described: "19:30 on Monday 23 November", timeNamed: true });
    expect(read("on Monday", evening)).toMatchObject({ at: evening });
  });

  it("every bank holiday it names is one", () => {
    for (const text of ["bank holiday monday", "next bank holiday", "august bank holiday", "christmas bank holiday", "easter bank holiday", "may bank holiday"]) {
      const { at } = read(text);
      expect(isBankHoliday(at.toISOString().slice(0, 10)), text).toBe(true);
    }
  });
});

// DOMAIN.md §6: "a day or time that cannot be read is said so ('I could not read the day: showing
// who is open now'), never silently replaced by another day".
describe("a day or time that cannot be read: said so, and now", () => {
  it.each([
    ["an hour past 23", "at 25:00", 'I could not read the time "25:00": showing who is open now.'],
    ["minutes past 59", "at 9.75pm", 'I could not read the time "9.75pm": showing who is open now.'],
    ["13pm", "at 13pm", 'I could not read the time "13pm": showing who is open now.'],
    ["a decimal hour is not read as 5pm", "at 9.5pm", 'I could not read the time "9.5pm": showing who is open now.'],
    ["at 9.5", "at 9.5", 'I could not read the time "at 9.5": showing who is open now.'],
    ["at 30", "at 30", 'I could not read the time "at 30": showing who is open now.'],
    ["31 February", "on the 31st of February", 'I could not read the day "31st of february": showing who is open now.'],
    ["30/02", "on 30/02", 'I could not read the day "on 30/02": showing who is open now.'],
    ["a misspelt Christmas Eve", "on Chrismas eve", 'I could not read the day "chrismas": showing who is open now.'],
    ["a misspelt Wednesday", "on wensday", 'I could not read the day "wensday": showing who is open now.'],
    ["a misspelt tomorrow", "tommorow at 9pm", 'I could not read the day "tommorow": showing who is open now.'],
    ["Easter alone: which day?", "over Easter", 'I could not read the day "easter": showing who is open now.'],
    ["a bank holiday on a day there is none", "bank holiday wednesday", 'I could not read the day "bank holiday wednesday": showing who is open now.'],
    ["a day of no month", "on the 3rd", 'I could not read the day "on the 3rd": showing who is open now.'],
    ["a day gone by", "on 25/12/2020", 'The day "on 25/12/2020" has passed: showing who is open now.'],
    ["a time read, the day not: not 9pm today", "on chrismas eve at 9pm", 'I could not read the day "chrismas": showing who is open now.'],
  ])("%s", (_name, text, unreadable) => {
    expect(read(text)).toEqual({ at: MONDAY_MORNING, described: "10:00 on Monday 23 November", timeNamed: false, unreadable });
  });
});

describe("when something happened is not when help is needed: the past is not the time asked", () => {
  it.each([
    "a 15 year old was raped last night",
    "she went missing yesterday evening",
    "he was assaulted 2 days ago",
    "it happened last weekend at a party",
    "she told me about it earlier this morning",
  ])("%s: now", (text) => {
    expect(read(text)).toEqual({ at: MONDAY_MORNING, described: "10:00 on Monday 23 November", timeNamed: false });
  });

  it.each(["who is open tonight", "she is missing tonight", "what do I do out of hours"])("%s, asked at 03:00 on a Sunday: the night under way, so now", (text) => {
    const sunday03 = new Date("2026-11-29T03:00:00Z");
    expect(read(text, sunday03)).toMatchObject({ at: sunday03, timeNamed: false });
    // At 10:00 the same words are about 21:00 today; "at 9 tonight" names its own time.
    expect(read(text)).toMatchObject({ at: new Date("2026-11-23T21:00:00Z"), timeNamed: true });
    expect(read("who is open at 11pm tonight", sunday03)).toMatchObject({ at: new Date("2026-11-29T23:00:00Z"), timeNamed: true });
  });

  it("a time asked about beside a past event is still read", () => {
    expect(read("she was assaulted last night, who is open tonight")).toMatchObject({ at: new Date("2026-11-23T21:00:00Z"), timeNamed: true });
  });
});

describe("no day or time named: now", () => {
  it.each([
    "who do I call in Sutton",
    "who do I call in Sutton now",
    "good morning, who do I call in Sutton",
    "is there a 24/7 line",
    "she was given sundry gifts",
    "",
  ])("%s", (text) => {
    expect(read(text)).toEqual({ at: MONDAY_MORNING, described: "10:00 on Monday 23 November", timeNamed: false });
  });
});

describe("London time", () => {
  it("reads times on the London clock in summer (BST)", () => {
    expect(read("at 9pm", new Date("2026-06-15T09:00:00Z"))).toMatchObject({ at: new Date("2026-06-15T20:00:00Z") });
  });

  it("uses the London date, not the UTC one, just after midnight in summer", () => {
    expect(read("at 9pm", new Date("2026-06-15T23:30:00Z"))).toMatchObject({ at: new Date("2026-06-16T20:00:00Z"), described: "21:00 on Tuesday 16 June" });
  });

  it("refuses an invalid now", () => {
    expect(() => read("at 9pm", new Date(Number.NaN))).toThrow(RangeError);
  });
});

it("never throws; a time it reads is valid; an unreadable one is now, not named (fast-check)", () => {
  const phrases = ["", " at 9pm", " on christmas day", " bank holiday monday", " at 25:00", " on 31/02", " easter", " next bank holiday at 10am"];
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom(...phrases), (noise, phrase) => {
      const result = read(`${noise}${phrase}${noise}`);
      expect(Number.isNaN(result.at.getTime())).toBe(false);
      if (result.unreadable !== undefined) expect(result).toMatchObject({ at: MONDAY_MORNING, timeNamed: false });
    }),
  );
});
