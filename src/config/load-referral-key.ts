// The master key for referrals' personal fields (issue 10, point 10): REFERRAL_KEY in production;
// in local use, a key generated once into the data folder. Losing the key makes every stored
// referral unreadable, so a key file is never overwritten, never made again while the database
// holds what an earlier one sealed, and a bad one stops start-up, as does a key that is not the
// one that sealed the database's rows (their key ids: src/store/referral-key-ids.ts).
// No message here ever holds the key, or any text given as one: only its key id.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError } from "./load-config.ts";

export type ReferralKey = Readonly<{
  /** 32 bytes. Never log it. */
  key: Buffer;
  source: "setting" | "generated" | "data-folder";
  /** Where it came from, as a message names it: REFERRAL_KEY, or the key file. */
  origin: string;
  /** For the log at start-up, when there is something to say. */
  message?: string;
}>;

export type ReferralKeyOptions = {
  /** REFERRAL_KEY as set; empty counts as unset, as for every other setting. */
  readonly value: string | undefined;
  readonly dataDir: string;
  /** MicrosoftAppId is set: a real deployment, which must bring its own key. */
  readonly authenticated: boolean;
  /**
   * The key ids that sealed what the database holds (src/store/referral-key-ids.ts). While there
   * is any, a missing key file stops start-up instead of being made again: a new key opens nothing.
   */
  readonly sealedWith?: readonly string[];
};

export const KEY_FILE_NAME = "referral.key";

/** Where the local referral key file lives: beside a SQLite database, else ./data. */
export function dataDirOf(databaseUrl: string): string {
  return /^postgres(?:ql)?:\/\//i.test(databaseUrl) || databaseUrl === ":memory:" ? "data" : dirname(databaseUrl);
}
const KEY_BYTES = 32;
const MAKE_ONE = "make one with `openssl rand -base64 32`";
const SEE_README = 'see "The referral key" in the README';

export function loadReferralKey({ value, dataDir, authenticated, sealedWith = [] }: ReferralKeyOptions): ReferralKey {
  if (value !== undefined && value !== "") return Object.freeze({ key: parseKey(value, "REFERRAL_KEY"), source: "setting", origin: "REFERRAL_KEY" });
  const file = join(dataDir, KEY_FILE_NAME);
  if (authenticated) {
    // A generated key on a server's disk is lost with the container, and with it every referral.
    const kept = exists(file) ? `; to keep reading referrals sealed with ${file}, set REFERRAL_KEY to that file's contents` : "";
    throw new ConfigError([`REFERRAL_KEY: required when MicrosoftAppId is set (base64 of 32 random bytes: ${MAKE_ONE})${kept}`]);
  }
  const found = readKeyFile(file);
  if (found !== undefined) return Object.freeze({ key: found, source: "data-folder", origin: file });
  if (sealedWith.length > 0) {
    throw new ConfigError([
      `${file}: missing, but the database holds referrals and drafts sealed with the key it held (${keyIdWords(sealedWith)}). A new key could not open them, so none was made. Put the key file back from a backup, or set REFERRAL_KEY to the key it held; ${SEE_README}`,
    ]);
  }
  const created = createKeyFile(dataDir, file);
  if (created === undefined) {
    // Another process starting at the same moment created it first: use theirs.
    const theirs = readKeyFile(file);
    if (theirs === undefined) throw new ConfigError([`${file}: could not be created or read`]);
    return Object.freeze({ key: theirs, source: "data-folder", origin: file });
  }
  return Object.freeze({ key: created, source: "generated", origin: file, message: `generated a referral key in ${file} for local use; set REFERRAL_KEY in production` });
}

/**
 * Why the loaded key (its id `keyId`) must not start on this database: it did not seal what the
 * database holds (`sealedWith`), so it opens none of it. Undefined when it did, or nothing is sealed.
 */
