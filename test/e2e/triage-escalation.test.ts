// The decision escalation cannot fail quietly: an area admin who never installed the app cannot be
// messaged 1:1 (Teams refuses to open the chat), so the escalation goes into the referral's thread,
// saying why, once, instead of waiting as a dead letter nobody reads.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, startHarness, type Card, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, pressInChannel, reviewAndSend, sayInChannel } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const file = join(dir, "roles.yaml");
  writeFileSync(file, `areas:\n  kingston:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${SAM.aadObjectId}]\n`);
  harness = await startHarness({ env: { ROLES_FILE: file } });
});
afterEach(async () => {
  await harness.close();
});

const escalations = () => harness.sent.filter((entry) => String(entry.activity.text ?? "").startsWith("Escalation:"));
const inThread = (entry: { path: string }) => decodeURIComponent(entry.path).startsWith("/v3/conversations/team-id;messageid=");

describe("the decision escalation", () => {
  it("falls back to the thread, once, saying so, when an admin cannot be messaged 1:1", async () => {
    await sayInChannel(harness, ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
    await harness.deliver();
    const card = harness.sent.find((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true)!.activity.activity.attachments[0].content as Card;
    await pressInChannel(harness, SAM, card, "Assign to me");
    await harness.deliver();

    // The admin never installed the app: Teams refuses to open a 1:1 chat with them.
    harness.connectorControl.refuseNewConversations = true;
    harness.setNow(new Date("2026-11-25T10:01:00Z"));
    await harness.deliver();
    expect(escalations()).toHaveLength(1);
    const [escalation] = escalations();
    expect(inThread(escalation!)).toBe(true);
    expect(escalation!.activity.text).toContain("KIN-2026-00001");
    expect(escalation!.activity.text).toContain("Posted here because the bot could not message Kingston upon Thames's admins in a 1:1 chat (the app is not installed for them in Teams).");
    expect(escalation!.activity.text).toContain("999");

    // Done, not waiting to be retried or dead-lettered.
    harness.setNow(new Date("2026-11-25T12:00:00Z"));
    expect(await harness.deliver()).toBe(0);
    expect(escalations()).toHaveLength(1);
  });
});
