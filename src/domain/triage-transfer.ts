// A transfer that hands the referral over for real (DOMAIN.md §9, added 2026-12-07): a decision
// `transfer-to-other-area` names a configured area; the referral then belongs to that area, whose
// triage team acts on it from `submitted`; the reference stays. Pure: the areas, the time and who
// pressed are arguments.
import { z } from "zod";
import { INITIAL_TRIAGE_STATE, TriageMember, type TriageState } from "./triage.ts";

/** An area a referral can be handed to: a configured area with a front door (never "other"). */
export type TransferArea = { readonly id: string; readonly name: string };

/**
 * The areas a referral can be handed to: every configured area but `other`, which is the generic
 * pathway with the national numbers only (DOMAIN.md §6), not an area with a triage team.
 */
export function transferAreasIn<A extends TransferArea>(areas: Iterable<A>): A[] {
  return [...areas].filter((area) => area.id !== "other");
}

const Instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]);

/** One hand-over, kept in clear beside the referral: area ids, who and when; never the reason. */
export const Handover = z.strictObject({ from: z.string().min(1).max(100), to: z.string().min(1).max(100), at: Instant, by: TriageMember });
export type Handover = z.infer<typeof Handover>;
export const Handovers = z.array(Handover).max(50);

/** A referral's hand-overs as stored (JSON); none when never, or when they cannot be read. */
export function handoversIn(stored: unknown): Handover[] {
  const parsed = Handovers.safeParse(stored ?? []);
  return parsed.success ? parsed.data : [];
}

export type TransferTarget =
  | { readonly ok: true; readonly area: TransferArea }
  | { readonly ok: false; readonly code: "area-missing" | "area-not-configured" | "same-area"; readonly message: string };

const normal = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * The area a transfer names, by its id or its name as typed (the card offers a list; the tab and
 * an old card may send words). Refused, with the list of areas, when it is not one configured
 * here: the referral could not reach an area the tool does not know (no "Croydon" free text).
 */
export function transferTargetOf(typed: string | undefined, areas: readonly TransferArea[], fromAreaId: string): TransferTarget {
  const choices = areas.filter((area) => area.id !== fromAreaId);
  const listed = choices.map((area) => area.name).join(", ");
  const wanted = normal(typed ?? "");
  if (wanted === "") return { ok: false, code: "area-missing", message: `Name the area the referral is being transferred to. It can go to: ${listed}.` };
  const found = areas.find((area) => normal(area.id) === wanted || normal(area.name) === wanted);
  if (found === undefined) {
    return { ok: false, code: "area-not-configured", message: `A referral can be transferred only to an area set up in this tool: ${listed}. "${(typed ?? "").trim().slice(0, 100)}" is not one of them, so nothing was changed.` };
  }
  if (found.id === fromAreaId) return { ok: false, code: "same-area", message: `This referral is already with ${found.name}. Choose another area: ${listed}.` };
  return { ok: true, area: found };
}

/**
 * The referral once handed over: a new start in the receiving area (`submitted`, the version
 * moving on so an old card's press is caught), and the hand-over appended to those before.
 */
export function handOver(current: TriageState, earlier: readonly Handover[], move: { from: string; to: string; at: Date; by: TriageMember }): { next: TriageState; handovers: Handover[] } {
  return { next: { ...INITIAL_TRIAGE_STATE, version: current.version + 1 }, handovers: [...earlier, { from: move.from, to: move.to, at: move.at, by: move.by }] };
}

/** The areas a referral was handed over from, in order: their triage teams may still read it. */
export function areasHandedFrom(handovers: readonly Handover[]): string[] {
  return [...new Set(handovers.map((handover) => handover.from))];
}

/** The hand-over that took the referral out of `areaId` last, if it ever left it. */
export function lastHandoverFrom(handovers: readonly Handover[], areaId: string): Handover | undefined {
  return [...handovers].reverse().find((handover) => handover.from === areaId);
}
