// The Teams activity handler: messages are routed through a table of patterns, card actions
// through the verb table in card-actions.ts. Thin: it parses, calls a service, sends a card.
import { ActivityHandler, CardFactory, MessageFactory, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from "botbuilder";
import type { Logger } from "pino";
import type { Areas } from "../content/load-areas.ts";
import type { CardRenderer } from "../cards/render-card.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { checkCard } from "../cards/check-views.ts";
import { areaContactsCard, areaPickerCard, guidanceCard, noMatchCard, noticeCard, welcomeCard } from "../cards/menu-views.ts";
import type { CheckService } from "../services/check-service.ts";
import type { QuestionAnswerer } from "../services/answer-question.ts";
import type { ActionRequest } from "./card-actions.ts";

export type BotDependencies = {
  readonly areas: Areas;
  readonly checks: CheckService;
  readonly answerer: QuestionAnswerer;
  readonly cardActions: (request: ActionRequest) => Promise<CardToSend>;
  readonly renderCard: CardRenderer;
  readonly clock: () => Date;
  readonly logger: Logger;
};

type MessageRoute = { readonly select: RegExp; readonly reply: (context: TurnContext, text: string) => Promise<CardToSend> | CardToSend };

/** The user a session is bound to: the AAD object id in Teams; the channel id elsewhere. */
export function userIdOf(context: TurnContext): string {
  return context.activity.from.aadObjectId ?? context.activity.from.id;
}

export class SafeguardBot extends ActivityHandler {
  readonly #deps: BotDependencies;
  readonly #routes: readonly MessageRoute[];

  constructor(deps: BotDependencies) {
    super();
    this.#deps = deps;
    const { areas, checks, answerer, clock } = deps;
    this.#routes = [
      { select: /^(hi|hello|hey|hiya|help|menu|start|\?)\W*$/i, reply: () => welcomeCard() },
      { select: /^(check|check a concern|new check)\W*$/i, reply: async (context) => checkCard(await checks.start(userIdOf(context)), areas) },
      { select: /^(contacts?|who do i contact)\W*$/i, reply: () => areaPickerCard(areas) },
      {
        select: /[\s\S]*/,
        reply: (_context, text) => {
          const answer = answerer.answer(text, clock());
          switch (answer.kind) {
            case "guidance":
              return guidanceCard(answer.entry, answer.related);
            case "contacts": {
              const area = areas.get(answer.areaId);
              return area === undefined ? areaPickerCard(areas) : areaContactsCard(area, answer.at, answer.timeNamed);
            }
            case "ask-area":
              return areaPickerCard(areas, "Which area is the child in? Choose it to see who to contact.");
            case "no-match":
              return noMatchCard(answer.nearest);
          }
        },
      },
    ];

    this.onMessage(async (context, next) => {
      // In a channel the text starts with an @mention of the bot; the words after it are the message.
      const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "").trim();
      const route = this.#routes.find((candidate) => candidate.select.test(text));
      if (route !== undefined) await this.#send(context, await route.reply(context, text));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((member) => member.id === context.activity.recipient.id);
      // In a team, people join all the time: welcome the team once, when the bot arrives; in a
      // 1:1 chat, welcome the person.
      const personal = context.activity.conversation.conversationType === "personal";
      if (botAdded || (personal && added.length > 0)) await this.#send(context, welcomeCard());
      await next();
    });
  }

  async #send(context: TurnContext, card: CardToSend): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(this.#deps.renderCard(card.name, card.data))));
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { cardActions, renderCard, logger } = this.#deps;
    let card: CardToSend;
    try {
      const action = invokeValue.action;
      card = await cardActions({ verb: action?.verb ?? "", data: (action?.data ?? {}) as Record<string, unknown>, userId: userIdOf(context) });
    } catch (error) {
      // Never a crash for the person pressing: log what a maintainer needs (no card data: it may describe a child) and answer kindly.
      logger.error({ err: error, verb: invokeValue.action?.verb }, "card action failed");
      card = noticeCard("error");
    }
    return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: renderCard(card.name, card.data) as never };
  }
}
