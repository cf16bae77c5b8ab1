import { describe, expect, it } from "vitest";
import { easterSunday, englandAndWalesBankHolidays, isBankHoliday } from "../../src/domain/bank-holidays.ts";

const NEW_YEAR = "New Year's Day";
const GOOD_FRIDAY = "Good Friday";
const EASTER_MONDAY = "Easter Monday";
const EARLY_MAY = "Early May bank holiday";
const SPRING = "Spring bank holiday";
const SUMMER = "Summer bank holiday";
const CHRISTMAS = "Christmas Day";
const BOXING = "Boxing Day";
const sub = (name: string) => `${name} (substitute day)`;

// The official lists from gov.uk/bank-holidays (England and Wales).
const OFFICIAL: readonly { year: number; why: string; holidays: readonly [string, string][] }[] = [
  {
    year: 2015,
    why: "Christmas on a Friday: Boxing Day (Saturday) moves to Monday 28",
    holidays: [["2015-01-01", NEW_YEAR], ["2015-04-03", GOOD_FRIDAY], ["2015-04-06", EASTER_MONDAY], ["2015-05-04", EARLY_MAY], ["2015-05-25", SPRING], ["2015-08-31", SUMMER], ["2015-12-25", CHRISTMAS], ["2015-12-28", sub(BOXING)]],
  },
  {
    year: 2016,
    why: "Christmas on a Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27",
    holidays: [["2016-01-01", NEW_YEAR], ["2016-03-25", GOOD_FRIDAY], ["2016-03-28", EASTER_MONDAY], ["2016-05-02", EARLY_MAY], ["2016-05-30", SPRING], ["2016-08-29", SUMMER], ["2016-12-26", BOXING], ["2016-12-27", sub(CHRISTMAS)]],
  },
  {
    year: 2017,
    why: "New Year's Day on a Sunday: substitute Monday 2 January",
    holidays: [["2017-01-02", sub(NEW_YEAR)], ["2017-04-14", GOOD_FRIDAY], ["2017-04-17", EASTER_MONDAY], ["2017-05-01", EARLY_MAY], ["2017-05-29", SPRING], ["2017-08-28", SUMMER], ["2017-12-25", CHRISTMAS], ["2017-12-26", BOXING]],
  },
  {
    year: 2020,
    why: "VE Day 75th: early May bank holiday moved to Friday 8 May",
    holidays: [["2020-01-01", NEW_YEAR], ["2020-04-10", GOOD_FRIDAY], ["2020-04-13", EASTER_MONDAY], ["2020-05-08", "Early May bank holiday (VE day)"], ["2020-05-25", SPRING], ["2020-08-31", SUMMER], ["2020-12-25", CHRISTMAS], ["2020-12-28", sub(BOXING)]],
  },
  {
    year: 2021,
    why: "Christmas on a Saturday: substitutes Monday 27 and Tuesday 28",
    holidays: [["2021-01-01", NEW_YEAR], ["2021-04-02", GOOD_FRIDAY], ["2021-04-05", EASTER_MONDAY], ["2021-05-03", EARLY_MAY], ["2021-05-31", SPRING], ["2021-08-30", SUMMER], ["2021-12-27", sub(CHRISTMAS)], ["2021-12-28", sub(BOXING)]],
  },
  {
    year: 2022,
    why: "Platinum Jubilee (spring bank holiday moved, extra day), the Queen's state funeral, New Year and Christmas substitutes",
    holidays: [["2022-01-03", sub(NEW_YEAR)], ["2022-04-15", GOOD_FRIDAY], ["2022-04-18", EASTER_MONDAY], ["2022-05-02", EARLY_MAY], ["2022-06-02", SPRING], ["2022-06-03", "Platinum Jubilee bank holiday"], ["2022-08-29", SUMMER], ["2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"], ["2022-12-26", BOXING], ["2022-12-27", sub(CHRISTMAS)]],
  },
  {
    year: 2023,
    why: "Coronation of King Charles III on Monday 8 May, besides early May on the 1st",
    holidays: [["2023-01-02", sub(NEW_YEAR)], ["2023-04-07", GOOD_FRIDAY], ["2023-04-10", EASTER_MONDAY], ["2023-05-01", EARLY_MAY], ["2023-05-08", "Bank holiday for the coronation of King Charles III"], ["2023-05-29", SPRING], ["2023-08-28", SUMMER], ["2023-12-25", CHRISTMAS], ["2023-12-26", BOXING]],
  },
  {
    year: 2024,
    why: "Easter in March",
    holidays: [["2024-01-01", NEW_YEAR], ["2024-03-29", GOOD_FRIDAY], ["2024-04-01", EASTER_MONDAY], ["2024-05-06", EARLY_MAY], ["2024-05-27", SPRING], ["2024-08-26", SUMMER], ["2024-12-25", CHRISTMAS], ["2024-12-26", BOXING]],
  },
  {
    year: 2025,
    why: "an ordinary year",
    holidays: [["2025-01-01", NEW_YEAR], ["2025-04-18", GOOD_FRIDAY], ["2025-04-21", EASTER_MONDAY], ["2025-05-05", EARLY_MAY], ["2025-05-26", SPRING], ["2025-08-25", SUMMER], ["2025-12-25", CHRISTMAS], ["2025-12-26", BOXING]],
  },
  {
    year: 2026,
    why: "Boxing Day on a Saturday: substitute Monday 28",
    holidays: [["2026-01-01", NEW_YEAR], ["2026-04-03", GOOD_FRIDAY], ["2026-04-06", EASTER_MONDAY], ["2026-05-04", EARLY_MAY], ["2026-05-25", SPRING], ["2026-08-31", SUMMER], ["2026-12-25", CHRISTMAS], ["2026-12-28", sub(BOXING)]],
  },
  {
    year: 2027,
    why: "Christmas on a Saturday: substitutes Monday 27 and Tuesday 28",
    holidays: [["2027-01-01", NEW_YEAR], ["2027-03-26", GOOD_FRIDAY], ["2027-03-29", EASTER_MONDAY], ["2027-05-03", EARLY_MAY], ["2027-05-31", SPRING], ["2027-08-30", SUMMER], ["2027-12-27", sub(CHRISTMAS)], ["2027-12-28", sub(BOXING)]],
  },
];

