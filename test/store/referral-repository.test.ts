// The referral, outbox and triage-channel stores, against every database the bot supports:
// SQLite always, PostgreSQL where TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewReferral, OutboxStore, ReferralStore, TriageChannelStore } from "../../src/services/referral-store.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";
import { type DatabaseTarget, targetKinds } from "./database-targets.ts";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

function newReferral(overrides: Partial<NewReferral> = {}): NewReferral {
  return {
    id: "referral-1",
    referenceCode: "KIN",
    areaId: "kingston",
    referrerId: "msteams:alex",
    submittedAt: NOW,
    idempotencyKey: "draft-1",
    status: "submitted",
    summary: { category: 2, flags: ["missing"], ageBand: "13-15" },
    triage: { status: "submitted" },
    sealed: "v1.sealed-personal-fields",
    matchKeys: [{ kind: "name-dob", hash: "hash-a" }],
    ...overrides,
  };
}

const submitted = { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.details" };
const postCard = { kind: "post-referral-card", payload: { areaId: "kingston" }, dueAt: NOW };

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`referrals in ${kind.dialect}`, () => {
    let target: DatabaseTarget;
    let database: Database;
    let referrals: ReferralStore;
    let outbox: OutboxStore;
    let channels: TriageChannelStore;

    beforeEach(async () => {
      target = await kind.fresh();
      database = await createDatabase(target.url);
      referrals = createReferralRepository(database.db);
      outbox = createOutboxRepository(database.db, database.dialect);
      channels = createTriageChannelRepository(database.db);
    });
    afterEach(async () => {
      await database.close();
      await target.dispose();
    });

    it("writes the referral, its first event and its outbox row together, with the area's first reference", async () => {
      const { record, created } = await referrals.submit(newReferral(), submitted, [postCard]);
      expect(created).toBe(true);
      expect(record).toMatchObject({ reference: "KIN-2026-00001", status: "submitted", version: 1, sealed: "v1.sealed-personal-fields" });
      expect(await referrals.get("referral-1")).toEqual(record);
      expect(await referrals.getByReference("KIN-2026-00001")).toEqual(record);
      expect((await referrals.events("referral-1")).map((event) => event.type)).toEqual(["submitted"]);
      expect((await outbox.claim(NOW, 10, 60_000)).map((message) => message.kind)).toEqual(["post-referral-card"]);
    });

    it("lists a referrer's own referrals, or some areas', newest first, by status, within the limit (issue 11)", async () => {
      const made = [
        { n: 1, area: "kingston", code: "KIN", by: "msteams:alex", at: NOW, status: "submitted" },
        { n: 2, area: "kingston", code: "KIN", by: "msteams:kit", at: later(60_000), status: "decided" },
        { n: 3, area: "sutton", code: "SUT", by: "msteams:alex", at: later(120_000), status: "submitted" },
        { n: 4, area: "lambeth", code: "LAM", by: "msteams:kit", at: later(180_000), status: "assigned" },
      ];
      for (const r of made) await referrals.submit(newReferral({ id: `r${r.n}`, idempotencyKey: `d${r.n}`, areaId: r.area, referenceCode: r.code, referrerId: r.by, submittedAt: r.at, status: r.status }), submitted, []);
      const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);
      expect(ids(await referrals.list({ referrerId: "msteams:alex" }, 10))).toEqual(["r3", "r1"]);
      expect(ids(await referrals.list({ areaIds: ["kingston", "sutton"] }, 10))).toEqual(["r3", "r2", "r1"]);
      expect(ids(await referrals.list({ areaIds: ["kingston", "sutton"], statuses: ["submitted"] }, 10))).toEqual(["r3", "r1"]);
      expect(ids(await referrals.list({ areaIds: ["kingston", "sutton", "lambeth"] }, 2))).toEqual(["r4", "r3"]);
      expect(ids(await referrals.list({ areaIds: ["kingston"], submittedSince: later(1) }, 10))).toEqual(["r2"]);
      expect(await referrals.list({ areaIds: [] }, 10)).toEqual([]);
      expect(await referrals.list({ referrerId: "msteams:alex", areaIds: ["lambeth"] }, 10)).toEqual([]);
    });

    it("records an event that changes nothing after the referral's others (a PDF downloaded)", async () => {
      await referrals.submit(newReferral(), submitted, []);
      await referrals.recordEvent("referral-1", { at: later(1_000), actorId: "msteams:sam", type: "exported", sealedDetails: "v1.export" });
      expect((await referrals.events("referral-1")).map((event) => [event.type, event.actorId])).toEqual([["submitted", "msteams:alex"], ["exported", "msteams:sam"]]);
      expect((await referrals.get("referral-1"))?.version).toBe(1);
    });

    it("numbers references per area and per year", async () => {
      const refs: string[] = [];
      for (const [n, code, at] of [[1, "KIN", NOW], [2, "KIN", NOW], [3, "SUT", NOW], [4, "KIN", new Date("2027-01-02T10:00:00Z")]] as const) {
        refs.push((await referrals.submit(newReferral({ id: `r${n}`, idempotencyKey: `d${n}`, referenceCode: code, submittedAt: at }), submitted, [])).record.reference);
      }
      expect(refs).toEqual(["KIN-2026-00001", "KIN-2026-00002", "SUT-2026-00001", "KIN-2027-00001"]);
    });

    it("a submission pressed twice, or retried, makes one referral", async () => {
      const first = await referrals.submit(newReferral(), submitted, [postCard]);
      const again = await referrals.submit(newReferral({ id: "referral-2" }), submitted, [postCard]);
      expect(again).toEqual({ record: first.record, created: false });
      expect(await referrals.get("referral-2")).toBeUndefined();
      expect(await outbox.claim(NOW, 10, 60_000)).toHaveLength(1);
    });

    it("ten submissions of one draft at once make one referral and use one reference number", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, n) => referrals.submit(newReferral({ id: `referral-${n}` }), submitted, [postCard])));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
      const next = await referrals.submit(newReferral({ id: "next", idempotencyKey: "draft-2" }), submitted, []);
      expect(next.record.reference).toBe("KIN-2026-00002");
    });

    it("moves triage on only from the version it was read at, with an event and outbox rows", async () => {
      await referrals.submit(newReferral(), submitted, []);
      const acknowledge = { at: later(60_000), actorId: "msteams:lead", type: "acknowledge", sealedDetails: "v1.x" };
      const next = { status: "acknowledged", triage: { status: "acknowledged" }, summary: { category: 2 }, decidedAt: undefined };
      expect(await referrals.applyTriage("referral-1", 1, next, acknowledge, [{ kind: "update-card", payload: {}, dueAt: later(60_000) }])).toBe(true);
      expect(await referrals.applyTriage("referral-1", 1, { ...next, status: "assigned" }, { ...acknowledge, type: "assign" }, [])).toBe(false);
      expect(await referrals.get("referral-1")).toMatchObject({ status: "acknowledged", version: 2 });
      expect((await referrals.events("referral-1")).map((event) => [event.type, event.actorId])).toEqual([["submitted", "msteams:alex"], ["acknowledge", "msteams:lead"]]);
      expect((await outbox.claim(later(60_000), 10, 60_000)).map((message) => message.kind)).toEqual(["update-card"]);
    });

    // Issue 10, point 10: RETENTION_DAYS after the decision, the personal fields and match keys go; the rest stays.
    it("purges the personal fields and match keys of referrals decided before the cut-off, once, keeping the rest", async () => {
      const decide = async (id: string, at: Date, version = 1) => {
        const next = { status: "decided", triage: { status: "decided" }, summary: { category: 2 }, decidedAt: at };
        expect(await referrals.applyTriage(id, version, next, { at, actorId: "msteams:lead", type: "decided", sealedDetails: "v1.reason" }, [])).toBe(true);
      };
      for (const id of ["old", "recent", "open", "reopened"]) await referrals.submit(newReferral({ id, idempotencyKey: `d-${id}` }), submitted, []);
      await decide("old", new Date("2025-11-01T10:00:00Z"));
      await decide("recent", new Date("2026-11-01T10:00:00Z"));
      await decide("reopened", new Date("2025-11-01T10:00:00Z"));
      const reopen = { status: "assigned", triage: { status: "assigned" }, summary: { category: 2 }, decidedAt: undefined };
      expect(await referrals.applyTriage("reopened", 2, reopen, { at: NOW, actorId: "msteams:lead", type: "reopened", sealedDetails: "v1.x" }, [])).toBe(true);

      const cutoff = new Date("2025-11-24T10:00:00Z");
      expect(await referrals.purgeDecided(cutoff)).toBe(1);
      const old = await referrals.get("old");
      expect(old?.sealed).toBeUndefined();
      expect(old).toMatchObject({ status: "decided", reference: expect.stringMatching(/^KIN-/), summary: { category: 2 } });
      expect((await referrals.events("old")).map((event) => event.type)).toEqual(["submitted", "decided"]);
      for (const id of ["recent", "open", "reopened"]) expect((await referrals.get(id))?.sealed).toBe("v1.sealed-personal-fields");
      expect((await referrals.matches("kingston", [{ kind: "name-dob", hash: "hash-a" }], new Date(0), "none")).map((record) => record.id).sort()).toEqual(["open", "recent", "reopened"]);
      expect(await referrals.purgeDecided(cutoff)).toBe(0);
    });

    it("at the purge, each purged referral's events are given what the eraser returns; other referrals' events are untouched (issue 23)", async () => {
      for (const id of ["old", "recent"]) await referrals.submit(newReferral({ id, idempotencyKey: `e-${id}` }), submitted, []);
      const decided = (at: Date) => ({ status: "decided", triage: { status: "decided" }, summary: { category: 2 }, decidedAt: at });
      expect(await referrals.applyTriage("old", 1, decided(new Date("2025-11-01T10:00:00Z")), { at: NOW, actorId: "msteams:lead", type: "decided", sealedDetails: "v1.reason-old" }, [])).toBe(true);
      expect(await referrals.applyTriage("recent", 1, decided(new Date("2026-11-01T10:00:00Z")), { at: NOW, actorId: "msteams:lead", type: "decided", sealedDetails: "v1.reason-recent" }, [])).toBe(true);
      const asked: string[] = [];
      const purged = await referrals.purgeDecided(new Date("2025-11-24T10:00:00Z"), (referralId, event) => {
        asked.push(`${referralId}:${event.type}`);
        return event.type === "decided" ? "v1.erased" : undefined;
      });
      expect(purged).toBe(1);
      expect(asked).toEqual(["old:submitted", "old:decided"]);
      expect((await referrals.events("old")).map((event) => event.sealedDetails)).toEqual([submitted.sealedDetails, "v1.erased"]);
      expect((await referrals.events("recent")).map((event) => event.sealedDetails).at(-1)).toBe("v1.reason-recent");
    });

    it("finds earlier referrals in the same area sharing a match key, within the window", async () => {
      await referrals.submit(newReferral({ id: "old", idempotencyKey: "d0", submittedAt: new Date("2025-10-01T10:00:00Z") }), submitted, []);
      await referrals.submit(newReferral({ id: "recent", idempotencyKey: "d1", submittedAt: new Date("2026-06-01T10:00:00Z") }), submitted, []);
      await referrals.submit(newReferral({ id: "elsewhere", idempotencyKey: "d2", areaId: "sutton", referenceCode: "SUT" }), submitted, []);
      await referrals.submit(newReferral({ id: "other-child", idempotencyKey: "d3", matchKeys: [{ kind: "nhs", hash: "hash-b" }] }), submitted, []);
      await referrals.submit(newReferral({ id: "new", idempotencyKey: "d4" }), submitted, []);
      const found = await referrals.matches("kingston", [{ kind: "name-dob", hash: "hash-a" }], new Date("2025-11-24T10:00:00Z"), "new");
      expect(found.map((record) => record.id)).toEqual(["recent"]);
    });

    describe("the outbox", () => {
      beforeEach(async () => {
        await referrals.submit(newReferral(), submitted, [postCard, { kind: "reminder", payload: {}, dueAt: later(15 * 60_000) }]);
      });

      it("gives a due message to one claim at a time, and again once the lease lapses", async () => {
        const [first] = await outbox.claim(NOW, 10, 60_000);
        expect(first).toMatchObject({ kind: "post-referral-card", attempts: 1 });
        expect(await outbox.claim(NOW, 10, 60_000)).toEqual([]);
        const [again] = await outbox.claim(later(60_000), 10, 60_000);
        expect(again).toMatchObject({ id: first!.id, attempts: 2 });
        // The first worker's claim has lapsed: it cannot settle the message any more.
        expect(await outbox.complete(first!.id, first!.claim)).toBe(false);
        expect(await outbox.complete(again!.id, again!.claim)).toBe(true);
        expect(await outbox.claim(later(120_000), 10, 60_000)).toEqual([]);
      });

      it("a message handed back unsent (the worker is stopping) is claimable at once, its attempt not counted", async () => {
        const [first] = await outbox.claim(NOW, 1, 60_000);
        expect(await outbox.release(first!.id, first!.claim)).toBe(true);
        expect(await outbox.release(first!.id, first!.claim)).toBe(false);
        expect(await outbox.claim(NOW, 1, 60_000)).toMatchObject([{ id: first!.id, attempts: 1 }]);
      });

      it("holds a message not yet due (a reminder is a row with a due time)", async () => {
        expect((await outbox.claim(later(15 * 60_000), 10, 60_000)).map((message) => message.kind)).toEqual(["post-referral-card", "reminder"]);
      });

      it("retries later, then dead-letters visibly, and puts dead messages back on demand", async () => {
        const [first] = await outbox.claim(NOW, 1, 60_000);
        expect(await outbox.retryLater(first!.id, first!.claim, later(5_000), "HTTP 500")).toBe(true);
        expect(await outbox.claim(later(1_000), 1, 60_000)).toEqual([]);
        const [second] = await outbox.claim(later(5_000), 1, 60_000);
        expect(await outbox.deadLetter(second!.id, second!.claim, "HTTP 500")).toBe(true);
        expect(await outbox.deadCount()).toBe(1);
        expect(await outbox.claim(later(10_000), 1, 60_000)).toEqual([]);
        expect(await outbox.retryDead(later(20_000))).toBe(1);
        expect(await outbox.deadCount()).toBe(0);
        expect(await outbox.claim(later(20_000), 1, 60_000)).toMatchObject([{ id: first!.id, attempts: 1 }]);
      });

      it("two workers claiming at once never share a message", async () => {
        for (let n = 2; n <= 40; n += 1) await referrals.submit(newReferral({ id: `r${n}`, idempotencyKey: `d${n}` }), submitted, [postCard]);
        const claims = await Promise.all(Array.from({ length: 4 }, () => outbox.claim(NOW, 15, 60_000)));
        const ids = claims.flat().map((message) => message.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBeLessThanOrEqual(40);
      });
    });

    describe("triage channels", () => {
      const channel = { serviceUrl: "https://smba.example/uk/", tenantId: "tenant-1", teamId: "19:team", channelId: "19:general" };

      it("registers, replaces, and unregisters an area's channel", async () => {
        expect(await channels.channelOf("kingston")).toBeUndefined();
        await channels.register("kingston", channel, "msteams:admin", NOW);
        expect(await channels.channelOf("kingston")).toEqual(channel);
        await channels.register("kingston", { ...channel, channelId: "19:triage" }, "msteams:admin", NOW);
        expect((await channels.channelOf("kingston"))?.channelId).toBe("19:triage");
        expect(await channels.channelOf("sutton")).toBeUndefined();
        expect(await channels.unregister("kingston")).toBe(true);
        expect(await channels.unregister("kingston")).toBe(false);
      });

      it("records each posted copy of a referral's card once", async () => {
        await referrals.submit(newReferral(), submitted, []);
        await channels.recordPost("referral-1", "19:general;messageid=1", "1", "kingston");
        await channels.recordPost("referral-1", "19:general;messageid=1", "1", "kingston");
        expect(await channels.postsOf("referral-1")).toEqual([{ conversationId: "19:general;messageid=1", activityId: "1", areaId: "kingston" }]);
      });

      it("remembers each area's triage members by name, the latest name and Teams id winning, ids compared ignoring case", async () => {
        await channels.rememberMember("kingston", { id: "AAAA-1", name: "Sam Lead" }, NOW);
        await channels.rememberMember("kingston", { id: "aaaa-1", name: "Sam Lead-Okafor", teamsId: "29:sam" }, NOW);
        await channels.rememberMember("kingston", { id: "bbbb-2", name: "Jo Okafor" }, NOW);
        await channels.rememberMember("sutton", { id: "cccc-3", name: "Kit Lead" }, NOW);
        expect(await channels.membersSeen("kingston")).toEqual([
          { id: "bbbb-2", name: "Jo Okafor" },
          { id: "aaaa-1", name: "Sam Lead-Okafor", teamsId: "29:sam" },
        ]);
        expect(await channels.membersSeen("richmond")).toEqual([]);
      });

      it("a member seen from the tab (no Teams id) keeps the Teams id the bot learnt", async () => {
        await channels.rememberMember("kingston", { id: "aaaa-1", name: "Sam Lead", teamsId: "29:sam" }, NOW);
        await channels.rememberMember("kingston", { id: "aaaa-1", name: "Sam Lead-Okafor" }, later(1_000));
        expect(await channels.membersSeen("kingston")).toEqual([{ id: "aaaa-1", name: "Sam Lead-Okafor", teamsId: "29:sam" }]);
      });
    });
  });
}
