// Issue 10, point 10: migration 009 adds the decision time the retention sweep compares; referrals
// decided before it get theirs from their triage state, so none escapes the purge.
import { afterEach, describe, expect, it } from "vitest";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { down, up } from "../../src/store/migrations/2026-11-23-009-decided-at.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { type DatabaseTarget, targetKinds } from "./database-targets.ts";

const opened: Database[] = [];
const targets: DatabaseTarget[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const target of targets.splice(0)) await target.dispose();
});

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`in ${kind.dialect}`, () => {
    it("fills the decision time of referrals decided before it, and leaves open ones without", async () => {
      const target = await kind.fresh();
      targets.push(target);
      const database = await createDatabase(target.url);
      opened.push(database);
      const { db } = database;
      await down(db as never);
      const row = (id: string, status: string, triage: object) => ({
        id, reference: `KIN-2026-0000${id.length}`, area_id: "kingston", referrer_id: "msteams:alex", idempotency_key: id, submitted_at: 0, status, version: 5,
        summary: "{}", triage: JSON.stringify(triage), sealed: "v1.x", referrer_conversation: null,
      });
      await (db as any).insertInto("referrals").values([
        row("d", "decided", { status: "decided", decided: { by: { id: "x", name: "Sam" }, at: "2025-11-01T10:00:00.000Z" } }),
        row("open", "assigned", { status: "assigned" }),
      ]).execute();

      await up(db as never);

      const rows = await db.selectFrom("referrals").select(["id", "decided_at"]).orderBy("id").execute();
      expect(rows.map((found) => ({ id: found.id, decidedAt: found.decided_at === null ? null : Number(found.decided_at) }))).toEqual([
        { id: "d", decidedAt: Date.parse("2025-11-01T10:00:00.000Z") },
        { id: "open", decidedAt: null },
      ]);
      expect(await createReferralRepository(db).purgeDecided(new Date("2026-01-01T00:00:00Z"))).toBe(1);
    });
  });
}
