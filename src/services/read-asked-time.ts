// Reads the day and time a question names ("at 9pm", "on Christmas Day at 10am", "next bank
// holiday") as a London moment, so contacts can be judged open or closed then (DOMAIN.md §6:
// hours are Europe/London). Pure: `now` is an argument, so a test gives the same answer at any
// instant. DOMAIN.md §6: a day or time that cannot be read is said so, never silently replaced by
// another day, so whenever part of the question looks like a day or time and is not understood,
// the answer is "now" with a sentence saying what could not be read.
import { DateTime } from "luxon";
import { distance } from "fastest-levenshtein";
import { easterSunday, englandAndWalesBankHolidays, type BankHoliday } from "../domain/bank-holidays.ts";
import { cannotReadWords } from "../words/question-words.ts";

export type AskedTime = {
  readonly at: Date;
  /** The moment as the reply says it: "21:00 on Monday 7 December". */
  readonly described: string;
  /** The question named a day or time, so "open" means open then, not now. */
  readonly timeNamed: boolean;
  /** Said to the user when the question named a day or time that could not be read. */
  readonly unreadable?: string;
};

const LONDON = "Europe/London";

/** What one reader made of the text: a value, words it could not read, or nothing to read. */
type Reading<T> = { readonly value: T } | { readonly cannotRead: string; readonly passed?: true } | undefined;
type ClockTime = { readonly hour: number; readonly minute: number; readonly withMeridiem: boolean };

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const WEEKDAY = WEEKDAYS.join("|");

// Named parts of the day, as a practitioner would mean them; "night" covers tonight and overnight
// because the question is which out-of-hours line answers. "Morning" alone is left out: "good
// morning" is a greeting, not a time.
const PART_OF = `(?:this|in the|tomorrow|${WEEKDAY}|day|eve|christmas|xmas|holiday)`;
const NIGHT = /\b(?:to|over)?night\b|\btonite\b|\bout[- ]of[- ]hours\b|\bafter hours\b/;
const NIGHT_HOUR = 21;
// Before this hour, "tonight" is the night already under way: now, not 21:00 today.
const NIGHT_ENDS_HOUR = 6;
const NAMED_TIMES: readonly (readonly [RegExp, number])[] = [
  [NIGHT, NIGHT_HOUR],
  [new RegExp(`\\b${PART_OF} evening\\b`), 19],
  [new RegExp(`\\b${PART_OF} morning\\b`), 9],
  [new RegExp(`\\b${PART_OF} afternoon\\b`), 14],
  [/\b(?:midday|noon|lunchtime)\b/, 12],
];
// Midnight ends the day it is named with: "midnight tonight", "Christmas Eve at midnight".
const MIDNIGHT = /\bmidnight\b/;

// A day without a time of day is judged at midday, when day lines are normally open.
const DAY_DEFAULT_HOUR = 12;

// When something happened is not when the practitioner needs help: "she was raped last night"
// asks who is open now. Words about the past are left out before a day or time is read.
const IN_THE_PAST = /\b(?:last (?:night|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|term)|yesterday(?: (?:morning|afternoon|evening|night))?|the (?:other|previous) (?:day|night)|(?:a few|few|two|three|\d+) (?:days|nights|weeks|months|hours) ago|(?:on|at) the weekend just gone|earlier (?:today|this (?:morning|afternoon|evening)))\b/g;

