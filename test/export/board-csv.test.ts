// The board as CSV for managers, read back with a CSV parser (csv-parse) as a spreadsheet would:
// RFC 4180 quoting, formulas defused, and nothing of the referral's personal fields, whatever
// the stored summary holds.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Area } from "../../src/domain/area.ts";
import { Area as AreaSchema } from "../../src/domain/area.ts";
import { displayValue } from "../../src/cards/referral-sections.ts";
import { REFERRAL_FIELDS, fieldId, type FieldSpec } from "../../src/domain/referral-fields.ts";
import type { TriageState } from "../../src/domain/triage.ts";
import { BOARD_CSV_HEADINGS, boardCsv, boardRowOf, csvCell, type BoardRecord, type BoardRow } from "../../src/export/board-csv.ts";
import { summaryOf } from "../../src/services/referral-service.ts";
import { readFileSync } from "node:fs";
import { markedReferral, TODAY } from "../support/marked-referral.ts";

const KINGSTON: Area = AreaSchema.parse(JSON.parse(readFileSync(new URL("../../content/areas/kingston.json", import.meta.url), "utf8")));
const SAM = { id: "aad-sam", name: "Sam Lead" };
const JO = { id: "aad-jo", name: "Jo Lead" };
const at = (text: string) => new Date(text);

const SUBMITTED = at("2026-11-24T10:02:00Z"); // a Tuesday, 10:02 in London
const SUMMARY = { areaId: "kingston", category: 2, unconfirmed: false, flags: ["missing", "under13"], urgency: "today", ageBand: "10-12" };

const record = (summary: unknown, triage: TriageState): BoardRecord => ({ reference: "KIN-2026-00042", areaId: "kingston", submittedAt: SUBMITTED, summary, triage });

const DECIDED: TriageState = {
  status: "decided",
  version: 4,
  acknowledged: { by: SAM, at: at("2026-11-24T10:05:00Z") },
  assigned: { by: SAM, at: at("2026-11-24T10:06:00Z") },
  assignee: JO,
  decided: { by: JO, at: at("2026-11-25T09:00:00Z") },
  decision: { outcome: "transfer-to-other-area", area: "Sutton" },
};

type Cells = Record<string, string>;
/** The CSV as a spreadsheet reads it: a record per line, keyed by heading. */
const readCsv = (csv: string): Cells[] => parse(csv, { columns: true, bom: true, relax_quotes: false, skip_empty_lines: false }) as Cells[];

describe("boardRowOf and boardCsv", () => {
  it("a decided referral: its facts, times in London, outcome with the area, not overdue", () => {
    const [row] = readCsv(boardCsv([boardRowOf(record(SUMMARY, DECIDED), KINGSTON, at("2026-11-30T12:00:00Z"))]));
    expect(row).toEqual({
      Reference: "KIN-2026-00042",
      Area: "Kingston upon Thames",
      "Submitted (UK time)": "2026-11-24 10:02",
      Category: "Exploitation scale: Category 2",
      Flags: "Missing; A crime may have been committed: sexual activity with a child under 13",
      Urgency: "Today",
      "Age band": "10-12",
      Status: "Decided",
      "Assigned to": "Jo Lead",
      "Acknowledged (UK time)": "2026-11-24 10:05",
      "Decided (UK time)": "2026-11-25 09:00",
      Outcome: "Transfer to another area: Sutton",
      Overdue: "No",
    });
  });

  it("summer time is London's: 09:30 UTC in July is 10:30", () => {
    const july = { ...record(SUMMARY, { status: "submitted", version: 1 }), submittedAt: at("2026-07-14T09:30:00Z") };
    expect(readCsv(boardCsv([boardRowOf(july, KINGSTON, at("2026-07-14T09:31:00Z"))]))[0]?.["Submitted (UK time)"]).toBe("2026-07-14 10:30");
  });

  it.each([
    ["submitted, past its acknowledgement deadline", { status: "submitted", version: 1 }, at("2026-11-24T16:00:00Z"), "Yes"],
    ["submitted, inside it", { status: "submitted", version: 1 }, at("2026-11-24T10:30:00Z"), "No"],
    ["acknowledged, past the decision's working day", { status: "acknowledged", version: 2, acknowledged: { by: SAM, at: at("2026-11-24T10:05:00Z") } }, at("2026-11-26T12:00:00Z"), "Yes"],
    ["decided, whenever", DECIDED, at("2027-01-01T12:00:00Z"), "No"],
  ] as const)("overdue when %s: %s", (_name, triage, now, overdue) => {
    expect(readCsv(boardCsv([boardRowOf(record(SUMMARY, triage as TriageState), KINGSTON, now)]))[0]?.Overdue).toBe(overdue);
  });

  it("the board's next deadline: acknowledgement while unacknowledged, then the decision, none once decided", () => {
    const now = at("2026-11-24T10:30:00Z");
    const acknowledged: TriageState = { status: "acknowledged", version: 2, acknowledged: { by: SAM, at: at("2026-11-24T10:05:00Z") } };
    const submittedDue = boardRowOf(record(SUMMARY, { status: "submitted", version: 1 }), KINGSTON, now).dueBy;
    const acknowledgedDue = boardRowOf(record(SUMMARY, acknowledged), KINGSTON, now).dueBy;
    expect(submittedDue?.getTime()).toBeGreaterThan(SUBMITTED.getTime());
    expect(acknowledgedDue?.getTime()).toBeGreaterThan(submittedDue?.getTime() ?? Infinity);
    // The decision: one working day after submission (Kingston's front door hours), Wednesday 10:02.
    expect(acknowledgedDue?.toISOString()).toBe("2026-11-25T10:02:00.000Z");
    expect(boardRowOf(record(SUMMARY, DECIDED), KINGSTON, now).dueBy).toBeUndefined();
  });

  it("waiting for information shows the state it came from: acknowledged and assigned", () => {
    const awaiting: TriageState = {
      status: "awaiting-info",
      version: 4,
      requested: { by: JO, at: at("2026-11-24T11:00:00Z") },
      before: { status: "assigned", acknowledged: { by: SAM, at: at("2026-11-24T10:05:00Z") }, assigned: { by: SAM, at: at("2026-11-24T10:06:00Z") }, assignee: JO },
    };
    const [row] = readCsv(boardCsv([boardRowOf(record(SUMMARY, awaiting), KINGSTON, at("2026-11-24T11:30:00Z"))]));
    expect([row?.Status, row?.["Assigned to"], row?.["Acknowledged (UK time)"], row?.Outcome]).toEqual(["Awaiting information", "Jo Lead", "2026-11-24 10:05", ""]);
  });

  it("refuses a record whose summary is not a summary, naming the referral", () => {
    expect(() => boardRowOf(record({ category: "seven" }, DECIDED), KINGSTON, SUBMITTED)).toThrow(/KIN-2026-00042.*summary/);
  });
});

