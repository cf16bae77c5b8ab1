// DOMAIN.md §8: the referral's fields, what is required, how each is checked, references, and the
// age band the triage channel shows instead of a date of birth.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REFERRAL_FIELDS, REFERRAL_GROUPS, fieldId, maxEntriesOf, type FieldSpec, type GroupId } from "../../src/domain/referral-fields.ts";
import { AGE_BANDS, ageBand, ageOn, childAgeOn, isRealIsoDate, readDayFirstDate } from "../../src/domain/referral-age.ts";
import { formatReference, parseReference } from "../../src/domain/referral-reference.ts";
import { Referral, fromCheckOf, validateReferral, type ReferralIssue } from "../../src/domain/referral.ts";
import { assessCase, request } from "../support/assessment.ts";

/** Tuesday 24 November 2026 in London. */
const TODAY = "2026-11-24";

const CHECK = { signs: ["absent.missingFromHome", "receipt.moneyOrGoods"], answers: { immediateDanger: "no", exchange: "yes" } } as const;
const FROM_CHECK = fromCheckOf(request(CHECK), assessCase(CHECK));

type Input = Record<string, any>;

/** A referral with every required field and a few more: 14-year-old Amara, one person, one place. */
function referral(): Input {
  return {
    referrer: { name: "Sam Okoye", role: "Head of year 9", agency: "Hillside Academy", email: "s.okoye@hillside.sch.uk", dslInformed: "yes" },
    child: { forename: "Amara", surname: "Okafor", dateOfBirth: "2012-04-09" },
    concern: { worries: "Picked up after school three times this week by a man in his twenties in a silver car; new phone and trainers she will not explain." },
    personsOfInterest: [{ name: "\"Jay\"", approximateAge: "about 25", vehicle: "Silver hatchback" }],
    locationsOfInterest: [{ place: "Kingston bus station", times: "After school, 15:30-17:00" }],
    mase: {},
    parentalResponsibility: { told: "yes", toldHow: "By phone, to her mother", toldOn: "2026-11-23" },
    fromCheck: structuredClone(FROM_CHECK),
  };
}

function changed(change: (input: Input) => void): Input {
  const input = referral();
  change(input);
  return input;
}

function issuesOf(input: unknown): readonly ReferralIssue[] {
  const result = validateReferral(input, TODAY);
  return result.ok ? [] : result.issues;
}

const TOO_MANY = 21;

