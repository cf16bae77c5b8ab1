// Phrases that promise something the product does not do today (issue 7: "Every text must describe
// only what the product does today"). Since issue 10 the bot posts a submitted referral to the
// area's triage channel and passes on acknowledgement, assignment and decision in the referrer's
// 1:1 chat with the front door's questions (answered there), reminds the triage channel of an
// unacknowledged referral and tells the area's admins of an undecided one; it sends the referrer
// no reminders. What it does is said in
// plain present-tense words ("appears in your 1:1 chat"); these future promises stay refused.
// When the product starts doing one of these, take its phrase out of this list in the same change.
export const UNKEPT_PROMISES: readonly RegExp[] = [
  /\bthe bot (?:will )?(?:tells?|lets?|sends?|notif(?:y|ies)|informs?|reminds?|updates?) you/i,
  /\bthe bot will\b/i,
  /\byou(?:'ll| will) (?:be )?(?:notified|told|informed|updated|reminded|hear)\b/i,
  /\bwe(?:'ll| will)\b/i,
  /\bwill (?:let you know|tell you when|notify|message you)\b/i,
  /\bin (?:your|this) chat when\b/i,
  // "Duty to Notify" is the name of an adult's statutory route (DOMAIN.md §5), not a promise.
  /\b(?<!duty to )notif(?:y|ies|ication)\b/i,
];

/** The promise phrases found in `text`, for a message that names them. */
export function unkeptPromises(text: string): string[] {
  return UNKEPT_PROMISES.flatMap((pattern) => pattern.exec(text)?.[0] ?? []);
}
