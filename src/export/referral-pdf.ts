// A referral as a PDF laid out like the area's own form (issue 11, point 4), for a triage lead to
// put in the case management system: A4, pdf-lib's standard Helvetica (nothing to load, nothing
// to embed), the form's sections in its order (referral-pdf-content.ts), a running header with the
// reference and the form's protective marking where it has one, "Page n of N" in the footer. Long
// answers wrap across lines and pages. Pure: it builds bytes and does nothing else; no input
// makes it throw (standard-font-text.ts makes every string printable).
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { londonTime, referralPdfContent, type PdfBlock, type ReferralPdfInput } from "./referral-pdf-content.ts";
import { fitLine, measureBy, printable, wrapText, type Measure } from "./standard-font-text.ts";
import { PDF_WORDS } from "../words/pdf-words.ts";

export type { HistoryLine, ReferralPdfInput } from "./referral-pdf-content.ts";

// A4 in points; the body sits between the running header and footer.
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 50;
const BODY = { top: PAGE.height - 70, bottom: 62, width: PAGE.width - 2 * MARGIN } as const;
const LABEL_WIDTH = 180;
const GAP = 14;
const VALUE_X = MARGIN + LABEL_WIDTH + GAP;
const VALUE_WIDTH = BODY.width - LABEL_WIDTH - GAP;
const INDENT = 14;
const PAD = 4;

const SIZE = { title: 16, section: 11, entry: 10, label: 9, value: 10, note: 9, running: 8.5 } as const;
const LEADING = 1.3;
const lineHeight = (size: number) => size * LEADING;

const INK = rgb(0, 0, 0);
const MUTED = rgb(0.3, 0.3, 0.3);
const RULE = rgb(0.75, 0.75, 0.75);
const BAR = rgb(0.88, 0.9, 0.93);

export const REPLACED_NOTICE = PDF_WORDS.replacedCharacters;

type Fonts = { readonly regular: PDFFont; readonly bold: PDFFont; readonly oblique: PDFFont };
type Style = { readonly font: PDFFont; readonly size: number; readonly color: RGB };

/** The referral as the area's form, in PDF bytes. */
export async function referralPdf(input: ReferralPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    oblique: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const glyphs = new Set(fonts.regular.getCharacterSet().filter((codePoint) => fonts.bold.getCharacterSet().includes(codePoint)));
  let replaced = 0;
  const print = (text: string) => {
    const result = printable(text, (codePoint) => glyphs.has(codePoint));
    replaced += result.replaced;
    return result.text;
  };

  const { layout, blocks } = referralPdfContent(input);
  const printed = blocks.map((block) => printBlock(block, print));
  const running = {
    left: print(`${input.reference} · ${layout.title}`),
    marking: layout.marking === undefined ? undefined : print(layout.marking),
    printed: print(`Printed ${londonTime(input.printedAt)} (UK time)`),
  };
  if (replaced > 0) printed.splice(1, 0, { kind: "note", text: REPLACED_NOTICE });

  const flow = new PageFlow(doc, fonts);
  printed.forEach((block, index) => flow.draw(block, printed.slice(index + 1)));
  flow.pages.forEach((page, index) => drawRunning(page, fonts, running, `Page ${index + 1} of ${flow.pages.length}`));

  // Nothing personal in the metadata: a file list or a viewer's title bar shows it.
  doc.setTitle(`Referral ${input.reference}`);
  doc.setCreator("safeguard-teams");
  doc.setProducer("pdf-lib");
  if (!Number.isNaN(input.printedAt.getTime())) {
    doc.setCreationDate(input.printedAt);
    doc.setModificationDate(input.printedAt);
  }
  doc.catalog.set(PDFName.of("Lang"), PDFString.of("en-GB"));
  return doc.save();
}

function printBlock(block: PdfBlock, print: (text: string) => string): PdfBlock {
  switch (block.kind) {
    case "title":
      return { kind: "title", title: print(block.title), lines: block.lines.map(print) };
    case "section":
      return { ...block, title: print(block.title) };
    case "entry":
      return { kind: "entry", title: print(block.title) };
    case "pair":
    case "text":
      return { kind: block.kind, label: print(block.label), value: print(block.value) };
    case "note":
      return { kind: "note", text: print(block.text) };
    case "item":
      return { kind: "item", text: print(block.text), detail: block.detail === undefined ? undefined : print(block.detail) };
  }
}

