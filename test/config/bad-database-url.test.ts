// Issue 8, point 13: a database that cannot be opened stops start-up naming DATABASE_URL, and never
// prints its password.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { composeApp } from "../../src/compose-app.ts";
import { DEFAULT_POSTGRES_LIMITS } from "../../src/store/create-database.ts";
import { startBlackHoleProxy } from "../support/black-hole-proxy.ts";

async function startWith(databaseUrl: string): Promise<ConfigError> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const error = await composeApp({ config, logger: pino({ level: "silent" }) }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe("a database that cannot be opened", () => {
  it("PostgreSQL that refuses the connection: names DATABASE_URL, hides the password", async () => {
    const error = await startWith("postgres://bot:s3cret-pass@127.0.0.1:1/safeguard");
    expect(error.message).toMatch(/DATABASE_URL \(postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/safeguard\): the database could not be opened/);
    expect(error.message).not.toContain("s3cret-pass");
  });

  // Issue 8, point 3: with no connect limit, start-up waited 45 s on a black-holed database.
  it("PostgreSQL that accepts the connection and never answers: stops start-up at the connect limit, naming DATABASE_URL", async () => {
    const proxy = await startBlackHoleProxy({ host: "127.0.0.1", port: 1 }); // never reached: it is a black hole from the start
    proxy.blackHole();
    try {
      const started = performance.now();
      const error = await startWith(`postgres://bot:s3cret-pass@127.0.0.1:${proxy.port}/safeguard`);
      const ms = performance.now() - started;
      expect(error.message).toMatch(/DATABASE_URL \(postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/safeguard\): the database could not be opened: .*connection timeout/);
      expect(error.message).not.toContain("s3cret-pass");
      expect(ms).toBeLessThan(DEFAULT_POSTGRES_LIMITS.connectMs + 10_000);
    } finally {
      await proxy.close();
    }
  });

  it("a SQLite path that cannot be created (its folder is a file): names DATABASE_URL", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "bad-db-")), "not-a-folder");
    writeFileSync(file, "");
    const error = await startWith(join(file, "bot.sqlite"));
    expect(error.message).toContain(`DATABASE_URL (${join(file, "bot.sqlite")}): the database could not be opened: `);
  });
});
