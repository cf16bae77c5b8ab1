// The details of a referral's channel card cut into pages (DOMAIN.md §9: the triage lead reads the
// whole referral): how high each part of the card is, estimated, and where each page ends.
import type { channelCardData } from "./referral-channel-views.ts";

/**
 * The details come a page at a time, each page a whole card that fits the 900 px a 1400x900 window
 * shows, with the card's heading in view. A triage lead reads the summary above every page, so the
 * pages do not say its facts again (what the check found is said there). The referral's parts fill
 * the pages in the form's order, the essentials a part at a time (the referrer, the child, the
 * worry, parents), then the other parts given and the parts not given (one line); the history
 * starts a page of its own. A part, or a person or place in a list, that fits a page is kept
 * together on one; a longer one goes on over the next page ("(continued)"), an answer moving whole
 * unless it is long: then as much as fits stays, at least three lines each side.
 *
 * The heights are estimated in pixels as the Agents Playground draws the card at 1400x900
 * (test/e2e/playground.browser.test.ts measures them): a line of text 20, the space above each
 * answer 8, a separated part's rule and title 32, a card 446 wide holding about 58 characters a line.
 * A page is held to DETAILS_PAGE_HEIGHT so that a host whose font is a little larger or wider
 * (another chromium drew the same cards about 4% higher) still keeps it within 900.
 */
export const DETAILS_PAGE_HEIGHT = 820;
const PX = { padding: 16, line: 20, row: 8, section: 32, separated: 13, heading: 24, fact: 28, detailsHeading: 72, pager: 72, buttons: 84 } as const;
const CHARACTERS_A_LINE = 58;
const HEADING_CHARACTERS_A_LINE = 34;
const FACT_CHARACTERS_A_LINE = 40;
// The characters cards/referral-channel.json puts around the reference and area in the heading
// ("Referral KIN-2026-00042 · Kingston upon Thames") and before the category line ("Provisional
// result of the practitioner's check: ").
const HEADING_WORDS = 12;
const PROVISIONAL_WORDS = 48;
/** An answer longer than this many lines may go on over the next page where at least LEAST_LINES_SPLIT of its lines fit on this one; a shorter one moves whole. */
const LONG_ANSWER_LINES = 6;
const LEAST_LINES_SPLIT = 3;

/** How many lines a text takes at `width` characters a line, each of its paragraphs on a line of its own. */
function wrapped(text: string, width = CHARACTERS_A_LINE): number {
  return text.split("\n").reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / width)), 0);
}

/** The card's height around the details' parts: the summary above them, the details' heading, `extras` (lines such as an earlier referral), the pager and the buttons. */
export function heightAround(data: ReturnType<typeof channelCardData>, extras: readonly string[]): number {
  const textLines = (texts: readonly string[]) => texts.reduce((sum, text) => sum + PX.row + PX.line * wrapped(text), 0);
  return (
    PX.padding +
    PX.heading * Math.ceil((HEADING_WORDS + data.reference.length + data.areaName.length) / HEADING_CHARACTERS_A_LINE) +
    (data.note === "" ? 0 : textLines([data.note])) +
    // The emergency line, the provisional result, the urgency; the offences in a box of their own.
    PX.row + PX.line +
    PX.row + PX.line * Math.ceil((PROVISIONAL_WORDS + data.categoryLine.length) / CHARACTERS_A_LINE) +
    textLines([data.urgencyText]) +
    (data.offences.length === 0 ? 0 : PX.separated + textLines(data.offences.map((offence) => offence.text))) +
    data.facts.reduce<number>((sum, fact) => sum + PX.fact + PX.line * (wrapped(fact.value, FACT_CHARACTERS_A_LINE) - 1), PX.separated) +
    (data.assignee === "" ? 0 : PX.row + PX.line) +
    // "Details: only you see them" and the two lines under it.
    PX.detailsHeading +
    (extras.length === 0 ? 0 : PX.separated + textLines(extras)) +
    PX.pager +
    PX.buttons +
    PX.padding
  );
}

/** One answer (or line) of the details, where it belongs: a part, and in a list an entry; or the parts not given; or a step of the history. */
export type Piece =
  | { kind: "line"; section: number; entry: number | undefined; label: string; value: string; startsPart: boolean; startsEntry: boolean }
  | { kind: "notGiven"; text: string }
  | { kind: "history"; text: string; said: string };

/** What a page shows so far: the parts and entries begun on it, and whether its history has its title. */
type Opened = Set<string>;
const keyOf = (piece: Piece): string[] =>
  piece.kind === "line" ? [`s${piece.section}`, ...(piece.entry === undefined ? [] : [`s${piece.section}e${piece.entry}`])] : piece.kind === "history" ? ["history"] : [];

/** The height a piece adds to a page: its text, and the title of a part or entry it begins there. */
function heightOf(piece: Piece, opened: Opened, textLines: number): number {
  if (piece.kind === "notGiven") return PX.separated + PX.line * textLines;
  if (piece.kind === "history") return (opened.has("history") ? 0 : PX.section) + PX.row + PX.line * textLines;
  const part = opened.has(`s${piece.section}`) ? 0 : PX.section;
  // A list's entry is one block: its title on a line of its own, then its answers without space between.
  if (piece.entry !== undefined) return part + (opened.has(`s${piece.section}e${piece.entry}`) ? 0 : PX.row + PX.line) + PX.line * textLines;
  return part + PX.row + PX.line * textLines;
}

