// Composition root: config, logger, the app, the server; and, with no credentials, the
// Microsoft 365 Agents Playground as the local Teams client.
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config/load-config.ts";
import { ContentError } from "./content/load-areas.ts";
import { composeApp } from "./compose-app.ts";
import { startPlayground } from "./dev/start-playground.ts";
import { startSweeper } from "./services/session-sweeper.ts";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const { app, checks, close } = await composeApp({ config, logger });

  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const endpoint = `http://127.0.0.1:${config.port}/api/messages`;
  logger.info({ port: config.port, authenticated: config.bot !== undefined }, "bot listening");

  // Expired check sessions are deleted, so nothing about a child is kept past 24 hours.
  const sweeper = startSweeper({ sweep: () => checks.sweep(), logger });

  const playground = config.playground.enabled ? await startPlayground({ endpoint, port: config.playground.port, logger, workDir: "data/playground" }) : undefined;
  if (playground === undefined) process.stdout.write(`\nBot endpoint: ${endpoint}\n`);

  const stop = async () => {
    sweeper.stop();
    playground?.stop();
    server.close();
    await close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
