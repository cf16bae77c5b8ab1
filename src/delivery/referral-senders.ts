// What the outbox worker does with each kind of message about a referral (issue 10, points 5-7).
// "post-referral-card": a new thread in the area's triage channel with the minimised card; with no
// channel registered yet it waits (it is not failing, so it never becomes a dead letter) and goes
// once an admin registers one. "update-referral-card": every posted copy replaced in place after a
// triage action. "notify-referrer": the referrer told in their 1:1 chat.
import type { Areas } from "../content/load-areas.ts";
import { meetingWordOf } from "../domain/area.ts";
import { CardFactory, MessageFactory } from "botbuilder";
import type { AdaptiveCard } from "../cards/render-card.ts";
import { referralQuestionCard } from "../cards/referral-question-views.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { channelViewOf } from "../cards/referral-channel-data.ts";
import { referralChannelCard } from "../cards/referral-views.ts";
import { TriageEvent, TriageState } from "../domain/triage.ts";
import { OUTCOME_LABELS, deliveredMessage, informedDeliveredMessage, referrerMessage, timeWords, transferredMessage } from "../domain/triage-text.ts";
import { handoversIn } from "../domain/triage-transfer.ts";
import { EMERGENCY_LINE } from "../domain/pathway-text.ts";
import { acknowledgeReminderLine, decisionEscalationLine, escalationInThreadLine, referrerAnsweredLine, reviewReminderLine } from "../words/triage-messages.ts";
import { reviewDueOf } from "../domain/triage-review.ts";
import type { ReferralCrypto } from "../store/referral-crypto.ts";
import type { ClaimedMessage, ReferralRecord, ReferralStore, TriageChannelStore } from "../services/referral-store.ts";
import { Waiting, type Send } from "./outbox-worker.ts";
import type { TeamsSender } from "./teams-sender.ts";
import { areaOfPost, isForCurrentArea, type CardPeople } from "../services/triage-service.ts";

/** How often a referral waiting for its area's channel looks again. */
export const CHANNEL_WAIT_MS = 60_000;

export type ReferralSenderDependencies = {
  readonly referrals: ReferralStore;
  /** The area's triage members a referral can be assigned to, for the card (triage-service.ts). */
  readonly peopleOf: (record: ReferralRecord) => Promise<CardPeople>;
  /** The area's admins by AAD object id, for the decision escalation; empty when everyone is one (local use). */
  readonly adminsOf: (areaId: string) => readonly string[];
  readonly channels: TriageChannelStore;
  readonly teams: TeamsSender;
  readonly areas: Areas;
  readonly crypto: ReferralCrypto;
  readonly render: (card: CardToSend) => AdaptiveCard;
  readonly clock: () => Date;
  /** With credentials: a referrer with no 1:1 chat on record (they sent it from the tab) is messaged by their AAD object id. */
  readonly reachReferrersById?: boolean;
};

export { referrerMessage };

/** Teams refused to open a 1:1 chat with the user: the bot is not installed for them (403), or they are not found (404). */
function cannotMessage(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 403 || status === 404;
}

/** The area that had the referral at `at`: the one a later hand-over took it from, or the one that has it now. */
function areaAt(record: ReferralRecord, at: Date): string {
  return handoversIn(record.handovers).find((handover) => handover.at.getTime() >= at.getTime())?.from ?? record.areaId;
}

