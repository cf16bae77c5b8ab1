// The referral key (issue 10, point 10): REFERRAL_KEY in production; in local use, one key made in
// the data folder on first start and kept. A bad key stops start-up naming where it came from,
// and no message ever holds the key.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/load-config.ts";
import { KEY_FILE_NAME, type ReferralKeyOptions, keyMismatch, loadPreviousReferralKey, loadReferralKey } from "../../src/config/load-referral-key.ts";
import { problemsOf } from "../support/problems-of.ts";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "referral-key-"));
  made.push(dir);
  return dir;
}

const load = (options: Partial<ReferralKeyOptions> & Pick<ReferralKeyOptions, "dataDir">) => loadReferralKey({ value: undefined, authenticated: false, ...options });

/** A ConfigError's problems and message together, to check nothing secret is in either. */
function refusal(options: Partial<ReferralKeyOptions> & Pick<ReferralKeyOptions, "dataDir">): { problems: readonly string[]; text: string } {
  const problems = problemsOf(() => load(options), ConfigError);
  return { problems, text: problems.join("\n") };
}

const skipOnWindows = process.platform === "win32" ? it.skip : it;

describe("REFERRAL_KEY set", () => {
  it("uses base64 of 32 bytes as the key, and leaves the data folder alone", () => {
    const key = randomBytes(32);
    const dataDir = join(tempDir(), "data");
    const loaded = load({ value: key.toString("base64"), dataDir, authenticated: true });
    expect(loaded.source).toBe("setting");
    expect(loaded.key.equals(key)).toBe(true);
    expect(loaded.message).toBeUndefined();
    expect(existsSync(dataDir)).toBe(false);
  });

  it("allows surrounding whitespace, as a pasted value may have", () => {
    const key = randomBytes(32);
    expect(load({ value: ` ${key.toString("base64")}\n`, dataDir: tempDir() }).key.equals(key)).toBe(true);
  });

  it.each<[string, string, string]>([
    ["31 bytes", randomBytes(31).toString("base64"), "decodes to 31 bytes, not 32"],
    ["33 bytes", randomBytes(33).toString("base64"), "decodes to 33 bytes, not 32"],
    ["not base64", "correct horse battery staple, and then some more words", "is not base64"],
    ["base64url, not base64", Buffer.from(Array.from({ length: 32 }, (_, index) => 250 - index)).toString("base64url"), "is not base64"],
    ["without its padding", randomBytes(32).toString("base64").replace(/=+$/, ""), "is not base64"],
    ["hex", randomBytes(32).toString("hex"), "looks like hex, not base64"],
    ["only spaces", "   ", "is empty"],
    ["32 zero bytes", Buffer.alloc(32).toString("base64"), "is one byte repeated, not a random key"],
  ])("refuses a key of %s, naming REFERRAL_KEY and never echoing the value", (_name, value, problem) => {
    const { problems, text } = refusal({ value, dataDir: tempDir() });
    expect(problems).toEqual([`REFERRAL_KEY: ${problem}; expected base64 of 32 random bytes (make one with \`openssl rand -base64 32\`)`]);
    if (value.trim() !== "") expect(text).not.toContain(value.trim());
  });

  it("treats an empty setting as unset", () => {
    expect(load({ value: "", dataDir: tempDir() }).source).toBe("generated");
  });
});