describe("what is required, and how each field is checked (DOMAIN.md §8)", () => {
  it("accepts a complete referral, trimming text and leaving empty fields out", () => {
    const result = validateReferral(changed((input) => {
      input.referrer.name = "  Sam Okoye ";
      input.child.alias = "";
      input.child.gender = "   ";
    }), TODAY);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.referral.referrer.name).toBe("Sam Okoye");
    expect(result.referral.child).toEqual({ forename: "Amara", surname: "Okafor", dateOfBirth: "2012-04-09" });
    expect(result.referral.fromCheck).toEqual(FROM_CHECK);
  });

  it.each<[string, (input: Input) => void, string, RegExp]>([
    // required fields, each missing
    ["your name missing", (input) => delete input.referrer.name, "referrer.name", /^Enter your name\.$/],
    ["your role missing", (input) => delete input.referrer.role, "referrer.role", /^Enter your role\.$/],
    ["your organisation missing", (input) => delete input.referrer.agency, "referrer.agency", /organisation/],
    ["neither email nor phone", (input) => delete input.referrer.email, "referrer.email", /email or your phone number/],
    ["the child's first name missing", (input) => delete input.child.forename, "child.forename", /first name, or "not known"/],
    ["the child's last name missing", (input) => delete input.child.surname, "child.surname", /last name/],
    ["neither date of birth nor age", (input) => delete input.child.dateOfBirth, "child.dateOfBirth", /date of birth, or their age/],
    ["what you are worried about missing", (input) => delete input.concern.worries, "concern.worries", /what you are worried about/],
    ["only spaces is nothing typed", (input) => { input.concern.worries = " \n  "; }, "concern.worries", /what you are worried about/],
    ["parental responsibility: told or not missing", (input) => delete input.parentalResponsibility.told, "parentalResponsibility.told", /have been told/],
    ["parental responsibility: not told, and no reason", (input) => { input.parentalResponsibility = { told: "no" }; }, "parentalResponsibility.whyNot", /why they have not been told/],
    ["parental responsibility: another reason, not said", (input) => { input.parentalResponsibility = { told: "no", whyNot: "other" }; }, "parentalResponsibility.whyNotDetail", /what the reason is/],
    ["a person with neither name nor description", (input) => { input.personsOfInterest.push({ vehicle: "Blue van" }); }, "personsOfInterest.1.name", /name, or describe them/],
    ["a place with no place", (input) => { input.locationsOfInterest = [{ whatHappens: "Parties" }]; }, "locationsOfInterest.0.place", /where this place is/],
    ["no check behind the referral", (input) => delete input.fromCheck, "fromCheck", /finished check/],
    // dates: real, not in the future
    ["a date of birth tomorrow", (input) => { input.child.dateOfBirth = "2026-11-25"; }, "child.dateOfBirth", /in the future/],
    ["31 February", (input) => { input.child.dateOfBirth = "2012-02-31"; }, "child.dateOfBirth", /does not exist/],
    ["29 February in a year without one", (input) => { input.child.dateOfBirth = "2013-02-29"; }, "child.dateOfBirth", /does not exist/],
    ["a date written month first (15 is no month)", (input) => { input.child.dateOfBirth = "6/15/2012"; }, "child.dateOfBirth", /does not exist/],
    ["a date with a two-digit year", (input) => { input.child.dateOfBirth = "02/03/11"; }, "child.dateOfBirth", /day first, such as 02\/03\/2011/],
    ["told about the referral tomorrow", (input) => { input.parentalResponsibility.toldOn = "2026-11-25"; }, "parentalResponsibility.toldOn", /in the future/],
    // age 0-25, typed or from the date of birth
    ["age 26", (input) => { input.child = { forename: "A", surname: "B", age: 26 }; }, "child.age", /whole number from 0 to 25/],
    ["age -1", (input) => { input.child = { forename: "A", surname: "B", age: -1 }; }, "child.age", /whole number from 0 to 25/],
    ["age in words", (input) => { input.child = { forename: "A", surname: "B", age: "fourteen" }; }, "child.age", /whole number/],
    ["a date of birth 26 years ago", (input) => { input.child.dateOfBirth = "2000-11-24"; }, "child.dateOfBirth", /makes them 26.*up to 25/],
    ["an age that does not match the date of birth", (input) => { input.child.age = 15; }, "child.age", /does not match the date of birth, which makes the child 14/],
    // well formed
    ["a bad email", (input) => { input.referrer.email = "s.okoye-at-hillside"; }, "referrer.email", /email address/],
    ["a UK phone with 10 digits", (input) => { input.referrer.phone = "020 7946 012"; }, "referrer.phone", /UK phone number: 11 digits/],
    ["a phone with letters", (input) => { input.referrer.phone = "0800 CALL NOW"; }, "referrer.phone", /UK phone number/],
    ["a foreign number", (input) => { input.referrer.phone = "+33 1 23 45 67 89"; }, "referrer.phone", /UK phone number/],
    ["an NHS number of 9 digits", (input) => { input.child.nhsNumber = "943 476 591"; }, "child.nhsNumber", /10 digits/],
    ["yes or no answered otherwise", (input) => { input.parentalResponsibility.told = "maybe"; }, "parentalResponsibility.told", /yes or no/],
    ["a reason not on the list", (input) => { input.parentalResponsibility = { told: "no", whyNot: "busy" }; }, "parentalResponsibility.whyNot", /one of the options/],
    // free text up to a limit
    ["the worry over 2,000 characters", (input) => { input.concern.worries = "x".repeat(2001); }, "concern.worries", /2,000 characters or fewer \(it has 2,001\)/],
    ["past harm over 500 characters", (input) => { input.concern.pastHarm = "x".repeat(501); }, "concern.pastHarm", /500 characters/],
    ["a first name over 100 characters", (input) => { input.child.forename = "x".repeat(101); }, "child.forename", /100 characters/],
    ["a person's name over 100 characters", (input) => { input.personsOfInterest[0].name = "x".repeat(101); }, "personsOfInterest.0.name", /100 characters/],
    // at most 20 persons and 20 locations
    [`${TOO_MANY} persons`, (input) => { input.personsOfInterest = Array.from({ length: TOO_MANY }, (_, index) => ({ name: `Person ${index}` })); }, "personsOfInterest", /up to 20 people \(there are 21\)/],
    [`${TOO_MANY} locations`, (input) => { input.locationsOfInterest = Array.from({ length: TOO_MANY }, (_, index) => ({ place: `Place ${index}` })); }, "locationsOfInterest", /up to 20 places/],
    // the household (added 2026-12-07): all optional; at most 4 parents or carers and 8 other children
    ["5 parents or carers", (input) => { input.parentsAndCarers = Array.from({ length: 5 }, (_, index) => ({ name: `Carer ${index}` })); }, "parentsAndCarers", /^You can add up to 4 parents or carers \(there are 5\)\./],
    ["9 children in the household", (input) => { input.householdChildren = Array.from({ length: 9 }, (_, index) => ({ name: `Child ${index}` })); }, "householdChildren", /up to 8 children \(there are 9\)/],
    ["a parent or carer with neither name nor relationship", (input) => { input.parentsAndCarers = [{ phone: "020 7946 0123" }]; }, "parentsAndCarers.0.name", /name, or their relationship to the child/],
    ["a child in the household with no name", (input) => { input.householdChildren = [{ age: 9 }]; }, "householdChildren.0.name", /this child's name, or "not known"/],
    ["a sibling's date of birth that does not exist", (input) => { input.householdChildren = [{ name: "Kemi", dateOfBirth: "2017-02-30" }]; }, "householdChildren.0.dateOfBirth", /does not exist/],
    ["a sibling born tomorrow", (input) => { input.householdChildren = [{ name: "Kemi", dateOfBirth: "2026-11-25" }]; }, "householdChildren.0.dateOfBirth", /in the future/],
    ["a sibling's age that does not match their date of birth", (input) => { input.householdChildren = [{ name: "Kemi", dateOfBirth: "2017-02-03", age: 7 }]; }, "householdChildren.0.age", /makes them 9/],
    ["a sibling aged 26", (input) => { input.householdChildren = [{ name: "Kemi", age: 26 }]; }, "householdChildren.0.age", /whole number from 0 to 25/],
    ["a parent's date of birth in the future", (input) => { input.parentsAndCarers = [{ name: "Ngozi Okafor", dateOfBirth: "2027-01-01" }]; }, "parentsAndCarers.0.dateOfBirth", /in the future/],
    ["a parent's phone with 10 digits", (input) => { input.parentsAndCarers = [{ name: "Ngozi Okafor", phone: "07700 90012" }]; }, "parentsAndCarers.0.phone", /UK phone number/],
    ["whether a parent may be a source of risk answered otherwise", (input) => { input.parentsAndCarers = [{ relationship: "Mother", mayBeRisk: "maybe" }]; }, "parentsAndCarers.0.mayBeRisk", /one of the options/],
    ["who the child lives with over 300 characters", (input) => { input.household = { livesWith: "x".repeat(301) }; }, "household.livesWith", /300 characters/],
    ["a parent's name over 100 characters", (input) => { input.parentsAndCarers = [{ name: "x".repeat(101) }]; }, "parentsAndCarers.0.name", /100 characters/],
    // more context (added 2026-12-07), all optional
    ["gang affiliation over 300 characters", (input) => { input.child.gangAffiliation = "x".repeat(301); }, "child.gangAffiliation", /300 characters/],
    ["early help assessment answered otherwise", (input) => { input.child.earlyHelpAssessment = "pending"; }, "child.earlyHelpAssessment", /yes or no/],
    ["a person's offending history over 200 characters", (input) => { input.personsOfInterest[0].offendingHistory = "x".repeat(201); }, "personsOfInterest.0.offendingHistory", /200 characters/],
    ["CAWN issued answered otherwise", (input) => { input.maseOtherRisks = { cawnIssued: "soon" }; }, "maseOtherRisks.cawnIssued", /yes or no/],
    // shapes the card never sends
    ["a field the referral does not have", (input) => { input.child.nickname = "AJ"; }, "child", /unknown field "nickname"/],
    ["text sent as a number", (input) => { input.referrer.name = 42; }, "referrer.name", /as text/],
    ["a check with a sign that does not exist", (input) => { input.fromCheck.signs = ["absent.skipping"]; }, "fromCheck.signs.0", /unknown sign id/],
  ])("%s", (_name, change, field, message) => {
    const issues = issuesOf(changed(change));
    expect(issues.map((issue) => issue.field)).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
  });

  it.each<[string, (input: Input) => void]>([
    ["a phone number and no email", (input) => { input.referrer.phone = "020 7946 0123"; delete input.referrer.email; }],
    ["a mobile without spaces", (input) => { input.referrer.phone = "07700900123"; }],
    ["the +44 form", (input) => { input.referrer.phone = "+44 20 7946 0123"; }],
    ["the +44 (0) form", (input) => { input.referrer.phone = "+44 (0)7700 900123"; }],
    ["an age and no date of birth", (input) => { input.child = { forename: "Amara", surname: "not known", age: 14 }; }],
    ["an age as the card sends it, in digits", (input) => { input.child = { forename: "Amara", surname: "Okafor", age: "14" }; }],
    ["an age that matches the date of birth", (input) => { input.child.age = 14; }],
    ["born today", (input) => { input.child = { forename: "Baby", surname: "Okafor", dateOfBirth: TODAY }; }],
    ["born on 29 February 2012", (input) => { input.child.dateOfBirth = "2012-02-29"; }],
    ["25 today", (input) => { input.child.dateOfBirth = "2001-11-24"; }],
    ["not told, because telling them would put the child at risk", (input) => { input.parentalResponsibility = { told: "no", whyNot: "childAtRisk" }; }],
    ["not told, another reason, said", (input) => { input.parentalResponsibility = { told: "no", whyNot: "other", whyNotDetail: "Mother is in hospital; told her sister." }; }],
    ["a person known only by description", (input) => { input.personsOfInterest = [{ description: "Tall, shaved head, calls her 'princess'" }]; }],
    ["20 persons and 20 locations", (input) => {
      input.personsOfInterest = Array.from({ length: 20 }, (_, index) => ({ name: `Person ${index}` }));
      input.locationsOfInterest = Array.from({ length: 20 }, (_, index) => ({ place: `Place ${index}` }));
    }],
    ["no persons, locations or MASE details", (input) => { delete input.personsOfInterest; delete input.locationsOfInterest; delete input.mase; }],
    ["a household: who the child lives with, 4 parents or carers and 8 other children", (input) => {
      input.household = { livesWith: "Her mother and stepfather, and three younger brothers." };
      input.parentsAndCarers = [
        { name: "Ngozi Okafor", relationship: "Mother", dateOfBirth: "1984-07-21", phone: "07700 900123", language: "English and Igbo", mayBeRisk: "no" },
        { relationship: "Stepfather", address: "Not known", mayBeRisk: "notKnown" },
        { name: "Chidi Okafor", relationship: "Father", mayBeRisk: "yes" },
        { name: "Adaeze Okafor", relationship: "Grandmother" },
      ];
      input.householdChildren = Array.from({ length: 8 }, (_, index) => ({ name: `Child ${index}`, age: index, school: "Hillside Primary" }));
    }],
    ["a child in the household with a date of birth and the age it gives", (input) => { input.householdChildren = [{ name: "Kemi", dateOfBirth: "2017-02-03", age: 9 }]; }],
    ["a parent or carer known only by their relationship", (input) => { input.parentsAndCarers = [{ relationship: "Stepfather" }]; }],
    ["more context about the child, a person and for MASE", (input) => {
      Object.assign(input.child, { gangAffiliation: "Says she is \"with\" the Cornerside boys.", socialCareStatus: "Open: child in need plan", earlyHelpAssessment: "yes", otherAgencies: "CAMHS; youth offending service." });
      Object.assign(input.personsOfInterest[0], { offendingHistory: "Convicted of supplying drugs, 2024.", youthOffendingOrPolice: "Known to police." });
      input.maseOtherRisks = { radicalisation: "None known.", sexuallyHarmfulBehaviour: "None known.", cawnIssued: "no", policeFlag: "CSE flag" };
    }],
    ["the worry at exactly 2,000 characters", (input) => { input.concern.worries = "x".repeat(2000); }],
    ["an NHS number without spaces", (input) => { input.child.nhsNumber = "9434765919"; }],
  ])("accepts %s", (_name, change) => {
    expect(issuesOf(changed(change))).toEqual([]);
  });

  it("reports every problem at once, in the card's order, each against its field", () => {
    const input = changed((draft) => {
      draft.referrer = { name: "Sam", role: "Nurse", agency: "Clinic", email: "nope", phone: "123" };
      draft.child = { forename: "Amara", dateOfBirth: "2012-02-30" };
      draft.concern = {};
      draft.personsOfInterest = [{ name: "Jay" }, {}, { name: "x".repeat(101) }];
      draft.parentalResponsibility = { told: "no" };
    });
    expect(issuesOf(input).map((issue) => issue.field)).toEqual([
      "referrer.email", "referrer.phone", "child.surname", "child.dateOfBirth", "concern.worries",
      "personsOfInterest.1.name", "personsOfInterest.2.name", "parentalResponsibility.whyNot",
    ]);
  });

  it("never echoes what was typed in a message", () => {
    const link = "[click](https://evil.example)";
    const issues = issuesOf(changed((input) => {
      input.referrer.email = link;
      input.child.nhsNumber = link;
      input.child[link] = "x";
      input.fromCheck.signs = [link];
    }));
    expect(issues).toHaveLength(4);
    for (const issue of issues) expect(issue.message).not.toContain("evil.example");
  });
});

