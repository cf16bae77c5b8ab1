// The outbox worker (DESIGN.md "Delivery"): claims due messages, hands each to the sender for its
// kind, and settles it. A failure is retried with exponential back-off and jitter (or after the
// Retry-After the connector asked for); a message still failing after `deadAfterMs` is moved to
// the dead letters, counted on /readyz and logged, and retried only on demand
// (`npm run outbox -- retry`). Retries are rows with a due time, so they survive a restart.
//
// Nothing is lost: a message is deleted only after its sender returned. A worker that dies before
// the delete leaves the message to be sent again when its lease lapses (issue 10, point 5). A post
// already recorded is not made again (referral-senders.ts); one whose answer the worker never read
// or recorded is, and that first copy cannot be known: the one way a card is posted twice.
import type { Logger } from "pino";
import type { ClaimedMessage, OutboxStore } from "../services/referral-store.ts";

export type Send = (message: ClaimedMessage) => Promise<void>;

/** What a sender throws to say when to try again (a 429's Retry-After). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number | undefined,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}

/**
 * Not failing, waiting for something a person will do (an area's triage channel to be registered):
 * tried again after `afterMs`, and never moved to the dead letters for it.
 */
export class Waiting extends RetryLater {
  constructor(message: string, afterMs: number) {
    super(message, afterMs);
    this.name = "Waiting";
  }
}

export type WorkerPolicy = {
  /** How long a claim holds a message; longer than any one send (5 s) with room to spare. */
  readonly leaseMs: number;
  readonly batch: number;
  /** First retry after about this long, doubling each attempt, with jitter. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** A message failing for longer than this since it was written goes to the dead letters. */
  readonly deadAfterMs: number;
};

export const DEFAULT_WORKER_POLICY: WorkerPolicy = { leaseMs: 60_000, batch: 10, backoffMs: 1_000, maxBackoffMs: 5 * 60_000, deadAfterMs: 30 * 60_000 };

export type OutboxWorkerDependencies = {
  readonly outbox: OutboxStore;
  /** One sender per message kind. A Map: kinds come from stored rows. */
  readonly senders: ReadonlyMap<string, Send>;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly policy?: WorkerPolicy;
  /** Replaced in tests for repeatable jitter. */
  readonly random?: () => number;
};

export type OutboxWorker = {
  /** Claims and sends one batch; returns how many were sent. */
  runOnce(): Promise<number>;
  /** Runs a batch every `everyMs` (and again at once while batches come back full) until stopped. */
  start(everyMs: number): void;
  /**
   * Something was just queued: look now rather than at the next poll, so a referral reaches its
   * channel in well under a second. Does nothing unless started (the poll stays the fallback; a
   * separate `npm run worker` is never nudged and finds it at its next poll).
   */
  nudge(): void;
  /** Stops polling, waits for the send in hand to settle, and hands back the rest of its batch. */
  stop(): Promise<void>;
};

/** Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a random wait up to the capped exponential. */
export function backoffMs(attempt: number, policy: WorkerPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(policy.backoffMs / 2 + random() * (ceiling - policy.backoffMs / 2));
}

export function createOutboxWorker({ outbox, senders, clock, logger, policy = DEFAULT_WORKER_POLICY, random = Math.random }: OutboxWorkerDependencies): OutboxWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  /** Set by start(): the poll interval; undefined while not started. */
  let pollMs: number | undefined;
  // One loop at a time: a nudge during a round asks that round to look once more before it sleeps.
  let ticking = false;
  let again = false;

  async function tick(): Promise<void> {
    ticking = true;
    do {
      again = false;
      let full = true;
      while (full && !stopped) {
        const sent = await worker.runOnce().catch((error: unknown) => {
          logger.error({ err: error }, "the outbox worker could not claim messages; it will try again");
          return 0;
        });
        full = sent >= policy.batch;
      }
    } while (again && !stopped);
    ticking = false;
    if (!stopped && pollMs !== undefined) timer = setTimeout(() => void tick(), pollMs);
  }

  async function settle(message: ClaimedMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const now = clock();
    if (error instanceof Waiting) {
      await outbox.retryLater(message.id, message.claim, new Date(now.getTime() + (error.afterMs ?? policy.maxBackoffMs)), reason);
      logger.info({ outboxId: message.id, kind: message.kind, waitingSince: message.createdAt.toISOString() }, "an outbox message is waiting: it goes once its area's triage channel is registered");
      return;
    }
    if (now.getTime() - message.createdAt.getTime() >= policy.deadAfterMs) {
      await outbox.deadLetter(message.id, message.claim, reason);
      logger.error({ outboxId: message.id, kind: message.kind, attempts: message.attempts }, "an outbox message kept failing and was moved to the dead letters: `npm run outbox -- retry` sends it again");
      return;
    }
    const asked = error instanceof RetryLater ? error.afterMs : undefined;
    const waitMs = asked ?? backoffMs(message.attempts, policy, random);
    await outbox.retryLater(message.id, message.claim, new Date(now.getTime() + waitMs), reason);
    logger.warn({ outboxId: message.id, kind: message.kind, attempts: message.attempts, retryInMs: waitMs }, "an outbox message failed; it will be tried again");
  }

  async function releaseAll(messages: readonly ClaimedMessage[]): Promise<void> {
    for (const message of messages) {
      await outbox.release(message.id, message.claim).catch((error: unknown) => logger.warn({ err: error, outboxId: message.id }, "could not hand back an outbox message; it goes once its lease lapses"));
    }
  }

  async function runBatch(): Promise<number> {
    if (stopped) return 0;
    const messages = await outbox.claim(clock(), policy.batch, policy.leaseMs);
    let sent = 0;
    // One at a time: Teams allows a bot 7 sends a second per thread and about 30 a second per tenant.
    for (const [index, message] of messages.entries()) {
      if (stopped) {
        // Stopping (SIGTERM): the send in hand finished; the rest go back for any worker to claim at
        // once, rather than wait out the lease or hold up the shutdown (issue 10, point 5).
        await releaseAll(messages.slice(index));
        break;
      }
      const send = senders.get(message.kind);
      try {
        if (send === undefined) throw new Error(`no sender for outbox messages of kind "${message.kind}"`);
        await send(message);
        await outbox.complete(message.id, message.claim);
        sent += 1;
      } catch (error) {
        await settle(message, error).catch((settleError: unknown) => logger.error({ err: settleError, outboxId: message.id }, "could not record an outbox failure; the lease will lapse and it will be tried again"));
      }
    }
    return sent;
  }

  const worker: OutboxWorker = {
    runOnce() {
      running = running.then(runBatch, runBatch);
      return running;
    },
    start(everyMs) {
      stopped = false;
      pollMs = everyMs;
      void tick();
    },
    nudge() {
      if (pollMs === undefined || stopped) return;
      if (ticking) {
        again = true;
        return;
      }
      clearTimeout(timer);
      void tick();
    },
    async stop() {
      stopped = true;
      pollMs = undefined;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
  return worker;
}