/** Lower case, curly quotes straightened, the past left out, so the patterns can stay simple. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").replace(IN_THE_PAST, " ");
}

const shortened = (words: string) => (words.length > 40 ? `${words.slice(0, 40)}…` : words).trim();

// The shapes are broad on purpose ("\d+"): "9.5pm" must be refused whole, not read as "5pm".
const TWELVE_HOUR = /\b(\d+)(?:[:.](\d+))? ?([ap])\.?m\b\.?/;
const TWENTY_FOUR_HOUR = /\b(\d{1,2})[:.](\d{2})\b/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// "may" only where it cannot be the verb ("at 10 may be too late").
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?! (?:be|i|we|you|not|have|need|still|want)\\b)|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// "At 25 December" names a day, not a time.
const AT_HOUR = new RegExp(`\\bat (\\d+)(?:[:.](\\d+))?\\b(?! (?:of )?${MONTH})`);

const validMinute = (digits: string | undefined) => digits === undefined || (digits.length === 2 && Number(digits) <= 59);

/** A clock time in the text: "9pm", "9.30 pm", "21:00", "at 9", "at 2100". */
function clockTime(text: string): Reading<ClockTime> {
  const twelve = TWELVE_HOUR.exec(text);
  if (twelve !== null) {
    const [words, hourDigits = "", minuteDigits] = twelve;
    const hour = Number(hourDigits);
    if (hourDigits.length > 2 || hour < 1 || hour > 12 || !validMinute(minuteDigits)) return { cannotRead: words };
    return { value: { hour: (hour % 12) + (twelve[3] === "p" ? 12 : 0), minute: Number(minuteDigits ?? 0), withMeridiem: true } };
  }
  const twentyFour = TWENTY_FOUR_HOUR.exec(text);
  if (twentyFour !== null) {
    const [words, hour = "", minute = ""] = twentyFour;
    return Number(hour) <= 23 && validMinute(minute) ? { value: { hour: Number(hour), minute: Number(minute), withMeridiem: false } } : { cannotRead: words };
  }
  const at = AT_HOUR.exec(text);
  if (at === null) return undefined;
  const [words, digits = "", minuteDigits] = at;
  // "at 2100" is the 24-hour clock written without a colon.
  const [hour, minute] = digits.length === 4 && minuteDigits === undefined ? [digits.slice(0, 2), digits.slice(2)] : [digits, minuteDigits];
  if (hour.length > 2 || Number(hour) > 23 || !validMinute(minute)) return { cannotRead: words };
  return { value: { hour: Number(hour), minute: Number(minute ?? 0), withMeridiem: false } };
}

/** The time of day the text names, by the clock or by a part of the day. */
function timeOfDay(text: string): Reading<{ hour: number; minute: number; nextDay?: true }> {
  const clock = clockTime(text);
  if (clock !== undefined && "cannotRead" in clock) return clock;
  const named = NAMED_TIMES.find(([pattern]) => pattern.test(text));
  if (clock === undefined) {
    if (named !== undefined) return { value: { hour: named[1], minute: 0 } };
    return MIDNIGHT.test(text) ? { value: { hour: 0, minute: 0, nextDay: true } } : undefined;
  }
  // A bare "at 9" is read on the 24-hour clock (09:00) unless the part of the day says otherwise
  // ("at 9 tonight" is 21:00); the reply states the time it used, so a misreading shows.
  const { hour, minute, withMeridiem } = clock.value;
  const later = named !== undefined && named[1] >= 12 && !withMeridiem && hour < 12;
  return { value: { hour: hour + (later ? 12 : 0), minute } };
}

// ---- Days ----

const dayOf = (isoDate: string) => DateTime.fromISO(isoDate, { zone: LONDON });

/** The first of the dates `on(year)` gives that is today or later (this year, else the next). */
function nextOnOrAfter(today: DateTime, on: (year: number) => DateTime): DateTime {
  const thisYear = on(today.year);
  return thisYear >= today.startOf("day") ? thisYear : on(today.year + 1);
}

const easterPlus = (days: number) => (year: number) => dayOf(easterSunday(year)).plus({ days });
const fixed = (month: number, day: number) => (year: number) => DateTime.fromObject({ year, month, day }, { zone: LONDON });

