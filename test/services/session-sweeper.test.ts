// Issue 8, point 10: expired sessions are deleted at start-up and every few minutes, so "deleted 24
// hours after the last step" holds even for a process that restarts often.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SWEEP_EVERY_MS, startSweeper } from "../../src/services/session-sweeper.ts";

describe("the session sweeper", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sweeps at once on start, then every few minutes, and stops when told", async () => {
    const sweep = vi.fn(async () => ({ checkSessions: 0 }));
    const sweeper = startSweeper({ sweep, logger: pino({ level: "silent" }) });
    await sweeper.done;
    expect(sweep).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SWEEP_EVERY_MS);
    expect(sweep).toHaveBeenCalledTimes(2);
    sweeper.stop();
    await vi.advanceTimersByTimeAsync(SWEEP_EVERY_MS * 3);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it("sweeps often enough that nothing outlives 24 hours by more than a few minutes", () => {
    expect(SWEEP_EVERY_MS).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it("a failing sweep is logged, not thrown, and the next one still runs", async () => {
    const lines: string[] = [];
    const sweep = vi.fn().mockRejectedValueOnce(new Error("database is locked")).mockResolvedValue({ checkSessions: 3, referralsPurged: 1 });
    const sweeper = startSweeper({ sweep, logger: pino({ level: "info" }, { write: (line: string) => void lines.push(line) }) });
    await sweeper.done;
    await vi.advanceTimersByTimeAsync(SWEEP_EVERY_MS);
    sweeper.stop();
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["session sweep failed", "expired records deleted"]);
    expect(JSON.parse(lines[1]!)).toMatchObject({ checkSessions: 3, referralsPurged: 1 });
  });
});
