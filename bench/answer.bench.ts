// Free-text answers (danger first, then context and the topic), against a baseline measured in
// the same run: the message "check", which starts a check and renders its first card. Each is a
// real message activity through /api/messages, timed from request to response (the reply has
// reached the loopback connector by then); and the answerer alone, without HTTP or the card.
// Target (issue "Understanding people in their own words"): p95 of an answer's server time ≤ 20 ms.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "../src/config/load-config.ts";
import { composeApp } from "../src/compose-app.ts";
import { loadAreas } from "../src/content/load-areas.ts";
import { loadGuidance } from "../src/content/load-guidance.ts";
import { loadDangerWords } from "../src/content/load-danger-words.ts";
import { createQuestionAnswerer } from "../src/services/answer-question.ts";
import { loadTopicModel, loadUrgencyModel } from "../src/content/load-models.ts";
import { startLoopbackConnector } from "./loopback-connector.ts";
import { keepAliveAgent, userNumber, type BotTarget } from "./virtual-user.ts";

const TARGET_P95_MS = 20;
const ROUNDS = 300;
const WARMUP = 30;

const SHORT = "who do I call in Sutton at 9pm?";
// A story of 500 characters, as a worried practitioner types it: the answerer reads all of it.
const STORY = (
  "I'm a school nurse in Kingston and I'm not sure if this is anything, but a 15 year old came to my drop-in today and said " +
  "her boyfriend, who she says is 19 but her friends think is older, has been picking her up from school in different cars, " +
  "buying her a new phone and vapes, and last weekend took her to a party at a flat where there were older men and she says " +
  "she had to do stuff she didn't want to do to pay back what she owes him. She made me promise not to tell her mum. What now?"
).slice(0, 500);

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function timeEach(rounds: number, run: () => Promise<void> | void): Promise<{ p50: number; p95: number }> {
  for (let round = 0; round < WARMUP; round += 1) await run();
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

export async function benchAnswer(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "safeguard-answer-bench-"));
  const connector = await startLoopbackConnector();
  const config = loadConfig({ DATABASE_URL: join(dir, "bench.sqlite"), LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const composed = await composeApp({ config, logger: pino({ level: "silent" }) });
  const server = composed.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const agent = keepAliveAgent(1);
  const user = userNumber(1);
  const target: BotTarget = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, agent, serviceUrl: connector.serviceUrl, takeLast: connector.takeLast, record: () => {} };
  let sequence = 0;
  const say = async (text: string) => {
    sequence += 1;
    const response = await fetch(`${target.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message", id: `bench-${sequence}`, timestamp: new Date().toISOString(), channelId: "msteams", serviceUrl: target.serviceUrl, text,
        from: { id: `29:${user.id}`, name: "Bench User", aadObjectId: user.aadObjectId }, recipient: { id: "28:safeguard-bot", name: "SAFEGUARD" },
        conversation: { id: user.conversationId, conversationType: "personal", tenantId: "tenant-1" }, channelData: { tenant: { id: "tenant-1" } }, locale: "en-GB",
      }),
    });
    if (response.status !== 200) throw new Error(`"${text.slice(0, 30)}…" got HTTP ${response.status}`);
    await response.arrayBuffer();
    if (connector.takeLast(user.conversationId)?.attachments?.length !== 1) throw new Error(`"${text.slice(0, 30)}…" got no card`);
  };
  try {
    const check = await timeEach(ROUNDS, () => say("check"));
    const short = await timeEach(ROUNDS, () => say(SHORT));
    const story = await timeEach(ROUNDS, () => say(STORY));
    const guidance = loadGuidance();
    const ids = new Set(guidance.map((entry) => entry.id));
    // As the bot runs it: the danger words and the topic ranker, each with its model.
    const answerer = createQuestionAnswerer({ guidance, areas: loadAreas(), dangerWords: loadDangerWords(ids), urgencyModel: loadUrgencyModel(), topicModel: loadTopicModel(ids) });
    const now = new Date();
    const shortAlone = await timeEach(ROUNDS * 3, () => void answerer.answer(SHORT, now));
    const storyAlone = await timeEach(ROUNDS * 3, () => void answerer.answer(STORY, now));
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    const met = (p95: number) => (p95 <= TARGET_P95_MS ? "met" : "NOT met");
    return [
      `baseline, "check" (a check's first card): p50 ${ms(check.p50)}, p95 ${ms(check.p95)}`,
      `a short question through HTTP: p50 ${ms(short.p50)}, p95 ${ms(short.p95)} (ratio to baseline p95 ${(short.p95 / check.p95).toFixed(2)}; target p95 ≤ ${TARGET_P95_MS} ms: ${met(short.p95)})`,
      `a 500-character story through HTTP: p50 ${ms(story.p50)}, p95 ${ms(story.p95)} (ratio to baseline p95 ${(story.p95 / check.p95).toFixed(2)}; target p95 ≤ ${TARGET_P95_MS} ms: ${met(story.p95)})`,
      `the answerer alone: short p50 ${ms(shortAlone.p50)}, p95 ${ms(shortAlone.p95)}; story p50 ${ms(storyAlone.p50)}, p95 ${ms(storyAlone.p95)}`,
    ];
  } finally {
    agent.destroy();
    server.closeAllConnections();
    server.close();
    await composed.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
