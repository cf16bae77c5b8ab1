// A referral being written: what has been typed, kept exactly as typed (nothing is ever lost, even
// when it does not validate), which section the card shows, and what the check carried over.
// Pure: merging a card's inputs into the draft, and turning the draft into what validateReferral
// checks.
import { z } from "zod";
import { FromCheck, type Referral } from "../domain/referral.ts";
import { NO_ENTRIES, REFERRAL_FIELDS, REFERRAL_GROUPS, isListGroup, maxEntriesOf, type FieldSpec, type ListGroupId } from "../domain/referral-fields.ts";

export const REFERRAL_SECTIONS = [
  "essentials", "referrer", "child", "concern", "personsOfInterest", "locationsOfInterest", "mase", "maseOtherRisks", "household", "parentsAndCarers", "householdChildren", "parentalResponsibility", "review",
] as const;
export type ReferralSection = (typeof REFERRAL_SECTIONS)[number];

const entryCount = (group: ListGroupId) => z.number().int().min(0).max(maxEntriesOf(group));

export const DraftState = z.object({
  values: z.record(z.string(), z.string()),
  entries: z.object({
    personsOfInterest: entryCount("personsOfInterest"),
    locationsOfInterest: entryCount("locationsOfInterest"),
    // Added 2026-12-07: a draft saved before then has no household entries.
    parentsAndCarers: entryCount("parentsAndCarers").default(0),
    householdChildren: entryCount("householdChildren").default(0),
  }),
  section: z.enum(REFERRAL_SECTIONS),
  fromCheck: FromCheck,
  /** The check it came from, for "Back to my result". */
  checkSessionId: z.string().optional(),
  /** When that check reached its result (issue 21, point 1: the review says which check it carries, and when). */
  checkedAt: z.iso.datetime().optional(),
  submitted: z.object({ referralId: z.string(), reference: z.string() }).optional(),
});
export type DraftState = z.infer<typeof DraftState>;

const FIELD_BY_KEY = new Map<string, FieldSpec>(REFERRAL_FIELDS.map((field) => [`${field.group}.${field.key}`, field]));

/** The prefill (the presser's name and email from Teams, what they gave last time) kept as if typed. */
export function newDraft(fromCheck: FromCheck, checkSessionId: string | undefined, prefill: Readonly<Record<string, string>>, checkedAt?: Date): DraftState {
  const values: Record<string, string> = {};
  for (const [id, value] of Object.entries(prefill)) {
    const field = fieldOf(id, NO_ENTRIES);
    const kept = field === undefined ? "" : keptAsTyped(field, value);
    if (kept.trim() !== "") values[id] = kept;
  }
  return { values, entries: { ...NO_ENTRIES }, section: "essentials", fromCheck, ...(checkSessionId === undefined ? {} : { checkSessionId }), ...(checkedAt === undefined ? {} : { checkedAt: checkedAt.toISOString() }) };
}

/** The field an input id names: "child.forename", or "personsOfInterest.3.name" for an entry shown on the card. */
function fieldOf(inputId: string, entries: DraftState["entries"]): FieldSpec | undefined {
  const parts = inputId.split(".");
  if (parts.length === 2) {
    const field = FIELD_BY_KEY.get(inputId);
    return field !== undefined && !isListGroup(field.group) ? field : undefined;
  }
  const [group, index, key] = parts;
  if (parts.length !== 3 || !isListGroup(group ?? "") || !/^\d{1,2}$/.test(index ?? "")) return undefined;
  if (Number(index) >= entries[group as ListGroupId]) return undefined;
  return FIELD_BY_KEY.get(`${group}.${key}`);
}

