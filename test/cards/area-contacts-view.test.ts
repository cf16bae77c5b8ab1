// DOMAIN.md §6 "Every view of an area's contacts": when no listed front-door line is known to be
// open at the time asked, the night route comes first, before mailboxes and lines whose hours are
// not known; areas without an out-of-hours line always show it; a mailbox is never the only thing
// offered at night; and never a number or mailbox that is not in the area's file (or 999, 101).
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { Area } from "../../src/domain/area.ts";
import { englandAndWalesBankHolidays } from "../../src/domain/bank-holidays.ts";
import { OUT_OF_HOURS_FALLBACK } from "../../src/domain/pathway-text.ts";
import { areaContactsSections, atText, type ContactsSection } from "../../src/cards/area-contacts-view.ts";
import { areaContactsCard } from "../../src/cards/menu-views.ts";
import { createCardRenderer } from "../../src/cards/render-card.ts";
import { cardProblems } from "../support/validate-card.ts";
import { walkCard } from "../support/card-walk.ts";

const AREAS = loadAreas();
const NATIONAL = ["999", "101"];
const OWN_NIGHT_LINE = new Set(["kingston", "richmond"]);

// The next bank holiday Monday after the weekday below (Boxing Day's substitute in 2026).
const BANK_HOLIDAY_MONDAY = englandAndWalesBankHolidays(2026).find(({ date }) => date > "2026-11-24" && new Date(date).getUTCDay() === 1)?.date ?? "";

const TIMES: readonly (readonly [string, Date, "day" | "night"])[] = [
  ["a weekday at 10:00", new Date("2026-11-24T10:00:00Z"), "day"],
  ["a weekday at 21:00", new Date("2026-11-24T21:00:00Z"), "night"],
  ["Saturday at 12:00", new Date("2026-11-28T12:00:00Z"), "night"],
  ["Christmas Day at 10:00", new Date("2026-12-25T10:00:00Z"), "night"],
  [`the next bank holiday Monday (${BANK_HOLIDAY_MONDAY}) at 12:00`, new Date(`${BANK_HOLIDAY_MONDAY}T12:00:00Z`), "night"],
];

const CASES = [...AREAS.values()].flatMap((area) => TIMES.map(([when, at, part]) => [`${area.id}, ${when}`, area, at, part] as const));

const isNightRoute = (section: ContactsSection) => section.intro === OUT_OF_HOURS_FALLBACK;
const isOpen = (status: string) => status.startsWith("Open") || status === "Always open";
const contactsOf = (sections: readonly ContactsSection[]) => sections.flatMap((section) => section.contacts);

it("the next bank holiday Monday is found", () => {
  expect(BANK_HOLIDAY_MONDAY).toBe("2026-12-28");
});

describe("the first contacts on the card", () => {
  it.each(CASES)("%s: a line open then, or the night route", (_name, area, at) => {
    for (const timeNamed of [false, true]) {
      const first = areaContactsSections(area, at, timeNamed).find((section) => section.contacts.length > 0);
      expect(first, "some section has contacts").toBeDefined();
      const opensWithOpenLine = isOpen(first?.contacts[0]?.status ?? "");
      expect(opensWithOpenLine || isNightRoute(first!), JSON.stringify(first)).toBe(true);
    }
  });

  it.each(CASES.filter(([, , , part]) => part === "night"))("%s: a phone line open then comes first, never a mailbox alone", (_name, area, at) => {
    const first = areaContactsSections(area, at, true).find((section) => section.contacts.length > 0);
    const [lead] = first?.contacts ?? [];
    expect(lead?.phone, JSON.stringify(lead)).not.toBe("");
    expect(isOpen(lead?.status ?? "")).toBe(true);
  });
});

