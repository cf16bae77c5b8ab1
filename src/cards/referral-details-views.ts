// "Show details" on a referral's channel card (issue 10, points 6 and 9): the same card, for the
// triage member who pressed only (it is the answer to their press; Teams shows it to them alone),
// with the whole referral read-only, its history with what was asked, answered and decided, and
// any possible earlier referral of the same child in the area. Everyone else keeps the summary.
import type { ListEntries } from "../domain/referral-fields.ts";
import type { CardToSend } from "./check-views.ts";
import { CARD_SIZE_LIMIT_BYTES } from "./render-card.ts";
import { referralChannelCard, type ChannelCardView } from "./referral-channel-views.ts";
import { LEAST_PER_ANSWER, leaveOutEntriesToFit, sectionsOf, type Section } from "./referral-review-views.ts";
import { carriedLines, type Carried } from "./referral-sections.ts";
import { jsonBytes, shortenToFit } from "./shorten-to-fit.ts";
import { PURGED_NOTE } from "../words/referral-words.ts";
import { DETAILS_WORDS, TRIAGE_BUTTON_TITLES, TRIAGE_CARD_WORDS } from "../words/triage-card-words.ts";

export type DetailsView = {
  channel: ChannelCardView;
  /** The referral's typed values (undefined once purged after the retention period). */
  referral: { values: Readonly<Record<string, string>>; entries: ListEntries } | undefined;
  carried: Carried;
  /** "10:02 Submitted by Alex Teacher (Class teacher, Hillside School)", with what was said. */
  history: readonly { when: string; text: string; said?: string | undefined }[];
  /** "Possible earlier referral KIN-2026-00017 (…)": never on the channel's summary, never to the referrer. */
  earlier: readonly string[];
};

export { PURGED_NOTE };

// What the card takes around the texts, in bytes, estimated high from cards/referral-channel.json;
// test/cards/referral-details-views.test.ts checks a referral filled to every limit, with the
// longest history shown, still fits.
const COST = { card: 5_500, section: 140, empty: 90, group: 70, line: 140, entryLine: 4, entry: 120, history: 180 } as const;
const MARGIN = 1_024;
/** The newest entries of the history shown; a referral rarely has more. */
export const HISTORY_SHOWN = 15;

/**
 * The details a page at a time, so each card fits the 900 px a 1400x900 window
 * shows. The first page: what the check found, the essentials, the parts not given (one line) and
 * the history; then the other parts given, as many a page as about DETAILS_PAGE_LINES lines of
 * text at the card's width.
 */
export const DETAILS_PAGE_LINES = 24;
const CHARACTERS_A_LINE = 55;

/** About how many lines a section takes at the card's width: its title, and each answer wrapped. */
function linesOf(section: Section): number {
  const wrapped = (text: string) => Math.max(1, text.split("\n").reduce((sum, part) => sum + Math.ceil(Math.max(1, part.length) / CHARACTERS_A_LINE), 0));
  const groupLines = section.groups.reduce((sum, group) => sum + (group.title === "" ? 0 : 1) + group.lines.reduce((lines, line) => lines + wrapped(`${line.label}${line.value}`), 0), 0);
  const entryLines = section.entries.reduce((sum, entry) => sum + 1 + entry.lines.reduce((lines, line) => lines + wrapped(`${line.label}${line.value}`), 0), 0);
  return 2 + groupLines + entryLines;
}

/** The other parts given, packed into pages of about DETAILS_PAGE_LINES lines; a part longer than a page has one of its own. */
export function detailsPagesOf(sections: readonly Section[]): Section[][] {
  const pages: Section[][] = [];
  let lines = Infinity;
  for (const section of sections) {
    const size = linesOf(section);
    if (lines + size > DETAILS_PAGE_LINES) {
      pages.push([]);
      lines = 0;
    }
    pages.at(-1)!.push(section);
    lines += size;
  }
  return pages;
}

