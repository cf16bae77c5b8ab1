// The Bot Framework adapter. With no app id it accepts unauthenticated activities and replies
// without a token (local use with the Agents Playground and tests); with one, it authenticates
// as Teams requires.
import { CloudAdapter, MessageFactory, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";
import { DEFAULT_SEND_LIMITS, TimeLimitedAuthentication, type SendLimits } from "./send-deadline.ts";
import { BOT_REPLIES } from "../words/bot-replies.ts";

/** CloudAdapter with its turn entry point open to the endpoint, which does its own HTTP (bot-endpoint.ts). */
export class SafeguardAdapter extends CloudAdapter {
  /** Authenticates the activity and runs the turn; throws AuthenticationError when the token is refused. */
  runTurn(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/** The bot's authentication, shared by the adapter and the outbox's sender, every send time-limited. */
export function createAuthentication(bot: Config["bot"], limits: SendLimits = DEFAULT_SEND_LIMITS): TimeLimitedAuthentication {
  const settings =
    bot === undefined
      ? {}
      : { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword ?? "", MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId ?? "" };
  return new TimeLimitedAuthentication(settings, limits);
}

export function createAdapter(auth: TimeLimitedAuthentication, logger: Logger): SafeguardAdapter {
  const adapter = new SafeguardAdapter(auth);
  // One central path for the unexpected: a log line a person can act on, a kind word to the user.
  // Never the message text: it may describe a child.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    logger.error({ err: error, activityType: context.activity.type, channelId: context.activity.channelId }, "turn failed");
    try {
      await context.sendActivity(MessageFactory.text(BOT_REPLIES.turnFailed));
    } catch (sendError) {
      logger.error({ err: sendError }, "could not tell the user about a failed turn");
    }
  };
  return adapter;
}
