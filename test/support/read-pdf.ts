// A PDF read back as a viewer reads it, with Mozilla's PDF.js: each page's text items in drawing
// order, with where they sit, so a test asserts what a reader would find on the page.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type PdfItem = { readonly text: string; readonly x: number; readonly y: number; readonly width: number };
export type PdfPage = { readonly width: number; readonly height: number; readonly items: readonly PdfItem[] };

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // PDF.js may take over the buffer it is given: it gets a copy.
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) => ("str" in item && item.str !== "" ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : []));
      pages.push({ width, height, items });
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** All the text of some pages, items joined by single spaces. */
export function textOf(pages: readonly PdfPage[]): string {
  return pages.flatMap((page) => page.items.map((item) => item.text)).join(" ").replace(/\s+/g, " ");
}
