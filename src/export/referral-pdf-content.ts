// What the exported referral says, in order, before anything is drawn (issue 11, point 4): the
// front door's record (reference, area, when, triage), the guided check's result, the referral's
// fields in the order of the area's own form (referral-form-layouts.ts), and its history. A field
// left empty is not printed at all, label included; a section with nothing in it says so.
import { INDICATORS, QUESTIONS, type Answer, type QuestionId, type SignId } from "../domain/catalogue.ts";
import { offenceFlagsOf, type Category, type Flag } from "../domain/category.ts";
import type { Referral } from "../domain/referral.ts";
import { REFERRAL_FIELDS, fieldId, type FieldSpec } from "../domain/referral-fields.ts";
import { outcomeLabel } from "../domain/triage-text.ts";
import type { TriageState } from "../domain/triage.ts";
import { STATUS_WORDS } from "../words/referral-words.ts";
import { displayValue } from "../words/referral-values.ts";
import { OFFENCE_TEXT, categoryWords, flagLines } from "../words/result-words.ts";
import { formLayoutFor, type FormLayout, type FormPart } from "../words/referral-form-layouts.ts";
import { readerLabel } from "../words/reader-labels.ts";
import { ANSWER_WORDS, PDF_WORDS, assignedWords, entryOfWords, pdfSubtitle } from "../words/pdf-words.ts";

/** One line of the referral's history (its audit trail), in words the caller chose. */
export type HistoryLine = {
  readonly at: Date;
  /** Who acted, as Teams names them ("Sam Lead"), or "The referrer". */
  readonly who: string;
  /** What they did: "Acknowledged", "Asked the referrer". */
  readonly what: string;
  /** What was said with it, if anything: the question, the answer, the decision's reason. */
  readonly said?: string | undefined;
};

export type ReferralPdfInput = {
  /** The stored referral; undefined once its personal fields were purged after the retention period. */
  readonly referral: Referral | undefined;
  /** "KIN-2026-00042" */
  readonly reference: string;
  /** The area the referral went to: its id picks the form, its name is printed, its word for its meeting names the decision (DOMAIN.md §9 "MASE or MACE"). */
  readonly area: { readonly id: string; readonly name: string; readonly meeting?: string | undefined };
  readonly submittedAt: Date;
  /** The check's result as the record's summary keeps it (it outlives the purge). */
  readonly result: { readonly category: Category; readonly flags: readonly Flag[]; readonly unconfirmed: boolean };
  readonly triage: TriageState;
  /** Oldest first. */
  readonly history: readonly HistoryLine[];
  /** When the PDF is made: printed in the footer. */
  readonly printedAt: Date;
};

/** What the page shows, in order; referral-pdf.ts draws it. */
export type PdfBlock =
  | { readonly kind: "title"; readonly title: string; readonly lines: readonly string[] }
  | { readonly kind: "section"; readonly title: string; readonly newPage: boolean }
  | { readonly kind: "entry"; readonly title: string }
  /** A short answer: label and value side by side, as in the forms' tables. */
  | { readonly kind: "pair"; readonly label: string; readonly value: string }
  /** A long answer: the label above, the text across the page. */
  | { readonly kind: "text"; readonly label: string; readonly value: string }
  | { readonly kind: "note"; readonly text: string }
  | { readonly kind: "item"; readonly text: string; readonly detail?: string | undefined };

export type ReferralPdfContent = { readonly layout: FormLayout; readonly blocks: readonly PdfBlock[] };

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" });

/** "24 November 2026 at 10:02", London time. */
export function londonTime(at: Date): string {
  return Number.isNaN(at.getTime()) ? PDF_WORDS.timeNotKnown : LONDON_TIME.format(at);
}

const FIELD_BY_ID: ReadonlyMap<string, FieldSpec> = new Map(REFERRAL_FIELDS.map((field) => [fieldId(field), field]));
const SIGN_LABEL: ReadonlyMap<string, string> = new Map(INDICATORS.map((sign) => [sign.id, sign.label]));
const QUESTION_TEXT: ReadonlyMap<string, string> = new Map(QUESTIONS.map((question) => [question.id, question.text]));

export const PURGED_WORDS = PDF_WORDS.purged;

export function referralPdfContent(input: ReferralPdfInput): ReferralPdfContent {
  const layout = formLayoutFor(input.area.id);
  const blocks: PdfBlock[] = [
    { kind: "title", title: layout.title, lines: [pdfSubtitle(input.area.name, input.reference), layout.source] },
    { kind: "section", title: PDF_WORDS.referralSection, newPage: false },
    { kind: "pair", label: PDF_WORDS.reference, value: input.reference },
    { kind: "pair", label: PDF_WORDS.area, value: input.area.name },
    { kind: "pair", label: PDF_WORDS.submitted, value: londonTime(input.submittedAt) },
    ...triageFacts(input.triage, input.area.meeting).map(([label, value]): PdfBlock => ({ kind: "pair", label, value })),
    { kind: "section", title: PDF_WORDS.fromCheckSection, newPage: false },
    ...checkBlocks(input.result, input.referral?.fromCheck),
  ];
  if (input.referral === undefined) blocks.push({ kind: "note", text: PURGED_WORDS });
  else for (const part of layout.parts) blocks.push(...partBlocks(part, input.referral));
  blocks.push({ kind: "section", title: PDF_WORDS.historySection, newPage: false });
  if (input.history.length === 0) blocks.push({ kind: "note", text: PDF_WORDS.noHistory });
  for (const line of input.history) blocks.push({ kind: "item", text: `${londonTime(line.at)} · ${line.who} · ${line.what}`, detail: line.said });
  return { layout, blocks };
}

