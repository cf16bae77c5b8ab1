// The words of a referral exported as a PDF, laid out as the area's own form
// (referral-form-layouts.ts holds each form's headings): the facts above the form, the check it
// came from, and what the PDF says where something is missing.
import type { Answer } from "../domain/catalogue.ts";

export const PDF_WORDS = {
  referralSection: "The referral",
  reference: "Reference",
  area: "Area",
  submitted: "Submitted (UK time)",
  fromCheckSection: "From the guided check",
  historySection: "History",
  noHistory: "No history recorded.",
  status: "Status",
  acknowledged: "Acknowledged",
  assignedTo: "Assigned to",
  reopened: "Reopened",
  informationRequested: "Information requested",
  decision: "Decision",
  decided: "Decided",
  provisionalResult: "Provisional result",
  possibleOffence: "Possible offence",
  alsoFlagged: "Also flagged",
  ageGiven: "Age given in the check",
  lookedAfter: "Looked after",
  placedOutOfArea: "Yes, placed out of area",
  yes: "Yes",
  no: "No",
  missingEpisodes: "Times missing in the last 3 months",
  signs: "Warning signs noted (SAFEGUARD)",
  answers: "Answers to the check's questions",
  noneGiven: "None given.",
  nothingGiven: "Nothing given.",
  entry: "Entry",
  timeNotKnown: "time not known",
  /** After the category when "not sure" answers raised it. */
  unconfirmed: ' (unconfirmed: a "not sure" answer raised it)',
  purged: "The personal details of this referral were removed at the end of the retention period. Its record and history are kept.",
  replacedCharacters: 'Some characters cannot be shown in this PDF\'s font and are printed as "?". The referral itself keeps the exact text.',
} as const;

export const ANSWER_WORDS: Readonly<Record<Answer, string>> = { yes: "Yes", no: "No", unsure: "Not sure" };

/** "Kingston upon Thames: referral KIN-2026-00001", under the form's title. */
export const pdfSubtitle = (areaName: string, reference: string): string => `${areaName}: referral ${reference}`;

/** "Sam Lead (assigned by Kit Lead, 24 November 2026 at 10:02)". */
export const assignedWords = (assignee: string, by: string | undefined, at: string): string => `${assignee} (assigned${by === undefined ? "" : ` by ${by}`}, ${at})`;

/** "Person of concern 2 of 3". */
export const entryOfWords = (title: string, index: number, count: number): string => `${title} ${index} of ${count}`;
