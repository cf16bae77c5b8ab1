// "Show details" on a referral's channel card: the same card, for the triage member who pressed
// only (it is the answer to their press; Teams shows it to them alone), with the whole referral
// read-only, its history with what was asked, answered and decided, and any possible earlier
// referral of the same child in the area (DOMAIN.md §9). Everyone else keeps the summary.
import type { ListEntries } from "../domain/referral-fields.ts";
import type { CardToSend } from "./check-views.ts";
import { CARD_SIZE_LIMIT_BYTES } from "./render-card.ts";
import { channelCardData, type ChannelCardView } from "./referral-channel-views.ts";
import { DETAILS_PAGE_HEIGHT, heightAround, pagesOfPieces, type Piece } from "./referral-details-pages.ts";
import { sectionsOf, type Section } from "./referral-review-views.ts";
import type { Carried } from "./referral-sections.ts";
import { jsonBytes, shortenToFit } from "./shorten-to-fit.ts";
import { PURGED_NOTE } from "../words/referral-words.ts";
import { CARRIED_WORDS } from "../words/referral-section-words.ts";
import { DETAILS_WORDS, TRIAGE_BUTTON_TITLES, TRIAGE_CARD_WORDS } from "../words/triage-card-words.ts";

export type DetailsView = {
  channel: ChannelCardView;
  /** The referral's typed values (undefined once purged after the retention period). */
  referral: { values: Readonly<Record<string, string>>; entries: ListEntries } | undefined;
  carried: Carried;
  /** "10:02 Submitted by Alex Teacher (Class teacher, Hillside School)", with what was said. */
  history: readonly { when: string; text: string; said?: string | undefined }[];
  /** "Possible earlier referral KIN-2026-00017 (…)": on the details' first page; never on the channel's summary, never to the referrer. */
  earlier: readonly string[];
};

export { PURGED_NOTE };

// What the card takes around the texts, in bytes, estimated high from cards/referral-channel.json;
// test/cards/referral-details-views.test.ts checks a referral filled to every limit, with the
// longest history shown, still fits on every page.
const COST = { card: 5_500, section: 140, group: 70, line: 140, entryLine: 4, entry: 120, history: 180 } as const;
const MARGIN = 1_024;
/** The newest entries of the history shown; a referral rarely has more. */
export const HISTORY_SHOWN = 15;
/**
 * The pages a "More details" press may ask for; a page past the last shows the last. A referral
 * filled to every limit, with HISTORY_SHOWN entries of history at theirs, takes about 600
 * (test/cards/referral-details-views.test.ts); a real one a handful.
 */
export const DETAILS_PAGES_AT_MOST = 1_000;

/**
 * What the check carried over that the summary above every page does not say already: when it was
 * done, the age it was given where the child's age typed differs, a result line the summary lacks.
 */
function fromTheCheck(view: DetailsView): string[] {
  const { carried, channel } = view;
  const typedAge = view.referral?.values["child.age"];
  return [
    ...(carried.checkedText === undefined ? [] : [CARRIED_WORDS.checkDone(carried.checkedText)]),
    ...(carried.areaName === channel.areaName ? [] : [CARRIED_WORDS.area(carried.areaName)]),
    ...(carried.ageText === "" || carried.ageText === typedAge ? [] : [CARRIED_WORDS.age(carried.ageText)]),
    ...carried.resultLines.filter((line) => line !== channel.categoryLine && !channel.offenceLines.includes(line)),
  ];
}

/** The referral's parts as the details show them: each part of the essentials on its own, then the other parts given. */
function partsOf(view: DetailsView): { given: Section[]; notGiven: string[] } {
  if (view.referral === undefined) return { given: [], notGiven: [] };
  const form = { draftId: "", version: 0, section: "essentials" as const, values: view.referral.values, issues: [], entries: view.referral.entries, carried: view.carried };
  const all = sectionsOf(form, "other");
  const isEmpty = (section: Section) => section.groups.length === 0 && section.entries.length === 0;
  const checked = fromTheCheck(view);
  return {
    given: [
      ...(checked.length === 0 ? [] : [{ section: "essentials" as const, title: DETAILS_WORDS.fromTheCheck, groups: [{ title: "", lines: checked.map((text) => ({ label: "", value: text })) }], entries: [] }]),
      ...all.filter((section) => section.section === "essentials").flatMap((section) => section.groups.map((group) => ({ ...section, title: group.title, groups: [{ title: "", lines: group.lines }] }))),
      ...all.filter((section) => section.section !== "essentials" && !isEmpty(section)),
    ],
    notGiven: all.filter((section) => section.section !== "essentials" && isEmpty(section)).map((section) => section.title),
  };
}

function piecesOf(given: readonly Section[], notGiven: readonly string[], history: readonly { text: string; said: string }[]): Piece[] {
  return [
    ...given.flatMap((section, index): Piece[] => [
      ...section.groups.flatMap((group) => group.lines.map((line) => ({ kind: "line" as const, section: index, entry: undefined, ...line, startsPart: false, startsEntry: false }))),
      ...section.entries.flatMap((entry, number) =>
        (entry.lines.length === 0 ? [{ label: "", value: DETAILS_WORDS.nothingFilledIn }] : entry.lines).map((line, at) => ({ kind: "line" as const, section: index, entry: number, ...line, startsPart: false, startsEntry: at === 0 })),
      ),
    ].map((piece, at) => ({ ...piece, startsPart: at === 0 }))),
    ...(notGiven.length === 0 ? [] : [{ kind: "notGiven" as const, text: DETAILS_WORDS.notGiven(notGiven) }]),
    ...history.map((line) => ({ kind: "history" as const, ...line })),
  ];
}

