// Issue 23, medium 1: at the end of the retention period a referral's personal fields go, and so
// does what its history said in words: a question to the referrer, their answer, a decision's
// reason, the note for the triage team and a review's note may name the child or the family. Who did what, and
// when, stays, with the words replaced by a line saying they were erased.
import type { ReferralCrypto } from "./referral-crypto-port.ts";
import type { AuditEvent, EraseEvent } from "./referral-store.ts";
import { ERASED_TEXT } from "../words/referral-words.ts";

export { ERASED_TEXT };

/** The fields of an event's details that hold someone's own words. */
const WORDS = ["question", "answer", "reason", "teamNote", "note"] as const;

/** For the store's purge: each purged referral's event with its words erased, sealed again; undefined when it held none. */
export function eraseEventWords(crypto: ReferralCrypto): EraseEvent {
  return (referralId: string, event: AuditEvent) => {
    const aad = `referral:${referralId}:event`;
    let details: Record<string, unknown>;
    try {
      details = crypto.openJson(event.sealedDetails, { aad }) as Record<string, unknown>;
    } catch {
      // Unreadable (tampered with): nothing of it is kept.
      return crypto.sealJson({ erased: ERASED_TEXT } as never, { aad });
    }
    if (details === null || typeof details !== "object" || !WORDS.some((field) => typeof details[field] === "string" && details[field] !== ERASED_TEXT)) return undefined;
    const erased = Object.fromEntries(Object.entries(details).map(([key, value]) => [key, (WORDS as readonly string[]).includes(key) && typeof value === "string" ? ERASED_TEXT : value]));
    return crypto.sealJson(erased as never, { aad });
  };
}