// DOMAIN.md §6: the named days are read as such, the next one on or after today. Eves come first:
// "Christmas Eve" is not Christmas Day.
const NAMED_DAYS: readonly (readonly [RegExp, (year: number) => DateTime])[] = [
  [/\b(?:christmas|x-?mas) eve\b/, fixed(12, 24)],
  [/\bnew year'?s eve\b/, fixed(12, 31)],
  [/\bboxing day\b/, fixed(12, 26)],
  [/\b(?:christmas|x-?mas)\b/, fixed(12, 25)],
  [/\bnew year'?s?(?: day)?\b/, fixed(1, 1)],
  [/\bgood friday\b/, easterPlus(-2)],
  [/\beaster monday\b/, easterPlus(1)],
  [/\beaster (?:sunday|day)\b/, easterPlus(0)],
];

// "Easter" alone ("over Easter") names four days, two of them bank holidays: ask, do not guess.
const EASTER_ALONE = /\beaster\b(?! (?:monday|sunday|day|bank holiday))/;

// Bank holidays by what a practitioner calls them ("August bank holiday") and by weekday ("bank
// holiday Monday"); a plain "bank holiday" is the next one (DOMAIN.md §6).
const BANK_HOLIDAY = new RegExp(
  `\\b(?:(early may|late may|may|spring|summer|august|easter|christmas|new year'?s?) )?(?:(${WEEKDAY}) )?bank holidays?(?: (${WEEKDAY}))?\\b`,
);
const isNamed = (prefix: string) => (holiday: BankHoliday) => holiday.name.startsWith(prefix);
const inMonth = (month: string) => (holiday: BankHoliday) => holiday.date.slice(5, 7) === month;
const BANK_HOLIDAY_KINDS = new Map<string, (holiday: BankHoliday) => boolean>([
  ["early may", isNamed("Early May")],
  ["late may", isNamed("Spring bank holiday")],
  ["spring", isNamed("Spring bank holiday")],
  ["may", inMonth("05")],
  ["summer", isNamed("Summer bank holiday")],
  ["august", isNamed("Summer bank holiday")],
  ["easter", (holiday) => isNamed("Good Friday")(holiday) || isNamed("Easter Monday")(holiday)],
  ["christmas", inMonth("12")],
  ["new year", isNamed("New Year's Day")],
]);
const BANK_HOLIDAY_YEARS_AHEAD = 2;

/**
 * The bank holiday the text names. "August bank holiday" and "bank holiday Monday" say which one;
 * a plain "bank holiday" is the next one, on the weekday the text names if it names one ("on
 * Monday, the bank holiday"), and gives way to a day named otherwise ("Christmas Day, a bank
 * holiday", "tomorrow's bank holiday").
 */
function bankHoliday(text: string, today: DateTime, which: "which-one" | "plain"): Reading<DateTime> {
  const match = BANK_HOLIDAY.exec(text);
  if (match === null) return undefined;
  const [words, kind, weekdayBefore, weekdayAfter] = match;
  const weekdayNext = weekdayBefore ?? weekdayAfter;
  if ((kind === undefined && weekdayNext === undefined) !== (which === "plain")) return undefined;
  const kindFits = (kind === undefined ? undefined : BANK_HOLIDAY_KINDS.get(kind.replace(/'?s$/, ""))) ?? (() => true);
  const weekday = weekdayNext === undefined ? weekdayIn(text) : WEEKDAYS.indexOf(weekdayNext as (typeof WEEKDAYS)[number]) + 1;
  const from = today.toISODate() ?? "";
  for (let year = today.year; year <= today.year + BANK_HOLIDAY_YEARS_AHEAD; year += 1) {
    for (const holiday of englandAndWalesBankHolidays(year)) {
      if (holiday.date < from || !kindFits(holiday)) continue;
      const day = dayOf(holiday.date);
      if (weekday === undefined || day.weekday === weekday) return { value: day };
    }
  }
  // "bank holiday Wednesday": no such day in sight, so it cannot be read as one.
  return { cannotRead: words };
}

function namedDay(text: string, today: DateTime): Reading<DateTime> {
  const named = NAMED_DAYS.find(([pattern]) => pattern.test(text));
  if (named !== undefined) return { value: nextOnOrAfter(today, named[1]) };
  const easter = EASTER_ALONE.exec(text);
  return easter === null ? undefined : { cannotRead: easter[0] };
}

const ORDINAL = "(?:st|nd|rd|th)?";
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORDINAL}(?: of)? ${MONTH}\\b(?:,? (\\d{4}))?`);
// The day after the month must not be a clock time: "May 9.30pm" is not 9 May.
const MONTH_DAY = new RegExp(`\\b${MONTH} (?:the )?(\\d{1,2})${ORDINAL}\\b(?![:.]\\d| ?[ap]\\.?m)(?:,? (\\d{4}))?`);
// "25/12" only after "on" or with a year, so "24/7" and "1/2 hour" are not dates.
const NUMERIC_DATE = /\bon (\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b|\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/;
// "on the 3rd" names a day of some month; which month is a guess, so it is not made.
const ORDINAL_ALONE = /\bon (?:the )?\d{1,2}(?:st|nd|rd|th)\b/;
// A date with no year is the next such date; 29 February can be up to eight years away.
const LEAP_SEARCH_YEARS = 8;

function calendarDate(words: string, day: number, month: number, yearDigits: string | undefined, today: DateTime): Reading<DateTime> {
  const start = today.startOf("day");
  if (yearDigits !== undefined) {
    const year = Number(yearDigits) + (yearDigits.length === 2 ? 2000 : 0);
    const date = DateTime.fromObject({ year, month, day }, { zone: LONDON });
    if (!date.isValid) return { cannotRead: words };
    return date >= start ? { value: date } : { cannotRead: words, passed: true };
  }
  for (let year = today.year; year <= today.year + LEAP_SEARCH_YEARS; year += 1) {
    const date = DateTime.fromObject({ year, month, day }, { zone: LONDON });
    if (date.isValid && date >= start) return { value: date };
  }
  return { cannotRead: words };
}

function dateInText(text: string, today: DateTime): Reading<DateTime> {
  const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3)) + 1;
  const dayMonth = DAY_MONTH.exec(text);
  if (dayMonth !== null) return calendarDate(dayMonth[0], Number(dayMonth[1]), monthNumber(dayMonth[2] ?? ""), dayMonth[3], today);
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay !== null) return calendarDate(monthDay[0], Number(monthDay[2]), monthNumber(monthDay[1] ?? ""), monthDay[3], today);
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric !== null) {
    const [words, day = numeric[4], month = numeric[5], year = numeric[6]] = numeric;
    return calendarDate(words, Number(day), Number(month), year, today);
  }
  const ordinal = ORDINAL_ALONE.exec(text);
  return ordinal === null ? undefined : { cannotRead: ordinal[0] };
}

const WEEKDAY_PATTERNS = WEEKDAYS.map((day) => new RegExp(`\\b(next )?${day}s?\\b`));

/** The weekday the text names first (luxon's number, Monday 1), if any. */
function weekdayIn(text: string): number | undefined {
  const found = WEEKDAY_PATTERNS.map((pattern, index) => ({ at: pattern.exec(text)?.index ?? Infinity, weekday: index + 1 }))
    .filter(({ at }) => at !== Infinity)
    .sort((a, b) => a.at - b.at);
  return found[0]?.weekday;
}

function todayOrTomorrow(text: string, today: DateTime): Reading<DateTime> {
  if (/\btoday\b/.test(text)) return { value: today.startOf("day") };
  return /\btomorrow\b/.test(text) ? { value: today.startOf("day").plus({ days: 1 }) } : undefined;
}

/** The weekend or a weekday: the coming such day, today included. */
function weekendOrWeekday(text: string, today: DateTime): Reading<DateTime> {
  const start = today.startOf("day");
  if (/\bweekend\b/.test(text)) return { value: start.plus({ days: today.weekday >= 6 ? 0 : 6 - today.weekday }) };
  for (const [index, pattern] of WEEKDAY_PATTERNS.entries()) {
    const match = pattern.exec(text);
    if (match === null) continue;
    // "On Saturday", asked on a Saturday, means today; "next Saturday" then means a week on.
    const ahead = (index + 1 - today.weekday + 7) % 7;
    return { value: start.plus({ days: ahead === 0 && match[1] !== undefined ? 7 : ahead }) };
  }
  return undefined;
}

// Misspelt day words ("chrismas", "wensday", "tommorow") are refused, not guessed at: a guess
// could silently be another day. One edit is allowed for most words, two where the spelling is
// often mangled; "christmas" gets one, since two would catch "christian".
const DAY_WORDS = new Map<string, number>([
  ...WEEKDAYS.map((day): [string, number] => [day, day.length >= 8 ? 2 : 1]),
  ["tomorrow", 2], ["february", 2], ["christmas", 1], ["tonight", 1], ["weekend", 1], ["holiday", 1],
]);
const SHORTEST_CHECKED = 5;
// Real words one edit from a day word.
const NOT_DAY_WORDS = new Set(["sundry", "sundae", "frida"]);

function misspeltDayWord(text: string): Reading<never> {
  for (const word of text.split(/[^\p{L}]+/u)) {
    if (word.length < SHORTEST_CHECKED || NOT_DAY_WORDS.has(word) || DAY_WORDS.has(word) || DAY_WORDS.has(word.replace(/s$/, ""))) continue;
    for (const [dayWord, edits] of DAY_WORDS) {
      if (Math.abs(dayWord.length - word.length) <= edits && distance(word, dayWord) <= edits) return { cannotRead: word };
    }
  }
  return undefined;
}

/** The day the text names, in order of precedence: "bank holiday Monday" is not any Monday. */
function dayNamed(text: string, today: DateTime): Reading<DateTime> {
  const readers: readonly ((words: string, day: DateTime) => Reading<DateTime>)[] = [
    (words, day) => bankHoliday(words, day, "which-one"),
    namedDay,
    dateInText,
    todayOrTomorrow,
    (words, day) => bankHoliday(words, day, "plain"),
    weekendOrWeekday,
    misspeltDayWord,
  ];
  const readings = readers.map((read) => read(text, today));
  // Anything not understood wins over what was: "on Chrismas Eve at 9pm" must not become 9pm today.
  return readings.find((reading) => reading !== undefined && "cannotRead" in reading) ?? readings.find((reading) => reading !== undefined);
}

const describeMoment = (moment: DateTime, today: DateTime) =>
  moment.setLocale("en-GB").toFormat(moment.year === today.year ? "HH:mm 'on' cccc d LLLL" : "HH:mm 'on' cccc d LLLL yyyy");

function cannotReadSentence(what: "day" | "time", reading: { cannotRead: string; passed?: true }): string {
  const words = shortened(reading.cannotRead);
  return cannotReadWords(what, words, reading.passed === true);
}

/** The London moment the text asks about; now when it names no day or time, or one that cannot be read. */
export function readAskedTime(text: string, now: Date): AskedTime {
  const today = DateTime.fromJSDate(now, { zone: LONDON });
  if (!today.isValid) throw new RangeError("readAskedTime: expected a valid Date for now");
  const asNow = (unreadable?: string): AskedTime => ({
    at: now,
    described: describeMoment(today, today),
    timeNamed: false,
    ...(unreadable === undefined ? {} : { unreadable }),
  });
  const words = normalise(text);
  const day = dayNamed(words, today);
  if (day !== undefined && "cannotRead" in day) return asNow(cannotReadSentence("day", day));
  const time = timeOfDay(words);
  if (time !== undefined && "cannotRead" in time) return asNow(cannotReadSentence("time", time));
  if (day === undefined && time === undefined) return asNow();
  // "Tonight" or "out of hours" asked in the small hours is about the night under way.
  if (day === undefined && time !== undefined && today.hour < NIGHT_ENDS_HOUR && clockTime(words) === undefined && NIGHT.test(words)) return asNow();

  const date = day?.value ?? today.startOf("day");
  let moment: DateTime;
  if (time !== undefined) {
    // A time already past today is still today: the question is "which line answers at 9pm".
    moment = date.plus({ days: time.value.nextDay === true ? 1 : 0 }).set({ hour: time.value.hour, minute: time.value.minute });
  } else {
    // A named day is judged at midday; but if that day is today and midday has gone, now: a line
    // shown open at 12:00 may already have closed.
    const midday = date.set({ hour: DAY_DEFAULT_HOUR, minute: 0 });
    moment = midday < today ? today : midday;
  }
  return { at: moment.toJSDate(), described: describeMoment(moment, today), timeNamed: true };
}
