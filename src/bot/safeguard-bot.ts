// The Teams activity handler: messages are routed through a table of patterns, card actions
// through the verb table in card-actions.ts. Thin: it parses, calls a service, sends a card.
import { ActivityHandler, CardFactory, MessageFactory, TeamsInfo, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type CloudAdapter } from "botbuilder";
import type { Logger } from "pino";
import type { Areas } from "../content/load-areas.ts";
import type { AdaptiveCard, CardRenderer } from "../cards/render-card.ts";
import type { CardToSend } from "../cards/check-views.ts";
import { checkCard } from "../cards/check-views.ts";
import { areaContactsCard, areaPickerCard, noMatchCard, noticeCard, welcomeCard, type MenuState } from "../cards/menu-views.ts";
import { answeredGuidanceCard, urgentCard } from "../cards/answer-views.ts";
import type { CheckService } from "../services/check-service.ts";
import type { QuestionAnswerer } from "../services/answer-question.ts";
import { lastResultCard, type ActionRequest } from "./card-actions.ts";
import type { ReferralActionRequest } from "./referral-actions.ts";
import type { TriageActionRequest } from "./triage-actions.ts";
import { parseRegistration, registrationReply, type RegistrationOutcome, type RegistrationRequest } from "../services/triage-registration.ts";
import { BOT_REPLIES, notCovered } from "../words/bot-replies.ts";

export type BotDependencies = {
  readonly areas: Areas;
  readonly checks: CheckService;
  readonly answerer: QuestionAnswerer;
  readonly cardActions: (request: ActionRequest) => Promise<CardToSend>;
  /** Already size-limited (render-card.ts, limitCardSize). */
  readonly renderCard: CardRenderer;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** The bot's app id, to open a 1:1 chat; "" for local use without credentials. */
  readonly appId: string;
  /** "register triage <area>" in a team channel (issue 10, point 3). */
  readonly registerTriage: (request: RegistrationRequest) => Promise<RegistrationOutcome>;
  /** The user's own referral draft not yet sent and referrals not yet delivered, for the menu in their 1:1 chat. */
  readonly menuOf: (userId: string) => Promise<MenuState>;
  /** The triage card's verbs (triage-actions.ts). */
  readonly triageActions: ReadonlyMap<string, (request: TriageActionRequest) => Promise<CardToSend>>;
  /** The referral's verbs (referral-actions.ts). */
  readonly referralActions: ReadonlyMap<string, (request: ReferralActionRequest) => Promise<CardToSend>>;
};

const isPersonal = (context: TurnContext): boolean => context.activity.conversation.conversationType === "personal";

/** The channel card a press came from: its thread and the card's own activity id (Teams sends it as replyToId). */
function cardPressed(context: TurnContext): { card?: { conversationId: string; activityId: string } } {
  const { conversation, replyToId } = context.activity;
  return conversation.conversationType === "channel" && typeof replyToId === "string" && replyToId !== "" ? { card: { conversationId: conversation.id, activityId: replyToId } } : {};
}

const REFERRALS_ARE_PRIVATE = BOT_REPLIES.referralsArePrivate;

/**
 * The presser's name and email from Teams (TeamsInfo.getMember), to fill in a new referral; their
 * display name alone when Teams cannot say (the Agents Playground answers only for its default user).
 */
async function profileOf(context: TurnContext): Promise<{ name?: string; email?: string }> {
  const name = context.activity.from.name ?? undefined;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? member.userPrincipalName;
    return { ...(member.name || name ? { name: member.name || name } : {}), ...(email ? { email } : {}) };
  } catch {
    return name === undefined ? {} : { name };
  }
}

const SENT_PRIVATELY = BOT_REPLIES.sentPrivately;
const COULD_NOT_MESSAGE = BOT_REPLIES.couldNotMessage;

