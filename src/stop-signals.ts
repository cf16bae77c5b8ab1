// SIGINT and SIGTERM for a process entry point (main.ts, worker.ts): one shutdown, to its own
// deadline; a second signal while it runs changes nothing; the exit code is the shutdown's.
// Installed before anything is announced, so no signal meets Node's default (exit at once).
import type { Logger } from "pino";

/** Returns whether a stop signal has come. */
export function onStopSignals(logger: Logger, shutdown: () => Promise<number>): () => boolean {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    logger.info({ signal }, "signal received");
    shutdown().then(
      (code) => process.exit(code),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return () => stopping;
}
