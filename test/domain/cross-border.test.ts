// DOMAIN.md §9 cross-border (seed 001): the authority that looks after the child, when it is a
// configured area other than the referral's, is informed; never a guess.
import { describe, expect, it } from "vitest";
import { informedAreaOf, informedLine, informedOf } from "../../src/domain/cross-border.ts";

const AREAS = [
  { id: "kingston", name: "Kingston upon Thames" },
  { id: "richmond", name: "Richmond upon Thames" },
  { id: "sutton", name: "Sutton" },
  { id: "lambeth", name: "Lambeth" },
  { id: "other", name: "Another area" },
];

describe("the area informed of a looked-after child's referral", () => {
  it.each([
    ["Lambeth", "lambeth"],
    ["London Borough of Lambeth", "lambeth"],
    ["LB Sutton (children's services)", "sutton"],
    ["kingston upon thames council", "kingston"],
  ])("%s → %s", (typed, id) => {
    expect(informedAreaOf(typed, AREAS, "sutton" === id ? "lambeth" : "sutton")?.id).toBe(id);
  });

  it.each([
    ["nothing typed", undefined],
    ["an area not configured", "Croydon"],
    ["the referral's own area", "Sutton Council"],
    ["two areas at once (a guess could go to the wrong council)", "Lambeth, then Kingston"],
    ["a word inside another word", "Suttonshire"],
    ["the generic other area", "another area"],
  ])("none for %s", (_case, typed) => {
    expect(informedAreaOf(typed, AREAS, "sutton")).toBeUndefined();
  });

  it("says who looks after the child and who leads", () => {
    expect(informedLine("Lambeth", "Sutton")).toBe("Informed: Lambeth looks after this child; Sutton leads");
  });
});

// Both ways (seed 001: home and host authorities both need to know).
describe("home and host", () => {
  it("informs the home area that looks after the child first; else the host area the child is placed in", () => {
    expect(informedOf({ lookedAfterBy: "Lambeth" }, AREAS, "sutton")).toEqual({ area: { id: "lambeth", name: "Lambeth" }, as: "looks-after" });
    // The referral goes to the home area: the host, where the child lives now, is informed.
    expect(informedOf({ lookedAfterBy: "Lambeth", placedIn: "LB Sutton" }, AREAS, "lambeth")).toEqual({ area: { id: "sutton", name: "Sutton" }, as: "placed-in" });
    // Both named, and the home is another area: the home area is informed (the referral's area is where the child lives).
    expect(informedOf({ lookedAfterBy: "Lambeth", placedIn: "Sutton" }, AREAS, "sutton")).toEqual({ area: { id: "lambeth", name: "Lambeth" }, as: "looks-after" });
    expect(informedOf({ placedIn: "Sutton" }, AREAS, "sutton")).toBeUndefined();
    expect(informedOf({ placedIn: "Croydon" }, AREAS, "lambeth")).toBeUndefined();
    expect(informedOf({}, AREAS, "lambeth")).toBeUndefined();
  });

  it("says where the child is placed and who leads", () => {
    expect(informedLine("Sutton", "Lambeth", "placed-in")).toBe("Informed: this child is placed in Sutton; Lambeth leads");
  });
});