/** A page's parts rebuilt from its pieces; a part or an entry begun on an earlier page says it goes on. */
function sectionsOnPage(given: readonly Section[], pieces: readonly Piece[]): Section[] {
  const lines = pieces.filter((piece) => piece.kind === "line");
  const shown = [...new Set(lines.map((piece) => piece.section))];
  return shown.map((index) => {
    const section = given[index]!;
    const own = lines.filter((piece) => piece.section === index);
    const continued = (title: string, starts: boolean) => (starts ? title : DETAILS_WORDS.continued(title));
    const entryNumbers = [...new Set(own.flatMap((piece) => (piece.entry === undefined ? [] : [piece.entry])))];
    const groupLines = own.filter((piece) => piece.entry === undefined);
    return {
      section: section.section,
      title: continued(section.title, own[0]!.startsPart),
      groups: groupLines.length === 0 ? [] : [{ title: "", lines: groupLines.map(({ label, value }) => ({ label, value })) }],
      entries: entryNumbers.map((number) => {
        const entryLines = own.filter((piece) => piece.entry === number);
        return { title: continued(section.entries[number]!.title, entryLines[0]!.startsEntry), lines: entryLines.map(({ label, value }) => ({ label, value })) };
      }),
    };
  });
}

export function referralDetailsCard(view: DetailsView, page = 0): CardToSend {
  const summary = channelCardData(view.channel);
  const { given, notGiven } = partsOf(view);
  const hidden = Math.max(0, view.history.length - HISTORY_SHOWN);
  const history = [
    ...(hidden === 0 ? [] : [{ text: DETAILS_WORDS.hiddenHistory(hidden), said: "" }]),
    ...view.history.slice(hidden).map((line) => ({ text: `${line.when} · ${line.text}${line.said === undefined ? "" : ": "}`, said: line.said ?? "" })),
  ];
  const purged = view.referral === undefined ? PURGED_NOTE : "";
  // The earlier referrals on the first page only: it is the page every lead sees.
  const around = (shown: number) => heightAround(summary, [...(shown === 0 ? view.earlier : []), ...(purged === "" ? [] : [purged])]);
  const pages = pagesOfPieces(piecesOf(given, notGiven, history), (shown) => DETAILS_PAGE_HEIGHT - around(shown));
  const pageCount = pages.length;
  const shownPage = Math.min(Math.max(0, Number.isInteger(page) ? page : 0), pageCount - 1);
  const onThisPage = pages[shownPage] ?? [];
  const sections = sectionsOnPage(given, onThisPage);
  const historyHere = onThisPage.flatMap((piece) => (piece.kind === "history" ? [{ text: piece.text, said: piece.said }] : []));
  const notGivenHere = onThisPage.find((piece) => piece.kind === "notGiven")?.text ?? "";
  const earlier = shownPage === 0 ? view.earlier : [];

  // Every typed text on the page (the referral's, and what was asked, answered and decided) shortened together when the card would be too big.
  const ours = (texts: readonly string[]) => texts.reduce((sum, text) => sum + jsonBytes(text), 0);
  const budget = CARD_SIZE_LIMIT_BYTES - MARGIN;
  const groupLines = sections.flatMap((section) => section.groups.flatMap((group) => group.lines));
  const entryLines = sections.flatMap((section) => section.entries.flatMap((entry) => entry.lines));
  const overhead =
    COST.card +
    ours([...earlier, notGivenHere, ...historyHere.map((line) => line.text), ...[...groupLines, ...entryLines].map((line) => line.label)]) +
    sections.reduce((sum, section) => sum + COST.section + jsonBytes(section.title) + section.groups.length * COST.group, 0) +
    ours(sections.flatMap((section) => section.entries.map((entry) => `${entry.title}\n`))) +
    COST.line * groupLines.length +
    COST.entryLine * entryLines.length +
    COST.entry * sections.reduce((sum, section) => sum + section.entries.length, 0) +
    COST.history * historyHere.length;
  const typed = [...groupLines.map((line) => line.value), ...entryLines.map((line) => line.value), ...historyHere.map((line) => line.said)];
  const { texts, shortened } = shortenToFit(typed, budget - overhead);
  let next = 0;
  const take = () => texts[next++] ?? "";
  const shownSections = sections.map((section) => ({
    title: section.title,
    empty: "",
    groups: section.groups.map((group) => ({ title: group.title, lines: group.lines.map((line) => ({ label: line.label, value: take() })) })),
    entries: section.entries.map((entry) => ({ title: entry.title, text: entry.lines.map((line) => `${line.label}${take()}`).join("\n") })),
  }));
  const shownHistory = historyHere.map((line) => ({ text: line.text, said: take() }));

  return {
    name: "referral-channel",
    data: {
      ...summary,
      detailsShown: true,
      detailsAction: { title: TRIAGE_BUTTON_TITLES.hideDetails, verb: "triage.summary", data: { referralId: view.channel.referralId }, tooltip: TRIAGE_CARD_WORDS.hideDetailsTooltip },
      shortened: shortened ? DETAILS_WORDS.shortened : "",
      earlier: earlier.map((text) => ({ text })),
      purged,
      sections: shownSections,
      notGiven: notGivenHere,
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
