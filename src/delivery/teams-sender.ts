// Sends to Teams outside a turn, for the outbox worker: a new thread in a channel, an update to a
// card already posted, a message in a conversation. It calls the Bot Connector client directly
// rather than through a proactive turn, so a failure comes back to the worker to retry (inside a
// turn botbuilder would hand it to onTurnError, which would post an apology into the channel).
// Every send is time-limited (src/bot/send-deadline.ts).
import { CardFactory, MessageFactory, type Activity } from "botbuilder";
import { AuthenticationConstants, ClaimsIdentity } from "botframework-connector";
import type { AdaptiveCard } from "../cards/render-card.ts";
import type { TimeLimitedAuthentication } from "../bot/send-deadline.ts";
import { retryAfterMs } from "../bot/send-deadline.ts";
import type { ChannelReference } from "../services/referral-store.ts";
import { RetryLater } from "./outbox-worker.ts";

export type Posted = { readonly conversationId: string; readonly activityId: string };

export type TeamsSender = {
  /** Starts a new thread in a team channel with the card; its conversation id ends ";messageid=<activityId>". */
  postToChannel(channel: ChannelReference, card: AdaptiveCard): Promise<Posted>;
  /** Replaces a posted card in place, for everyone who sees it. */
  updateCard(serviceUrl: string, posted: Posted, card: AdaptiveCard): Promise<void>;
  /** Posts into an existing conversation (a channel thread, a 1:1 chat). */
  send(serviceUrl: string, conversationId: string, activity: Partial<Activity>): Promise<void>;
  /** Opens (or finds) the bot's 1:1 chat with a user, by AAD object id, and posts into it. */
  sendToUser(serviceUrl: string, tenantId: string, aadObjectId: string, activity: Partial<Activity>): Promise<void>;
};

export function createTeamsSender(auth: TimeLimitedAuthentication, appId: string): TeamsSender {
  // As CloudAdapter makes one for a proactive send (cloudAdapterBase.js, createClaimsIdentity).
  const identity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ],
    true,
  );
  const connectorFor = (serviceUrl: string) => auth.createConnectorFactory(identity).create(serviceUrl, appId === "" ? undefined : auth.getOriginatingAudience());

  return {
    async postToChannel(channel, card) {
      const connector = await connectorFor(channel.serviceUrl);
      const created = await asRetryable(() =>
        connector.conversations.createConversation({
          isGroup: true,
          bot: { id: appId, name: "" },
          tenantId: channel.tenantId,
          channelData: { channel: { id: channel.channelId }, tenant: { id: channel.tenantId } },
          activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity,
        } as never),
      );
      const conversationId = created.id ?? "";
      // Teams answers the new thread's id as "<channel>;messageid=<id>" and may leave activityId out (DESIGN.md).
      const activityId = created.activityId ?? /;messageid=(.+)$/.exec(conversationId)?.[1] ?? "";
      if (conversationId === "" || activityId === "") throw new Error("the Bot Connector did not say where the channel card was posted");
      return { conversationId, activityId };
    },

    async updateCard(serviceUrl, posted, card) {
      const connector = await connectorFor(serviceUrl);
      const activity = { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: posted.activityId } as Activity;
      await asRetryable(() => connector.conversations.updateActivity(posted.conversationId, posted.activityId, activity));
    },

    async send(serviceUrl, conversationId, activity) {
      const connector = await connectorFor(serviceUrl);
      await asRetryable(() => connector.conversations.sendToConversation(conversationId, activity));
    },

    async sendToUser(serviceUrl, tenantId, aadObjectId, activity) {
      const connector = await connectorFor(serviceUrl);
      const created = await asRetryable(() =>
        connector.conversations.createConversation({
          isGroup: false,
          bot: { id: appId, name: "" },
          members: [{ id: aadObjectId, name: "" }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as never),
      );
      if (created.id === undefined || created.id === "") throw new Error("the Bot Connector did not open a 1:1 chat");
      await asRetryable(() => connector.conversations.sendToConversation(created.id, activity));
    },
  };
}

/** A throttled send (429) becomes RetryLater with the wait Teams asked for; anything else is rethrown. */
async function asRetryable<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 429) {
      const header = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers?.get?.("retry-after");
      throw new RetryLater("the Bot Connector asked to slow down (429)", retryAfterMs(header, Date.now()));
    }
    throw error;
  }
}
