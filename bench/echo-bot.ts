// The baseline for the bot benchmark: the least a botbuilder bot does with the same traffic. An
// ActivityHandler on the same CloudAdapter (no credentials, as the app runs locally) behind the
// same express JSON endpoint: a message is echoed through the connector, an `adaptiveCard/action`
// invoke is answered with a one-line card. No storage, no templates, no validation.
import express, { type Express } from "express";
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from "botbuilder";

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? "");
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(_context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: `You pressed ${invokeValue.action?.verb ?? "a button"}.` }] };
    return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card as never };
  }
}

export function createEchoBotApp(): Express {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  app.post("/api/messages", express.json({ limit: "1mb" }), async (request, response) => {
    await adapter.process(request, response, (context) => bot.run(context));
  });
  return app;
}
