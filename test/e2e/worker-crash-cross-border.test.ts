// DOMAIN.md §9 cross-border, with the outbox worker as its own process (`npm run worker`): a
// referral whose child is looked after by another area has two posts, the lead card and the
// informed copy, each its own outbox row. The worker is killed with SIGKILL between them (the lead
// card posted and recorded, the informed copy waiting for its area's channel), started again, and
// must post the informed copy once, the lead card not again. (Killed with a post in flight, a copy
// may be posted twice, as for any card: test/e2e/worker-crash.test.ts.)
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDatabase, type Dialect } from "../../src/store/create-database.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";
import { startHarness } from "../support/bot-harness.ts";
import { startNodeProcess } from "../support/node-process.ts";
import { eventually } from "../support/wait-for.ts";
import { startTriageChannel } from "../support/triage-channel.ts";
import { freshPostgresSchema } from "../store/database-targets.ts";

const POSTGRES_URL = process.env.TEST_DATABASE_URL || undefined;
const REFERRAL_KEY = randomBytes(32).toString("base64");
const WAIT_MS = 30_000;

describe.concurrent("the outbox worker killed between the two posts of a cross-border referral", () => {
  for (const dialect of ["sqlite", "postgres"] as const satisfies readonly Dialect[]) {
    it.skipIf(dialect === "postgres" && POSTGRES_URL === undefined)(`${dialect}: both copies delivered, neither twice`, { timeout: 120_000 }, async () => {
      const postgres = dialect === "postgres" ? await freshPostgresSchema(POSTGRES_URL ?? "") : undefined;
      const harness = await startHarness({ now: new Date(), env: { REFERRAL_KEY, ...(postgres === undefined ? {} : { DATABASE_URL: postgres.url }) } });
      const database = await createDatabase(harness.databaseUrl);
      const channel = await startTriageChannel();
      const channels = createTriageChannelRepository(database.db);
      const workers: ReturnType<typeof startNodeProcess>[] = [];
      const startWorker = async () => {
        const worker = startNodeProcess("src/worker.ts", { DATABASE_URL: harness.databaseUrl, REFERRAL_KEY, LOG_LEVEL: "info" });
        workers.push(worker);
        await worker.logLine("outbox worker started", WAIT_MS);
        return worker;
      };
      try {
        await channels.register("sutton", channel.reference, "msteams:admin", new Date());
        // As the bot writes it on Submit (referral-service.ts): a child in Sutton looked after by Lambeth.
        const now = new Date();
        const id = randomUUID();
        const { record } = await createReferralRepository(database.db).submit(
          {
            id, referenceCode: "SUT", areaId: "sutton", referrerId: "msteams:alex", submittedAt: now, idempotencyKey: id, status: "submitted",
            summary: { areaId: "sutton", category: 2, unconfirmed: false, flags: ["lookedAfter"], urgency: "today", ageBand: "13-15", informedAreaId: "lambeth" },
            triage: { status: "submitted" }, sealed: "v1.not-opened-by-the-channel-card", matchKeys: [],
          },
          { at: now, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.not-opened" },
          [{ kind: "post-referral-card", payload: {}, dueAt: now }, { kind: "post-informed-card", payload: { areaId: "lambeth" }, dueAt: now }],
        );
        const recorded = async () => (await channels.postsOf(record.id)).map((post) => post.areaId).sort();
        const postRows = async () => database.db.selectFrom("outbox").select("kind").where("referral_id", "=", id).where("kind", "in", ["post-referral-card", "post-informed-card"]).execute();

        // The lead card goes; the informed copy waits for Lambeth's channel. The worker dies there.
        const first = await startWorker();
        await eventually(async () => (await recorded()).join() === "sutton" && (await postRows()).length === 1, () => `the lead card was not delivered; the worker's output: ${first.output()}`, WAIT_MS);
        await first.kill();

        // Lambeth registers (the same test channel stands in for it); a new worker posts the informed copy.
        await channels.register("lambeth", channel.reference, "msteams:admin", new Date());
        await database.db.updateTable("outbox").set({ due_at: 0, claimed_until: 0 }).where("referral_id", "=", id).execute();
        const next = await startWorker();
        await eventually(async () => (await recorded()).join() === "lambeth,sutton" && (await postRows()).length === 0, () => `the informed copy was not delivered; the worker's output: ${next.output()}`, WAIT_MS);

        // Two posts in all (the lead card and the informed copy), each recorded once, none posted twice.
        expect(channel.postsOf(record.reference)).toHaveLength(2);
        expect(await recorded()).toEqual(["lambeth", "sutton"]);
      } finally {
        for (const worker of workers) await worker.kill();
        await channel.close();
        await harness.close();
        await database.close();
      }
    });
  }
});
