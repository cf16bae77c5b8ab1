// A contact as the shared contacts partial (cards/partials/contacts.json) shows it.
import type { ContactView } from "../domain/pathway-contacts.ts";

export type ContactData = {
  name: string;
  phone: string;
  email: string;
  hours: string;
  note: string;
  status: string;
  statusColor: "Good" | "Attention" | "Default";
};

export function contactData(contact: ContactView): ContactData {
  return {
    name: contact.name,
    phone: contact.phone ?? "",
    email: contact.email ?? "",
    hours: contact.hours ?? "",
    note: contact.note ?? "",
    // DOMAIN.md §6: a contact with no hours given is shown without hours, so no open/closed either.
    status: contact.openNow === true ? "Open now" : contact.openNow === false ? "Closed now" : "",
    statusColor: contact.openNow === true ? "Good" : contact.openNow === false ? "Attention" : "Default",
  };
}