export function createReferralSenders({ referrals, peopleOf, adminsOf, channels, teams, areas, crypto, render, clock, reachReferrersById = false }: ReferralSenderDependencies): ReadonlyMap<string, Send> {
  async function referralOf(message: ClaimedMessage): Promise<ReferralRecord> {
    const record = await referrals.get(message.referralId);
    if (record === undefined) throw new Error("the referral of an outbox message is missing");
    return record;
  }
  /** The card for the copy in `viewArea`'s channel: the referral as it is, or, where it was transferred from, where it went. */
  const cardOf = async (record: ReferralRecord, viewArea = record.areaId) =>
    render(referralChannelCard(viewArea === record.areaId ? channelViewOf(record, areas, clock(), undefined, await peopleOf(record)) : channelViewOf(record, areas, clock(), undefined, undefined, viewArea)));
  /** The copies of the card in the channel of the area that has the referral now. */
  const postsHere = async (record: ReferralRecord) => (await channels.postsOf(record.id)).filter((post) => areaOfPost(record, post) === record.areaId);
  const areaNameOf = (areaId: string) => areas.get(areaId)?.name ?? areaId;

  /** Posts a line into each thread of the referral's card; waits while the card is not posted yet. */
  async function postInThread(record: ReferralRecord, text: string): Promise<void> {
    const channel = await channels.channelOf(record.areaId);
    const posts = await postsHere(record);
    if (channel === undefined || posts.length === 0) throw new Waiting("referral not posted yet; its message waits", CHANNEL_WAIT_MS);
    for (const posted of posts) await teams.send(channel.serviceUrl, posted.conversationId, { type: "message", text });
  }

  /**
   * A message to the referrer in their 1:1 chat. Sent from the tab, no 1:1 chat is on record: with
   * credentials the bot opens one by their AAD object id, through the area's channel's service, as
   * for admins. In local use the tab's "My referrals" is where they see it (the local test users
   * are not Teams users).
   */
  async function tellReferrer(record: ReferralRecord, activity: Parameters<TeamsSender["send"]>[2]): Promise<void> {
    const address = record.referrerConversation;
    if (address !== undefined) return void (await teams.send(address.serviceUrl, address.conversationId, activity));
    const aadObjectId = record.referrerId.startsWith("msteams:") ? record.referrerId.slice("msteams:".length) : "";
    const channel = reachReferrersById && aadObjectId !== "" ? await channels.channelOf(record.areaId) : undefined;
    if (channel !== undefined) await teams.sendToUser(channel.serviceUrl, channel.tenantId, aadObjectId, activity);
  }

  const postReferralCard: Send = async (message) => {
    const record = await referralOf(message);
    // Transferred again before this area's card went: the area that has it now has its own row.
    if (!isForCurrentArea(record, message.payload)) return;
    // Posted and recorded, but the worker died before marking the message done: posting again would
    // only make a second copy. (A copy whose reply never reached us is not known here; a triage
    // member's press on it records it: triage-service.ts, recordCopy.) A copy in the channel of an
    // area that transferred it does not count: the receiving area gets its own (DOMAIN.md §9).
    if ((await postsHere(record)).length === 0) {
      const channel = await channels.channelOf(record.areaId);
      if (channel === undefined) throw new Waiting(`no triage channel is registered for ${record.areaId}`, CHANNEL_WAIT_MS);
      const posted = await teams.postToChannel(channel, await cardOf(record));
      await channels.recordPost(record.id, posted.conversationId, posted.activityId, record.areaId);
    }
    // DOMAIN.md §8: posted on a later try (it waited for a channel, or the first try failed), so the
    // confirmation did not say it was being posted: the referrer is told it is delivered now.
    if (message.attempts > 1) await tellReferrer(record, { type: "message", text: `${deliveredMessage(record.reference, areaNameOf(record.areaId))} ${EMERGENCY_LINE}` });
  };

  // Every copy (two only if a post was retried after a crash mid-flight) shows the referral as it is now.
  // DOMAIN.md §9 cross-border: the informed copy in the channel of the area that looks after the
  // child, once (a copy recorded there is not posted again); it waits, as any post, for a channel.
  const postInformedCard: Send = async (message) => {
    const record = await referralOf(message);
    const areaId = (message.payload as { areaId?: unknown }).areaId;
    if (typeof areaId !== "string" || (record.summary as { informedAreaId?: unknown }).informedAreaId !== areaId || areaId === record.areaId) return;
    if (!(await channels.postsOf(record.id)).some((post) => post.areaId === areaId)) {
      const channel = await channels.channelOf(areaId);
      if (channel === undefined) throw new Waiting(`no triage channel is registered for ${areaId}`, CHANNEL_WAIT_MS);
      const posted = await teams.postToChannel(channel, await cardOf(record, areaId));
      await channels.recordPost(record.id, posted.conversationId, posted.activityId, areaId);
    }
    // DOMAIN.md §8: posted on a later try, so the referrer was told it was not delivered there: now it is.
    if (message.attempts > 1) await tellReferrer(record, { type: "message", text: `${informedDeliveredMessage(record.reference, areaNameOf(areaId), areaNameOf(record.areaId), (record.summary as { informedAs?: unknown }).informedAs === "placed-in" ? "placed-in" : "looks-after")} ${EMERGENCY_LINE}` });
  };

  // After a transfer, the copies in the sending area's channel say where it went (DOMAIN.md §9).
  const updateReferralCard: Send = async (message) => {
    const record = await referralOf(message);
    const cards = new Map<string, AdaptiveCard>();
    for (const posted of await channels.postsOf(record.id)) {
      const areaId = areaOfPost(record, posted);
      const channel = await channels.channelOf(areaId);
      if (channel === undefined) continue;
      if (!cards.has(areaId)) cards.set(areaId, await cardOf(record, areaId));
      await teams.updateCard(channel.serviceUrl, posted, cards.get(areaId)!);
    }
  };

  const notifyReferrer: Send = async (message) => {
    const record = await referralOf(message);
    const wanted = (message.payload as { event?: unknown }).event;
    const last = (await referrals.events(record.id)).reverse().find((event) => event.type === wanted);
    if (last === undefined) return;
    const details = crypto.openJson(last.sealedDetails, { aad: `referral:${record.id}:event` });
    const event = TriageEvent.parse({ type: last.type, actorId: last.actorId, at: last.at, details });
    // Each step names the area that had the referral when it was taken (a transfer: the one it left).
    const transfer = event.type === "decided" && event.details.outcome === "transfer-to-other-area" && event.details.area === record.areaId;
    const areaName = areaNameOf(areaAt(record, event.at));
    if (transfer && event.type === "decided") {
      const waiting = (await channels.channelOf(record.areaId)) === undefined;
      const text = transferredMessage(record, areaName, areaNameOf(record.areaId), event, clock(), waiting);
      await tellReferrer(record, { type: "message", textFormat: "plain", text: `${text} ${EMERGENCY_LINE}` });
      return;
    }
    // A question comes as a card to answer it on (it carries the 999 line); every other step as a line of text.
    const activity =
      event.type === "info-requested"
        ? MessageFactory.attachment(CardFactory.adaptiveCard(render(referralQuestionCard({ referralId: record.id, reference: record.reference, areaName, question: event.details.question, state: { kind: "asking" } }))))
        : // Issue 23 (low): the reason is the lead's own words, sent as plain text, never rendered as Markdown (no links).
          { type: "message", textFormat: "plain", text: `${referrerMessage(record, areaName, event, clock(), meetingWordOf(areas.get(areaAt(record, event.at))))} ${EMERGENCY_LINE}` };
    await tellReferrer(record, activity);
  };

  // The referrer answered a question: the thread is told (the answer itself stays in the sealed history, behind Show details).
  const infoAnswered: Send = async (message) => {
    const record = await referralOf(message);
    const text = `${referrerAnsweredLine(record.reference)} ${EMERGENCY_LINE}`;
    await postInThread(record, text);
  };

  // Issue 10, point 8: not decided within one working day, the area's admins are told in their 1:1 chats.
  const decisionEscalation: Send = async (message) => {
    const record = await referralOf(message);
    // Transferred since: the receiving area's own escalation is due from the hand-over.
    if (!isForCurrentArea(record, message.payload)) return;
    const triage = record.triage as { reopened?: unknown };
    // Decided (or decided and reopened: the deadline was met once): nothing to escalate.
    if (record.status === "decided" || triage.reopened !== undefined) return;
    const view = channelViewOf(record, areas, clock());
    const escalation = decisionEscalationLine({ reference: record.reference, areaName: areaNameOf(record.areaId), decideBy: view.decideBy, status: record.status, assignee: view.assignee });
    const text = `${escalation} ${EMERGENCY_LINE}`;
    const admins = adminsOf(record.areaId);
    const channel = await channels.channelOf(record.areaId);
    if (admins.length === 0 || channel === undefined) {
      // No admins listed (local use, where everyone is one), or no channel to reach them through: the thread is told.
      await postInThread(record, text);
      return;
    }
    // An admin who never installed the app cannot be messaged 1:1 (Teams answers 403 or 404): rather
    // than a dead letter nobody reads, the thread is told, and says why it is told.
    let unreachable = 0;
    for (const admin of admins) {
      try {
        await teams.sendToUser(channel.serviceUrl, channel.tenantId, admin, { type: "message", text });
      } catch (error) {
        if (!cannotMessage(error)) throw error;
        unreachable += 1;
      }
    }
    if (unreachable > 0) await postInThread(record, `${escalation} ${escalationInThreadLine(areaNameOf(record.areaId), unreachable, admins.length)} ${EMERGENCY_LINE}`);
  };

  // Issue 10, point 8: still not acknowledged at its deadline, the referral's thread gets a reminder.
  const acknowledgeReminder: Send = async (message) => {
    const record = await referralOf(message);
    if (record.status !== "submitted" || !isForCurrentArea(record, message.payload)) return;
    const due = channelViewOf(record, areas, clock()).acknowledgeBy;
    await postInThread(record, `${acknowledgeReminderLine(record.reference, due)} ${EMERGENCY_LINE}`);
  };

  // DOMAIN.md §9 review reminders: due, the referral's thread is told once. A row whose due date is
  // no longer the referral's (a review recorded, reopened, decided again, transferred) does nothing.
  const reviewReminder: Send = async (message) => {
    const record = await referralOf(message);
    const state = TriageState.safeParse(record.triage);
    const due = state.success ? reviewDueOf(state.data) : undefined;
    if (!state.success || state.data.status !== "decided" || due === undefined || due.toISOString() !== (message.payload as { due?: unknown }).due) return;
    const line = reviewReminderLine({
      reference: record.reference,
      outcome: OUTCOME_LABELS[state.data.decision.outcome],
      areaName: areaNameOf(record.areaId),
      everyDays: areas.get(record.areaId)?.reviewEveryDays,
      due: timeWords(due, clock()),
    });
    await postInThread(record, `${line} ${EMERGENCY_LINE}`);
  };

  return new Map([
    ["review-reminder", reviewReminder],
    ["post-referral-card", postReferralCard],
    ["post-informed-card", postInformedCard],
    ["acknowledge-reminder", acknowledgeReminder],
    ["update-referral-card", updateReferralCard],
    ["notify-referrer", notifyReferrer],
    ["info-answered", infoAnswered],
    ["decision-escalation", decisionEscalation],
  ]);
}
