// The channel card's facts for a referral (issue 10, point 6), from its record: the summary the
// check gave, the deadlines, the triage state. Nothing that names or locates anyone is in a record's
// clear columns, so nothing of the kind can reach the channel.
import type { Areas } from "../content/load-areas.ts";
import { offenceFlagsOf, type Category, type Flag } from "../domain/category.ts";
import type { Urgency } from "../domain/pathway.ts";
import { frontDoorWorkingHours, triageDeadlines } from "../domain/triage-deadlines.ts";
import { timeWords } from "../domain/triage-text.ts";
import type { ReferralSummary } from "../services/referral-service.ts";
import type { ReferralRecord } from "../services/referral-store.ts";
import type { ChannelCardView } from "./referral-channel-views.ts";
import { categoryWords, OFFENCE_TEXT } from "./result-words.ts";

const URGENCY_OF: Readonly<Record<string, ChannelCardView["urgency"]>> = { now: "now", today: "today", "within-72-hours": "soon", "within-3-working-days": "soon", routine: "routine" };

/** The channel card's facts for a referral (issue 10, point 6): nothing that names or locates anyone. */
export function channelViewOf(record: ReferralRecord, areas: Areas, now: Date, note?: string): ChannelCardView {
  const summary = record.summary as ReferralSummary;
  const area = areas.get(record.areaId);
  const offences = offenceFlagsOf(summary.flags as readonly Flag[]);
  const deadlines = triageDeadlines(record.submittedAt, summary.urgency as Urgency, area === undefined ? undefined : frontDoorWorkingHours(area));
  const triage = record.triage as { assignee?: { name?: string } };
  return {
    referralId: record.id,
    version: record.version,
    reference: record.reference,
    areaName: area?.name ?? record.areaId,
    categoryLine: categoryWords(summary.category as Category, offences).title,
    offenceLines: offences.map((flag) => OFFENCE_TEXT[flag].title),
    urgency: URGENCY_OF[summary.urgency] ?? "today",
    ageBand: summary.ageBand,
    submittedAt: timeWords(record.submittedAt, now),
    acknowledgeBy: timeWords(deadlines.acknowledgeBy, now),
    decideBy: timeWords(deadlines.decideBy, now),
    status: record.status,
    ...(triage.assignee?.name === undefined ? {} : { assignee: triage.assignee.name }),
    ...(note === undefined ? {} : { note }),
  };
}
