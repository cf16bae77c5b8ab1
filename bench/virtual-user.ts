// One virtual practitioner for the bot benchmark: real Bot Framework activities (msteams,
// personal chat, AAD ids) over a keep-alive HTTP agent, each request timed client-side. The
// subject's check presses each card's own "Continue" with the card's own inputs, as Teams does
// (the same rules as test/support/bot-harness.ts); the echo bot gets the same five requests with
// inputs of the same shape, so the two are compared like with like.
import { Agent, request } from "node:http";
import type { ConnectorActivity } from "./loopback-connector.ts";

export type Card = { type: "AdaptiveCard"; body: unknown[]; actions?: unknown[] };

export type BotTarget = {
  readonly url: string;
  readonly agent: Agent;
  readonly serviceUrl: string;
  readonly takeLast: (conversationId: string) => ConnectorActivity | undefined;
  /** Called with each request's place in the check (0 the message, 1-4 the invokes), its latency in ms and when it finished (performance.now()). */
  readonly record: (step: number, ms: number, finishedAt: number) => void;
};

export type User = { readonly id: string; readonly aadObjectId: string; readonly conversationId: string };

/** One full check: 1 message and 4 invokes. Throws if the bot's answers are not what a person would see. */
export type CheckScript = (target: BotTarget, user: User) => Promise<void>;

export function userNumber(index: number): User {
  const id = `bench-${index}`;
  return { id, aadObjectId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`, conversationId: `a:personal-${id}` };
}

export function keepAliveAgent(users: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: users });
}

const REQUEST_TIMEOUT_MS = 30_000;

let sequence = 0;

function activity(target: BotTarget, user: User, type: string, extra: Record<string, unknown>) {
  sequence += 1;
  return {
    type,
    id: `incoming-${sequence}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: target.serviceUrl,
    from: { id: `29:${user.id}`, name: "Bench User", aadObjectId: user.aadObjectId },
    recipient: { id: "28:safeguard-bot", name: "SAFEGUARD" },
    conversation: { id: user.conversationId, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    locale: "en-GB",
    ...extra,
  };
}

function post(target: BotTarget, step: number, body: unknown): Promise<{ status: number; body: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(`${target.url}/api/messages`, { method: "POST", agent: target.agent, headers: { "content-type": "application/json", "content-length": payload.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const finished = performance.now();
        target.record(step, finished - started, finished);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) });
      });
    });
    outgoing.on("error", reject);
    // A bot that stops answering fails the run rather than hanging it.
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer from ${target.url} within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    outgoing.end(payload);
  });
}

async function say(target: BotTarget, user: User, text: string): Promise<ConnectorActivity | undefined> {
  const response = await post(target, 0, activity(target, user, "message", { text }));
  if (response.status !== 200) throw new Error(`message "${text}" got HTTP ${response.status}`);
  // CloudAdapter answers the message only after the reply reached the connector.
  return target.takeLast(user.conversationId);
}

async function invoke(target: BotTarget, user: User, step: number, action: Record<string, unknown>): Promise<Card> {
  const response = await post(target, step, activity(target, user, "invoke", { name: "adaptiveCard/action", value: { action, trigger: "manual" } }));
  if (response.status !== 200 || response.body?.statusCode !== 200) throw new Error(`invoke ${String(action.verb)} got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
  return response.body.value as Card;
}

// ---- the check, as a practitioner does it ---------------------------------------------------

// Step 1 asks immediate danger first (DOMAIN.md §3), then the child.
const CONTEXT = { q_immediateDanger: "no", area: "kingston", age: "14" };
const SIGNS = { signs_receipt: "receipt.moneyOrGoods" };
/** Every question "no" but the exchange "not sure": unconfirmed Category 2, with the follow-ups asked. */
const answerFor = (inputId: string) => (inputId === "q_exchange" ? "unsure" : "no");

function walk(node: unknown, visit: (node: Record<string, any>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node !== null && typeof node === "object") {
    visit(node as Record<string, any>);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

function progressOf(card: Card): string {
  let progress = "";
  walk(card.body, (node) => {
    // The header reads "Check a concern · Step 2 of 4: warning signs".
    if (node.type === "TextBlock" && typeof node.text === "string" && node.text.includes("Step ") && progress === "") progress = node.text.slice(node.text.indexOf("Step "));
  });
  return progress;
}

/** Teams' Action.Execute data: the action's data, then the inputs as shown (empty ones left out, a toggle "false"), then the user's changes. */
function pressContinue(card: Card, change: (inputId: string) => string | undefined): Record<string, unknown> {
  let action: Record<string, any> | undefined;
  const inputs: Record<string, string> = {};
  walk([card.body, card.actions ?? []], (node) => {
    if (node.type === "Action.Execute" && node.title === "Continue") action ??= node;
    if (typeof node.type === "string" && node.type.startsWith("Input.") && typeof node.id === "string") {
      const value = change(node.id) ?? (node.type === "Input.Toggle" ? (node.value === "true" ? "true" : "false") : node.value);
      if (typeof value === "string" && value !== "") inputs[node.id] = value;
    }
  });
  if (action === undefined) throw new Error(`no "Continue" on the card at "${progressOf(card)}"`);
  return { type: "Action.Execute", title: "Continue", verb: action.verb, data: { ...(action.data ?? {}), ...inputs } };
}

function expectStep(card: Card, step: string): Card {
  const progress = progressOf(card);
  if (!progress.startsWith(step)) throw new Error(`expected "${step}", the bot showed "${progress}"`);
  return card;
}

export const subjectCheck: CheckScript = async (target, user) => {
  const reply = await say(target, user, "check");
  const first = expectStep(reply?.attachments?.[0]?.content as Card, "Step 1 of 4");
  const signs = expectStep(await invoke(target, user, 1, pressContinue(first, (id) => CONTEXT[id as keyof typeof CONTEXT])), "Step 2 of 4");
  const questions = expectStep(await invoke(target, user, 2, pressContinue(signs, (id) => SIGNS[id as keyof typeof SIGNS])), "Step 3 of 4");
  const followUps = expectStep(await invoke(target, user, 3, pressContinue(questions, answerFor)), "Step 3 of 4");
  expectStep(await invoke(target, user, 4, pressContinue(followUps, answerFor)), "Step 4 of 4");
};

// ---- the same shape for the echo bot ----------------------------------------------------------

const session = { sessionId: "00000000-0000-4000-8000-000000000000", version: "1" };
const QUESTIONS = ["groomingConcern", "sexualAbuse", "exchange", "onlineImages", "trafficking"];
const FOLLOW_UPS = [...QUESTIONS, "coercionControl", "habitual", "selfDenied", "multiplePerpetrators"];
const answers = (ids: string[]) => Object.fromEntries(ids.map((id) => [`q_${id}`, answerFor(`q_${id}`)]));
const ECHO_PRESSES = [
  { verb: "check.context", data: { ...session, ...CONTEXT, lookedAfter: "false", placedOutOfArea: "false" } },
  { verb: "check.signs", data: { ...session, ...SIGNS } },
  { verb: "check.questions", data: { ...session, ...answers(QUESTIONS) } },
  { verb: "check.questions", data: { ...session, ...answers(FOLLOW_UPS) } },
].map((press) => ({ type: "Action.Execute", title: "Continue", ...press }));

export const echoCheck: CheckScript = async (target, user) => {
  const reply = await say(target, user, "check");
  if (reply?.text !== "check") throw new Error(`the echo bot answered ${JSON.stringify(reply)}`);
  for (const [index, press] of ECHO_PRESSES.entries()) await invoke(target, user, index + 1, press);
};
