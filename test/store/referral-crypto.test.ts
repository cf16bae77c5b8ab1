// Referral fields sealed at rest, and the keyed hashes that find the same child (issue 10, points 9
// and 10): what is sealed opens only where it was sealed, with the key that sealed it.
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChildIdentifiers, type Json, type MatchKind, SealError, createReferralCrypto } from "../../src/store/referral-crypto.ts";

const masterKey = Buffer.from(Array.from({ length: 32 }, (_, index) => index * 7 + 1));
const crypto = createReferralCrypto(masterKey);
const child = { forename: "Zoë", surname: "O'Neill-Smith", dateOfBirth: "2011-04-09", nhsNumber: "943 476 5919" } as const;

function refusal(open: () => unknown): SealError {
  try {
    open();
  } catch (error) {
    if (error instanceof SealError) return error;
    throw error;
  }
  throw new Error("expected the sealed value to be refused");
}

function hashOf(identifiers: ChildIdentifiers, kind: MatchKind, using = crypto): string | undefined {
  return using.matchKeys(identifiers).find((key) => key.kind === kind)?.hash;
}

describe("sealing", () => {
  it("opens what it sealed: any JSON value, unicode and long strings included (fast-check)", () => {
    const value = fc.oneof(fc.jsonValue(), fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "binary", minLength: 20_000, maxLength: 40_000 }));
    fc.assert(
      fc.property(value, fc.string({ minLength: 1, maxLength: 40 }), (original, aad) => {
        // Sealing stores JSON, and JSON has no -0 (fast-check's jsonValue makes one now and then): the value as JSON keeps it.
        expect(crypto.openJson(crypto.sealJson(original as Json, { aad }), { aad })).toEqual(JSON.parse(JSON.stringify(original)));
      }),
      { numRuns: 100, ...(process.env["FC_SEED"] === undefined ? {} : { seed: Number(process.env["FC_SEED"]) }) },
    );
  });

  it("writes version, key id, IV, ciphertext and tag as one base64url string, with a fresh IV each time", () => {
    const first = crypto.sealJson(child, { aad: "draft:r-1" });
    const second = crypto.sealJson(child, { aad: "draft:r-1" });
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const bytes = Buffer.from(first.slice(3), "base64url");
    expect(bytes.subarray(0, 4).toString("hex")).toBe(crypto.keyId);
    expect(bytes.length).toBe(4 + 12 + Buffer.byteLength(JSON.stringify(child)) + 16);
    expect(second).not.toBe(first);
    // Nothing of the plaintext shows: not its bytes, and not its base64url (a two-letter search such
    // as "Zo" would match random ciphertext about one time in twenty).
    const plain = Buffer.from(JSON.stringify(child));
    expect(bytes.includes(plain.subarray(0, 8))).toBe(false);
    expect(first).not.toContain(plain.toString("base64url").slice(0, 12));
  });

  it("refuses a value with any one character changed (fast-check)", () => {
    const sealed = crypto.sealJson({ forename: "Amara", notes: "met at the bus station" }, { aad: "draft:r-1" });
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...alphabet), (position, replacement) => {
        fc.pre(sealed[position] !== replacement);
        const tampered = `${sealed.slice(0, position)}${replacement}${sealed.slice(position + 1)}`;
        expect(refusal(() => crypto.openJson(tampered, { aad: "draft:r-1" }))).toBeInstanceOf(SealError);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a value with any one bit of its bytes flipped", () => {
    const sealed = crypto.sealJson(["x"], { aad: "draft:r-1" });
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    for (let index = 0; index < bytes.length; index += 1) {
      for (const bit of [0x01, 0x80]) {
        const flipped = Buffer.from(bytes);
        flipped[index] = (flipped[index] ?? 0) ^ bit;
        expect(() => crypto.openJson(`v1.${flipped.toString("base64url")}`, { aad: "draft:r-1" })).toThrow(SealError);
      }
    }
  });

  it.each<[string, (sealed: string) => string, SealError["code"]]>([
    ["cut short by one character", (sealed) => sealed.slice(0, -1), "malformed"],
    ["cut to its header", (sealed) => sealed.slice(0, 20), "malformed"],
    ["empty", () => "", "malformed"],
    ["without its version", (sealed) => sealed.slice(3), "malformed"],
    ["of an unknown version", (sealed) => `v3${sealed.slice(2)}`, "unknown-version"],
    ["with padding added", (sealed) => `${sealed}==`, "malformed"],
    ["with a line break inside", (sealed) => `${sealed.slice(0, 30)}\n${sealed.slice(30)}`, "malformed"],
    ["with a byte added to the ciphertext", (sealed) => `v1.${Buffer.concat([Buffer.from(sealed.slice(3), "base64url"), Buffer.from([0])]).toString("base64url")}`, "not-authentic"],
  ])("refuses a sealed value %s", (_name, damage, code) => {
    const sealed = crypto.sealJson({ surname: "Okafor" }, { aad: "draft:r-1" });
    expect(refusal(() => crypto.openJson(damage(sealed), { aad: "draft:r-1" })).code).toBe(code);
  });

  it("never echoes a plaintext stored where a sealed value should be", () => {
    for (const plaintext of ["Amara.Okafor", "Amara Okafor", "v1.Amara Okafor"]) {
      expect(refusal(() => crypto.openJson(plaintext, { aad: "draft:r-1" })).message).not.toMatch(/Amara|Okafor/);
    }
  });

  it("refuses a value copied to another row or column: the aad binds it where it was sealed", () => {
    const sealed = crypto.sealJson({ surname: "Okafor" }, { aad: "draft:r-1" });
    expect(refusal(() => crypto.openJson(sealed, { aad: "draft:r-2" })).code).toBe("not-authentic");
    expect(refusal(() => crypto.openJson(sealed, { aad: "draft:r-1:family" })).code).toBe("not-authentic");
    expect(() => crypto.sealJson("x", { aad: "" })).toThrow(/aad/);
  });

  it("refuses a value sealed with another key, naming both key ids and nothing secret", () => {
    const otherKey = randomBytes(32);
    const other = createReferralCrypto(otherKey);
    const sealed = other.sealJson({ surname: "Okafor" }, { aad: "draft:r-1" });
    const error = refusal(() => crypto.openJson(sealed, { aad: "draft:r-1" }));
    expect(error.code).toBe("other-key");
    expect(error.message).toBe(`sealed value was sealed with key ${other.keyId}, not the current key ${crypto.keyId}`);
    for (const secret of [otherKey, masterKey]) {
      for (const encoding of ["hex", "base64", "base64url"] as const) expect(error.message).not.toContain(secret.toString(encoding));
    }
    expect(error.message).not.toContain("Okafor");
  });

  it("never shows key material when the crypto object is inspected or serialised", () => {
    const shown = `${inspect(crypto, { depth: 5, showHidden: true })}${JSON.stringify(crypto)}`;
    for (const encoding of ["hex", "base64"] as const) expect(shown).not.toContain(masterKey.toString(encoding));
    expect(shown).not.toMatch(/\b1, 8, 15, 22\b/); // the key's first bytes as a list
  });

  it("refuses a master key that is not 32 bytes", () => {
    expect(() => createReferralCrypto(randomBytes(31))).toThrow(/32 bytes, not 31/);
  });
});