// A value of the right kind for each field, so a referral with every field filled can be built.
const SAMPLE: Record<FieldSpec["kind"], (field: FieldSpec) => unknown> = {
  text: (field) => (field.pattern === undefined ? "Some words" : field.key === "nhsNumber" ? "943 476 5919" : "A12345678901B"),
  multiline: () => "Line one.\nLine two.",
  date: () => "2012-04-09",
  email: () => "duty@example.org.uk",
  phone: () => "020 7946 0123",
  yesno: () => "no",
  choice: (field) => field.choices?.[0]?.value,
  number: () => 14,
};

function everyFieldFilled(): Input {
  const group = (id: GroupId) => Object.fromEntries(REFERRAL_FIELDS.filter((field) => field.group === id).map((field) => [field.key, SAMPLE[field.kind](field)]));
  return {
    referrer: group("referrer"), child: group("child"), concern: group("concern"),
    personsOfInterest: [group("personsOfInterest")], locationsOfInterest: [group("locationsOfInterest")],
    mase: group("mase"), maseOtherRisks: group("maseOtherRisks"), household: group("household"), parentsAndCarers: [group("parentsAndCarers")], householdChildren: [group("householdChildren")],
    parentalResponsibility: { ...group("parentalResponsibility"), told: "no" }, fromCheck: FROM_CHECK,
  };
}

