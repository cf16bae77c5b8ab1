// The channel card's facts for a referral (issue 10, point 6), from its record: the summary the
// check gave, the deadlines, the triage state. Nothing that names or locates anyone is in a record's
// clear columns, so nothing of the kind can reach the channel.
import type { Areas } from "../content/load-areas.ts";
import { offenceFlagsOf, type Category, type Flag } from "../domain/category.ts";
import type { Urgency } from "../domain/pathway.ts";
import { frontDoorWorkingHours, isOverdue, triageDeadlines } from "../domain/triage-deadlines.ts";
import { meetingOf } from "../domain/area.ts";
import { OUTCOME_LABELS, outcomeLabel, timeWords } from "../domain/triage-text.ts";
import { TriageState, type Outcome } from "../domain/triage.ts";
import { reviewDueOf } from "../domain/triage-review.ts";
import { informedLine } from "../domain/cross-border.ts";
import { handoversIn, lastHandoverFrom, transferAreasIn } from "../domain/triage-transfer.ts";
import { draftValuesOf } from "../services/referral-draft.ts";
import type { CardPeople, DetailsOutcome, EarlierReferral } from "../services/triage-service.ts";
import type { DetailsView } from "./referral-details-views.ts";
import { carriedOf } from "./referral-sections.ts";
import type { ReferralSummary } from "../services/referral-service.ts";
import type { ReferralRecord } from "../services/referral-store.ts";
import type { ChannelCardView } from "./referral-channel-views.ts";
import { categoryWords, OFFENCE_TEXT } from "../words/result-words.ts";
import { earlierDecidedWords, earlierReferralLine, STATUS_OF_EARLIER, TRIAGE_CARD_WORDS } from "../words/triage-card-words.ts";

const URGENCY_OF: Readonly<Record<string, ChannelCardView["urgency"]>> = { now: "now", today: "today", "within-72-hours": "soon", "within-3-working-days": "soon", routine: "routine" };

