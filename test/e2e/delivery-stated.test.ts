// DOMAIN.md §8 "Delivery is stated as it is", in the chat, over HTTP: a referral submitted while its
// area has no triage channel is "not delivered" on the confirmation and on the menu, with the way to
// the area's contacts; once a channel is registered and the card is posted, the referrer is told in
// their 1:1 chat and the menu no longer says it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, startHarness, textOf, type Card, type Harness } from "../support/bot-harness.ts";
import { sayInChannel, submitReferral } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const NOT_DELIVERED = "Not delivered: Kingston upon Thames has no triage channel in Teams yet. Contact the front door now.";

async function menu(user = ALEX): Promise<Card> {
  const [card] = await harness.say(user, "menu");
  if (card === undefined) throw new Error("\"menu\" got no card");
  return card;
}

const toReferrer = () =>
  harness.sent
    .filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/a:personal-${ALEX.id}/activities`) && typeof entry.activity.text === "string")
    .map((entry) => String(entry.activity.text));

/** What the bot said in the channel (its replies to "register triage"). */
const channelReplies = () => harness.sent.filter((entry) => entry.path.includes("team-id") && typeof entry.activity.text === "string").map((entry) => String(entry.activity.text));

describe("a referral waiting for its area's triage channel", () => {
  it("the menu says it is not delivered, with the area's contacts a press away; once posted, the referrer is told and the menu moves on", async () => {
    const reference = await submitReferral(harness, ALEX);
    const before = await menu();
    expect(textOf(before)).toContain(`Referral ${reference}. ${NOT_DELIVERED}`);
    expect(buttonTitles(before)).toContain("Who to contact in Kingston upon Thames");
    const contacts = await harness.press(ALEX, before, "Who to contact in Kingston upon Thames");
    expect(textOf(contacts)).toContain("Kingston upon Thames: who to contact");
    // Someone else's menu says nothing of it.
    expect(textOf(await menu(SAM))).not.toContain(reference);

    // The worker tries, and the referral waits: nobody is told it is delivered.
    expect(await harness.deliver()).toBe(0);
    expect(toReferrer().filter((text) => text.startsWith("Delivered"))).toEqual([]);

    await sayInChannel(harness, ALEX, "register triage kingston");
    // Issue 21, point 6: the reply says what waited, and it goes at once, not at its next look a minute on.
    expect(channelReplies().at(-1)).toContain("1 referral was waiting for Kingston upon Thames: posting it now.");
    expect(await harness.deliver()).toBe(1);
    expect(toReferrer().filter((text) => text.startsWith("Delivered"))).toEqual([
      expect.stringContaining(`Delivered: your referral ${reference} is now posted in the triage channel registered for Kingston upon Thames in your organisation.`),
    ]);
    expect(toReferrer().find((text) => text.startsWith("Delivered"))).toContain("999");
    const after = await menu();
    expect(textOf(after)).not.toContain("Not delivered");
    expect(buttonTitles(after)).not.toContain("Who to contact in Kingston upon Thames");
  });

  it("posted at the first try (a channel was there), the confirmation says it is being posted and no 'delivered' message follows", async () => {
    await sayInChannel(harness, ALEX, "register triage kingston");
    expect(channelReplies().at(-1)).not.toContain("waiting");
    const reference = await submitReferral(harness, ALEX);
    expect(textOf(await menu())).toContain(`Referral ${reference}. It is being posted to the triage channel registered for Kingston upon Thames in your organisation.`);
    expect(await harness.deliver()).toBe(1);
    expect(toReferrer().filter((text) => text.startsWith("Delivered"))).toEqual([]);
    expect(textOf(await menu())).not.toContain(reference);
  });
});
