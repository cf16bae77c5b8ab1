// SIGINT and SIGTERM for a process entry point (main.ts, worker.ts): one shutdown, to its own
// deadline; a second signal while it runs changes nothing; the exit code is the shutdown's.
// Installed before anything is announced, so no signal meets Node's default (exit at once).
import type { Logger } from "pino";

/**
 * Issue 26: past the shutdown's own deadline by this much, the process exits 1 whatever it is still
 * waiting for (a store that never closes, a child that never ends): a stuck process is worse than a
 * stopped one.
 */
export const HARD_STOP_GRACE_MS = 2_000;

/** Returns whether a stop signal has come. `deadlineMs`: the shutdown's own deadline (SHUTDOWN_DEADLINE_SECONDS). */
export function onStopSignals(logger: Logger, shutdown: (waitingFor: (what: string) => void) => Promise<number>, deadlineMs: number, exit: (code: number) => void = (code) => process.exit(code)): () => boolean {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    logger.info({ signal }, "signal received");
    // What the shutdown is doing now, so the hard stop can say what it was still waiting for.
    let waiting = "the shutdown to start";
    // Not unref'd: it is what ends a process whose shutdown hangs.
    const hardStop = setTimeout(() => {
      logger.error({ waitedMs: deadlineMs + HARD_STOP_GRACE_MS, waitingFor: waiting }, `shutdown did not finish in time, still waiting for ${waiting}: exiting now`);
      exit(1);
    }, deadlineMs + HARD_STOP_GRACE_MS);
    shutdown((what) => (waiting = what)).then(
      (code) => {
        clearTimeout(hardStop);
        exit(code);
      },
      (error: unknown) => {
        clearTimeout(hardStop);
        logger.error({ err: error }, "shutdown failed");
        exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return () => stopping;
}