/** The channel card's facts for a referral (issue 10, point 6): nothing that names or locates anyone. */
export function channelViewOf(record: ReferralRecord, areas: Areas, now: Date, note?: string, people?: CardPeople, viewArea?: string): ChannelCardView {
  const summary = record.summary as ReferralSummary;
  const area = areas.get(record.areaId);
  const offences = offenceFlagsOf(summary.flags as readonly Flag[]);
  const handovers = handoversIn(record.handovers);
  const nameOf = (areaId: string) => areas.get(areaId)?.name ?? areaId;
  // DOMAIN.md §9: the copy in the channel of an area that transferred it says where it went, and takes no more actions.
  const handedFrom = viewArea === undefined || viewArea === record.areaId ? undefined : lastHandoverFrom(handovers, viewArea);
  // DOMAIN.md §9 cross-border: the copy in the channel of the area that looks after the child is
  // informed, kept in step with the lead copy, and takes no triage actions.
  const informedArea = summary.informedAreaId;
  if (handedFrom === undefined && viewArea !== undefined && viewArea !== record.areaId && viewArea === informedArea) {
    const { alsoInformed: _said, ...lead } = channelViewOf(record, areas, now, note);
    return { ...lead, areaName: nameOf(record.areaId), informed: informedLine(nameOf(viewArea), nameOf(record.areaId), summary.informedAs ?? "looks-after"), colleagues: [] };
  }
  if (handedFrom !== undefined) {
    return {
      ...channelViewOf(record, areas, now, note),
      areaName: nameOf(viewArea!),
      status: "transferred",
      transferredTo: TRIAGE_CARD_WORDS.transferredTo(nameOf(handedFrom.to), timeWords(handedFrom.at, now), handedFrom.by.name),
      colleagues: [],
    };
  }
  // Handed over to this area: its deadlines count from the hand-over, not the first submission.
  const arrived = [...handovers].reverse().find((handover) => handover.to === record.areaId);
  const deadlines = triageDeadlines(arrived?.at ?? record.submittedAt, summary.urgency as Urgency, area === undefined ? undefined : frontDoorWorkingHours(area));
  const state = TriageState.safeParse(record.triage);
  const meeting = area === undefined ? undefined : meetingOf(area).word;
  // Waiting for information, the referral keeps the assignee it had before the question.
  const assigneeName = !state.success ? undefined : state.data.status === "awaiting-info" ? (state.data.before.status === "assigned" ? state.data.before.assignee.name : undefined) : "assignee" in state.data ? state.data.assignee.name : undefined;
  const reviewDue = state.success ? reviewDueOf(state.data) : undefined;
  const overdueAt = state.success && isOverdue(state.data, deadlines, now) ? (state.data.status === "submitted" ? deadlines.acknowledgeBy : deadlines.decideBy) : undefined;
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
    ...(meeting === undefined ? {} : { meeting }),
    ...(state.success && state.data.status === "decided"
      ? { decision: `${outcomeLabel(state.data.decision.outcome, meeting)}${state.data.decision.area === undefined ? "" : ` (${nameOf(state.data.decision.area)})`}, by ${state.data.decided.by.name} at ${timeWords(state.data.decided.at, now)}` }
      : {}),
    ...(overdueAt === undefined ? {} : { overdueSince: timeWords(overdueAt, now) }),
    ...(reviewDue === undefined ? {} : { reviewDue: timeWords(reviewDue, now), reviewOverdue: reviewDue.getTime() <= now.getTime() }),
    ...(assigneeName === undefined ? {} : { assignee: assigneeName }),
    ...(note === undefined ? {} : { note }),
    transferAreas: transferAreasIn(areas.values()).filter((other) => other.id !== record.areaId).map((other) => ({ id: other.id, name: other.name })),
    ...(informedArea === undefined || informedArea === record.areaId ? {} : { alsoInformed: TRIAGE_CARD_WORDS.alsoInformed(nameOf(informedArea), summary.informedAs ?? "looks-after") }),
    ...(arrived === undefined ? {} : { transferredFrom: `${nameOf(arrived.from)} at ${timeWords(arrived.at, now)} by ${arrived.by.name}` }),
    ...(people === undefined ? {} : { colleagues: people.colleagues }),
    ...(people?.refreshFor === undefined ? {} : { refreshFor: people.refreshFor }),
  };
}

const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

/** "Possible earlier referral KIN-2026-00017, 3 March 2026, by Hillside School: decided (Early help)". */
export function earlierLine(earlier: EarlierReferral, meetingWord?: string): string {
  // An earlier referral in the same area, its decision in the area's word for its meeting.
  const label = earlier.outcome !== undefined && earlier.outcome in OUTCOME_LABELS ? outcomeLabel(earlier.outcome as Outcome, meetingWord) : earlier.outcome;
  const where = earlier.outcome === undefined ? STATUS_OF_EARLIER.get(earlier.status) ?? earlier.status : earlierDecidedWords(label ?? earlier.outcome);
  return earlierReferralLine({ reference: earlier.reference, submitted: SHORT_DATE.format(earlier.submittedAt), agency: earlier.agency, where });
}

/** "Show details" for a triage member: the summary's facts, the referral, its history, earlier referrals. */
export function detailsViewOf(details: Extract<DetailsOutcome, { kind: "details" }>, areas: Areas, now: Date): DetailsView {
  const { record, referral } = details;
  const areaName = areas.get(record.areaId)?.name ?? record.areaId;
  return {
    channel: channelViewOf(record, areas, now, undefined, details.people, details.viewArea),
    referral: referral === undefined ? undefined : draftValuesOf(referral),
    carried: referral === undefined ? { areaName, ageText: "", resultLines: [] } : carriedOf(referral.fromCheck, areaName),
    history: details.history.map((line) => {
      const when = timeWords(line.at, now);
      // Issue 21 (low): the line starts with its time, so "Acknowledged by Sam Lead at 10:05" does not say it again.
      const text = line.text.replace(` at ${when}`, "");
      return { when, text, said: line.said };
    }),
    earlier: details.earlier.map((earlier) => earlierLine(earlier, areas.get(record.areaId) === undefined ? undefined : meetingOf(areas.get(record.areaId)!).word)),
  };
}
