// Words of the chat's cards that are not in their templates: the notices when a check card cannot
// be used, the menu's line for a referral not delivered, an area's contacts (hours, open or
// closed, where the details come from) and the signs' source line.

/** When a check's card cannot be used: expired, gone, someone else's, unreadable, or our fault. */
export const CHECK_NOTICES = {
  expired: { title: "This check has expired", text: "Checks are kept for 24 hours and then deleted, so that nothing about a child is kept longer than needed. Please start a new check." },
  "not-found": { title: "This check could not be found", text: "It may have expired and been deleted. Please start a new check." },
  foreign: { title: "This check belongs to someone else", text: "Only the person who started a check can change it. You can start your own." },
  invalid: { title: "That button did not work", text: "The card sent something I could not read. Please start again from the menu." },
  error: { title: "Something went wrong on our side", text: "Please press the button again. If it keeps failing, start a new check, and tell your IT team." },
} as const;

/** The menu's line for a referral not delivered yet, with where it is (referral-words.ts's deliveryLine). */
export const undeliveredLine = (reference: string, where: string): string => `Referral ${reference}. ${where}`;
export const whoToContactIn = (areaName: string): string => `Who to contact in ${areaName}`;

/** The signs' source line (seeds 001-003; the wording is the project's own). */
export const signsSourceLine = (titles: readonly [string | undefined, string | undefined, string | undefined]): string => `SAFEGUARD warning signs as set out in ${titles[0]}, ${titles[1]} and ${titles[2]}; described in this project's words.`;

/** A contact's hours and badge (DOMAIN.md §6: hours not given are said to be unknown, with no badge). */
export const CONTACT_WORDS = {
  outOfHoursPrefix: "Out of hours",
  hours: (hours: string) => `Hours: ${hours}`,
  hoursNotKnown: "Hours not known",
  openNow: "Open now",
  openAt: (at: string) => `Open at ${at}`,
  closedNow: "Closed now",
  closedAt: (at: string) => `Closed at ${at}`,
  alwaysOpen: "Always open",
} as const;

/** Where an area's contacts come from, and the warning to check them (README: verify every contact). */
export const contactsSourceLine = (sources: string, hasContacts: boolean): string =>
  hasContacts ? `${sources} These details date from 2014-2018: your organisation should confirm them before relying on them.` : `${sources} This tool has no contact details for this area.`;
