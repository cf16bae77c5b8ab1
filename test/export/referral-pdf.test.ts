// The referral PDF read back with PDF.js, as a triage lead's viewer reads it: every filled field's
// label and value on the page, nothing of an empty field, the order of the area's own form, the
// form's marking and page numbers on every page, long text wrapped inside the margins and over
// pages, and hostile text that prints (as "?" where it must) without ever throwing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REFERRAL_FIELDS, fieldId, isListGroup, maxEntriesOf, type FieldSpec } from "../../src/domain/referral-fields.ts";
import type { Referral } from "../../src/domain/referral.ts";
import type { TriageState } from "../../src/domain/triage.ts";
import { displayValue } from "../../src/cards/referral-sections.ts";
import { KINGSTON_RICHMOND_FORM, LAMBETH_MARF, formLayoutFor } from "../../src/words/referral-form-layouts.ts";
import { readerLabel } from "../../src/words/reader-labels.ts";
import { PURGED_WORDS, referralPdfContent } from "../../src/export/referral-pdf-content.ts";
import { REPLACED_NOTICE, referralPdf, type ReferralPdfInput } from "../../src/export/referral-pdf.ts";
import { FROM_CHECK, markedReferral, sparseReferral, wordsOfLength } from "../support/marked-referral.ts";
import { readPdf, textOf, type PdfPage } from "../support/read-pdf.ts";

const AREA_NAMES: Readonly<Record<string, string>> = { kingston: "Kingston upon Thames", richmond: "Richmond upon Thames", lambeth: "Lambeth", sutton: "Sutton" };
const SAM = { id: "aad-sam", name: "Sam Lead" };
const JO = { id: "aad-jo", name: "Jo Lead" };
const at = (text: string) => new Date(text);

const DECIDED: TriageState = {
  status: "decided",
  version: 4,
  acknowledged: { by: SAM, at: at("2026-11-24T10:05:00Z") },
  assigned: { by: SAM, at: at("2026-11-24T10:06:00Z") },
  assignee: JO,
  decided: { by: JO, at: at("2026-11-25T09:00:00Z") },
  decision: { outcome: "transfer-to-other-area", area: "Sutton" },
};

function inputFor(referral: Referral | undefined, areaId = "kingston", overrides: Partial<ReferralPdfInput> = {}): ReferralPdfInput {
  return {
    referral,
    reference: "KIN-2026-00042",
    area: { id: areaId, name: AREA_NAMES[areaId] ?? areaId },
    submittedAt: at("2026-11-24T10:02:00Z"),
    result: { category: FROM_CHECK.category, flags: FROM_CHECK.flags, unconfirmed: FROM_CHECK.unconfirmed },
    triage: DECIDED,
    history: [
      { at: at("2026-11-24T10:02:00Z"), who: "Alex Teacher", what: "Submitted" },
      { at: at("2026-11-24T10:05:00Z"), who: "Sam Lead", what: "Acknowledged" },
      { at: at("2026-11-25T09:00:00Z"), who: "Jo Lead", what: "Decided: transfer to another area", said: "Hi5tory-said: the family moved to Sutton last week." },
    ],
    printedAt: at("2026-11-26T14:30:00Z"),
    ...overrides,
  };
}

const RUNNING = [/^Page \d+ of \d+$/, /^Printed .* \(UK time\)$/, /^CONFIDENTIAL$/, /^KIN-2026-00042 · /];
const isRunning = (text: string) => RUNNING.some((pattern) => pattern.test(text.trim()));

