// Texts sharing a card's byte budget (the review, issue 10 point 2): the laws that hold for any texts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { jsonBytes, shortenToFit } from "../../src/cards/shorten-to-fit.ts";

const total = (texts: readonly string[]) => texts.reduce((sum, text) => sum + jsonBytes(text), 0);
const texts = fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 }), fc.constant("€".repeat(500))), { maxLength: 40 });

describe("shortenToFit", () => {
  it("leaves texts that fit alone", () => {
    fc.assert(fc.property(texts, (given) => {
      const result = shortenToFit(given, total(given));
      expect(result).toEqual({ texts: given, shortened: false });
    }));
  });

  it("keeps the total within the budget, whenever each text has room for its \"…\"", () => {
    fc.assert(fc.property(texts, fc.nat(20_000), (given, extra) => {
      const budget = given.length * jsonBytes("…") + extra;
      expect(total(shortenToFit(given, budget).texts)).toBeLessThanOrEqual(Math.max(budget, 0));
    }));
  });

  it("cuts a text to its start, whole characters only, and ends it in …; a text under the common length stays whole", () => {
    fc.assert(fc.property(texts, fc.nat(20_000), (given, budget) => {
      const result = shortenToFit(given, budget);
      result.texts.forEach((text, index) => {
        const original = given[index] ?? "";
        if (text === original) return;
        expect(text.endsWith("…")).toBe(true);
        expect(original.startsWith(text.slice(0, -1))).toBe(true);
        expect(text.slice(0, -1)).toBe(text.slice(0, -1).trimEnd());
      });
    }));
  });

  it("shortens the longest first: a short answer stays whole beside a long one", () => {
    const result = shortenToFit(["Girl", "€".repeat(2000)], 1000);
    expect(result.texts[0]).toBe("Girl");
    expect(result.texts[1]).toMatch(/^€+…$/);
    expect(result.shortened).toBe(true);
  });
});
