// The store as the bot and the worker open it: a key that did not seal what the database holds is
// refused before anything is served, naming both key ids and the way back; a lost local key file
// is never made again over sealed referrals; a database with nothing sealed takes any key.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../src/compose-worker.ts";
import { ConfigError, loadConfig } from "../src/config/load-config.ts";
import { KEY_FILE_NAME } from "../src/config/load-referral-key.ts";
import { createReferralCrypto } from "../src/store/referral-crypto.ts";
import { createReferralRepository } from "../src/store/referral-repository.ts";
import { type DatabaseTarget, freshSqliteFile, targetKinds } from "./store/database-targets.ts";

const opened: Store[] = [];
const targets: DatabaseTarget[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.database.close();
  for (const target of targets.splice(0)) await target.dispose();
});

const NOW = new Date("2026-11-24T10:00:00Z");
const newKey = () => randomBytes(32).toString("base64");
const keyIdOf = (key: string) => createReferralCrypto(Buffer.from(key, "base64")).keyId;

async function start(databaseUrl: string, referralKey?: string): Promise<Store> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", PLAYGROUND: "off", ...(referralKey === undefined ? {} : { REFERRAL_KEY: referralKey }) });
  const store = await openStore({ config, logger: pino({ level: "silent" }) });
  opened.push(store);
  return store;
}

async function refusal(databaseUrl: string, referralKey?: string): Promise<string> {
  const error = await start(databaseUrl, referralKey).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected start-up to be refused, got ${String(error)}`);
  return error.message;
}

/** A referral sealed with the store's key, as the referral service seals one; then the store is closed. */
async function sealReferralAndStop(store: Store): Promise<void> {
  const id = randomUUID();
  await createReferralRepository(store.database.db).submit(
    {
      id, referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: id, status: "submitted",
      summary: {}, triage: { status: "submitted" }, sealed: store.crypto.sealJson({ child: { forename: "Sam" } }, { aad: `referral:${id}:personal` }), matchKeys: [],
    },
    { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: store.crypto.sealJson({}, { aad: `referral:${id}:event` }) },
    [],
  );
  opened.splice(opened.indexOf(store), 1);
  await store.database.close();
}

for (const kind of targetKinds) {
  describe.skipIf(kind.skip)(`in ${kind.dialect}`, () => {
    async function freshUrl(): Promise<string> {
      const target = await kind.fresh();
      targets.push(target);
      return target.url;
    }

    it("starts on a database with nothing sealed with any key, and with another while nothing is sealed yet", async () => {
      const url = await freshUrl();
      const first = newKey();
      expect((await start(url, first)).crypto.keyId).toBe(keyIdOf(first));
      await opened.pop()?.database.close();
      const second = newKey();
      expect((await start(url, second)).crypto.keyId).toBe(keyIdOf(second));
    });

    it("refuses another REFERRAL_KEY once a referral is sealed, naming both key ids and the way back, and changes nothing", async () => {
      const url = await freshUrl();
      const sealing = newKey();
      const other = newKey();
      await sealReferralAndStop(await start(url, sealing));

      const message = await refusal(url, other);
      expect(message).toBe(
        `Configuration is invalid:\n  REFERRAL_KEY: this key (key id ${keyIdOf(other)}) is not the one that sealed the referrals and drafts in this database (key id ${keyIdOf(sealing)}), so it cannot open them; nothing was changed. Set REFERRAL_KEY back to the key that sealed them; see "The referral key" in the README`,
      );
      expect(message).not.toContain(other);
      expect(message).not.toContain(sealing);
      // The key that sealed them still starts, and opens them.
      const again = await start(url, sealing);
      // Read through the repository: a row alone names its data key but does not hold it.
      const [row] = await again.database.db.selectFrom("referrals").select("id").execute();
      const record = await createReferralRepository(again.database.db).get(row?.id ?? "");
      expect(again.crypto.openJson(record?.sealed ?? "", { aad: `referral:${row?.id}:personal` })).toEqual({ child: { forename: "Sam" } });
    });

    it("refuses another key on a database sealed before the key's id was recorded, reading it from the rows", async () => {
      const url = await freshUrl();
      const sealing = newKey();
      const store = await start(url, sealing);
      await store.database.db.deleteFrom("referral_key_ids").execute();
      await sealReferralAndStop(store);
      expect(await refusal(url, newKey())).toContain(`is not the one that sealed the referrals and drafts in this database (key id ${keyIdOf(sealing)})`);
    });
  });
}

describe("a local key file (no REFERRAL_KEY), beside a SQLite database", () => {
  async function sqliteUrl(): Promise<string> {
    const target = await freshSqliteFile();
    targets.push(target);
    return target.url;
  }

  it("is not made again when it is gone and the database holds sealed referrals: start-up stops saying it is missing", async () => {
    const url = await sqliteUrl();
    const file = join(dirname(url), KEY_FILE_NAME);
    const store = await start(url);
    const keyId = store.crypto.keyId;
    await sealReferralAndStop(store);
    rmSync(file);

    const message = await refusal(url);
    expect(message).toBe(
      `Configuration is invalid:\n  ${file}: missing, but the database holds referrals and drafts sealed with the key it held (key id ${keyId}). A new key could not open them, so none was made. Put the key file back from a backup, or set REFERRAL_KEY to the key it held; see "The referral key" in the README`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a key file that holds another key, naming the file and both key ids", async () => {
    const url = await sqliteUrl();
    const file = join(dirname(url), KEY_FILE_NAME);
    const store = await start(url);
    const keyId = store.crypto.keyId;
    await sealReferralAndStop(store);
    const other = newKey();
    writeFileSync(file, `${other}\n`, { mode: 0o600 });

    expect(await refusal(url)).toBe(
      `Configuration is invalid:\n  ${file}: this key (key id ${keyIdOf(other)}) is not the one that sealed the referrals and drafts in this database (key id ${keyId}), so it cannot open them; nothing was changed. Put back the key file that sealed them (from a backup), or set REFERRAL_KEY to that key; see "The referral key" in the README`,
    );
  });

  it("is made afresh when it is gone and nothing sealed is left", async () => {
    const url = await sqliteUrl();
    const file = join(dirname(url), KEY_FILE_NAME);
    const first = await start(url);
    const firstId = first.crypto.keyId;
    await opened.pop()?.database.close();
    rmSync(file);
    const second = await start(url);
    expect(existsSync(file)).toBe(true);
    expect(second.crypto.keyId).not.toBe(firstId);
  });
});
