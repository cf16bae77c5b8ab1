// Texts sharing a card's byte budget (the review, issue 10 point 2): the laws that hold for any texts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { jsonBytes, shortenToFit } from "../../src/cards/shorten-to-fit.ts";

const total = (texts: readonly string[]) => texts.reduce((sum, text) => sum + jsonBytes(text), 0);
// Words and spaces too, as answers are typed: a cut often lands just after a space.
const words = fc.array(fc.constantFrom("the", "bus", "stop", "é", " ", "\n"), { maxLength: 150 }).map((parts) => parts.join(""));
const texts = fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 }), words, fc.constant("€".repeat(500))), { maxLength: 40 });

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

  // The budget is always below what the texts take (and leaves each text room for its "…"), so
  // every run cuts something: a run where all texts fit would check nothing here ("leaves texts
  // that fit alone" covers that case).
  it("cuts a text to its start, whole characters only, and ends it in …; a text under the common length stays whole", () => {
    fc.assert(fc.property(texts, fc.integer({ min: 0, max: 999 }), (given, perMille) => {
      const floor = given.length * jsonBytes("…");
      fc.pre(total(given) > floor);
      const result = shortenToFit(given, floor + Math.floor(((total(given) - floor) * perMille) / 1000));
      expect(result.shortened).toBe(true);
      const cut = given.flatMap((original, index) => (result.texts[index] === original ? [] : [{ original, text: result.texts[index]! }]));
      const whole = given.filter((original, index) => result.texts[index] === original);
      expect(cut.length).toBeGreaterThan(0);
      expect(cut.length + whole.length).toBe(given.length);
      for (const { original, text } of cut) {
        expect(text.endsWith("…")).toBe(true);
        expect(original.startsWith(text.slice(0, -1))).toBe(true);
        // Cut means shorter, "…" and all: never a whole text with "…" added.
        expect(jsonBytes(text)).toBeLessThan(jsonBytes(original));
        expect(text.slice(0, -1)).toBe(text.slice(0, -1).trimEnd());
        // Whole characters: never half of a surrogate pair (an emoji cut in two).
        expect(text.slice(0, -1)).not.toMatch(/[\uD800-\uDBFF]$/);
      }
      // One common length: every text left whole costs less than any text that was cut.
      const longestWhole = Math.max(-1, ...whole.map(jsonBytes));
      const shortestCut = Math.min(...cut.map(({ original }) => jsonBytes(original)));
      expect(longestWhole).toBeLessThan(shortestCut);
    }));
  });

  it("shortens the longest first: a short answer stays whole beside a long one", () => {
    const result = shortenToFit(["Girl", "€".repeat(2000)], 1000);
    expect(result.texts[0]).toBe("Girl");
    expect(result.texts[1]).toMatch(/^€+…$/);
    expect(result.shortened).toBe(true);
  });
});
