// What a triage member reads on the channel card, the board and the PDF's history: what each step
// was, and the notes a card shows when a press could not be taken as it was (DOMAIN.md §9).
import type { TriageEvent, TriageEventType } from "../domain/triage.ts";
import { outcomeLabel } from "../domain/triage-text.ts";

/** Each step of the history in a few words, for the PDF's and the board's history; a decision in the area's word for its meeting (DOMAIN.md §9). */
export const HISTORY_WHAT: Readonly<Record<TriageEventType, (event: TriageEvent, meetingWord?: string) => string>> = {
  acknowledged: () => "Acknowledged",
  assigned: (event) =>
    event.type !== "assigned" ? "Assigned" : event.details.previous === undefined ? `Assigned to ${event.details.assignee.name}` : `Reassigned to ${event.details.assignee.name} (was ${event.details.previous.name})`,
  "info-requested": () => "Asked the referrer for information",
  "info-received": (event) => (event.type === "info-received" && event.details.answer !== undefined ? "Answered the question" : "Marked the information received"),
  decided: (event, meetingWord) => (event.type === "decided" ? `Decided: ${outcomeLabel(event.details.outcome, meetingWord)}${event.details.area === undefined ? "" : ` (${event.details.area})`}` : "Decided"),

  reopened: () => "Reopened the decision",
  reviewed: () => "Recorded a review",
};

export const TRIAGE_NOTES = {
  /** A press on the copy of the card left in the channel of an area that transferred the referral. */
  transferredCopy: "This referral was transferred: its card in the receiving area's triage channel is the one to act on. Nothing was changed.",
  /** A triage button pressed on the informed copy (cross-border, DOMAIN.md §9): the lead area acts. */
  informedCopy: "This is an informed copy: the triage team of the area where the child lives acts on this referral. Nothing was changed.",
  /** A move committed, then reading it back failed: the presser must not think nothing happened, nor press again. */
  recordedNotShown: "Done: this was recorded. The card could not be brought fully up to date just now; it will update itself shortly.",
  chooseColleague: "Choose the colleague to assign this referral to.",
  notInTeam: "That person is not one of this area's triage team as far as I know: nothing was changed.",
  unreadableRecord: "This referral's triage record could not be read: tell your IT team.",
  changed: "This card had changed: here it is as it is now.",
  unreadablePress: "That button did not work: the card sent something I could not read.",
  actedFirst: "Someone else acted on this referral first: here it is as it is now.",
  /** Who submitted a referral, once its details are erased. */
  referrer: "The referrer",
  /** Who downloaded a referral, when the history no longer names them. */
  someone: "A triage member",
  downloaded: "Downloaded as a PDF",
} as const;

/** A decision in the triage team's history: the reason the referrer was given, and the team's own note. */
export const decisionSaidWords = (reason: string, teamNote: string | undefined): string =>
  teamNote === undefined ? reason : `${reason}\n\nNote for the triage team (not sent to the referrer): ${teamNote}`;

export const downloadedLine = (who: string, at: string): string => `Downloaded as a PDF by ${who} at ${at}`;

/** A history entry stored in a shape this version cannot read: said, never hidden. */
export const unreadableEntry = (type: string): string => `${type}: this entry could not be read`;