describe("the field table is the one source for the card and the validator", () => {
  it("keeps every field of the table when all are filled, and the stored schema agrees", () => {
    const result = validateReferral(everyFieldFilled(), TODAY);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const kept = REFERRAL_GROUPS.flatMap(({ id }) => {
      const value = result.referral[id];
      return Object.keys(Array.isArray(value) ? value[0] ?? {} : value).map((key) => `${id}.${key}`);
    });
    expect(kept.sort()).toEqual(REFERRAL_FIELDS.map(fieldId).sort());
    expect(Referral.safeParse(result.referral).success).toBe(true);
  });

  it("gives each field a unique id, a label, a limit; required ones a message; pairs and conditions within the group", () => {
    expect(new Set(REFERRAL_FIELDS.map(fieldId)).size).toBe(REFERRAL_FIELDS.length);
    for (const field of REFERRAL_FIELDS as readonly FieldSpec[]) {
      const sameGroup = REFERRAL_FIELDS.filter((other) => other.group === field.group).map((other) => other.key as string);
      expect(field.label.length, fieldId(field)).toBeGreaterThan(0);
      expect(field.maxLength, fieldId(field)).toBeGreaterThan(0);
      expect(field.required ? field.missing : "set", fieldId(field)).toBeTruthy();
      if (field.or !== undefined) expect(sameGroup, fieldId(field)).toContain(field.or);
      if (field.when !== undefined) expect(sameGroup, fieldId(field)).toContain(field.when.key);
      expect(field.kind === "choice", fieldId(field)).toBe(field.choices !== undefined);
    }
  });

  it("shows these fields first, in this order: the bold ones of DOMAIN.md §8", () => {
    expect(REFERRAL_FIELDS.filter((field) => field.required).map(fieldId)).toEqual([
      "referrer.name", "referrer.role", "referrer.agency", "referrer.email", "referrer.phone",
      "child.forename", "child.surname", "child.dateOfBirth", "child.age",
      "concern.worries", "personsOfInterest.name", "personsOfInterest.description", "locationsOfInterest.place",
      // Only once an entry is added: each says who it is (the household is optional, DOMAIN.md §8).
      "parentsAndCarers.name", "parentsAndCarers.relationship", "householdChildren.name",
      "parentalResponsibility.told", "parentalResponsibility.whyNot", "parentalResponsibility.whyNotDetail",
    ]);
    expect(maxEntriesOf("personsOfInterest")).toBe(20);
    expect(maxEntriesOf("locationsOfInterest")).toBe(20);
    expect(maxEntriesOf("parentsAndCarers")).toBe(4);
    expect(maxEntriesOf("householdChildren")).toBe(8);
  });

  it("opens a referral stored before the household and more context were added (2026-12-07) with them empty", () => {
    const stored = validateReferral(referral(), TODAY);
    if (!stored.ok) throw new Error("the sample referral does not validate");
    const { maseOtherRisks: _risks, household: _household, parentsAndCarers: _carers, householdChildren: _children, ...before } = stored.referral;
    expect(Referral.parse(before)).toEqual({ ...before, maseOtherRisks: {}, household: {}, parentsAndCarers: [], householdChildren: [] });
  });
});