describe("RFC 4180", () => {
  const row = (assignee: string, transferredTo = "Sutton"): BoardRow => ({
    ...boardRowOf(record(SUMMARY, DECIDED), KINGSTON, SUBMITTED),
    assignee,
    transferredTo,
  });

  it("a heading row, CRLF after every line, a byte order mark for Excel unless asked not to", () => {
    const csv = boardCsv([row("Jo Lead"), row("Sam Lead")]);
    expect(csv.startsWith("\uFEFFReference,Area,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(boardCsv([], { byteOrderMark: false })).toBe(`${BOARD_CSV_HEADINGS.join(",")}\r\n`);
  });

  it.each([
    ["a comma", "Lead, Jo"],
    ["quotes", 'Jo "JJ" Lead'],
    ["a line break", "Jo\r\nLead"],
    ["a bare CR and LF", "Jo\rLead\nThe second"],
    ["only quotes", '""'],
    ["letters beyond ASCII", "Zoë Łukasz 王"],
  ])("%s in a cell reads back as it was", (_name, name) => {
    const csv = boardCsv([row(name)]);
    const [cells] = readCsv(csv);
    expect(cells?.["Assigned to"]).toBe(name);
    expect(Object.keys(cells ?? {})).toEqual(BOARD_CSV_HEADINGS);
  });

  it("a cell is quoted only when it must be", () => {
    expect(csvCell("Jo Lead")).toBe("Jo Lead");
    expect(csvCell("Lead, Jo")).toBe('"Lead, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});

describe("formula injection", () => {
  it.each(["=HYPERLINK(\"http://evil.example\",\"Jo\")", "+44 20 7946 0123", "-2+3", "@SUM(A1:A9)", "\tJo", "\rJo", "=1+1, \"quoted\""])(
    "%j starts with an apostrophe, so a spreadsheet shows it as text",
    (name) => {
      const [cells] = readCsv(boardCsv([{ ...boardRowOf(record(SUMMARY, DECIDED), KINGSTON, SUBMITTED), assignee: name, transferredTo: name }]));
      expect(cells?.["Assigned to"]).toBe(`'${name}`);
      expect(cells?.Outcome).toBe(`Transfer to another area: ${name}`);
    },
  );

  it("a transfer's area that starts the cell is defused too", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell("Sutton")).toBe("Sutton");
    expect(csvCell("Jo-Lead")).toBe("Jo-Lead");
  });
});

describe("no personal field", () => {
  it("no value typed in the referral reaches the CSV, even where the stored summary held them", () => {
    const marked = markedReferral();
    const summary = summaryOf(marked.referral, undefined, TODAY);
    // A summary that had picked up personal fields: the row reads only the facts it names.
    const leaky = { ...summary, child: marked.referral.child, referrer: marked.referral.referrer, personsOfInterest: marked.referral.personsOfInterest, note: marked.markers.join(" ") };
    const rows = [
      boardRowOf(record(summary, DECIDED), KINGSTON, at("2026-11-30T12:00:00Z")),
      boardRowOf(record(leaky, { status: "submitted", version: 1 }), KINGSTON, at("2026-11-30T12:00:00Z")),
    ];
    const csv = boardCsv(rows).toUpperCase();
    expect(marked.markers.length).toBeGreaterThan(250);
    for (const marker of marked.markers) expect(csv).not.toContain(marker);
    // Values with no marker: dates of birth, phone, NHS number, unique pupil number, in any form the card shows.
    const fields: readonly FieldSpec[] = REFERRAL_FIELDS;
    for (const field of fields.filter((candidate) => ["date", "phone", "email"].includes(candidate.kind) || candidate.pattern !== undefined)) {
      const typed = marked.typed.get(fieldId(field));
      if (typed === undefined) continue;
      expect(csv, fieldId(field)).not.toContain(typed.toUpperCase());
      expect(csv, fieldId(field)).not.toContain(displayValue(field, typed).toUpperCase());
    }
    expect(readCsv(boardCsv(rows))).toHaveLength(2);
  });
});
