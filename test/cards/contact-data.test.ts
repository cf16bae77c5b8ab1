// DOMAIN.md §6: "A contact with no hours given is shown as 'hours not known', with no open/closed
// badge"; the Phoenix mailbox's "checked daily Monday to Friday" is a note, not a badge.
import { describe, expect, it } from "vitest";
import { contactData } from "../../src/cards/contact-data.ts";
import { areaContacts, frontDoorContacts } from "../../src/domain/pathway-contacts.ts";
import { EMERGENCY_CONTACT, POLICE_NON_EMERGENCY_CONTACT } from "../../src/domain/national-contacts.ts";
import { area } from "../support/assessment.ts";

const SATURDAY_3AM = new Date("2026-11-28T03:00:00Z");
const TUESDAY_10AM = new Date("2026-11-24T10:00:00Z");

describe("how a contact's hours and status are shown", () => {
  it("Sutton's lines, with no stated hours: 'Hours not known' and no badge, day or night", () => {
    for (const at of [SATURDAY_3AM, TUESDAY_10AM]) {
      const shown = (frontDoorContacts({ area: area("sutton"), at }).contacts ?? []).map(contactData);
      expect(shown.map(({ name, hours, status }) => ({ name, hours, status }))).toEqual([
        { name: "MASH mailbox", hours: "Hours not known", status: "" },
        { name: "MASH manager line", hours: "Hours not known", status: "" },
      ]);
      expect(shown[1]?.note).toBe("Listed in 2018 for the MASH manager; hours not given.");
    }
  });

  it("the Phoenix mailbox: the seed's words for its hours, and no badge", () => {
    const [phoenix] = areaContacts("phoenix", { area: area("kingston"), at: TUESDAY_10AM }).map(contactData);
    expect(phoenix).toMatchObject({ hours: "Mailbox checked daily Monday to Friday, except bank holidays.", status: "" });
  });

  it("a line with stated hours gets its badge: Kingston's SPA open on a Tuesday morning", () => {
    const [spa] = (frontDoorContacts({ area: area("kingston"), at: TUESDAY_10AM }).contacts ?? []).map(contactData);
    expect(spa).toMatchObject({ hours: "Hours: 08:00-18:00 Mon-Fri", status: "Open now", statusColor: "Default" });
  });

  it("999 and 101 are always open", () => {
    expect([EMERGENCY_CONTACT, POLICE_NON_EMERGENCY_CONTACT].map(contactData).map((contact) => contact.status)).toEqual(["Always open", "Always open"]);
  });
});
