// The review before Submit (issue 10, point 1): everything that will be sent, section by section,
// read-only, each section with "Change". What was typed is shown in RichTextBlock text runs,
// which Adaptive Cards never read as Markdown, so "[x](https://…)" or "**x**" shows as typed.
// A referral filled to every limit is about 77,000 characters, more than a 28 KB card holds:
// when it does not fit, the longest answers are shortened here, and only here; when even the
// labels of every list's entries do not fit, the last entries of the longest lists are left out.
import { inAreaMeetingWords } from "../domain/area.ts";
import type { FieldSpec, GroupId } from "../domain/referral-fields.ts";
import { READER_SECTION_TITLES, readerGroupTitle, readerLabel } from "../words/reader-labels.ts";
import { REVIEW_WORDS } from "../words/referral-form-words.ts";
import type { CardToSend } from "./check-views.ts";
import { CARD_SIZE_LIMIT_BYTES } from "./render-card.ts";
import {
  ENTRY_WORDS, ESSENTIAL_GROUPS, REFERRAL_CARD_SECTIONS, SECTION_WORDS, carriedLines, displayValue, fieldsIn, groupTitle, isListGroup, type ReferralSection,
} from "./referral-sections.ts";
import type { LinkRow, ReferralFormView } from "./referral-views.ts";
import { jsonBytes, shortenToFit } from "./shorten-to-fit.ts";

// What the template adds around the texts, in bytes, measured from cards/referral-review.json with
// a draft id of 36 characters; test/cards/referral-review-views.test.ts checks the estimate stays
// above the real size and close to it.
const COST = { card: 1550, carried: 50, section: 400, group: 110, line: 135, entry: 115, fold: 300, notAdded: 260 } as const;
const MARGIN = 512;

export const SHORTENED_NOTE = REVIEW_WORDS.shortened;

type Line = { label: string; value: string };
type Entry = { title: string; lines: Line[] };
export type Section = { section: ReferralSection; title: string; groups: { title: string; lines: Line[] }[]; entries: Entry[] };

/** "Your name: ", but "Have you told your designated safeguarding lead? " for a question. */
const labelled = (label: string) => (label.endsWith("?") ? `${label} ` : `${label}: `);

/** Who reads the sections: the referrer (the review) or anyone else (the details card, the tab's pages), in words for them. */
export type Reader = "referrer" | "other";

function linesOf(fields: readonly FieldSpec[], values: ReferralFormView["values"], prefix: (field: FieldSpec) => string, reader: Reader): Line[] {
  return fields.flatMap((field) => {
    const raw = values[`${prefix(field)}.${field.key}`];
    return raw === undefined || raw.trim() === "" ? [] : [{ label: labelled(reader === "referrer" ? field.label : readerLabel(field)), value: displayValue(field, raw) }];
  });
}

/** What the review shows, by section; exported with overheadOf for the size estimate's test. */
export function sectionsOf(view: ReferralFormView, reader: Reader = "referrer"): Section[] {
  return REFERRAL_CARD_SECTIONS.map((section) => {
    const title = inAreaMeetingWords(reader === "referrer" ? SECTION_WORDS[section].title : (READER_SECTION_TITLES[section] ?? SECTION_WORDS[section].title), view);
    const fields = fieldsIn(section);
    if (isListGroup(section)) {
      const entries = Array.from({ length: view.entries[section] }, (_, index) => ({
        title: `${ENTRY_WORDS[section].one} ${index + 1}`,
        lines: linesOf(fields, view.values, (field) => `${field.group}.${index}`, reader),
      }));
      return { section, title, groups: [], entries };
    }
    const groups = section === "essentials" ? ESSENTIAL_GROUPS : [section];
    const titleOf = (group: GroupId) => (section !== "essentials" ? "" : inAreaMeetingWords(reader === "referrer" ? groupTitle(group) : readerGroupTitle(group, groupTitle(group)), view));
    return {
      section,
      title,
      groups: groups
        .map((group) => ({ title: titleOf(group), lines: linesOf(fields.filter((field) => field.group === group), view.values, (field) => field.group, reader) }))
        .filter((group) => group.lines.length > 0),
      entries: [],
    };
  });
}

