// Issue 12: the SQLite connection keeps its prepared statements. The same SQL text is prepared
// once and the statement reused; past the limit the least recently used goes; results are the
// same as preparing afresh.
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachePreparedStatements } from "../../src/store/create-database.ts";

let sqlite: SqliteDatabase.Database;
beforeEach(() => {
  sqlite = new SqliteDatabase(":memory:");
  sqlite.exec("create table t (id integer primary key, name text)");
});
afterEach(() => {
  if (sqlite.open) sqlite.close();
});

describe("cachePreparedStatements", () => {
  it("prepares each SQL text once, and the reused statement gives fresh results", () => {
    const prepare = vi.spyOn(sqlite, "prepare");
    const cached = cachePreparedStatements(sqlite);
    const insert = "insert into t (name) values (?)";
    cached.prepare(insert).run("a");
    cached.prepare(insert).run("b");
    expect(cached.prepare("select count(*) as n from t").get()).toEqual({ n: 2 });
    cached.prepare(insert).run("c");
    expect(cached.prepare("select count(*) as n from t").get()).toEqual({ n: 3 });
    expect(prepare.mock.calls.map(([text]) => text)).toEqual([insert, "select count(*) as n from t"]);
  });

  it("keeps at most `limit` statements, dropping the least recently used", () => {
    const prepare = vi.spyOn(sqlite, "prepare");
    const cached = cachePreparedStatements(sqlite, 2);
    const query = (n: number) => `select ${n} as n`;
    cached.prepare(query(1));
    cached.prepare(query(2));
    cached.prepare(query(1)); // 1 is now the newest
    cached.prepare(query(3)); // 2 goes
    cached.prepare(query(1));
    cached.prepare(query(2)); // prepared again
    expect(prepare.mock.calls.map(([text]) => text)).toEqual([query(1), query(2), query(3), query(2)]);
  });

  it("closes the connection", () => {
    cachePreparedStatements(sqlite).close();
    expect(sqlite.open).toBe(false);
  });
});
