// The review before Submit (issue 10, point 1): what will be sent, by section, typed text shown
// literally, and shortened only when a referral filled to every limit would not fit on a card.
import { describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { referralReviewCard, type ReferralFormView } from "../../src/cards/referral-views.ts";
import { SHORTENED_NOTE, overheadOf, reviewSectionsOf } from "../../src/cards/referral-review-views.ts";
import { REFERRAL_CARD_SECTIONS, SECTION_WORDS } from "../../src/cards/referral-sections.ts";
import { jsonBytes } from "../../src/cards/shorten-to-fit.ts";
import { REFERRAL_FIELDS, type FieldSpec } from "../../src/domain/referral-fields.ts";
import { DRAFT_ID, buttonTitles, bytesOf, executes, idsOf, longest, nodes, rendered, textBlocks, textRuns, view, worstCase } from "../support/referral-cards.ts";

describe("referral review", () => {
  const INJECTION = "[click](https://evil.example) **bold** <b>x</b> _it_ # `code`";

  it("shows typed text literally, never as Markdown", () => {
    const json = rendered(referralReviewCard(view({ values: { "concern.worries": INJECTION, "personsOfInterest.0.name": INJECTION }, entries: { personsOfInterest: 1, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 } })));
    expect(textRuns(json)).toEqual(expect.arrayContaining([INJECTION, `Name: ${INJECTION}`]));
    expect(textBlocks(json).filter((text) => text.includes("evil.example"))).toEqual([]);
    expect(nodes(json, (node) => node.type === "RichTextBlock" || node.type === "TextRun").length).toBeGreaterThan(0);
  });

  it("lists what will be sent by section, each with Change, then Submit", () => {
    const json = rendered(referralReviewCard(view({ values: { "referrer.name": "Sam Teacher", "referrer.dslInformed": "yes", "child.dateOfBirth": "2011-04-09", "parentalResponsibility.whyNot": "childAtRisk" } })));
    expect(textRuns(json)).toEqual(expect.arrayContaining([
      "Your name: ", "Sam Teacher",
      "Have you told your designated safeguarding lead? ", "Yes",
      "The child's date of birth: ", "9 April 2011",
      "Telling them could put the child at greater risk",
    ]));
    // The parts holding something each have Change; the empty ones are links in one folded list.
    const filled = ["essentials", "referrer"];
    expect(executes(json).map((action) => [action.title, action.verb, action.data])).toEqual([
      ...filled.map((section) => ["Change", "referral.edit", { draftId: DRAFT_ID, version: 7, section }]),
      ...REFERRAL_CARD_SECTIONS.filter((section) => !filled.includes(section)).map((section) => [SECTION_WORDS[section].link, "referral.edit", { draftId: DRAFT_ID, version: 7, section }]),
      ["Submit referral", "referral.submit", { draftId: DRAFT_ID, version: 7 }],
    ]);
    expect(nodes(json, (node) => node.id === "not-added")[0]?.isVisible).toBe(false);
    expect(buttonTitles(json)).toContain("Add more detail (optional)");
    expect(textBlocks(json)).toContain("This is everything that will be sent, and nothing is sent until you press Submit referral. Submitting stores this referral and posts it to the triage channel registered for Kingston upon Thames in your organisation, once one is registered. It does not replace contacting the front door when a child is at risk now.");
  });
});

// DOMAIN.md §8 (added 2026-12-07): the household and more context, read back before Submit.
describe("the household on the review", () => {
  it("shows who the child lives with, each parent or carer and each other child, in words", () => {
    const values = {
      "household.livesWith": "Her mother and three younger brothers.",
      "parentsAndCarers.0.name": "Ngozi Okafor", "parentsAndCarers.0.relationship": "Mother", "parentsAndCarers.0.mayBeRisk": "notKnown",
      "householdChildren.0.name": "Kemi", "householdChildren.0.dateOfBirth": "2017-02-03", "householdChildren.0.school": "Hillside Primary",
      "maseOtherRisks.cawnIssued": "yes", "child.earlyHelpAssessment": "no",
    };
    const json = rendered(referralReviewCard(view({ values, entries: { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 1, householdChildren: 1 } })));
    expect(textBlocks(json)).toEqual(expect.arrayContaining(["Household: who the child lives with", "Household: parents and carers", "Household: brothers, sisters and other children", "For MASE: other risks and police measures"]));
    expect(textRuns(json)).toEqual(expect.arrayContaining([
      "Who does the child live with? ", "Her mother and three younger brothers.",
      "Parent or carer 1\n", "Name: Ngozi Okafor\nRelationship to the child: Mother\nCould they be a source of risk to the child? Not known",
      "Child 1\n", "Name: Kemi\nDate of birth: 3 February 2017\nSchool, college or nursery: Hillside Primary",
      "Has a child abduction warning notice (CAWN) been issued? ", "Yes",
      "Has an early help assessment (CAF) been completed? ", "No",
    ]));
  });
});

describe("review size", () => {
  it.each(["€", "\"", "😀".slice(0, 1) + "x", "a"])("review of a referral filled to every limit with %j: shortened to fit, and says so", (character) => {
    const card = referralReviewCard({ ...worstCase(character), issues: [] });
    expect(bytesOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    expect(textBlocks(rendered(card))).toContain(SHORTENED_NOTE);
  });

  it("a referral too big for one card, even shortened, leaves out the last entries of its longest lists and says where to read them", () => {
    const json = rendered(referralReviewCard({ ...worstCase(), issues: [] }));
    expect(bytesOf(referralReviewCard({ ...worstCase(), issues: [] }))).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    const notShown = textRuns(json).filter((run) => run.startsWith("Not shown on this card"));
    expect(notShown.length).toBeGreaterThan(0);
    expect(notShown.every((run) => run === "Not shown on this card: press Change to read them.")).toBe(true);
    expect(textRuns(json).some((run) => /^(People|Places) \d+ to 20\n$/.test(run))).toBe(true);
    // The first entries of every list are still there.
    expect(textRuns(json)).toEqual(expect.arrayContaining(["Person 1\n", "Place 1\n", "Parent or carer 1\n", "Child 1\n"]));
  });

  it("a full household with short answers is shown whole", () => {
    const values = Object.fromEntries((REFERRAL_FIELDS as readonly FieldSpec[]).filter((field) => /^(household|parentsAndCarers|householdChildren)$/.test(field.group)).flatMap((field) => idsOf(field).map((id) => [id, longest(field, "a").slice(0, 20)])));
    const json = rendered(referralReviewCard(view({ values, entries: { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 4, householdChildren: 8 } })));
    expect(textRuns(json).filter((run) => run.startsWith("Not shown"))).toEqual([]);
    expect(textBlocks(json)).not.toContain(SHORTENED_NOTE);
    expect(textRuns(json)).toEqual(expect.arrayContaining(["Parent or carer 4\n", "Child 8\n"]));
  });

  it("a review that fits is shown whole, with no note", () => {
    const values = { "concern.worries": "x".repeat(2000), "mase.countyLines": "é".repeat(500) };
    const json = rendered(referralReviewCard(view({ values })));
    expect(textRuns(json)).toEqual(expect.arrayContaining(["x".repeat(2000), "é".repeat(500)]));
    expect(textBlocks(json)).not.toContain(SHORTENED_NOTE);
  });

  it("shortens only the long answers, each ending in …", () => {
    const values = { ...worstCase().values, "child.gender": "Girl" };
    const runs = textRuns(rendered(referralReviewCard(view({ values, entries: { personsOfInterest: 20, locationsOfInterest: 20, parentsAndCarers: 0, householdChildren: 0 } }))));
    expect(runs).toContain("Girl");
    const long = runs.filter((run) => run.includes("€"));
    // The long answers are still there, shortened: not dropped, and not all cut to a bare "…".
    expect(long.length).toBeGreaterThan(0);
    expect(long.filter((run) => !run.endsWith("…"))).toEqual([]);
  });

  // The review shortens against an estimate of the card around the answers; it must not fall below the real size.
  it.each([
    ["nothing typed", {}],
    ["the essentials", { values: { "referrer.name": "Sam", "child.forename": "A", "concern.worries": "B", "parentalResponsibility.told": "yes" } }],
    ["every field, 20 people and places", { values: Object.fromEntries((REFERRAL_FIELDS as readonly FieldSpec[]).flatMap((field) => idsOf(field).map((id) => [id, longest(field, "a").slice(0, 1)]))), entries: { personsOfInterest: 20, locationsOfInterest: 20, parentsAndCarers: 0, householdChildren: 0 } }],
  ] as const)("the size estimate for %s is above the real size, and close", (_name, given) => {
    const reviewed = view(given as Partial<ReferralFormView>);
    const sections = reviewSectionsOf(reviewed);
    const texts = sections.flatMap((section) => [...section.groups.flatMap((group) => group.lines), ...section.entries.flatMap((entry) => entry.lines)]).reduce((sum, line) => sum + jsonBytes(line.value), 0);
    const estimate = overheadOf(reviewed, sections) + texts;
    const actual = bytesOf(referralReviewCard(reviewed));
    expect(estimate).toBeGreaterThanOrEqual(actual);
    expect(estimate - actual).toBeLessThan(1024);
  });
});

