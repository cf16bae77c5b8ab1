// The card that replaces the review once a referral is submitted (issue 10, points 2-3): its
// reference, who it went to and how to phone them, and, when it cannot wait or cannot go through
// Teams yet, that the practitioner must phone as well.
import type { CardToSend } from "./check-views.ts";
import type { ContactData } from "./contact-data.ts";
import type { Sent } from "../services/referral-service.ts";

export type SentView = {
  reference: string;
  areaName: string;
  /** The front door's first contact; `hoursText` is the line shown as it is ("Hours: 08:00-18:00 Mon-Fri", "Hours not known"). */
  frontDoor: { name: string; phone?: string; email?: string; openNow: boolean | undefined; hoursText: string } | undefined;
  /** The check's pathway says to phone the front door now. */
  phoneNow: boolean;
  /** The area has a triage channel registered, so the referral can reach the front door in Teams. */
  channelRegistered: boolean;
};

// DOMAIN.md §8 "Delivery is stated as it is": with no channel the referral is submitted (stored,
// waiting in the outbox) but not delivered, and the practitioner contacts the front door now.
export function noChannelLine(areaName: string): string {
  return `Not delivered: ${areaName} has no triage channel in Teams yet. Contact the front door now. Your referral is kept, and is posted there once a channel is registered.`;
}
export const PHONE_NOW_LINE = "Phone the front door now as well: this referral does not replace that call.";

function contactOf(frontDoor: NonNullable<SentView["frontDoor"]>): ContactData {
  return {
    name: frontDoor.name,
    phone: frontDoor.phone ?? "",
    phoneLink: (frontDoor.phone ?? "").replace(/[^\d+]/g, ""),
    email: frontDoor.email ?? "",
    hours: frontDoor.hoursText,
    note: "",
    status: frontDoor.openNow === true ? "Open now" : frontDoor.openNow === false ? "Closed now" : "",
    statusColor: frontDoor.openNow === false ? "Attention" : "Default",
  };
}

/** What the confirmation shows of a submission: the front door's first contact, open now or not. */
export function sentViewOf(sent: Sent): SentView {
  const contact = sent.frontDoor.contacts?.[0];
  return {
    reference: sent.record.reference,
    areaName: sent.areaName,
    frontDoor:
      contact === undefined
        ? undefined
        : { name: contact.name, ...(contact.phone === undefined ? {} : { phone: contact.phone }), ...(contact.email === undefined ? {} : { email: contact.email }), openNow: contact.alwaysOpen === true ? true : (contact.openNow ?? undefined), hoursText: contact.hours !== undefined ? `Hours: ${contact.hours}` : (contact.hoursNote ?? "Hours not known") },
    phoneNow: sent.phoneNow,
    channelRegistered: sent.channelRegistered,
  };
}

export function referralSentCard(view: SentView): CardToSend {
  return {
    name: "referral-sent",
    data: {
      reference: view.reference,
      areaName: view.areaName,
      // DOMAIN.md §8: the channel is the one registered in the organisation; the product cannot know it is the council's front door.
      where: view.channelRegistered ? `It is being posted to the triage channel registered for ${view.areaName} in your organisation.` : "",
      // Without a channel the first line already says to phone now.
      warnings: (view.channelRegistered ? (view.phoneNow ? [PHONE_NOW_LINE] : []) : [noChannelLine(view.areaName)]).map((text) => ({ text })),
      contacts: view.frontDoor === undefined ? [] : [contactOf(view.frontDoor)],
      noContact: view.frontDoor === undefined ? `This tool has no contact details for ${view.areaName}'s front door: use the number in your local safeguarding procedures.` : "",
    },
  };
}
