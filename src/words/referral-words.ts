// The words for where a referral is and what became of its details: the channel card, the
// confirmation, the menu, the tab, the PDF and the CSV all say them the same way.

/** Where a submitted referral is (DOMAIN.md §8): the same union as services/referral-service.ts's Delivery. */
export type DeliveryState = "delivered" | "posting" | "no-channel";

// DOMAIN.md §8 "Delivery is stated as it is": with no channel the referral is submitted (stored,
// waiting in the outbox) but not delivered, and the practitioner contacts the front door now.
export function noChannelLine(areaName: string): string {
  return `Not delivered: ${areaName} has no triage channel in Teams yet. Contact the front door now. Your referral is kept, and is posted there once a channel is registered.`;
}

/** DOMAIN.md §8: where a submitted referral is, as the confirmation, the menu and the tab say it. */
export function deliveryLine(delivery: DeliveryState, areaName: string): string {
  switch (delivery) {
    case "delivered":
      return `Delivered: posted in the triage channel registered for ${areaName} in your organisation.`;
    case "posting":
      return `It is being posted to the triage channel registered for ${areaName} in your organisation.`;
    case "no-channel":
      return noChannelLine(areaName);
  }
}

/** On the confirmation when the check's pathway says to phone the front door now. */
export const PHONE_NOW_LINE = "Phone the front door now as well: this referral does not replace that call.";

/** On the confirmation when the area is no longer configured, so its contacts cannot be shown. */
export const noContactLine = (areaName: string): string => `This tool has no contact details for ${areaName}'s front door: use the number in your local safeguarding procedures.`;

/** How the channel card, the board, the PDF and the CSV word each triage status (DOMAIN.md §9). */
export const STATUS_WORDS: ReadonlyMap<string, string> = new Map([
  ["submitted", "New: not acknowledged yet"],
  ["acknowledged", "Acknowledged, not assigned yet"],
  ["assigned", "Assigned"],
  ["awaiting-info", "Waiting for more information from the referrer"],
  ["decided", "Decided"],
]);

export const PURGED_NOTE = "This referral's personal details were removed at the end of the retention period. Its history is kept.";

/** In the history, where a question, answer, reason or note was erased after the retention period. */
export const ERASED_TEXT = "(erased at the end of the retention period)";

/**
 * DOMAIN.md §9 cross-border, in §8's words: where the informed copy is, for the area that looks
 * after the child (the referral's own area leads and triages).
 */
export function informedDeliveryLine(delivery: DeliveryState, areaName: string, as: "looks-after" | "placed-in" = "looks-after"): string {
  const which = as === "placed-in" ? "where the child is placed" : "which looks after the child";
  switch (delivery) {
    case "delivered":
      return `Also delivered, for information: posted in the triage channel registered for ${areaName} in your organisation, ${which}.`;
    case "posting":
      return `Also being posted, for information, to the triage channel registered for ${areaName} in your organisation, ${which}.`;
    case "no-channel":
      return `Not delivered to ${areaName}, ${which}: it has no triage channel in Teams yet. It is posted there once one is registered, and you are told here when it is.`;
  }
}
