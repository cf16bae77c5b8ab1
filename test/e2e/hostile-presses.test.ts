// Issue 8, points 5, 7 and 8: presses a client should never send, each answered with a card that
// says what happened, never a 5xx, never the sent text echoed, never a skipped step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, inputIds, startHarness, textOf, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const invoke = (verb: string, data: Record<string, unknown> = {}) =>
  harness.post(harness.activity("invoke", ALEX, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } }));

describe("hostile presses", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("a verb named like an inherited property (%s) gets 'That button did not work'", async (verb) => {
    const response = await invoke(verb);
    expect(response.status).toBe(200);
    expect(textOf(response.body.value)).toContain("That button did not work");
  });

  it("an unknown sign is never echoed back (the card's text is Markdown)", async () => {
    const [first] = await harness.say(ALEX, "check");
    const signs = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    const session = { sessionId: (signs.actions?.[0] as { data: { sessionId: string } }).data.sessionId, version: "2" };
    const response = await invoke("check.signs", { ...session, signs_sexual: "[click me](https://example.invalid) **bold**" });
    const text = textOf(response.body.value);
    expect(text).toContain("The card sent a sign this check does not know. Please tick the signs again.");
    expect(JSON.stringify(response.body.value)).not.toContain("example.invalid");
  });

  it("a later step's verb pressed on step 1 skips nothing: the check stays on step 1", async () => {
    const [first] = await harness.say(ALEX, "check");
    const session = (first!.actions?.[0] as { data: { sessionId: string; version: string } }).data;
    const everyAnswer = Object.fromEntries(["immediateDanger", "groomingConcern", "sexualAbuse", "exchange", "onlineImages", "trafficking"].map((id) => [`q_${id}`, "no"]));
    const response = await invoke("check.questions", { ...session, ...everyAnswer });
    const card = response.body.value;
    expect(textOf(card)).toContain("Step 1 of 4");
    expect(inputIds(card)).toContain("age");
  });

  it("a tampered age of 900 KB is not kept or sent back: the card stays under 28 KB", async () => {
    const [first] = await harness.say(ALEX, "check");
    const session = (first!.actions?.[0] as { data: { sessionId: string; version: string } }).data;
    const response = await invoke("check.context", { ...session, q_immediateDanger: "no", area: "kingston", age: "9".repeat(900_000), missingEpisodes90d: "x".repeat(100_000) });
    expect(response.status).toBe(200);
    const card = response.body.value;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
    expect(textOf(card)).toContain("Enter the age as a whole number from 0 to 25.");
    const stored = await harness.checks.open(session.sessionId, `msteams:${ALEX.aadObjectId}`);
    expect(stored.kind === "ok" && JSON.stringify(stored.view.state).length).toBeLessThan(2_000);
  });
});