export function keyMismatch(loaded: ReferralKey, keyId: string, sealedWith: readonly string[]): string | undefined {
  const others = sealedWith.filter((sealedBy) => sealedBy !== keyId);
  if (others.length === 0) return undefined;
  const wayBack = loaded.source === "setting" ? "Set REFERRAL_KEY back to the key that sealed them" : "Put back the key file that sealed them (from a backup), or set REFERRAL_KEY to that key";
  return `${loaded.origin}: this key (key id ${keyId}) is not the one that sealed the referrals and drafts in this database (${keyIdWords(others)}), so it cannot open them; nothing was changed. ${wayBack}; ${SEE_README}`;
}

const keyIdWords = (keyIds: readonly string[]) => (keyIds.length === 1 ? `key id ${keyIds[0]}` : `key ids ${keyIds.join(", ")}`);

/** REFERRAL_KEY_PREVIOUS: only beside REFERRAL_KEY, and never the same key. */
export function loadPreviousReferralKey(previous: string | undefined, current: string | undefined): Buffer | undefined {
  if (previous === undefined || previous === "") return undefined;
  if (current === undefined || current === "") throw new ConfigError(["REFERRAL_KEY_PREVIOUS: set only during a key rotation, beside REFERRAL_KEY (the new key); " + SEE_README]);
  const key = parseKey(previous, "REFERRAL_KEY_PREVIOUS");
  if (key.equals(parseKey(current, "REFERRAL_KEY"))) throw new ConfigError(["REFERRAL_KEY_PREVIOUS: is the same key as REFERRAL_KEY; during a rotation it is the old key, REFERRAL_KEY the new one"]);
  return key;
}

/** Base64 (as `openssl rand -base64 32` prints it) of exactly 32 bytes; `name` says where it came from. */
function parseKey(text: string, name: string): Buffer {
  const encoded = text.trim();
  const problem = keyProblem(encoded);
  if (problem !== undefined) throw new ConfigError([`${name}: ${problem}; expected base64 of 32 random bytes (${MAKE_ONE})`]);
  return Buffer.from(encoded, "base64");
}

function keyProblem(encoded: string): string | undefined {
  if (encoded === "") return "is empty";
  if (/^[0-9a-f]{64}$/i.test(encoded)) return "looks like hex, not base64";
  // Canonical only: Node's decoder skips stray characters, so "decodes" proves nothing by itself.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0 || Buffer.from(encoded, "base64").toString("base64") !== encoded) return "is not base64";
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== KEY_BYTES) return `decodes to ${bytes.length} bytes, not ${KEY_BYTES}`;
  if (bytes.every((byte) => byte === bytes[0])) return "is one byte repeated, not a random key";
  return undefined;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The key in the file; undefined when there is no file. A bad or exposed file stops start-up. */
function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (codeOf(error) === "ENOENT") return undefined;
    throw new ConfigError([`${file}: could not be read (${codeOf(error) ?? "unknown error"})`]);
  }
  // As OpenSSH does with a private key: refuse a key others may read. Windows has no such bits.
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new ConfigError([`${file}: other users may read it (mode ${mode.toString(8).padStart(4, "0")}); run chmod 600 ${file}`]);
  }
  return parseKey(text, file);
}

/**
 * Writes a new key to a temporary file and links it into place, so the key file appears whole or
 * not at all, and never replaces one that is there (a link, unlike a rename, fails if the name is
 * taken). Undefined when another process made the file first.
 */
function createKeyFile(dataDir: string, file: string): Buffer | undefined {
  const key = randomBytes(KEY_BYTES);
  const temporary = join(dataDir, `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const descriptor = openSync(temporary, "wx", 0o600);
    try {
      writeSync(descriptor, `${key.toString("base64")}\n`);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    try {
      linkSync(temporary, file);
    } catch (error) {
      if (codeOf(error) === "EEXIST") return undefined;
      throw error;
    }
    syncDirectory(dataDir);
    return key;
  } catch (error) {
    throw new ConfigError([`${file}: could not create a referral key (${codeOf(error) ?? "unknown error"}); make ${dataDir} writable, or set REFERRAL_KEY`]);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Never written, or already gone.
    }
  }
}

/** So the new name survives a power cut; not every platform can open a directory to sync it. */
function syncDirectory(dir: string): void {
  try {
    const descriptor = openSync(dir, "r");
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Best effort: the file's own contents were synced before it was linked.
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
