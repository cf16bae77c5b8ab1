// DESIGN.md "Running": any number of workers share one PostgreSQL outbox (FOR UPDATE SKIP LOCKED).
// Two real outbox workers, each with its own connection pool, drain 1,000 messages at once: every
// message is sent exactly once. Runs where TEST_DATABASE_URL is set. (Not SQLite: two connections
// in one process deadlock there, better-sqlite3 waiting for a lock synchronously; across processes
// SQLite is covered by test/e2e/worker-crash.test.ts and test/store/create-database.test.ts.)
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createOutboxWorker, type Send } from "../../src/delivery/outbox-worker.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { closedAfterEachTest, targetKinds } from "../store/database-targets.ts";

const postgres = targetKinds.find((kind) => kind.dialect === "postgres")!;

const MESSAGES = 1_000;
const NOW = new Date("2026-11-24T10:00:00.000Z");
const store = closedAfterEachTest();

describe.skipIf(postgres.skip)("two outbox workers on one PostgreSQL database", () => {
  it(`send each of ${MESSAGES} messages exactly once`, { timeout: 120_000 }, async () => {
    const target = await store.fresh(postgres.fresh);
    const setup = await store.open(target.url);
    const referrals = createReferralRepository(setup.db);
    for (let n = 1; n <= MESSAGES; n += 1) {
      await referrals.submit(
        { id: `r${n}`, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: `d${n}`, status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
        { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" },
        [{ kind: "post", payload: {}, dueAt: NOW }],
      );
    }

    const sends = new Map<string, string[]>();
    const workers = await Promise.all(
      ["one", "two"].map(async (name) => {
        const database = await store.open(target.url);
        // A send that yields, as a real one does, so the two workers' claims interleave.
        const post: Send = async (message) => {
          await new Promise((resolve) => setImmediate(resolve));
          sends.set(message.referralId, [...(sends.get(message.referralId) ?? []), name]);
        };
        return createOutboxWorker({ outbox: createOutboxRepository(database.db, database.dialect), senders: new Map([["post", post]]), clock: () => NOW, logger: pino({ level: "silent" }) });
      }),
    );
    const remaining = async () => Number((await setup.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow()).count);
    const sentBy = await Promise.all(
      workers.map(async (worker) => {
        let sent = 0;
        while ((await remaining()) > 0) sent += await worker.runOnce();
        return sent;
      }),
    );

    const twice = [...sends].filter(([, by]) => by.length > 1);
    expect(twice, `sent more than once: ${JSON.stringify(twice.slice(0, 5))}`).toEqual([]);
    expect(sends.size).toBe(MESSAGES);
    expect(sentBy[0]! + sentBy[1]!).toBe(MESSAGES);
    // Both took part: otherwise this would prove nothing about two at once.
    expect(sentBy.every((sent) => sent > 0), `sent by each worker: ${sentBy.join(", ")}`).toBe(true);
    console.log(`two workers on PostgreSQL: ${MESSAGES} messages, sent ${sentBy.join(" + ")}, ${twice.length} sent twice`);
  });
});