describe("matching keys", () => {
  it("gives the same name and date of birth key for the same child typed differently", () => {
    const typings: ChildIdentifiers[] = [
      { forename: "Zoë", surname: "O'Neill-Smith", dateOfBirth: "2011-04-09" },
      { forename: "zoe", surname: "oneillsmith", dateOfBirth: "2011-04-09" },
      { forename: "ZOE ", surname: " O’NEILL SMITH", dateOfBirth: " 2011-04-09 " },
      { forename: "Zoe\u0308", surname: "O Neill - Smith", dateOfBirth: "2011-04-09" }, // e + combining diaeresis
      { forename: "Ｚｏｅ", surname: "O'Neill-Smith", dateOfBirth: "2011-04-09" }, // full-width letters
    ];
    const hashes = typings.map((typing) => hashOf(typing, "name-dob"));
    expect(hashes[0]).toBeDefined();
    expect(new Set(hashes).size).toBe(1);
  });

  it.each<[string, string, string]>([
    ["ß and ss", "Strauß", "Strauss"],
    ["ø and o", "Søren", "Soren"],
    ["ł and l", "Łukasz", "Lukasz"],
    ["æ and ae", "Ælfred", "Aelfred"],
    ["accents", "José-María", "Jose Maria"],
  ])("treats %s as the same letter", (_name, typed, plain) => {
    expect(hashOf({ forename: typed, surname: "Nowak", dateOfBirth: "2010-01-31" }, "name-dob")).toBe(hashOf({ forename: plain, surname: "Nowak", dateOfBirth: "2010-01-31" }, "name-dob"));
  });

  it.each<[string, ChildIdentifiers]>([
    ["another date of birth", { ...child, dateOfBirth: "2011-04-10" }],
    ["another forename", { ...child, forename: "Zara" }],
    ["forename and surname run together differently", { ...child, forename: "Zoeo", surname: "Neillsmith" }],
    ["forename and surname swapped", { ...child, forename: "O'Neill-Smith", surname: "Zoë" }],
  ])("tells children apart by %s", (_name, other) => {
    expect(hashOf(other, "name-dob")).not.toBe(hashOf(child, "name-dob"));
  });

  it.each<[string, ChildIdentifiers]>([
    ["no date of birth (an age only)", { forename: "Zoë", surname: "Smith" }],
    ["a date that does not exist", { forename: "Zoë", surname: "Smith", dateOfBirth: "2011-02-30" }],
    ["a date in another format", { forename: "Zoë", surname: "Smith", dateOfBirth: "09/04/2011" }],
    ["no surname", { forename: "Zoë", dateOfBirth: "2011-04-09" }],
    ["a name with no letters", { forename: "Zoë", surname: "--", dateOfBirth: "2011-04-09" }],
  ])("makes no name and date of birth key from %s", (_name, identifiers) => {
    expect(hashOf(identifiers, "name-dob")).toBeUndefined();
  });

  it.each<[string, string, boolean]>([
    ["the NHS's example number, spaced", "943 476 5919", true],
    ["the same, run together", "9434765919", true],
    ["the same, hyphenated", "943-476-5919", true],
    ["a number whose check digit is 0 (11 − 0 = 11)", "4000000020", true],
    ["a valid test range number", "9990000026", true],
    ["a wrong check digit", "9434765918", false],
    ["two digits swapped", "9434765991", false],
    ["a number whose check would be 10 (never issued)", "4000000080", false],
    ["nine digits", "943476591", false],
    ["eleven digits", "94347659190", false],
    ["a letter inside", "94347659I9", false],
    ["one digit repeated, a placeholder", "0000000000", false],
    ["another repeated digit", "1111111111", false],
    ["empty", "", false],
  ])("NHS number: %s (%s) %s a key", (_name, nhsNumber, valid) => {
    expect(hashOf({ nhsNumber }, "nhs") !== undefined).toBe(valid);
  });

  it("gives one NHS key however the number is spaced", () => {
    expect(hashOf({ nhsNumber: " 943 476 5919 " }, "nhs")).toBe(hashOf({ nhsNumber: "9434765919" }, "nhs"));
  });

  it.each<[string, string, boolean]>([
    ["a permanent UPN", "B801200005001", true],
    ["the same in lower case with spaces", "b801 2000 05001", true],
    // School systems' help for census error 1510 works this UPN through and prints Q, but its sum is 266, not 267: 266 mod 23 = 13 = P.
    ["another permanent UPN", "P207000016049", true],
    ["a temporary UPN (last character a letter, counted as A = 0)", "M80120000500A", true],
    ["the wrong check letter", "A801200005001", false],
    ["a check letter that is never used (I)", "I801200005001", false],
    ["a letter in the middle", "X80120000A001", false],
    ["twelve characters", "B80120000500", false],
    ["a temporary UPN ending in O", "B80120000500O", false],
  ])("UPN: %s (%s) %s a key", (_name, upn, valid) => {
    expect(hashOf({ upn }, "upn") !== undefined).toBe(valid);
  });

  it("gives only the keys the identifiers allow, in the order name-dob, nhs, upn", () => {
    expect(crypto.matchKeys({}).map((key) => key.kind)).toEqual([]);
    expect(crypto.matchKeys({ ...child, upn: "B801200005001" }).map((key) => key.kind)).toEqual(["name-dob", "nhs", "upn"]);
    expect(crypto.matchKeys({ ...child, nhsNumber: "9434765918" }).map((key) => key.kind)).toEqual(["name-dob"]);
  });

  it("hashes with the key: another key gives other hashes, and no hash shows the identifier", () => {
    const other = createReferralCrypto(randomBytes(32));
    const identifiers = { ...child, upn: "B801200005001" };
    const mine = crypto.matchKeys(identifiers);
    const theirs = other.matchKeys(identifiers);
    expect(mine.map((key) => key.kind)).toEqual(theirs.map((key) => key.kind));
    mine.forEach((key, index) => expect(key.hash).not.toBe(theirs[index]?.hash));
    expect(crypto.matchKeys(identifiers)).toEqual(mine);
    for (const key of mine) {
      expect(key.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(key.hash).not.toMatch(/9434765919|B801200005001|zoe/i);
    }
  });
});

// What belongs to a referral is sealed with the referral's own data key, carried wrapped beside the
// value until the store keeps it apart (data-key-sealing.ts).
describe("sealing with a referral's own data key", () => {
  const aad = "referral:r-1:personal";

  it("seals a referral's values with one data key, carried wrapped; opens them; and seals with the master key what outlives erasure", () => {
    const fresh = createReferralCrypto(randomBytes(32));
    const personal = fresh.sealJson({ child: "Amara" }, { aad });
    const first = fresh.sealJson({}, { aad: "referral:r-1:event" });
    expect(personal).toMatch(/^v2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    // The same data key: the same reference at the head of both.
    expect(Buffer.from(first.split(".")[1]!, "base64url").subarray(0, 8)).toEqual(Buffer.from(personal.split(".")[1]!, "base64url").subarray(0, 8));
    expect(fresh.openJson(personal, { aad })).toEqual({ child: "Amara" });
    // Another referral gets another key.
    const other = fresh.sealJson({}, { aad: "referral:r-2:event" });
    expect(other.split(".")[2]).not.toBe(personal.split(".")[2]);
    expect(fresh.sealJson({ erased: true }, { aad: "referral:r-1:event", outlivesErasure: true })).toMatch(/^v1\./);
  });

  it("refuses a carried value with any one character changed, or moved to another referral or column (fast-check)", () => {
    const fresh = createReferralCrypto(randomBytes(32));
    const sealed = fresh.sealJson({ forename: "Amara" }, { aad });
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...alphabet), (position, replacement) => {
        fc.pre(sealed[position] !== replacement);
        expect(refusal(() => fresh.openJson(`${sealed.slice(0, position)}${replacement}${sealed.slice(position + 1)}`, { aad }))).toBeInstanceOf(SealError);
      }),
      { numRuns: 200 },
    );
    expect(refusal(() => fresh.openJson(sealed, { aad: "referral:r-2:personal" })).code).toBe("not-authentic");
    expect(refusal(() => fresh.openJson(sealed, { aad: "referral:r-1:event" })).code).toBe("not-authentic");
    expect(refusal(() => fresh.openJson(sealed, { aad: "draft:r-1" })).code).toBe("malformed");
  });

  it("opens nothing without the wrapped key (erased), nor with a key wrapped by a master key it does not hold", () => {
    const fresh = createReferralCrypto(randomBytes(32));
    const sealed = fresh.sealJson({ forename: "Amara" }, { aad });
    const stored = sealed.split(".").slice(0, 2).join(".");
    expect(refusal(() => fresh.openJson(stored, { aad })).code).toBe("erased");
    const stranger = createReferralCrypto(randomBytes(32));
    expect(refusal(() => stranger.openJson(sealed, { aad })).message).toMatch(new RegExp(`wrapped with key ${fresh.keyId}, not the current key ${stranger.keyId}`));
    expect(inspect(fresh)).not.toMatch(/Amara/);
  });
});

