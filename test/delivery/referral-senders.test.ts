// The referral senders against a real store (SQLite in memory) and a Teams sender that records what
// it is asked to send: what a retried post does after a worker died (issue 10, point 5).
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCardRenderer } from "../../src/cards/render-card.ts";
import { loadAreas } from "../../src/content/load-areas.ts";
import type { Send } from "../../src/delivery/outbox-worker.ts";
import { createReferralSenders } from "../../src/delivery/referral-senders.ts";
import type { Posted, TeamsSender } from "../../src/delivery/teams-sender.ts";
import type { ClaimedMessage, TriageChannelStore } from "../../src/services/referral-store.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const CHANNEL = { serviceUrl: "https://smba.example/uk/", tenantId: "tenant-1", teamId: "19:team", channelId: "19:general" };
const areas = loadAreas();
const render = createCardRenderer();

let database: Database;
let channels: TriageChannelStore;
let posts: Posted[];
let updates: Posted[];
let senders: ReadonlyMap<string, Send>;

const teams: TeamsSender = {
  async postToChannel(channel) {
    const activityId = String(posts.length + 1);
    const posted = { conversationId: `${channel.channelId};messageid=${activityId}`, activityId };
    posts.push(posted);
    return posted;
  },
  async updateCard(_serviceUrl, posted) {
    updates.push(posted);
  },
  async send(_serviceUrl, conversationId, activity) {
    sent.push({ to: conversationId, activity });
  },
  async sendToUser(serviceUrl, tenantId, aadObjectId, activity) {
    sent.push({ to: `user:${aadObjectId} via ${serviceUrl} in ${tenantId}`, activity });
  },
};
let sent: { to: string; activity: unknown }[];

beforeEach(async () => {
  database = await createDatabase(":memory:");
  const referrals = createReferralRepository(database.db);
  channels = createTriageChannelRepository(database.db);
  posts = [];
  updates = [];
  sent = [];
  senders = createReferralSenders({ referrals, channels, peopleOf: async () => ({ colleagues: [] }), adminsOf: () => [], teams, areas, crypto: createReferralCrypto(randomBytes(32)), render: (card) => render(card.name, card.data), clock: () => NOW });
  await channels.register("kingston", CHANNEL, "msteams:admin", NOW);
  await referrals.submit(
    { id: "r1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: "d1", status: "submitted", summary: { areaId: "kingston", category: 2, unconfirmed: false, flags: [], urgency: "today", ageBand: "13-15" }, triage: { status: "submitted" }, sealed: "v1.x", matchKeys: [] },
    { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" },
    [],
  );
});
afterEach(async () => {
  await database.close();
});

const message = (kind: string, attempts: number): ClaimedMessage => ({ id: `m-${kind}-${attempts}`, kind, referralId: "r1", payload: {}, dueAt: NOW, attempts, createdAt: NOW, claim: "claim" });
const send = (kind: string, attempts = 1) => senders.get(kind)!(message(kind, attempts));

describe("posting a referral's card to its triage channel", () => {
  it("posts one card and records where it went", async () => {
    await send("post-referral-card");
    expect(posts).toHaveLength(1);
    // Recorded with the area whose channel holds it (a transfer posts in another's: DOMAIN.md §9).
    expect(await channels.postsOf("r1")).toEqual(posts.map((post) => ({ ...post, areaId: "kingston" })));
  });

  it("does not post again when a copy is already recorded (the worker died before marking the message done)", async () => {
    await send("post-referral-card");
    await send("post-referral-card", 2);
    expect(posts).toHaveLength(1);
  });

  it("an update reaches every recorded copy of the card", async () => {
    await send("post-referral-card");
    await channels.recordPost("r1", "19:general;messageid=9", "9", "kingston");
    await send("update-referral-card");
    expect(updates).toEqual(await channels.postsOf("r1"));
    expect(updates).toHaveLength(2);
  });
});

describe("telling a referrer who sent their referral from the tab (no 1:1 chat on record)", () => {
  const crypto = createReferralCrypto(randomBytes(32));
  const asked = async (reachReferrersById: boolean) => {
    const referrals = createReferralRepository(database.db);
    const withReach = createReferralSenders({ referrals, channels, peopleOf: async () => ({ colleagues: [] }), adminsOf: () => [], teams, areas, crypto, render: (card) => render(card.name, card.data), clock: () => NOW, reachReferrersById });
    await referrals.submit(
      { id: "r2", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:0b6e1c4a-aaaa-4c2b-9a1e-3d5f7a9c1e2b", submittedAt: NOW, idempotencyKey: "d2", status: "awaiting-info", summary: { areaId: "kingston", category: 2, unconfirmed: false, flags: [], urgency: "today", ageBand: "13-15" }, triage: { status: "submitted" }, sealed: "v1.x", matchKeys: [] },
      { at: NOW, actorId: "msteams:0b6e1c4a-aaaa-4c2b-9a1e-3d5f7a9c1e2b", type: "submitted", sealedDetails: "v1.x" },
      [],
    );
    await referrals.recordEvent("r2", { at: NOW, actorId: "msteams:sam", type: "info-requested", sealedDetails: crypto.sealJson({ actorName: "Sam Lead", question: "Which bus stop?", returnsTo: "assigned" }, { aad: "referral:r2:event" }) });
    await withReach.get("notify-referrer")!({ ...message("notify-referrer", 1), referralId: "r2", payload: { event: "info-requested" } });
  };

  it("with credentials, the question reaches them in a 1:1 chat the bot opens by their AAD object id", async () => {
    await asked(true);
    expect(sent.map((entry) => entry.to)).toEqual(["user:0b6e1c4a-aaaa-4c2b-9a1e-3d5f7a9c1e2b via https://smba.example/uk/ in tenant-1"]);
    expect(JSON.stringify(sent[0]?.activity)).toContain("Which bus stop?");
  });

  it("in local use nothing is sent: the tab's My referrals shows the question", async () => {
    await asked(false);
    expect(sent).toEqual([]);
  });
});
