// "Who do I call in Sutton at night?" (DESIGN.md "Questions"): the area, and the London time at
// which to judge which lines are open (DOMAIN.md §6).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { frontDoorContacts } from "../../src/domain/pathway-contacts.ts";
import { parseContactQuestion } from "../../src/services/parse-contact-question.ts";

const AREAS = loadAreas();
/** Monday 23 November 2026, 10:00 in London (GMT). */
const MONDAY_MORNING = new Date("2026-11-23T10:00:00Z");
/** Monday 15 June 2026, 10:00 in London (BST, 09:00 UTC). */
const SUMMER_MONDAY = new Date("2026-06-15T09:00:00Z");

const parse = (text: string, now = MONDAY_MORNING) => parseContactQuestion(text, AREAS, now);

describe("a contact question naming an area", () => {
  it.each([
    ["who do I call in Sutton", "sutton"],
    ["Who should I contact in KINGSTON?", "kingston"],
    ["who do I ring in Kingston upon Thames", "kingston"],
    ["who can I phone in Richmond", "richmond"],
    ["who do I email in lambeth", "lambeth"],
    ["contacts for Havering", "havering"],
    ["number for Lewisham", "lewisham"],
    ["Sutton MASH number", "sutton"],
    ["what's the phone number for Richmond upon Thames", "richmond"],
    ["how do I contact Lewisham's MASH", "lewisham"],
    ["who is on call in Havering", "havering"],
    ["contacts for another area", "other"],
    ["who do I call, Kingston or Richmond?", "kingston"],
  ])("%s -> %s", (text, areaId) => {
    expect(parse(text)).toMatchObject({ kind: "contacts", areaId });
  });
});