describe("hostile input never throws and never passes (fast-check)", () => {
  const hostileKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "told", "name"));
  const anything = fc.anything({
    key: hostileKey, maxDepth: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true,
    withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true,
  });
  const oversized = fc.integer({ min: 1, max: 3000 }).map((length) => "é".repeat(length));
  /** A value for a field: often a plausible one, sometimes anything at all. */
  const valueFor = (field: FieldSpec) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(SAMPLE[field.kind](field)) },
      { weight: 1, arbitrary: fc.constantFrom("", " ", "2026-11-25", "2012-02-31", "yes", "no", "+44 (0)20 7946 0123", 0, 25, 26) },
      { weight: 1, arbitrary: oversized },
      { weight: 1, arbitrary: anything },
    );
  const fieldRows = REFERRAL_FIELDS as readonly FieldSpec[];
  const mutation = fc.oneof(
    fc.integer({ min: 0, max: fieldRows.length - 1 }).chain((index) => {
      const field = fieldRows[index] as FieldSpec;
      return fc.record({ field: fc.constant(field), entry: fc.integer({ min: 0, max: 1 }), value: fc.oneof(valueFor(field), fc.constant(undefined)) });
    }),
    fc.record({ group: fc.constantFrom<string>(...REFERRAL_GROUPS.map((group) => group.id), "fromCheck", "__proto__"), value: anything }),
  );

  /** Each string the referral holds is within its field's limit. */
  function stringsWithinLimits(value: Referral): boolean {
    return REFERRAL_FIELDS.every((field) => {
      const group = value[field.group];
      const entries: readonly Record<string, unknown>[] = Array.isArray(group) ? group : [group];
      return entries.every((entry) => typeof entry[field.key] !== "string" || (entry[field.key] as string).length <= field.maxLength);
    });
  }

  function checkResult(input: unknown): void {
    const result = validateReferral(input, TODAY);
    if (result.ok) {
      const again = validateReferral(result.referral, TODAY);
      expect(again).toEqual(result);
      expect(Referral.safeParse(result.referral).success).toBe(true);
      expect(stringsWithinLimits(result.referral)).toBe(true);
    } else {
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues.length).toBeLessThan(400);
      expect(new Set(result.issues.map((issue) => issue.field)).size).toBe(result.issues.length);
      for (const issue of result.issues) expect(issue.message.length).toBeLessThanOrEqual(300);
    }
  }

  it("anything at all, as the whole referral or as any group", () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.dictionary(fc.constantFrom<string>(...REFERRAL_GROUPS.map((group) => group.id), "fromCheck", "__proto__"), anything)), (input) => {
        checkResult(input);
      }),
      { numRuns: 500 },
    );
  });

  it("a valid referral with up to five fields or groups replaced by plausible, oversized or hostile values", () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 5 }), (mutations) => {
        const input = referral();
        input.personsOfInterest.push({ name: "Second person" });
        for (const change of mutations) {
          if ("field" in change) {
            const group = input[change.field.group];
            const target = Array.isArray(group) ? group[change.entry] : group;
            // An earlier change may have replaced the group with something that holds no fields.
            if (typeof target === "object" && target !== null) target[change.field.key] = change.value;
          } else {
            Object.defineProperty(input, change.group, { value: change.value, enumerable: true, configurable: true, writable: true });
          }
        }
        checkResult(input);
      }),
      { numRuns: 1000 },
    );
  });

  it.each<[string, () => unknown, string]>([
    ["10,000-deep nesting in a name", () => changed((input) => { input.child.forename = nested(10_000); }), "child.forename"],
    ["10,000-deep nesting as a sign", () => changed((input) => { input.fromCheck.signs = [nested(10_000)]; }), "fromCheck.signs.0"],
    ["10,000 persons", () => changed((input) => { input.personsOfInterest = Array.from({ length: 10_000 }, () => ({ name: 7 })); }), "personsOfInterest"],
    ["10,000 signs", () => changed((input) => { input.fromCheck.signs = Array.from({ length: 10_000 }, () => "sexual.sti"); }), "fromCheck.signs"],
    ["a 10 MB worry", () => changed((input) => { input.concern.worries = "x".repeat(10_000_000); }), "concern.worries"],
    ["a 10,000-item list as the whole referral", () => Array.from({ length: 10_000 }, () => referral()), ""],
    ["a list with a hole in it", () => changed((input) => { input.personsOfInterest = [{ name: "Jay" }, , { name: "Kai" }]; }), "personsOfInterest.1.name"],
    ["10,000 unknown fields", () => changed((input) => { for (let index = 0; index < 10_000; index += 1) input.mase[`field${index}`] = "x"; }), "mase"],
  ])("%s: one message where the problem is", (_name, build, field) => {
    const issues = issuesOf(build());
    expect(issues.map((issue) => issue.field)).toContain(field);
    expect(issues.length).toBeLessThan(50);
  });

  it("does not read fields from an object's prototype: a `__proto__` key holds no answer", () => {
    const input = changed((draft) => { draft.parentalResponsibility = JSON.parse('{"__proto__": {"told": "yes"}}'); });
    expect(issuesOf(input)).toEqual([
      { field: "parentalResponsibility", message: 'unknown field "__proto__"' },
      { field: "parentalResponsibility.told", message: "Say whether the people with parental responsibility have been told." },
    ]);
  });
});

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level += 1) value = { inner: value };
  return value;
}

