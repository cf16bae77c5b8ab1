// A contact as the shared contacts partial (cards/partials/contacts.json) shows it.
import type { Area } from "../domain/area.ts";
import type { ContactView } from "../domain/pathway-contacts.ts";
import { describeSources } from "../content/source-titles.ts";

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

export function contactData(contact: ContactView): ContactData {
  return {
    name: contact.name,
    phone: contact.phone ?? "",
    phoneLink: (contact.phone ?? "").replace(/\D/g, ""),
    email: contact.email ?? "",
    // DOMAIN.md §6: a contact with no stated hours says so, and has no open/closed badge.
    hours: contact.hours ?? contact.hoursNote ?? (contact.openNow === null ? "not known" : ""),
    note: contact.note ?? "",
    status: contact.alwaysOpen === true ? "Always open" : contact.openNow === true ? "Open now" : contact.openNow === false ? "Closed now" : "",
    statusColor: contact.openNow === false && contact.alwaysOpen !== true ? "Attention" : "Default",
  };
}

/** Where an area's contacts come from, and the warning to check them (README: verify every contact). */
export function contactsSource(area: Area): string {
  return area.contacts.length === 0
    ? `${describeSources(area.sources)} This tool has no contact details for this area.`
    : `${describeSources(area.sources)} These details date from 2014-2018: your organisation should confirm them before relying on them.`;
}
