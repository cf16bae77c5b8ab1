// The data keys a process used lately: one referral's values sealed close together share one key,
// and a key is not kept in memory longer than it needs to be (a copy the purge cannot reach).
import { createSecretKey, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDataKeySealing, splitValue, type WrappingKey } from "../../src/store/data-key-sealing.ts";

const WRAPPING: WrappingKey = { keyIdBytes: Buffer.from("01234567", "hex"), keyId: "01234567", wrapKey: createSecretKey(randomBytes(32)) };
const keyOf = (value: string | object) => (typeof value === "string" ? splitValue(value)?.wrapped : undefined);

describe("data keys kept in memory", () => {
  it("shares one key between values sealed within ten minutes, and makes a new one after", () => {
    let clock = 1_000_000;
    const sealing = createDataKeySealing(WRAPPING, undefined, () => clock);
    const first = sealing.seal("r1", "a", "referral:r1:personal");
    clock += 9 * 60_000;
    const second = sealing.seal("r1", "b", "referral:r1:event");
    expect(keyOf(second)).toBe(keyOf(first));
    clock += 10 * 60_000 + 1;
    const third = sealing.seal("r1", "c", "referral:r1:event");
    expect(keyOf(third)).not.toBe(keyOf(first));
    // Every value still opens with the key it carries.
    expect(sealing.open("r1", first as string, "referral:r1:personal")).toBe("a");
    expect(sealing.open("r1", third as string, "referral:r1:event")).toBe("c");
  });

  it("forgets a referral's key when asked (its stored copy is being erased)", () => {
    const sealing = createDataKeySealing(WRAPPING, undefined, () => 0);
    const first = sealing.seal("r2", "a", "referral:r2:personal");
    sealing.forget("r2");
    expect(keyOf(sealing.seal("r2", "b", "referral:r2:personal"))).not.toBe(keyOf(first));
  });
});
