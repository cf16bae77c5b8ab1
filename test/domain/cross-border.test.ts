// DOMAIN.md §9 cross-border (seed 001): the authority that looks after the child, when it is a
// configured area other than the referral's, is informed; never a guess.
import { describe, expect, it } from "vitest";
import { informedAreaOf, informedLine } from "../../src/domain/cross-border.ts";

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
