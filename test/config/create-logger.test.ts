// Issue 26: logging cannot block exit, and a shutdown that hangs is ended by the hard stop.
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unblockingDestination } from "../../src/config/create-logger.ts";
import { HARD_STOP_GRACE_MS, onStopSignals } from "../../src/stop-signals.ts";

describe("the log destination", () => {
  it("writes each line until a write fails, then drops every line without retrying", () => {
    const written: string[] = [];
    let attempts = 0;
    let readerGone = false;
    const destination = unblockingDestination(1, (_fd, text) => {
      attempts += 1;
      if (readerGone) throw Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
      written.push(text);
    });
    const logger = pino({ level: "info" }, destination);
    logger.info("first");
    readerGone = true;
    logger.info("second");
    logger.info("third");
    expect(written.map((line) => JSON.parse(line).msg)).toEqual(["first"]);
    // The failed write was tried once; after it, nothing is tried again.
    expect(attempts).toBe(2);
    expect(destination.broken()).toBe(true);
  });
});

describe("a full pipe", () => {
  it("is waited on briefly and the line written once there is room; a pipe that stays full drops that line only", () => {
    const written: string[] = [];
    let fullFor = 3;
    const destination = unblockingDestination(1, (_fd, text) => {
      if (fullFor > 0) {
        fullFor -= 1;
        throw Object.assign(new Error("write EAGAIN"), { code: "EAGAIN" });
      }
      written.push(text);
    });
    const logger = pino({ level: "info" }, destination);
    logger.info("after a short wait");
    expect(written.map((line) => JSON.parse(line).msg)).toEqual(["after a short wait"]);
    fullFor = 1_000;
    logger.info("dropped");
    fullFor = 0;
    logger.info("still logging");
    expect(written.map((line) => JSON.parse(line).msg)).toEqual(["after a short wait", "still logging"]);
    expect(destination.broken()).toBe(false);
  });
});

describe("a stop signal", () => {
  afterEach(() => {
    vi.useRealTimers();
    process.removeAllListeners("SIGTERM");
    process.removeAllListeners("SIGINT");
  });

  it("ends the process with 1 at the deadline plus the grace when the shutdown never finishes, saying so", async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const exits: number[] = [];
    // A store whose close never resolves.
    onStopSignals(logger, (waitingFor) => { waitingFor("the store to close"); return new Promise<number>(() => undefined); }, 1_000, (code) => exits.push(code));
    process.emit("SIGTERM");
    await vi.advanceTimersByTimeAsync(1_000 + HARD_STOP_GRACE_MS - 1);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(lines.map((line) => JSON.parse(line).msg)).toContain("shutdown did not finish in time, still waiting for the store to close: exiting now");
  });

  it("a shutdown that finishes exits with its own code, and the hard stop never fires", async () => {
    vi.useFakeTimers();
    const exits: number[] = [];
    onStopSignals(pino({ level: "silent" }), async () => 0, 1_000, (code) => exits.push(code));
    process.emit("SIGTERM");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(exits).toEqual([0]);
  });
});
