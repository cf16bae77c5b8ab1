// The referral card's sections (DOMAIN.md §8: "the required ones first, the rest under 'more
// detail'"): which fields of the table in domain/referral-fields.ts each shows, its words, which
// section an issue belongs to, how many list entries fit on one card, and how a typed value
// reads back on the review.
import { offenceFlagsOf } from "../domain/category.ts";
import { describeLondonTime } from "./area-contacts-view.ts";
import type { FromCheck } from "../domain/referral.ts";
import { categoryWords, OFFENCE_TEXT } from "../words/result-words.ts";
import { choicesOf, displayValue } from "../words/referral-values.ts";
import { CARRIED_WORDS, ENTRY_WORDS, ESSENTIAL_PART_TITLES, fullListWords, SECTION_WORDS as SECTION_WORDS_IN_CATALOGUE, type SectionWords } from "../words/referral-section-words.ts";
import { REFERRAL_FIELDS, REFERRAL_GROUPS, isListGroup, type FieldSpec, type GroupId, type ListGroupId } from "../domain/referral-fields.ts";

export { LIST_GROUPS, isListGroup } from "../domain/referral-fields.ts";

export const REFERRAL_CARD_SECTIONS = [
  "essentials", "referrer", "child", "concern", "personsOfInterest", "locationsOfInterest", "mase", "maseOtherRisks", "household", "parentsAndCarers", "householdChildren", "parentalResponsibility",
] as const;
export type ReferralSection = (typeof REFERRAL_CARD_SECTIONS)[number];

const GROUP_TITLE = new Map<string, string>(REFERRAL_GROUPS.map((group) => [group.id, group.title]));

export function groupTitle(group: GroupId): string {
  return GROUP_TITLE.get(group) ?? group;
}

/** The fields a section shows: the essentials every required field outside the lists, a group's section the rest of it, a list all of an entry's. */
export function fieldsIn(section: ReferralSection): readonly FieldSpec[] {
  const fields: readonly FieldSpec[] = REFERRAL_FIELDS;
  if (section === "essentials") return fields.filter((field) => field.required && !isListGroup(field.group));
  if (isListGroup(section)) return fields.filter((field) => field.group === section);
  return fields.filter((field) => field.group === section && !field.required);
}

/** The groups whose fields the essentials show, in the table's order. */
export const ESSENTIAL_GROUPS: readonly GroupId[] = REFERRAL_GROUPS.map((group) => group.id).filter((group) => fieldsIn("essentials").some((field) => field.group === group));

/**
 * On a Teams card the essentials come a part at a time, so that each part fits
 * the 900 px a 1400x900 window shows, with its heading in view when Teams keeps the chat scrolled
 * to the card's foot after a press (about 700 px). Each part names the fields it shows; every
 * essential field is in exactly one part, in the table's order (test/cards/referral-views.test.ts).
 * The tab shows them on one page.
 */
const ids = (group: GroupId, keys?: readonly string[]) => fieldsIn("essentials").filter((field) => field.group === group && (keys === undefined || keys.includes(field.key))).map((field) => `${field.group}.${field.key}`);
export const ESSENTIAL_PARTS: readonly { readonly title: string; readonly fields: readonly string[] }[] = [
  { title: ESSENTIAL_PART_TITLES.aboutYou, fields: ids("referrer", ["name", "role", "agency"]) },
  { title: ESSENTIAL_PART_TITLES.reachYou, fields: ids("referrer", ["email", "phone"]) },
  { title: ESSENTIAL_PART_TITLES.child, fields: ids("child") },
  { title: ESSENTIAL_PART_TITLES.worry, fields: ids("concern") },
  { title: ESSENTIAL_PART_TITLES.tellingParents, fields: ids("parentalResponsibility") },
];

/** The part of the essentials showing a field ("child.forename"), or undefined for a field outside them. */
export function essentialPartOf(field: string): number | undefined {
  const part = ESSENTIAL_PARTS.findIndex((candidate) => candidate.fields.includes(field));
  return part < 0 ? undefined : part;
}

/** A part number from a card's data, kept within the parts. */
export const essentialPart = (part: number | undefined): number => Math.min(Math.max(0, part ?? 0), ESSENTIAL_PARTS.length - 1);

