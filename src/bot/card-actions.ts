// Universal Actions (Action.Execute, invoke `adaptiveCard/action`): one handler per verb, each
// answering with the card that replaces the pressed one. Routing is a table, not a switch.
import { z } from "zod";
import { DOMAINS, type DomainId } from "../domain/catalogue.ts";
import type { Areas } from "../content/load-areas.ts";
import type { GuidanceEntry } from "../content/load-guidance.ts";
import { checkCard, type CardToSend } from "../cards/check-views.ts";
import { areaContactsCard, areaPickerCard, guidanceCard, noMatchCard, noticeCard, signsDomainCard, signsDomainsCard, welcomeCard } from "../cards/menu-views.ts";
import { DEFAULT_SUGGESTIONS } from "../services/answer-question.ts";
import { CHECK_VERBS, type CheckOutcome, type CheckService, type CheckVerb, type CheckView } from "../services/check-service.ts";
import type { UserSettingsStore } from "../services/user-settings-store.ts";
import { summaryCard } from "../cards/summary-views.ts";
import { FORGOTTEN_NOTICE } from "../words/chat-words.ts";
import { BOT_REPLIES } from "../words/bot-replies.ts";

export type ActionRequest = {
  readonly verb: string;
  /** The action's data merged with the card's input values, as Teams sends them. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly userId: string;
};

export type CardActionDependencies = {
  readonly checks: CheckService;
  readonly settings: UserSettingsStore;
  readonly areas: Areas;
  readonly guidance: ReadonlyMap<string, GuidanceEntry>;
  readonly clock: () => Date;
};

const SessionRef = z.object({ sessionId: z.string().min(1).max(100), version: z.coerce.number().int().positive() });
/** "Check a concern" from an answer: the area id and age its message gave; anything else is ignored. */
const CheckPrefillData = z.object({ area: z.string().regex(/^[a-z0-9-]{1,40}$/).optional().catch(undefined), age: z.string().regex(/^\d{1,2}$/).optional().catch(undefined) });
const DOMAIN_IDS = DOMAINS.map((domain) => domain.id) as [DomainId, ...DomainId[]];

/** Card inputs arrive as strings; anything else (nested objects) is dropped, never trusted. */
function inputsOf(data: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

const REPEATED_PRESS = BOT_REPLIES.checkPressedTwice;

function outcomeCard(outcome: CheckOutcome, areas: Areas): CardToSend {
  switch (outcome.kind) {
    case "ok":
      return checkCard(outcome.view, areas);
    case "stale":
      return checkCard(outcome.view, areas, REPEATED_PRESS);
    default:
      return noticeCard(outcome.kind);
  }
}

type Handler = (request: ActionRequest) => Promise<CardToSend> | CardToSend;

const DslEmail = z.email({ error: BOT_REPLIES.enterLeadEmail }).max(254);

const NO_LAST_RESULT = BOT_REPLIES.noLastResult;

/** The user's last check result, for the 24 hours it is kept; the menu saying so when there is none. */
export async function lastResultCard(checks: CheckService, areas: Areas, userId: string): Promise<CardToSend> {
  const view = await checks.latestResult(userId);
  return view === undefined ? welcomeCard(NO_LAST_RESULT) : checkCard(view, areas);
}

export function createCardActions({ checks, settings, areas, guidance, clock }: CardActionDependencies): (request: ActionRequest) => Promise<CardToSend> {
  const guidanceEntry = (id: string): CardToSend => {
    const entry = guidance.get(id);
    if (entry === undefined) return noMatchCard(DEFAULT_SUGGESTIONS.flatMap((fallback) => guidance.get(fallback) ?? []));
    return guidanceCard(entry, entry.related.flatMap((related) => guidance.get(related) ?? []).slice(0, 3));
  };

  const checkHandler = (verb: CheckVerb): Handler => async ({ data, userId }) => {
    const ref = SessionRef.safeParse(data);
    if (!ref.success) return noticeCard("invalid");
    return outcomeCard(await checks.act({ ...ref.data, userId, verb, inputs: inputsOf(data) }), areas);
  };

  /** Opens the session named in the card's data for a read-only view of its result. */
  const resultView = (render: (view: CheckView, userId: string) => Promise<CardToSend> | CardToSend): Handler => async ({ data, userId }) => {
    const ref = SessionRef.safeParse(data);
    if (!ref.success) return noticeCard("invalid");
    const outcome = await checks.open(ref.data.sessionId, userId);
    if (outcome.kind !== "ok") return outcomeCard(outcome, areas);
    return outcome.view.assessment === undefined ? checkCard(outcome.view, areas) : render(outcome.view, userId);
  };

  // A Map, not an object: the verb comes from the request, and a plain object answers
  // "constructor" or "__proto__" from its prototype (issue 8, point 5).
  const handlers = new Map<string, Handler>(Object.entries({
    "check.summary": resultView(async (view, userId) => summaryCard(view, areas, await settings.dslEmail(userId))),
    "check.result": resultView((view) => checkCard(view, areas)),
    "check.share": async (request) => {
      const email = DslEmail.safeParse(typeof request.data.dslEmail === "string" ? request.data.dslEmail.trim() : "");
      return resultView(async (view, userId) => {
        if (!email.success) return summaryCard(view, areas, await settings.dslEmail(userId), email.error.issues[0]?.message ?? "");
        await settings.setDslEmail(userId, email.data, clock());
        return summaryCard(view, areas, email.data, BOT_REPLIES.leadEmailSaved);
      })(request);
    },
    "check.last": ({ userId }) => lastResultCard(checks, areas, userId),
    menu: () => welcomeCard(),
    "settings.forget": async ({ userId }) => {
      await settings.forget(userId);
      return welcomeCard(FORGOTTEN_NOTICE);
    },
    // An urgent or guidance answer's "Check a concern" carries the area and age the message gave.
    "check.start": async ({ userId, data }) => {
      const prefill = CheckPrefillData.safeParse(data);
      return checkCard(await checks.start(userId, prefill.success ? prefill.data : {}), areas);
    },
    ...Object.fromEntries(CHECK_VERBS.map((verb) => [verb, checkHandler(verb)])),
    "signs.domains": () => signsDomainsCard(),
    "signs.domain": ({ data }) => {
      const domain = z.enum(DOMAIN_IDS).safeParse(data.domain);
      return domain.success ? signsDomainCard(domain.data) : signsDomainsCard();
    },
    "contacts.pick": () => areaPickerCard(areas),
    "contacts.show": ({ data }) => {
      const area = typeof data.area === "string" ? areas.get(data.area) : undefined;
      return area === undefined ? areaPickerCard(areas, BOT_REPLIES.chooseAreaFirst) : areaContactsCard(area, clock());
    },
    "guidance.show": ({ data }) => guidanceEntry(typeof data.id === "string" ? data.id : ""),
  }));

  return async (request) => {
    const handler = handlers.get(request.verb);
    return handler === undefined ? noticeCard("invalid") : handler(request);
  };
}