/** The pages as they fill: where the next line goes, and a new page when one is full. */
class PageFlow {
  readonly pages: PDFPage[] = [];
  #page: PDFPage;
  #y = BODY.top;
  #empty = true;
  readonly #measures = new Map<PDFFont, Map<number, Measure>>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.#page = this.#addPage();
  }

  /** Draws a block; a section that keeps together looks at the blocks after it (`following`). */
  draw(block: PdfBlock, following: readonly PdfBlock[] = []): void {
    const { regular, bold, oblique } = this.fonts;
    switch (block.kind) {
      case "title":
        this.#lines(block.title, BODY.width, MARGIN, { font: bold, size: SIZE.title, color: INK });
        for (const line of block.lines) this.#lines(line, BODY.width, MARGIN, { font: regular, size: SIZE.value, color: MUTED });
        this.#y -= 6;
        return;
      case "section": {
        // A section the form keeps together starts a new page only when it does not
        // fit on the rest of this one but fits on a page; a short one leaves no page mostly blank.
        if (block.newPage && !this.#empty) {
          const next = following.findIndex((candidate) => candidate.kind === "section");
          const height = [block, ...(next < 0 ? following : following.slice(0, next))].reduce((sum, part) => sum + this.heightOf(part), 0);
          if (height > this.#y - BODY.bottom && height <= BODY.top - BODY.bottom) this.#newPage();
        }
        const bar = lineHeight(SIZE.section) + 2 * PAD;
        // Keep a section's title with its first lines.
        this.#ensure(bar + 3 * lineHeight(SIZE.value));
        this.#y -= 8;
        this.#page.drawRectangle({ x: MARGIN, y: this.#y - bar, width: BODY.width, height: bar, color: BAR });
        this.#y -= PAD;
        this.#lines(block.title, BODY.width - 2 * PAD, MARGIN + PAD, { font: bold, size: SIZE.section, color: INK });
        this.#y -= PAD + 4;
        return;
      }
      case "entry":
        this.#ensure(lineHeight(SIZE.entry) + 3 * lineHeight(SIZE.value));
        this.#y -= 4;
        this.#lines(block.title, BODY.width, MARGIN, { font: bold, size: SIZE.entry, color: INK });
        this.#y -= 2;
        return;
      case "pair":
        this.#pair(block.label, block.value);
        return;
      case "text":
        this.#ensure(lineHeight(SIZE.label) + lineHeight(SIZE.value) + PAD);
        this.#y -= PAD;
        this.#lines(block.label, BODY.width, MARGIN, { font: bold, size: SIZE.label, color: INK });
        this.#lines(block.value, BODY.width, MARGIN, { font: regular, size: SIZE.value, color: INK });
        this.#rule();
        return;
      case "note":
        this.#y -= PAD;
        this.#lines(block.text, BODY.width, MARGIN, { font: oblique, size: SIZE.note, color: MUTED });
        this.#y -= PAD;
        return;
      case "item":
        this.#y -= PAD;
        this.#lines(block.text, BODY.width, MARGIN, { font: regular, size: SIZE.value, color: INK });
        if (block.detail !== undefined && block.detail.trim() !== "") this.#lines(block.detail, BODY.width - INDENT, MARGIN + INDENT, { font: oblique, size: SIZE.value, color: MUTED });
        this.#rule();
        return;
    }
  }

  /** The height a block takes when drawn in one piece (as draw does, without page breaks). */
  heightOf(block: PdfBlock): number {
    const { regular, bold, oblique } = this.fonts;
    const lines = (text: string, width: number, style: Style) => wrapText(text, width, this.#measure(style)).length * lineHeight(style.size);
    const ink = (font: PDFFont, size: number): Style => ({ font, size, color: INK });
    switch (block.kind) {
      case "title":
        return lines(block.title, BODY.width, ink(bold, SIZE.title)) + block.lines.reduce((sum, line) => sum + lines(line, BODY.width, ink(regular, SIZE.value)), 0) + 6;
      case "section":
        return 8 + 2 * PAD + 4 + lines(block.title, BODY.width - 2 * PAD, ink(bold, SIZE.section));
      case "entry":
        return 6 + lines(block.title, BODY.width, ink(bold, SIZE.entry));
      case "pair":
        return Math.max(lines(block.label, LABEL_WIDTH, ink(bold, SIZE.label)), lines(block.value, VALUE_WIDTH, ink(regular, SIZE.value))) + 2 * PAD + 4;
      case "text":
        return PAD + lines(block.label, BODY.width, ink(bold, SIZE.label)) + lines(block.value, BODY.width, ink(regular, SIZE.value)) + 4;
      case "note":
        return 2 * PAD + lines(block.text, BODY.width, ink(oblique, SIZE.note));
      case "item":
        return PAD + lines(block.text, BODY.width, ink(regular, SIZE.value)) + (block.detail === undefined ? 0 : lines(block.detail, BODY.width - INDENT, ink(oblique, SIZE.value))) + 4;
    }
  }

  /** A short answer beside its label, kept on one page; one too long for a page flows like a long one. */
  #pair(label: string, value: string): void {
    const labelStyle: Style = { font: this.fonts.bold, size: SIZE.label, color: INK };
    const valueStyle: Style = { font: this.fonts.regular, size: SIZE.value, color: INK };
    const labelLines = wrapText(label, LABEL_WIDTH, this.#measure(labelStyle));
    const valueLines = wrapText(value, VALUE_WIDTH, this.#measure(valueStyle));
    const height = Math.max(labelLines.length * lineHeight(SIZE.label), valueLines.length * lineHeight(SIZE.value)) + 2 * PAD;
    if (height > BODY.top - BODY.bottom) {
      this.draw({ kind: "text", label, value });
      return;
    }
    this.#ensure(height);
    const top = this.#y - PAD;
    // The label's lines, then the value's: text read back in drawing order keeps each answer whole.
    this.#column(labelLines, MARGIN, top, labelStyle);
    this.#column(valueLines, VALUE_X, top, valueStyle);
    this.#y -= height;
    this.#empty = false;
    this.#rule();
  }

  #column(lines: readonly string[], x: number, top: number, style: Style): void {
    lines.forEach((line, index) => {
      if (line !== "") this.#page.drawText(line, { x, y: top - index * lineHeight(style.size) - style.size, ...style });
    });
  }

  /** Wrapped text from the current line on, one line at a time, onto new pages as needed. */
  #lines(text: string, width: number, x: number, style: Style): void {
    const height = lineHeight(style.size);
    for (const line of wrapText(text, width, this.#measure(style))) {
      this.#ensure(height);
      if (line !== "") this.#page.drawText(line, { x, y: this.#y - style.size, ...style });
      this.#y -= height;
      this.#empty = false;
    }
  }

  #rule(): void {
    this.#y -= 2;
    if (this.#y > BODY.bottom) this.#page.drawLine({ start: { x: MARGIN, y: this.#y }, end: { x: MARGIN + BODY.width, y: this.#y }, thickness: 0.5, color: RULE });
    this.#y -= 2;
  }

  #ensure(height: number): void {
    if (this.#y - height < BODY.bottom && !this.#empty) this.#newPage();
  }

  #newPage(): void {
    this.#page = this.#addPage();
    this.#y = BODY.top;
    this.#empty = true;
  }

  #addPage(): PDFPage {
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(page);
    return page;
  }

  #measure(style: Style): Measure {
    let bySize = this.#measures.get(style.font);
    if (bySize === undefined) {
      bySize = new Map();
      this.#measures.set(style.font, bySize);
    }
    let measure = bySize.get(style.size);
    if (measure === undefined) {
      measure = measureBy((character) => style.font.widthOfTextAtSize(character, style.size));
      bySize.set(style.size, measure);
    }
    return measure;
  }
}

