// Submit → channel card (issue 10, "Benchmark"): the real app, as main.ts runs it (the outbox
// worker in process, polling every 2 s and nudged on each commit), behind a loopback Bot Connector
// that accepts channel posts. Virtual users each run a check, make a referral and submit it; each
// referral is timed from the Submit press to the channel card with its reference reaching the
// connector. The baseline, measured in the same run: the Submit press's own answer. Everything
// runs in this one process, so the figures include the load generator's share of the event loop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { composeApp } from "../src/compose-app.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { OUTBOX_POLL_MS } from "../src/compose-worker.ts";

const USERS = Number(process.env.BENCH_REFERRAL_USERS ?? 20);
const REFERRALS_EACH = 5;
const TARGET_P95_MS = 1_000;

type Card = { body?: unknown[]; actions?: unknown[] };
type Node = Record<string, any>;

const ESSENTIALS: Record<string, string> = {
  "referrer.role": "Class teacher",
  "referrer.agency": "Hillside School",
  "referrer.email": "bench@school.example",
  "child.forename": "Sam",
  "child.surname": "Example",
  "concern.worries": "Seen getting into cars with older men after school.",
  "parentalResponsibility.told": "yes",
};

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node !== null && typeof node === "object") {
    visit(node as Node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

const textOf = (card: unknown) => {
  const texts: string[] = [];
  walk(card, (node) => {
    if (typeof node.text === "string") texts.push(node.text);
  });
  return texts.join("\n");
};

/** A loopback Bot Connector that also takes channel posts, noting when each referral's card arrived. */
async function startConnector() {
  const posted = new Map<string, number[]>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      const body = chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Node);
      if (request.url === "/v3/conversations" && body.isGroup === true) {
        const reference = /[A-Z]{3}-\d{4}-\d{5}/.exec(JSON.stringify(body.activity ?? {}))?.[0] ?? "?";
        posted.set(reference, [...(posted.get(reference) ?? []), at]);
        const id = `${posted.size}`;
        response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `19:triage;messageid=${id}`, activityId: id }));
        return;
      }
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `activity-${at}` }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posted,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export async function benchReferralDelivery(): Promise<string[]> {
  // Practitioners pause to read and type; with no pause at all, 20 users keep this process saturated.
  return [...(await deliveryRun(250)), ...(await deliveryRun(0))];
}