describe("a date typed day first (issue 21, point 4)", () => {
  it.each(["02/03/2011", "2/3/2011", "2-3-2011", "2.3.2011", "2 March 2011", "2nd March 2011", "2 mar 2011", " 2 of March, 2011 ", "2011-03-02"])("%s is 2 March 2011", (typed) => {
    expect(readDayFirstDate(typed)).toBe("2011-03-02");
  });

  it.each(["6/15/2012", "31/02/2012", "02/03/11", "March 2 2011", "2 Smarch 2011", "", "yesterday"])("%s is not read as a date", (typed) => {
    expect(readDayFirstDate(typed)).toBeUndefined();
  });

  // Each month by its name, whole or cut to three letters or more; the whole text must be the date.
  it.each(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].map((name, index) => [name, index + 1] as const))(
    "reads the month %s, whole and as its first three letters",
    (name, month) => {
      const iso = `2011-${String(month).padStart(2, "0")}-02`;
      expect(readDayFirstDate(`2 ${name} 2011`)).toBe(iso);
      expect(readDayFirstDate(`2 ${name.slice(0, 3)} 2011`)).toBe(iso);
    },
  );
  it.each(["12 ma 2011", "12/03/2011 at 9", "born 12/03/2011", "12 March 2011 or so", "on 12 March 2011", "112 March 2011", "x2011-03-02", "2011-03-02x", "2  March   2011 extra"])(
    "%s is not a date on its own: nothing is guessed from part of the text",
    (typed) => {
      expect(readDayFirstDate(typed)).toBeUndefined();
    },
  );
  it("reads a date typed with several spaces between its words, and a day of two digits in words", () => {
    expect(readDayFirstDate("2   March    2011")).toBe("2011-03-02");
    expect(readDayFirstDate("12 March 2011")).toBe("2011-03-12");
    expect(readDayFirstDate("31st December 2010")).toBe("2010-12-31");
  });

  it("reads back every real date written DD/MM/YYYY as that date (fast-check)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [year, month, day] = iso.split("-");
        expect(readDayFirstDate(`${day}/${month}/${year}`)).toBe(iso);
        expect(readDayFirstDate(`${Number(day)}/${Number(month)}/${year}`)).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });

  it("the referral keeps it as the date it means", () => {
    const checked = validateReferral(changed((input) => { input.child.dateOfBirth = "02/03/2011"; }), TODAY);
    expect(checked.ok && checked.referral.child.dateOfBirth).toBe("2011-03-02");
  });
});