/** The header (reference and form; the marking) and footer (when printed; the marking; page n of N). */
function drawRunning(page: PDFPage, fonts: Fonts, running: { left: string; marking: string | undefined; printed: string }, pageWords: string): void {
  const small = { size: SIZE.running, color: MUTED } as const;
  const measure = (font: PDFFont) => measureBy((character) => font.widthOfTextAtSize(character, SIZE.running));
  const markingWidth = running.marking === undefined ? 0 : Math.min(measure(fonts.bold)(running.marking), BODY.width / 3);
  const marking = running.marking === undefined ? undefined : fitLine(running.marking, markingWidth, measure(fonts.bold));
  const headerY = PAGE.height - 38;
  page.drawText(fitLine(running.left, BODY.width - markingWidth - GAP, measure(fonts.regular)), { x: MARGIN, y: headerY, font: fonts.regular, ...small });
  if (marking !== undefined) page.drawText(marking, { x: MARGIN + BODY.width - markingWidth, y: headerY, font: fonts.bold, size: SIZE.running, color: INK });
  page.drawLine({ start: { x: MARGIN, y: headerY - 6 }, end: { x: MARGIN + BODY.width, y: headerY - 6 }, thickness: 0.75, color: RULE });

  const footerY = 34;
  page.drawLine({ start: { x: MARGIN, y: footerY + 12 }, end: { x: MARGIN + BODY.width, y: footerY + 12 }, thickness: 0.75, color: RULE });
  const pageWidth = measure(fonts.regular)(pageWords);
  page.drawText(pageWords, { x: MARGIN + BODY.width - pageWidth, y: footerY, font: fonts.regular, ...small });
  if (marking !== undefined) page.drawText(marking, { x: MARGIN + (BODY.width - markingWidth) / 2, y: footerY, font: fonts.bold, size: SIZE.running, color: INK });
  const printedRoom = (marking === undefined ? BODY.width - pageWidth : (BODY.width - markingWidth) / 2) - GAP;
  page.drawText(fitLine(running.printed, printedRoom, measure(fonts.regular)), { x: MARGIN, y: footerY, font: fonts.regular, ...small });
}