/** The bytes the card takes around the typed values (labels, titles, structure), estimated high. */
export function overheadOf(view: ReferralFormView, sections: readonly Section[]): number {
  const ours = (texts: readonly string[]) => texts.reduce((sum, text) => sum + jsonBytes(text), 0);
  const carried = carriedLines(view.carried);
  let bytes = COST.card + ours([view.notice ?? "", view.draftId, ...carried.map((line) => line.text), view.carried?.areaName ?? ""]) + COST.carried * carried.length;
  const notAdded = sections.filter((section) => section.section !== "essentials" && section.groups.length === 0 && section.entries.length === 0);
  if (notAdded.length > 0) bytes += COST.fold;
  for (const section of sections.map(oneListOfEssentials)) {
    if (notAdded.some((empty) => empty.section === section.section)) {
      // A link in the folded "Not added" list: its words twice (the title and the button's), and the draft.
      bytes += COST.notAdded + ours([SECTION_WORDS[section.section].link, SECTION_WORDS[section.section].link, view.draftId]);
      continue;
    }
    // The title twice: above the section, and in its Change button's tooltip.
    bytes += COST.section + ours([section.title, section.title, view.draftId]);
    for (const group of section.groups) bytes += COST.group + ours([group.title]) + group.lines.reduce((sum, line) => sum + COST.line + jsonBytes(line.label), 0);
    for (const entry of section.entries) bytes += COST.entry + ours([entry.title]) + entry.lines.reduce((sum, line) => sum + jsonBytes(`${line.label}\n`), 0);
  }
  return bytes;
}

// What each answer keeps at the least when shortened: a character or two and the "…". Below it,
// the card leaves out the last entries of the longest lists instead (leaveOutEntriesToFit).
export const LEAST_PER_ANSWER = 8;

/** The bytes the answers need at the least: each whole, or shortened to LEAST_PER_ANSWER. */
const leastFor = (sections: readonly Section[]) =>
  sections
    .flatMap((section) => [...section.groups.flatMap((group) => group.lines), ...section.entries.flatMap((entry) => entry.lines)])
    .reduce((sum, line) => sum + Math.min(jsonBytes(line.value), LEAST_PER_ANSWER), 0);

/**
 * The sections, with the last entries of the longest lists left out and a line saying which, while
 * the card around the answers (`overhead`: labels, titles, structure) leaves less than a little of
 * each answer within `budget`. Only a referral with nearly every list full and every field filled
 * comes here: 20 people of 10 fields each, with their labels, are more than a card holds.
 */
export function leaveOutEntriesToFit(sections: readonly Section[], overhead: (shown: readonly Section[]) => number, budget: number, whereToRead: string): Section[] {
  const left = new Map<ReferralSection, number>();
  const shownOf = (): Section[] =>
    sections.map((section) => {
      const kept = left.get(section.section);
      if (kept === undefined || !isListGroup(section.section)) return section;
      const words = ENTRY_WORDS[section.section];
      const total = section.entries.length;
      const title = kept + 1 === total ? `${words.one} ${total}` : `${words.many} ${kept + 1} to ${total}`;
      return { ...section, entries: [...section.entries.slice(0, kept), { title, lines: [{ label: REVIEW_WORDS.notShown(whereToRead), value: "" }] }] };
    });
  let shown = [...sections];
  while (overhead(shown) + leastFor(shown) > budget) {
    const longest = sections
      .map((section) => ({ section: section.section, kept: left.get(section.section) ?? section.entries.length }))
      .reduce((most, candidate) => (candidate.kept > most.kept ? candidate : most), { section: "essentials" as ReferralSection, kept: 0 });
    if (longest.kept === 0) break;
    left.set(longest.section, longest.kept - 1);
    shown = shownOf();
  }
  return shown;
}

