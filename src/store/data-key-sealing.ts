// Envelope encryption of a referral's values (DESIGN.md "Sealing and erasure"): each referral has
// its own random data key, and what belongs to it (its personal fields, its history's details) is
// sealed with that key; the data key is kept only wrapped (AES-256-GCM) by a key derived from
// REFERRAL_KEY, in one row of referral_data_keys. Deleting that row makes every copy of the values,
// in free pages, the WAL, dead tuples and backups alike, unreadable at once, and a key rotation
// wraps the data keys again instead of sealing every value again.
//
// The services seal and open through the synchronous port (referral-crypto-port.ts) and never see
// a data key. So a value leaves the crypto *carrying* its wrapped data key:
//
//   stored:  "v2." + base64url( key ref (8) ‖ IV (12) ‖ ciphertext ‖ GCM tag (16) )
//   carried: stored + "." + base64url( wrapping key id (4) ‖ IV (12) ‖ wrapped data key (32) ‖ tag (16) )
//
// The store writes the stored part in the row and the wrapped key once in referral_data_keys
// (referral-data-keys.ts); reading, it puts the wrapped key back on. A row whose key was erased
// goes out without it, and opens with no key at all.
import { type KeyObject, createCipheriv, createDecipheriv, createSecretKey, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";

export const DATA_KEY_VERSION = "v2";
const KEY_REF_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAP_KEY_ID_BYTES = 4;
const WRAPPED_BYTES = WRAP_KEY_ID_BYTES + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Data keys this process used lately, so that one referral's values share one key: the referral
 * and its first event are sealed one after the other, an answer right after its question is
 * opened. A process that seals for a referral it has not seen lately makes it another key (the
 * port gives the crypto no way to ask the database); every key of a referral is erased with it.
 * Short-lived: a data key in memory is a copy that the purge cannot reach.
 */
const RECENT_KEYS = { entries: 1_000, ms: 10 * 60_000 } as const;

/** Why a value sealed with a data key could not be opened, as referral-crypto.ts's SealError. */
export type DataKeyProblem = { readonly code: "malformed" | "other-key" | "not-authentic" | "erased"; readonly message: string };

/** A master key's wrapping key and its id (referral-crypto.ts derives both). */
export type WrappingKey = { readonly keyIdBytes: Buffer; readonly keyId: string; readonly wrapKey: KeyObject };

/** A referral's data key as the store keeps it: its reference (hex) and the key wrapped (base64url). */
export type WrappedDataKey = { readonly keyRef: string; readonly wrapped: string };

/** A carried value taken apart: what the row holds, and the wrapped key it came with, if any. */
export type SplitValue = { readonly stored: string; readonly keyRef: string; readonly wrapped: string | undefined };

/** The referral a value is sealed for, from the aad the services give (`referral:<id>:personal`, `referral:<id>:event`); undefined for anything else (drafts, user settings). */
export function referralIdOfAad(aad: string): string | undefined {
  if (!aad.startsWith("referral:")) return undefined;
  const end = aad.lastIndexOf(":");
  const id = aad.slice("referral:".length, end);
  return end <= "referral:".length || id === "" ? undefined : id;
}

/** A value sealed with a data key, stored or carried, taken apart; undefined for anything else (a v1 value, a placeholder). */
export function splitValue(value: string): SplitValue | undefined {
  const [version, body, wrapped, ...rest] = value.split(".");
  if (version !== DATA_KEY_VERSION || body === undefined || !canonical(body) || rest.length > 0) return undefined;
  if (wrapped !== undefined && !canonical(wrapped)) return undefined;
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < KEY_REF_BYTES + IV_BYTES + TAG_BYTES) return undefined;
  return { stored: `${version}.${body}`, keyRef: bytes.subarray(0, KEY_REF_BYTES).toString("hex"), wrapped };
}

/** Node skips characters that are not base64url and ignores a last character's spare bits: text that does not encode back to itself was altered. */
const canonical = (text: string) => BASE64URL.test(text) && Buffer.from(text, "base64url").toString("base64url") === text;

/** A stored value with its wrapped data key put back on. */
export const carried = (stored: string, wrapped: string) => `${stored}.${wrapped}`;

/** The id of the master key that wrapped a data key, read without unwrapping it. */
export function keyIdOfWrapped(wrapped: string): string | undefined {
  const bytes = Buffer.from(wrapped, "base64url");
  return bytes.length === WRAPPED_BYTES ? bytes.subarray(0, WRAP_KEY_ID_BYTES).toString("hex") : undefined;
}

/** `wrapped`: by the current key, for what is sealed with it; `storedAs`: as the store gave it, which alone lets an opening skip the unwrapping. */
type DataKey = { readonly keyRef: Buffer; readonly key: KeyObject; readonly wrapped: string; readonly storedAs: string };

export type DataKeySealing = ReturnType<typeof createDataKeySealing>;