type MessageRoute = {
  readonly select: RegExp;
  readonly reply: (context: TurnContext, text: string) => Promise<CardToSend> | CardToSend;
  /** Issue 9: a card with inputs about a child is never posted to a group or channel; it goes to the 1:1 chat. */
  readonly privateOnly?: true;
};

/**
 * The user a check and their settings are bound to: the channel and, in Teams, the AAD object id
 * (the door refuses a Teams message or press without one); elsewhere the channel's own user id.
 * A caller on another channel who picks their own ids can never match a Teams user (issue 8, point 9).
 */
export function userIdOf(context: TurnContext): string {
  const { channelId, from } = context.activity;
  if (channelId !== "msteams") return `${channelId}:${from.id}`;
  if (from.aadObjectId === undefined || from.aadObjectId === "") throw new Error("a Teams activity without from.aadObjectId reached the bot");
  return `msteams:${from.aadObjectId}`;
}

export class SafeguardBot extends ActivityHandler {
  readonly #deps: BotDependencies;
  readonly #routes: readonly MessageRoute[];

  constructor(deps: BotDependencies) {
    super();
    this.#deps = deps;
    const { areas, checks, answerer, clock } = deps;
    this.#routes = [
      {
        select: /^(hi|hello|hey|hiya|help|menu|start|\?)\W*$/i,
        // A referral left unsent is offered first: closing Teams loses nothing (issue 10, point 1).
        // So are referrals that have not reached a triage channel (DOMAIN.md §8).
        reply: (context) => this.#menu(context),
      },
      { select: /^(check|check a concern|new check)\W*$/i, reply: async (context) => checkCard(await checks.start(userIdOf(context)), areas), privateOnly: true },
      {
        // Issue 9: the last result stays reachable for the 24 hours a check is kept.
        select: /^((show )?(my )?(last|latest) (result|check))\W*$/i,
        reply: (context) => lastResultCard(checks, areas, userIdOf(context)),
        privateOnly: true,
      },
      { select: /^(contacts?|who do i contact)\W*$/i, reply: () => areaPickerCard(areas) },
      {
        select: /[\s\S]*/,
        reply: (_context, text) => {
          const answer = answerer.answer(text, clock());
          switch (answer.kind) {
            case "urgent":
              return urgentCard(answer, areas);
            case "guidance":
              return answeredGuidanceCard(answer, areas);
            case "contacts": {
              const area = areas.get(answer.areaId);
              return area === undefined ? areaPickerCard(areas) : areaContactsCard(area, answer.at, answer.timeNamed, answer.unreadable);
            }
            case "ask-area":
              return areaPickerCard(areas, BOT_REPLIES.askArea);
            case "not-covered":
              return areaPickerCard(areas, notCovered(answer.place), "other");
            case "no-match":
              return noMatchCard(answer.nearest);
          }
        },
      },
    ];

