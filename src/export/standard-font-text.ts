// Text for the PDF's standard fonts. pdf-lib's Helvetica encodes WinAnsi only (Latin-1 and a few
// more: about 220 characters) and throws on anything else, while a referral holds whatever was
// typed: other scripts, emoji, control characters. So every string is made printable first: a
// character the font has is kept, one with a near equivalent becomes it ("ł" → "l", "‑" → "-"),
// an invisible one goes, and the rest become "?", counted so the page can say so. Then it is
// wrapped to a width, breaking words longer than a line.

/** Whether the font can draw a code point (pdf-lib: `font.getCharacterSet()`). */
export type HasGlyph = (codePoint: number) => boolean;

export type Printable = { readonly text: string; readonly replaced: number };

// Line breaks of every kind become "\n"; a tab is a space.
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** Characters whose decomposition does not give a Latin letter, mapped by hand. */
const NEAREST: ReadonlyMap<string, string> = new Map([
  ["\u0141", "L"], ["\u0142", "l"], ["\u0110", "D"], ["\u0111", "d"], ["\u0126", "H"], ["\u0127", "h"],
  ["\u0131", "i"], ["\u0138", "k"], ["\u0166", "T"], ["\u0167", "t"], ["\u014A", "N"], ["\u014B", "n"],
  ["\u2010", "-"], ["\u2011", "-"], ["\u2012", "-"], ["\u2015", "\u2014"], ["\u2043", "-"], ["\u2212", "-"],
  ["\u201B", "'"], ["\u201F", '"'], ["\u2032", "'"], ["\u2033", '"'], ["\u02BC", "'"], ["\u2027", "\u00B7"],
  ["\u2190", "<-"], ["\u2192", "->"], ["\u2194", "<->"], ["\u21D2", "=>"], ["\u2264", "<="], ["\u2265", ">="], ["\u2260", "!="],
]);

// Invisible characters (formatting, joiners, bidirectional controls, the BOM, soft hyphens, which
// WinAnsi would draw as a hyphen) and combining marks left over once the base letter was composed
// or replaced: dropped.
const INVISIBLE = /^[\p{Cf}\p{M}]$/u;
const CONTROL = /^\p{Cc}$/u;
const MARKS = /\p{M}/gu;

/** `text` with only characters `has` can draw, line breaks as "\n"; `replaced` counts the "?" put in. */
export function printable(text: string, has: HasGlyph): Printable {
  let out = "";
  let replaced = 0;
  // NFC first, so "e" + combining acute is the one "é" the font has.
  for (const character of text.replace(LINE_BREAKS, "\n").normalize("NFC")) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (character === "\n") out += "\n";
    else if (character === "\t") out += " ";
    else if (CONTROL.test(character)) {
      out += "?";
      replaced += 1;
    } else if (INVISIBLE.test(character)) continue;
    else if (has(codePoint)) out += character;
    else {
      const near = nearest(character, has);
      if (near === undefined) replaced += 1;
      out += near ?? "?";
    }
  }
  return { text: out, replaced };
}

function nearest(character: string, has: HasGlyph): string | undefined {
  const mapped = NEAREST.get(character);
  if (mapped !== undefined) return mapped;
  // Compatibility decomposition without its marks: "ș" → "s", "ﬁ" → "fi", a full-width "Ａ" → "A".
  const decomposed = character.normalize("NFKD").replace(MARKS, "");
  if (decomposed === "" || decomposed === character) return undefined;
  for (const part of decomposed) if (!has(part.codePointAt(0) ?? 0) || CONTROL.test(part)) return undefined;
  return decomposed;
}

/** The width of a printable string at one font and size. */
export type Measure = (text: string) => number;

/**
 * A measure that adds up each character's width, as a viewer draws a plain text string (pdf-lib's
 * own `widthOfTextAtSize` subtracts kerning, which `drawText` does not apply), remembering each.
 */
export function measureBy(widthOfCharacter: (character: string) => number): Measure {
  const widths = new Map<string, number>();
  return (text) => {
    let total = 0;
    for (const character of text) {
      let width = widths.get(character);
      if (width === undefined) {
        width = widthOfCharacter(character);
        widths.set(character, width);
      }
      total += width;
    }
    return total;
  };
}

/**
 * Printable text as lines no wider than `width`: each "\n" starts a new line, runs of spaces count
 * as one, a word wider than a line is cut where it must be, and blank lines at either end and
 * repeated blank lines go. Always at least one line (perhaps "").
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    const words = paragraph.split(" ").filter((word) => word !== "");
    if (words.length === 0) {
      if (lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
      continue;
    }
    let line = "";
    let lineWidth = 0;
    const space = measure(" ");
    for (const word of words) {
      const wordWidth = measure(word);
      if (line !== "" && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== "") lines.push(line);
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      const pieces = cutWord(word, width, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? "";
      lineWidth = measure(line);
    }
    lines.push(line);
  }
  while (lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? [""] : lines;
}

/** A word too wide for a line, in pieces that fit; each piece has at least one character. */
function cutWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  let pieceWidth = 0;
  for (const character of word) {
    const characterWidth = measure(character);
    if (piece !== "" && pieceWidth + characterWidth > width) {
      pieces.push(piece);
      piece = "";
      pieceWidth = 0;
    }
    piece += character;
    pieceWidth += characterWidth;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/** One line cut to `width`, ending in "…" when cut (for the running header and footer). */
export function fitLine(text: string, width: number, measure: Measure): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (measure(flat) <= width) return flat;
  const ellipsis = measure("\u2026");
  let cut = "";
  let used = 0;
  for (const character of flat) {
    const characterWidth = measure(character);
    if (used + characterWidth + ellipsis > width) break;
    cut += character;
    used += characterWidth;
  }
  return `${cut.trimEnd()}\u2026`;
}
