// A referral's personal fields, encrypted at rest, and the keyed hashes that find the same child
// without them (issue 10, points 9 and 10). One master key (REFERRAL_KEY, src/config/
// load-referral-key.ts) gives, by HKDF, separate keys for the cipher, for the matching hash, for
// wrapping each referral's data key and for the key id, so no two uses ever share a key.
//
// What belongs to a referral (an aad `referral:<id>:…`) is sealed with the referral's own data key
// (data-key-sealing.ts), so that erasing it is deleting that key. The rest (drafts, what is
// remembered for a user, and a purged referral's history) is sealed with the master key's cipher
// key, as everything was before data keys; such values, and a referral's from before, still open:
//
//   "v1." + base64url( key id (4) ‖ IV (12) ‖ ciphertext ‖ GCM tag (16) )
//
// The version and key id are authenticated along with the caller's `aad`.
//
// Key rotation: with a previous key, values it sealed and data keys it wrapped still open, and
// nothing is sealed or wrapped with it; `npm run keys -- rotate` (src/cli/keys.ts) wraps the data
// keys again with the current key, seals again what the previous key sealed itself, and recomputes
// every match hash from the opened fields, since hashes made with the old key never equal the new
// ones. Start-up refuses a key whose id is neither the current nor the previous one that sealed the
// database's rows or wrapped its data keys (referral-key-ids.ts).
import { type KeyObject, createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from "node:crypto";
import type { ChildIdentifiers, Json, MatchKey, MatchKind, ReferralCrypto } from "../services/referral-crypto-port.ts";
import { type DataKeyProblem, type WrappedDataKey, DATA_KEY_VERSION, createDataKeySealing, referralIdOfAad } from "./data-key-sealing.ts";

// The port is the services': the store implements it.
export type { ChildIdentifiers, Json, MatchKey, MatchKind, ReferralCrypto };

/** The port, and what only the store uses: a rotation's and a one-off move's work on data keys. */
export type StoreCrypto = ReferralCrypto & {
  /** `value` sealed for the referral `aad` names, with its data key `given` as stored (a one-off move of a value the master key sealed). */
  sealWithDataKey(value: Json, options: { readonly aad: string; readonly given: WrappedDataKey | undefined }): string;
  /** A referral's data key wrapped again with the current key. Throws SealError if it cannot be unwrapped. */
  rewrapDataKey(referralId: string, dataKey: WrappedDataKey): string;
};


/** Why a sealed value could not be opened. The message never holds plaintext or key material. */
export class SealError extends Error {
  constructor(
    readonly code: "malformed" | "unknown-version" | "other-key" | "not-authentic" | "erased",
    message: string,
  ) {
    super(message);
    this.name = "SealError";
  }
}

const VERSION = "v1";
/** What every value the master key sealed itself begins with, before a dot. */
export const SEALED_VERSION = VERSION;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12; // GCM's natural nonce size (NIST SP 800-38D)
const TAG_BYTES = 16;
const HKDF_SALT = "safeguard-teams referral-crypto";
const CANONICAL_BASE64URL = /^[A-Za-z0-9_-]*$/;

type DerivedKeys = { readonly cipherKey: KeyObject; readonly hashKey: KeyObject; readonly wrapKey: KeyObject; readonly keyIdBytes: Buffer; readonly keyId: string };

function derivedKeys(masterKey: Buffer): DerivedKeys {
  if (masterKey.length !== 32) throw new RangeError(`the referral key must be 32 bytes, not ${masterKey.length}`);
  const derive = (info: string, length: number) => Buffer.from(hkdfSync("sha256", masterKey, HKDF_SALT, info, length));
  // KeyObjects, not Buffers: a logged or inspected key object shows no bytes.
  const keyIdBytes = derive("referral key id v1", KEY_ID_BYTES);
  return {
    cipherKey: createSecretKey(derive("referral fields: aes-256-gcm v1", 32)),
    hashKey: createSecretKey(derive("referral matching: hmac-sha256 v1", 32)),
    wrapKey: createSecretKey(derive("referral data keys: aes-256-gcm wrap v1", 32)),
    keyIdBytes,
    keyId: keyIdBytes.toString("hex"),
  };
}

/** `previousKey`, during a rotation only: what it sealed still opens; nothing new is sealed with it. */
export function createReferralCrypto(masterKey: Buffer, previousKey?: Buffer): StoreCrypto {
  const current = derivedKeys(masterKey);
  const previous = previousKey === undefined ? undefined : derivedKeys(previousKey);
  if (previous?.keyId === current.keyId) throw new RangeError("the previous referral key is the current one");
  const { cipherKey, keyIdBytes, keyId } = current;
  const dataKeys = createDataKeySealing(current, previous);
  const referralOf = (aad: string) => {
    const referralId = referralIdOfAad(aad);
    if (referralId === undefined) throw new SealError("malformed", "a value sealed with a data key opens only for the referral it was sealed for");
    return referralId;
  };
  const orThrow = (result: string | DataKeyProblem): string => {
    if (typeof result !== "string") throw new SealError(result.code, result.message);
    return result;
  };
  const sealWithMasterKey = (value: Json, aad: string): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", cipherKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(aad));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    return `${VERSION}.${Buffer.concat([keyIdBytes, iv, ciphertext, cipher.getAuthTag()]).toString("base64url")}`;
  };

  const additionalData = (aad: string, keyIdOfValue: Buffer = keyIdBytes) => {
    if (aad === "") throw new RangeError("aad must name where the sealed value is stored");
    return Buffer.concat([Buffer.from(VERSION), keyIdOfValue, Buffer.from(aad, "utf8")]);
  };
  const hashesWith = (keys: DerivedKeys, child: ChildIdentifiers): readonly MatchKey[] => {
    const hash = (kind: MatchKind, parts: readonly string[]): MatchKey => ({
      kind,
      keyId: keys.keyId,
      // The kind is hashed too, so equal text under two kinds never gives equal hashes. NUL never
      // survives normalisation, so the parts cannot run into each other.
      hash: createHmac("sha256", keys.hashKey).update([kind, ...parts].join("\u0000"), "utf8").digest("base64url"),
    });
    const forename = normaliseName(child.forename);
    const surname = normaliseName(child.surname);
    const dateOfBirth = normaliseDate(child.dateOfBirth);
    const nhsNumber = normaliseNhsNumber(child.nhsNumber);
    const upn = normaliseUpn(child.upn);
    return [
      ...(forename !== undefined && surname !== undefined && dateOfBirth !== undefined ? [hash("name-dob", [forename, surname, dateOfBirth])] : []),
      ...(nhsNumber !== undefined ? [hash("nhs", [nhsNumber])] : []),
      ...(upn !== undefined ? [hash("upn", [upn])] : []),
    ];
  };

  return Object.freeze({
    keyId,
    previousKeyId: previous?.keyId,
    sealJson(value: Json, { aad, outlivesErasure = false }: { readonly aad: string; readonly outlivesErasure?: boolean | undefined }): string {
      const referralId = referralIdOfAad(aad);
      if (referralId === undefined || outlivesErasure) return sealWithMasterKey(value, aad);
      return orThrow(dataKeys.seal(referralId, JSON.stringify(value), aad));
    },
    sealWithDataKey(value: Json, { aad, given }: { readonly aad: string; readonly given: WrappedDataKey | undefined }): string {
      return orThrow(dataKeys.seal(referralOf(aad), JSON.stringify(value), aad, given));
    },
    rewrapDataKey(referralId: string, dataKey: WrappedDataKey): string {
      return orThrow(dataKeys.rewrap(referralId, dataKey));
    },
    forget(referralId: string): void {
      dataKeys.forget(referralId);
    },
    openJson(sealed: string, { aad }: { readonly aad: string }): Json {
      if (sealed.startsWith(`${DATA_KEY_VERSION}.`)) return JSON.parse(orThrow(dataKeys.open(referralOf(aad), sealed, aad))) as Json;
      const bytes = decode(sealed);
      const sealedKeyId = bytes.subarray(0, KEY_ID_BYTES);
      const keys = sealedKeyId.equals(keyIdBytes) ? current : previous !== undefined && sealedKeyId.equals(previous.keyIdBytes) ? previous : undefined;
      if (keys === undefined) throw new SealError("other-key", `sealed value was sealed with key ${sealedKeyId.toString("hex")}, not the current key ${keyId}${previous === undefined ? "" : ` or the previous key ${previous.keyId}`}`);
      const iv = bytes.subarray(KEY_ID_BYTES, KEY_ID_BYTES + IV_BYTES);
      const decipher = createDecipheriv("aes-256-gcm", keys.cipherKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(aad, keys.keyIdBytes));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      let plaintext: string;
      try {
        plaintext = Buffer.concat([decipher.update(bytes.subarray(KEY_ID_BYTES + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        throw new SealError("not-authentic", "sealed value failed authentication: it was altered, cut short, or sealed for another row");
      }
      return JSON.parse(plaintext) as Json;
    },
    matchKeys(child: ChildIdentifiers): readonly MatchKey[] {
      return hashesWith(current, child);
    },
    lookupKeys(child: ChildIdentifiers): readonly MatchKey[] {
      return previous === undefined ? hashesWith(current, child) : [...hashesWith(current, child), ...hashesWith(previous, child)];
    },
  });
}

/** How many characters of a sealed value name its key: the version and its dot, then base64url that holds the key id's bytes whole. */
export const KEY_ID_PREFIX_LENGTH = VERSION.length + 1 + Math.ceil((KEY_ID_BYTES * 8) / 6);
/** The shortest a sealed value can be: key id, IV and tag around no ciphertext at all. */
export const SEALED_MIN_LENGTH = VERSION.length + 1 + Math.ceil(((KEY_ID_BYTES + IV_BYTES + TAG_BYTES) * 8) / 6);

/**
 * The id of the key that sealed a value, read from its first KEY_ID_PREFIX_LENGTH characters
 * without opening it; undefined for anything that does not start as this version's sealed values do.
 */
export function keyIdOfSealed(sealed: string): string | undefined {
  const head = sealed.slice(VERSION.length + 1, KEY_ID_PREFIX_LENGTH);
  if (!sealed.startsWith(`${VERSION}.`) || head.length !== KEY_ID_PREFIX_LENGTH - VERSION.length - 1 || !CANONICAL_BASE64URL.test(head)) return undefined;
  return Buffer.from(head, "base64url").subarray(0, KEY_ID_BYTES).toString("hex");
}

/** Strictly: the version, then canonical base64url long enough for key id, IV and tag. */
function decode(sealed: string): Buffer {
  const dot = sealed.indexOf(".");
  if (dot < 0) throw new SealError("malformed", "sealed value has no version prefix");
  // Not echoed: a plaintext stored by mistake would be its own "version".
  if (sealed.slice(0, dot) !== VERSION) throw new SealError("unknown-version", `sealed value has an unknown version; this build reads ${VERSION} and ${DATA_KEY_VERSION}`);
  const body = sealed.slice(dot + 1);
  const bytes = Buffer.from(body, "base64url");
  // Node skips characters that are not base64url and ignores a final character's spare bits; a
  // value that does not re-encode to itself was altered, and is refused before decryption.
  if (!CANONICAL_BASE64URL.test(body) || bytes.toString("base64url") !== body) throw new SealError("malformed", "sealed value is not canonical base64url");
  if (bytes.length < KEY_ID_BYTES + IV_BYTES + TAG_BYTES) throw new SealError("malformed", "sealed value is too short");
  return bytes;
}

// Letters NFKD leaves whole, spelt as people type them without the keyboard for it.
const UNSPLIT_LETTERS: ReadonlyMap<string, string> = new Map([
  ["ß", "ss"],
  ["æ", "ae"],
  ["œ", "oe"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ð", "d"],
  ["þ", "th"],
  ["ı", "i"],
]);

/**
 * Unicode NFKD, diacritics dropped, lower case, letters only: "Zoë" → "zoe", "O'Neill-Smith" →
 * "oneillsmith". Undefined when no letter is left.
 */
export function normaliseName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const letters = [...name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()]
    .map((letter) => UNSPLIT_LETTERS.get(letter) ?? letter)
    .join("")
    .replace(/[^\p{L}]/gu, "");
  return letters === "" ? undefined : letters;
}

/** A real calendar date written YYYY-MM-DD (surrounding spaces allowed), else undefined. */
function normaliseDate(date: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date?.trim() ?? "");
  if (match === null) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day ? match[0] : undefined;
}

/**
 * Ten digits (spaces and hyphens as typed are dropped) whose last is the modulus-11 check digit
 * (NHS Data Dictionary, "NHS Number"): weights 10 to 2 on the first nine digits, check = 11 − (sum
 * mod 11), where 11 means 0 and 10 means no valid number. One digit repeated ten times passes the
 * sum but is a placeholder, not a child's number, so it gives no key.
 */
export function normaliseNhsNumber(typed: string | undefined): string | undefined {
  const digits = typed?.replace(/[\s-]/g, "") ?? "";
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return undefined;
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return (check === 11 ? 0 : check) === Number(digits[9]) ? digits : undefined;
}

// DfE / GDSC "Unique Pupil Number" 2.0: 0 → A … 22 → Z, without I, O and S.
const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/**
 * A unique pupil number: a check letter, then 11 digits, then a digit (permanent) or a letter
 * (temporary). Whitespace dropped, upper-cased. The check letter is the sum of characters 2-13,
 * each times its position, mod 23; a temporary UPN's last letter counts as its place in UPN_LETTERS.
 */
export function normaliseUpn(typed: string | undefined): string | undefined {
  const upn = typed?.replace(/\s/g, "").toUpperCase() ?? "";
  if (!/^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return undefined;
  const sum = [...upn.slice(1)].reduce((total, character, index) => total + (/\d/.test(character) ? Number(character) : UPN_LETTERS.indexOf(character)) * (index + 2), 0);
  return UPN_LETTERS[sum % 23] === upn[0] ? upn : undefined;
}
