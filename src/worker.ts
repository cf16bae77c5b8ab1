// Entry point for `npm run worker`: the outbox worker as its own process (issue 10, point 5), beside
// bots started with OUTBOX_WORKER=off, on the same settings (DATABASE_URL, credentials, REFERRAL_KEY).
// SIGTERM or SIGINT stops polling, lets the send in hand finish (within SHUTDOWN_DEADLINE_SECONDS),
// then closes the store. Killed outright, nothing is lost: what it held is sent again once its lease
// lapses (src/delivery/outbox-worker.ts).
import type { Logger } from "pino";
import { createLogger } from "./config/create-logger.ts";
import { ConfigError, loadConfig } from "./config/load-config.ts";
import { ContentError, loadAreas } from "./content/load-areas.ts";
import { RolesError, loadRoles } from "./config/load-roles.ts";
import { createAuthentication } from "./bot/create-adapter.ts";
import type { OutboxWorker } from "./delivery/outbox-worker.ts";
import type { Database } from "./store/create-database.ts";
import { onStopSignals } from "./stop-signals.ts";
import { OUTBOX_POLL_MS, composeWorker, createSizeLimitedRenderer, openStore } from "./compose-worker.ts";
import { startWorkerHealth } from "./http/worker-health.ts";
import { checkOutbox } from "./http/outbox-health.ts";
import { checkDatabase } from "./store/readiness.ts";
import { createOutboxRepository } from "./store/outbox-repository.ts";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const areas = loadAreas();
  const roles = loadRoles({ path: config.rolesFile, areaIds: areas.keys(), authenticated: config.bot !== undefined });
  logger[roles.startupMessage.level](roles.startupMessage.text);
  const renderCard = createSizeLimitedRenderer(logger);
  const { database, crypto } = await openStore({ config, logger });
  const worker = composeWorker({ database, crypto, areas, roles: roles.roles, renderCard, auth: createAuthentication(config.bot), appId: config.bot?.appId ?? "", clock: () => new Date(), logger });

  // With WORKER_HEALTH_PORT, the worker answers /healthz and /readyz like the bot.
  let stopSignalled = false;
  const outbox = createOutboxRepository(database.db, database.dialect);
  const health =
    config.workerHealthPort === undefined
      ? undefined
      : await startWorkerHealth({
          port: config.workerHealthPort,
          host: config.host,
          stopping: () => stopSignalled,
          checks: new Map([
            ["database", () => checkDatabase(database, Date.now())],
            ["outbox", () => checkOutbox(outbox)],
          ]),
        });

  // Before the worker starts, so no signal meets Node's default (exit at once).
  onStopSignals(
    logger,
    async (waitingFor) => {
      stopSignalled = true;
      const code = await stopWorker({ worker, database, deadlineMs: config.shutdownDeadlineMs, logger, waitingFor });
      await health?.close();
      return code;
    },
    config.shutdownDeadlineMs,
  );

  worker.start(OUTBOX_POLL_MS);
  logger.info({ pollMs: OUTBOX_POLL_MS, authenticated: config.bot !== undefined, healthPort: config.workerHealthPort }, "outbox worker started");
}

/** Resolves with the exit code: 0 when the send in hand finished and the store closed, 1 when the deadline cut the send. */
async function stopWorker({ worker, database, deadlineMs, logger, waitingFor }: { worker: OutboxWorker; database: Database; deadlineMs: number; logger: Logger; waitingFor: (what: string) => void }): Promise<0 | 1> {
  logger.info({ deadlineMs }, "shutting down: no new messages claimed, finishing the send in hand");
  waitingFor("the send in hand");
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    worker.stop().then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    }),
  ]);
  clearTimeout(timer);
  if (!finished) {
    // The message stays claimed and goes again once its lease lapses (it may then be posted twice).
    // The store is left to the exit: closing it would wait for the query the send may be in.
    logger.error({ deadlineMs }, "shutdown deadline passed: a send still in flight was cut; it is sent again once its lease lapses");
    return 1;
  }
  waitingFor("the store to close");
  await database.close();
  logger.info("stopped");
  return 0;
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof RolesError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Could not start the outbox worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