// Control characters other than tab and line breaks, and half a surrogate pair, are escaped to 6
// bytes each in a card's JSON: twice the widest character the referral cards are sized for
// (ENTRIES_PER_PAGE in cards/referral-sections.ts), so a field full of them put a card over 28 KB.
// Form feed and vertical tab (Word's line break) are line breaks; half a pair is U+FFFD, the
// replacement character, as a decoder shows it.
const LINE_BREAKS = /[\v\f]/g;
const CONTROLS = /[\u0000-\u0008\u000E-\u001F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value as the draft keeps it. Teams stops typing at the field's limit; only a tampered request
 * sends more, and that is cut to the limit, so no draft grows without bound (issue 8, point 6) and
 * each card still fits 28 KB. A cut through an emoji leaves half a pair, replaced like any other.
 */
function keptAsTyped(field: FieldSpec, value: string): string {
  return value.slice(0, field.maxLength).replace(LINE_BREAKS, "\n").replace(CONTROLS, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * The draft with a card's inputs merged in: only inputs the card could have shown, only strings;
 * an input sent empty clears its field (Teams leaves out an empty input, so only the fields of the
 * section on the card can be cleared: `shown`).
 */
export function mergeInputs(state: DraftState, inputs: Readonly<Record<string, unknown>>, shown: ReadonlySet<string>): DraftState {
  const values = { ...state.values };
  for (const id of shown) if (!Object.hasOwn(inputs, id)) delete values[id];
  for (const [id, value] of Object.entries(inputs)) {
    const field = fieldOf(id, state.entries);
    if (field === undefined || typeof value !== "string") continue;
    const kept = keptAsTyped(field, value);
    if (kept.trim() === "") delete values[id];
    else values[id] = kept;
  }
  return { ...state, values };
}

/**
 * The input ids a section's card showed, so that what it leaves out is read as cleared. A list is
 * shown a page at a time: only the entries `[shown.from, shown.to)` the card says it showed; the
 * essentials a part at a time on a Teams card: only the fields `shownFields` the card says it showed.
 */
export function inputsShownIn(section: ReferralSection, entries: DraftState["entries"], shown?: { from: number; to: number }, shownFields?: readonly string[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const field of REFERRAL_FIELDS) {
    const isList = isListGroup(field.group);
    // A Teams card shows the essentials a part at a time: `shownFields`, when given.
    if (section === "essentials" && field.required && !isList) {
      const id = `${field.group}.${field.key}`;
      if (shownFields === undefined || shownFields.includes(id)) ids.add(id);
    }
    else if (section === field.group && !isList && !field.required) ids.add(`${field.group}.${field.key}`);
    else if (section === field.group && isList && shown !== undefined) {
      const last = Math.min(shown.to, entries[field.group as ListGroupId]);
      for (let index = Math.max(0, shown.from); index < last; index += 1) ids.add(`${field.group}.${index}.${field.key}`);
    }
  }
  return ids;
}

export function addEntry(state: DraftState, group: ListGroupId): DraftState {
  if (state.entries[group] >= maxEntriesOf(group)) return state;
  return { ...state, entries: { ...state.entries, [group]: state.entries[group] + 1 } };
}

/** Removes entry `index`, moving the later ones up so their values stay with them. */
export function removeEntry(state: DraftState, group: ListGroupId, index: number): DraftState {
  const count = state.entries[group];
  if (!Number.isInteger(index) || index < 0 || index >= count) return state;
  const values: Record<string, string> = {};
  for (const [id, value] of Object.entries(state.values)) {
    const match = new RegExp(`^${group}\\.(\\d+)\\.(.+)$`).exec(id);
    if (match === null) values[id] = value;
    else if (Number(match[1]) < index) values[id] = value;
    else if (Number(match[1]) > index) values[`${group}.${Number(match[1]) - 1}.${match[2]}`] = value;
  }
  return { ...state, values, entries: { ...state.entries, [group]: count - 1 } };
}

/** What validateReferral checks: each group's typed values (numbers as numbers), each list's entries, and the check. */
export function referralInputOf(state: DraftState): unknown {
  const input: Record<string, unknown> = { fromCheck: state.fromCheck };
  for (const group of REFERRAL_GROUPS) {
    const fields = REFERRAL_FIELDS.filter((field) => field.group === group.id);
    const read = (prefix: string) => {
      const values: Record<string, unknown> = {};
      for (const field of fields) {
        const raw = state.values[`${prefix}.${field.key}`];
        if (raw === undefined) continue;
        values[field.key] = field.kind === "number" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
      }
      return values;
    };
    input[group.id] = isListGroup(group.id)
      ? Array.from({ length: state.entries[group.id as ListGroupId] }, (_, index) => read(`${group.id}.${index}`))
      : read(group.id);
  }
  return input;
}

/** The section a field's issue is shown in. */
export function sectionOfIssue(field: string): ReferralSection {
  const [group, second] = field.split(".");
  if (group === undefined || !REFERRAL_GROUPS.some((candidate) => candidate.id === group)) return "essentials";
  if (isListGroup(group)) return group as ReferralSection;
  return FIELD_BY_KEY.get(`${group}.${second}`)?.required === true ? "essentials" : (group as ReferralSection);
}

/** A stored referral as the card's typed values again (the inverse of referralInputOf), to show it read-only. */
export function draftValuesOf(referral: Referral): Pick<DraftState, "values" | "entries"> {
  const values: Record<string, string> = {};
  const write = (prefix: string, group: Readonly<Record<string, unknown>>) => {
    for (const [key, value] of Object.entries(group)) if (value !== undefined && value !== null) values[`${prefix}.${key}`] = String(value);
  };
  for (const group of REFERRAL_GROUPS) {
    const held = referral[group.id as keyof Referral];
    if (Array.isArray(held)) held.forEach((entry, index) => write(`${group.id}.${index}`, entry as Record<string, unknown>));
    else write(group.id, held as Record<string, unknown>);
  }
  return {
    values,
    entries: {
      personsOfInterest: referral.personsOfInterest.length,
      locationsOfInterest: referral.locationsOfInterest.length,
      parentsAndCarers: referral.parentsAndCarers.length,
      householdChildren: referral.householdChildren.length,
    },
  };
}
