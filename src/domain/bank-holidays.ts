// England and Wales bank holidays, computed from the standing rules plus a table of one-off
// changes. Checked against gov.uk/bank-holidays for 2015-2027; later years follow the rules
// until a new one-off is proclaimed, so add a row to ONE_OFFS when that happens.

export type BankHoliday = { readonly date: string; readonly name: string };

const RULE_NAMES = [
  "New Year's Day",
  "Good Friday",
  "Easter Monday",
  "Early May bank holiday",
  "Spring bank holiday",
  "Summer bank holiday",
  "Christmas Day",
  "Boxing Day",
] as const;
type RuleName = (typeof RULE_NAMES)[number];

// Days are counted as whole days since 1970-01-01 (a Thursday); weekday 0 is Monday.
const MS_PER_DAY = 86_400_000;
const SATURDAY = 5;
const SUNDAY = 6;
const MONDAY = 0;

function dayNumber(year: number, month: number, day: number): number {
  // setUTCFullYear, not Date.UTC, so that years 0-99 are not read as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function dayOfIsoDate(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

function firstMonday(year: number, month: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((7 - weekdayOf(first) + MONDAY) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayNumber(year, month + 1, 0);
  return last - ((weekdayOf(last) - MONDAY + 7) % 7);
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  return isoDateOf(easterSundayDay(year));
}

function easterSundayDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

type Rule = {
  readonly name: RuleName;
  readonly day: (year: number) => number;
  // Fixed-date holidays that fall at a weekend get a substitute weekday (by royal proclamation
  // each year under the Banking and Financial Dealings Act 1971, s.1(3)); the moveable ones are
  // always on a Monday or Friday.
  readonly substituteAtWeekend: boolean;
};

// Banking and Financial Dealings Act 1971 sch. 1 (New Year's Day since 1974, early May since
// 1978); Good Friday and Christmas Day are common-law holidays. Source: gov.uk/bank-holidays.
const RULES: readonly Rule[] = [
  { name: "New Year's Day", day: (y) => dayNumber(y, 1, 1), substituteAtWeekend: true },
  { name: "Good Friday", day: (y) => easterSundayDay(y) - 2, substituteAtWeekend: false },
  { name: "Easter Monday", day: (y) => easterSundayDay(y) + 1, substituteAtWeekend: false },
  { name: "Early May bank holiday", day: (y) => firstMonday(y, 5), substituteAtWeekend: false },
  { name: "Spring bank holiday", day: (y) => lastMonday(y, 5), substituteAtWeekend: false },
  { name: "Summer bank holiday", day: (y) => lastMonday(y, 8), substituteAtWeekend: false },
  { name: "Christmas Day", day: (y) => dayNumber(y, 12, 25), substituteAtWeekend: true },
  { name: "Boxing Day", day: (y) => dayNumber(y, 12, 26), substituteAtWeekend: true },
];

type OneOff = { readonly date: string; readonly name: string; readonly replaces?: RuleName };

// One-off changes proclaimed for a single year (names as on gov.uk/bank-holidays).
const ONE_OFFS: readonly OneOff[] = [
  // VE Day 75th anniversary: the early May bank holiday moved from Mon 4 May to Fri 8 May 2020.
  { date: "2020-05-08", name: "Early May bank holiday (VE day)", replaces: "Early May bank holiday" },
  // Platinum Jubilee of Queen Elizabeth II: spring bank holiday moved from Mon 30 May to Thu 2 June…
  { date: "2022-06-02", name: "Spring bank holiday", replaces: "Spring bank holiday" },
  // …and an extra bank holiday the next day.
  { date: "2022-06-03", name: "Platinum Jubilee bank holiday" },
  // State Funeral of Queen Elizabeth II.
  { date: "2022-09-19", name: "Bank Holiday for the State Funeral of Queen Elizabeth II" },
  // Coronation of King Charles III (in addition to the early May bank holiday on 1 May).
  { date: "2023-05-08", name: "Bank holiday for the coronation of King Charles III" },
];

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === SATURDAY || weekday === SUNDAY;
}

function computeYear(year: number): readonly BankHoliday[] {
  const oneOffs = ONE_OFFS.filter((o) => o.date.startsWith(`${year}-`));
  const replaced = new Set(oneOffs.map((o) => o.replaces));
  const holidays = new Map<number, string>(oneOffs.map((o) => [dayOfIsoDate(o.date), o.name]));
  const atWeekend: Rule[] = [];
  for (const rule of RULES.filter((r) => !replaced.has(r.name))) {
    const day = rule.day(year);
    if (rule.substituteAtWeekend && isWeekend(day)) atWeekend.push(rule);
    else holidays.set(day, rule.name);
  }
  // A weekend holiday moves to the next weekday that is not already a holiday, in date order:
  // Christmas on Sat gives Mon 27 and Boxing Day Tue 28; Christmas on Sun gives Boxing Day Mon 26
  // and Christmas Tue 27 (gov.uk lists for 2021 and 2022).
  for (const rule of atWeekend) {
    let day = rule.day(year) + 1;
    while (isWeekend(day) || holidays.has(day)) day += 1;
    holidays.set(day, `${rule.name} (substitute day)`);
  }
  return Object.freeze(
    [...holidays.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, name]) => Object.freeze({ date: isoDateOf(day), name })),
  );
}

const byYear = new Map<number, { list: readonly BankHoliday[]; dates: ReadonlySet<string> }>();

function yearEntry(year: number) {
  let entry = byYear.get(year);
  if (entry === undefined) {
    if (!Number.isInteger(year) || year < 0 || year > 9999) {
      throw new RangeError(`bank holidays need a whole year from 0 to 9999, got ${year}`);
    }
    const list = computeYear(year);
    entry = { list, dates: new Set(list.map((h) => h.date)) };
    byYear.set(year, entry);
  }
  return entry;
}

/** The year's bank holidays in England and Wales, in date order. */
export function englandAndWalesBankHolidays(year: number): readonly BankHoliday[] {
  return yearEntry(year).list;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a calendar date ("YYYY-MM-DD") is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  if (!ISO_DATE.test(isoDate)) {
    throw new RangeError(`expected a date like "2026-12-25", got ${JSON.stringify(isoDate)}`);
  }
  return yearEntry(Number(isoDate.slice(0, 4))).dates.has(isoDate);
}