describe("the time asked about, in London", () => {
  it.each([
    ["no time: now", "who do I call in Sutton", "2026-11-23T10:00:00.000Z", "10:00 on Monday 23 November"],
    ["now", "who do I call in Sutton now", "2026-11-23T10:00:00.000Z", "10:00 on Monday 23 November"],
    ["at 9pm", "who do I call in Sutton at 9pm", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["9 pm", "who do I call in Sutton 9 pm", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["9.30 p.m.", "who do I call in Sutton at 9.30 p.m.", "2026-11-23T21:30:00.000Z", "21:30 on Monday 23 November"],
    ["12am is midnight", "who do I call in Sutton at 12am", "2026-11-23T00:00:00.000Z", "00:00 on Monday 23 November"],
    ["21:00", "who do I call in Sutton at 21:00", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["at 9 reads the 24-hour clock", "who do I call in Sutton at 9", "2026-11-23T09:00:00.000Z", "09:00 on Monday 23 November"],
    ["at 9 tonight", "who do I call in Sutton at 9 tonight", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["tonight", "who do I call in Sutton tonight", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["at night", "who do I call in Sutton at night?", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["out of hours", "Sutton out of hours number", "2026-11-23T21:00:00.000Z", "21:00 on Monday 23 November"],
    ["a time already past today stays today", "who do I call in Sutton at 8am", "2026-11-23T08:00:00.000Z", "08:00 on Monday 23 November"],
    ["at the weekend: next Saturday, midday", "who do I call in Sutton at the weekend", "2026-11-28T12:00:00.000Z", "12:00 on Saturday 28 November"],
    ["on Saturday", "who do I call in Sutton on Saturday", "2026-11-28T12:00:00.000Z", "12:00 on Saturday 28 November"],
    ["on Sunday", "who do I call in Sutton on Sunday", "2026-11-29T12:00:00.000Z", "12:00 on Sunday 29 November"],
    ["Saturday night", "who do I call in Sutton on Saturday night", "2026-11-28T21:00:00.000Z", "21:00 on Saturday 28 November"],
    ["on Monday, asked on a Monday: today", "who do I call in Sutton on Monday", "2026-11-23T12:00:00.000Z", "12:00 on Monday 23 November"],
    ["tomorrow", "who do I call in Sutton tomorrow at 7pm", "2026-11-24T19:00:00.000Z", "19:00 on Tuesday 24 November"],
  ])("%s", (_name, text, at, atDescribed) => {
    // Only a question that names no day or time (here: asked at 10:00) is about "now".
    expect(parse(text)).toEqual({ kind: "contacts", areaId: "sutton", at: new Date(at), atDescribed, timeNamed: at !== "2026-11-23T10:00:00.000Z" });
  });

  it("reads times on the London clock in summer (BST)", () => {
    expect(parse("who do I call in Sutton at 9pm", SUMMER_MONDAY)).toMatchObject({ at: new Date("2026-06-15T20:00:00Z") });
  });

  it("uses the London date, not the UTC one, just after midnight in summer", () => {
    // 23:30 UTC on Monday is 00:30 BST on Tuesday.
    const result = parse("who do I call in Sutton at 9pm", new Date("2026-06-15T23:30:00Z"));
    expect(result).toMatchObject({ at: new Date("2026-06-16T20:00:00Z"), atDescribed: "21:00 on Tuesday 16 June" });
  });

  it("counts a weekend asked about on a Saturday as today", () => {
    const saturday = new Date("2026-11-28T10:00:00Z");
    expect(parse("who do I call in Sutton at the weekend", saturday)).toMatchObject({ at: new Date("2026-11-28T12:00:00Z") });
  });

  it("keeps 9pm at 9pm on the day the clocks go forward", () => {
    // Sunday 29 March 2026: BST from 01:00 UTC.
    expect(parse("who do I call in Sutton at 9pm", new Date("2026-03-29T00:30:00Z"))).toMatchObject({ at: new Date("2026-03-29T20:00:00Z") });
  });
});

// DOMAIN.md §6: the named days, with an optional time, the next one on or after today. From Monday
// 23 November 2026: Christmas Day is a Friday; Boxing Day's bank holiday is Monday 28 December.
describe("named days in a contact question", () => {
  it.each([
    ["today", "who do I call in Kingston today", "2026-11-23T12:00:00.000Z", "12:00 on Monday 23 November"],
    ["Christmas Day at 10am", "who do I call in Kingston on Christmas day at 10am", "2026-12-25T10:00:00.000Z", "10:00 on Friday 25 December"],
    ["Christmas", "who do I call in Kingston over Christmas", "2026-12-25T12:00:00.000Z", "12:00 on Friday 25 December"],
    ["xmas", "Kingston phone number on xmas", "2026-12-25T12:00:00.000Z", "12:00 on Friday 25 December"],
    ["Boxing Day", "who do I call in Kingston on boxing day", "2026-12-26T12:00:00.000Z", "12:00 on Saturday 26 December"],
    ["New Year's Day", "who do I call in Kingston on new years day", "2027-01-01T12:00:00.000Z", "12:00 on Friday 1 January 2027"],
    ["Good Friday", "who do I call in Kingston on Good Friday", "2027-03-26T12:00:00.000Z", "12:00 on Friday 26 March 2027"],
    ["Easter Monday (BST)", "who do I call in Kingston on Easter Monday", "2027-03-29T11:00:00.000Z", "12:00 on Monday 29 March 2027"],
    ["bank holiday Monday", "who do I call in Kingston on bank holiday Monday", "2026-12-28T12:00:00.000Z", "12:00 on Monday 28 December"],
    ["next bank holiday", "who do I call in Kingston on the next bank holiday", "2026-12-25T12:00:00.000Z", "12:00 on Friday 25 December"],
  ])("%s", (_name, text, at, atDescribed) => {
    expect(parse(text)).toEqual({ kind: "contacts", areaId: "kingston", at: new Date(at), atDescribed, timeNamed: true });
  });

  it("who do I call in Kingston on Christmas day at 10am: 10:00 on 25 December, the SPA closed for the bank holiday", () => {
    const result = parse("who do I call in Kingston on Christmas day at 10am");
    expect(result).toMatchObject({ kind: "contacts", areaId: "kingston", at: new Date("2026-12-25T10:00:00Z"), atDescribed: "10:00 on Friday 25 December" });
    const at = result?.kind === "contacts" ? result.at : MONDAY_MORNING;
    const lines = frontDoorContacts({ area: AREAS.get("kingston")!, at }).contacts ?? [];
    expect(lines.map(({ name, openNow }) => ({ name, openNow }))).toEqual([
      { name: "Out-of-hours line", openNow: true },
      { name: "Single Point of Access", openNow: false },
    ]);
  });
});

// DOMAIN.md §6: a day or time that cannot be read is said so, never silently replaced by another day.
describe("a day or time that cannot be read", () => {
  it.each([
    ["at 25:00", "who do I call in Sutton at 25:00", 'I could not read the time "25:00": showing who is open now.'],
    ["at 9.75pm", "who do I call in Sutton at 9.75pm", 'I could not read the time "9.75pm": showing who is open now.'],
    ["31 February", "who do I call in Sutton on the 31st of February", 'I could not read the day "31st of february": showing who is open now.'],
    ["Chrismas Eve", "who do I call in Sutton on Chrismas eve", 'I could not read the day "chrismas": showing who is open now.'],
    ["over Easter", "who do I call in Sutton over Easter", 'I could not read the day "easter": showing who is open now.'],
  ])("%s: now, and said so", (_name, text, unreadable) => {
    expect(parse(text)).toEqual({ kind: "contacts", areaId: "sutton", at: MONDAY_MORNING, atDescribed: "10:00 on Monday 23 November", timeNamed: false, unreadable });
  });
});

describe("a contact question naming no known area", () => {
  it.each(["who do I call", "Who do I contact?", "who should I ring tonight", "contacts for the out of hours team"])("%s", (text) => {
    expect(parse(text)).toEqual({ kind: "contacts-no-area" });
  });
});

describe("not a contact question", () => {
  it.each([
    "what is sexting",
    "what happens after I refer",
    "county lines in Sutton",
    "the Phoenix Project in Kingston",
    "she has contact with older men in Lambeth",
    "who do I tell",
    "what does Lambeth call category 2",
    "what number of missing episodes is a worry",
    "Kingston",
    "",
  ])("%s", (text) => {
    expect(parse(text)).toBeUndefined();
  });
});

it("never throws, and any time it gives is a valid date (fast-check)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("", " who do I call in Sutton ", " at 9pm", " on Sunday"), (noise, phrase) => {
      const result = parse(`${noise}${phrase}${noise}`);
      if (result?.kind === "contacts") expect(Number.isNaN(result.at.getTime())).toBe(false);
    }),
  );
});
