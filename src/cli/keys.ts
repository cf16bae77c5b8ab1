// Entry point for `npm run keys`; the logic lives in run-keys.ts. Uses the bot's DATABASE_URL,
// REFERRAL_KEY and REFERRAL_KEY_PREVIOUS.
import { ConfigError, loadConfig } from "../config/load-config.ts";
import { dataDirOf, loadPreviousReferralKey, loadReferralKey } from "../config/load-referral-key.ts";
import { createDatabase, type Database } from "../store/create-database.ts";
import { moveToDataKeys, rotateSealed, sealedCounts } from "../store/key-rotation.ts";
import { createReferralCrypto } from "../store/referral-crypto.ts";
import { sealedKeyIds } from "../store/referral-key-ids.ts";
import { runKeys } from "./run-keys.ts";

let database: Database | undefined;
try {
  const config = loadConfig();
  const open = async () => (database ??= await createDatabase(config.databaseUrl));
  const crypto = async () => {
    const db = await open();
    const key = loadReferralKey({ value: config.referralKey, dataDir: dataDirOf(config.databaseUrl), authenticated: config.bot !== undefined, sealedWith: await sealedKeyIds(db.db) });
    return createReferralCrypto(key.key, loadPreviousReferralKey(config.referralKeyPrevious, config.referralKey));
  };
  process.exitCode = await runKeys({
    argv: process.argv.slice(2),
    crypto,
    counts: async () => sealedCounts((await open()).db),
    rotate: async (options) => rotateSealed((await open()).db, await crypto(), options),
    upgrade: async (options) => moveToDataKeys((await open()).db, await crypto(), options),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  });
} catch (error) {
  process.stderr.write(`keys: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
} finally {
  await database?.close();
}