/** The triage record as label and value: who did what, when. */
function triageFacts(state: TriageState, meeting: string | undefined): [string, string][] {
  const facts: [string, string][] = [[PDF_WORDS.status, STATUS_WORDS.get(state.status) ?? state.status]];
  const current = state.status === "awaiting-info" ? state.before : state;
  if (current.status !== "submitted") facts.push([PDF_WORDS.acknowledged, `${current.acknowledged.by.name}, ${londonTime(current.acknowledged.at)}`]);
  if (current.status === "assigned" || current.status === "decided") {
    const { assignee, assigned } = current;
    facts.push([PDF_WORDS.assignedTo, assignedWords(assignee.name, assigned.by.id === assignee.id ? undefined : assigned.by.name, londonTime(assigned.at))]);
  }
  if (current.status === "assigned" && current.reopened !== undefined) facts.push([PDF_WORDS.reopened, `${current.reopened.by.name}, ${londonTime(current.reopened.at)}`]);
  if (state.status === "awaiting-info") facts.push([PDF_WORDS.informationRequested, `${state.requested.by.name}, ${londonTime(state.requested.at)}`]);
  if (current.status === "decided") {
    const { outcome, area } = current.decision;
    facts.push([PDF_WORDS.decision, area === undefined ? outcomeLabel(outcome, meeting) : `${outcomeLabel(outcome, meeting)}: ${area}`]);
    facts.push([PDF_WORDS.decided, `${current.decided.by.name}, ${londonTime(current.decided.at)}`]);
  }
  return facts;
}

function checkBlocks(result: ReferralPdfInput["result"], fromCheck: Referral["fromCheck"] | undefined): PdfBlock[] {
  const offences = offenceFlagsOf(result.flags);
  const unconfirmed = result.unconfirmed ? PDF_WORDS.unconfirmed : "";
  const blocks: PdfBlock[] = [
    { kind: "pair", label: PDF_WORDS.provisionalResult, value: `${categoryWords(result.category, offences).title}${unconfirmed}` },
    ...offences.map((flag): PdfBlock => ({ kind: "pair", label: PDF_WORDS.possibleOffence, value: OFFENCE_TEXT[flag].title })),
  ];
  const also = flagLines(result.flags, result.category === "not-applicable").map((flag) => flag.title);
  if (also.length > 0) blocks.push({ kind: "pair", label: PDF_WORDS.alsoFlagged, value: also.join("; ") });
  if (fromCheck === undefined) return blocks;
  const { child, signs, answers } = fromCheck;
  blocks.push({ kind: "pair", label: PDF_WORDS.ageGiven, value: String(child.age) });
  blocks.push({ kind: "pair", label: PDF_WORDS.lookedAfter, value: child.lookedAfter ? (child.placedOutOfArea ? PDF_WORDS.placedOutOfArea : PDF_WORDS.yes) : PDF_WORDS.no });
  if (child.missingEpisodes90d !== undefined) blocks.push({ kind: "pair", label: PDF_WORDS.missingEpisodes, value: String(child.missingEpisodes90d) });
  if (signs.length > 0) blocks.push({ kind: "text", label: PDF_WORDS.signs, value: signs.map((sign: SignId) => `• ${SIGN_LABEL.get(sign) ?? sign}`).join("\n") });
  const answered = QUESTIONS.map((question) => question.id).filter((id: QuestionId) => answers[id] !== undefined);
  if (answered.length > 0) {
    blocks.push({ kind: "text", label: PDF_WORDS.answers, value: answered.map((id) => `• ${QUESTION_TEXT.get(id) ?? id} ${ANSWER_WORDS[answers[id] as Answer]}`).join("\n") });
  }
  return blocks;
}

type Values = Readonly<Record<string, unknown>>;

/** One part of the form: its title, then each filled field; a list group entry by entry. */
function partBlocks(part: FormPart, referral: Referral): PdfBlock[] {
  const blocks: PdfBlock[] = [{ kind: "section", title: part.title, newPage: part.newPage === true }];
  const held: unknown = referral[part.group];
  if (Array.isArray(held)) {
    if (held.length === 0) blocks.push({ kind: "note", text: PDF_WORDS.noneGiven });
    held.forEach((entry: Values, index) => {
      blocks.push({ kind: "entry", title: entryOfWords(part.entryTitle ?? PDF_WORDS.entry, index + 1, held.length) }, ...fieldBlocks(part, entry));
    });
    return blocks;
  }
  const fields = fieldBlocks(part, held as Values);
  return fields.length === 0 ? [...blocks, { kind: "note", text: PDF_WORDS.nothingGiven }] : [...blocks, ...fields];
}

function fieldBlocks(part: FormPart, values: Values): PdfBlock[] {
  return part.fields.flatMap((id): PdfBlock[] => {
    const field = FIELD_BY_ID.get(id);
    const key = id.slice(id.indexOf(".") + 1);
    const raw = Object.hasOwn(values, key) ? values[key] : undefined;
    if (field === undefined || raw === undefined || raw === null) return [];
    const value = displayValue(field, String(raw));
    if (value === "") return [];
    return [{ kind: field.kind === "multiline" ? "text" : "pair", label: readerLabel(field), value }];
  });
}