// During a rotation the previous key opens what it sealed, and seals nothing.
describe("a previous key, during a rotation", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it("opens what the previous key sealed, seals only with the current key, and opens nothing a third key sealed", () => {
    const before = createReferralCrypto(oldKey);
    const rotating = createReferralCrypto(newKey, oldKey);
    const sealedBefore = before.sealJson({ child: "Samira" }, { aad: "referral:r-1:personal" });
    expect(rotating.openJson(sealedBefore, { aad: "referral:r-1:personal" })).toEqual({ child: "Samira" });
    expect(() => rotating.openJson(sealedBefore, { aad: "referral:r-2:personal" })).toThrow(SealError);
    const sealedNow = rotating.sealJson({ child: "Samira" }, { aad: "referral:r-1:personal" });
    expect(createReferralCrypto(newKey).openJson(sealedNow, { aad: "referral:r-1:personal" })).toEqual({ child: "Samira" });
    expect(() => before.openJson(sealedNow, { aad: "referral:r-1:personal" })).toThrow(SealError);
    expect(rotating.previousKeyId).toBe(before.keyId);
    expect(() => rotating.openJson(createReferralCrypto(randomBytes(32)).sealJson(1, { aad: "a" }), { aad: "a" })).toThrow(/not the current key .* or the previous key/);
    expect(() => createReferralCrypto(newKey, newKey)).toThrow(RangeError);
  });

  it("looks a child up by both keys' hashes while matching by the current key's alone", () => {
    const child = { forename: "Samira", surname: "Markerfield", dateOfBirth: "2012-05-01" };
    const rotating = createReferralCrypto(newKey, oldKey);
    expect(rotating.matchKeys(child)).toEqual(createReferralCrypto(newKey).matchKeys(child));
    expect(rotating.lookupKeys(child)).toEqual([...createReferralCrypto(newKey).matchKeys(child), ...createReferralCrypto(oldKey).matchKeys(child)]);
    expect(createReferralCrypto(newKey).lookupKeys(child)).toEqual(createReferralCrypto(newKey).matchKeys(child));
  });
});
