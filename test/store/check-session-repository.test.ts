// The CheckSessionStore contract, run against every database the bot supports: SQLite always,
// PostgreSQL where TEST_DATABASE_URL is set (DESIGN.md "Running").
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckSessionRecord, CheckSessionStore } from "../../src/services/check-session-store.ts";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { createUserSettingsRepository } from "../../src/store/user-settings-repository.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";

const SETTINGS_CRYPTO = createReferralCrypto(Buffer.alloc(32, 7));
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { type DatabaseTarget, targetKinds } from "./database-targets.ts";

const NOW = new Date("2026-11-23T10:15:30.123Z");
const minutes = (count: number) => count * 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

function session(overrides: Partial<CheckSessionRecord> = {}): CheckSessionRecord {
  return {
    id: "session-1",
    userId: "00000000-0000-0000-0000-0000000000a1",
    state: { step: "signs", areaId: "kingston", signs: ["missing-episodes"] },
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    expiresAt: at(minutes(60)),
    ...overrides,
  };
}

const nextWrite = (version: number, state: unknown = { step: "questions" }) => ({ state, version, updatedAt: at(minutes(1)), expiresAt: at(minutes(61)) });

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`check sessions in ${kind.dialect}`, () => {
    let target: DatabaseTarget;
    let database: Database;
    let store: CheckSessionStore;

    beforeEach(async () => {
      target = await kind.fresh();
      database = await createDatabase(target.url);
      store = createCheckSessionRepository(database.db);
    });

    afterEach(async () => {
      await database.close();
      await target.dispose();
    });

    it("gives back what was stored, times to the millisecond", async () => {
      const record = session({ createdAt: new Date("2026-11-23T10:15:30.001Z"), updatedAt: new Date("2026-11-23T10:15:30.999Z"), expiresAt: new Date("2026-11-24T10:15:30.123Z") });
      await store.create(record);
      const stored = await store.get(record.id);
      expect(stored).toEqual(record);
      expect(stored?.createdAt.toISOString()).toBe("2026-11-23T10:15:30.001Z");
      expect(stored?.updatedAt.toISOString()).toBe("2026-11-23T10:15:30.999Z");
      expect(stored?.expiresAt.toISOString()).toBe("2026-11-24T10:15:30.123Z");
    });

    it("knows nothing of an id it never stored", async () => {
      await store.create(session());
      expect(await store.get("no-such-session")).toBeUndefined();
    });

    it("refuses a second session with the same id", async () => {
      await store.create(session());
      await expect(store.create(session({ userId: "someone-else" }))).rejects.toThrow();
      expect((await store.get("session-1"))?.userId).toBe(session().userId);
    });

    // NUL and a lone surrogate too: PostgreSQL text refuses a raw NUL, so this shows the JSON escapes it.
    it("round-trips JSON state with unicode, quotes, control characters and nesting", async () => {
      const state = { note: "Zoë's “café” — 東京 🚸", lines: ["a\nb", "tab\there", 'quote " backslash \\', "nul \u0000 end", "lone \ud800 surrogate"], nested: { empty: [], n: 0.1, flag: false, nothing: null } };
      await store.create(session({ state }));
      expect((await store.get("session-1"))?.state).toEqual(state);
    });

    it("writes when the version matches, then refuses the stale version", async () => {
      await store.create(session());
      expect(await store.update("session-1", 1, nextWrite(2, { step: "questions" }))).toBe(true);
      expect(await store.update("session-1", 1, nextWrite(2, { step: "from-an-old-card" }))).toBe(false);
      const stored = await store.get("session-1");
      expect(stored).toMatchObject({ version: 2, state: { step: "questions" }, updatedAt: at(minutes(1)), expiresAt: at(minutes(61)) });
      expect(stored?.createdAt).toEqual(NOW);
    });

    it("writes nothing for an unknown id", async () => {
      expect(await store.update("no-such-session", 1, nextWrite(2))).toBe(false);
      expect(await store.get("no-such-session")).toBeUndefined();
    });

    it("refuses a write that does not move the version on", async () => {
      await store.create(session());
      await expect(store.update("session-1", 1, nextWrite(1))).rejects.toThrow(RangeError);
    });

    it("lets exactly one of several concurrent writes from the same version win", async () => {
      await store.create(session());
      // A second handle means a second connection (pool) on the same database, as with two instances.
      const other = await createDatabase(target.url);
      try {
        const stores = [store, createCheckSessionRepository(other.db)];
        const racers = Array.from({ length: 8 }, (_, index) => stores[index % 2]!.update("session-1", 1, nextWrite(2, { winner: index })));
        const outcomes = await Promise.all(racers);
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const stored = await store.get("session-1");
        expect(stored?.version).toBe(2);
        expect(stored?.state).toEqual({ winner: outcomes.indexOf(true) });
      } finally {
        await other.close();
      }
    });

    // A session is expired from the instant expiresAt on; the service reads it the same way.
    it("sweeps a session at its expiry instant, not a millisecond before", async () => {
      const expiresAt = at(minutes(60));
      await store.create(session({ expiresAt }));
      expect(await store.deleteExpired(new Date(expiresAt.getTime() - 1))).toBe(0);
      expect(await store.get("session-1")).toBeDefined();
      expect(await store.deleteExpired(expiresAt)).toBe(1);
      expect(await store.get("session-1")).toBeUndefined();
    });

    it("sweeps only the expired sessions and counts them", async () => {
      await store.create(session({ id: "long-gone", expiresAt: at(-minutes(90)) }));
      await store.create(session({ id: "just-now", expiresAt: NOW }));
      await store.create(session({ id: "one-ms-left", expiresAt: at(1) }));
      await store.create(session({ id: "fresh", expiresAt: at(minutes(60)) }));
      expect(await store.deleteExpired(NOW)).toBe(2);
      const left = await Promise.all(["long-gone", "just-now", "one-ms-left", "fresh"].map(async (id) => [id, (await store.get(id)) !== undefined]));
      expect(Object.fromEntries(left)).toEqual({ "long-gone": false, "just-now": false, "one-ms-left": true, fresh: true });
      expect(await store.deleteExpired(NOW)).toBe(0);
    });

    it("lists a user's live sessions, latest change first, no one else's and none expired", async () => {
      const other = "00000000-0000-0000-0000-0000000000b2";
      await store.create(session({ id: "older", updatedAt: at(minutes(1)) }));
      await store.create(session({ id: "newest", updatedAt: at(minutes(5)) }));
      await store.create(session({ id: "expired", updatedAt: at(minutes(9)), expiresAt: NOW }));
      await store.create(session({ id: "someone-else", userId: other, updatedAt: at(minutes(7)) }));
      expect((await store.recent(session().userId, NOW, 10)).map((record) => record.id)).toEqual(["newest", "older"]);
      expect((await store.recent(session().userId, NOW, 1)).map((record) => record.id)).toEqual(["newest"]);
    });

    it("keeps a user's newest sessions and removes the rest, leaving other users alone", async () => {
      for (let n = 0; n < 5; n += 1) await store.create(session({ id: `mine-${n}`, updatedAt: at(minutes(n)) }));
      await store.create(session({ id: "theirs", userId: "someone-else", updatedAt: at(minutes(-10)) }));
      // "just-made" is older than the rest (another instance's clock), and kept all the same.
      await store.create(session({ id: "just-made", updatedAt: at(minutes(-1)) }));
      expect(await store.keepNewest(session().userId, 3, "just-made")).toBe(3);
      expect((await store.recent(session().userId, NOW, 10)).map((record) => record.id)).toEqual(["mine-4", "mine-3", "just-made"]);
      expect(await store.get("theirs")).toBeDefined();
      expect(await store.keepNewest(session().userId, 3, "just-made")).toBe(0);
    });

    it("remembers a user's safeguarding lead's email, and replaces it", async () => {
      const settings = createUserSettingsRepository(database.db, SETTINGS_CRYPTO);
      expect(await settings.dslEmail("user-a")).toBeUndefined();
      await settings.setDslEmail("user-a", "first@school.example.org", NOW);
      await settings.setDslEmail("user-a", "second@school.example.org", at(minutes(1)));
      expect(await settings.dslEmail("user-a")).toBe("second@school.example.org");
      expect(await settings.dslEmail("user-b")).toBeUndefined();
    });

    it("remembers a referrer's role and agency beside their lead's email", async () => {
      const settings = createUserSettingsRepository(database.db, SETTINGS_CRYPTO);
      expect(await settings.referrer("user-a")).toEqual({});
      await settings.setDslEmail("user-a", "lead@school.example.org", NOW);
      await settings.rememberReferrer("user-a", "Class teacher", "Hillside Primary", NOW);
      await settings.rememberReferrer("user-b", "School nurse", "NHS Trust", NOW);
      expect(await settings.referrer("user-a")).toEqual({ role: "Class teacher", agency: "Hillside Primary" });
      expect(await settings.dslEmail("user-a")).toBe("lead@school.example.org");
      expect(await settings.referrer("user-b")).toEqual({ role: "School nurse", agency: "NHS Trust" });
    });

    // Sealed at rest, bound to the user; a value stored in clear before then still reads; "forget my details" keeps nothing.
    it("seals what it remembers, reads an older value stored in clear, and forgets a user's details on request", async () => {
      const settings = createUserSettingsRepository(database.db, SETTINGS_CRYPTO);
      await settings.rememberReferrer("user-s", "Head of Year Nine", "Hollowmere Academy", NOW);
      await settings.setDslEmail("user-s", "dsl@hollowmere.example.org", NOW);
      const row = await database.db.selectFrom("user_settings").selectAll().where("user_id", "=", "user-s").executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toMatch(/Head of Year|Hollowmere|dsl@/i);
      // A sealed value moved to another user's row does not open there.
      await database.db.insertInto("user_settings").values({ user_id: "user-t", dsl_email: row.dsl_email, referrer_role: null, referrer_agency: null, updated_at: NOW.getTime() }).execute();
      await expect(settings.dslEmail("user-t")).rejects.toThrow();
      await database.db.insertInto("user_settings").values({ user_id: "user-old", dsl_email: "old@school.example.org", referrer_role: "Nurse", referrer_agency: "Clinic", updated_at: NOW.getTime() }).execute();
      expect(await settings.referrer("user-old")).toEqual({ role: "Nurse", agency: "Clinic" });
      expect(await settings.dslEmail("user-old")).toBe("old@school.example.org");
      await settings.forget("user-s");
      expect(await settings.referrer("user-s")).toEqual({});
      expect(await settings.dslEmail("user-s")).toBeUndefined();
      expect(await settings.referrer("user-old")).toEqual({ role: "Nurse", agency: "Clinic" });
    });

    // After a purge, SQLite empties its write-ahead log into the file; PostgreSQL vacuums the tables.
    it("runs its after-erase step on this database, and the data stays readable", async () => {
      const settings = createUserSettingsRepository(database.db, SETTINGS_CRYPTO);
      await settings.setDslEmail("user-e", "lead@school.example.org", NOW);
      await expect(database.afterErase()).resolves.toBeUndefined();
      expect(await settings.dslEmail("user-e")).toBe("lead@school.example.org");
    });

    it("keeps referral drafts apart from check sessions, with the same rules", async () => {
      const drafts = createCheckSessionRepository(database.db, "referral_drafts");
      await drafts.create(session({ id: "draft-1" }));
      expect(await drafts.get("draft-1")).toEqual(session({ id: "draft-1" }));
      expect(await store.get("draft-1")).toBeUndefined();
      expect(await drafts.update("draft-1", 1, nextWrite(2))).toBe(true);
      expect(await drafts.update("draft-1", 1, nextWrite(2))).toBe(false);
    });
  });
}