/** The pages' text without the running header and footer, so a text that goes over a page reads on. */
function bodyOf(pages: readonly PdfPage[]): string {
  return textOf(pages.map((page) => ({ ...page, items: page.items.filter((item) => !isRunning(item.text)) })));
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();
const FIELD_BY_ID = new Map<string, FieldSpec>(REFERRAL_FIELDS.map((field) => [fieldId(field), field]));
/** "personsOfInterest.3.name" → the field "personsOfInterest.name". */
const fieldOfPath = (path: string) => FIELD_BY_ID.get(path.replace(/\.\d+\./, "."));

async function pdfOf(input: ReferralPdfInput): Promise<PdfPage[]> {
  return readPdf(await referralPdf(input));
}

// The PDF is read by the triage team and the meeting, not the referrer.
describe("the PDF's labels are for its reader", () => {
  it.each(["kingston", "lambeth"])("%s: no label says \"you\" or \"your\"; the referrer and the worry are named", (area) => {
    const { blocks } = referralPdfContent(inputFor(markedReferral({ area }).referral, area));
    const labels = blocks.flatMap((block) => ("label" in block ? [block.label] : []));
    expect(labels).toEqual(expect.arrayContaining(["Referrer", "The worry"]));
    expect(labels.filter((label) => /\b(you|your)\b/i.test(label))).toEqual([]);
  });
});

describe("every filled field is printed, label then value", () => {
  it.each(["kingston", "lambeth"])("a full referral (20 people, 20 places, 4 parents or carers, 8 other children) for %s", async (area) => {
    const marked = markedReferral({ area });
    const pages = await pdfOf(inputFor(marked.referral, area));
    const body = bodyOf(pages);
    const missing = [...marked.typed].filter(([path, raw]) => {
      const field = fieldOfPath(path);
      return field === undefined || !body.includes(flat(`${readerLabel(field)} ${displayValue(field, raw)}`));
    });
    expect(missing.map(([path]) => path)).toEqual([]);
    expect(marked.typed.size).toBe(REFERRAL_FIELDS.reduce((sum, field) => sum + (isListGroup(field.group) ? maxEntriesOf(field.group) : 1), 0));
    // Each entry of every list under its own heading, counted.
    const form = formLayoutFor(area);
    for (const part of form.parts.filter((candidate) => candidate.entryTitle !== undefined)) {
      const count = isListGroup(part.group) ? maxEntriesOf(part.group) : 0;
      expect(count, part.group).toBeGreaterThan(0);
      for (let entry = 1; entry <= count; entry += 1) expect(body).toContain(`${part.entryTitle} ${entry} of ${count}`);
    }
  });

  it("the front door's record, the check's result and the history are printed", async () => {
    const body = bodyOf(await pdfOf(inputFor(markedReferral().referral)));
    for (const expected of [
      "Reference KIN-2026-00042",
      "Area Kingston upon Thames",
      "Submitted (UK time) 24 November 2026 at 10:02",
      "Status Decided",
      "Acknowledged Sam Lead, 24 November 2026 at 10:05",
      "Assigned to Jo Lead (assigned by Sam Lead, 24 November 2026 at 10:06)",
      "Decision Transfer to another area: Sutton",
      "Decided Jo Lead, 25 November 2026 at 09:00",
      'Provisional result Category 2 (unconfirmed: a "not sure" answer raised it)',
      "Also flagged Missing; Repeatedly missing; Looked after",
      "Looked after Yes, placed out of area",
      "• Unexplained money, phones, clothes, jewellery or other items",
      "25 November 2026 at 09:00 · Jo Lead · Decided: transfer to another area Hi5tory-said: the family moved to Sutton last week.",
    ]) {
      expect(body).toContain(expected);
    }
  });
});

describe("an empty field is not printed at all", () => {
  it.each(["kingston", "lambeth"])("%s: no label for a field left empty, yet each would be printed if filled", async (area) => {
    const sparse = sparseReferral(area);
    const [sparseBody, fullBody] = await Promise.all([
      pdfOf(inputFor(sparse.referral, area)).then(bodyOf),
      pdfOf(inputFor(markedReferral({ area }).referral, area)).then(bodyOf),
    ]);
    const filledLabels = new Set([...sparse.typed.keys()].map((path) => (fieldOfPath(path) === undefined ? undefined : readerLabel(fieldOfPath(path)!))));
    // A field left empty whose label a filled one shares ("Name", "Date of birth") cannot be told apart by its label.
    const empty = REFERRAL_FIELDS.filter((field) => !sparse.typed.has(isListGroup(field.group) ? `${field.group}.0.${field.key}` : fieldId(field)) && !filledLabels.has(readerLabel(field)));
    expect(empty.length).toBeGreaterThan(40);
    for (const field of empty) {
      expect(fullBody, fieldId(field)).toContain(readerLabel(field));
      expect(sparseBody, fieldId(field)).not.toContain(readerLabel(field));
    }
    for (const [path, raw] of sparse.typed) expect(sparseBody, path).toContain(flat(`${fieldOfPath(path) === undefined ? undefined : readerLabel(fieldOfPath(path)!)} ${displayValue(fieldOfPath(path)!, raw)}`));
    // A section left empty keeps its title and says so; its fields do not appear empty.
    expect(sparseBody).toMatch(/MASE (Referral Information|information \(not on the MARF\)) Nothing given\./);
  });

  it("a referral whose personal details were purged prints its record and history, and says why the rest is missing", async () => {
    const marked = markedReferral();
    const body = bodyOf(await pdfOf(inputFor(undefined)));
    expect(body).toContain(PURGED_WORDS);
    expect(body).toContain("Decision Transfer to another area: Sutton");
    expect(body).toContain("Hi5tory-said");
    for (const marker of marked.markers) expect(body.toUpperCase()).not.toContain(marker);
    for (const field of REFERRAL_FIELDS) expect(body).not.toContain(readerLabel(field));
  });
});

describe("the area's own form", () => {
  const positions = async (area: string) => {
    const marked = markedReferral({ area });
    const pages = await pdfOf(inputFor(marked.referral, area));
    const body = bodyOf(pages);
    const where = (path: string) => {
      const field = fieldOfPath(path)!;
      const index = body.indexOf(flat(`${readerLabel(field)} ${displayValue(field, marked.typed.get(path)!)}`));
      expect(index, path).toBeGreaterThanOrEqual(0);
      return index;
    };
    return { pages, body, where, typed: marked.typed };
  };

  // The MASE section is kept together, but a page is left mostly blank only when it must be.
  it("Kingston & Richmond: the MASE section stays on the page before it when it fits there", async () => {
    const sparse = sparseReferral("kingston").referral;
    // Referrals of a few lengths, so that on some the short MASE section fits below what comes before it.
    const samePage: boolean[] = [];
    for (const people of [0, 1, 2, 3, 4]) {
      const personsOfInterest = Array.from({ length: people }, (_, index) => ({ name: `Person ${index + 1}` }));
      const pages = await pdfOf(inputFor({ ...sparse, personsOfInterest, locationsOfInterest: [] } as Referral, "kingston"));
      const pageOf = (text: string) => pages.findIndex((page) => page.items.some((item) => item.text === text));
      expect(pageOf("MASE Referral Information")).toBeGreaterThanOrEqual(0);
      samePage.push(pageOf("MASE Referral Information") === pageOf("Parental responsibility (not on the form)"));
    }
    expect(samePage).toContain(true);
  });

  it("Kingston & Richmond: people and places of interest before the concerns, date of birth before ethnicity, MASE information last, kept together", async () => {
    const { pages, body, where, typed } = await positions("kingston");
    const pageWith = (marker: string) => pages.findIndex((page) => page.items.some((item) => item.text.includes(marker)));
    const maseMarkers = [...typed].filter(([path]) => path.startsWith("mase.")).map(([, value]) => /Q\d{3}Q/i.exec(value)?.[0]).filter((marker): marker is string => marker !== undefined);
    expect(maseMarkers.length).toBeGreaterThan(0);
    // Longer than a page here, so it goes on from where the page before it ended, its answers from the title's page on.
    const titlePage = pages.findIndex((page) => page.items.some((item) => item.text === "MASE Referral Information"));
    expect(Math.min(...maseMarkers.map(pageWith))).toBe(titlePage);
    expect(where("personsOfInterest.0.name")).toBeLessThan(where("concern.worries"));
    expect(where("locationsOfInterest.19.place")).toBeLessThan(where("concern.worries"));
    expect(where("child.dateOfBirth")).toBeLessThan(where("child.ethnicity"));
    expect(where("referrer.agency")).toBeLessThan(where("referrer.role"));
    expect(where("parentalResponsibility.told")).toBeLessThan(where("mase.missingEpisodes"));
    expect(body).toContain("CSE Referral Form");
    const masePage = pages.findIndex((page) => page.items.some((item) => item.text === "MASE Referral Information"));
    expect(masePage).toBeGreaterThan(0);
    const firstOnPage = pages[masePage]!.items.find((item) => item.text.trim() !== "" && !isRunning(item.text));
    expect(firstOnPage?.text).toBe("MASE Referral Information");
  });

  it("Lambeth's MARF: the worries before people and places, ethnicity before date of birth, parental responsibility last", async () => {
    const { body, where } = await positions("lambeth");
    expect(where("concern.worries")).toBeLessThan(where("personsOfInterest.0.name"));
    expect(where("child.ethnicity")).toBeLessThan(where("child.dateOfBirth"));
    expect(where("child.address")).toBeLessThan(where("child.alias"));
    expect(where("mase.additionalIntelligence")).toBeLessThan(where("parentalResponsibility.told"));
    expect(body).toContain("Multi-Agency Referral Form (MARF)");
  });

  it.each([
    ["kingston", KINGSTON_RICHMOND_FORM],
    ["lambeth", LAMBETH_MARF],
  ] as const)("%s: every field in the order of its form's table", async (area, form) => {
    const { where, typed } = await positions(area);
    const order = form.parts.flatMap((part): string[] =>
      isListGroup(part.group)
        ? Array.from({ length: maxEntriesOf(part.group) }, (_, entry) => part.fields.map((id) => id.replace(".", `.${entry}.`))).flat()
        : [...part.fields],
    );
    // In a list, a date, phone number or choice is the same in every entry, so could be found in any: only marked values there.
    const found = order.filter((path) => !/\.\d+\./.test(path) || /Q\d{3}Q/i.test(typed.get(path) ?? "")).map(where);
    expect(found).toEqual([...found].sort((a, b) => a - b));
  });

  it("Richmond, and an area with no form of its own, print Kingston & Richmond's", async () => {
    const markersIn = async (area: string) => {
      const marked = markedReferral({ area, people: 2, places: 2 });
      return bodyOf(await pdfOf(inputFor(marked.referral, area))).match(/Q\d{3}Q/gi);
    };
    const kingston = await markersIn("kingston");
    expect(await markersIn("richmond")).toEqual(kingston);
    expect(await markersIn("sutton")).toEqual(kingston);
    expect(await markersIn("lambeth")).not.toEqual(kingston);
  });

  it("every page has the reference in its header and its number in the footer; the MARF's marking on Lambeth's only", async () => {
    for (const area of ["kingston", "lambeth"]) {
      const pages = await pdfOf(inputFor(markedReferral({ area }).referral, area));
      expect(pages.length).toBeGreaterThan(2);
      pages.forEach((page, index) => {
        const texts = page.items.map((item) => item.text);
        expect(texts.some((text) => text.startsWith("KIN-2026-00042 · "))).toBe(true);
        expect(texts).toContain(`Page ${index + 1} of ${pages.length}`);
        expect(texts).toContain("Printed 26 November 2026 at 14:30 (UK time)");
        expect(texts.filter((text) => text === "CONFIDENTIAL").length).toBe(area === "lambeth" ? 2 : 0);
      });
    }
  });
});

describe("long text", () => {
  it("wraps inside the margins, every answer at its longest", async () => {
    const marked = markedReferral({ long: true });
    const pages = await pdfOf(inputFor(marked.referral));
    expect(bodyOf(pages)).toContain(flat(`Referrer's organisation ${marked.typed.get("referrer.agency")}`));
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.x).toBeGreaterThanOrEqual(49);
        expect(item.x + item.width).toBeLessThanOrEqual(page.width - 49);
      }
    }
  });

  it("longer than a page, goes on over the next, whole and in order", async () => {
    const marked = markedReferral({ people: 0, places: 0 });
    const worries = wordsOfLength("Zz-long-worry", 12_000);
    const referral = { ...marked.referral, concern: { ...marked.referral.concern, worries } };
    const pages = await pdfOf(inputFor(referral));
    const pagesWithIt = pages.filter((page) => page.items.some((item) => item.text.startsWith("Zz-long-worry") || worries.includes(item.text) && item.text.length > 40));
    expect(pagesWithIt.length).toBeGreaterThanOrEqual(3);
    expect(bodyOf(pages)).toContain(`The worry ${worries}`);
  });
});

