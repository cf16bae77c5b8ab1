// Deletes expired check sessions, so nothing about a child outlives the 24 hours /privacy promises:
// once at start-up (a process that restarts often would otherwise never sweep) and then every few
// minutes (issue 8, point 10).
import type { Logger } from "pino";

export const SWEEP_EVERY_MS = 5 * 60 * 1000;

export type Sweeper = { readonly stop: () => void; readonly done: Promise<void> };

export function startSweeper({ sweep, logger, everyMs = SWEEP_EVERY_MS }: { sweep: () => Promise<number>; logger: Logger; everyMs?: number }): Sweeper {
  const once = () =>
    sweep().then(
      (removed) => {
        if (removed > 0) logger.info({ removed }, "expired check sessions deleted");
      },
      (error: unknown) => logger.error({ err: error }, "session sweep failed"),
    );
  const done = once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), done };
}
