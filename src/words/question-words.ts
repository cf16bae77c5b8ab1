// Sentences the answer to a typed question carries beside the guidance: a day or time asked
// about that could not be read, and why the urgent card came from the message as a whole.

/** A day or time in a question that could not be read, or has passed (DOMAIN.md §6: said, never silently replaced). */
export const cannotReadWords = (what: "day" | "time", words: string, passed: boolean): string =>
  passed ? `The day "${words}" has passed: showing who is open now.` : `I could not read the ${what} "${words}": showing who is open now.`;

/** The urgent card's reason when the urgency model, not a listed phrase, read the message as urgent. */
export const MODEL_REASON_MEANS = "a child who may be at risk now (read from your message as a whole, not from a listed phrase)";

/** The urgent card's first line: what the message may describe. */
export const whyUrgent = (means: readonly string[]): string => `Your message may describe ${means.join("; ")}.`;
