// DOMAIN.md §9 (added 2026-12-07): a transfer names a configured area, or is refused with the list
// of areas; it starts the referral again in the receiving area, its hand-overs kept in order.
import { describe, expect, it } from "vitest";
import { INITIAL_TRIAGE_STATE, type TriageMember } from "../../src/domain/triage.ts";
import { areasHandedFrom, handOver, handoversIn, lastHandoverFrom, transferAreasIn, transferTargetOf } from "../../src/domain/triage-transfer.ts";

const AREAS = [
  { id: "kingston", name: "Kingston upon Thames" },
  { id: "sutton", name: "Sutton" },
  { id: "lambeth", name: "Lambeth" },
];
const SAM: TriageMember = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };

describe("the area a transfer names", () => {
  it.each([
    ["its id", "sutton"],
    ["its name, in any case and spacing", "  SUTTON "],
    ["a name of several words", "kingston  upon thames"],
  ])("is found by %s", (_how, typed) => {
    const from = typed.toLowerCase().includes("kingston") ? "sutton" : "kingston";
    expect(transferTargetOf(typed, AREAS, from)).toMatchObject({ ok: true, area: { id: typed.toLowerCase().includes("kingston") ? "kingston" : "sutton" } });
  });

  it("is refused, with the list of the other areas, when it is not one configured here", () => {
    expect(transferTargetOf("Croydon", AREAS, "kingston")).toEqual({
      ok: false,
      code: "area-not-configured",
      message: 'A referral can be transferred only to an area set up in this tool: Sutton, Lambeth. "Croydon" is not one of them, so nothing was changed.',
    });
  });

  it.each([undefined, "", "   "])("is asked for, with the list, when none is given (%j)", (typed) => {
    expect(transferTargetOf(typed, AREAS, "kingston")).toEqual({ ok: false, code: "area-missing", message: "Name the area the referral is being transferred to. It can go to: Sutton, Lambeth." });
  });

  it("is refused when it is the referral's own area", () => {
    expect(transferTargetOf("Kingston upon Thames", AREAS, "kingston")).toMatchObject({ ok: false, code: "same-area" });
  });

  it("is never the generic 'other' area (DOMAIN.md §6: national numbers only, no triage team)", () => {
    expect(transferAreasIn([...AREAS, { id: "other", name: "Another area" }]).map((area) => area.id)).toEqual(["kingston", "sutton", "lambeth"]);
  });
});

describe("a hand-over", () => {
  const at = new Date("2026-11-24T10:02:00Z");

  it("starts the referral again as submitted, the version moving on, and keeps the hand-overs in order", () => {
    const current = { status: "assigned", version: 4, acknowledged: { by: SAM, at }, assigned: { by: SAM, at }, assignee: SAM } as const;
    const first = handOver(current, [], { from: "kingston", to: "sutton", at, by: SAM });
    expect(first.next).toEqual({ ...INITIAL_TRIAGE_STATE, version: 5 });
    expect(first.handovers).toEqual([{ from: "kingston", to: "sutton", at, by: SAM }]);
    const later = new Date("2026-11-25T09:00:00Z");
    const second = handOver(first.next, first.handovers, { from: "sutton", to: "lambeth", at: later, by: SAM });
    expect(areasHandedFrom(second.handovers)).toEqual(["kingston", "sutton"]);
    expect(lastHandoverFrom(second.handovers, "sutton")?.to).toBe("lambeth");
    expect(lastHandoverFrom(second.handovers, "lambeth")).toBeUndefined();
  });

  it("reads back from JSON, and reads nothing from a stored value it cannot trust", () => {
    const stored = JSON.parse(JSON.stringify([{ from: "kingston", to: "sutton", at, by: SAM }]));
    expect(handoversIn(stored)).toEqual([{ from: "kingston", to: "sutton", at, by: SAM }]);
    expect(handoversIn(undefined)).toEqual([]);
    expect(handoversIn([{ from: "kingston" }])).toEqual([]);
  });
});
