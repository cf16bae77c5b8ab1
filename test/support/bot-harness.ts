// End-to-end harness: the real app on a free port (temp SQLite, fixed clock), a loopback Bot
// Connector that records what the bot sends, and a "user" who sends real Bot Framework activities
// and presses a card's own buttons with the card's own inputs, as Teams does.
import type { FloodLimits } from "../../src/services/referral-service.ts";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { pino } from "pino";
import { loadConfig } from "../../src/config/load-config.ts";
import { composeApp } from "../../src/compose-app.ts";
import type { SendLimits } from "../../src/bot/send-deadline.ts";
import { walkCard } from "./card-walk.ts";
import type { JWTVerifyGetKey } from "jose";

export type Card = { type: "AdaptiveCard"; body: unknown[]; actions?: unknown[]; refresh?: { action: Record<string, unknown>; userIds: string[] } };
export type Sent = { method: string; path: string; activity: Record<string, any> };
/** "hang": never answer; otherwise answer `status`, for the next `times` posts (all of them when unset). */
export type ConnectorFault = "hang" | { status: number; headers?: Record<string, string>; times?: number };

export type Harness = Awaited<ReturnType<typeof startHarness>>;

async function listen(app: express.Express) {
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function startConnector() {
  const sent: Sent[] = [];
  const waiters: (() => void)[] = [];
  const app = express();
  app.use(express.json({ limit: "2mb" }));
  // Opening a 1:1 chat (createConversation): answers with the new conversation's id, or refuses
  // while `refuseNewConversations` is set, as Teams does for a user who cannot be messaged.
  // `fault` makes every post of an activity fail: a status (with headers such as Retry-After), or
  // "hang" (never answer). Each attempt is still recorded, so a test can count them.
  const control: { refuseNewConversations: boolean; fault: ConnectorFault | undefined } = { refuseNewConversations: false, fault: undefined };
  const record = (request: express.Request, response: express.Response) => {
    sent.push({ method: request.method, path: request.path, activity: request.body });
    waiters.splice(0).forEach((wake) => wake());
    if (injectFault(response)) return;
    response.status(201).json({ id: `activity-${sent.length}` });
  };
  /** Answers with the configured fault, if any; true when it did (or, for "hang", never will). */
  function injectFault(response: express.Response): boolean {
    const { fault } = control;
    if (fault === undefined) return false;
    if (fault === "hang") return true;
    if (fault.times !== undefined) control.fault = fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    response.status(fault.status).set(fault.headers ?? {}).json({ error: { code: "Fault", message: "injected by the test" } });
    return true;
  }
  // A new thread in a channel (isGroup, channelData.channel) answers "<channel>;messageid=<n>", as
  // Teams and the Agents Playground do (DESIGN.md); `fault` applies to it as to any post.
  app.post("/v3/conversations", (request, response) => {
    sent.push({ method: request.method, path: request.path, activity: request.body });
    const channel = request.body?.isGroup === true ? request.body?.channelData?.channel?.id : undefined;
    if (typeof channel === "string") {
      if (injectFault(response)) return;
      response.status(201).json({ id: `${channel};messageid=${sent.length}`, activityId: String(sent.length) });
      return;
    }
    if (control.refuseNewConversations) {
      response.status(403).json({ error: { code: "Forbidden", message: "the bot cannot message this user" } });
      return;
    }
    response.status(201).json({ id: `a:private-${sent.length}` });
  });
  app.post("/v3/conversations/:conversation/activities", record);
  app.post("/v3/conversations/:conversation/activities/:activity", record);
  app.put("/v3/conversations/:conversation/activities/:activity", record);
  return { app, sent, waiters, control };
}

export async function startHarness(options: { now?: Date; env?: Record<string, string>; logLines?: string[]; sendLimits?: SendLimits; tabSigningKeys?: JWTVerifyGetKey; floodLimits?: FloodLimits } = {}) {
  let now = options.now ?? new Date("2026-11-24T10:00:00Z");
  const connector = startConnector();
  const connectorServer = await listen(connector.app);
  const dataDir = mkdtempSync(join(tmpdir(), "safeguard-e2e-"));
  const config = loadConfig({ DATABASE_URL: join(dataDir, "test.sqlite"), LOG_LEVEL: "silent", PLAYGROUND: "off", ...options.env });
  const logger = options.logLines === undefined ? pino({ level: "silent" }) : pino({ level: "trace" }, { write: (line: string) => options.logLines?.push(line) });
  const composed = await composeApp({ config, logger, clock: () => now, ...(options.sendLimits === undefined ? {} : { sendLimits: options.sendLimits }), ...(options.tabSigningKeys === undefined ? {} : { tabSigningKeys: options.tabSigningKeys }), ...(options.floodLimits === undefined ? {} : { floodLimits: options.floodLimits }) });
  const bot = await listen(composed.app);
  let sequence = 0;

  function activity(type: string, user: User, extra: Record<string, unknown>) {
    sequence += 1;
    return {
      type,
      id: `incoming-${sequence}`,
      timestamp: now.toISOString(),
      channelId: "msteams",
      serviceUrl: `${connectorServer.url}/`,
      from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: "28:safeguard-bot", name: "SAFEGUARD" },
      conversation: { id: `a:personal-${user.id}`, conversationType: "personal", tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" } },
      locale: "en-GB",
      ...extra,
    };
  }

  async function post(body: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
  }

  /** Sends a message and returns the cards the bot sent in reply. */
  async function say(user: User, text: string): Promise<Card[]> {
    const before = connector.sent.length;
    const response = await post(activity("message", user, { text }));
    if (response.status !== 200) throw new Error(`message "${text}" got HTTP ${response.status}`);
    return connector.sent.slice(before).flatMap((entry) => (entry.activity.attachments ?? []).map((attachment: any) => attachment.content as Card));
  }

  /** Presses a button on a card, as Teams would: the action's data merged with the card's inputs. */
  async function press(user: User, card: Card, title: string, changes: Record<string, string | string[] | null> = {}): Promise<Card> {
    const action = findAction(card, title);
    const inputs = { ...collectInputs(card) };
    for (const [id, value] of Object.entries(changes)) {
      if (!(id in allInputs(card))) throw new Error(`the card has no input "${id}"`);
      if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) delete inputs[id];
      else inputs[id] = Array.isArray(value) ? value.join(",") : value;
    }
    return invoke(user, { type: "Action.Execute", title, verb: action.verb, data: { ...(action.data ?? {}), ...inputs } });
  }

  async function invoke(user: User, action: Record<string, unknown>): Promise<Card> {
    const response = await post(activity("invoke", user, { name: "adaptiveCard/action", value: { action, trigger: "manual" } }));
    if (response.status !== 200 || response.body?.statusCode !== 200) throw new Error(`invoke ${String(action.verb)} got ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.value as Card;
  }

  return {
    botUrl: bot.url,
    /** The SQLite file the app writes to, for tests that count rows. */
    databaseUrl: config.databaseUrl,
    sent: connector.sent,
    say,
    press,
    invoke,
    post,
    activity,
    checks: composed.checks,
    /** One sweep, as main.ts runs every few minutes: expired sessions and drafts, purges past RETENTION_DAYS. */
    sweep: () => composed.sweep(),
    /** Runs the outbox worker once, as its loop in main.ts would; returns how many messages went. */
    deliver: () => composed.worker.runOnce(),
    connectorControl: connector.control,
    setNow(next: Date) {
      now = next;
    },
    now: () => now,
    async close() {
      bot.server.close();
      connectorServer.server.closeAllConnections();
      connectorServer.server.close();
      await composed.close();
    },
  };
}

export type User = { id: string; name: string; aadObjectId: string };
export const ALEX: User = { id: "alex", name: "Alex Teacher", aadObjectId: "00000000-0000-4000-8000-00000000a1e0" };
export const SAM: User = { id: "sam", name: "Sam Nurse", aadObjectId: "00000000-0000-4000-8000-0000000005a3" };

// ---- reading cards as a person would -------------------------------------------------------

const walk = walkCard;

function allInputs(card: Card): Record<string, Record<string, any>> {
  const inputs: Record<string, Record<string, any>> = {};
  walk(card.body, (node) => {
    if (typeof node.type === "string" && node.type.startsWith("Input.") && typeof node.id === "string") inputs[node.id] = node;
  });
  return inputs;
}

/** What Teams sends for the card's inputs as shown: empty ones are left out; a toggle sends "false". */
function collectInputs(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, input] of Object.entries(allInputs(card))) {
    if (input.type === "Input.Toggle") values[id] = input.value === "true" ? "true" : "false";
    else if (typeof input.value === "string" && input.value !== "") values[id] = input.value;
    // An Input.Number holds a number; Teams sends every input value as a string.
    else if (typeof input.value === "number") values[id] = String(input.value);
  }
  return values;
}

export function findAction(card: Card, title: string): { verb: string; data?: Record<string, unknown> } {
  let found: any;
  walk([card.body, card.actions ?? []], (node) => {
    if (node.type === "Action.Execute" && node.title === title && found === undefined) found = node;
  });
  if (found === undefined) throw new Error(`no button "${title}" on the card: ${buttonTitles(card).join(", ")}`);
  return found;
}

export function buttonTitles(card: Card): string[] {
  const titles: string[] = [];
  walk([card.body, card.actions ?? []], (node) => {
    if (node.type === "Action.Execute") titles.push(node.title);
  });
  return titles;
}

/** All the text a person reads on the card, one string; a Markdown link reads as its words. */
export function textOf(card: Card): string {
  const texts: string[] = [];
  walk(card.body, (node) => {
    if (node.type === "TextBlock") texts.push(String(node.text).replace(/\[([^\]]*)\]\([^)]*\)/g, "$1"));
    // A RichTextBlock's runs are shown as written, never read as Markdown (what a user typed goes there).
    if (node.type === "RichTextBlock" && Array.isArray(node.inlines)) texts.push(node.inlines.map((run: unknown) => (typeof run === "string" ? run : String((run as { text?: unknown }).text ?? ""))).join(""));
    if (typeof node.label === "string") texts.push(node.label);
  });
  return texts.join("\n");
}

/** Every link target on the card (Markdown links in text): `tel:…`, `mailto:…`. */
export function linksOf(card: Card): string[] {
  const links: string[] = [];
  walk(card.body, (node) => {
    if (node.type === "TextBlock") for (const match of String(node.text).matchAll(/\]\(([^)]*)\)/g)) links.push(match[1] ?? "");
  });
  return links;
}

export function inputIds(card: Card): string[] {
  return Object.keys(allInputs(card));
}

/** The value an input shows on the card ("" when empty). */
export function valueOf(card: Card, id: string): string {
  const input = allInputs(card)[id];
  if (input === undefined) throw new Error(`the card has no input "${id}"`);
  return typeof input.value === "string" ? input.value : typeof input.value === "number" ? String(input.value) : "";
}