export function referralDetailsCard(view: DetailsView, page = 0): CardToSend {
  const summary = referralChannelCard(view.channel);
  const form = view.referral === undefined ? undefined : { draftId: "", version: 0, section: "essentials" as const, values: view.referral.values, issues: [], entries: view.referral.entries, carried: view.carried };
  const all = form === undefined ? [] : sectionsOf(form, "other");
  const isEmpty = (section: Section) => section.groups.length === 0 && section.entries.length === 0;
  const morePages = detailsPagesOf(all.filter((section) => section.section !== "essentials" && !isEmpty(section)));
  const pageCount = 1 + morePages.length;
  const shownPage = Math.min(Math.max(0, Number.isInteger(page) ? page : 0), pageCount - 1);
  const onThisPage = shownPage === 0 ? all.filter((section) => section.section === "essentials") : (morePages[shownPage - 1] ?? []);
  const notGiven = shownPage === 0 ? all.filter((section) => section.section !== "essentials" && isEmpty(section)).map((section) => section.title) : [];
  const hidden = shownPage > 0 ? view.history.length : Math.max(0, view.history.length - HISTORY_SHOWN);
  const history = shownPage > 0 ? [] : [
    ...(hidden === 0 ? [] : [{ text: DETAILS_WORDS.hiddenHistory(hidden), said: "" }]),
    ...view.history.slice(hidden).map((line) => ({ text: `${line.when} · ${line.text}${line.said === undefined ? "" : ": "}`, said: line.said ?? "" })),
  ];

  // Every typed text (the referral's, and what was asked, answered and decided) shortened together when the card would be too big.
  const ours = (texts: readonly string[]) => texts.reduce((sum, text) => sum + jsonBytes(text), 0);
  const budget = CARD_SIZE_LIMIT_BYTES - MARGIN;
  const overheadOf = (shown: readonly Section[]) => {
    const groupLines = shown.flatMap((section) => section.groups.flatMap((group) => group.lines));
    const entryLines = shown.flatMap((section) => section.entries.flatMap((entry) => entry.lines));
    return (
      COST.card +
      ours([...view.earlier, ...carriedLines(view.carried).map((line) => line.text), ...history.map((line) => line.text), ...[...groupLines, ...entryLines].map((line) => line.label)]) +
      shown.reduce((sum, section) => sum + COST.section + jsonBytes(section.title) + (section.groups.length + section.entries.length === 0 ? COST.empty : 0), 0) +
      shown.reduce((sum, section) => sum + section.groups.reduce((bytes, group) => bytes + COST.group + jsonBytes(group.title), 0), 0) +
      ours(shown.flatMap((section) => section.entries.map((entry) => `${entry.title}\n`))) +
      COST.line * groupLines.length +
      COST.entryLine * entryLines.length +
      COST.entry * shown.reduce((sum, section) => sum + section.entries.length, 0) +
      COST.history * history.length
    );
  };
  // What was said in the history is shortened with the answers, so it needs the same least room.
  const leastSaid = history.reduce((sum, line) => sum + Math.min(jsonBytes(line.said), LEAST_PER_ANSWER), 0);
  const sections = form === undefined ? [] : leaveOutEntriesToFit(onThisPage, (shown) => overheadOf(shown) + leastSaid, budget, DETAILS_WORDS.wholeReferral);
  const lines = sections.flatMap((section) => [...section.groups.flatMap((group) => group.lines), ...section.entries.flatMap((entry) => entry.lines)]);
  const typed = [...lines.map((line) => line.value), ...history.map((line) => line.said)];
  const { texts, shortened } = shortenToFit(typed, budget - overheadOf(sections));
  let next = 0;
  const take = () => texts[next++] ?? "";
  const shownSections = sections.map((section) => ({
    title: section.title,
    empty: isEmpty(section) ? DETAILS_WORDS.nothingGiven : "",
    groups: section.groups.map((group) => ({ title: group.title, lines: group.lines.map((line) => ({ label: line.label, value: take() })) })),
    entries: section.entries.map((entry) => {
      const entryLines = entry.lines.map((line) => `${line.label}${take()}`);
      return { title: entry.title, text: entryLines.length === 0 ? DETAILS_WORDS.nothingFilledIn : entryLines.join("\n") };
    }),
  }));
  const shownHistory = history.map((line) => ({ text: line.text, said: take() }));

  return {
    name: "referral-channel",
    data: {
      ...(summary.data as object),
      detailsShown: true,
      detailsAction: { title: TRIAGE_BUTTON_TITLES.hideDetails, verb: "triage.summary", data: { referralId: view.channel.referralId }, tooltip: TRIAGE_CARD_WORDS.hideDetailsTooltip },
      shortened: shortened ? DETAILS_WORDS.shortened : "",
      earlier: view.earlier.map((text) => ({ text })),
      purged: view.referral === undefined ? PURGED_NOTE : "",
      sections: [
        ...(shownPage > 0 ? [] : [{ title: DETAILS_WORDS.fromTheCheck, empty: "", groups: [{ title: "", lines: carriedLines(view.carried).map((line) => ({ label: "", value: line.text })) }], entries: [] }]),
        ...shownSections,
      ],
      notGiven: notGiven.length === 0 ? "" : DETAILS_WORDS.notGiven(notGiven),
      history: shownHistory,
      // The pages of the details: where this one is, and the way to the others.
      pager: {
        text: pageCount === 1 ? "" : DETAILS_WORDS.page(shownPage + 1, pageCount),
        next: shownPage + 1 < pageCount ? { title: DETAILS_WORDS.more(shownPage + 2, pageCount), data: { referralId: view.channel.referralId, page: shownPage + 1 } } : { title: "", data: {} },
        previous: shownPage > 0 ? { title: DETAILS_WORDS.backTo(shownPage), data: { referralId: view.channel.referralId, page: shownPage - 1 } } : { title: "", data: {} },
      },
    },
  };
}

