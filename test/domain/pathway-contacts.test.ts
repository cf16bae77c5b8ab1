// DOMAIN.md §6-7: each step's contacts, open now or out of hours, never invented.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANSWERS, QUESTION_IDS, SIGN_IDS } from "../../src/domain/catalogue.ts";
import { areaContacts, contactsFor, frontDoorContacts } from "../../src/domain/pathway-contacts.ts";
import type { PathwayContext } from "../../src/domain/pathway.ts";
import { AREAS, TUESDAY_MORNING, area, assessCase, type Case } from "../support/assessment.ts";

const HIGH_CONCERN = { exchange: "yes" } as const;

function frontDoor(given: Case) {
  const step = assessCase({ answers: HIGH_CONCERN, ...given }).pathway.find((candidate) => candidate.service === "front-door");
  if (step === undefined) throw new Error("no front-door step");
  return step;
}

const firstPhone = (given: Case) => frontDoor(given).contacts?.[0]?.phone;

describe("front-door contacts by the London clock (DOMAIN.md §6)", () => {
  it("on a Tuesday at 10:00 gives the SPA day line and mailbox, open, and no out-of-hours line", () => {
    expect(frontDoor({ at: new Date("2026-11-24T10:00:00Z") }).contacts).toEqual([
      expect.objectContaining({ name: "Single Point of Access", phone: "020 8547 5008", email: "SPA@kingston.gov.uk", hours: "08:00-18:00 Mon-Fri", openNow: true }),
    ]);
  });

  it.each<[string, string, string]>([
    ["Tuesday 19:00 GMT: out-of-hours line first", "2026-11-24T19:00:00Z", "020 8770 5000"],
    ["Tuesday 17:59 GMT: day line", "2026-11-24T17:59:00Z", "020 8547 5008"],
    ["Tuesday 18:00 GMT: out-of-hours line", "2026-11-24T18:00:00Z", "020 8770 5000"],
    ["Tuesday 07:59 GMT: out-of-hours line", "2026-11-24T07:59:00Z", "020 8770 5000"],
    ["Tuesday 08:00 GMT: day line", "2026-11-24T08:00:00Z", "020 8547 5008"],
    ["Tuesday 08:30 BST (07:30 UTC): day line", "2026-07-14T07:30:00Z", "020 8547 5008"],
    ["Tuesday 07:30 BST (06:30 UTC): out-of-hours line", "2026-07-14T06:30:00Z", "020 8770 5000"],
    ["Tuesday 18:30 BST (17:30 UTC): out-of-hours line", "2026-07-14T17:30:00Z", "020 8770 5000"],
    ["Saturday 10:00: out-of-hours line", "2026-11-28T10:00:00Z", "020 8770 5000"],
    ["Easter Monday 10:00: out-of-hours line", "2026-04-06T09:00:00Z", "020 8770 5000"],
    ["Christmas Day on a Friday: out-of-hours line", "2026-12-25T10:00:00Z", "020 8770 5000"],
    ["Boxing Day's substitute Monday: out-of-hours line", "2026-12-28T10:00:00Z", "020 8770 5000"],
    ["the Tuesday after: day line", "2026-12-29T10:00:00Z", "020 8547 5008"],
  ])("%s", (_name, at, phone) => {
    expect(firstPhone({ at: new Date(at) })).toBe(phone);
  });

  it("out of hours lists the out-of-hours line as open, then the closed day line with its mailbox", () => {
    const contacts = frontDoor({ at: new Date("2026-11-24T19:00:00Z") }).contacts ?? [];
    expect(contacts.map((contact) => [contact.phone, contact.openNow])).toEqual([["020 8770 5000", true], ["020 8547 5008", false]]);
    expect(contacts[1]?.email).toBe("SPA@kingston.gov.uk");
  });

  it("uses Richmond's own mailbox", () => {
    expect(frontDoor({ area: "richmond" }).contacts?.[0]?.email).toBe("SPA@richmond.gov.uk");
  });

  it("shows contacts with no stated hours without hours (Sutton)", () => {
    const contacts = frontDoor({ area: "sutton", at: new Date("2026-11-28T23:00:00Z") }).contacts ?? [];
    expect(contacts.map((contact) => [contact.email ?? contact.phone, contact.openNow, contact.hours])).toEqual([
      ["MASH@sutton.gov.uk", null, undefined],
      ["020 8770 6001", null, undefined],
    ]);
  });

  it("never tells a Lambeth practitioner to phone: the seeds give only mailboxes", () => {
    const step = frontDoor({ area: "lambeth" });
    expect(step.text).toMatch(/^Send your referral to the First Response Team \(MASH\) for Lambeth now/);
    expect(step.contacts?.map((contact) => contact.email)).toEqual(["duty.manager@lambeth.cjsm.net", "dutymanager@lambeth.gov.uk"]);
  });

  it.each(["havering", "lewisham"])("says plainly that %s has no contacts in the seeds, and invents none", (areaId) => {
    const step = frontDoor({ area: areaId });
    expect(step.contacts).toBeUndefined();
    expect(step.contactsNote).toMatch(/no contact details/);
    expect(step.contactsNote).toMatch(/local safeguarding children partnership's procedures/);
  });

  it("gives another area the generic front door and the national numbers only", () => {
    const step = frontDoor({ area: "other" });
    expect(step.text).toMatch(/your local children's social care front door/);
    expect(step.contacts).toBeUndefined();
    expect(step.contactsNote).toMatch(/999 in an emergency, 101 for the police/);
  });

  // DOMAIN.md §5-6, seed 002: referrals to Phoenix are agreed through MASE; below Category 1 the SPA
  // arranges a consultation. Its mailbox is "checked daily Monday to Friday": a note, not a badge.
  it("gives the Phoenix step no contact, on a weekday or at the weekend", () => {
    for (const at of ["2026-11-24T10:00:00Z", "2026-11-29T10:00:00Z"]) {
      const step = assessCase({ signs: ["alcohol.misuse"], at: new Date(at) }).pathway.find((candidate) => candidate.service === "phoenix");
      expect(step?.text).toMatch(/^Ask the SPA about a consultation with the Phoenix Project/);
      expect(step?.contacts).toBeUndefined();
    }
  });

  it("shows the Phoenix mailbox with the seed's note and no open or closed status", () => {
    const phoenix = areaContacts("phoenix", { area: area("kingston"), at: new Date("2026-11-24T10:00:00Z") });
    expect(phoenix).toEqual([expect.objectContaining({ email: "csereferrals@achievingforchildren.org.uk", openNow: null, hoursNote: "Mailbox checked daily Monday to Friday, except bank holidays." })]);
  });
});

describe("contacts are never invented", () => {
  const known = new Set<string>(["999", "101"]);
  for (const area of AREAS.values()) {
    for (const contact of area.contacts) {
      if (contact.phone !== undefined) known.add(contact.phone);
      if (contact.email !== undefined) known.add(contact.email);
    }
  }
  const anyCase = fc.record({
    area: fc.constantFrom(...AREAS.keys()),
    at: fc.date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2040-12-31T23:59:59Z"), noInvalidDate: true }),
    child: fc.record({ age: fc.integer({ min: 0, max: 25 }), lookedAfter: fc.boolean(), missingEpisodes90d: fc.integer({ min: 0, max: 6 }) }),
    signs: fc.uniqueArray(fc.constantFrom(...SIGN_IDS), { maxLength: 6 }),
    answers: fc.dictionary(fc.constantFrom(...QUESTION_IDS), fc.constantFrom(...ANSWERS)),
  });

  it("every phone and email in any result comes from the area's file or is 999/101", () => {
    fc.assert(
      fc.property(anyCase, (given) => {
        const result = assessCase(given);
        for (const contact of result.pathway.flatMap((step) => step.contacts ?? [])) {
          for (const value of [contact.phone, contact.email]) if (value !== undefined) expect(known).toContain(value);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

// The step's contacts in order and the night route, on an area made for the purpose: the areas in
// content/ list their lines in the order the rules would give anyway, so they cannot show the order.
describe("the front door's contacts: open first, and the night route when none is open (DOMAIN.md §6)", () => {
  const kingston = area("kingston");
  const dayLine = kingston.contacts.find((contact) => contact.hours?.open === "within")!;
  const noHours = { ...dayLine, name: "A line with no stated hours", hours: undefined, phone: "020 8547 5008" };
  const only = (contacts: typeof kingston.contacts) => ({ ...kingston, contacts });
  const SATURDAY_NIGHT = new Date("2026-11-28T23:00:00Z");

  it("puts an open line before one with no stated hours, and that before a closed one, whatever the file's order", () => {
    const listedLast = only([noHours, dayLine]);
    expect(areaContacts("front-door", { area: listedLast, at: TUESDAY_MORNING }).map((contact) => contact.openNow)).toEqual([true, null]);
    expect(areaContacts("front-door", { area: only([dayLine, noHours]), at: SATURDAY_NIGHT }).map((contact) => contact.openNow)).toEqual([null, false]);
  });

  it("with every line closed, keeps them and says what to do now: 999 in danger, else 101 and the front door when it opens", () => {
    expect(frontDoorContacts({ area: only([dayLine]), at: SATURDAY_NIGHT })).toEqual({
      contacts: [expect.objectContaining({ name: dayLine.name, openNow: false })],
      contactsNote: "None of these lines is open right now. If the child is in immediate danger call 999; otherwise call the police on 101 and contact the front door as soon as it opens.",
    });
    // One line with no stated hours is not "all closed": no night note.
    expect(frontDoorContacts({ area: only([dayLine, noHours]), at: SATURDAY_NIGHT }).contactsNote).toBeUndefined();
    expect(frontDoorContacts({ area: only([dayLine]), at: TUESDAY_MORNING }).contactsNote).toBeUndefined();
  });

  it("with no front door at all, says so and invents none", () => {
    expect(frontDoorContacts({ area: only([]), at: TUESDAY_MORNING })).toEqual({ contactsNote: "No contact details are configured for this area: use your local safeguarding procedures." });
  });

  it("the emergency step is 999; MASE shows its mailbox where the area has one, and nothing where it has none", () => {
    const context: PathwayContext = { area: kingston, category: 2, flags: [], age: 15, at: TUESDAY_MORNING, sexualAbuseIndicated: false };
    expect(contactsFor("emergency", context).contacts?.map((contact) => contact.phone)).toEqual(["999"]);
    expect(contactsFor("mase", context).contacts?.map((contact) => contact.name)).toEqual(["MASE business support (Achieving for Children)"]);
    expect(contactsFor("mase", { ...context, area: only([dayLine]) })).toEqual({});
  });

  it("a contact's view carries only the fields the area gives: no empty phone, mailbox, hours note or note", () => {
    const mailboxOnly = { id: "mailbox", name: "Mailbox", service: "front-door" as const, email: "team@example.org" };
    expect(Object.keys(areaContacts("front-door", { area: only([mailboxOnly]), at: TUESDAY_MORNING })[0]!)).toEqual(["name", "email", "openNow"]);
    const phoneOnly = { id: "line", name: "Line", service: "front-door" as const, phone: "020 8547 5008" };
    expect(Object.keys(areaContacts("front-door", { area: only([phoneOnly]), at: TUESDAY_MORNING })[0]!)).toEqual(["name", "phone", "openNow"]);
    // A line's note (what it is for) is carried as the area gives it.
    expect(areaContacts("front-door", { area: only([dayLine]), at: TUESDAY_MORNING })[0]?.note).toBe(dayLine.note);
    expect(dayLine.note).toBeTruthy();
  });
});
