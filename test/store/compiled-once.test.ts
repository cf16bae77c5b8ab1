// Issue 12: a query built and compiled once, run with new values: each value lands in its own
// place, in the order the SQL wants them (not the order given), and a query that would bake a
// constant in, or leave a slot out, is refused when it is made.
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compiledOnce } from "../../src/store/compiled-once.ts";

type Tables = { people: { id: number; name: string; area: string } };
let db: Kysely<Tables>;
beforeEach(async () => {
  db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }) });
  await db.schema.createTable("people").addColumn("id", "integer", (column) => column.primaryKey()).addColumn("name", "text").addColumn("area", "text").execute();
  await db.insertInto("people").values([{ id: 1, name: "Ash", area: "kingston" }, { id: 2, name: "Bo", area: "sutton" }, { id: 3, name: "Cy", area: "kingston" }]).execute();
});
afterEach(async () => {
  await db.destroy();
});

describe("compiledOnce", () => {
  it("runs with each call's values, in the places the SQL has them", async () => {
    const named = compiledOnce<{ area: string; above: number; limit: number }>((slot) =>
      db.selectFrom("people").select("name").where("id", ">", slot("above")).where("area", "=", slot("area")).orderBy("id").limit(slot("limit")),
    );
    expect((await db.executeQuery(named<{ name: string }>({ limit: 5, area: "kingston", above: 0 }))).rows).toEqual([{ name: "Ash" }, { name: "Cy" }]);
    expect((await db.executeQuery(named<{ name: string }>({ area: "kingston", above: 1, limit: 5 }))).rows).toEqual([{ name: "Cy" }]);
    expect((await db.executeQuery(named<{ name: string }>({ area: "sutton", above: 0, limit: 0 }))).rows).toEqual([]);
  });

  it("a slot used twice takes the same value in both places", async () => {
    const rename = compiledOnce<{ id: number; name: string }>((slot) => db.updateTable("people").set({ name: slot("name"), area: slot("name") }).where("id", "=", slot("id")));
    const result = await db.executeQuery(rename({ id: 2, name: "Dee" }));
    expect(result.numAffectedRows).toBe(1n);
    expect(await db.selectFrom("people").selectAll().orderBy("id").execute()).toEqual([
      { id: 1, name: "Ash", area: "kingston" },
      { id: 2, name: "Dee", area: "Dee" },
      { id: 3, name: "Cy", area: "kingston" },
    ]);
  });

  it("refuses a constant among the parameters, and a slot left out", () => {
    expect(() => compiledOnce<{ name: string }>((slot) => db.updateTable("people").set({ name: slot("name") }).where("id", "=", 2))).toThrow(/parameter 2 .* is a constant/);
    expect(() => compiledOnce<{ id: number; area: string }>((slot) => (slot("area"), db.selectFrom("people").selectAll().where("id", "=", slot("id"))))).toThrow(/does not use the slot\(s\) area/);
  });
});
