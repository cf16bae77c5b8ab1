// Template data for the referral cards (issue 10, points 1-2): the form, one section at a time,
// and the confirmation once sent. The review is in referral-review-views.ts, the triage channel's
// card in referral-channel-views.ts. Every button is an Action.Execute whose data names the draft
// and its version; a press saves what the card holds before it moves on.
import { inAreaMeetingWords, type Area } from "../domain/area.ts";
import { maxEntriesOf, type ListEntries, type ListGroupId } from "../domain/referral-fields.ts";
import { ENTRY_COUNT, ENTRY_LINK_WORDS, FIX_WORDS, FORM_WORDS, LIST_WORDS, STEP_WORDS } from "../words/referral-form-words.ts";
import type { CardToSend } from "./check-views.ts";
import { inputData, type InputData } from "./referral-inputs.ts";
import {
  ENTRIES_PER_PAGE, ENTRY_WORDS, ESSENTIAL_PARTS, REFERRAL_CARD_SECTIONS, essentialPart, essentialPartOf, SECTION_WORDS, entryPage, fieldsIn, fullListWords, groupTitle, isListGroup, sectionOfField, fieldOfInput,
  carriedLines, type Carried, type ReferralSection,
} from "./referral-sections.ts";

export type { Carried, ReferralSection } from "./referral-sections.ts";
export { ENTRIES_PER_PAGE, entryPage } from "./referral-sections.ts";
export { referralReviewCard } from "./referral-review-views.ts";
export { referralSentCard, type SentView } from "./referral-sent-views.ts";
export { referralChannelCard, type ChannelCardView } from "./referral-channel-views.ts";

export type ReferralFormView = {
  draftId: string;
  version: number;
  section: ReferralSection;
  /** Raw typed strings by input id: "child.forename", "personsOfInterest.2.name". */
  values: Readonly<Record<string, string>>;
  /** Each shown next to its field; the card counts them at the top and links to the sections holding the others. */
  issues: readonly { field: string; message: string }[];
  /** How many entries each list holds (up to the group's maxEntries). */
  entries: ListEntries;
  /** Undefined when started empty from the menu. */
  carried: Carried | undefined;
  /** A line at the top in the attention colour (e.g. "That button had already been pressed"). */
  notice?: string;
  /** The check the draft came from, for "Back to my result". */
  sessionId?: string;
  /**
   * In a list section: show the page of entries holding this entry (default 0; clamped). Set it to
   * the entry just added, or the one removed. Every button on a list section's card says which
   * entries it showed (`shownFrom`, `shownTo`), so only those are read as cleared when left empty.
   */
  showEntry?: number;
  /** In the essentials: the part shown (default 0; clamped). A Teams card shows them a part at a time. */
  part?: number;
  /** DOMAIN.md §9 "MASE or MACE": the meeting of the check's area, so the MASE parts are titled in its word. */
  meeting?: Area["meeting"];
};

export type LinkRow = { title: string; verb: string; data: object };


/** The data every button on this card sends: the draft, its version and, in a list, the entries shown. */
function actionBase(view: ReferralFormView) {
  const base = { draftId: view.draftId, version: view.version };
  if (view.section === "essentials") return { ...base, part: essentialPart(view.part) };
  if (!isListGroup(view.section)) return base;
  const shown = entryPage(view.section, view.entries[view.section], view.showEntry);
  return { ...base, shownFrom: shown.from, shownTo: shown.to };
}

/** Whether an input id is on the card for this view (a list's entries only on the page shown). */
function onThisCard(view: ReferralFormView, inputId: string): boolean {
  const section = sectionOfField(inputId);
  if (section !== view.section) return false;
  if (section === "essentials") return essentialPartOf(inputId) === essentialPart(view.part);
  const entry = fieldOfInput(inputId)?.entry;
  if (entry === undefined || !isListGroup(section)) return true;
  const shown = entryPage(section, view.entries[section], view.showEntry);
  return entry >= shown.from && entry < shown.to;
}

function errorsByField(view: ReferralFormView): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of view.issues) errors.set(issue.field, [errors.get(issue.field), issue.message].filter(Boolean).join(" "));
  return errors;
}

