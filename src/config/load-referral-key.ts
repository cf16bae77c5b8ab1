// The master key for referrals' personal fields (issue 10, point 10): REFERRAL_KEY in production;
// in local use, a key generated once into the data folder. Losing the key makes every stored
// referral unreadable, so a key file is never overwritten, and a bad one stops start-up.
// No message here ever holds the key, or any text given as one.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "./load-config.ts";

export type ReferralKey = Readonly<{
  /** 32 bytes. Never log it. */
  key: Buffer;
  source: "setting" | "generated" | "data-folder";
  /** For the log at start-up, when there is something to say. */
  message?: string;
}>;

export type ReferralKeyOptions = {
  /** REFERRAL_KEY as set; empty counts as unset, as for every other setting. */
  readonly value: string | undefined;
  readonly dataDir: string;
  /** MicrosoftAppId is set: a real deployment, which must bring its own key. */
  readonly authenticated: boolean;
};

export const KEY_FILE_NAME = "referral.key";
const KEY_BYTES = 32;
const MAKE_ONE = "make one with `openssl rand -base64 32`";

export function loadReferralKey({ value, dataDir, authenticated }: ReferralKeyOptions): ReferralKey {
  if (value !== undefined && value !== "") return Object.freeze({ key: parseKey(value, "REFERRAL_KEY"), source: "setting" });
  const file = join(dataDir, KEY_FILE_NAME);
  if (authenticated) {
    // A generated key on a server's disk is lost with the container, and with it every referral.
    const kept = exists(file) ? `; to keep reading referrals sealed with ${file}, set REFERRAL_KEY to that file's contents` : "";
    throw new ConfigError([`REFERRAL_KEY: required when MicrosoftAppId is set (base64 of 32 random bytes: ${MAKE_ONE})${kept}`]);
  }
  const found = readKeyFile(file);
  if (found !== undefined) return Object.freeze({ key: found, source: "data-folder" });
  const created = createKeyFile(dataDir, file);
  if (created === undefined) {
    // Another process starting at the same moment created it first: use theirs.
    const theirs = readKeyFile(file);
    if (theirs === undefined) throw new ConfigError([`${file}: could not be created or read`]);
    return Object.freeze({ key: theirs, source: "data-folder" });
  }
  return Object.freeze({ key: created, source: "generated", message: `generated a referral key in ${file} for local use; set REFERRAL_KEY in production` });
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
