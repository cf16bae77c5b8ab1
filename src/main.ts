// Composition root: load config and content, build the app, listen.
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config/load-config.ts";
import { ContentError, loadAreas } from "./content/load-areas.ts";
import { createApp } from "./http/create-app.ts";

function start(): void {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const areas = loadAreas();
  const app = createApp({ areas });
  const server = app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, areas: areas.size }, "server listening");
    process.stdout.write(`Health check: http://127.0.0.1:${config.port}/healthz\n`);
  });
  server.on("error", (error) => {
    logger.fatal({ err: error }, "server failed to start");
    process.exitCode = 1;
  });
}

try {
  start();
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