/** Where an issue is shown: its section and, in a list, the first entry of its page. */
function placeOfIssue(view: ReferralFormView, field: string): { section: ReferralSection; showEntry?: number } | undefined {
  const section = sectionOfField(field);
  const entry = fieldOfInput(field)?.entry;
  if (section === undefined || !isListGroup(section) || entry === undefined) return section === undefined ? undefined : { section };
  return { section, showEntry: entryPage(section, view.entries[section], entry).from };
}

/** How many issues are shown in a section (in a list, on the page starting at `showEntry`). */
function issuesIn(view: ReferralFormView, section: ReferralSection, showEntry?: number): number {
  return view.issues.filter((issue) => {
    const place = placeOfIssue(view, issue.field);
    return place?.section === section && (showEntry === undefined || place.showEntry === showEntry);
  }).length;
}

/**
 * "3 things to fix", the problems about the referral as a whole, and where the others are. The
 * links below (sections, a list's pages) say how many each holds and open at the first.
 */
function fixData(view: ReferralFormView) {
  const total = view.issues.length;
  if (total === 0) return { count: "", general: [], here: "", elsewhere: "", nearButton: [] };
  const here = view.issues.filter((issue) => onThisCard(view, issue.field)).length;
  const general = view.issues.filter((issue) => sectionOfField(issue.field) === undefined).map((issue) => ({ text: issue.message }));
  // Where each of the others is: a part of the essentials (reached with Next or Back on them), or a link below.
  const places = new Map<string, { count: number; how: string }>();
  for (const issue of view.issues) {
    const place = placeOfIssue(view, issue.field);
    if (place === undefined || onThisCard(view, issue.field)) continue;
    const { section, showEntry } = place;
    const part = essentialPartOf(issue.field);
    const [name, how] =
      isListGroup(section) && showEntry !== undefined ? [pageTitle(section, view.entries[section], showEntry), "link"]
      : part !== undefined && view.section === "essentials" ? [STEP_WORDS.inPart(SECTION_WORDS.essentials.title, ESSENTIAL_PARTS[part]?.title ?? ""), part < essentialPart(view.part) ? STEP_WORDS.back : STEP_WORDS.next]
      : [inAreaMeetingWords(SECTION_WORDS[section].link, view), "link"];
    places.set(name, { count: (places.get(name)?.count ?? 0) + 1, how });
  }
  const elsewhere = [...places.values()].reduce((sum, place) => sum + place.count, 0);
  const placed = [...places].map(([name, { count, how }]) => FIX_WORDS.placed(name, count, how));
  const viaLinks = [...places.values()].some((place) => place.how === "link");
  return {
    count: FIX_WORDS.count(total),
    general,
    here: here === 0 ? "" : FIX_WORDS.here(here),
    elsewhere: elsewhere === 0 ? "" : FIX_WORDS.elsewhere(elsewhere, placed, viaLinks),
    nearButton: nearButtonLines(view),
  };
}

// Issue 21, point 2: Teams keeps the view where the button was, at the card's foot, so the problems
// are said again there, each naming its field: pressing "Review and send" never looks like nothing happened.
const NEAR_BUTTON_SHOWN = 3;

function nearButtonLines(view: ReferralFormView): { text: string }[] {
  const labels = [...new Set(view.issues.map((issue) => {
    const found = fieldOfInput(issue.field);
    return found === undefined ? FIX_WORDS.wholeReferral : `${found.field.label}${found.entry === undefined ? "" : ` (${found.entry + 1})`}`;
  }))];
  const more = labels.length - NEAR_BUTTON_SHOWN;
  return [{ text: FIX_WORDS.nearButton(view.issues.length, FIX_WORDS.named(labels.slice(0, NEAR_BUTTON_SHOWN), more)) }];
}

/** "People 4 to 6": the page of a list starting at entry `from`. */
function pageTitle(group: ListGroupId, count: number, from: number): string {
  const page = entryPage(group, count, from);
  return ENTRY_LINK_WORDS.range(ENTRY_WORDS[group].many, page.from + 1, page.to);
}