const BUDGET = CARD_SIZE_LIMIT_BYTES - MARGIN;

/** The sections the review shows: all of them, unless the lists must be cut to fit (leaveOutEntriesToFit). */
export function reviewSectionsOf(view: ReferralFormView): Section[] {
  return leaveOutEntriesToFit(sectionsOf(view), (shown) => overheadOf(view, shown), BUDGET, REVIEW_WORDS.whereToRead);
}

/** Every typed value, shortened together when the card would be too big. */
function fitted(view: ReferralFormView, sections: Section[]): { sections: Section[]; shortened: boolean } {
  const lines = sections.flatMap((section) => [...section.groups.flatMap((group) => group.lines), ...section.entries.flatMap((entry) => entry.lines)]);
  const { texts, shortened } = shortenToFit(lines.map((line) => line.value), BUDGET - overheadOf(view, sections));
  if (!shortened) return { sections, shortened };
  let next = 0;
  const shorten = (line: Line): Line => ({ ...line, value: texts[next++] ?? line.value });
  return {
    shortened,
    // The same order as `lines` above.
    sections: sections.map((section) => ({
      ...section,
      groups: section.groups.map((group) => ({ ...group, lines: group.lines.map(shorten) })),
      entries: section.entries.map((entry) => ({ ...entry, lines: entry.lines.map(shorten) })),
    })),
  };
}

const CHILD = groupTitle("child");

/**
 * On the review the essentials are one list under their section's title, with
 * no group headings, so that the card fits; the child's fields say they are the child's.
 */
function oneListOfEssentials(section: Section): Section {
  if (section.section !== "essentials") return section;
  const childs = REVIEW_WORDS.childs;
  return { ...section, groups: [{ title: "", lines: section.groups.flatMap((group) => (group.title === CHILD ? group.lines.map((line) => ({ ...line, label: childs(line.label) })) : group.lines)) }] };
}

/** Everything that will be sent, by section, read-only, with "Change" per section and Submit. */
export function referralReviewCard(view: ReferralFormView): CardToSend {
  const base = { draftId: view.draftId, version: view.version };
  const { sections, shortened } = fitted(view, reviewSectionsOf(view));
  const area = view.carried === undefined ? REVIEW_WORDS.unknownArea : view.carried.areaName;
  const sectionsShown = sections.map(oneListOfEssentials);
  const isEmpty = (section: Section) => section.groups.length === 0 && section.entries.length === 0;
  // The essentials always show, even empty: they are what the front door needs.
  const filled = sectionsShown.filter((section) => section.section === "essentials" || !isEmpty(section));
  const notAdded = sectionsShown.filter((section) => section.section !== "essentials" && isEmpty(section));
  return {
    name: "referral-review",
    data: {
      title: REVIEW_WORDS.title,
      notice: view.notice ?? "",
      shortened: shortened ? SHORTENED_NOTE : "",
      carried: carriedLines(view.carried),
      // The parts with nothing in them are one folded list of links, not a
      // heading and "Nothing added." each, so the card fits the 900 px Teams shows.
      notAdded: notAdded.map((section): LinkRow => ({ title: inAreaMeetingWords(SECTION_WORDS[section.section].link, view), verb: "referral.edit", data: { ...base, section: section.section } })),
      notAddedTitle: REVIEW_WORDS.notAddedTitle,
      sections: filled.map((section) => ({
        title: section.title,
        change: { tooltip: REVIEW_WORDS.change(section.title), data: { ...base, section: section.section } },
        empty: "",
        groups: section.groups,
        entries: section.entries.map((entry) => ({
          title: entry.title,
          text: entry.lines.length === 0 ? REVIEW_WORDS.nothingFilledIn : entry.lines.map((line) => `${line.label}${line.value}`).join("\n"),
        })),
      })),
      submitLine: REVIEW_WORDS.submitLine(area),
      submit: base,
    },
  };
}
