// A changed or lost referral key used to start and report ready; then every referral's details
// failed, drafts vanished and the referrer was told the details had been removed. Now the bot and
// the worker, run as a platform runs them, stop at start with exit 1 and a message on stderr naming
// the key ids and the way back, and a lost local key file is not made again.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY_FILE_NAME } from "../../src/config/load-referral-key.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";
import { ALEX, startHarness } from "../support/bot-harness.ts";
import { freePort, startNodeProcess, type NodeProcess } from "../support/node-process.ts";
import { submitReferral } from "../support/referral-journey.ts";
import { withDeadline } from "../support/wait-for.ts";
import { freshPostgresSchema } from "../store/database-targets.ts";

const POSTGRES_URL = process.env.TEST_DATABASE_URL || undefined;
const EXIT_MS = 30_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const newKey = () => randomBytes(32).toString("base64");
const keyIdOf = (key: string) => createReferralCrypto(Buffer.from(key, "base64")).keyId;

/** A referral submitted through the bot, which is then stopped; the database it left. */
async function databaseWithAReferral(env: Record<string, string>): Promise<string> {
  const harness = await startHarness({ env });
  try {
    await submitReferral(harness, ALEX);
  } finally {
    await harness.close();
  }
  return harness.databaseUrl;
}

async function exitOf(entry: "src/main.ts" | "src/worker.ts", env: Record<string, string>): Promise<NodeProcess> {
  const started = startNodeProcess(entry, { PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  cleanups.push(() => started.kill());
  expect(await withDeadline(started.exited, EXIT_MS, () => `${entry} did not exit; its output: ${started.output()}`)).toEqual([1, null]);
  expect(started.logs.map((line) => line.msg)).not.toContain("bot listening");
  expect(started.stderr()).not.toMatch(/\n\s+at /); // a message to act on, not a stack
  return started;
}

const targets = [
  { dialect: "sqlite", skip: false, url: async () => undefined },
  { dialect: "postgres", skip: POSTGRES_URL === undefined, url: async () => (await freshPostgresSchema(POSTGRES_URL ?? "")).url },
] as const;

for (const target of targets) {
  describe.skipIf(target.skip)(`in ${target.dialect}`, () => {
    it("stops the bot and the worker started with another REFERRAL_KEY, naming both key ids, and the right key still starts", { timeout: 120_000 }, async () => {
      const sealing = newKey();
      const other = newKey();
      const postgres = await target.url();
      const url = await databaseWithAReferral({ REFERRAL_KEY: sealing, ...(postgres === undefined ? {} : { DATABASE_URL: postgres }) });

      const expected = `REFERRAL_KEY: this key (key id ${keyIdOf(other)}) is not the one that sealed the referrals and drafts in this database (key id ${keyIdOf(sealing)}), so it cannot open them; nothing was changed. Set REFERRAL_KEY back to the key that sealed them; see "The referral key" in the README`;
      const [bot, worker] = await Promise.all([exitOf("src/main.ts", { DATABASE_URL: url, REFERRAL_KEY: other }), exitOf("src/worker.ts", { DATABASE_URL: url, REFERRAL_KEY: other })]);
      for (const refused of [bot, worker]) {
        expect(refused.stderr()).toContain(expected);
        expect(refused.output()).not.toContain(other);
      }

      const again = startNodeProcess("src/main.ts", { PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", DATABASE_URL: url, REFERRAL_KEY: sealing });
      cleanups.push(() => again.kill());
      expect(await again.logLine("referral key loaded", EXIT_MS)).toMatchObject({ keyId: keyIdOf(sealing) });
      await again.logLine("bot listening", EXIT_MS);
      again.kill();
    });

    // During a rotation the bot holds both keys; after it, the new key alone starts, and the old one no longer does.
    it("a key rotation: the bot starts with the new key and the old one as REFERRAL_KEY_PREVIOUS; npm run keys -- rotate; then with the new key alone", { timeout: 180_000 }, async () => {
      const oldKey = newKey();
      const newOne = newKey();
      const postgres = await target.url();
      const url = await databaseWithAReferral({ REFERRAL_KEY: oldKey, ...(postgres === undefined ? {} : { DATABASE_URL: postgres }) });
      const rotating = { DATABASE_URL: url, REFERRAL_KEY: newOne, REFERRAL_KEY_PREVIOUS: oldKey };

      const during = startNodeProcess("src/main.ts", { PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", ...rotating });
      cleanups.push(() => during.kill());
      expect(await during.logLine("referral key loaded", EXIT_MS)).toMatchObject({ keyId: keyIdOf(newOne), previousKeyId: keyIdOf(oldKey) });
      await during.logLine("bot listening", EXIT_MS);
      during.kill();

      const rotate = startNodeProcess("src/cli/keys.ts", { ...rotating, LOG_LEVEL: "silent" }, ["rotate"]);
      cleanups.push(() => rotate.kill());
      expect(await withDeadline(rotate.exited, EXIT_MS, () => `npm run keys did not exit; its output: ${rotate.output()}`)).toEqual([0, null]);
      expect(rotate.stdout()).toContain("Nothing sealed with the previous key is left");
      expect(rotate.stdout() + rotate.stderr()).not.toContain(newOne);

      const after = startNodeProcess("src/main.ts", { PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", DATABASE_URL: url, REFERRAL_KEY: newOne });
      cleanups.push(() => after.kill());
      expect(await after.logLine("referral key loaded", EXIT_MS)).toMatchObject({ keyId: keyIdOf(newOne) });
      await after.logLine("bot listening", EXIT_MS);
      after.kill();
      expect((await exitOf("src/main.ts", { DATABASE_URL: url, REFERRAL_KEY: oldKey })).stderr()).toContain(`is not the one that sealed the referrals and drafts in this database (key id ${keyIdOf(newOne)})`);
    });
  });
}

describe("the local key file (no REFERRAL_KEY)", () => {
  it("stops the bot when the file is gone and referrals are sealed with it, and does not make a new one", { timeout: 120_000 }, async () => {
    const url = await databaseWithAReferral({});
    const file = join(dirname(url), KEY_FILE_NAME);
    const keyId = keyIdOf(readFileSync(file, "utf8").trim());
    rmSync(file);

    const bot = await exitOf("src/main.ts", { DATABASE_URL: url });
    expect(bot.stderr()).toContain(
      `${file}: missing, but the database holds referrals and drafts sealed with the key it held (key id ${keyId}). A new key could not open them, so none was made. Put the key file back from a backup, or set REFERRAL_KEY to the key it held; see "The referral key" in the README`,
    );
    expect(existsSync(file)).toBe(false);
  });
});
