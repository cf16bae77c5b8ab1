// What the bot remembers for a practitioner (their role and organisation from their
// last referral, their safeguarding lead's email) is theirs to forget: "Forget my details" on the
// menu's More, through the real HTTP endpoint.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, startHarness, textOf, valueOf, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, submitReferral } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("forget my details", () => {
  it("a referral's role and organisation are offered again next time, until the referrer asks the bot to forget them; another user's are kept", async () => {
    await submitReferral(harness, ALEX);
    await submitReferral(harness, SAM);
    const next = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    expect(valueOf(next, "referrer.role")).toBe(ESSENTIALS["referrer.role"]);
    expect(valueOf(next, "referrer.agency")).toBe(ESSENTIALS["referrer.agency"]);

    const [menu] = await harness.say(ALEX, "menu");
    const forgotten = await harness.press(ALEX, menu!, "Forget my details");
    expect(textOf(forgotten)).toContain("Forgotten: the role, organisation and safeguarding lead's email this bot remembered for you.");

    const after = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    expect(valueOf(after, "referrer.role")).toBe("");
    expect(valueOf(after, "referrer.agency")).toBe("");
    const theirs = await harness.press(SAM, await checkResultCard(harness, SAM), "Make a referral");
    expect(valueOf(theirs, "referrer.role")).toBe(ESSENTIALS["referrer.role"]);
  });
});
