// Cross-border referrals (DOMAIN.md §9, added 2026-12-07; seed 001: "Good practice supports a
// discussion between 'home' and 'host' Local Authority where a child or young person is placed out
// of borough", and responsibility "is held by the Local Authority in which the child resides").
// The referral's area, where the child lives now, leads and triages; the authority that looks
// after the child, when it is another configured area, gets an informed copy. Pure.
import type { TransferArea } from "./triage-transfer.ts";

const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/**
 * The configured area that looks after the child, from what the referrer typed ("Lambeth",
 * "London Borough of Lambeth", "LB Sutton"), when it is not the referral's own area: matched on
 * the area's id or full name as whole words. None when nothing, or more than one area, matches:
 * a guess could send a child's referral to the wrong council.
 */
export function informedAreaOf(lookedAfterBy: string | undefined, areas: readonly TransferArea[], leadAreaId: string): TransferArea | undefined {
  const typed = ` ${words(lookedAfterBy ?? "")} `;
  if (typed.trim() === "") return undefined;
  const found = areas.filter((area) => area.id !== "other" && [area.id, area.name].some((name) => words(name) !== "" && typed.includes(` ${words(name)} `)));
  return found.length === 1 && found[0]!.id !== leadAreaId ? found[0] : undefined;
}

/** Why an area gets an informed copy: it looks after the child (the home area), or the child is placed there (the host area). */
export type InformedAs = "looks-after" | "placed-in";

/**
 * DOMAIN.md §9 cross-border, both ways: the home area that looks after the child when the referral
 * goes to where the child lives; otherwise the host area where the child is placed, when the
 * referral goes to the home area. Matched as informedAreaOf matches.
 */
export function informedOf(child: { readonly lookedAfterBy?: string | undefined; readonly placedIn?: string | undefined }, areas: readonly TransferArea[], leadAreaId: string): { readonly area: TransferArea; readonly as: InformedAs } | undefined {
  const home = informedAreaOf(child.lookedAfterBy, areas, leadAreaId);
  if (home !== undefined) return { area: home, as: "looks-after" };
  const host = informedAreaOf(child.placedIn, areas, leadAreaId);
  return host === undefined ? undefined : { area: host, as: "placed-in" };
}

/** The line an informed copy leads with: "Informed: Lambeth looks after this child; Sutton leads", or "Informed: this child is placed in Sutton; Lambeth leads". */
export function informedLine(informedName: string, leadName: string, as: InformedAs = "looks-after"): string {
  return as === "placed-in" ? `Informed: this child is placed in ${informedName}; ${leadName} leads` : `Informed: ${informedName} looks after this child; ${leadName} leads`;
}
