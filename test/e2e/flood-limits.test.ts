// One person cannot flood an area's triage channel. Through the real HTTP
// endpoint: ten referrals in an hour go; the eleventh is kept, unsent, and the notice says to phone
// the front door. The rule and its window are tested in test/services/referral-service.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FLOOD_LIMITS } from "../../src/services/referral-service.ts";
import { ALEX, buttonTitles, startHarness, textOf, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, reviewAndSend, submitReferral } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("limits on floods", () => {
  it("past the hour's referrals, Submit keeps the referral unsent and says to phone the front door", { timeout: 60_000 }, async () => {
    for (let sent = 0; sent < FLOOD_LIMITS.referralsSubmitted; sent += 1) await submitReferral(harness, ALEX);
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    const refused = await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
    expect(textOf(refused)).toContain(`You have submitted ${FLOOD_LIMITS.referralsSubmitted} referrals in the last hour`);
    expect(textOf(refused)).toContain("phone the front door");
    expect(textOf(refused)).not.toMatch(/[A-Z]{3}-\d{4}-\d{5}/);
    expect(buttonTitles(refused)).toContain("Continue your referral");
    expect(buttonTitles(refused)).toContain("Who do I contact");
  });
});
