// Issue 9 "Private by default": a check asked for in a group chat or a team channel runs in the
// user's 1:1 chat; the group sees only "I have sent you a private message", never a step card.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, inputIds, startHarness, textOf, type Card, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const CHANNEL = { id: "19:general@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-1" };
const MENTION = { type: "mention", text: "<at>SAFEGUARD</at>", mentioned: { id: "28:safeguard-bot", name: "SAFEGUARD" } };

/** What the bot sent after `before`, by where it went. */
function sentSince(before: number) {
  const entries = harness.sent.slice(before).map((entry) => ({ ...entry, path: decodeURIComponent(entry.path) }));
  const toChannel = entries.filter((entry) => entry.path.startsWith(`/v3/conversations/${CHANNEL.id}/`));
  const created = entries.filter((entry) => entry.path === "/v3/conversations");
  const toPrivate = entries.filter((entry) => entry.path.startsWith("/v3/conversations/a:private-"));
  const cards = (list: typeof entries) => list.flatMap((entry) => (entry.activity.attachments ?? []).map((attachment: { content: Card }) => attachment.content));
  return { toChannel, created, toPrivate, channelCards: cards(toChannel), privateCards: cards(toPrivate) };
}

describe("a check started in a group runs in the 1:1 chat", () => {
  it("'@SAFEGUARD check' in a channel: the step card goes to a new 1:1 chat with the user, the channel gets one line", async () => {
    const before = harness.sent.length;
    const response = await harness.post(harness.activity("message", ALEX, { text: "<at>SAFEGUARD</at> check", conversation: CHANNEL, entities: [MENTION] }));
    expect(response.status).toBe(200);
    const { toChannel, created, privateCards, channelCards } = sentSince(before);
    expect(created).toHaveLength(1);
    expect(created[0]?.activity).toMatchObject({ isGroup: false, members: [{ id: "29:alex" }], tenantId: "tenant-1" });
    expect(privateCards).toHaveLength(1);
    // Sent to the new conversation, not as a reply to a message that does not exist there.
    expect(sentSince(before).toPrivate.map((entry) => entry.path)).toEqual([expect.stringMatching(/^\/v3\/conversations\/a:private-\d+\/activities$/)]);
    expect(textOf(privateCards[0]!)).toContain("Step 1 of 4");
    expect(inputIds(privateCards[0]!)).toContain("age");
    expect(channelCards).toEqual([]);
    expect(toChannel.map((entry) => entry.activity.text)).toEqual([expect.stringMatching(/^I have sent you a private message to start your check/)]);
  });

  it("'Check a concern' pressed on a card in a channel: the channel's card stays the menu, the check goes to the 1:1 chat", async () => {
    const before = harness.sent.length;
    const response = await harness.post(
      harness.activity("invoke", ALEX, { conversation: CHANNEL, name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "check.start", data: {} }, trigger: "manual" } }),
    );
    const card = response.body.value as Card;
    expect(textOf(card)).toContain("I have sent you a private message to start your check.");
    expect(inputIds(card)).toEqual([]);
    const { privateCards } = sentSince(before);
    expect(privateCards.map((sent) => textOf(sent))).toEqual([expect.stringContaining("Step 1 of 4")]);
  });

  it("an old step card pressed in a channel moves nothing and shows no inputs", async () => {
    const before = harness.sent.length;
    const response = await harness.post(
      harness.activity("invoke", ALEX, {
        conversation: CHANNEL,
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "check.context", data: { sessionId: "anything", version: "1", age: "14" } }, trigger: "manual" },
      }),
    );
    const card = response.body.value as Card;
    expect(textOf(card)).toContain("Checks run only in your 1:1 chat with me");
    expect(inputIds(card)).toEqual([]);
    expect(sentSince(before).created).toEqual([]);
  });

  it("when the 1:1 chat cannot be opened, says what to do instead", async () => {
    harness.connectorControl.refuseNewConversations = true;
    try {
      const before = harness.sent.length;
      await harness.post(harness.activity("message", ALEX, { text: "<at>SAFEGUARD</at> check", conversation: CHANNEL, entities: [MENTION] }));
      const { toChannel, channelCards, privateCards } = sentSince(before);
      expect(channelCards).toEqual([]);
      expect(privateCards).toEqual([]);
      expect(toChannel.map((entry) => entry.activity.text)).toEqual([expect.stringMatching(/^I could not send you a private message\. Open a 1:1 chat with me/)]);
    } finally {
      harness.connectorControl.refuseNewConversations = false;
    }
  });

  it("a question in a channel is still answered in the thread", async () => {
    const before = harness.sent.length;
    await harness.post(harness.activity("message", ALEX, { text: "<at>SAFEGUARD</at> what is MASE", conversation: CHANNEL, entities: [MENTION] }));
    expect(textOf(sentSince(before).channelCards[0]!)).toContain("MASE: Multi-Agency Sexual Exploitation meeting");
  });
});
