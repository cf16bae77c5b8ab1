// The triage board as CSV for managers (issue 11, point 4): one row per referral, with the facts
// the channel card shows (src/cards/referral-channel-data.ts, channelViewOf) and the triage
// record's times and outcome, and no personal field. A row is built from a record's clear
// columns only, and of those only the named facts are read, so nothing else that a summary
// might one day hold can reach a spreadsheet. Cells are quoted as RFC 4180 says, and a cell a
// spreadsheet would run as a formula is defused with a leading apostrophe (OWASP, "CSV
// injection"): a triage lead's name or a transfer's area is typed by a person.
import { DateTime } from "luxon";
import { z } from "zod";
import { meetingWordOf, type Area } from "../domain/area.ts";
import { CATEGORIES, FLAGS, offenceFlagsOf, type Category, type Flag } from "../domain/category.ts";
import { URGENCIES, type Urgency } from "../domain/pathway.ts";
import { AGE_BANDS, type AgeBand } from "../domain/referral-age.ts";
import { frontDoorWorkingHours, isOverdue, triageDeadlines } from "../domain/triage-deadlines.ts";
import { outcomeLabel } from "../domain/triage-text.ts";
import { reviewDueOf } from "../domain/triage-review.ts";
import { TriageState, type Outcome, type TriageStatus } from "../domain/triage.ts";
import { URGENCY_TEXT, categoryWords, flagTitle, withUnconfirmed } from "../words/result-words.ts";
import { CSV_HEADINGS, CSV_NO, CSV_STATUS_WORDS, CSV_YES } from "../words/csv-words.ts";

/** One referral on the board, as a manager may see it: no name, address, date of birth or free text about anyone but triage staff. */
export type BoardRow = {
  readonly reference: string;
  readonly areaName: string;
  readonly submittedAt: Date;
  readonly category: Category;
  readonly unconfirmed: boolean;
  readonly flags: readonly Flag[];
  readonly urgency: Urgency;
  readonly ageBand: AgeBand;
  readonly status: TriageStatus;
  /** The triage member it is assigned to, as Teams names them. */
  readonly assignee: string | undefined;
  readonly acknowledgedAt: Date | undefined;
  readonly decidedAt: Date | undefined;
  readonly outcome: Outcome | undefined;
  /** DOMAIN.md §9 "MASE or MACE": the area's word for its multi-agency meeting, for the outcome. */
  readonly meeting: string | undefined;
  /** The area a referral was transferred to, with that outcome. */
  readonly transferredTo: string | undefined;
  readonly overdue: boolean;
  /** The next deadline that applies: acknowledgement while unacknowledged, then the decision; none once decided. */
  readonly dueBy: Date | undefined;
  /** DOMAIN.md §9 review reminders: when a decided referral's next review is due, where its area reviews. */
  readonly reviewDue: Date | undefined;
};

/** The clear columns of a stored referral a row is made from (services/referral-store.ts, ReferralRecord). */
export type BoardRecord = {
  readonly reference: string;
  readonly areaId: string;
  readonly submittedAt: Date;
  /** services/referral-service.ts, ReferralSummary, as stored. */
  readonly summary: unknown;
  readonly triage: unknown;
};

const AGE_BAND_NAMES = AGE_BANDS.map((band) => band.band) as [AgeBand, ...AgeBand[]];

// Not strict: of whatever the stored summary holds, only these facts are read.
const BoardSummary = z.object({
  category: z.literal(CATEGORIES),
  unconfirmed: z.boolean(),
  flags: z.array(z.enum(FLAGS)),
  urgency: z.enum(URGENCIES),
  ageBand: z.enum(AGE_BAND_NAMES),
});