describe("REFERRAL_KEY not set", () => {
  it("refuses to start with MicrosoftAppId set: a deployment brings its own key", () => {
    const dataDir = tempDir();
    const { problems } = refusal({ dataDir, authenticated: true });
    expect(problems).toEqual(["REFERRAL_KEY: required when MicrosoftAppId is set (base64 of 32 random bytes: make one with `openssl rand -base64 32`)"]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("refuses with MicrosoftAppId set even when a local key file exists, and says how to keep it", () => {
    const dataDir = tempDir();
    const local = load({ dataDir });
    const { text } = refusal({ dataDir, authenticated: true });
    expect(text).toContain(`to keep reading referrals sealed with ${join(dataDir, KEY_FILE_NAME)}, set REFERRAL_KEY to that file's contents`);
    expect(text).not.toContain(local.key.toString("base64"));
  });

  skipOnWindows("in local use, generates a key once into the data folder, readable by its owner only, and says so", () => {
    const dataDir = join(tempDir(), "data");
    const first = load({ dataDir });
    const file = join(dataDir, KEY_FILE_NAME);
    expect(first.source).toBe("generated");
    expect(first.key).toHaveLength(32);
    expect(first.message).toBe(`generated a referral key in ${file} for local use; set REFERRAL_KEY in production`);
    expect(first.message).not.toContain(first.key.toString("base64"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The file holds what REFERRAL_KEY would, so moving to production is a copy.
    expect(readFileSync(file, "utf8")).toBe(`${first.key.toString("base64")}\n`);
    expect(readdirSync(dataDir)).toEqual([KEY_FILE_NAME]); // no temporary file left behind
  });

  it("reuses the key on the next start, and never writes the file again", () => {
    const dataDir = tempDir();
    const first = load({ dataDir });
    const file = join(dataDir, KEY_FILE_NAME);
    const written = statSync(file);
    const second = load({ dataDir });
    expect(second.source).toBe("data-folder");
    expect(second.message).toBeUndefined();
    expect(second.key.equals(first.key)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(file).ino).toBe(written.ino);
  });

  it("gives every process starting at once the same key: the first file made is never replaced", async () => {
    const dataDir = tempDir();
    const loader = fileURLToPath(new URL("../../src/config/load-referral-key.ts", import.meta.url));
    const script = `import { loadReferralKey } from ${JSON.stringify(loader)}; const { key, source } = loadReferralKey({ value: undefined, dataDir: ${JSON.stringify(dataDir)}, authenticated: false }); console.log(source, key.toString("hex"));`;
    const runs = await Promise.all(Array.from({ length: 6 }, () => promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script])));
    const answers = runs.map((run) => run.stdout.trim().split(" "));
    expect(new Set(answers.map(([, key]) => key)).size).toBe(1);
    expect(answers.filter(([source]) => source === "generated")).toHaveLength(1);
    expect(readFileSync(join(dataDir, KEY_FILE_NAME), "utf8")).toBe(`${Buffer.from(answers[0]?.[1] ?? "", "hex").toString("base64")}\n`);
  });

  it("uses a key file someone put there, as it is", () => {
    const dataDir = tempDir();
    const key = randomBytes(32);
    writeFileSync(join(dataDir, KEY_FILE_NAME), key.toString("base64"), { mode: 0o600 });
    const loaded = load({ dataDir });
    expect(loaded.source).toBe("data-folder");
    expect(loaded.key.equals(key)).toBe(true);
  });

  it.each<[string, string, string]>([
    ["cut short", randomBytes(32).toString("base64").slice(0, 40), "decodes to 30 bytes, not 32"],
    ["cut mid-character", randomBytes(32).toString("base64").slice(0, 41), "is not base64"],
    ["of 31 bytes", randomBytes(31).toString("base64"), "decodes to 31 bytes, not 32"],
    ["empty", "", "is empty"],
    ["garbled", "-----BEGIN PRIVATE KEY-----\nnot a key\n", "is not base64"],
  ])("stops start-up at a key file %s, naming the file, and never replaces it", (_name, content, problem) => {
    const dataDir = tempDir();
    const file = join(dataDir, KEY_FILE_NAME);
    writeFileSync(file, content, { mode: 0o600 });
    const { problems, text } = refusal({ dataDir });
    expect(problems).toEqual([`${file}: ${problem}; expected base64 of 32 random bytes (make one with \`openssl rand -base64 32\`)`]);
    if (content.trim() !== "") expect(text).not.toContain(content.trim());
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  skipOnWindows("stops start-up at a key file others may read, saying how to fix it", () => {
    const dataDir = tempDir();
    const file = join(dataDir, KEY_FILE_NAME);
    writeFileSync(file, randomBytes(32).toString("base64"));
    chmodSync(file, 0o644);
    expect(refusal({ dataDir }).problems).toEqual([`${file}: other users may read it (mode 0644); run chmod 600 ${file}`]);
  });

  // Root writes anywhere, so the refusal can only be seen as another user.
  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("stops start-up when the key cannot be written, naming the file and the way out", () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o500);
    try {
      expect(refusal({ dataDir }).problems).toEqual([`${join(dataDir, KEY_FILE_NAME)}: could not create a referral key (EACCES); make ${dataDir} writable, or set REFERRAL_KEY`]);
    } finally {
      chmodSync(dataDir, 0o700);
    }
  });

  it("makes the data folder when it is missing", () => {
    const dataDir = join(tempDir(), "nested", "data");
    expect(load({ dataDir }).source).toBe("generated");
    expect(existsSync(join(dataDir, KEY_FILE_NAME))).toBe(true);
  });

  it("is never made while the database holds what an earlier key sealed: start-up stops, naming its key id", () => {
    const dataDir = tempDir();
    const { problems } = refusal({ dataDir, sealedWith: ["1a2b3c4d"] });
    expect(problems).toEqual([
      `${join(dataDir, KEY_FILE_NAME)}: missing, but the database holds referrals and drafts sealed with the key it held (key id 1a2b3c4d). A new key could not open them, so none was made. Put the key file back from a backup, or set REFERRAL_KEY to the key it held; see "The referral key" in the README`,
    ]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("does not read a directory in the key file's place as a key", () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, KEY_FILE_NAME));
    expect(refusal({ dataDir }).problems).toEqual([`${join(dataDir, KEY_FILE_NAME)}: could not be read (EISDIR)`]);
  });
});

describe("a key that did not seal the database's rows", () => {
  const setting = Object.freeze({ key: randomBytes(32), source: "setting", origin: "REFERRAL_KEY" } as const);

  it("is no problem when it sealed them, or nothing is sealed", () => {
    expect(keyMismatch(setting, "5e6f7a8b", ["5e6f7a8b"])).toBeUndefined();
    expect(keyMismatch(setting, "5e6f7a8b", [])).toBeUndefined();
  });

  it("is refused naming every other key id that sealed them, and the way back", () => {
    expect(keyMismatch(setting, "5e6f7a8b", ["1a2b3c4d", "5e6f7a8b", "9c9c9c9c"])).toBe(
      'REFERRAL_KEY: this key (key id 5e6f7a8b) is not the one that sealed the referrals and drafts in this database (key ids 1a2b3c4d, 9c9c9c9c), so it cannot open them; nothing was changed. Set REFERRAL_KEY back to the key that sealed them; see "The referral key" in the README',
    );
  });
});

// The previous key only beside REFERRAL_KEY, never the same one, named on error, never echoed.
describe("REFERRAL_KEY_PREVIOUS", () => {
  const a = randomBytes(32).toString("base64");
  const b = randomBytes(32).toString("base64");
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof ConfigError ? error.message : String(error);
    }
    return "";
  };

  it("unset is no rotation; set beside REFERRAL_KEY is the old key", () => {
    expect(loadPreviousReferralKey(undefined, a)).toBeUndefined();
    expect(loadPreviousReferralKey(b, a)?.toString("base64")).toBe(b);
  });

  it("alone, the same as REFERRAL_KEY, or not a key: refused, naming the setting and not the key", () => {
    expect(messageOf(() => loadPreviousReferralKey(b, undefined))).toMatch(/^\s*REFERRAL_KEY_PREVIOUS: set only during a key rotation, beside REFERRAL_KEY/m);
    expect(messageOf(() => loadPreviousReferralKey(a, a))).toMatch(/^\s*REFERRAL_KEY_PREVIOUS: is the same key as REFERRAL_KEY/m);
    const bad = messageOf(() => loadPreviousReferralKey("not-a-key", a));
    expect(bad).toMatch(/^\s*REFERRAL_KEY_PREVIOUS: is not base64/m);
    for (const message of [bad, messageOf(() => loadPreviousReferralKey(a, a))]) expect(message).not.toContain(a);
  });
});
