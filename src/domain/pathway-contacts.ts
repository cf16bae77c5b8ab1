// Which contacts a pathway step shows, in which order, and whether each is open at the moment
// of the assessment (DOMAIN.md §6-7: out of hours, the out-of-hours line comes first).
import type { AreaContact } from "./area.ts";
import { describeHours, isOpenAt } from "./contact-hours.ts";
import { EMERGENCY_CONTACT, POLICE_NON_EMERGENCY_CONTACT } from "./national-contacts.ts";
import type { PathwayContext, Service } from "./pathway.ts";

export type ContactView = {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  /** The stated hours, e.g. "08:00-18:00 Mon-Fri"; absent when the source gives none. */
  readonly hours?: string;
  /** The source's words on when it is answered, where it gives no weekly window. */
  readonly hoursNote?: string;
  /** Whether the line is open at the assessment's moment; null when no hours are known (DOMAIN.md §6: "hours not known"). */
  readonly openNow: boolean | null;
  readonly note?: string;
  /** A national line that never closes (999, 101). */
  readonly alwaysOpen?: true;
};

function view(contact: AreaContact, at: Date): ContactView {
  const { name, phone, email, hours, hoursNote, note } = contact;
  return {
    name,
    ...(phone === undefined ? {} : { phone }),
    ...(email === undefined ? {} : { email }),
    ...(hours === undefined ? {} : { hours: describeHours(hours) }),
    ...(hoursNote === undefined ? {} : { hoursNote }),
    openNow: hours === undefined ? null : isOpenAt(hours, at),
    ...(note === undefined ? {} : { note }),
  };
}

const OPENNESS_ORDER = (contact: ContactView): number => (contact.openNow === true ? 0 : contact.openNow === null ? 1 : 2);

export type StepContacts = { contacts?: ContactView[]; contactsNote?: string };

type Where = Pick<PathwayContext, "area" | "at">;

/** The area's contacts for a service: open ones first, then those with no stated hours, then closed ones. */
export function areaContacts(service: AreaContact["service"], { area, at }: Where): ContactView[] {
  return area.contacts
    .filter((contact) => contact.service === service)
    // An out-of-hours line is of no use while the day line is open.
    .filter((contact) => contact.hours?.open !== "outside" || isOpenAt(contact.hours, at))
    .map((contact) => view(contact, at))
    .sort((a, b) => OPENNESS_ORDER(a) - OPENNESS_ORDER(b));
}

export function frontDoorContacts(context: Where): StepContacts {
  const contacts = areaContacts("front-door", context);
  if (contacts.length === 0) {
    return { contactsNote: context.area.noContactsNote ?? "No contact details are configured for this area: use your local safeguarding procedures." };
  }
  if (contacts.every((contact) => contact.openNow === false)) {
    return {
      contacts,
      contactsNote: "None of these lines is open right now. If the child is in immediate danger call 999; otherwise call the police on 101 and contact the front door as soon as it opens.",
    };
  }
  return { contacts };
}

const CONTACTS_BY_SERVICE: Partial<Record<Service, (context: PathwayContext) => StepContacts>> = {
  emergency: () => ({ contacts: [EMERGENCY_CONTACT] }),
  // DOMAIN.md §5: police on 101 unless it is an emergency.
  police: ({ flags }) => ({ contacts: [flags.includes("emergency") ? EMERGENCY_CONTACT : POLICE_NON_EMERGENCY_CONTACT] }),
  "front-door": frontDoorContacts,
  // No phoenix row: its mailbox takes only referrals agreed through MASE (DOMAIN.md §5, seed 002).
  mase: (context) => optional(areaContacts("mase", context)),
};

function optional(contacts: ContactView[]): StepContacts {
  return contacts.length === 0 ? {} : { contacts };
}

export function contactsFor(service: Service, context: PathwayContext): StepContacts {
  return CONTACTS_BY_SERVICE[service]?.(context) ?? {};
}