function groupsData(view: ReferralFormView, errors: ReadonlyMap<string, string>) {
  if (isListGroup(view.section)) return [];
  const inPart = ESSENTIAL_PARTS[essentialPart(view.part)]?.fields ?? [];
  const fields = view.section === "essentials" ? fieldsIn("essentials").filter((field) => inPart.includes(`${field.group}.${field.key}`)) : fieldsIn(view.section);
  const groups = [...new Set(fields.map((field) => field.group))];
  return groups.map((group) => ({
    title: groups.length > 1 ? inAreaMeetingWords(groupTitle(group), view) : "",
    fields: fields.filter((field) => field.group === group).map((field) => {
      const id = `${field.group}.${field.key}`;
      return inputData(field, id, view.values[id], errors.get(id) ?? "");
    }),
  }));
}

function listData(view: ReferralFormView, errors: ReadonlyMap<string, string>) {
  const none = { none: "", entries: [], pageText: "", pages: [], full: "", add: { title: "", data: {} } };
  if (!isListGroup(view.section)) return none;
  const group = view.section;
  const words = ENTRY_WORDS[group];
  const count = view.entries[group];
  const shown = entryPage(group, count, view.showEntry);
  const base = actionBase(view);
  const entries = Array.from({ length: shown.to - shown.from }, (_, offset) => {
    const index = shown.from + offset;
    const fields: InputData[] = fieldsIn(group).map((field) => {
      const id = `${group}.${index}.${field.key}`;
      const data = inputData(field, id, view.values[id], errors.get(id) ?? "");
      // Hints once a page, under its first entry: the same lines repeated for every entry would fill the card.
      return offset === 0 ? data : { ...data, hint: "" };
    });
    return { title: ENTRY_LINK_WORDS.entry(words.one, index + 1), fields, remove: { title: ENTRY_LINK_WORDS.remove(words.one, index + 1), data: { ...base, group, index } } };
  });
  const otherPages = Array.from({ length: shown.pages }, (_, page) => page).filter((page) => page !== shown.page);
  return {
    none: count === 0 ? LIST_WORDS.none(words.many) : "",
    entries,
    pageText: shown.pages <= 1 ? "" : LIST_WORDS.pageText(words.many, shown.from + 1, shown.to, count),
    pages: otherPages.map((page): LinkRow => {
      const from = entryPage(group, count, page * ENTRIES_PER_PAGE[group]).from;
      const toFix = issuesIn(view, group, from);
      return { title: `${pageTitle(group, count, from)}${toFix === 0 ? "" : ENTRY_LINK_WORDS.toFixAfter(toFix)}`, verb: "referral.section", data: { ...base, section: group, showEntry: from } };
    }),
    full: count >= maxEntriesOf(group) ? fullListWords(group) : "",
    add: count >= maxEntriesOf(group) ? { title: "", data: {} } : { title: ENTRY_LINK_WORDS.add(words.a), data: { ...base, group } },
  };
}

/** The sections with anything typed in the fields they show. */
function filledSections(view: ReferralFormView): Set<ReferralSection> {
  const filled = new Set<ReferralSection>();
  for (const [id, value] of Object.entries(view.values)) {
    const section = sectionOfField(id);
    if (section !== undefined && value.trim() !== "") filled.add(section);
  }
  return filled;
}

function sectionLinks(view: ReferralFormView): LinkRow[] {
  const base = actionBase(view);
  const filled = filledSections(view);
  return REFERRAL_CARD_SECTIONS.filter((section) => section !== view.section).map((section) => {
    const toFix = issuesIn(view, section);
    const state = [
      isListGroup(section) ? (view.entries[section] > 0 ? ENTRY_COUNT[section](view.entries[section]) : "") : filled.has(section) ? ENTRY_LINK_WORDS.filledIn : "",
      toFix > 0 ? ENTRY_LINK_WORDS.toFix(toFix) : "",
    ].filter((part) => part !== "");
    // A list opens at the page of its first problem, the essentials at the part of theirs.
    const firstIssue = view.issues.map((issue) => placeOfIssue(view, issue.field)).find((place) => place?.section === section);
    const firstPart = section === "essentials" ? view.issues.map((issue) => essentialPartOf(issue.field)).find((part) => part !== undefined) : undefined;
    return {
      title: `${inAreaMeetingWords(SECTION_WORDS[section].link, view)}${state.length === 0 ? "" : ` (${state.join(", ")})`}`,
      verb: "referral.section",
      data: { ...base, section, ...(firstIssue?.showEntry === undefined ? {} : { showEntry: firstIssue.showEntry }), ...(firstPart === undefined ? {} : { toPart: firstPart }) },
    };
  });
}

