// The details cut into pages that each fit the window: short answers move whole, a long one goes
// on over the next page with a few lines on each, the parts not given stay one line, the history
// begins a page of its own, and nothing typed is lost or cut inside a character.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pagesOfPieces, type Piece } from "../../src/cards/referral-details-pages.ts";

const line = (section: number, value: string, startsPart = true): Piece => ({ kind: "line", section, entry: undefined, label: "Label: ", value, startsPart, startsEntry: false });
/** A part's answers, one piece each. */
const part = (section: number, ...values: string[]) => values.map((value, index) => line(section, value, index === 0));
/** A list's part: its entries, each of `lines` answers of one line. */
const entries = (section: number, ...lines: number[]): Piece[] =>
  lines.flatMap((count, entry) => Array.from({ length: count }, (_, at): Piece => ({ kind: "line", section, entry, label: "Name: ", value: `entry ${entry} answer ${at}`, startsPart: entry === 0 && at === 0, startsEntry: at === 0 })));
const history = (text: string, said = ""): Piece => ({ kind: "history", text, said });
const notGiven: Piece = { kind: "notGiven", text: `Not given: ${"A part; ".repeat(30)}` };
/** A text of `lines` lines at the card's width (58 characters), a paragraph of words each. */
const words = (lines: number) => Array.from({ length: lines }, (_, index) => `line ${index} of some words that fill it up`).join("\n");
const kinds = (pages: Piece[][]) => pages.map((page) => page.map((piece) => piece.kind));
const valuesOf = (pages: Piece[][]) => pages.map((page) => page.map((piece) => (piece.kind === "line" ? piece.value : piece.kind === "history" ? piece.said : piece.text)));

describe("the details' pages", () => {
  // 300 px: a part's title (32) and thirteen lines of 20, with the space above the answer (8).
  const room = () => 300;

  it("moves a short answer that does not fit whole to the next page", () => {
    const pages = pagesOfPieces(part(0, words(5), words(5), words(5)), room);
    expect(valuesOf(pages)).toEqual([[words(5), words(5)], [words(5)]]);
  });

  it("goes on with a long answer over the next page, at least three lines on each", () => {
    const long = words(20);
    const pages = pagesOfPieces(part(0, words(2), long), room);
    expect(pages).toHaveLength(2);
    const [first, second] = pages;
    expect(first).toHaveLength(2);
    expect(second).toEqual([expect.objectContaining({ kind: "line", label: "", startsPart: false })]);
    expect(valuesOf(pages).map((values) => values.at(-1)!.split("\n").length)).toEqual([10, 10]);
    expect(valuesOf(pages).flat().slice(1).join("\n")).toBe(long);
  });

  it("keeps the parts not given on one line, and puts the history after the referral's parts on a page of its own", () => {
    const pages = pagesOfPieces([line(0, words(1)), notGiven, history("10:02 · Submitted"), history("10:20 · Asked: ", "Which bus?")], room);
    expect(kinds(pages)).toEqual([["line", "notGiven"], ["history", "history"]]);
    const crowded = pagesOfPieces([line(0, words(8)), notGiven, history("10:02 · Submitted")], room);
    expect(kinds(crowded)).toEqual([["line"], ["notGiven", "history"]]);
    expect(kinds(pagesOfPieces([history("10:02 · Submitted")], room))).toEqual([["history"]]);
  });

  // A part, or a person or place, read as one: on the next page whole where it fits one.
  it("keeps a part, and an entry of a list, together on the next page where it fits one", () => {
    const pages = pagesOfPieces([...part(0, words(6)), ...part(1, words(2), words(2), words(2))], room);
    expect(pages.map((page) => page.length)).toEqual([1, 3]);
    // Four people are more than a page: the first beside the part before, the others together on the next.
    const listed = pagesOfPieces([...part(0, words(5)), ...entries(1, 3, 3, 3, 3)], room);
    expect(listed.map((page) => page.map((piece) => (piece.kind === "line" ? piece.entry : undefined)))).toEqual([[undefined, 0, 0, 0], [1, 1, 1, 2, 2, 2, 3, 3, 3]]);
    // Longer than a page, a part flows on over the next.
    const flowing = pagesOfPieces([...part(0, words(5)), ...part(1, ...Array.from({ length: 12 }, () => words(1)))], room);
    expect(flowing[0]!.length).toBeGreaterThan(1);
  });

  it("goes on with what was said in a long step of the history", () => {
    const said = words(25);
    const pages = pagesOfPieces([history("10:20 · Asked: ", said)], room);
    expect(pages).toHaveLength(2);
    expect(valuesOf(pages).flat().join("\n")).toBe(said);
    expect(pages[1]).toEqual([{ kind: "history", text: "", said: expect.any(String) }]);
  });

  it("a first page with less room (an earlier referral above) holds less", () => {
    const pieces = part(0, ...Array.from({ length: 6 }, () => words(1)));
    const pages = pagesOfPieces(pieces, (page) => (page === 0 ? 120 : 300));
    expect(pages.map((page) => page.length)).toEqual([3, 3]);
  });

  // Law: whatever the answers and the room, every character typed is on a page, in order, and no
  // character outside the Basic Multilingual Plane is cut in two.
  it("loses nothing typed, whatever the answers", () => {
    const text = fc.array(fc.oneof(fc.constantFrom(" ", "\n", "€", "😀"), fc.string({ minLength: 1, maxLength: 12 })), { maxLength: 200 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.integer({ min: 200, max: 600 }), (values, height) => {
        const pieces = values.map((value, index) => line(index, value));
        const pages = pagesOfPieces(pieces, () => height);
        const shown = valuesOf(pages).flat();
        expect(shown.join("").replace(/\s+/g, "")).toBe(values.join("").replace(/\s+/g, ""));
        for (const value of shown) expect(value).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }),
    );
  });
});