    this.onMessage(async (context, next) => {
      // In a channel the text starts with an @mention of the bot; the words after it are the message.
      const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "").trim();
      const registration = parseRegistration(text);
      if (registration !== undefined) {
        await context.sendActivity(MessageFactory.text(registrationReply(await this.#registerTriage(context, registration))));
        await next();
        return;
      }
      const route = this.#routes.find((candidate) => candidate.select.test(text));
      if (route?.privateOnly === true && !isPersonal(context)) await this.#replyPrivately(context, () => route.reply(context, text));
      else if (route !== undefined) await this.#send(context, await route.reply(context, text));
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

  #registerTriage(context: TurnContext, command: NonNullable<ReturnType<typeof parseRegistration>>): Promise<RegistrationOutcome> {
    const { activity } = context;
    const data = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string }; tenant?: { id?: string } };
    const tenantId = activity.conversation.tenantId ?? data.tenant?.id;
    const inChannel = activity.conversation.conversationType === "channel" && data.channel?.id !== undefined && data.team?.id !== undefined && tenantId !== undefined;
    return this.#deps.registerTriage({
      command,
      aadObjectId: activity.from.aadObjectId ?? "",
      userId: userIdOf(context),
      channel: inChannel ? { serviceUrl: activity.serviceUrl, tenantId: tenantId ?? "", teamId: data.team?.id ?? "", channelId: data.channel?.id ?? "" } : undefined,
      at: this.#deps.clock(),
    });
  }

  /**
   * Opens (or finds) the user's 1:1 chat with the bot and sends the card there; says so in the
   * group. Returns false, having said what to do instead, when the chat could not be opened.
   */
  async #replyPrivately(context: TurnContext, card: () => Promise<CardToSend> | CardToSend): Promise<boolean> {
    const { activity } = context;
    const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    let delivered = false;
    try {
      await (context.adapter as CloudAdapter).createConversationAsync(
        this.#deps.appId,
        activity.channelId,
        activity.serviceUrl,
        null as never,
        { isGroup: false, bot: activity.recipient, members: [activity.from], tenantId, channelData: { tenant: { id: tenantId } } } as never,
        async (personal) => {
          // Inside this callback the activity id is the new conversation's id (DESIGN.md): without it,
          // the card is sent to the conversation rather than as a reply to a message that does not exist.
          personal.activity.id = undefined;
          await this.#send(personal, await card());
          delivered = true;
        },
      );
    } catch (error) {
      this.#deps.logger.warn({ err: error }, "could not open a 1:1 chat for a check started in a group");
    }
    await context.sendActivity(MessageFactory.text(delivered ? SENT_PRIVATELY : COULD_NOT_MESSAGE));
    return delivered;
  }

  async #send(context: TurnContext, card: CardToSend): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(this.#render(card))));
  }

  /** The menu; in the 1:1 chat with the user's draft and undelivered referrals. */
  async #menu(context: TurnContext): Promise<CardToSend> {
    return isPersonal(context) ? welcomeCard("", await this.#deps.menuOf(userIdOf(context))) : welcomeCard();
  }

  #render(card: CardToSend): AdaptiveCard {
    return this.#deps.renderCard(card.name, card.data);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { cardActions, logger } = this.#deps;
    let card: CardToSend;
    try {
      const action = invokeValue.action;
      const request = { verb: action?.verb ?? "", data: (action?.data ?? {}) as Record<string, unknown>, userId: userIdOf(context) };
      const referralAction = this.#deps.referralActions.get(request.verb);
      const triageAction = this.#deps.triageActions.get(request.verb);
      if (referralAction !== undefined) {
        // A referral holds a child's details: it is written only in the 1:1 chat, never in a group.
        const conversation = { serviceUrl: context.activity.serviceUrl, conversationId: context.activity.conversation.id };
        card = isPersonal(context) ? await referralAction({ ...request, profile: () => profileOf(context), conversation }) : welcomeCard(REFERRALS_ARE_PRIVATE);
      } else if (triageAction !== undefined) {
        const { from } = context.activity;
        card = await triageAction({ data: request.data, presser: { userId: request.userId, aadObjectId: from.aadObjectId ?? "", name: from.name || BOT_REPLIES.unnamedTriageMember, teamsId: from.id, ...cardPressed(context) } });
      } else if (request.verb.startsWith("check.") && !isPersonal(context)) {
        // Issue 9: a check pressed in a group or channel runs in the user's 1:1 chat; the group's card stays the menu.
        const sent = request.verb === "check.start" && (await this.#replyPrivately(context, () => cardActions(request)));
        card = welcomeCard(sent ? BOT_REPLIES.checkSentPrivately : BOT_REPLIES.checksArePrivate);
      } else if (request.verb === "menu") {
        card = await this.#menu(context);
      } else {
        card = await cardActions(request);
      }
    } catch (error) {
      // Never a crash for the person pressing: log what a maintainer needs (no card data: it may describe a child) and answer kindly.
      logger.error({ err: error, verb: invokeValue.action?.verb }, "card action failed");
      card = noticeCard("error");
    }
    return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: this.#render(card) as never };
  }
}