// The essentials are never "filled in so far" because Teams gave the presser's name
// and email; the line names only the optional parts with anything in them.
function progressLine(view: ReferralFormView): string {
  const filledNow = filledSections(view);
  const filled = REFERRAL_CARD_SECTIONS.filter((section) => section !== "essentials" && filledNow.has(section)).map((section) => inAreaMeetingWords(SECTION_WORDS[section].link, view));
  return FORM_WORDS.progress(filled);
}

type Step = { title: string; data: object };
const NO_STEP: Step = { title: "", data: {} };

/** Next and Back between the parts of the essentials, each naming the part it opens and its problems. */
function stepsData(view: ReferralFormView): { next: Step; previous: Step; where: string } {
  if (view.section !== "essentials") return { next: NO_STEP, previous: NO_STEP, where: "" };
  const part = essentialPart(view.part);
  const base = actionBase(view);
  const step = (to: number, word: string): Step => {
    const target = ESSENTIAL_PARTS[to];
    if (target === undefined) return NO_STEP;
    // The problems in other parts are counted at the top ("fix.elsewhere"): the buttons stay within 30 characters.
    return { title: STEP_WORDS.step(word, target.title), data: { ...base, section: "essentials", toPart: to } };
  };
  return { next: step(part + 1, STEP_WORDS.next), previous: step(part - 1, STEP_WORDS.back), where: STEP_WORDS.where(part + 1, ESSENTIAL_PARTS.length) };
}

/** Whether the card shows a part of the essentials after the first. */
const laterPart = (view: ReferralFormView) => view.section === "essentials" && essentialPart(view.part) > 0;

/** The card's title: "The essentials, part 2 of 4: The child" on a part of the essentials. */
function titleOf(view: ReferralFormView): string {
  if (view.section !== "essentials") return inAreaMeetingWords(SECTION_WORDS[view.section].title, view);
  const part = essentialPart(view.part);
  return STEP_WORDS.title(SECTION_WORDS.essentials.title, part + 1, ESSENTIAL_PARTS.length, ESSENTIAL_PARTS[part]?.title ?? "");
}

/** The referral form at one section, everything typed kept and each problem beside its field. */
export function referralFormCard(view: ReferralFormView): CardToSend {
  const errors = errorsByField(view);
  const base = actionBase(view);
  const steps = stepsData(view);
  return {
    name: "referral-form",
    data: {
      title: titleOf(view),
      notice: view.notice ?? "",
      // On a part of the essentials after the first, only what that part asks: the intro, the check
      // carried over and the way back to the result are on the first part.
      intro: laterPart(view) ? "" : inAreaMeetingWords(SECTION_WORDS[view.section].intro, view),
      fix: fixData(view),
      carried: laterPart(view) ? [] : carriedLines(view.carried),
      groups: groupsData(view, errors),
      list: listData(view, errors),
      progress: steps.next.title === "" ? progressLine(view) : "",
      steps,
      // The other parts are folded under one button, open when one holds a problem.
      more: {
        title: view.section === "essentials" ? FORM_WORDS.moreFromEssentials : FORM_WORDS.moreFromOthers,
        open: view.issues.some((issue) => { const place = placeOfIssue(view, issue.field); return place !== undefined && place.section !== view.section; }),
      },
      sections: sectionLinks(view),
      review: base,
      back:
        view.carried === undefined || laterPart(view) ? { verb: "", data: {} }
        : view.sessionId === undefined ? { verb: "check.last", data: base }
        : { verb: "check.result", data: { ...base, sessionId: view.sessionId } },
    },
  };
}

/** Issue 21, point 1: "Is this referral about the same child?", with the last check's time, area, age and result. */
export function sameChildCard(sessionId: string, carried: Carried): CardToSend {
  return { name: "referral-same-child", data: { sessionId, lines: carriedLines(carried) } };
}
