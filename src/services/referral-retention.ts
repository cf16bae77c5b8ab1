// At the end of the retention period a referral's personal fields go, and so does what its history
// said in words: a question to the referrer, their answer, a decision's reason, the note for the
// triage team and a review's note may name the child or the family. Who did what, and when, stays,
// with the words replaced by a line saying they were erased. The referral's data key is erased
// with it, so what stays is sealed again with the master key, which outlives the erasure.
import type { ReferralCrypto } from "./referral-crypto-port.ts";
import type { AuditEvent, EraseEvent } from "./referral-store.ts";
import { ERASED_TEXT } from "../words/referral-words.ts";

export { ERASED_TEXT };

/** The fields of an event's details that hold someone's own words. */
const WORDS = ["question", "answer", "reason", "teamNote", "note"] as const;

/**
 * For the store's purge: each purged referral's event with its words erased, sealed again with the
 * master key (its data key is about to be erased). Every event is sealed again, words or none: left
 * under the data key, it could not be read once the key is gone.
 */
export function eraseEventWords(crypto: ReferralCrypto): EraseEvent {
  return (referralId: string, event: AuditEvent) => {
    const aad = `referral:${referralId}:event`;
    const kept = (value: unknown) => {
      const sealed = crypto.sealJson(value as never, { aad, outlivesErasure: true });
      // Opening it put the data key in memory again; it must not be used after the erasure.
      crypto.forget(referralId);
      return sealed;
    };
    let details: Record<string, unknown>;
    try {
      details = crypto.openJson(event.sealedDetails, { aad }) as Record<string, unknown>;
    } catch {
      // Unreadable (tampered with): nothing of it is kept.
      return kept({ erased: ERASED_TEXT });
    }
    if (details === null || typeof details !== "object") return kept(details);
    return kept(Object.fromEntries(Object.entries(details).map(([key, value]) => [key, (WORDS as readonly string[]).includes(key) && typeof value === "string" ? ERASED_TEXT : value])));
  };
}
