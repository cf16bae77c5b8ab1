// The draft's pure parts: inputs merged as typed (nothing lost, nothing foreign kept), entries
// added and removed with their values, and the draft read as validateReferral's input.
import { describe, expect, it } from "vitest";
import type { FromCheck } from "../../src/domain/referral.ts";
import { DraftState, addEntry, inputsShownIn, mergeInputs, newDraft, referralInputOf, removeEntry, sectionOfIssue } from "../../src/services/referral-draft.ts";

const FROM_CHECK: FromCheck = {
  area: "kingston",
  child: { age: 14, lookedAfter: false, placedOutOfArea: false, missingEpisodes90d: 0 },
  signs: ["receipt.moneyOrGoods"],
  answers: { immediateDanger: "no" },
  category: 1,
  flags: [],
  unconfirmed: false,
};

const draft = () => newDraft(FROM_CHECK, "session-1", { "referrer.name": "Alex Teacher" });

describe("merging a card's inputs", () => {
  it("keeps what was typed, exactly, and drops inputs the card could not have shown", () => {
    const merged = mergeInputs(draft(), { "child.forename": "  Sam ", "child.bogus": "x", "personsOfInterest.0.name": "no entry yet", __proto__: "x", "referrer.role": 42 }, new Set());
    expect(merged.values).toEqual({ "referrer.name": "Alex Teacher", "child.forename": "  Sam " });
  });

  it("on a page of a list, clears only the entries that page showed", () => {
    let state = draft();
    for (let n = 0; n < 5; n += 1) state = addEntry(state, "personsOfInterest");
    state = mergeInputs(state, Object.fromEntries([0, 1, 2, 3, 4].map((n) => [`personsOfInterest.${n}.name`, `P${n}`])), new Set());
    const shown = inputsShownIn("personsOfInterest", state.entries, { from: 3, to: 6 });
    const merged = mergeInputs(state, { "personsOfInterest.3.name": "P3" }, shown);
    expect(Object.keys(merged.values).filter((id) => id.startsWith("personsOfInterest"))).toEqual(["personsOfInterest.0.name", "personsOfInterest.1.name", "personsOfInterest.2.name", "personsOfInterest.3.name"]);
    expect(inputsShownIn("personsOfInterest", state.entries).size).toBe(0);
  });

  it("clears a field of the section on the card that came back empty or left out", () => {
    const shown = inputsShownIn("essentials", draft().entries);
    expect(shown.has("referrer.name")).toBe(true);
    expect(mergeInputs(draft(), {}, shown).values).toEqual({});
    expect(mergeInputs(draft(), { "referrer.name": "   " }, shown).values).toEqual({});
  });

  // A Teams card shows a part of the essentials; Next on it clears nothing of the other parts.
  it("on a part of the essentials, clears only the fields that part showed", () => {
    const typed = mergeInputs(draft(), { "referrer.role": "Teacher", "child.forename": "Sam", "concern.worries": "Cars" }, new Set());
    const shown = inputsShownIn("essentials", typed.entries, undefined, ["referrer.name", "referrer.role", "referrer.agency"]);
    expect([...shown].every((id) => id.startsWith("referrer."))).toBe(true);
    expect(mergeInputs(typed, {}, shown).values).toEqual({ "child.forename": "Sam", "concern.worries": "Cars" });
    expect(inputsShownIn("essentials", typed.entries, undefined, ["child.forename"]).has("child.forename")).toBe(true);
    expect(inputsShownIn("essentials", typed.entries, undefined, ["child.forename"]).has("child.surname")).toBe(false);
  });

  it("keeps a tampered, over-long value only up to the field's limit (Teams stops typing there)", () => {
    const merged = mergeInputs(draft(), { "child.forename": "x".repeat(900_000) }, new Set());
    expect(merged.values["child.forename"]).toHaveLength(100);
  });
});

