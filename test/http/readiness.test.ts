// checkReadiness: every named part reported, and a part that hangs cannot hold the report.
import { describe, expect, it } from "vitest";
import { type CheckOutcome, checkReadiness } from "../../src/http/readiness.ts";

const ok = async (): Promise<CheckOutcome> => ({ state: "ok" });
const never = () => new Promise<CheckOutcome>(() => undefined);

describe("checkReadiness", () => {
  it("is ready when every part is, naming each", async () => {
    expect(await checkReadiness(new Map([["database", ok], ["other", ok]]))).toEqual({ ready: true, degraded: false, checks: { database: "ok", other: "ok" } });
  });

  it("is not ready when one part fails, and says which and why", async () => {
    const full = async (): Promise<CheckOutcome> => ({ state: "failed", reason: "write failed (SQLITE_FULL)" });
    expect(await checkReadiness(new Map([["database", full], ["other", ok]]))).toEqual({ ready: false, degraded: false, checks: { database: "write failed (SQLITE_FULL)", other: "ok" } });
  });

  it("answers at its deadline when a part never does, naming the deadline", async () => {
    const report = await checkReadiness(new Map([["database", never], ["other", ok]]), 50);
    expect(report).toEqual({ ready: false, degraded: false, checks: { database: "timed out after 50 ms", other: "ok" } });
  });

  it("is ready but degraded when a part needs attention, saying why", async () => {
    const dead = async (): Promise<CheckOutcome> => ({ state: "degraded", reason: "2 dead letters: npm run outbox -- retry" });
    expect(await checkReadiness(new Map([["database", ok], ["outbox", dead]]))).toEqual({ ready: true, degraded: true, checks: { database: "ok", outbox: "2 dead letters: npm run outbox -- retry" } });
  });

  it("reports a part that throws as failed, without its message", async () => {
    const throws = async (): Promise<CheckOutcome> => {
      throw new Error("connect to postgres://bot:secret@db failed");
    };
    expect(await checkReadiness(new Map([["database", throws]]))).toEqual({ ready: false, degraded: false, checks: { database: "check failed unexpectedly" } });
  });
});