const linesOfPiece = (piece: Piece): number =>
  piece.kind === "notGiven" ? wrapped(piece.text) : piece.kind === "history" ? wrapped(`${piece.text}${piece.said}`) : wrapped(`${piece.label}${piece.value}`);

/** The longest start of `body` that, after `before`, takes at most `lines` lines; cut at a space where one is near, never inside a character. */
function cutToLines(before: string, body: string, lines: number): number {
  let low = 0;
  let high = body.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (wrapped(`${before}${body.slice(0, middle)}`) <= lines) low = middle;
    else high = middle - 1;
  }
  const space = Math.max(body.lastIndexOf(" ", low), body.lastIndexOf("\n", low));
  const cut = Math.max(1, space > low * 0.8 ? space : low);
  // A character outside the Basic Multilingual Plane is two code units: keep them together.
  return /[\uD800-\uDBFF]/.test(body.charAt(cut - 1)) ? cut + 1 : cut;
}

/** An answer, or a step of the history, split after `lines` lines: what fits, and the rest, which goes on without its label. */
type Splittable = Exclude<Piece, { kind: "notGiven" }>;
function split(piece: Splittable, lines: number): [Splittable, Splittable] {
  if (piece.kind === "line") {
    const cut = cutToLines(piece.label, piece.value, lines);
    return [{ ...piece, value: piece.value.slice(0, cut).trimEnd() }, { ...piece, label: "", value: piece.value.slice(cut).trimStart(), startsPart: false, startsEntry: false }];
  }
  const cut = cutToLines(piece.text, piece.said, lines);
  return [{ ...piece, said: piece.said.slice(0, cut).trimEnd() }, { ...piece, text: "", said: piece.said.slice(cut).trimStart() }];
}

/** The pieces that read as one with `first`, from `at` in `pieces`: the rest of its part, or of its entry in a list. */
function blockFrom(pieces: readonly Piece[], at: number, first: Extract<Piece, { kind: "line" }>, whole: "part" | "entry"): Piece[] {
  const block: Piece[] = [first];
  for (let index = at; index < pieces.length; index += 1) {
    const next = pieces[index]!;
    if (next.kind !== "line" || next.section !== first.section || (whole === "entry" && next.entry !== first.entry)) break;
    block.push(next);
  }
  return block;
}

/** The height pieces add to a page where `opened` is begun already. */
function heightOfAll(block: readonly Piece[], opened: Opened): number {
  const seen = new Set(opened);
  return block.reduce((sum, piece) => {
    const height = heightOf(piece, seen, linesOfPiece(piece));
    for (const key of keyOf(piece)) seen.add(key);
    return sum + height;
  }, 0);
}

/**
 * The pieces cut into pages of at most `room(page)` pixels each. A part, or an entry of a list,
 * that fits a page is kept together on one; the history begins a page of its own.
 */
export function pagesOfPieces(pieces: readonly Piece[], room: (page: number) => number): Piece[][] {
  const pages: Piece[][] = [[]];
  let used = 0;
  let opened: Opened = new Set();
  const newPage = () => {
    pages.push([]);
    used = 0;
    opened = new Set();
  };
  /** Whether `block`, begun here, had better begin the next page: it does not fit what is left of this one, and fits a page of its own. */
  const keptTogether = (block: readonly Piece[]) => heightOfAll(block, opened) > room(pages.length - 1) - used && heightOfAll(block, new Set()) <= room(pages.length);
  let rest: Piece | undefined;
  for (let next = 0; rest !== undefined || next < pieces.length; ) {
    const piece = rest ?? pieces[next++]!;
    const continues = rest !== undefined;
    rest = undefined;
    const page = pages.at(-1)!;
    // The history after the referral's parts, on a page of its own (the parts not given may come before it).
    const historyBegins = piece.kind === "history" && page.some((shown) => shown.kind === "line");
    const blockMoves =
      !continues &&
      piece.kind === "line" &&
      page.length > 0 &&
      ((piece.startsPart && keptTogether(blockFrom(pieces, next, piece, "part"))) || (piece.startsEntry && keptTogether(blockFrom(pieces, next, piece, "entry"))));
    if (historyBegins || blockMoves) newPage();
    const lines = linesOfPiece(piece);
    const left = room(pages.length - 1) - used;
    if (heightOf(piece, opened, lines) <= left) {
      pages.at(-1)!.push(piece);
      used += heightOf(piece, opened, lines);
      for (const key of keyOf(piece)) opened.add(key);
      continue;
    }
    // Too long for what is left: on the next page if it fits a page, else as much as fits here and the rest after.
    // No fewer than LEAST_LINES_SPLIT lines of an answer on either page.
    const linesHere = Math.min(Math.floor((left - heightOf(piece, opened, 0)) / PX.line), lines - LEAST_LINES_SPLIT);
    const fitsAPage = heightOf(piece, new Set(), lines) <= room(pages.length);
    const movesWhole = piece.kind === "notGiven" || (fitsAPage && lines <= LONG_ANSWER_LINES) || linesHere < LEAST_LINES_SPLIT;
    if (pages.at(-1)!.length > 0 && movesWhole) {
      newPage();
      rest = piece;
      continue;
    }
    if (piece.kind === "notGiven") {
      pages.at(-1)!.push(piece);
      continue;
    }
    const [head, tail] = split(piece, Math.max(LEAST_LINES_SPLIT, linesHere));
    pages.at(-1)!.push(head);
    newPage();
    if ((tail.kind === "line" ? tail.value : tail.said) !== "") rest = tail;
  }
  return pages;
}