const HOSTILE = [
  "Zoë Ångström-Łukasz Ştefan “quoted” – dash … €5",
  "ctrl:\u0000\u0001\u0007\u001b[31m\u007f\u0085\u009b end",
  "emoji 👩‍👩‍👧 🏳️‍🌈 🔥🔥 ✅ end",
  "rtl: مرحبا بالعالم \u202Eevil\u202C שלום",
  "cjk: 你好，世界 こんにちは 안녕하세요",
  "indic: नमस्ते দেবনাগরী தமிழ்",
  "lone surrogates \uD800 \uDFFF and zero width \u200B\u200D\uFEFF",
  `long word: ${"x".repeat(5_000)}`,
  "lines\r\nand\rbreaks\u2028and\u2029paragraphs\n\n\n\nafter blank lines\ttab",
  "=HYPERLINK(\"http://example.test\") + fullwidth ＡＢＣ ligature ﬁ",
].join("\n");

/** Every text field of a referral, and of its people and places, set to `text` (no validation: the worst a caller could hand over). */
function hostileReferral(text: string): Referral {
  const base = markedReferral({ people: 2, places: 2 }).referral;
  const fill = (group: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(group).map(([key, value]) => [key, typeof value === "string" ? text : value]));
  return {
    ...base,
    referrer: fill(base.referrer),
    child: fill(base.child),
    concern: fill(base.concern),
    personsOfInterest: base.personsOfInterest.map(fill),
    locationsOfInterest: base.locationsOfInterest.map(fill),
    mase: fill(base.mase),
    parentalResponsibility: fill(base.parentalResponsibility),
  } as Referral;
}

