// "Show details" (issue 10, points 6 and 9): the whole referral for one triage member, its history
// with what was asked, answered and decided, and possible earlier referrals; always under Teams'
// 28 KB, shortening the typed texts together only when it must.
import { describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { PURGED_NOTE, referralDetailsCard, type DetailsView } from "../../src/cards/referral-details-views.ts";
import { EMERGENCY_LINE } from "../../src/domain/pathway-text.ts";
import { cardProblems } from "../support/validate-card.ts";
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
  for (let page = 0; page < 30; page += 1) {
    const card = referralDetailsCard(view, page);
    pages.push({ card, json: rendered(card) });
    if (!buttonTitles(rendered(card)).some((title) => title.startsWith("More details"))) break;
  }
  return pages;
}

describe("referral details card", () => {
  // A page at a time, each within a card; the first holds the essentials and the history.
  it("pages the details: the essentials, what was not given and the history first, then the other parts, each page with the way on and back", () => {
    const full = worstCase("a");
    const pages = pagesOf({ ...SMALL, referral: { values: full.values, entries: full.entries } });
    expect(pages.length).toBeGreaterThan(2);
    const first = pages[0]!.json;
    expect(textBlocks(first)).toContain("History");
    expect(textBlocks(first)).toContain(`Details, page 1 of ${pages.length}`);
    expect(buttonTitles(first)).toContain(`More details (2 of ${pages.length})`);
    const last = pages.at(-1)!.json;
    expect(textBlocks(last)).not.toContain("History");
    expect(buttonTitles(last)).toContain(`Back to page ${pages.length - 1}`);
    for (const { card } of pages) expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    // Every part given is on one page or another, once.
    const titles = pages.flatMap(({ json }) => textBlocks(json)).filter((text) => /^(The referrer: more detail|People of interest|Places of interest|Household)/.test(text));
    expect(new Set(titles).size).toBe(titles.length);
    // A small referral: one page, what was not given said on one line.
    const small = pagesOf(SMALL);
    expect(small).toHaveLength(1);
    expect(textBlocks(small[0]!.json).find((text) => text.startsWith("Not given: "))).toContain("People of interest");
  });

  // The triage lead reads "Referrer" and "The worry", not the referrer's "Your name".
  it("labels every answer for the reader, never \"you\" or \"your\"", () => {
    const full = worstCase("a");
    const cards = pagesOf({ ...SMALL, referral: { values: full.values, entries: full.entries } }).map(({ json }) => json);
    const labels = cards.flatMap(textRuns).filter((text) => /(: |\? )$/.test(text));
    expect(labels).toEqual(expect.arrayContaining(["Referrer: ", "The worry: ", "Has the referrer told their designated safeguarding lead? "]));
    expect(labels.filter((label) => /\b(you|your)\b/i.test(label))).toEqual([]);
    expect(cards.flatMap(textBlocks).filter((text) => /^(About you|Your worry)/.test(text))).toEqual([]);
  });

  it("an organisation typed as a Markdown link is shown as typed, never as a link (issue 23, low)", () => {
    const link = "Possible earlier referral KIN-2026-00017, 3 March 2026, by [Hillside](https://phish.example/login): decided.";
    const card = rendered(referralDetailsCard({ ...SMALL, earlier: [link] }));
    expect(textRuns(card)).toContain(link);
    expect(textBlocks(card).filter((text) => text.includes("phish.example"))).toEqual([]);
  });

  it("shows the referral, what was said in its history and the earlier referral, in full, with Hide details", () => {
    const card = rendered(referralDetailsCard(SMALL));
    const runs = textRuns(card);
    expect(runs).toEqual(expect.arrayContaining(["Samira", "Markerfield", "Seen getting into cars after school.", "Which bus does she take?", "The 65, most days."]));
    expect(textBlocks(card)).toEqual(expect.arrayContaining([EMERGENCY_LINE, "Details: only you see them"]));
    // Issue 23 (low): the earlier referral's line holds what a referrer typed (their organisation): a TextRun, never Markdown.
    expect(runs).toContain(SMALL.earlier[0]);
    expect(textBlocks(card)).not.toContain(SMALL.earlier[0]);
    expect(JSON.stringify(card)).not.toContain("…");
    const verbs = executes(card).map((action) => action.verb);
    expect(verbs).toContain("triage.summary");
    expect(verbs).not.toContain("triage.details");
    expect(verbs).toContain("triage.decide");
  });

  it("fits 28 KB with every field at its limit, 20 of each list and a long history, saying it shortened", () => {
    const worst = worstCase();
    const history = Array.from({ length: 30 }, (_, index) => ({ when: "10:02", text: `Information asked for by Sam Lead at 10:${index}`, said: "€".repeat(2_000) }));
    const pages = pagesOf({ ...SMALL, referral: { values: worst.values, entries: worst.entries }, history });
    for (const { card, json } of pages) {
      expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
      expect(cardProblems(json)).toEqual([]);
    }
    const first = pages[0]!;
    expect(textBlocks(first.json).join("\n")).toContain("Long answers are shortened on this card");
    // The newest 15 entries of the history, and a line for the rest; the estimate does not waste the room.
    expect(textRuns(first.json)).toContain("15 earlier entries are not shown here.");
    // A page at a time, no entry of a full list is left out any more: the 20th person and place are there.
    const runs = pages.flatMap(({ json }) => textRuns(json));
    expect(runs).toEqual(expect.arrayContaining(["Person 20\n", "Place 20\n"]));
    expect(runs).not.toContain("Not shown on this card: download the referral as a PDF from the triage board in the tab to read them.");
    expect(Math.max(...pages.map(({ card }) => bytesOf(card)))).toBeGreaterThan(CARD_SIZE_LIMIT_BYTES * 0.85);
  });

  it("says the personal details were removed once purged, and still shows the history", () => {
    const card = rendered(referralDetailsCard({ ...SMALL, referral: undefined, earlier: [] }));
    expect(textBlocks(card)).toContain(PURGED_NOTE);
    expect(textRuns(card)).toContain("Which bus does she take?");
    expect(JSON.stringify(card)).not.toContain("Samira");
  });
});
