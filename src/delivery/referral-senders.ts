// What the outbox worker does with each kind of message about a referral (issue 10, points 5-7).
// "post-referral-card": a new thread in the area's triage channel with the minimised card; with no
// channel registered yet it waits (it is not failing, so it never becomes a dead letter) and goes
// once an admin registers one. "update-referral-card": every posted copy replaced in place after a
// triage action. "notify-referrer": the referrer told in their 1:1 chat.
import type { Areas } from "../content/load-areas.ts";
import type { AdaptiveCard } from "../cards/render-card.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { channelViewOf } from "../cards/referral-channel-data.ts";
import { referralChannelCard } from "../cards/referral-views.ts";
import { TriageEvent } from "../domain/triage.ts";
import { OUTCOME_LABELS, timeWords } from "../domain/triage-text.ts";
import { EMERGENCY_LINE } from "../domain/pathway-text.ts";
import type { ReferralCrypto } from "../store/referral-crypto.ts";
import type { ClaimedMessage, ReferralRecord, ReferralStore, TriageChannelStore } from "../services/referral-store.ts";
import { Waiting, type Send } from "./outbox-worker.ts";
import type { TeamsSender } from "./teams-sender.ts";

/** How often a referral waiting for its area's channel looks again. */
export const CHANNEL_WAIT_MS = 60_000;

export type ReferralSenderDependencies = {
  readonly referrals: ReferralStore;
  readonly channels: TriageChannelStore;
  readonly teams: TeamsSender;
  readonly areas: Areas;
  readonly crypto: ReferralCrypto;
  readonly render: (card: CardToSend) => AdaptiveCard;
  readonly clock: () => Date;
};

/** What the referrer is told, in plain words, for each triage event. */
export function referrerMessage(record: ReferralRecord, areaName: string, event: TriageEvent, now: Date): string {
  const by = `${event.details.actorName} at ${timeWords(event.at, now)}`;
  const about = `Your referral ${record.reference} to ${areaName}'s front door`;
  switch (event.type) {
    case "acknowledged":
      return `${about} has been acknowledged by ${by}.`;
    case "assigned":
      return `${about} has been ${event.details.alsoAcknowledged ? "acknowledged and " : ""}assigned to ${event.details.assignee.name} (${by}).`;
    case "decided":
      return `${about} has been decided by ${by}: ${OUTCOME_LABELS[event.details.outcome]}${event.details.area === undefined ? "" : ` (${event.details.area})`}. Their reason: ${event.details.reason}`;
    case "reopened":
      return `${about} has been reopened by ${by}: the decision is being looked at again.`;
    case "info-requested":
    case "info-received":
      return `${about} has been updated by ${by}.`;
  }
}

export function createReferralSenders({ referrals, channels, teams, areas, crypto, render, clock }: ReferralSenderDependencies): ReadonlyMap<string, Send> {
  async function referralOf(message: ClaimedMessage): Promise<ReferralRecord> {
    const record = await referrals.get(message.referralId);
    if (record === undefined) throw new Error("the referral of an outbox message is missing");
    return record;
  }
  const cardOf = (record: ReferralRecord) => render(referralChannelCard(channelViewOf(record, areas, clock())));

  const postReferralCard: Send = async (message) => {
    const record = await referralOf(message);
    // Posted and recorded, but the worker died before marking the message done: posting again would
    // only make a second copy. (A copy whose reply never reached us cannot be known, so is not here.)
    if ((await channels.postsOf(record.id)).length > 0) return;
    const channel = await channels.channelOf(record.areaId);
    if (channel === undefined) throw new Waiting(`no triage channel is registered for ${record.areaId}`, CHANNEL_WAIT_MS);
    const posted = await teams.postToChannel(channel, cardOf(record));
    await channels.recordPost(record.id, posted.conversationId, posted.activityId);
  };

  // Every copy (two only if a post was retried after a crash mid-flight) shows the referral as it is now.
  const updateReferralCard: Send = async (message) => {
    const record = await referralOf(message);
    const channel = await channels.channelOf(record.areaId);
    if (channel === undefined) return;
    const card = cardOf(record);
    for (const posted of await channels.postsOf(record.id)) await teams.updateCard(channel.serviceUrl, posted, card);
  };

  const notifyReferrer: Send = async (message) => {
    const record = await referralOf(message);
    const address = record.referrerConversation;
    const wanted = (message.payload as { event?: unknown }).event;
    const last = (await referrals.events(record.id)).reverse().find((event) => event.type === wanted);
    if (address === undefined || last === undefined) return;
    const details = crypto.openJson(last.sealedDetails, { aad: `referral:${record.id}:event` });
    const event = TriageEvent.parse({ type: last.type, actorId: last.actorId, at: last.at, details });
    const text = `${referrerMessage(record, areas.get(record.areaId)?.name ?? record.areaId, event, clock())} ${EMERGENCY_LINE}`;
    await teams.send(address.serviceUrl, address.conversationId, { type: "message", text });
  };

  // Issue 10, point 8: still not acknowledged at its deadline, the referral's thread gets a reminder.
  const acknowledgeReminder: Send = async (message) => {
    const record = await referralOf(message);
    if (record.status !== "submitted") return;
    const channel = await channels.channelOf(record.areaId);
    const posts = await channels.postsOf(record.id);
    if (channel === undefined || posts.length === 0) throw new Waiting(`referral not posted yet; its reminder waits`, CHANNEL_WAIT_MS);
    const due = channelViewOf(record, areas, clock()).acknowledgeBy;
    const text = `Reminder: referral ${record.reference} has not been acknowledged yet (due by ${due}). Press Acknowledge or Assign to me on its card. ${EMERGENCY_LINE}`;
    for (const posted of posts) await teams.send(channel.serviceUrl, posted.conversationId, { type: "message", text });
  };

  return new Map([
    ["post-referral-card", postReferralCard],
    ["acknowledge-reminder", acknowledgeReminder],
    ["update-referral-card", updateReferralCard],
    ["notify-referrer", notifyReferrer],
  ]);
}
