// Issue 8, point 2: a Bot Connector that fails, throttles or hangs never holds a turn past its
// deadline, is never sent the same card twice, and gets one apology per failure.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendLimits } from "../../src/bot/send-deadline.ts";
import { ALEX, startHarness, type Harness } from "../support/bot-harness.ts";

// Short limits keep the suite quick; the defaults (5 s a send, 10 s a turn) are the same code.
const LIMITS: SendLimits = { sendMs: 1_500, turnMs: 3_000, attempts: 3 };
// Generous: a loaded 2-core machine is slow, but nowhere near the minutes a fault used to cost.
const MARGIN_MS = 4_000;

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ sendLimits: LIMITS });
});
afterEach(async () => {
  await harness.close();
});

/** Says "hi" and returns the HTTP status, the time taken and what reached the connector. */
async function sayHi() {
  const before = harness.sent.length;
  const started = performance.now();
  const response = await harness.post(harness.activity("message", ALEX, { text: "hi" }));
  const posts = harness.sent.slice(before).map((entry) => entry.activity);
  return {
    status: response.status,
    elapsedMs: performance.now() - started,
    cards: posts.filter((activity) => (activity.attachments ?? []).length > 0).length,
    apologies: posts.filter((activity) => String(activity.text ?? "").startsWith("Sorry, something went wrong")).length,
  };
}

describe("a failing Bot Connector", () => {
  it("answering 500: the card is posted once, then one apology, and the turn ends at once", async () => {
    harness.connectorControl.fault = { status: 500 };
    const result = await sayHi();
    expect(result).toMatchObject({ status: 200, cards: 1, apologies: 1 });
    expect(result.elapsedMs).toBeLessThan(LIMITS.turnMs + MARGIN_MS);
  });

  it("answering 429 with Retry-After: 30: no wait past the deadline, no second card", async () => {
    harness.connectorControl.fault = { status: 429, headers: { "Retry-After": "30" } };
    const result = await sayHi();
    expect(result).toMatchObject({ status: 200, cards: 1, apologies: 1 });
    expect(result.elapsedMs).toBeLessThan(LIMITS.turnMs + MARGIN_MS);
  });

  it("answering 429 with a Retry-After inside the deadline: waits, sends again, and the card arrives", async () => {
    harness.connectorControl.fault = { status: 429, headers: { "Retry-After": "0.2" }, times: 1 };
    const result = await sayHi();
    expect(result).toMatchObject({ status: 200, cards: 2, apologies: 0 });
    expect(harness.connectorControl.fault).toBeUndefined();
  });

  it("hanging: the turn is answered within the turn's deadline", async () => {
    harness.connectorControl.fault = "hang";
    const result = await sayHi();
    expect(result.status).toBe(200);
    expect(result.cards).toBe(1);
    expect(result.elapsedMs).toBeLessThan(LIMITS.turnMs + MARGIN_MS);
  });

  it("recovers: once the connector answers again, the next message gets its card", async () => {
    harness.connectorControl.fault = { status: 500 };
    await sayHi();
    harness.connectorControl.fault = undefined;
    expect(await sayHi()).toMatchObject({ status: 200, cards: 1, apologies: 0 });
  });
});