/** Sealing with data keys wrapped by `current`; `previous` (a rotation) still unwraps what it wrapped. */
export function createDataKeySealing(current: WrappingKey, previous: WrappingKey | undefined, now: () => number = Date.now) {
  // ttlResolution 0: the clock is read at each look-up (lru-cache otherwise reuses one reading for a millisecond).
  const recent = new LRUCache<string, DataKey>({ max: RECENT_KEYS.entries, ttl: RECENT_KEYS.ms, ttlResolution: 0, perf: { now } });

  const wrapAad = (keyIdBytes: Buffer, referralId: string, keyRef: Buffer) => Buffer.concat([Buffer.from("referral data key v1"), keyIdBytes, Buffer.from(`${referralId}\u0000`, "utf8"), keyRef]);
  const valueAad = (keyRef: Buffer, aad: string) => Buffer.concat([Buffer.from(DATA_KEY_VERSION), keyRef, Buffer.from(aad, "utf8")]);

  function wrap(referralId: string, keyRef: Buffer, raw: Buffer): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", current.wrapKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(wrapAad(current.keyIdBytes, referralId, keyRef));
    return Buffer.concat([current.keyIdBytes, iv, cipher.update(raw), cipher.final(), cipher.getAuthTag()]).toString("base64url");
  }

  /** The raw data key; the caller zeroes it. */
  function unwrap(referralId: string, keyRef: Buffer, wrapped: string): Buffer | DataKeyProblem {
    const bytes = Buffer.from(wrapped, "base64url");
    if (bytes.length !== WRAPPED_BYTES) return { code: "malformed", message: "the wrapped data key is not the right length" };
    const keyIdBytes = bytes.subarray(0, WRAP_KEY_ID_BYTES);
    const by = keyIdBytes.equals(current.keyIdBytes) ? current : previous !== undefined && keyIdBytes.equals(previous.keyIdBytes) ? previous : undefined;
    if (by === undefined) return { code: "other-key", message: `the data key was wrapped with key ${keyIdBytes.toString("hex")}, not the current key ${current.keyId}${previous === undefined ? "" : ` or the previous key ${previous.keyId}`}` };
    const decipher = createDecipheriv("aes-256-gcm", by.wrapKey, bytes.subarray(WRAP_KEY_ID_BYTES, WRAP_KEY_ID_BYTES + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(by.keyIdBytes, referralId, keyRef));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(WRAP_KEY_ID_BYTES + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return { code: "not-authentic", message: "the wrapped data key failed authentication: it was altered, or belongs to another referral" };
    }
  }

  function remember(referralId: string, keyRef: Buffer, raw: Buffer, storedAs: string): DataKey {
    // Nothing new goes out wrapped by a previous key.
    const wrapped = keyIdOfWrapped(storedAs) === current.keyId ? storedAs : wrap(referralId, keyRef, raw);
    const entry = { keyRef, key: createSecretKey(raw), wrapped, storedAs };
    raw.fill(0);
    recent.set(referralId, entry);
    return entry;
  }

  const recentKey = (referralId: string): DataKey | undefined => recent.get(referralId);

  function fresh(referralId: string): DataKey {
    const keyRef = randomBytes(KEY_REF_BYTES);
    const raw = randomBytes(DATA_KEY_BYTES);
    return remember(referralId, keyRef, raw, wrap(referralId, keyRef, raw));
  }

  function sealWith(dataKey: DataKey, plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", dataKey.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(valueAad(dataKey.keyRef, aad));
    const body = Buffer.concat([dataKey.keyRef, iv, cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64url");
    return carried(`${DATA_KEY_VERSION}.${body}`, dataKey.wrapped);
  }

  /** `given`: the referral's data key as stored, to seal with it (a one-off move to data keys); else a recent one or a new one. */
  function learn(referralId: string, given: WrappedDataKey): DataKey | DataKeyProblem {
    const keyRef = Buffer.from(given.keyRef, "hex");
    const raw = unwrap(referralId, keyRef, given.wrapped);
    return Buffer.isBuffer(raw) ? remember(referralId, keyRef, raw, given.wrapped) : raw;
  }

  return {
    /** `plaintext` sealed with the referral's data key, carrying it wrapped. */
    seal(referralId: string, plaintext: string, aad: string, given?: WrappedDataKey): string | DataKeyProblem {
      const dataKey = given === undefined ? (recentKey(referralId) ?? fresh(referralId)) : learn(referralId, given);
      return "code" in dataKey ? dataKey : sealWith(dataKey, plaintext, aad);
    },

    /** The plaintext of a carried value; a problem when it carries no key (erased) or fails to open. */
    open(referralId: string, value: string, aad: string): string | DataKeyProblem {
      const split = splitValue(value);
      if (split === undefined) return { code: "malformed", message: "sealed value is not a data-key value" };
      if (split.wrapped === undefined) return { code: "erased", message: "sealed value's data key is not here: it was erased with the referral's personal fields" };
      const bytes = Buffer.from(split.stored.slice(DATA_KEY_VERSION.length + 1), "base64url");
      const keyRef = bytes.subarray(0, KEY_REF_BYTES);
      // The key the value carries is the stored one: a key remembered from before it was wrapped
      // again, or erased and kept again (never: referral-data-keys.ts), does not stand in for it.
      const known = recentKey(referralId);
      const dataKey = known !== undefined && known.keyRef.equals(keyRef) && known.storedAs === split.wrapped ? known : learn(referralId, { keyRef: keyRef.toString("hex"), wrapped: split.wrapped });
      if ("code" in dataKey) return dataKey;
      const decipher = createDecipheriv("aes-256-gcm", dataKey.key, bytes.subarray(KEY_REF_BYTES, KEY_REF_BYTES + IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(valueAad(keyRef, aad));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(KEY_REF_BYTES + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        return { code: "not-authentic", message: "sealed value failed authentication: it was altered, cut short, or sealed for another row" };
      }
    },

    /** A stored data key wrapped again with the current key (a rotation); a problem if it cannot be unwrapped. */
    rewrap(referralId: string, { keyRef, wrapped }: WrappedDataKey): string | DataKeyProblem {
      const ref = Buffer.from(keyRef, "hex");
      const raw = unwrap(referralId, ref, wrapped);
      if (!Buffer.isBuffer(raw)) return raw;
      try {
        return wrap(referralId, ref, raw);
      } finally {
        raw.fill(0);
      }
    },

    /** Drops the referral's data key from memory: its stored copy is being erased. */
    forget(referralId: string): void {
      recent.delete(referralId);
    },
  };
}
