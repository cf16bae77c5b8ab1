// Text for the standard PDF fonts: what Helvetica cannot draw becomes its nearest letter or "?",
// never an exception; wrapping keeps every character, in order, on lines that fit.
import fc from "fast-check";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { fitLine, measureBy, printable, wrapText, type HasGlyph, type Measure } from "../../src/export/standard-font-text.ts";

let has: HasGlyph;
let measure: Measure;
let font: PDFFont;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  font = await doc.embedFont(StandardFonts.Helvetica);
  const glyphs = new Set(font.getCharacterSet());
  has = (codePoint) => glyphs.has(codePoint);
  measure = measureBy((character) => font.widthOfTextAtSize(character, 10));
});

describe("printable", () => {
  it.each([
    ["Latin-1 and WinAnsi's extra characters, as typed", "Zoë – “Ångström” … €5 ß", "Zoë – “Ångström” … €5 ß", 0],
    ["a letter the font lacks, by its nearest", "Łódź Ştefan ı", "Lódz Stefan i", 0],
    ["a combining accent, composed with its letter", "Rene\u0301e", "Renée", 0],
    ["full-width letters and ligatures, by their plain forms", "ＡＢＣ ﬁne", "ABC fine", 0],
    ["dashes and arrows the font lacks", "a\u2011b \u2212 c \u2192 d", "a-b - c -> d", 0],
    ["invisible characters, dropped", "a\u200Bb\u200Dc\uFEFFd\u00ADe\u202Ef", "abcdef", 0],
    ["control characters, as ?", "a\u0000b\u001b[31mc\u007f", "a?b?[31mc?", 3],
    ["emoji, one ? each, joiners and selectors dropped", "hi 👋 👨‍👩‍👧 ❤️", "hi ? ??? ?", 5],
    ["other scripts, one ? a letter", "你好 مرحبا", "?? ?????", 7],
    ["every kind of line break as one newline; a tab as a space", "a\r\nb\rc\u2028d\u0085e\tf", "a\nb\nc\nd\ne f", 0],
    ["a lone surrogate, as ?", "\uD800x\uDFFF", "?x?", 2],
  ])("%s", (_name, input, text, replaced) => {
    expect(printable(input, has)).toEqual({ text, replaced });
  });

  it("never throws, and leaves only what the font draws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (input) => {
        const { text } = printable(input, has);
        for (const character of text) expect(character === "\n" || has(character.codePointAt(0)!)).toBe(true);
        expect(() => font.encodeText(text.replace(/\n/g, " "))).not.toThrow();
      }),
    );
  });
});

describe("wrapText", () => {
  it.each([
    ["empty text is one empty line", "", 100, [""]],
    ["runs of spaces count as one", "a    b", 100, ["a b"]],
    ["blank lines collapse to one, none at the ends", "\n\na\n\n\n\nb\n\n", 100, ["a", "", "b"]],
  ])("%s", (_name, text, width, lines) => {
    expect(wrapText(text, width, measure)).toEqual(lines);
  });

  it("cuts a word wider than the line where it must", () => {
    const lines = wrapText(`start ${"x".repeat(300)} end`, 100, measure);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join("").replace(/\s/g, "")).toBe(`start${"x".repeat(300)}end`);
  });

  it("keeps every character, in order, on lines no wider than asked", () => {
    const printableText = fc.string({ unit: fc.constantFrom(..."ab WMi.\n-é€"), maxLength: 300 });
    fc.assert(
      fc.property(printableText, fc.integer({ min: 20, max: 500 }), (text, width) => {
        const lines = wrapText(text, width, measure);
        for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});

describe("fitLine", () => {
  it("leaves a line that fits as it is, and cuts one that does not with an ellipsis", () => {
    expect(fitLine("KIN-2026-00042 · CSE Referral Form", 400, measure)).toBe("KIN-2026-00042 · CSE Referral Form");
    const cut = fitLine(`KIN-2026-00042 ${"long ".repeat(100)}`, 200, measure);
    expect(cut.startsWith("KIN-2026-00042 long")).toBe(true);
    expect(cut.endsWith("\u2026")).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(200);
  });
});