/** Each section's title, link and first line, from src/words; a section missing there fails the build. */
export const SECTION_WORDS: Readonly<Record<ReferralSection, SectionWords>> = SECTION_WORDS_IN_CATALOGUE;

export { ENTRY_WORDS, fullListWords };

/**
 * Entries per card. Measured (test/cards/referral-views.test.ts, "worst case size"): with every
 * field at its limit in 3-byte characters, a person adds about 7.4 KB to a card, a place 3.5 KB, a
 * parent or carer 4.1 KB and another child 2.3 KB, so 20 people or places are far over Teams'
 * 28 KB. At these counts the fullest page is 27.8 KB (people), 27.4 KB (places), 25.3 KB (parents
 * and carers, all 4) and 27.0 KB (other children, all 8); one more person or place would not fit.
 */
export const ENTRIES_PER_PAGE: Readonly<Record<ListGroupId, number>> = { personsOfInterest: 2, locationsOfInterest: 5, parentsAndCarers: 4, householdChildren: 8 };

export type EntryPage = { readonly from: number; readonly to: number; readonly page: number; readonly pages: number };

/** The entries shown on a list's card: the page holding entry `show` (clamped), `from` to `to` (exclusive). */
export function entryPage(group: ListGroupId, count: number, show = 0): EntryPage {
  const size = ENTRIES_PER_PAGE[group];
  const pages = Math.max(1, Math.ceil(count / size));
  const wanted = Number.isInteger(show) ? Math.floor(show / size) : 0;
  const page = Math.min(Math.max(0, wanted), pages - 1);
  return { from: page * size, to: Math.min(count, (page + 1) * size), page, pages };
}

const FIELD_BY_ID = new Map<string, FieldSpec>(REFERRAL_FIELDS.map((field) => [`${field.group}.${field.key}`, field]));

/** The field an input id names ("child.forename", "personsOfInterest.3.name") and, in a list, its entry. */
export function fieldOfInput(inputId: string): { field: FieldSpec; entry?: number } | undefined {
  const parts = inputId.split(".");
  if (parts.length === 2) {
    const field = FIELD_BY_ID.get(inputId);
    return field === undefined || isListGroup(field.group) ? undefined : { field };
  }
  const [group = "", index = "", key = ""] = parts;
  if (parts.length !== 3 || !isListGroup(group) || !/^\d{1,2}$/.test(index)) return undefined;
  const field = FIELD_BY_ID.get(`${group}.${key}`);
  return field === undefined ? undefined : { field, entry: Number(index) };
}

/** The section showing an input id (or an issue's field); undefined for an issue about the referral as a whole. */
export function sectionOfField(field: string): ReferralSection | undefined {
  const found = fieldOfInput(field);
  if (found === undefined) return undefined;
  if (found.entry !== undefined) return found.field.group as ListGroupId;
  return found.field.required ? "essentials" : (found.field.group as ReferralSection);
}

export { choicesOf, displayValue };

/** What the check carried over, shown read-only: "From your check". */
export type Carried = { areaName: string; ageText: string; resultLines: readonly string[]; checkedText?: string };

/**
 * What the check carried over, in words: when the check was done (issue 21, point 1: which check
 * this is), the area, the age given, the provisional result and each possible offence.
 */
export function carriedOf(fromCheck: FromCheck, areaName: string, checkedAt?: string): Carried {
  const offences = offenceFlagsOf(fromCheck.flags);
  return {
    areaName,
    ageText: `${fromCheck.child.age}`,
    resultLines: [categoryWords(fromCheck.category, offences).title, ...offences.map((flag) => OFFENCE_TEXT[flag].title)],
    ...(checkedAt === undefined ? {} : { checkedText: CARRIED_WORDS.londonTime(describeLondonTime(new Date(checkedAt))) }),
  };
}

export function carriedLines(carried: Carried | undefined): { text: string }[] {
  if (carried === undefined) return [];
  return [...(carried.checkedText === undefined ? [] : [CARRIED_WORDS.checkDone(carried.checkedText)]), CARRIED_WORDS.area(carried.areaName), CARRIED_WORDS.age(carried.ageText), ...carried.resultLines].map((text) => ({ text }));
}
