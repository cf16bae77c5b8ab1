// The card that replaces the review once a referral is submitted (issue 10, points 2-3): its
// reference, who it went to and how to phone them, and, when it cannot wait or cannot go through
// Teams yet, that the practitioner must phone as well.
import type { CardToSend } from "./check-views.ts";
import { areaContactsSections, type ContactsSection } from "./area-contacts-view.ts";
import type { Delivery, Sent } from "../services/referral-service.ts";
import { deliveryLine, informedDeliveryLine, noChannelLine, noContactLine, PHONE_NOW_LINE } from "../words/referral-words.ts";

export type SentView = {
  reference: string;
  areaName: string;
  /**
   * The area's front door at the moment of submission, as every view of its contacts shows it
   * (area-contacts-view.ts, DOMAIN.md §6): the night route first when no line is open. Empty when
   * the area is no longer configured.
   */
  sections: readonly ContactsSection[];
  /** The check's pathway says to phone the front door now. */
  phoneNow: boolean;
  /** Posted in a triage channel, being posted to one, or waiting for one to be registered (DOMAIN.md §8). */
  delivery: Delivery;
  /** DOMAIN.md §9 cross-border: the area that looks after the child, informed too, and where its copy is. */
  informed?: { readonly areaName: string; readonly delivery: Delivery; readonly as?: "looks-after" | "placed-in" };
};

export { deliveryLine, noChannelLine, PHONE_NOW_LINE };

/** What the confirmation shows of a submission: the front door's contacts at that moment, night route first when closed. */
export function sentViewOf(sent: Sent): SentView {
  return {
    reference: sent.record.reference,
    areaName: sent.areaName,
    sections: sent.area === undefined ? [] : areaContactsSections(sent.area, sent.at, false, true),
    phoneNow: sent.phoneNow,
    delivery: sent.delivery,
    ...(sent.informed === undefined ? {} : { informed: sent.informed }),
  };
}

export function referralSentCard(view: SentView): CardToSend {
  return {
    name: "referral-sent",
    data: {
      reference: view.reference,
      areaName: view.areaName,
      // DOMAIN.md §8: the channel is the one registered in the organisation; the product cannot know it is the council's front door.
      where: [view.delivery === "no-channel" ? "" : deliveryLine(view.delivery, view.areaName), view.informed === undefined ? "" : informedDeliveryLine(view.informed.delivery, view.informed.areaName, view.informed.as ?? "looks-after")]
        .filter((line) => line !== "")
        .join("\n\n"),
      // Without a channel the first line already says to phone now.
      warnings: (view.delivery !== "no-channel" ? (view.phoneNow ? [PHONE_NOW_LINE] : []) : [noChannelLine(view.areaName)]).map((text) => ({ text })),
      sections: view.sections,
      noContact: view.sections.length === 0 ? noContactLine(view.areaName) : "",
    },
  };
}
