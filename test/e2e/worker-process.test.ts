// Issue 10, point 5: `npm run worker` runs the outbox worker as its own process. On SIGTERM it claims
// nothing more, lets the post in flight finish and be recorded, hands back the rest of its batch,
// closes the store and exits 0; a post still hanging at SHUTDOWN_DEADLINE_SECONDS is cut (exit 1)
// and sent by the next worker. A bad setting stops it with a message and exit 1. The bot started
// with OUTBOX_WORKER=off leaves the outbox to it.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";
import { freePort, startNodeProcess, type NodeProcess } from "../support/node-process.ts";
import { storeReferral } from "../support/stored-referral.ts";
import { startTriageChannel, type ChannelPost, type TriageChannel } from "../support/triage-channel.ts";
import { eventually, withDeadline } from "../support/wait-for.ts";

const REFERRAL_KEY = randomBytes(32).toString("base64");
const WAIT_MS = 30_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A SQLite file with Kingston's triage channel registered, and the channel. */
async function openStore(): Promise<{ url: string; database: Database; channel: TriageChannel }> {
  const url = join(mkdtempSync(join(tmpdir(), "safeguard-worker-")), "bot.sqlite");
  const database = await createDatabase(url);
  const channel = await startTriageChannel();
  cleanups.push(() => database.close(), () => channel.close());
  await createTriageChannelRepository(database.db).register("kingston", channel.reference, "msteams:admin", new Date());
  return { url, database, channel };
}

function startWorker(env: Record<string, string>): NodeProcess {
  const worker = startNodeProcess("src/worker.ts", { REFERRAL_KEY, LOG_LEVEL: "info", ...env });
  cleanups.push(() => worker.kill());
  return worker;
}

/** Holds every post until `release()`; resolves `first` with the first to arrive. */
function holdPosts(channel: TriageChannel) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived: (post: ChannelPost) => void = () => undefined;
  const first = new Promise<ChannelPost>((resolve) => (arrived = resolve));
  channel.setIntercept(async (post) => {
    arrived(post);
    await released;
    return "answer";
  });
  return { first, release };
}

const outboxRows = (database: Database) => database.db.selectFrom("outbox").select(["referral_id", "claim", "attempts"]).where("kind", "=", "post-referral-card").execute();

describe("npm run worker", () => {
  // The worker run apart can be probed like the bot.
  it("with WORKER_HEALTH_PORT answers /healthz and /readyz (the database, the outbox); without it opens no port", { timeout: 90_000 }, async () => {
    const { url } = await openStore();
    const port = await freePort();
    const worker = startWorker({ DATABASE_URL: url, WORKER_HEALTH_PORT: String(port) });
    await withDeadline(worker.logLine("outbox worker started"), WAIT_MS, () => `the worker did not start; its output: ${worker.output()}`);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", outbox: "ok" } });
    expect((await fetch(`http://127.0.0.1:${port}/anything`)).status).toBe(404);
    worker.child.kill("SIGTERM");
    expect(await withDeadline(worker.exited, WAIT_MS, () => `the worker did not exit; its output: ${worker.output()}`)).toEqual([0, null]);
  });

  it("on SIGTERM finishes the post in flight and records it, hands back the rest of its batch, closes the store and exits 0", { timeout: 90_000 }, async () => {
    const { url, database, channel } = await openStore();
    const referrals = [await storeReferral(database.db), await storeReferral(database.db)];
    const held = holdPosts(channel);
    const worker = startWorker({ DATABASE_URL: url });

    const post = await withDeadline(held.first, WAIT_MS, () => `no card was posted; the worker's output: ${worker.output()}`);
    worker.child.kill("SIGTERM");
    await worker.logLine("shutting down: no new messages claimed, finishing the send in hand");
    held.release();

    expect(await withDeadline(worker.exited, WAIT_MS, () => `the worker did not exit; its output: ${worker.output()}`)).toEqual([0, null]);
    expect(worker.logs.at(-1)?.msg).toBe("stopped");
    expect(channel.posts).toHaveLength(1);
    const sent = referrals.find((referral) => referral.reference === post.reference)!;
    const other = referrals.find((referral) => referral !== sent)!;
    expect(await createTriageChannelRepository(database.db).postsOf(sent.id)).toEqual([{ conversationId: post.conversationId, activityId: post.activityId, areaId: "kingston" }]);
    // The other was claimed in the same batch and never tried: free for the next worker at once, no attempt counted.
    expect(await outboxRows(database)).toEqual([{ referral_id: other.id, claim: null, attempts: 0 }]);
  });

  it("cuts a post still hanging at SHUTDOWN_DEADLINE_SECONDS, exits 1 saying so, and the next worker sends it", { timeout: 90_000 }, async () => {
    const { url, database, channel } = await openStore();
    const referral = await storeReferral(database.db);
    const held = holdPosts(channel); // never released for this worker
    const worker = startWorker({ DATABASE_URL: url, SHUTDOWN_DEADLINE_SECONDS: "1" });

    await withDeadline(held.first, WAIT_MS, () => `no card was posted; the worker's output: ${worker.output()}`);
    worker.child.kill("SIGTERM");
    expect(await withDeadline(worker.exited, WAIT_MS, () => `the worker did not exit; its output: ${worker.output()}`)).toEqual([1, null]);
    expect(worker.logs.map((line) => line.msg)).toContain("shutdown deadline passed: a send still in flight was cut; it is sent again once its lease lapses");

    // Its lease lapses (moved into the past here, rather than waiting a minute); the next worker posts it.
    channel.setIntercept(async () => "answer");
    await database.db.updateTable("outbox").set({ claimed_until: 0 }).execute();
    const next = startWorker({ DATABASE_URL: url });
    const posts = createTriageChannelRepository(database.db);
    await eventually(async () => (await outboxRows(database)).length === 0 && (await posts.postsOf(referral.id)).length === 1, () => `not delivered by the next worker; its output: ${next.output()}`, WAIT_MS);
  });

  it.each([
    ["a bad setting", { LOG_LEVEL: "loud" }, "Configuration is invalid:\n  LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"],
    ["a database that cannot be opened", { DATABASE_URL: "postgres://bot:s3cret@127.0.0.1:1/safeguard" }, "DATABASE_URL (postgres://bot:***@127.0.0.1:1/safeguard): the database could not be opened"],
  ])("stops on %s with a message naming it, and exit 1", { timeout: 60_000 }, async (_name, env, message) => {
    const worker = startWorker(env);
    expect(await withDeadline(worker.exited, WAIT_MS, () => `the worker did not exit; its output: ${worker.output()}`)).toEqual([1, null]);
    expect(worker.stderr()).toContain(message);
    expect(worker.stderr()).not.toContain("s3cret");
    expect(worker.stderr()).not.toMatch(/\n\s+at /); // a message to act on, not a stack
  });
});

describe("the bot with OUTBOX_WORKER=off", () => {
  it("says at start that it leaves the outbox to `npm run worker`", { timeout: 60_000 }, async () => {
    const { url } = await openStore();
    const bot = startNodeProcess("src/main.ts", { DATABASE_URL: url, REFERRAL_KEY, PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", OUTBOX_WORKER: "off" });
    cleanups.push(() => bot.kill());
    expect(await bot.logLine("bot listening")).toMatchObject({ outboxWorker: false });
    await bot.logLine("the outbox worker is off here (OUTBOX_WORKER=off): run `npm run worker` to send referrals to their channels");
  });
});
