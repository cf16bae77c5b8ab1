// The referral cards (issue 10, points 1, 2 and 6), rendered from the real templates and read as a
// person would. Here: what every referral card must be (valid, the 999 line, no unkept promise,
// buttons that fit), and the form: each field's input holds what was typed, its problem beside it,
// and every section fits Teams at its worst. The review, sent and channel cards have files of their own.
import { describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { ENTRIES_PER_PAGE, referralChannelCard, referralFormCard, referralReviewCard, referralSentCard, type ReferralFormView, type ReferralSection } from "../../src/cards/referral-views.ts";
import { ESSENTIAL_PARTS, REFERRAL_CARD_SECTIONS, fieldsIn, isListGroup } from "../../src/cards/referral-sections.ts";
import { maxEntriesOf } from "../../src/domain/referral-fields.ts";
import type { CardToSend } from "../../src/cards/check-views.ts";
import { TRIAGE_STATUSES } from "../../src/domain/triage.ts";
import { EMERGENCY_LINE } from "../../src/domain/pathway-text.ts";
import { inputsShownIn } from "../../src/services/referral-draft.ts";
import { cardProblems } from "../support/validate-card.ts";
import { unkeptPromises } from "../support/promise-phrases.ts";
import {
  CHANNEL, DRAFT_ID, NOTICE, SENT, SUNDAY_03, buttonTitles, essentialsRendered, sentAt, bytesOf, executes, idsOf, inputById, inputs, longest, nodes, rendered, textBlocks, textRuns, view, worstCase,
} from "../support/referral-cards.ts";

const CASES: [string, CardToSend][] = [
  ...REFERRAL_CARD_SECTIONS.map((section): [string, CardToSend] => [`form: ${section}, empty`, referralFormCard(view({ section }))]),
  ["form: started from the menu, nothing carried", referralFormCard(view({ carried: undefined }))],
  ["form: a repeated press", referralFormCard(view({ notice: NOTICE }))],
  ...REFERRAL_CARD_SECTIONS.map((section): [string, CardToSend] => [`form: ${section}, worst case`, referralFormCard({ ...worstCase(), section })]),
  ["review: the essentials only", referralReviewCard(view({ values: { "referrer.name": "Sam Teacher", "child.forename": "Not known", "concern.worries": "Seen getting into cars." } }))],
  ["review: worst case", referralReviewCard({ ...worstCase(), issues: [], notice: undefined })],
  ["sent: channel registered", referralSentCard(SENT)],
  ["sent: phone now, closed", referralSentCard({ ...SENT, phoneNow: true, sections: sentAt(SUNDAY_03) })],
  ["sent: no channel yet", referralSentCard({ ...SENT, delivery: "no-channel" as const, phoneNow: true })],
  ["sent: no contact details", referralSentCard({ ...SENT, sections: [] })],
  ...TRIAGE_STATUSES.map((status): [string, CardToSend] => [`channel: ${status}`, referralChannelCard({ ...CHANNEL, status, assignee: "Sam Lead", note: "Acknowledged by Sam Lead at 10:05" })]),
];

describe("referral cards", () => {
  it.each(CASES)("%s: a valid Adaptive Card 1.5 under 28 KB", (_name, card) => {
    const json = rendered(card);
    expect(json.version).toBe("1.5");
    expect(cardProblems(json)).toEqual([]);
  });

  it.each(CASES)("%s: carries the 999 line", (_name, card) => {
    expect(textBlocks(rendered(card))).toContain(EMERGENCY_LINE);
  });

  it.each(CASES)("%s: promises nothing the product does not do", (_name, card) => {
    const json = rendered(card);
    expect(unkeptPromises([...textBlocks(json), ...textRuns(json)].join("\n"))).toEqual([]);
  });

  it.each(CASES)("%s: every button title fits (30 characters at most)", (_name, card) => {
    expect(buttonTitles(rendered(card)).filter((title) => title.length > 30)).toEqual([]);
  });

  it.each(CASES.filter(([name]) => name.startsWith("form") || name.startsWith("review")))("%s: every button names the draft and its version", (_name, card) => {
    for (const action of executes(rendered(card))) expect(action.data).toMatchObject({ draftId: DRAFT_ID, version: 7 });
  });
});

describe("referral form", () => {
  it("repeats what is left to fix at the card's foot, by the button, naming each field (issue 21, point 2)", () => {
    const card = rendered(referralFormCard(view({ issues: [{ field: "referrer.role", message: "Enter your role." }, { field: "child.forename", message: "Enter the child's first name." }] })));
    // The body's last text, just above the buttons (a Show card's text is not in the body).
    const last = textBlocks({ ...card, actions: [] }).at(-1) ?? "";
    expect(last).toMatch(/^Not sent yet: 2 things to fix \(.+; .+\)\. Each is said beside its field\.$/);
    expect(last).toContain("role");
    expect(textBlocks(rendered(referralFormCard(view({}))))).not.toEqual(expect.arrayContaining([expect.stringMatching(/^Not sent yet/)]));
  });

  it("the essentials show the required fields of every group, and what the service reads back as cleared", () => {
    const card = essentialsRendered();
    expect(inputs(card).map((input) => input.id)).toEqual([...inputsShownIn("essentials", { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 })]);
    expect(textBlocks(card)).toEqual(expect.arrayContaining(["Make a referral · The essentials, part 1 of 5: About you", "Make a referral · The essentials, part 2 of 5: How to reach you", "Make a referral · The essentials, part 3 of 5: The child", "Make a referral · The essentials, part 4 of 5: Your worry", "Make a referral · The essentials, part 5 of 5: Telling parents"]));
  });

  // A part of the essentials at a time, each within 900 px in Teams.
  it("shows the essentials a part at a time: every essential field in one part, in order, each part's inputs the ones the service reads back from it", () => {
    expect(ESSENTIAL_PARTS.flatMap((part) => part.fields)).toEqual(fieldsIn("essentials").map((field) => `${field.group}.${field.key}`));
    ESSENTIAL_PARTS.forEach(({ fields }, part) => {
      const card = rendered(referralFormCard(view({ part })));
      expect(inputs(card).map((input) => input.id), `part ${part}`).toEqual([...inputsShownIn("essentials", { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 }, undefined, fields)]);
      // Every button says which part it was pressed on, so only that part's empty inputs are read as cleared.
      for (const action of executes(card)) if (!action.verb.startsWith("check.")) expect(action.data, `${action.title}, part ${part}`).toMatchObject({ part });
    });
  });

  it("Next and Back between the parts; Review and send first on the last part", () => {
    const steps = (part: number) => executes(rendered(referralFormCard(view({ part })))).filter((action) => action.data.toPart !== undefined || action.verb === "referral.review").map((action) => [action.title, action.verb, action.data.toPart]);
    expect(steps(0).slice(0, 2)).toEqual([["Next: How to reach you", "referral.section", 1], ["Review and send", "referral.review", undefined]]);
    expect(steps(2).slice(0, 3)).toEqual([["Next: Your worry", "referral.section", 3], ["Back: How to reach you", "referral.section", 1], ["Review and send", "referral.review", undefined]]);
    expect(steps(4).slice(0, 2)).toEqual([["Review and send", "referral.review", undefined], ["Back: Your worry", "referral.section", 3]]);
    // A part out of range (a tampered or old card) is the nearest part.
    expect(steps(9)).toEqual(steps(4));
  });

  it("asks on later parts only what they ask: the check carried over, the intro and the way back to the result are on the first", () => {
    const later = rendered(referralFormCard(view({ part: 1 })));
    expect(textRuns(later)).not.toContain("From your check (not typed again): ");
    expect(textBlocks(later)).not.toContain("The front door needs all of these. Where two go together, one of them is enough.");
    expect(executes(later).find((action) => action.verb.startsWith("check."))).toBeUndefined();
    expect(textBlocks(rendered(referralFormCard(view({ part: 0 }))))).toContain("The front door needs all of these. Where two go together, one of them is enough.");
    // "Nothing is sent until…" by the last part's Review and send.
    expect(textBlocks(rendered(referralFormCard(view({ part: 4 })))).at(-1)).toContain("Nothing is sent until you review the referral and press Submit referral.");
  });

  it("folds the other parts under one button, open when one of them holds a problem", () => {
    const fold = (given: Partial<ReferralFormView>) => nodes(rendered(referralFormCard(view(given))), (node) => node.id === "more-detail")[0]?.isVisible;
    expect(fold({})).toBe(false);
    expect(fold({ issues: [{ field: "child.alias", message: "Keep this to 200 characters or fewer (it has 250)." }] })).toBe(true);
    // A problem in another part of the essentials is reached with Next or Back, named at the top.
    expect(fold({ issues: [{ field: "child.forename", message: "Enter the child's first name, or \"not known\"." }] })).toBe(false);
    expect(buttonTitles(rendered(referralFormCard(view())))).toContain("Add more detail (optional)");
  });

  it.each(["referrer", "child", "concern", "mase", "maseOtherRisks", "household", "parentalResponsibility"] as const)("%s: shows the group's other fields, the ones the service reads back", (section) => {
    expect(inputs(rendered(referralFormCard(view({ section })))).map((input) => input.id)).toEqual([...inputsShownIn(section, { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 })]);
  });

  it("uses the input each kind needs, with the table's limits", () => {
    const card = essentialsRendered({ values: { "child.age": "14" } });
    expect(inputById(card, "referrer.name")).toMatchObject({ type: "Input.Text", label: "Your name", maxLength: 100 });
    expect(inputById(card, "referrer.email")).toMatchObject({ type: "Input.Text", style: "Email", maxLength: 254 });
    expect(inputById(card, "referrer.phone")).toMatchObject({ type: "Input.Text", style: "Tel", maxLength: 30 });
    // Issue 21, point 4: a text box read day first, not a calendar that opens on today.
    expect(inputById(card, "child.dateOfBirth")).toMatchObject({ type: "Input.Text", placeholder: "Day/month/year, such as 02/03/2011" });
    // What it was read as is said back in words, so a misreading shows before Submit.
    expect(textBlocks(essentialsRendered({ values: { "child.dateOfBirth": "02/03/2011" } })).join("\n")).toMatch(/^Read as 2 March 2011\./m);
    expect(inputById(card, "child.age")).toMatchObject({ type: "Input.Number", min: 0, max: 25, value: 14 });
    expect(inputById(card, "concern.worries")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 2000 });
    expect(inputById(card, "parentalResponsibility.told")).toMatchObject({ type: "Input.ChoiceSet", style: "compact", choices: [{ title: "Yes", value: "yes" }, { title: "No", value: "no" }] });
    expect(inputById(card, "parentalResponsibility.whyNot")?.choices).toHaveLength(3);
  });

  // Teams blocks every button while an isRequired input is empty, so a practitioner could not open
  // another section, add a person or go back before finishing the essentials; the server checks instead.
  it("marks no input isRequired, so every button can save what was typed", () => {
    expect(inputs(rendered(referralFormCard(worstCase()))).filter((input) => input.isRequired === true)).toEqual([]);
  });

  it("asks why parents were not told with the question it depends on named", () => {
    const card = essentialsRendered();
    expect(textBlocks(card)).toEqual(expect.arrayContaining(['Only if you chose "No" above.', 'Only if you chose "Another reason (say below)" above.']));
  });

  it("says once, under the first of a pair, that one of the two is enough", () => {
    const blocks = textBlocks(essentialsRendered());
    expect(blocks.filter((text) => text.startsWith("Give your email or your phone number"))).toHaveLength(1);
    expect(blocks).toContain("Give the child's date of birth, or their age if you do not know it.");
  });

  it.each(REFERRAL_CARD_SECTIONS)("%s: what was typed comes back in each input as typed", (section) => {
    const fields = fieldsIn(section);
    const values = Object.fromEntries(fields.flatMap((field) => idsOf(field, 2).map((id) => [id, field.kind === "number" ? "9" : longest(field, "é")])));
    const given = { section, values, entries: { personsOfInterest: 2, locationsOfInterest: 2, parentsAndCarers: 2, householdChildren: 2 } };
    const card = section === "essentials" ? essentialsRendered(given) : rendered(referralFormCard(view(given)));
    for (const [id, value] of Object.entries(values)) expect(inputById(card, id)?.value, id).toEqual(id.endsWith(".age") ? 9 : value);
  });

  it("an age of 0 is a number like any other; a choice holds only one of its choices", () => {
    const card = essentialsRendered({ values: { "child.age": "0", "parentalResponsibility.told": "perhaps" } });
    expect(inputById(card, "child.age")).toMatchObject({ type: "Input.Number", value: 0 });
    expect(inputById(card, "parentalResponsibility.told")?.value ?? "").toBe("");
  });

  it("keeps a value the native input cannot hold in a text box, beside its problem", () => {
    const card = rendered(referralFormCard(view({
      part: 2,
      values: { "child.dateOfBirth": "2011-02-30", "child.age": "fourteen" },
      issues: [{ field: "child.dateOfBirth", message: "That date does not exist: check the day and the month." }, { field: "child.age", message: "Enter a whole number from 0 to 25." }],
    })));
    expect(inputById(card, "child.dateOfBirth")).toMatchObject({ type: "Input.Text", value: "2011-02-30" });
    expect(inputById(card, "child.age")).toMatchObject({ type: "Input.Text", value: "fourteen" });
  });

  it("shows each issue right under its field, and counts them at the top", () => {
    const card = rendered(referralFormCard(view({
      part: 2,
      issues: [
        { field: "child.forename", message: "Enter the child's first name, or \"not known\"." },
        { field: "referrer.email", message: "Enter an email address, such as name@school.org.uk." },
        { field: "child.alias", message: "Keep this to 200 characters or fewer (it has 250)." },
      ],
    })));
    const containerOf = (id: string) => nodes(card, (node) => node.type === "Container" && Array.isArray(node.items) && node.items[0]?.id === id)[0];
    expect(containerOf("child.forename")?.items[1]).toMatchObject({ type: "TextBlock", text: "Enter the child's first name, or \"not known\".", color: "Attention" });
    expect(containerOf("referrer.email")).toBeUndefined();
    expect(nodes(rendered(referralFormCard(view({ part: 1, issues: [{ field: "referrer.email", message: "Enter an email address, such as name@school.org.uk." }] }))), (node) => node.type === "Container" && Array.isArray(node.items) && node.items[0]?.id === "referrer.email")[0]?.items[1]).toMatchObject({ type: "TextBlock", text: "Enter an email address, such as name@school.org.uk." });
    const blocks = textBlocks(card);
    expect(blocks).toEqual(expect.arrayContaining(["3 things to fix.", "One is on this card, beside its field.", "2 are in other parts: The essentials: How to reach you (1), with Back; More about the child (1), under the links below."]));
    expect(executes(card).find((action) => action.data.section === "child")?.title).toBe("More about the child (1 to fix)");
  });

  it("sends the practitioner to the page of a list that holds a problem", () => {
    const card = rendered(referralFormCard(view({ entries: { personsOfInterest: 8, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 }, issues: [{ field: "personsOfInterest.6.name", message: "Give this person's name, or describe them if you do not know it." }] })));
    expect(executes(card).find((action) => action.data.section === "personsOfInterest")).toMatchObject({ title: "People of interest (8 people, 1 to fix)", data: { showEntry: 6 } });
    const page = rendered(referralFormCard(view({ section: "personsOfInterest", showEntry: 6, entries: { personsOfInterest: 8, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 }, issues: [{ field: "personsOfInterest.6.name", message: "Give this person's name, or describe them if you do not know it." }] })));
    expect(textBlocks(page)).toEqual(expect.arrayContaining(["Person 7", "Give this person's name, or describe them if you do not know it.", "One is on this card, beside its field."]));
  });

  it("a list shows its entries a page at a time, each with Remove, and Add while under 20", () => {
    const card = rendered(referralFormCard(view({ section: "personsOfInterest", showEntry: 3, entries: { personsOfInterest: 5, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 } })));
    // Two a page since each person has offending history and youth offending or police involvement too (DOMAIN.md §8, 2026-12-07).
    const size = ENTRIES_PER_PAGE.personsOfInterest;
    expect(size).toBe(2);
    expect(textBlocks(card)).toEqual(expect.arrayContaining(["Person 3", "Person 4", "Showing people 3 to 4 of 5. What you type here is saved when you open another page."]));
    expect(textBlocks(card)).not.toContain("Person 2");
    expect(textBlocks(card)).not.toContain("Person 5");
    const shown = { draftId: DRAFT_ID, version: 7, shownFrom: 2, shownTo: 4 };
    expect(executes(card).filter((action) => action.verb !== "referral.section" && action.verb !== "check.result")).toEqual([
      expect.objectContaining({ title: "Remove person 3", verb: "referral.remove", data: { ...shown, group: "personsOfInterest", index: 2 } }),
      expect.objectContaining({ title: "Remove person 4", verb: "referral.remove", data: { ...shown, group: "personsOfInterest", index: 3 } }),
      expect.objectContaining({ title: "Add a person", verb: "referral.add", data: { ...shown, group: "personsOfInterest" } }),
      expect.objectContaining({ title: "Review and send", verb: "referral.review", data: shown }),
    ]);
    expect(executes(card).find((action) => action.title === "People 1 to 2")?.data).toEqual({ ...shown, section: "personsOfInterest", showEntry: 0 });
    // The service reads back as cleared only the inputs this page showed.
    expect(new Set(inputs(card).map((input) => input.id))).toEqual(new Set([...inputsShownIn("personsOfInterest", { personsOfInterest: 5, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 }, { from: 2, to: 4 })]));
  });

  it("at 20 entries offers no Add, and says why", () => {
    const card = rendered(referralFormCard(view({ section: "locationsOfInterest", entries: { personsOfInterest: 0, locationsOfInterest: 20, parentsAndCarers: 0, householdChildren: 0 } })));
    expect(executes(card).map((action) => action.verb)).not.toContain("referral.add");
    expect(textBlocks(card)).toContain("That is 20, the most a referral takes. Describe any more together in one entry.");
  });

  it("an empty list says so and offers Add", () => {
    const card = rendered(referralFormCard(view({ section: "locationsOfInterest" })));
    expect(textBlocks(card)).toContain("No places added yet.");
    expect(executes(card).find((action) => action.verb === "referral.add")).toMatchObject({ title: "Add a place", data: { group: "locationsOfInterest", shownFrom: 0, shownTo: 0 } });
  });

  it("opens every other section, saying which hold something", () => {
    const card = rendered(referralFormCard(view({ values: { "child.forename": "Sam", "child.school": "Hillside", "mase.countyLines": "x" }, entries: { personsOfInterest: 1, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 } })));
    expect(executes(card).filter((action) => action.verb === "referral.section" && action.data.toPart === undefined).map((action) => [action.title, action.data.section])).toEqual([
      ["More about you", "referrer"],
      ["More about the child (filled in)", "child"],
      ["More about your worry", "concern"],
      ["People of interest (1 person)", "personsOfInterest"],
      ["Places of interest", "locationsOfInterest"],
      ["For MASE (the Multi-Agency Sexual Exploitation meeting) (filled in)", "mase"],
      ["For MASE: other risks, police", "maseOtherRisks"],
      ["Who the child lives with", "household"],
      ["Parents and carers: details", "parentsAndCarers"],
      ["Brothers, sisters, other children", "householdChildren"],
      ["More about telling parents", "parentalResponsibility"],
    ]);
  });

  // DOMAIN.md §8 (added 2026-12-07): the household, optional, under "more detail".
  it("the household: who the child lives with, then parents and carers up to 4, then other children up to 8, each saying where any more go", () => {
    const essentials = rendered(referralFormCard(view()));
    expect(inputs(essentials).map((input) => String(input.id)).filter((id) => /^(household|parentsAndCarers|householdChildren)\./.test(id))).toEqual([]);
    expect(inputs(rendered(referralFormCard(view({ section: "household" })))).map((input) => input.id)).toEqual(["household.livesWith"]);

    const carers = rendered(referralFormCard(view({ section: "parentsAndCarers", entries: { ...view().entries, parentsAndCarers: 1 } })));
    expect(inputs(carers).map((input) => input.id)).toEqual([
      "parentsAndCarers.0.name", "parentsAndCarers.0.relationship", "parentsAndCarers.0.dateOfBirth", "parentsAndCarers.0.address",
      "parentsAndCarers.0.phone", "parentsAndCarers.0.language", "parentsAndCarers.0.mayBeRisk",
    ]);
    expect(inputById(carers, "parentsAndCarers.0.phone")).toMatchObject({ type: "Input.Text", style: "Tel", maxLength: 30 });
    expect(inputById(carers, "parentsAndCarers.0.dateOfBirth")).toMatchObject({ type: "Input.Text", placeholder: "Day/month/year, such as 02/03/2011" });
    expect(inputById(carers, "parentsAndCarers.0.mayBeRisk")?.choices).toEqual([{ title: "Yes", value: "yes" }, { title: "No", value: "no" }, { title: "Not known", value: "notKnown" }]);
    expect(executes(carers).find((action) => action.verb === "referral.add")).toMatchObject({ title: "Add a parent or carer", data: { group: "parentsAndCarers" } });

    const fullCarers = rendered(referralFormCard(view({ section: "parentsAndCarers", entries: { ...view().entries, parentsAndCarers: 4 } })));
    expect(textBlocks(fullCarers)).toEqual(expect.arrayContaining(["Parent or carer 1", "Parent or carer 4"]));
    expect(executes(fullCarers).map((action) => action.verb)).not.toContain("referral.add");
    expect(textBlocks(fullCarers)).toContain('That is 4, the most a referral takes. Describe any others under "Who the child lives with".');

    const fullChildren = rendered(referralFormCard(view({ section: "householdChildren", entries: { ...view().entries, householdChildren: 8 } })));
    expect(textBlocks(fullChildren)).toEqual(expect.arrayContaining(["Child 1", "Child 8"]));
    expect(textBlocks(fullChildren)).toContain('That is 8, the most a referral takes. Describe any others under "Who the child lives with".');
    expect(inputById(fullChildren, "householdChildren.7.age")).toMatchObject({ type: "Input.Number", min: 0, max: 25 });
  });

  it("a child's date of birth in the household that does not exist stays as typed in a text box, its problem beside it, the rest kept", () => {
    const values = { "householdChildren.0.name": "Kemi", "householdChildren.0.dateOfBirth": "2017-02-30", "householdChildren.0.school": "Hillside Primary", "householdChildren.1.name": "Tobi" };
    const issues = [{ field: "householdChildren.0.dateOfBirth", message: "That date does not exist: check the day and the month." }];
    const card = rendered(referralFormCard(view({ section: "householdChildren", values, issues, entries: { ...view().entries, householdChildren: 2 } })));
    expect(inputById(card, "householdChildren.0.dateOfBirth")).toMatchObject({ type: "Input.Text", value: "2017-02-30" });
    const containerOf = (id: string) => nodes(card, (node) => node.type === "Container" && Array.isArray(node.items) && node.items[0]?.id === id)[0];
    expect(containerOf("householdChildren.0.dateOfBirth")?.items[1]).toMatchObject({ type: "TextBlock", text: "That date does not exist: check the day and the month.", color: "Attention" });
    for (const [id, value] of Object.entries(values)) if (!id.endsWith("dateOfBirth")) expect(inputById(card, id)?.value, id).toBe(value);
    // From any other part, the link to the children's part says there is a problem there.
    const elsewhere = rendered(referralFormCard(view({ values, issues, entries: { ...view().entries, householdChildren: 2 } })));
    expect(executes(elsewhere).find((action) => action.data.section === "householdChildren")?.title).toBe("Brothers, sisters, other children (2 children, 1 to fix)");
  });

  it("more context (2026-12-07) is under \"more detail\": the child's, each person's, and MASE's other risks", () => {
    const ids = (section: ReferralSection, entries = view().entries) => inputs(rendered(referralFormCard(view({ section, entries })))).map((input) => String(input.id));
    expect(ids("child")).toEqual(expect.arrayContaining(["child.gangAffiliation", "child.socialCareStatus", "child.earlyHelpAssessment", "child.otherAgencies"]));
    expect(ids("personsOfInterest", { ...view().entries, personsOfInterest: 1 })).toEqual(expect.arrayContaining(["personsOfInterest.0.offendingHistory", "personsOfInterest.0.youthOffendingOrPolice"]));
    expect(ids("maseOtherRisks")).toEqual(["maseOtherRisks.radicalisation", "maseOtherRisks.sexuallyHarmfulBehaviour", "maseOtherRisks.cawnIssued", "maseOtherRisks.policeFlag"]);
    expect(ids("essentials").filter((id) => /gang|socialCare|earlyHelp|otherAgencies|offending|radicalisation|Harmful|cawn|policeFlag/.test(id))).toEqual([]);
  });

  it("goes back to the check's result when there is one, saying what is not saved", () => {
    const back = (given: Partial<ReferralFormView>) => executes(rendered(referralFormCard(view(given)))).find((action) => action.verb.startsWith("check."));
    expect(back({})).toMatchObject({ title: "Yes, back to my result", verb: "check.result", associatedInputs: "none", data: { sessionId: "5e0c0000-0000-4000-8000-000000000001", draftId: DRAFT_ID, version: 7 } });
    expect(back({ sessionId: undefined })).toMatchObject({ verb: "check.last" });
    expect(back({ carried: undefined })).toBeUndefined();
    expect(textBlocks(rendered(referralFormCard(view())))).toContain("Go back to your check's result? What you typed on this card since you last pressed one of its buttons is not saved.");
  });

  it("shows what the check carried over, read-only", () => {
    const card = rendered(referralFormCard(view()));
    // On one line, not five.
    expect(textRuns(card)).toEqual(expect.arrayContaining(["From your check (not typed again): ", "Area: Kingston upon Thames · Age given in the check: 14 · Exploitation scale: Category 2 · A crime may have been committed: possible child sexual abuse · A crime may have been committed: sexual activity with a child under 13"]));
    expect(textRuns(rendered(referralFormCard(view({ carried: undefined }))))).not.toContain("From your check (not typed again): ");
  });
});

// Issue 10, point 2: every card at its worst stays within Teams' limit (DESIGN.md: 28 KB).
describe("worst case size", () => {
  const pages = (section: ReferralSection) =>
    isListGroup(section) ? Array.from({ length: Math.ceil(maxEntriesOf(section) / ENTRIES_PER_PAGE[section]) }, (_, page) => page * ENTRIES_PER_PAGE[section]) : [0];
  const worst = worstCase();

  it.each(REFERRAL_CARD_SECTIONS.flatMap((section) => pages(section).map((showEntry) => [section, showEntry] as const)))("form %s from entry %i: every field at its limit in 3-byte characters", (section, showEntry) => {
    expect(bytesOf(referralFormCard({ ...worst, section, showEntry }))).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
  });

  it.each(ESSENTIAL_PARTS.map((_, part) => part))("the essentials' part %i: every field at its limit in 3-byte characters", (part) => {
    expect(bytesOf(referralFormCard({ ...worst, section: "essentials", part }))).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
  });
});

