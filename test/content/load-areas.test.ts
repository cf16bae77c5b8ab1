// DOMAIN.md §6: areas are data, validated at load; contacts come only from the seeds.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, DEFAULT_AREAS_DIR, loadAreas } from "../../src/content/load-areas.ts";
import { problemsOf } from "../support/problems-of.ts";

const SEEDS_DIR = new URL("../../../shared/seeds/", import.meta.url);

/** A copy of the shipped areas with one file replaced. */
function areasWith(fileName: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "areas-"));
  for (const file of readdirSync(DEFAULT_AREAS_DIR)) copyFileSync(join(DEFAULT_AREAS_DIR, file), join(dir, file));
  writeFileSync(join(dir, fileName), content);
  return dir;
}

const kingston = () => JSON.parse(readFileSync(join(DEFAULT_AREAS_DIR, "kingston.json"), "utf8"));

describe("the shipped areas", () => {
  it("all load: the six areas of DOMAIN.md §6 and `other`", () => {
    expect([...loadAreas().keys()].sort()).toEqual(["havering", "kingston", "lambeth", "lewisham", "other", "richmond", "sutton"]);
  });

  it("each has its own reference code (DOMAIN.md §8: KIN-2026-00042)", () => {
    expect(Object.fromEntries([...loadAreas().values()].map((area) => [area.id, area.referenceCode]))).toEqual({
      havering: "HAV", kingston: "KIN", lambeth: "LAM", lewisham: "LEW", other: "OTH", richmond: "RIC", sutton: "SUT",
    });
  });

  // The describe body runs even when skipped: read the seeds only where they exist, so a fresh clone
  // without ../shared passes (issue 8, point 14) and CI, which has them, checks every contact.
  describe.skipIf(!existsSync(SEEDS_DIR))("every contact comes from the seed documents", () => {
    const seeds = existsSync(SEEDS_DIR) ? readdirSync(SEEDS_DIR).filter((file) => file.endsWith(".txt")).map((file) => readFileSync(new URL(file, SEEDS_DIR), "utf8")) : [];
    const seedDigits = seeds.map((text) => text.replace(/\D/g, "")).join("|");
    const seedText = seeds.join("\n").toLowerCase();
    const contacts = [...loadAreas().values()].flatMap((area) => area.contacts.map((contact) => ({ area: area.id, ...contact })));
    // A value the deployer configured (and checked with the service) is theirs, not the seeds';
    // contact-sources.test.ts checks the rest against the area's own seed, passage by passage.
    const fromSeed = (contact: (typeof contacts)[number], field: "phone" | "email") => contact[field] !== undefined && "seed" in (contact.source?.[field] ?? {});

    it.each(contacts.filter((contact) => fromSeed(contact, "phone")).map((contact) => [contact.area, contact.phone]))("%s phone %s", (_area, phone) => {
      expect(seedDigits).toContain(phone?.replace(/\D/g, ""));
    });

    it.each(contacts.filter((contact) => fromSeed(contact, "email")).map((contact) => [contact.area, contact.email]))("%s email %s", (_area, email) => {
      expect(seedText).toContain(email?.toLowerCase());
    });
  });
});

describe("a bad area file stops loading, naming the file and the field", () => {
  it.each<[string, (area: Record<string, any>) => unknown, RegExp]>([
    ["a phone that is not a UK number", (area) => { area.contacts[0].phone = "0800 FOR HELP"; }, /^kingston\.json: contacts\[0\]\.phone: expected a UK phone number/],
    ["a malformed email", (area) => { area.contacts[0].email = "spa-at-kingston"; }, /^kingston\.json: contacts\[0\]\.email: expected an email address/],
    ["a contact with neither phone nor email", (area) => { delete area.contacts[3].email; }, /^kingston\.json: contacts\[3\]: a contact needs a phone or an email/],
    ["an unknown service", (area) => { area.contacts[0].service = "helpline"; }, /^kingston\.json: contacts\[0\]\.service:/],
    ["an unknown field", (area) => { area.contacts[0].fax = "020"; }, /^kingston\.json: contacts\[0\]: unknown field "fax"/],
    ["hours with a bad time", (area) => { area.contacts[0].hours.window.from = "8am"; }, /^kingston\.json: contacts\[0\]\.hours\.window\.from:/],
    ["an id that does not match the file", (area) => { area.id = "kingston-upon-thames"; }, /^kingston\.json: id: "kingston-upon-thames" does not match the file name/],
    ["a Phoenix service with no Phoenix contact", (area) => { area.contacts.splice(2, 1); }, /^kingston\.json: phoenix: an area with a Phoenix service needs a contact/],
    ["a reference code in small letters", (area) => { area.referenceCode = "kin"; }, /^kingston\.json: referenceCode: expected three capital letters/],
    ["no reference code", (area) => { delete area.referenceCode; }, /^kingston\.json: referenceCode: expected three capital letters/],
  ])("%s", (_name, change, message) => {
    const area = kingston();
    change(area);
    const problems = problemsOf(() => loadAreas(areasWith("kingston.json", JSON.stringify(area))), ContentError);
    expect(problems.some((problem) => message.test(problem)), problems.join("\n")).toBe(true);
  });

  it("an area with no front door and no note saying so", () => {
    const area = { ...kingston(), contacts: [] };
    delete area.phoenix;
    expect(problemsOf(() => loadAreas(areasWith("kingston.json", JSON.stringify(area))), ContentError)).toContain(
      "kingston.json: noContactsNote: an area with no front-door contact must say so in noContactsNote",
    );
  });

  // DOMAIN.md §8: references are unique per area, so two areas must never share a code.
  it("two areas with one reference code, naming both files", () => {
    const richmond = JSON.parse(readFileSync(join(DEFAULT_AREAS_DIR, "richmond.json"), "utf8"));
    expect(problemsOf(() => loadAreas(areasWith("richmond.json", JSON.stringify({ ...richmond, referenceCode: "KIN" }))), ContentError)).toContain(
      'richmond.json: referenceCode: "KIN" is already used by kingston.json; give each area its own three letters',
    );
  });

  it("a file that is not JSON", () => {
    expect(problemsOf(() => loadAreas(areasWith("kingston.json", "{ nope")), ContentError)[0]).toMatch(/^kingston\.json: not valid JSON/);
  });
});
