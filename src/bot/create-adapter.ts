// The Bot Framework adapter. With no app id it accepts unauthenticated activities and replies
// without a token (local use with the Agents Playground and tests); with one, it authenticates
// as Teams requires.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";

export function createAdapter(bot: Config["bot"], logger: Logger): CloudAdapter {
  const auth =
    bot === undefined
      ? new ConfigurationBotFrameworkAuthentication({})
      : new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: bot.appId,
          MicrosoftAppPassword: bot.appPassword ?? "",
          MicrosoftAppType: bot.appType,
          MicrosoftAppTenantId: bot.tenantId ?? "",
        });
  const adapter = new CloudAdapter(auth);
  // One central path for the unexpected: a log line a person can act on, a kind word to the user.
  // Never the message text: it may describe a child.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    logger.error({ err: error, activityType: context.activity.type, channelId: context.activity.channelId }, "turn failed");
    try {
      await context.sendActivity(MessageFactory.text("Sorry, something went wrong on our side. Please try again, or type \"menu\". If a child is in immediate danger, call 999."));
    } catch (sendError) {
      logger.error({ err: sendError }, "could not tell the user about a failed turn");
    }
  };
  return adapter;
}
