// The outbox's sender against the loopback Bot Connector: a channel thread, an update in place, a
// message; a 429 becomes "retry later" with the wait asked for; every send keeps its deadline.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthentication } from "../../src/bot/create-adapter.ts";
import { RetryLater } from "../../src/delivery/outbox-worker.ts";
import { createTeamsSender, type TeamsSender } from "../../src/delivery/teams-sender.ts";
import type { AdaptiveCard } from "../../src/cards/render-card.ts";
import { ALEX, startHarness, type Harness } from "../support/bot-harness.ts";

const CARD: AdaptiveCard = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "KIN-2026-00001" }] };

let harness: Harness;
let sender: TeamsSender;
let serviceUrl: string;
beforeEach(async () => {
  harness = await startHarness();
  serviceUrl = harness.activity("message", ALEX, {}).serviceUrl;
  sender = createTeamsSender(createAuthentication(undefined, { sendMs: 1_000, turnMs: 2_000, attempts: 3 }), "");
});
afterEach(async () => {
  await harness.close();
});

const channel = () => ({ serviceUrl, tenantId: "tenant-1", teamId: "team-id", channelId: "team-id" });

describe("the Teams sender", () => {
  it("starts a channel thread with the card and says where it went", async () => {
    const posted = await sender.postToChannel(channel(), CARD);
    const request = harness.sent.at(-1)!;
    expect(request.path).toBe("/v3/conversations");
    expect(request.activity).toMatchObject({ isGroup: true, channelData: { channel: { id: "team-id" } }, activity: { attachments: [{ content: CARD }] } });
    expect(posted.conversationId).toMatch(/^team-id;messageid=\d+$/);
    expect(posted.conversationId.endsWith(`=${posted.activityId}`)).toBe(true);
  });

  it("replaces a posted card in place", async () => {
    const posted = await sender.postToChannel(channel(), CARD);
    await sender.updateCard(serviceUrl, posted, { ...CARD, body: [{ type: "TextBlock", text: "Acknowledged" }] });
    const request = harness.sent.at(-1)!;
    expect(request).toMatchObject({ method: "PUT", path: `/v3/conversations/${encodeURIComponent(posted.conversationId)}/activities/${posted.activityId}` });
    expect(request.activity.attachments[0].content.body[0].text).toBe("Acknowledged");
  });

  it("a 429 becomes RetryLater carrying the Retry-After", async () => {
    harness.connectorControl.fault = { status: 429, headers: { "Retry-After": "30" } };
    const failure = sender.postToChannel(channel(), CARD);
    await expect(failure).rejects.toBeInstanceOf(RetryLater);
    await expect(failure).rejects.toMatchObject({ afterMs: 30_000 });
  });

  it("a 500 is an error for the worker to back off from, sent once", async () => {
    harness.connectorControl.fault = { status: 500 };
    const before = harness.sent.length;
    await expect(sender.send(serviceUrl, "a:private-1", { type: "message", text: "hello" })).rejects.toThrow();
    expect(harness.sent.length - before).toBe(1);
  });

  it("a hanging connector fails the send at its deadline", async () => {
    harness.connectorControl.fault = "hang";
    const started = performance.now();
    await expect(sender.postToChannel(channel(), CARD)).rejects.toThrow(/did not answer within 1000 ms/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