describe("references: unique per area (DOMAIN.md §8)", () => {
  it.each<[string, number, number, string]>([
    ["KIN", 2026, 42, "KIN-2026-00042"],
    ["RIC", 2026, 1, "RIC-2026-00001"],
    ["LAM", 2027, 99_999, "LAM-2027-99999"],
    ["OTH", 2026, 100_000, "OTH-2026-100000"],
  ])("%s %i number %i is %s", (code, year, number, reference) => {
    expect(formatReference(code, year, number)).toBe(reference);
    expect(parseReference(reference)).toEqual({ code, year, number });
  });

  it.each<[string, () => string]>([
    ["a code in small letters", () => formatReference("kin", 2026, 1)],
    ["a four-letter code", () => formatReference("KING", 2026, 1)],
    ["a two-digit year", () => formatReference("KIN", 26, 1)],
    ["number 0", () => formatReference("KIN", 2026, 0)],
    ["a fractional number", () => formatReference("KIN", 2026, 1.5)],
  ])("refuses to format %s", (_name, format) => {
    expect(format).toThrow(RangeError);
  });

  it.each<[string, string, ReturnType<typeof parseReference>]>([
    ["as typed in chat, small letters and spaces", "  kin-2026-00042 ", { code: "KIN", year: 2026, number: 42 }],
    ["without the leading zeros", "KIN-2026-42", { code: "KIN", year: 2026, number: 42 }],
    ["spaces for dashes", "KIN 2026 00042", undefined],
    ["number zero", "KIN-2026-00000", undefined],
    ["two letters", "KI-2026-00042", undefined],
    ["something after", "KIN-2026-00042x", undefined],
    ["no number", "KIN-2026-", undefined],
    ["a year with a leading zero", "KIN-0999-00001", undefined],
  ])("parses a reference %s", (_name, text, parsed) => {
    expect(parseReference(text)).toEqual(parsed);
  });

  it("parses back what it formats (fast-check)", () => {
    const code = fc.stringMatching(/^[A-Z]{3}$/);
    fc.assert(
      fc.property(code, fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (letters, year, number) => {
        expect(parseReference(formatReference(letters, year, number))).toEqual({ code: letters, year, number });
      }),
    );
  });
});

