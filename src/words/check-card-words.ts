// The guided check's cards around the rules' own words: each step's title, the result's brief
// notices, and "What you told me" (the basis of the result, in the practitioner's words).
import type { Answer, QuestionId } from "../domain/catalogue.ts";

// "Not sure" counts upward on purpose (DOMAIN.md §4): said in the step's title, so step 3 stays short.
export const STEP_TITLES = { context: "about the child", signs: "warning signs", questions: "questions (\"not sure\" counts upward)", result: "provisional result" } as const;

export const progressLine = (number: number, of: number, title: string): string => `Step ${number} of ${of}: ${title}`;

export const CONTINUE = "Continue";

// DOMAIN.md §5: provisional, act now, judgement overrides (999 is in the header).
export const CHILD_NOTICE_IN_BRIEF = "Provisional: social care and the police decide the real category. Act on it now; they will confirm or change it. Your judgement overrides it.";
export const ADULT_NOTICE_IN_BRIEF = "Provisional: adult safeguarding decides what happens. Act on it now. Your judgement overrides it. If the person, or a child, is in immediate danger, call 999.";

export const UNCONFIRMED = "Unconfirmed: a \"not sure\" answer raised this result. Act on it now all the same.";

/** "Lambeth's nearest level: High (Red)" (DOMAIN.md §4 local names). */
export const nearestLevel = (areaName: string, label: string): string => `${areaName}'s nearest level: ${label}`;

export const allStepsTitle = (later: number): string => (later > 0 ? `All steps (${later} more)` : "What else to do");

// Short names of the questions, for "What you told me".
export const QUESTION_SHORT: Readonly<Record<QuestionId, string>> = {
  immediateDanger: "In immediate danger now",
  sexualActivityUnder13: "Any sign of sexual activity (under 13)",
  groomingConcern: "Worry about targeting or grooming",
  sexualAbuse: "Rape, sexual assault, or sexual contact by an adult",
  exchange: "Something given or promised for sexual activity",
  onlineImages: "Pressured into sexual images or activity online",
  trafficking: "Moved between places for sexual activity",
  coercionControl: "Coercion, control, threats",
  habitual: "An ongoing pattern",
  selfDenied: "Denies it, or does not see it as exploitation",
  multiplePerpetrators: "Several people, a group or network",
};

export const TOLD_ANSWER_WORDS: Readonly<Record<Answer, string>> = { yes: "yes", no: "no", unsure: "not sure" };

/** "What you told me", line by line. */
export const TOLD_ME = {
  notGiven: "not given",
  placedOutOfArea: "yes, placed out of area",
  yes: "yes",
  no: "no",
  areaAndAge: (areaName: string, age: string) => `Area: ${areaName}. Age: ${age}.`,
  lookedAfterAndMissing: (lookedAfter: string, missing: string) => `Looked after: ${lookedAfter}. Times missing in the last 3 months: ${missing}.`,
  noSigns: "Warning signs: none ticked",
  signs: (count: number) => `Warning signs (${count})`,
  answer: (question: string, answer: string) => `${question}: ${answer}`,
} as const;
