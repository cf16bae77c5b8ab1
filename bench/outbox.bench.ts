// Referrals and the outbox (issue 10, "Benchmark"): submissions per second against a same-run
// baseline (creating check sessions, the store's cheapest write), memory after 10,000 referrals,
// and, where PostgreSQL is available (TEST_DATABASE_URL), outbox throughput with two workers
// claiming at once, counting any message sent twice (the target is none).
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import pg from "pg";
import { createOutboxWorker } from "../src/delivery/outbox-worker.ts";
import type { ClaimedMessage } from "../src/services/referral-store.ts";
import { createCheckSessionRepository } from "../src/store/check-session-repository.ts";
import { createDatabase, type Database } from "../src/store/create-database.ts";
import { createOutboxRepository } from "../src/store/outbox-repository.ts";
import { createReferralCrypto } from "../src/store/referral-crypto.ts";
import { createReferralRepository } from "../src/store/referral-repository.ts";

const REFERRALS = 10_000;
const OUTBOX_ROWS = 1_000;
const crypto = createReferralCrypto(randomBytes(32));
const personal = { child: { forename: "Sam", surname: "Example", dateOfBirth: "2012-03-04" }, concern: { worries: "x".repeat(1_500) } };

async function submitMany(database: Database, count: number, prefix: string): Promise<number> {
  const referrals = createReferralRepository(database.db);
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    const id = `${prefix}-${n}`;
    const at = new Date(Date.UTC(2026, 10, 24, 10, 0, n % 60));
    await referrals.submit(
      { id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:bench", submittedAt: at, idempotencyKey: id, status: "submitted", summary: { category: 2 }, triage: { status: "submitted" }, sealed: crypto.sealJson(personal, { aad: `referral:${id}:personal` }), matchKeys: crypto.matchKeys(personal.child) },
      { at, actorId: "msteams:bench", type: "submitted", sealedDetails: crypto.sealJson({}, { aad: `referral:${id}:event:1` }) },
      [{ kind: "post-referral-card", payload: {}, dueAt: at }],
    );
  }
  return count / ((performance.now() - started) / 1000);
}

async function createSessions(database: Database, count: number): Promise<number> {
  const sessions = createCheckSessionRepository(database.db);
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    const at = new Date();
    await sessions.create({ id: randomUUID(), userId: "msteams:bench", state: { step: "context" }, version: 1, createdAt: at, updatedAt: at, expiresAt: new Date(at.getTime() + 60_000) });
  }
  return count / ((performance.now() - started) / 1000);
}

async function twoWorkers(url: string): Promise<string[]> {
  const schema = `bench_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set("options", `-c search_path=${schema}`);
  const database = await createDatabase(schemaUrl.toString());
  try {
    await submitMany(database, OUTBOX_ROWS, "pg");
    const sends = new Map<string, number>();
    const send = async (message: ClaimedMessage) => {
      sends.set(message.referralId, (sends.get(message.referralId) ?? 0) + 1);
    };
    const outbox = createOutboxRepository(database.db, database.dialect);
    const workers = [1, 2].map(() => createOutboxWorker({ outbox, senders: new Map([["post-referral-card", send]]), clock: () => new Date("2026-11-25T00:00:00Z"), logger: pino({ level: "silent" }) }));
    const started = performance.now();
    await Promise.all(
      workers.map(async (worker) => {
        while ((await worker.runOnce()) > 0);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const twice = [...sends.values()].filter((count) => count > 1).length;
    return [
      `outbox, 2 workers on PostgreSQL: ${OUTBOX_ROWS.toLocaleString("en-GB")} messages in ${seconds.toFixed(2)} s, ${Math.round(OUTBOX_ROWS / seconds).toLocaleString("en-GB")}/s`,
      `  sent: ${sends.size.toLocaleString("en-GB")}, sent twice: ${twice} (target 0: ${twice === 0 && sends.size === OUTBOX_ROWS ? "met" : "NOT met"})`,
    ];
  } finally {
    await database.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function benchOutbox(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-outbox-"));
  const database = await createDatabase(join(dir, "bench.sqlite"));
  try {
    const baseline = await createSessions(database, 2_000);
    const rssBefore = process.memoryUsage().rss;
    const perSecond = await submitMany(database, REFERRALS, "sqlite");
    const rssAfter = process.memoryUsage().rss;
    const lines = [
      `referral submissions (SQLite, sealed, one transaction each): ${Math.round(perSecond).toLocaleString("en-GB")}/s`,
      `baseline, check sessions created: ${Math.round(baseline).toLocaleString("en-GB")}/s; ratio ${(perSecond / baseline).toFixed(2)}`,
      `RSS after ${REFERRALS.toLocaleString("en-GB")} referrals: ${Math.round(rssAfter / 2 ** 20)} MiB (${Math.round((rssAfter - rssBefore) / 2 ** 20)} MiB more than before them)`,
    ];
    const postgres = process.env.TEST_DATABASE_URL;
    lines.push(...(postgres ? await twoWorkers(postgres) : ["outbox, 2 workers on PostgreSQL: skipped (set TEST_DATABASE_URL)"]));
    return lines;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
