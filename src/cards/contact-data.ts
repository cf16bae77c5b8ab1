// A contact as the shared contacts partial (cards/partials/contacts.json) shows it.
import type { Area } from "../domain/area.ts";
import type { ContactView } from "../domain/pathway-contacts.ts";
import { describeSources } from "../content/source-titles.ts";
import { CONTACT_WORDS, contactsSourceLine } from "../words/chat-words.ts";

export type ContactData = {
  name: string;
  phone: string;
  /** The number as a `tel:` link wants it: digits only. */
  phoneLink: string;
  email: string;
  hours: string;
  note: string;
  status: string;
  /** Host-themed colours: "Good" green is about 2:1 on white in Teams' light theme, so open lines are bold default text. */
  statusColor: "Attention" | "Default";
};

/** The line about a contact's hours, said once: "Hours: 08:00-18:00 Mon-Fri", "Out of hours: …", "Hours not known". */
function hoursLine(contact: ContactView): string {
  if (contact.hours !== undefined) return contact.hours.startsWith(CONTACT_WORDS.outOfHoursPrefix) ? contact.hours : CONTACT_WORDS.hours(contact.hours);
  if (contact.hoursNote !== undefined) return contact.hoursNote;
  // DOMAIN.md §6: a contact with no stated hours says so, and has no open/closed badge.
  return contact.openNow === null ? CONTACT_WORDS.hoursNotKnown : "";
}

/** A contact for the contacts partial, open or closed now. */
export function contactData(contact: ContactView): ContactData {
  return contactView(contact, undefined);
}

/**
 * Contacts judged at a time the question named ("21:00"): the badge says "Open at 21:00", never
 * "Open now" for a moment that is not now (issue 9).
 */
export function contactDataAt(at: string): (contact: ContactView) => ContactData {
  return (contact) => contactView(contact, at);
}

function contactView(contact: ContactView, at: string | undefined): ContactData {
  const open = at === undefined ? CONTACT_WORDS.openNow : CONTACT_WORDS.openAt(at);
  const closed = at === undefined ? CONTACT_WORDS.closedNow : CONTACT_WORDS.closedAt(at);
  return {
    name: contact.name,
    phone: contact.phone ?? "",
    phoneLink: (contact.phone ?? "").replace(/\D/g, ""),
    email: contact.email ?? "",
    hours: hoursLine(contact),
    note: contact.note ?? "",
    status: contact.alwaysOpen === true ? CONTACT_WORDS.alwaysOpen : contact.openNow === true ? open : contact.openNow === false ? closed : "",
    statusColor: contact.openNow === false && contact.alwaysOpen !== true ? "Attention" : "Default",
  };
}

/** Where an area's contacts come from, and the warning to check them (README: verify every contact). */
export function contactsSource(area: Area): string {
  return contactsSourceLine(describeSources(area.sources), area.contacts.length > 0);
}