describe("age and age band for the channel card, which never shows a date of birth", () => {
  it.each<[number, string]>([
    [0, "under 10"], [9, "under 10"], [10, "10-12"], [12, "10-12"], [13, "13-15"], [15, "13-15"],
    [16, "16-17"], [17, "16-17"], [18, "18-25"], [25, "18-25"],
  ])("age %i: %s", (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  it("gives every age from 0 to 25 exactly one band, and refuses any other", () => {
    for (let age = 0; age <= 25; age += 1) expect(AGE_BANDS.filter((band) => age >= band.from && age <= band.to)).toHaveLength(1);
    for (const age of [-1, 26, 14.5, Number.NaN]) expect(() => ageBand(age)).toThrow(RangeError);
  });

  it.each<[string, string, string, number]>([
    ["the day before the 14th birthday", "2012-04-09", "2026-04-08", 13],
    ["on the 14th birthday", "2012-04-09", "2026-04-09", 14],
    ["born 29 February: still 13 on 28 February", "2012-02-29", "2026-02-28", 13],
    ["born 29 February: 14 on 1 March", "2012-02-29", "2026-03-01", 14],
    ["born 29 February: 12 on 29 February 2024", "2012-02-29", "2024-02-29", 12],
  ])("%s", (_name, dateOfBirth, today, age) => {
    expect(ageOn(dateOfBirth, today)).toBe(age);
  });

  it("takes the age from the date of birth when there is one, else the age typed", () => {
    expect(childAgeOn({ dateOfBirth: "2012-04-09", age: 99 }, TODAY)).toBe(14);
    expect(childAgeOn({ age: 11 }, TODAY)).toBe(11);
    expect(childAgeOn({}, TODAY)).toBeUndefined();
  });

  it.each([["2012-02-29", true], ["2013-02-29", false], ["2012-04-31", false], ["0099-01-01", true], ["2012-4-9", false], ["2012-13-01", false], ["2012-00-10", false], ["2012-01-00", false], ["x2012-01-01", false], ["2012-01-011", false]] as const)(
    "knows whether %s is a real date",
    (text, real) => {
      expect(isRealIsoDate(text)).toBe(real);
    },
  );
});
