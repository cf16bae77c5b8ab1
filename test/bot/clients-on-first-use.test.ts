// Issue 12: a turn's Bot Connector and user-token clients are made at their first use, not for
// every turn (building their pipelines was about 8% of a check's CPU). Through the real endpoint:
// a card press, answered in the invoke's own response, makes no client at all; a message makes the
// connector client it sends with, once.
import { ConfigurationServiceClientCredentialFactory } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UserTokenClientOnFirstUse, connectorClientOnFirstUse } from "../../src/bot/clients-on-first-use.ts";
import { ALEX, startHarness, type Harness } from "../support/bot-harness.ts";

describe("connectorClientOnFirstUse", () => {
  const fakeClient = (calls: unknown[][]) =>
    ({ conversations: { sendToConversation: async (...args: unknown[]) => (calls.push(args), { id: `sent-${calls.length}` }) } }) as unknown as ConnectorClient;

  it("makes the client at the first operation, once, and passes arguments and results through", async () => {
    const calls: unknown[][] = [];
    const make = vi.fn(async () => fakeClient(calls));
    const client = connectorClientOnFirstUse(make);
    expect(make).not.toHaveBeenCalled();
    const conversations = client.conversations;
    expect(make).not.toHaveBeenCalled();
    await expect(conversations.sendToConversation("a:1", { type: "message" })).resolves.toEqual({ id: "sent-1" });
    await expect(client.conversations.sendToConversation("a:2", { type: "message" })).resolves.toEqual({ id: "sent-2" });
    expect(make).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([["a:1", { type: "message" }], ["a:2", { type: "message" }]]);
  });

  it("is not taken for a promise when an async function returns it", async () => {
    const client = connectorClientOnFirstUse(async () => fakeClient([]));
    const returned = await (async () => client)();
    expect(returned).toBe(client);
  });

  it("refuses, by name, anything but an operation", () => {
    const client = connectorClientOnFirstUse(async () => fakeClient([]));
    expect(() => (client as unknown as { credentials: unknown }).credentials).toThrow(/"credentials" was read/);
  });

  it("a failure to make the client reaches the operation's caller", async () => {
    const client = connectorClientOnFirstUse(async () => Promise.reject(new Error("no credentials")));
    await expect(client.conversations.sendToConversation("a:1", { type: "message" })).rejects.toThrow("no credentials");
  });
});

describe("UserTokenClientOnFirstUse", () => {
  it("makes the real client at the first call only", async () => {
    const getUserToken = vi.fn(async () => ({ token: "t", connectionName: "c", channelId: "msteams", expiration: "" }));
    const make = vi.fn(async () => ({ getUserToken }) as never);
    const client = new UserTokenClientOnFirstUse(make);
    expect(make).not.toHaveBeenCalled();
    await expect(client.getUserToken("user", "connection", "msteams", "")).resolves.toMatchObject({ token: "t" });
    await client.getUserToken("user", "connection", "msteams", "");
    expect(make).toHaveBeenCalledTimes(1);
    expect(getUserToken).toHaveBeenCalledWith("user", "connection", "msteams", "");
  });
});

describe("through the endpoint", () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await harness.close();
  });

  it("a card press makes no client; a message makes the one it sends with", async () => {
    // Every connector or user-token client botbuilder makes starts by asking for its credentials.
    const credentials = vi.spyOn(ConfigurationServiceClientCredentialFactory.prototype, "createCredentials");
    const [first] = await harness.say(ALEX, "check");
    expect(first).toBeDefined();
    expect(credentials).toHaveBeenCalledTimes(1);
    const next = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    expect(JSON.stringify(next)).toContain("Step 2 of 4");
    expect(credentials).toHaveBeenCalledTimes(1);
  });
});
