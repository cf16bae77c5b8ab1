// The review before Submit (issue 10, point 1): what will be sent, by section, typed text shown
// literally, and shortened only when a referral filled to every limit would not fit on a card.
import { describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { referralReviewCard, type ReferralFormView } from "../../src/cards/referral-views.ts";
import { SHORTENED_NOTE, overheadOf, sectionsOf } from "../../src/cards/referral-review-views.ts";
import { REFERRAL_CARD_SECTIONS } from "../../src/cards/referral-sections.ts";
import { jsonBytes } from "../../src/cards/shorten-to-fit.ts";
import { REFERRAL_FIELDS, type FieldSpec } from "../../src/domain/referral-fields.ts";
import { DRAFT_ID, bytesOf, executes, idsOf, longest, nodes, rendered, textBlocks, textRuns, view, worstCase } from "../support/referral-cards.ts";

describe("referral review", () => {
  const INJECTION = "[click](https://evil.example) **bold** <b>x</b> _it_ # `code`";

  it("shows typed text literally, never as Markdown", () => {
    const json = rendered(referralReviewCard(view({ values: { "concern.worries": INJECTION, "personsOfInterest.0.name": INJECTION }, entries: { personsOfInterest: 1, locationsOfInterest: 0 } })));
    expect(textRuns(json)).toEqual(expect.arrayContaining([INJECTION, `Name: ${INJECTION}`]));
    expect(textBlocks(json).filter((text) => text.includes("evil.example"))).toEqual([]);
    expect(nodes(json, (node) => node.type === "RichTextBlock" || node.type === "TextRun").length).toBeGreaterThan(0);
  });

  it("lists what will be sent by section, each with Change, then Submit", () => {
    const json = rendered(referralReviewCard(view({ values: { "referrer.name": "Sam Teacher", "referrer.dslInformed": "yes", "child.dateOfBirth": "2011-04-09", "parentalResponsibility.whyNot": "childAtRisk" } })));
    expect(textRuns(json)).toEqual(expect.arrayContaining([
      "Your name: ", "Sam Teacher",
      "Have you told your designated safeguarding lead? ", "Yes",
      "Date of birth: ", "9 April 2011",
      "Telling them could put the child at greater risk",
    ]));
    expect(executes(json).map((action) => [action.title, action.verb, action.data])).toEqual([
      ...REFERRAL_CARD_SECTIONS.map((section) => ["Change", "referral.edit", { draftId: DRAFT_ID, version: 7, section }]),
      ["Submit referral", "referral.submit", { draftId: DRAFT_ID, version: 7 }],
    ]);
    expect(textBlocks(json)).toContain("Submitting stores this referral and posts it to the triage channel registered for Kingston upon Thames in your organisation, once one is registered. It does not replace contacting the front door when a child is at risk now.");
  });
});

describe("review size", () => {
  it.each(["€", "\"", "😀".slice(0, 1) + "x", "a"])("review of a referral filled to every limit with %j: shortened to fit, and says so", (character) => {
    const card = referralReviewCard({ ...worstCase(character), issues: [] });
    expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    expect(textBlocks(rendered(card))).toContain(SHORTENED_NOTE);
  });

  it("a review that fits is shown whole, with no note", () => {
    const values = { "concern.worries": "x".repeat(2000), "mase.countyLines": "é".repeat(500) };
    const json = rendered(referralReviewCard(view({ values })));
    expect(textRuns(json)).toEqual(expect.arrayContaining(["x".repeat(2000), "é".repeat(500)]));
    expect(textBlocks(json)).not.toContain(SHORTENED_NOTE);
  });

  it("shortens only the long answers, each ending in …", () => {
    const values = { ...worstCase().values, "child.gender": "Girl" };
    const runs = textRuns(rendered(referralReviewCard(view({ values, entries: { personsOfInterest: 20, locationsOfInterest: 20 } }))));
    expect(runs).toContain("Girl");
    expect(runs.filter((run) => run.includes("€")).every((run) => run.endsWith("…"))).toBe(true);
  });

  // The review shortens against an estimate of the card around the answers; it must not fall below the real size.
  it.each([
    ["nothing typed", {}],
    ["the essentials", { values: { "referrer.name": "Sam", "child.forename": "A", "concern.worries": "B", "parentalResponsibility.told": "yes" } }],
    ["every field, 20 people and places", { values: Object.fromEntries((REFERRAL_FIELDS as readonly FieldSpec[]).flatMap((field) => idsOf(field).map((id) => [id, longest(field, "a").slice(0, 1)]))), entries: { personsOfInterest: 20, locationsOfInterest: 20 } }],
  ] as const)("the size estimate for %s is above the real size, and close", (_name, given) => {
    const reviewed = view(given as Partial<ReferralFormView>);
    const sections = sectionsOf(reviewed);
    const texts = sections.flatMap((section) => [...section.groups.flatMap((group) => group.lines), ...section.entries.flatMap((entry) => entry.lines)]).reduce((sum, line) => sum + jsonBytes(line.value), 0);
    const estimate = overheadOf(reviewed, sections) + texts;
    const actual = bytesOf(referralReviewCard(reviewed));
    expect(estimate).toBeGreaterThanOrEqual(actual);
    expect(estimate - actual).toBeLessThan(1024);
  });
});

