// DOMAIN.md §9 review reminders: an area file gives reviewEveryDays only where its own documents
// say how often such referrals are reviewed (Sutton: every 3 months, seed 003; Lambeth: monthly
// for medium and high risk, seed 000), quoting the passage; the other shipped areas give none.
import { describe, expect, it } from "vitest";
import { loadAreas, parseAreaFile } from "../../src/content/load-areas.ts";
import { HAVE_SEEDS, OWN_SEEDS, readSeeds } from "../support/contact-sources.ts";

const AREAS = loadAreas();
const SEEDS = readSeeds();
const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

describe("review intervals in the area files", () => {
  it("are given for Sutton (91 days) and Lambeth (30 days) only", () => {
    const given = [...AREAS.values()].filter((area) => area.reviewEveryDays !== undefined).map((area) => [area.id, area.reviewEveryDays]);
    expect(given.sort()).toEqual([["lambeth", 30], ["sutton", 91]]);
  });

  it.skipIf(!HAVE_SEEDS).each([
    ["sutton", /3 monthly/],
    ["lambeth", /monthly for medium and high risk/],
  ])("%s quotes its own seed, which gives the interval", (areaId, interval) => {
    const source = AREAS.get(areaId)?.reviewSource;
    if (source === undefined || !("seed" in source)) throw new Error(`${areaId} has no seed passage for its review interval`);
    expect(OWN_SEEDS.get(areaId)).toContain(source.seed);
    expect(SEEDS.get(source.seed)).toContain(squeeze(source.passage));
    expect(source.passage).toMatch(interval);
  });

  it("refuses an interval with no source, naming the field", () => {
    const sutton = JSON.parse(JSON.stringify(AREAS.get("sutton")));
    delete sutton.reviewSource;
    const parsed = parseAreaFile("sutton.json", JSON.stringify(sutton));
    expect(parsed).toMatchObject({ ok: false });
    expect(JSON.stringify(parsed)).toContain("reviewSource");
  });
});
