// Each form's layout places every field of the referral exactly once, each part one group's.
import { describe, expect, it } from "vitest";
import { REFERRAL_FIELDS, REFERRAL_GROUPS, fieldId } from "../../src/domain/referral-fields.ts";
import { KINGSTON_RICHMOND_FORM, LAMBETH_MARF, formLayoutFor } from "../../src/words/referral-form-layouts.ts";

describe.each([KINGSTON_RICHMOND_FORM, LAMBETH_MARF])("$id", (form) => {
  it("places every field once", () => {
    const placed = form.parts.flatMap((part) => part.fields);
    expect([...placed].sort()).toEqual(REFERRAL_FIELDS.map(fieldId).sort());
  });

  it("gives each group one part, holding only that group's fields", () => {
    expect(form.parts.map((part) => part.group).sort()).toEqual(REFERRAL_GROUPS.map((group) => group.id).sort());
    for (const part of form.parts) for (const id of part.fields) expect(id.startsWith(`${part.group}.`)).toBe(true);
  });

  it("names an entry of each list", () => {
    for (const part of form.parts.filter((candidate) => "maxEntries" in (REFERRAL_GROUPS.find((group) => group.id === candidate.group) ?? {}))) {
      expect(part.entryTitle).toBeTruthy();
    }
  });
});

describe("formLayoutFor", () => {
  it.each([
    ["kingston", KINGSTON_RICHMOND_FORM],
    ["richmond", KINGSTON_RICHMOND_FORM],
    ["lambeth", LAMBETH_MARF],
    ["sutton", KINGSTON_RICHMOND_FORM],
    ["other", KINGSTON_RICHMOND_FORM],
    ["constructor", KINGSTON_RICHMOND_FORM],
    ["__proto__", KINGSTON_RICHMOND_FORM],
  ])("%s", (area, form) => {
    expect(formLayoutFor(area)).toBe(form);
  });

  it("marks only the form the sources mark: the MARF's CONFIDENTIAL (seed 000)", () => {
    expect(LAMBETH_MARF.marking).toBe("CONFIDENTIAL");
    expect(KINGSTON_RICHMOND_FORM.marking).toBeUndefined();
  });
});
