// "Show details": the whole referral for one triage member, a page at a time, its history with
// what was asked, answered and decided, and possible earlier referrals (DOMAIN.md §9); every page
// a card under Teams' 28 KB, and every answer on one page or another.
import { describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { DETAILS_PAGES_AT_MOST, PURGED_NOTE, referralDetailsCard, type DetailsView } from "../../src/cards/referral-details-views.ts";
import { EMERGENCY_LINE } from "../../src/domain/pathway-text.ts";
import { draftValuesOf } from "../../src/services/referral-draft.ts";
import { cardProblems } from "../support/validate-card.ts";
import { markedReferral, wordsOfLength } from "../support/marked-referral.ts";
import { CARRIED, CHANNEL, buttonTitles, bytesOf, executes, rendered, textBlocks, textRuns, worstCase } from "../support/referral-cards.ts";
import type { CardToSend } from "../../src/cards/check-views.ts";

const SMALL: DetailsView = {
  channel: { ...CHANNEL, status: "assigned", assignee: "Sam Lead" },
  referral: { values: { "child.forename": "Samira", "child.surname": "Markerfield", "concern.worries": "Seen getting into cars after school." }, entries: { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 } },
  carried: CARRIED,
  history: [
    { when: "10:02", text: "Submitted by Alex Teacher (Class teacher, Hillside School)" },
    { when: "10:20", text: "Information asked for by Sam Lead at 10:20", said: "Which bus does she take?" },
    { when: "11:00", text: "The referrer, Alex Teacher, answered at 11:00", said: "The 65, most days." },
  ],
  earlier: ["Possible earlier referral KIN-2026-00017, 3 March 2026, by Hillside School: decided (Early help). Same name and date of birth, NHS number or UPN: check it is the same child."],
};

/** Every page of the details, rendered, first page first. */
function pagesOf(view: DetailsView): { card: CardToSend; json: object }[] {
  const pages: { card: CardToSend; json: object }[] = [];
  for (let page = 0; page < DETAILS_PAGES_AT_MOST; page += 1) {
    const card = referralDetailsCard(view, page);
    pages.push({ card, json: rendered(card) });
    if (!buttonTitles(rendered(card)).some((title) => title.startsWith("More details"))) break;
  }
  return pages;
}

type PageData = { sections: { title: string; groups: { lines: { label: string; value: string }[] }[]; entries: { title: string; text: string }[] }[]; notGiven: string; history: { text: string; said: string }[] };
const dataOf = (card: CardToSend) => card.data as PageData;
/** What the pages show of the referral and its history, in order, as one text with single spaces; a title saying a part goes on is left out. */
const readAloud = (pages: readonly { card: CardToSend }[]) =>
  pages
    .flatMap(({ card }) => {
      const data = dataOf(card);
      return [...data.sections.flatMap((section) => [section.title, ...section.groups.flatMap((group) => group.lines.map((line) => `${line.label}${line.value}`)), ...section.entries.flatMap((entry) => [entry.title, entry.text])]), data.notGiven, ...data.history.map((line) => `${line.text}${line.said}`)];
    })
    .filter((text) => !text.endsWith("(continued)"))
    .join(" ")
    .replace(/\s+/g, " ");

describe("referral details card", () => {
  // Each page fits the window (test/e2e/playground.browser.test.ts measures them): the essentials a
  // part at a time, then the other parts, then what was not given and the history.
  it("pages the details: the essentials first, then the other parts, then what was not given and the history on a page of their own, each page with where it is and the way on and back", () => {
    const marked = markedReferral({ people: 2, places: 2, carers: 1, children: 1 });
    const pages = pagesOf({ ...SMALL, referral: draftValuesOf(marked.referral) });
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach(({ json }, index) => {
      expect(textBlocks(json)).toContain(`Details, page ${index + 1} of ${pages.length}`);
      if (index + 1 < pages.length) expect(buttonTitles(json)).toContain(`More details (${index + 2} of ${pages.length})`);
      if (index > 0) expect(buttonTitles(json)).toContain(`Back to page ${index}`);
    });
    const begun = pages.flatMap(({ card }) => dataOf(card).sections.map((section) => section.title)).filter((title) => !title.endsWith("(continued)"));
    expect(begun.slice(0, 6)).toEqual(["From the check", "The referrer", "The child", "The worry", "Parents and carers", "The referrer: more detail"]);
    // The history begins a page after the referral's parts, with nothing of the referral beside it.
    const withHistory = pages.filter(({ card }) => dataOf(card).history.length > 0);
    expect(withHistory.at(-1)).toBe(pages.at(-1));
    for (const { card } of withHistory) expect(dataOf(card).sections).toEqual([]);
    expect(textBlocks(pages[0]!.json)).not.toContain("History");
    for (const { card } of pages) expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    // Each part begins once; a part that goes on over the next page says so.
    const titles = pages.flatMap(({ card }) => dataOf(card).sections.map((section) => section.title));
    expect(new Set(begun).size).toBe(begun.length);
    for (const title of titles.filter((candidate) => candidate.endsWith("(continued)"))) expect(begun).toContain(title.replace(" (continued)", ""));
  });

  // Nothing the triage lead needs is lost: every answer typed is on a page, whole, in the form's order.
  it("shows every answer typed on one page or another, a long one going on over the next page", () => {
    const marked = markedReferral({ people: 3, places: 2, carers: 2, children: 2, long: true });
    const pages = pagesOf({ ...SMALL, referral: draftValuesOf(marked.referral) });
    const read = readAloud(pages);
    for (const marker of marked.markers) expect(read.toUpperCase()).toContain(marker);
    const worry = marked.typed.get("concern.worries")!;
    expect(worry.length).toBe(2000);
    expect(read).toContain(`The worry: ${worry.replace(/\s+/g, " ")}`);
    expect(pages.flatMap(({ card }) => dataOf(card).sections.map((section) => section.title))).toContain("The worry (continued)");
    for (const { card } of pages) expect(textRuns(rendered(card)).join("")).not.toContain("…");
  });

  // The summary above every page says the category, the offences and the area: the details do not say them again.
  it("says from the check only what the summary above does not", () => {
    const first = dataOf(referralDetailsCard(SMALL)).sections[0]!;
    expect(first.title).toBe("From the check");
    expect(first.groups.flatMap((group) => group.lines.map((line) => line.value))).toEqual(["Age given in the check: 14", CARRIED.resultLines[2]]);
    const same = { ...SMALL, channel: { ...SMALL.channel, categoryLine: CARRIED.resultLines[0]!, offenceLines: CARRIED.resultLines.slice(1) }, referral: { ...SMALL.referral!, values: { ...SMALL.referral!.values, "child.age": "14" } } };
    expect(dataOf(referralDetailsCard(same)).sections.map((section) => section.title)).not.toContain("From the check");
  });

  it("a small referral: its parts in the form's order, then what was not given (one line), then the history", () => {
    const pages = pagesOf(SMALL).map(({ card }) => dataOf(card));
    expect(pages.flatMap((page) => page.sections.map((section) => section.title))).toEqual(["From the check", "The child", "The worry"]);
    const notGiven = pages.findIndex((page) => page.notGiven !== "");
    expect(pages[notGiven]!.notGiven).toContain("People of interest");
    expect(pages.slice(notGiven).flatMap((page) => page.sections)).toEqual([]);
    expect(pages.slice(0, notGiven).flatMap((page) => page.history)).toEqual([]);
    expect(pages.at(-1)!.history).toHaveLength(3);
  });

  // The triage lead reads "Referrer" and "The worry", not the referrer's "Your name".
  it("labels every answer for the reader, never \"you\" or \"your\"", () => {
    const marked = markedReferral({ people: 1, places: 1, carers: 1, children: 1 });
    const cards = pagesOf({ ...SMALL, referral: draftValuesOf(marked.referral) }).map(({ json }) => json);
    const labels = cards.flatMap(textRuns).filter((text) => /(: |\? )$/.test(text));
    expect(labels).toEqual(expect.arrayContaining(["Referrer: ", "The worry: ", "Has the referrer told their designated safeguarding lead? "]));
    expect(labels.filter((label) => /\b(you|your)\b/i.test(label))).toEqual([]);
    expect(cards.flatMap(textBlocks).filter((text) => /^(About you|Your worry)/.test(text))).toEqual([]);
  });

  it("an organisation typed as a Markdown link is shown as typed, never as a link", () => {
    const link = "Possible earlier referral KIN-2026-00017, 3 March 2026, by [Hillside](https://phish.example/login): decided.";
    const card = rendered(referralDetailsCard({ ...SMALL, earlier: [link] }));
    expect(textRuns(card)).toContain(link);
    expect(textBlocks(card).filter((text) => text.includes("phish.example"))).toEqual([]);
  });

  it("shows the referral, what was said in its history and the earlier referral, in full, with Hide details on every page", () => {
    const pages = pagesOf(SMALL).map(({ json }) => json);
    const runs = pages.flatMap(textRuns);
    expect(runs).toEqual(expect.arrayContaining(["Samira", "Markerfield", "Seen getting into cars after school.", "Which bus does she take?", "The 65, most days."]));
    expect(textBlocks(pages[0]!)).toEqual(expect.arrayContaining([EMERGENCY_LINE, "Details: only you see them"]));
    // The earlier referral's line holds what a referrer typed (their organisation): a TextRun, never Markdown; on the first page, which every lead sees.
    expect(textRuns(pages[0]!)).toContain(SMALL.earlier[0]);
    expect(textBlocks(pages[0]!)).not.toContain(SMALL.earlier[0]);
    expect(JSON.stringify(pages)).not.toContain("…");
    for (const card of pages) {
      const verbs = executes(card).map((action) => action.verb);
      expect(verbs).toContain("triage.summary");
      expect(verbs).toContain("triage.decide");
    }
    expect(executes(pages[0]!).filter((action) => action.verb === "triage.details").map((action) => action.data)).toEqual([{ referralId: CHANNEL.referralId, page: 1 }]);
  });

  // A page asked for past the last (an old card, or a hostile press) shows the last.
  it.each([[4], [999], [-1], [1.5]])("page %s: a page that is there", (page) => {
    const pages = pagesOf(SMALL).length;
    const shown = textBlocks(rendered(referralDetailsCard(SMALL, page)));
    expect(shown).toContain(page >= pages ? `Details, page ${pages} of ${pages}` : "Details, page 1 of " + pages);
  });

  it("every page within 28 KB with every field at its limit, 20 of each list and a long history; the 20th person and place are there", () => {
    const worst = worstCase();
    const history = Array.from({ length: 30 }, (_, index) => ({ when: "10:02", text: `Information asked for by Sam Lead at 10:${index}`, said: "€".repeat(2_000) }));
    const pages = pagesOf({ ...SMALL, referral: { values: worst.values, entries: worst.entries }, history });
    expect(pages.length).toBeLessThan(DETAILS_PAGES_AT_MOST);
    for (const { card, json } of pages) {
      expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
      expect(cardProblems(json)).toEqual([]);
    }
    // The newest 15 entries of the history, and a line for the rest.
    const runs = pages.flatMap(({ json }) => textRuns(json));
    expect(runs).toContain("15 earlier entries are not shown here.");
    expect(runs).toEqual(expect.arrayContaining(["Person 20\n", "Place 20\n"]));
    expect(runs.join("")).not.toContain("…");
  });

  it("says the personal details were removed once purged, and still shows the history on the first page", () => {
    const card = rendered(referralDetailsCard({ ...SMALL, referral: undefined, earlier: [] }));
    expect(textBlocks(card)).toContain(PURGED_NOTE);
    expect(textRuns(card)).toContain("Which bus does she take?");
    expect(JSON.stringify(card)).not.toContain("Samira");
  });
});
