// Composition root: config, logger, the app, the server, the outbox worker (unless OUTBOX_WORKER is
// off: src/worker.ts runs it apart); and, with no credentials, the Microsoft 365 Agents Playground
// as the local Teams client.
import { ConfigError, loadConfig } from "./config/load-config.ts";
import { ContentError } from "./content/load-areas.ts";
import { RolesError } from "./config/load-roles.ts";
import { onStopSignals } from "./stop-signals.ts";
import { createLogger } from "./config/create-logger.ts";
import { clockFrom } from "./config/local-clock.ts";
import { shutdown, trackInFlight } from "./http/graceful-shutdown.ts";
import { startSweeper } from "./services/session-sweeper.ts";
import { createEarlyServer } from "./http/early-server.ts";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Local use with the playground (`npm start`): build the tab if it is missing or stale. A
  // deployment ships dist/tab built (`npm run build:tab`); tests never build it behind each other's backs.
  // The dev-only modules load only then: a production start never reads them.
  if (config.playground.enabled) await (await import("./dev/build-tab.ts")).ensureTabBuilt(logger);
  // Listening first: /healthz answers while the app is built; other requests wait for it (early-server.ts).
  const early = createEarlyServer();
  const server = early.server;
  const inFlight = trackInFlight(server);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  // The app's modules (botbuilder, the store, the cards) load now, not before the port is open.
  const [{ composeApp }, { OUTBOX_POLL_MS }] = await Promise.all([import("./compose-app.ts"), import("./compose-worker.ts")]);
  if (config.clockStart !== undefined) logger.warn({ clockStart: config.clockStart.toISOString() }, "LOCAL_CLOCK is set: the bot's clock starts at this moment, for trying the playground at another time");
  // Set by the first stop signal: /readyz answers 503 from then on, on any connection.
  let stopSignalled = false;
  const { app, sweep, worker, close } = await composeApp({ config, logger, stopping: () => stopSignalled, ...(config.clockStart === undefined ? {} : { clock: clockFrom(config.clockStart) }) });
  early.serve(app);

  // Stopped once the last reply is sent (the playground is where replies go), before the store closes.
  const background: (() => void)[] = [];
  // A second signal while requests drain changes nothing: one shutdown, to its own deadline.
  const stopping = onStopSignals(
    logger,
    (waitingFor) => {
      stopSignalled = true;
      const stopBackground = () => background.forEach((stopOne) => stopOne());
      return shutdown({ server, inFlight, deadlineMs: config.shutdownDeadlineMs, logger, stopBackground, closeStore: close, waitingFor });
    },
    config.shutdownDeadlineMs,
  );

  const endpoint = `http://127.0.0.1:${config.port}/api/messages`;
  logger.info({ port: config.port, authenticated: config.bot !== undefined, outboxWorker: config.outboxWorker }, "bot listening");

  // Expired check sessions and drafts are deleted, so nothing about a child is kept past its promise.
  background.push(startSweeper({ sweep, logger }).stop);
  // The outbox: referrals to their triage channels, cards updated in place (stopped by close()).
  // OUTBOX_WORKER=off: `npm run worker` runs it as its own process instead.
  if (config.outboxWorker) worker.start(OUTBOX_POLL_MS);
  else logger.info("the outbox worker is off here (OUTBOX_WORKER=off): run `npm run worker` to send referrals to their channels");

  const playground = config.playground.enabled ? await (await import("./dev/start-playground.ts")).startPlayground({ endpoint, port: config.playground.port, logger, workDir: "data/playground" }) : undefined;
  process.stdout.write(`\nIntranet tab: http://127.0.0.1:${config.port}/tab/ (outside Teams: pick a test user on its local sign-in)\n`);
  if (playground === undefined) process.stdout.write(`\nBot endpoint: ${endpoint}\n`);
  else if (stopping()) playground.stop(); // signalled while it started: no reply can be on its way to it
  else background.push(playground.stop);
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof RolesError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
