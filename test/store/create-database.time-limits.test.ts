// Issue 8, point 3: PostgreSQL's time limits, and a pool that recovers from a black hole.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, DEFAULT_POSTGRES_LIMITS, createDatabase } from "../../src/store/create-database.ts";
import { type BlackHoleProxy, startBlackHoleProxy, throughProxy } from "../support/black-hole-proxy.ts";
import { type DatabaseTarget, freshPostgresSchema } from "./database-targets.ts";

const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshSchema(): Promise<DatabaseTarget> {
  const target = await freshPostgresSchema(postgresUrl ?? "");
  cleanups.push(() => target.dispose());
  return target;
}

async function open(url: string, limits = DEFAULT_POSTGRES_LIMITS): Promise<Database> {
  const database = await createDatabase(url, { postgresLimits: limits });
  cleanups.push(() => database.close());
  return database;
}

async function proxyTo(url: string): Promise<BlackHoleProxy> {
  const { hostname, port } = new URL(url);
  const proxy = await startBlackHoleProxy({ host: hostname, port: Number(port || 5432) });
  cleanups.push(() => proxy.close());
  return proxy;
}

/** Milliseconds `work` took to settle, and how. */
async function timed<T>(work: Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [result] = await Promise.allSettled([work]);
  return { ms: performance.now() - started, result: result as PromiseSettledResult<T> };
}

describe.skipIf(postgresUrl === undefined)("PostgreSQL time limits", () => {
  it("every session has a statement_timeout, 10 s unless told otherwise, and a statement over it is cancelled by the server", async () => {
    const target = await freshSchema();
    const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute((await open(target.url)).db);
    expect(rows[0]?.statement_timeout).toBe("10s");

    const short = await open(target.url, { ...DEFAULT_POSTGRES_LIMITS, statementMs: 200 });
    await expect(sql`select pg_sleep(5)`.execute(short.db)).rejects.toMatchObject({ code: "57014" }); // query_canceled
    expect((await sql<{ one: number }>`select 1 as one`.execute(short.db)).rows).toEqual([{ one: 1 }]);
  });

  it("a query that is never answered fails after queryMs; once the network heals the next query succeeds, the stuck connection never reused", async () => {
    const target = await freshSchema();
    const proxy = await proxyTo(target.url);
    const limits = { connectMs: 1_000, statementMs: 500, queryMs: 1_000 };
    const { db } = await open(throughProxy(target.url, proxy), limits);
    const selectOne = () => sql<{ one: number }>`select 1 as one`.execute(db);
    await selectOne(); // the pool now holds one idle connection, through the proxy

    proxy.blackHole();
    const unanswered = await timed(selectOne());
    expect(unanswered.result).toMatchObject({ status: "rejected", reason: { message: "Query read timeout" } });
    expect(unanswered.ms).toBeLessThan(limits.queryMs + 10_000);

    proxy.heal();
    expect((await selectOne()).rows).toEqual([{ one: 1 }]);
  });

  // pg emits 'error' on a client whose connection is cut mid-query; out of the pool nobody listened,
  // and the process ended.
  it("a connection cut mid-query fails that query, not the process, and the next query succeeds", async () => {
    const uncaught: unknown[] = [];
    const hear = (error: unknown) => void uncaught.push(error);
    process.on("uncaughtException", hear);
    cleanups.push(async () => void process.off("uncaughtException", hear));
    const target = await freshSchema();
    const proxy = await proxyTo(target.url);
    const { db } = await open(throughProxy(target.url, proxy));
    const selectOne = () => sql<{ one: number }>`select 1 as one`.execute(db);
    await selectOne();

    proxy.blackHole();
    const stuck = selectOne();
    await expect.poll(() => proxy.dropped(), { timeout: 10_000 }).toBeGreaterThan(0); // the query is on the wire
    proxy.cut();
    await expect(stuck).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(uncaught).toEqual([]); // pg emits 'error' before it fails the query

    proxy.heal();
    expect((await selectOne()).rows).toEqual([{ one: 1 }]);
  });
});
