// The outbox worker against a real store (SQLite; the claim itself is tested on both databases in
// test/store/referral-repository.test.ts): sends, retries with back-off or Retry-After, dead letters.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_WORKER_POLICY, RetryLater, Waiting, backoffMs, createOutboxWorker, type Send } from "../../src/delivery/outbox-worker.ts";
import type { ClaimedMessage, OutboxStore, ReferralStore } from "../../src/services/referral-store.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";

const START = new Date("2026-11-24T10:00:00.000Z");
let now: Date;
let database: Database;
let referrals: ReferralStore;
let outbox: OutboxStore;
const logLines: string[] = [];
const logger = pino({ level: "trace" }, { write: (line: string) => logLines.push(line) });

beforeEach(async () => {
  now = START;
  logLines.length = 0;
  database = await createDatabase(":memory:");
  referrals = createReferralRepository(database.db);
  outbox = createOutboxRepository(database.db, database.dialect);
});
afterEach(async () => {
  await database.close();
});

async function enqueue(kinds: string[]): Promise<void> {
  const submitted = { at: START, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" };
  await referrals.submit(
    { id: "r1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: START, idempotencyKey: "d1", status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
    submitted,
    kinds.map((kind) => ({ kind, payload: { kind }, dueAt: START })),
  );
}

function workerWith(senders: Record<string, Send>) {
  return createOutboxWorker({ outbox, senders: new Map(Object.entries(senders)), clock: () => now, logger, random: () => 0.5 });
}

describe("the outbox worker", () => {
  it("sends each due message once, in order, and removes it", async () => {
    await enqueue(["post", "notify"]);
    const sent: string[] = [];
    const worker = workerWith({ post: async (m) => void sent.push(m.kind), notify: async (m) => void sent.push(m.kind) });
    expect(await worker.runOnce()).toBe(2);
    expect(await worker.runOnce()).toBe(0);
    expect(sent).toEqual(["post", "notify"]);
  });

  it("retries a failure after a back-off, then sends it", async () => {
    await enqueue(["post"]);
    let failures = 1;
    const attempts: number[] = [];
    const worker = workerWith({
      post: async (message: ClaimedMessage) => {
        attempts.push(message.attempts);
        if (failures-- > 0) throw new Error("HTTP 500");
      },
    });
    expect(await worker.runOnce()).toBe(0);
    expect(await worker.runOnce()).toBe(0); // not due yet
    now = new Date(START.getTime() + backoffMs(1, DEFAULT_WORKER_POLICY, () => 0.5));
    expect(await worker.runOnce()).toBe(1);
    expect(attempts).toEqual([1, 2]);
  });

  it("waits as long as a Retry-After asks", async () => {
    await enqueue(["post"]);
    let throttled = true;
    const worker = workerWith({
      post: async () => {
        if (throttled) {
          throttled = false;
          throw new RetryLater("HTTP 429", 30_000);
        }
      },
    });
    await worker.runOnce();
    now = new Date(START.getTime() + 29_999);
    expect(await worker.runOnce()).toBe(0);
    now = new Date(START.getTime() + 30_000);
    expect(await worker.runOnce()).toBe(1);
  });

  it("moves a message still failing after deadAfterMs to the dead letters, with a log line, and sends it once retried on demand", async () => {
    await enqueue(["post"]);
    let healthy = false;
    const worker = workerWith({
      post: async () => {
        if (!healthy) throw new Error("HTTP 500");
      },
    });
    for (let minute = 0; minute <= 40 && (await outbox.deadCount()) === 0; minute += 1) {
      now = new Date(START.getTime() + minute * 60_000);
      await worker.runOnce();
    }
    expect(await outbox.deadCount()).toBe(1);
    expect(logLines.some((line) => line.includes("moved to the dead letters"))).toBe(true);
    now = new Date(START.getTime() + 60 * 60_000);
    expect(await worker.runOnce()).toBe(0);
    healthy = true;
    expect(await outbox.retryDead(now)).toBe(1);
    expect(await worker.runOnce()).toBe(1);
    expect(await outbox.deadCount()).toBe(0);
  });

  it("a message waiting for something a person will do is never dead-lettered, and goes once it can", async () => {
    await enqueue(["post"]);
    let channel = false;
    const worker = workerWith({
      post: async () => {
        if (!channel) throw new Waiting("no triage channel", 60_000);
      },
    });
    for (let minute = 0; minute <= 120; minute += 1) {
      now = new Date(START.getTime() + minute * 60_000);
      await worker.runOnce();
    }
    expect(await outbox.deadCount()).toBe(0);
    channel = true;
    now = new Date(START.getTime() + 122 * 60_000);
    expect(await worker.runOnce()).toBe(1);
  });

  it("a kind with no sender is not lost: it is retried, then dead-lettered", async () => {
    await enqueue(["mystery"]);
    const worker = workerWith({});
    expect(await worker.runOnce()).toBe(0);
    now = new Date(START.getTime() + DEFAULT_WORKER_POLICY.deadAfterMs);
    await worker.runOnce();
    expect(await outbox.deadCount()).toBe(1);
  });

  it("back-off grows, stays under its cap, and never drops below half the base", () => {
    const waits = [1, 2, 3, 10, 30].map((attempt) => backoffMs(attempt, DEFAULT_WORKER_POLICY, () => 1));
    expect(waits).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
    expect(backoffMs(5, DEFAULT_WORKER_POLICY, () => 0)).toBe(500);
  });

  it("stop finishes the send in hand, hands the rest of the batch back for another worker at once, and sends nothing more", async () => {
    await enqueue(["post", "notify"]);
    let release: (() => void) | undefined;
    const sent: string[] = [];
    const worker = workerWith({
      post: (message) => new Promise<void>((resolve) => (release = () => (sent.push(message.kind), resolve()))),
      notify: async (message) => void sent.push(message.kind),
    });
    worker.start(60_000);
    await vi.waitFor(() => expect(release).toBeDefined());
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release!();
    await stopping;
    expect(sent).toEqual(["post"]);
    expect(await worker.runOnce()).toBe(0);

    // Not held until its lease lapses (a minute), and its attempt not counted: it was never tried.
    const [handedBack, ...more] = await outbox.claim(now, 10, 60_000);
    expect(more).toEqual([]);
    expect(handedBack).toMatchObject({ kind: "notify", attempts: 1 });
  });

  it("a nudge sends what was just queued at once, not at the next poll; never before start, nor after stop", async () => {
    const sent: string[] = [];
    const queue = (id: string) =>
      referrals.submit(
        { id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: START, idempotencyKey: `draft-${id}`, status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
        { at: START, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" },
        [{ kind: "post", payload: {}, dueAt: START }],
      );
    const worker = workerWith({ post: async (message) => void sent.push(message.referralId) });
    // No sleep that guesses: a batch waits for any batch already running, so a runOnce after the
    // nudge finds the message still there only if the nudge started no batch of its own.
    await queue("before-start");
    worker.nudge();
    expect(sent).toEqual([]);
    expect(await worker.runOnce()).toBe(1);
    expect(sent).toEqual(["before-start"]);

    await queue("at-start");
    worker.start(60 * 60_000);
    await vi.waitFor(() => expect(sent).toEqual(["before-start", "at-start"]));
    // The next poll is an hour away: only the nudge can send this one now.
    await queue("nudged");
    worker.nudge();
    await vi.waitFor(() => expect(sent).toEqual(["before-start", "at-start", "nudged"]));

    await worker.stop();
    await queue("after-stop");
    worker.nudge();
    // Again a batch as the barrier: after stop it sends nothing, and nothing the nudge began is still running.
    expect(await worker.runOnce()).toBe(0);
    expect(sent).toEqual(["before-start", "at-start", "nudged"]);
    expect((await outbox.claim(now, 10, 60_000)).map((message) => message.referralId)).toEqual(["after-stop"]);
  });
});