describe("hostile text", () => {
  it("control characters, emoji, other scripts and endless words print, as '?' where the font has no letter, and say so", async () => {
    const pages = await pdfOf(inputFor(hostileReferral(HOSTILE), "lambeth"));
    expect(pages.length).toBeGreaterThan(1);
    const body = bodyOf(pages);
    expect(body).toContain(REPLACED_NOTICE);
    // Latin-1 and WinAnsi characters as typed; others by their nearest letter.
    expect(body).toContain("Zoë Ångström-Lukasz Stefan “quoted” – dash … €5");
    expect(body).toContain("fullwidth ABC ligature fi");
    expect(body).toContain("cjk: ??,?? ????? ?????");
    expect(body).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b\u200d\u202e\ufeff]/);
    expect(body).not.toMatch(/[\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0900-\u0bff]|\p{Extended_Pictographic}/u);
    // The 5,000-letter word is all there, cut into lines that fit.
    expect(body.replace(/\s/g, "")).toContain("x".repeat(5_000));
    for (const page of pages) for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width - 49);
  });

  it("a hostile reference, area name and history still give a PDF that opens, with its header cut to fit", async () => {
    const pages = await pdfOf(
      inputFor(markedReferral({ people: 1, places: 1 }).referral, "lambeth", {
        reference: `KIN-2026-00042 ${HOSTILE.slice(0, 300)}`,
        area: { id: "lambeth", name: HOSTILE },
        history: [{ at: at("2026-11-24T10:02:00Z"), who: HOSTILE, what: HOSTILE, said: HOSTILE }],
      }),
    );
    expect(textOf(pages)).toContain(REPLACED_NOTICE);
    for (const page of pages) {
      expect(page.items.some((item) => item.text.startsWith("KIN-2026-00042 Zoë") && item.text.endsWith("…"))).toBe(true);
      for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width - 49);
    }
  });

  it("any string in any field, the area's name or the history gives a PDF that opens", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 80 }), async (text, name) => {
        const bytes = await referralPdf(inputFor(hostileReferral(text), "kingston", { area: { id: name, name }, history: [{ at: new Date(Number.NaN), who: name, what: text, said: text }] }));
        const pages = await readPdf(bytes);
        expect(pages.length).toBeGreaterThan(0);
        expect(pages.at(-1)?.items.some((item) => item.text === `Page ${pages.length} of ${pages.length}`)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it("a referral with nothing but the check behind it still makes a PDF", async () => {
    const empty = {
      referrer: {}, child: {}, concern: {}, personsOfInterest: [], locationsOfInterest: [], mase: {}, maseOtherRisks: {}, household: {}, parentsAndCarers: [], householdChildren: [],
      parentalResponsibility: {}, fromCheck: FROM_CHECK,
    } as unknown as Referral;
    const body = bodyOf(await pdfOf(inputFor(empty, "kingston", { triage: { status: "submitted", version: 1 }, history: [] })));
    expect(body).toContain("Status New: not acknowledged yet");
    expect(body).toContain("None given.");
    expect(body).toContain("No history recorded.");
  });
});

describe("the same input, the same bytes", () => {
  it("is deterministic, so a download can be compared with an earlier one", async () => {
    const input = inputFor(markedReferral({ people: 3, places: 3 }).referral);
    expect(Buffer.from(await referralPdf(input)).equals(Buffer.from(await referralPdf(input)))).toBe(true);
  });
});
