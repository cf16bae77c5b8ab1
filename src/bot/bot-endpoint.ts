// The door: POST /api/messages. The activity's shape is checked here, before botbuilder or the
// bot sees it, so a malformed request is the sender's 400 with a reason, never a 5xx from deep
// inside (issue 8, point 5). Then the adapter authenticates it and runs the turn; every failure
// is answered with a status and a fixed message, never an internal error's text, and logged
// through pino rather than botbuilder's console.error (point 13).
import type { Request, Response } from "express";
import type { Activity, TurnContext } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import type { Logger } from "pino";
import type { SafeguardAdapter } from "./create-adapter.ts";
import { z } from "zod";

const Account = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  aadObjectId: z.string().min(1).nullish(),
});

// A missing verb is left to the bot, which answers "That button did not work" on the card.
const CardAction = z.looseObject({
  verb: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

/** An Action.Execute invoke's value; made once (a zod schema made per request costs more than it checks). */
const InvokeValue = z.looseObject({ action: CardAction });

/** The parts of an activity the bot relies on; everything else passes through untouched. */
export const IncomingActivity = z
  .looseObject({
    type: z.string().min(1),
    id: z.string().nullish(),
    channelId: z.string().min(1),
    serviceUrl: z.string().min(1),
    from: Account,
    recipient: Account,
    conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().nullish(), tenantId: z.string().nullish() }),
    text: z.string().nullish(),
    name: z.string().nullish(),
    entities: z.array(z.looseObject({ type: z.string().nullish() })).nullish(),
    membersAdded: z.array(Account).nullish(),
    membersRemoved: z.array(Account).nullish(),
    channelData: z.looseObject({}).nullish(),
  })
  .superRefine((activity, context) => {
    // Issue 8, point 9: in Teams a person is their AAD object id; a check is bound to it.
    const fromAPerson = activity.type === "message" || activity.type === "invoke";
    if (activity.channelId === "msteams" && fromAPerson && (activity.from.aadObjectId ?? "") === "") {
      context.addIssue({ code: "custom", path: ["from", "aadObjectId"], message: "required on msteams: it identifies the person" });
    }
    if (activity.type === "invoke" && activity.name === "adaptiveCard/action") {
      const value = InvokeValue.safeParse((activity as { value?: unknown }).value);
      for (const issue of value.error?.issues ?? []) context.addIssue({ ...issue, path: ["value", ...issue.path] } as never);
    }
  });

export type EndpointDependencies = {
  readonly adapter: SafeguardAdapter;
  readonly run: (context: TurnContext) => Promise<void>;
  /** Without credentials nobody's identity is checked, so the bot never posts off this machine (issue 8, point 4). */
  readonly authenticated: boolean;
  readonly logger: Logger;
};

/** One error shape for every refusal: `{ error: { code, message, field? } }`. */
function refuse(response: Response, status: number, code: string, message: string, field?: string): void {
  response.status(status).json({ error: field === undefined ? { code, message } : { code, message, field } });
}

export function createBotEndpoint({ adapter, run, authenticated, logger }: EndpointDependencies): (request: Request, response: Response) => Promise<void> {
  return async (request, response) => {
    const parsed = IncomingActivity.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") ?? "";
      logger.info({ field }, "refused a malformed activity");
      refuse(response, 400, "bad_activity", issue === undefined ? "not an activity" : `${field === "" ? "body" : field}: ${issue.message}`, field === "" ? undefined : field);
      return;
    }
    const activity = parsed.data;
    if (!authenticated && !isLoopbackServiceUrl(activity.serviceUrl)) {
      refuse(response, 400, "bad_activity", "without credentials, serviceUrl must be an address on this machine (localhost, 127.0.0.1 or ::1)", "serviceUrl");
      return;
    }
    const authorization = request.headers.authorization ?? "";
    try {
      const invokeResponse = await adapter.runTurn(authorization, activity as unknown as Activity, run);
      if (invokeResponse?.body === undefined) response.status(invokeResponse?.status ?? 200).end();
      else sendJson(response, invokeResponse.status, invokeResponse.body);
    } catch (error) {
      if (error instanceof AuthenticationError && (error.statusCode === 401 || error.statusCode === 403)) {
        logger.info({ reason: error.message }, "refused an activity that was not authenticated");
        refuse(response, 401, "unauthorized", "the request's token was missing or not valid");
      } else {
        // Before a turn runs, what fails is the token check's key fetch or the connector set-up:
        // the sender may try again later. Turn errors never reach here (onTurnError has them).
        logger.error({ err: error }, "could not authenticate or start a turn");
        refuse(response, 503, "unavailable", "the request could not be processed now; try again later");
      }
    }
  };
}

/**
 * An invoke's answer, written as it is: express's `json()` would also hash the card for an ETag
 * and check freshness, which a POST's answer never uses (issue 12: a check's card is up to 12 KB,
 * every press).
 */
function sendJson(response: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) }).end(text);
}

/** True for an http(s) URL on this machine. */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  try {
    const { hostname, protocol } = new URL(serviceUrl);
    return (protocol === "http:" || protocol === "https:") && (hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname));
  } catch {
    return false;
  }
}