describe("people and places", () => {
  it("adds entries up to 20, and removes one moving the later ones up with their values", () => {
    let state = draft();
    for (let n = 0; n < 25; n += 1) state = addEntry(state, "personsOfInterest");
    expect(state.entries.personsOfInterest).toBe(20);
    state = mergeInputs(state, { "personsOfInterest.0.name": "A", "personsOfInterest.1.name": "B", "personsOfInterest.2.name": "C" }, new Set());
    state = removeEntry(state, "personsOfInterest", 1);
    expect(state.entries.personsOfInterest).toBe(19);
    expect(state.values["personsOfInterest.0.name"]).toBe("A");
    expect(state.values["personsOfInterest.1.name"]).toBe("C");
    expect(state.values["personsOfInterest.2.name"]).toBeUndefined();
    expect(removeEntry(state, "personsOfInterest", 99)).toBe(state);
  });
});

// DOMAIN.md §8 (added 2026-12-07): the household's lists, at most 4 parents or carers and 8 other children.
describe("the household", () => {
  it("adds parents or carers up to 4 and other children up to 8; a fifth or ninth is not added", () => {
    let state = draft();
    for (let n = 0; n < 6; n += 1) state = addEntry(state, "parentsAndCarers");
    for (let n = 0; n < 10; n += 1) state = addEntry(state, "householdChildren");
    expect(state.entries).toMatchObject({ parentsAndCarers: 4, householdChildren: 8, personsOfInterest: 0 });
  });

  it("keeps each entry's values as typed, and reads them as lists for validation", () => {
    let state = addEntry(addEntry(draft(), "parentsAndCarers"), "householdChildren");
    state = mergeInputs(state, {
      "household.livesWith": "Mother and brothers", "parentsAndCarers.0.relationship": "Mother", "parentsAndCarers.0.mayBeRisk": "notKnown",
      "householdChildren.0.name": "Kemi", "householdChildren.0.age": "9", "householdChildren.0.dateOfBirth": "2017-02-30", "householdChildren.1.name": "no entry yet",
    }, new Set());
    expect(state.values["householdChildren.0.dateOfBirth"]).toBe("2017-02-30");
    expect(state.values["householdChildren.1.name"]).toBeUndefined();
    expect(referralInputOf(state)).toMatchObject({
      household: { livesWith: "Mother and brothers" },
      parentsAndCarers: [{ relationship: "Mother", mayBeRisk: "notKnown" }],
      householdChildren: [{ name: "Kemi", age: 9, dateOfBirth: "2017-02-30" }],
    });
  });

  it("opens a draft saved before the household was added, with no household entries", () => {
    const saved = JSON.parse(JSON.stringify({ ...draft(), entries: { personsOfInterest: 1, locationsOfInterest: 2 } }));
    expect(DraftState.parse(saved).entries).toEqual({ personsOfInterest: 1, locationsOfInterest: 2, parentsAndCarers: 0, householdChildren: 0 });
  });

  it("refuses a draft claiming more entries than a list takes", () => {
    expect(DraftState.safeParse({ ...draft(), entries: { ...draft().entries, parentsAndCarers: 5 } }).success).toBe(false);
  });
});

describe("reading the draft for validation", () => {
  it("gives each group its values, the age as a number, each list its entries, and the check", () => {
    let state = addEntry(draft(), "locationsOfInterest");
    state = mergeInputs(state, { "child.age": "14", "locationsOfInterest.0.place": "The park" }, new Set());
    expect(referralInputOf(state)).toMatchObject({
      referrer: { name: "Alex Teacher" },
      child: { age: 14 },
      locationsOfInterest: [{ place: "The park" }],
      personsOfInterest: [],
      fromCheck: FROM_CHECK,
    });
  });

  it.each([
    ["child.forename", "essentials"],
    ["child.address", "child"],
    ["personsOfInterest.3.name", "personsOfInterest"],
    ["mase.countyLines", "mase"],
    ["maseOtherRisks.cawnIssued", "maseOtherRisks"],
    ["household.livesWith", "household"],
    ["parentsAndCarers.3.phone", "parentsAndCarers"],
    ["householdChildren.0.dateOfBirth", "householdChildren"],
    ["fromCheck.area", "essentials"],
  ])("an issue with %s is shown on %s", (field, section) => {
    expect(sectionOfIssue(field)).toBe(section);
  });
});
