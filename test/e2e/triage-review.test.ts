// DOMAIN.md §9 (added 2026-12-07) review reminders, over HTTP with the loopback connector: a Sutton
// referral decided "Refer to MASE" is due for review 91 days later (content/areas/sutton.json,
// seed 003: every 3 months). The reminder is an outbox row: the clock moves past the due date with
// a restart in between, and the thread gets exactly one reminder; "Record a review" (a note, kept
// in the history) sets the next one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, startHarness, textOf, type Card, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, detailsPages, pressInChannel, reviewAndSend, sayInChannel } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const channelCards = () => harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true).map((entry) => entry.activity.activity.attachments[0].content as Card);
const updates = () => harness.sent.filter((entry) => entry.method === "PUT").map((entry) => entry.activity.attachments[0].content as Card);
const reviewReminders = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith("/v3/conversations/team-id;messageid=") && String(entry.activity.text ?? "").startsWith("Review due:"));

/** The same database and clock, a new process: what a restart of the bot is. */
async function restart(at: Date): Promise<void> {
  const databaseUrl = harness.databaseUrl;
  await harness.close();
  harness = await startHarness({ now: at, env: { DATABASE_URL: databaseUrl } });
  // The loopback connector of the new harness listens elsewhere; in Teams the channel's service
  // URL stays the same. Registering again points the area's channel at it.
  await sayInChannel(harness, ALEX, "register triage sutton");
}

async function decidedInSutton(outcome: string): Promise<Card> {
  await sayInChannel(harness, ALEX, "register triage sutton");
  const form = await harness.press(ALEX, await checkResultCard(harness, ALEX, "sutton"), "Make a referral");
  await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
  await harness.deliver();
  const card = await pressInChannel(harness, SAM, channelCards()[0]!, "Assign to me");
  return pressInChannel(harness, SAM, card, "Record decision", { outcome, reason: "Pattern of missing episodes; MASE to share intelligence." });
}

describe("review reminders", () => {
  it("one reminder in the thread when the review is due, across a restart; Record a review sets the next", async () => {
    const decided = await decidedInSutton("refer-to-mase");
    expect(JSON.stringify(decided)).toContain('"title":"Review due","value":"10:00 on Tuesday 23 February 2027"');
    await harness.deliver();

    // The day before it is due: nothing. A restart; then past the due date: one reminder, once.
    harness.setNow(new Date("2027-02-22T10:00:00Z"));
    await harness.deliver();
    expect(reviewReminders()).toHaveLength(0);
    await restart(new Date("2027-02-23T10:05:00Z"));
    await harness.deliver();
    expect(reviewReminders()).toHaveLength(1);
    expect(reviewReminders()[0]!.activity.text).toContain('Review due: referral SUT-2026-00001, decided "Refer to MASE", is due for its review since 10:00 (Sutton reviews these every 91 days).');
    expect(reviewReminders()[0]!.activity.text).toContain("999");
    await restart(new Date("2027-02-23T11:00:00Z"));
    await harness.deliver();
    expect(reviewReminders()).toHaveLength(0);

    // Record a review: the note goes into the history, never the channel; the next is 91 days on.
    const card = updates().at(-1) ?? decided;
    const reviewed = await pressInChannel(harness, SAM, card, "Record review", { reviewNote: "Discussed at MASE; disruption plan agreed." });
    expect(JSON.stringify(reviewed)).toContain('"title":"Review due","value":"11:00 on Tuesday 25 May"');
    await harness.deliver();
    expect(JSON.stringify(harness.sent.filter((entry) => !decodeURIComponent(entry.path).includes("a:personal-")))).not.toContain("disruption plan");
    const details = (await detailsPages(harness, SAM, reviewed)).map(textOf).join("\n");
    expect(details).toContain("Review recorded by Sam Nurse");
    expect(details).toContain("Discussed at MASE; disruption plan agreed.");
    harness.setNow(new Date("2027-05-25T11:01:00Z"));
    await harness.deliver();
    expect(reviewReminders()).toHaveLength(1);
  });

  it("a decision that is not reviewed, or a reopened one, gets no reminder", async () => {
    const decided = await decidedInSutton("early-help");
    expect(JSON.stringify(decided)).not.toContain("Review due");
    const reopened = await pressInChannel(harness, SAM, await decidedInSuttonAgain(decided), "Reopen");
    expect(JSON.stringify(reopened)).not.toContain("Review due");
    harness.setNow(new Date("2027-03-01T10:00:00Z"));
    await harness.deliver();
    expect(reviewReminders()).toHaveLength(0);
  });
});

/** Reopens and decides "Strategy discussion", which is reviewed: the card as decided. */
async function decidedInSuttonAgain(card: Card): Promise<Card> {
  const reopened = await pressInChannel(harness, SAM, card, "Reopen");
  return pressInChannel(harness, SAM, reopened, "Record decision", { outcome: "strategy-discussion", reason: "Strategy discussion held." });
}
