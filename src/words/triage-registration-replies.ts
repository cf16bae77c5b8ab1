// What the bot says in a channel when an area admin registers it as the area's triage channel, or
// undoes that (`@SAFEGUARD register triage kingston`, `unregister triage kingston`).

/** What a registration came to, as services/triage-registration.ts decides it. */
export type RegistrationOutcome =
  /** `waiting`: referrals that waited for the channel, posted now. */
  | { readonly kind: "registered"; readonly areaName: string; readonly waiting: number }
  | { readonly kind: "unregistered"; readonly areaName: string }
  | { readonly kind: "not-registered"; readonly areaName: string }
  | { readonly kind: "not-admin"; readonly areaName: string }
  | { readonly kind: "unknown-area"; readonly known: readonly string[] }
  | { readonly kind: "not-a-channel" };

/** What the bot says in the channel. */
export function registrationReply(outcome: RegistrationOutcome): string {
  switch (outcome.kind) {
    case "registered":
      return `This channel is now ${outcome.areaName}'s triage channel: new referrals for ${outcome.areaName} will be posted here.${outcome.waiting === 0 ? "" : ` ${outcome.waiting === 1 ? "1 referral was" : `${outcome.waiting} referrals were`} waiting for ${outcome.areaName}: posting ${outcome.waiting === 1 ? "it" : "them"} now.`}`;
    case "unregistered":
      return `This channel is no longer ${outcome.areaName}'s triage channel. New referrals for ${outcome.areaName} will wait until a channel is registered.`;
    case "not-registered":
      return `${outcome.areaName} has no triage channel registered, so there was nothing to undo.`;
    case "not-admin":
      return `Only ${outcome.areaName}'s area admins can register its triage channel. Ask the person who looks after this tool where you work.`;
    case "unknown-area":
      return `I do not know that area. Areas: ${outcome.known.join(", ")}. For example: register triage ${outcome.known[0] ?? "kingston"}`;
    case "not-a-channel":
      return "A triage channel is a channel in a team: @mention me there with \"register triage\" and the area.";
  }
}
