// An area's contacts as the cards show them (the contacts card, and the contacts under a chat
// answer): sections of lines and mailboxes, open or closed at the time asked, with the night
// route placed by DOMAIN.md §6 "Every view of an area's contacts".
import { meetingOf, type Area } from "../domain/area.ts";
import { EMERGENCY_CONTACT, POLICE_NON_EMERGENCY_CONTACT } from "../domain/national-contacts.ts";
import { areaContacts, frontDoorContacts } from "../domain/pathway-contacts.ts";
import { OUT_OF_HOURS_FALLBACK } from "../domain/pathway-text.ts";
import { contactData, contactDataAt, type ContactData } from "./contact-data.ts";
import { CONTACTS_WORDS } from "../words/chat-words.ts";

/** One block of the contacts list: a heading, a line under it, its contacts and a warning note. */
export type ContactsSection = {
  readonly heading: string;
  readonly intro: string;
  readonly contacts: readonly ContactData[];
  readonly note: string;
};

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/** "Tuesday 8 December at 10:00": a moment in London words, for the contacts and the summary. */
export function describeLondonTime(at: Date): string {
  return LONDON_TIME.format(at);
}
const LONDON_CLOCK = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });

/**
 * The line under the card's title: the moment the badges are about. With `unreadable` (the
 * question named a day or time that could not be read, DOMAIN.md §6), that is said first.
 */
export function atText(at: Date, timeNamed: boolean, unreadable?: string): string {
  const when = CONTACTS_WORDS.londonTime(describeLondonTime(at));
  const line = timeNamed ? CONTACTS_WORDS.openAt(when) : CONTACTS_WORDS.openNow(when);
  return unreadable === undefined ? line : `${unreadable} ${line}`;
}

// DOMAIN.md §6: the national numbers, always open; with the fallback sentence they are the night
// route of an area that has no out-of-hours line of its own.
const NATIONAL_NUMBERS = [EMERGENCY_CONTACT, POLICE_NON_EMERGENCY_CONTACT].map(contactData);

const NIGHT_ROUTE: ContactsSection = {
  heading: CONTACTS_WORDS.nightRoute,
  intro: OUT_OF_HOURS_FALLBACK,
  contacts: NATIONAL_NUMBERS,
  note: "",
};

/** DOMAIN.md §6: Kingston and Richmond have an out-of-hours line; the other areas do not. */
function hasOutOfHoursLine(area: Area): boolean {
  return area.contacts.some((contact) => contact.service === "front-door" && contact.hours?.open === "outside");
}

/**
 * The sections of an area's contacts at `at`. DOMAIN.md §6 "Every view of an area's contacts":
 * when no front-door line is known to be open then, the night route comes first, before mailboxes
 * and lines whose hours are not known, so a mailbox is never the only thing offered at night. The
 * night route is the area's own out-of-hours line where it has one (open exactly when the day line
 * is closed, so it heads the front-door list); otherwise the 101/999 sentence with those numbers,
 * which such an area always shows. With `timeNamed` the badges say "Open at 21:00", since "Open
 * now" would be about a moment nobody asked about.
 */
export function areaContactsSections(area: Area, at: Date, timeNamed: boolean, frontDoorOnly = false): ContactsSection[] {
  const show = timeNamed ? contactDataAt(LONDON_CLOCK.format(at)) : contactData;
  const frontDoor = frontDoorContacts({ area, at });
  const frontDoorLines = frontDoor.contacts ?? [];
  const lineOpen = frontDoorLines.some((contact) => contact.openNow === true);
  const nightRouteFirst = !lineOpen;
  const nightRouteShown = nightRouteFirst || !hasOutOfHoursLine(area);
  const frontDoorSection: ContactsSection = {
    heading: area.id === "other" ? CONTACTS_WORDS.localFrontDoor : CONTACTS_WORDS.frontDoor(area.frontDoor.name),
    intro: CONTACTS_WORDS.frontDoorIntro,
    contacts: frontDoorLines.map(show),
    // The "none of these lines is open" note says what the night route above already says, and
    // says it about "right now" even for a time asked about; an area's own note stays.
    note: nightRouteFirst && frontDoorLines.length > 0 ? "" : (frontDoor.contactsNote ?? ""),
  };
  // A referral's confirmation (frontDoorOnly) shows where the referral goes and the night route, not the other services.
  const phoenix = frontDoorOnly ? [] : areaContacts("phoenix", { area, at });
  const mase = frontDoorOnly ? [] : areaContacts("mase", { area, at });
  return [
    ...(nightRouteFirst ? [NIGHT_ROUTE] : []),
    frontDoorSection,
    ...(nightRouteShown && !nightRouteFirst ? [NIGHT_ROUTE] : []),
    ...(phoenix.length === 0 || area.phoenix === undefined
      ? []
      : [{ heading: CONTACTS_WORDS.phoenix(area.phoenix.minAge, area.phoenix.maxAge), intro: CONTACTS_WORDS.phoenixIntro(meetingOf(area).word, meetingOf(area).name), contacts: phoenix.map(show), note: "" }]),
    ...(mase.length === 0 ? [] : [{ heading: CONTACTS_WORDS.meetingReferrals(meetingOf(area).word), intro: CONTACTS_WORDS.meetingIntro(meetingOf(area).name), contacts: mase.map(show), note: "" }]),
    // The night route already lists 999 and 101; said twice, the card only grows.
    ...(nightRouteShown ? [] : [{ heading: CONTACTS_WORDS.nationalNumbers, intro: "", contacts: NATIONAL_NUMBERS, note: "" }]),
  ];
}
