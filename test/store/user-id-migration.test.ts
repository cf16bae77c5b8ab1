// Issue 8, point 9: migration 004 re-keys rows written before user ids carried their channel, so
// an open check and a remembered lead's email carry over; ids that already have one stay as they are.
import { afterEach, describe, expect, it } from "vitest";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { up } from "../../src/store/migrations/2026-11-23-004-user-id-with-channel.ts";
import { type DatabaseTarget, targetKinds } from "./database-targets.ts";

const opened: Database[] = [];
const targets: DatabaseTarget[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const target of targets.splice(0)) await target.dispose();
});

const AAD = "00000000-0000-4000-8000-00000000a1e0";

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`in ${kind.dialect}`, () => {
    it("prefixes a bare AAD object id with msteams: and leaves channel-qualified ids alone", async () => {
      const target = await kind.fresh();
      targets.push(target);
      const database = await createDatabase(target.url);
      opened.push(database);
      const { db } = database;
      const session = (id: string, userId: string) => ({ id, user_id: userId, state: "{}", version: 1, created_at: 0, updated_at: 0, expires_at: 1 });
      await db.insertInto("check_sessions").values([session("old", AAD), session("teams", "msteams:other"), session("web", "webchat:someone")]).execute();
      await db.insertInto("user_settings").values([{ user_id: AAD, dsl_email: "dsl@school.example", updated_at: 0 }]).execute();

      await up(db as never);

      const sessions = await db.selectFrom("check_sessions").select(["id", "user_id"]).orderBy("id").execute();
      expect(sessions).toEqual([
        { id: "old", user_id: `msteams:${AAD}` },
        { id: "teams", user_id: "msteams:other" },
        { id: "web", user_id: "webchat:someone" },
      ]);
      expect(await db.selectFrom("user_settings").select(["user_id", "dsl_email"]).execute()).toEqual([{ user_id: `msteams:${AAD}`, dsl_email: "dsl@school.example" }]);
    });
  });
}