async function deliveryRun(thinkMs: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-referrals-"));
  const connector = await startConnector();
  const config = loadConfig({ DATABASE_URL: join(dir, "bench.sqlite"), LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const composed = await composeApp({ config, logger: pino({ level: "silent" }) });
  const server = composed.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  composed.worker.start(OUTBOX_POLL_MS);
  let sequence = 0;

  const activity = (user: number, type: string, extra: Node, conversation: Node = { id: `a:personal-${user}`, conversationType: "personal", tenantId: "tenant-1" }) => ({
    type,
    id: `incoming-${(sequence += 1)}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    from: { id: `29:user-${user}`, name: `Bench User ${user}`, aadObjectId: `00000000-0000-4000-8000-${user.toString(16).padStart(12, "0")}` },
    recipient: { id: "28:safeguard-bot", name: "SAFEGUARD" },
    conversation,
    channelData: { tenant: { id: "tenant-1" }, ...(conversation.conversationType === "channel" ? { team: { id: "19:team" }, channel: { id: "19:triage" } } : {}) },
    locale: "en-GB",
    ...extra,
  });
  const post = async (body: unknown) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
    return text === "" ? undefined : (JSON.parse(text) as Node);
  };
  /** Presses the button titled `title`: its data, the card's inputs as shown, then `changes`. */
  const pause = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
  const press = async (user: number, card: Card, title: string, changes: Record<string, string> = {}, paused = false): Promise<Card> => {
    let action: Node | undefined;
    const inputs: Record<string, string> = {};
    walk(card, (node) => {
      if (node.type === "Action.Execute" && node.title === title) action ??= node;
      // Teams sends every input as a string; a number input's value is a number in the card.
      if (typeof node.type === "string" && node.type.startsWith("Input.") && typeof node.id === "string" && (typeof node.value === "string" || typeof node.value === "number") && node.value !== "") inputs[node.id] = String(node.value);
    });
    if (action === undefined) throw new Error(`no "${title}" on the card: ${textOf(card).slice(0, 300)}`);
    if (!paused) await pause();
    const answer = await post(activity(user, "invoke", { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: action.verb, data: { ...(action.data ?? {}), ...inputs, ...changes } }, trigger: "manual" } }));
    return answer?.value as Card;
  };
  const answerAll = (card: Card) => {
    const answers: Record<string, string> = {};
    walk(card, (node) => {
      if (node.type === "Input.ChoiceSet" && typeof node.id === "string" && node.id.startsWith("q_")) answers[node.id] = "no";
    });
    return answers;
  };

  // The area's channel, registered as an admin does it (everyone is one in local use).
  await post(activity(0, "message", { text: "register triage kingston" }, { id: "19:triage", conversationType: "channel", isGroup: true, tenantId: "tenant-1" }));

  const submitMs: number[] = [];
  const toChannel: { reference: string; startedAt: number }[] = [];
  const referral = async (user: number) => {
    // The menu's "Check a concern", pressed: the check's first card comes back in the answer.
    let card: Card = { actions: [{ type: "Action.Execute", title: "Check a concern", verb: "check.start", data: {} }] };
    card = await press(user, card, "Check a concern");
    card = await press(user, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    card = await press(user, card, "Continue", { signs_receipt: "receipt.moneyOrGoods" });
    for (let round = 0; round < 2 && /Step 3 of 4/.test(textOf(card)); round += 1) card = await press(user, card, "Continue", answerAll(card));
    card = await press(user, card, "Make a referral");
    card = await press(user, card, "Review and send", ESSENTIALS);
    await pause();
    const pressedAt = performance.now();
    card = await press(user, card, "Submit referral", {}, true);
    submitMs.push(performance.now() - pressedAt);
    const reference = /KIN-\d{4}-\d{5}/.exec(textOf(card))?.[0];
    if (reference === undefined) throw new Error(`no reference on the confirmation: ${textOf(card).slice(0, 200)}`);
    toChannel.push({ reference, startedAt: pressedAt });
  };

  try {
    await Promise.all(
      Array.from({ length: USERS }, async (_, index) => {
        for (let n = 0; n < REFERRALS_EACH; n += 1) await referral(index + 1);
      }),
    );
    // Every card posted, or 30 s at most.
    const deadline = performance.now() + 30_000;
    while (toChannel.some((sent) => !connector.posted.has(sent.reference)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await composed.worker.stop();
    server.closeAllConnections();
    server.close();
    await composed.close();
    connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const delays = toChannel.flatMap((sent) => (connector.posted.get(sent.reference) ?? []).slice(0, 1).map((at) => at - sent.startedAt)).sort((a, b) => a - b);
  const submits = [...submitMs].sort((a, b) => a - b);
  const percentile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const missing = toChannel.length - delays.length;
  const duplicates = [...connector.posted.values()].filter((times) => times.length > 1).length;
  const p50 = percentile(delays, 0.5);
  const p95 = percentile(delays, 0.95);
  const baseline = percentile(submits, 0.5);
  return [
    `submit → channel card posted, ${toChannel.length} referrals by ${USERS} users at once, ${thinkMs === 0 ? "no pause between presses (saturated)" : `about ${thinkMs} ms between presses`} (SQLite, worker in process, poll ${OUTBOX_POLL_MS} ms, nudged on commit):`,
    `  p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? "met" : "NOT met"})`,
    `  baseline, the Submit press's own answer: p50 ${baseline.toFixed(0)} ms, p95 ${percentile(submits, 0.95).toFixed(0)} ms; card p50 = ${(p50 / baseline).toFixed(2)}× the Submit answer`,
    `  not posted within 30 s: ${missing}; posted twice: ${duplicates} (target 0: ${missing === 0 && duplicates === 0 ? "met" : "NOT met"})`,
  ];
}