describe("englandAndWalesBankHolidays", () => {
  it.each(OFFICIAL)("$year matches gov.uk ($why)", ({ year, holidays }) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(holidays.map(([date, name]) => ({ date, name })));
  });

  const ONE_OFF_COUNTS: Record<number, number> = { 2022: 10, 2023: 9 };
  const YEARS = Array.from({ length: 26 }, (_, i) => 2015 + i);

  it.each(YEARS)("%i has 8 holidays, unless a one-off adds days, all on weekdays and in order", (year) => {
    const holidays = englandAndWalesBankHolidays(year);
    expect(holidays).toHaveLength(ONE_OFF_COUNTS[year] ?? 8);
    const dates = holidays.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    for (const date of dates) {
      expect(date.startsWith(`${year}-`)).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });

  it("returns the same frozen list each time (memoised)", () => {
    const first = englandAndWalesBankHolidays(2030);
    expect(englandAndWalesBankHolidays(2030)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("refuses a year that is not a whole number", () => {
    expect(() => englandAndWalesBankHolidays(2026.5)).toThrow("whole year");
  });
});

describe("easterSunday (Gregorian computus)", () => {
  it.each([
    { year: 2019, easter: "2019-04-21", why: "a late April Easter" },
    { year: 2024, easter: "2024-03-31", why: "a March Easter" },
    { year: 2025, easter: "2025-04-20", why: "this year's" },
    { year: 2029, easter: "2029-04-01", why: "April Fools' Easter" },
    { year: 2035, easter: "2035-03-25", why: "an early Easter" },
    { year: 2038, easter: "2038-04-25", why: "the latest possible date" },
    { year: 2040, easter: "2040-04-01", why: "the end of the checked range" },
    { year: 2285, easter: "2285-03-22", why: "the earliest possible date" },
  ])("$year: $easter ($why)", ({ year, easter }) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it.each([
    { year: 2038, goodFriday: "2038-04-23", easterMonday: "2038-04-26" },
    { year: 2040, goodFriday: "2040-03-30", easterMonday: "2040-04-02" },
  ])("$year: Good Friday $goodFriday and Easter Monday $easterMonday", ({ year, goodFriday, easterMonday }) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(
      expect.arrayContaining([
        { date: goodFriday, name: GOOD_FRIDAY },
        { date: easterMonday, name: EASTER_MONDAY },
      ]),
    );
  });
});

describe("isBankHoliday", () => {
  it.each([
    { date: "2026-04-06", expected: true, why: "Easter Monday" },
    { date: "2027-12-28", expected: true, why: "Boxing Day substitute" },
    { date: "2022-09-19", expected: true, why: "the Queen's state funeral" },
    { date: "2020-05-04", expected: false, why: "the early May holiday moved away for VE Day" },
    { date: "2022-05-30", expected: false, why: "the spring holiday moved away for the Jubilee" },
    { date: "2027-12-25", expected: false, why: "Christmas on a Saturday: the substitute is the holiday" },
    { date: "2026-11-24", expected: false, why: "an ordinary Tuesday" },
  ])("$date is $expected ($why)", ({ date, expected }) => {
    expect(isBankHoliday(date)).toBe(expected);
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => isBankHoliday("25/12/2026")).toThrow('expected a date like "2026-12-25"');
  });
});