/** A referral's row on the board at `now` (overdue by the area's front-door hours, as the channel card). */
export function boardRowOf(record: BoardRecord, area: Area | undefined, now: Date): BoardRow {
  const summary = BoardSummary.safeParse(record.summary);
  const state = TriageState.safeParse(record.triage);
  if (!summary.success || !state.success) throw new Error(`board row for ${record.reference}: its stored ${summary.success ? "triage state" : "summary"} is not in the expected shape`);
  const { category, unconfirmed, flags, urgency, ageBand } = summary.data;
  const triage = state.data;
  const current = triage.status === "awaiting-info" ? triage.before : triage;
  const deadlines = triageDeadlines(record.submittedAt, urgency, area === undefined ? undefined : frontDoorWorkingHours(area));
  return {
    reference: record.reference,
    areaName: area?.name ?? record.areaId,
    submittedAt: record.submittedAt,
    category,
    unconfirmed,
    flags,
    urgency,
    ageBand,
    status: triage.status,
    assignee: current.status === "assigned" || current.status === "decided" ? current.assignee.name : undefined,
    acknowledgedAt: current.status === "submitted" ? undefined : current.acknowledged.at,
    decidedAt: current.status === "decided" ? current.decided.at : undefined,
    outcome: current.status === "decided" ? current.decision.outcome : undefined,
    meeting: meetingWordOf(area),
    transferredTo: current.status === "decided" ? current.decision.area : undefined,
    overdue: isOverdue(triage, deadlines, now),
    dueBy: triage.status === "decided" ? undefined : current.status === "submitted" ? deadlines.acknowledgeBy : deadlines.decideBy,
    reviewDue: reviewDueOf(triage),
  };
}

/** "2026-11-24 10:02": London time, in a form spreadsheets read as a date and time. */
function ukTime(at: Date | undefined): string {
  return at === undefined || Number.isNaN(at.getTime()) ? "" : DateTime.fromJSDate(at, { zone: "Europe/London" }).toFormat("yyyy-MM-dd HH:mm");
}

/** The columns, in order: heading and cell. */
const COLUMNS: readonly { readonly heading: string; readonly cell: (row: BoardRow) => string }[] = [
  { heading: CSV_HEADINGS.reference, cell: (row) => row.reference },
  { heading: CSV_HEADINGS.area, cell: (row) => row.areaName },
  { heading: CSV_HEADINGS.submitted, cell: (row) => ukTime(row.submittedAt) },
  { heading: CSV_HEADINGS.category, cell: (row) => withUnconfirmed(categoryWords(row.category, offenceFlagsOf(row.flags)).title, row.unconfirmed) },
  { heading: CSV_HEADINGS.flags, cell: (row) => row.flags.map(flagTitle).join("; ") },
  { heading: CSV_HEADINGS.urgency, cell: (row) => URGENCY_TEXT[row.urgency].text },
  { heading: CSV_HEADINGS.ageBand, cell: (row) => row.ageBand },
  { heading: CSV_HEADINGS.status, cell: (row) => CSV_STATUS_WORDS[row.status] },
  { heading: CSV_HEADINGS.assignee, cell: (row) => row.assignee ?? "" },
  { heading: CSV_HEADINGS.acknowledged, cell: (row) => ukTime(row.acknowledgedAt) },
  { heading: CSV_HEADINGS.decided, cell: (row) => ukTime(row.decidedAt) },
  { heading: CSV_HEADINGS.outcome, cell: (row) => (row.outcome === undefined ? "" : row.transferredTo === undefined ? outcomeLabel(row.outcome, row.meeting) : `${outcomeLabel(row.outcome, row.meeting)}: ${row.transferredTo}`) },
  { heading: CSV_HEADINGS.overdue, cell: (row) => (row.overdue ? CSV_YES : CSV_NO) },
];

export const BOARD_CSV_HEADINGS: readonly string[] = COLUMNS.map((column) => column.heading);

// OWASP: a cell starting with one of these may be run as a formula by a spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: defused if a spreadsheet would read a formula, then quoted if RFC 4180 needs it. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type BoardCsvOptions = {
  /** Start with a UTF-8 byte order mark, so Excel reads names such as "Zoë" right (default true). */
  readonly byteOrderMark?: boolean;
};

/** The board as CSV: a heading row, then one line per row, each ended by CRLF (RFC 4180). */
export function boardCsv(rows: readonly BoardRow[], options: BoardCsvOptions = {}): string {
  const lines = [BOARD_CSV_HEADINGS, ...rows.map((row) => COLUMNS.map((column) => column.cell(row)))];
  const body = lines.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
  return options.byteOrderMark === false ? body : `\uFEFF${body}`;
}
