// Deletes what has outlived its promise, so nothing about a child is kept longer than /privacy and
// the README say: expired check sessions (24 hours) and referral drafts (7 days), check cards kept
// in memory and unused since the sweep before, and the personal fields of referrals decided
// RETENTION_DAYS ago; once at start-up (a process that restarts often
// would otherwise never sweep) and then every few minutes (issue 8, point 10; issue 10, point 10).
import type { Logger } from "pino";

export const SWEEP_EVERY_MS = 5 * 60 * 1000;

export type Sweeper = { readonly stop: () => void; readonly done: Promise<void> };

/** How many of each kind a sweep deleted or purged: counts only, never what they held. */
export type SweepCounts = Readonly<Record<string, number>>;

export function startSweeper({ sweep, logger, everyMs = SWEEP_EVERY_MS }: { sweep: () => Promise<SweepCounts>; logger: Logger; everyMs?: number }): Sweeper {
  const once = () =>
    sweep().then(
      (counts) => {
        if (Object.values(counts).some((count) => count > 0)) logger.info(counts, "expired records deleted");
      },
      (error: unknown) => logger.error({ err: error }, "session sweep failed"),
    );
  const done = once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), done };
}
