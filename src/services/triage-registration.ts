// Registering a team channel as an area's triage channel (issue 10, point 3): an area admin
// @mentions the bot in the channel with "register triage kingston"; "unregister triage kingston"
// undoes it. Anyone else is refused politely, with nothing stored.
import type { Areas } from "../content/load-areas.ts";
import type { ChannelReference, OutboxStore, TriageChannelStore } from "./referral-store.ts";
import { registrationReply, type RegistrationOutcome } from "../words/triage-registration-replies.ts";

/** "register triage kingston", "unregister triage kingston", in any case, with nothing after. */
const COMMAND = /^(un)?register\s+triage\s+([a-z][a-z0-9-]{0,49})\s*$/i;

export type RegistrationCommand = { readonly kind: "register" | "unregister"; readonly areaId: string };

export function parseRegistration(text: string): RegistrationCommand | undefined {
  const match = COMMAND.exec(text.trim());
  if (match === null) return undefined;
  return { kind: match[1] === undefined ? "register" : "unregister", areaId: (match[2] ?? "").toLowerCase() };
}

/** Who may register: the area's admins (ROLES_FILE; src/config/load-roles.ts). */
export type AdminCheck = { isAdmin(aadObjectId: string, areaId: string): boolean };

export type { RegistrationOutcome };

export type RegistrationRequest = {
  readonly command: RegistrationCommand;
  readonly aadObjectId: string;
  /** The user id the audit keeps ("msteams:<AAD object id>"). */
  readonly userId: string;
  /** Undefined when the message did not come from a team channel. */
  readonly channel: ChannelReference | undefined;
  readonly at: Date;
};

export type RegistrationDependencies = {
  readonly channels: TriageChannelStore;
  readonly roles: AdminCheck;
  readonly areas: Areas;
  /** To post the referrals that waited for the channel at once, not at their next look a minute on. */
  readonly outbox: Pick<OutboxStore, "hurryPosts">;
  /** Wakes the outbox worker. */
  readonly onQueued: () => void;
};

export function createTriageRegistration({ channels, roles, areas, outbox, onQueued }: RegistrationDependencies) {
  return async function handle({ command, aadObjectId, userId, channel, at }: RegistrationRequest): Promise<RegistrationOutcome> {
    const area = areas.get(command.areaId);
    // "other" has no front door of its own to triage for.
    if (area === undefined || area.id === "other") return { kind: "unknown-area", known: [...areas.keys()].filter((id) => id !== "other") };
    if (channel === undefined) return { kind: "not-a-channel" };
    if (!roles.isAdmin(aadObjectId, area.id)) return { kind: "not-admin", areaName: area.name };
    if (command.kind === "register") {
      await channels.register(area.id, channel, userId, at);
      const waiting = await outbox.hurryPosts(area.id, at);
      if (waiting > 0) onQueued();
      return { kind: "registered", areaName: area.name, waiting };
    }
    return (await channels.unregister(area.id)) ? { kind: "unregistered", areaName: area.name } : { kind: "not-registered", areaName: area.name };
  };
}

export { registrationReply };