describe("the night route", () => {
  it.each(CASES.filter(([, area]) => !OWN_NIGHT_LINE.has(area.id)))("%s: an area without an out-of-hours line always shows the 101/999 route", (_name, area, at) => {
    const sections = areaContactsSections(area, at, true);
    const route = sections.find(isNightRoute);
    expect(route?.contacts.map((contact) => contact.phone)).toEqual(NATIONAL);
    // Nothing in these areas is known to be open, so the route is first of all.
    expect(sections[0]).toBe(route);
  });

  it.each(CASES.filter(([, area, , part]) => OWN_NIGHT_LINE.has(area.id) && part === "night"))("%s: the area's own out-of-hours line comes first", (_name, area, at) => {
    const sections = areaContactsSections(area, at, true);
    expect(sections.some(isNightRoute)).toBe(false);
    expect(sections[0]?.contacts[0]).toMatchObject({ name: "Out-of-hours line", phone: "020 8770 5000", status: expect.stringMatching(/^Open at/) });
  });

  it.each(CASES.filter(([, area, , part]) => OWN_NIGHT_LINE.has(area.id) && part === "day"))("%s: the SPA, open, comes first", (_name, area, at) => {
    expect(areaContactsSections(area, at, false)[0]?.contacts[0]).toMatchObject({ name: "Single Point of Access", status: "Open now" });
  });

  // No shipped area has a day line with hours but no out-of-hours line; a deployer's file may.
  it("an area with a day line but no out-of-hours line: the line first while open, the route still shown", () => {
    const sutton = AREAS.get("sutton")!;
    const withHours = Area.parse({
      ...sutton,
      contacts: sutton.contacts.map((contact) =>
        contact.id === "mash-manager"
          ? {
              ...contact,
              hours: { open: "within", window: { days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" } },
              source: { ...contact.source, hours: { configuredBy: "deployer", date: "2026-05-01" } },
            }
          : contact,
      ),
    });
    const day = areaContactsSections(withHours, new Date("2026-11-24T10:00:00Z"), true);
    expect(day[0]?.contacts[0]).toMatchObject({ name: "MASH manager line", status: "Open at 10:00" });
    expect(day.findIndex(isNightRoute)).toBe(1);
    const night = areaContactsSections(withHours, new Date("2026-11-24T21:00:00Z"), true);
    expect(night.findIndex(isNightRoute)).toBe(0);
  });

  it("is shown once: with the 101/999 route, no second list of national numbers", () => {
    const headings = areaContactsSections(AREAS.get("sutton")!, new Date("2026-11-24T21:00:00Z"), true).map((section) => section.heading);
    expect(headings).not.toContain("National numbers");
    expect(areaContactsSections(AREAS.get("kingston")!, new Date("2026-11-24T21:00:00Z"), true).map((section) => section.heading)).toContain("National numbers");
  });
});

describe("what the card offers", () => {
  it.each(CASES)("%s: every number and mailbox is in the area's file, or is 999 or 101", (_name, area, at) => {
    const known = new Set([...area.contacts.flatMap((contact) => [contact.phone, contact.email]), ...NATIONAL].filter((value) => value !== undefined));
    const shown = contactsOf(areaContactsSections(area, at, true)).flatMap((contact) => [contact.phone, contact.email]).filter((value) => value !== "");
    expect(shown.filter((value) => !known.has(value))).toEqual([]);
  });

  it.each(CASES.filter(([, , , part]) => part === "night"))("%s: never a mailbox alone at night", (_name, area, at) => {
    const phonesOpen = contactsOf(areaContactsSections(area, at, true)).filter((contact) => contact.phone !== "" && isOpen(contact.status));
    expect(phonesOpen.length).toBeGreaterThan(0);
  });
});

// The rendered card, as a person reads it: the night route's sentence above the first mailbox and
// the first "Hours not known".
describe("the rendered contacts card", () => {
  const render = createCardRenderer();
  const textOf = (card: object) => {
    const found: string[] = [];
    walkCard(card, (node) => {
      if (node.type === "TextBlock" && typeof node.text === "string") found.push(node.text);
    });
    return found;
  };

  it.each(CASES)("%s: a valid Adaptive Card", (_name, area, at) => {
    const card = areaContactsCard(area, at, true);
    expect(cardProblems(render(card.name, card.data))).toEqual([]);
  });

  it.each(CASES.filter(([, area]) => !OWN_NIGHT_LINE.has(area.id)))("%s: the night route before any mailbox or 'Hours not known'", (_name, area, at) => {
    const card = areaContactsCard(area, at, true);
    const text = textOf(render(card.name, card.data));
    const route = text.indexOf(OUT_OF_HOURS_FALLBACK);
    expect(route).toBeGreaterThan(-1);
    for (const later of [text.findIndex((line) => line.startsWith("Email:")), text.indexOf("Hours not known")]) {
      if (later !== -1) expect(route).toBeLessThan(later);
    }
  });

  it("says when the day could not be read, above the contacts for now", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const card = areaContactsCard(AREAS.get("sutton")!, now, false, 'I could not read the day "chrismas": showing who is open now.');
    expect(textOf(render(card.name, card.data))[1]).toBe('I could not read the day "chrismas": showing who is open now. Open or closed now: Tuesday 24 November at 10:00 (London time).');
  });
});

describe("atText", () => {
  const at = new Date("2026-12-25T10:00:00Z");
  it.each([
    ["now", false, undefined, "Open or closed now: Friday 25 December at 10:00 (London time)."],
    ["a time asked about", true, undefined, "Open or closed at Friday 25 December at 10:00 (London time), the time you asked about."],
    ["a day that could not be read", false, 'I could not read the time "25:00": showing who is open now.', 'I could not read the time "25:00": showing who is open now. Open or closed now: Friday 25 December at 10:00 (London time).'],
  ] as const)("%s", (_name, timeNamed, unreadable, expected) => {
    expect(atText(at, timeNamed, unreadable)).toBe(expected);
  });
});
