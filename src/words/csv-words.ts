// The words of the triage board exported as CSV (no personal details): each column's heading and
// the status words, shorter than the channel card's because a spreadsheet column is narrow.
import type { TriageStatus } from "../domain/triage.ts";

export const CSV_HEADINGS = {
  reference: "Reference",
  area: "Area",
  submitted: "Submitted (UK time)",
  category: "Category",
  flags: "Flags",
  urgency: "Urgency",
  ageBand: "Age band",
  status: "Status",
  assignee: "Assigned to",
  acknowledged: "Acknowledged (UK time)",
  decided: "Decided (UK time)",
  outcome: "Outcome",
  overdue: "Overdue",
} as const;

export const CSV_STATUS_WORDS: Readonly<Record<TriageStatus, string>> = {
  submitted: "Submitted",
  acknowledged: "Acknowledged",
  assigned: "Assigned",
  "awaiting-info": "Awaiting information",
  decided: "Decided",
};

export const CSV_YES = "Yes";
export const CSV_NO = "No";
