// DOMAIN.md §6: never invent a number. Every phone number, mailbox and opening time in an area
// file quotes the passage of the area's own seed document it comes from, or says the deployer
// configured it (after checking it with the service, as the README asks). A number that is in
// another area's seed, such as Sutton's MASH line put in Richmond's file, must fail here.
import { describe, expect, it } from "vitest";
import { loadAreas, parseAreaFile } from "../../src/content/load-areas.ts";
import type { Area, TracedField } from "../../src/domain/area.ts";
import {
  HAVE_SEEDS,
  OWN_SEEDS,
  fromSeed,
  nameOf,
  passageMissingFromOwnSeed,
  readSeeds,
  sharedAcrossAreas,
  tracedValues,
  valueProblem,
} from "../support/contact-sources.ts";

const AREAS = loadAreas();
const TRACED = tracedValues(AREAS.values());
const FROM_SEEDS = TRACED.filter((traced) => fromSeed(traced.source));
const SEEDS = readSeeds();
const ownSeedsOf = (areaId: string) => OWN_SEEDS.get(areaId) ?? AREAS.get(areaId)?.sources ?? [];

describe("every phone number, mailbox and opening time names its source", () => {
  it("the shipped areas have values to check, every one traced", () => {
    expect(FROM_SEEDS.length).toBeGreaterThan(0);
    expect(TRACED.filter((traced) => traced.source === undefined).map(nameOf)).toEqual([]);
  });

  it.each(FROM_SEEDS.map((traced) => [nameOf(traced), traced] as const))("the passage holds the value: %s", (_name, traced) => {
    expect(valueProblem(traced)).toBeUndefined();
  });

  it("two areas share a phone number or mailbox only where DOMAIN.md §6 says so (Kingston and Richmond)", () => {
    expect(sharedAcrossAreas(AREAS.values())).toEqual([]);
  });
});

// The describe body runs even when skipped: readSeeds gives nothing without ../shared, so a fresh
// clone passes and CI, which has the seeds, checks every passage.
describe.skipIf(!HAVE_SEEDS)("every passage is in that area's own seed document", () => {
  it.each([...AREAS.keys()].filter((id) => OWN_SEEDS.has(id)))("%s names its own seed documents as its sources", (areaId) => {
    expect(AREAS.get(areaId)!.sources).toEqual(OWN_SEEDS.get(areaId));
  });

  it.each(FROM_SEEDS.map((traced) => [nameOf(traced), traced] as const))("the passage is in the area's own seed: %s", (_name, traced) => {
    expect(passageMissingFromOwnSeed(traced, ownSeedsOf(traced.area), SEEDS)).toBeUndefined();
  });
});

// Small area files with the seeds' own values, so the checks are shown to fail on a one-line
// mistake whatever a deployer has since done to the shipped files.
type AreaFile = Record<string, any>;
const MON_TO_FRI = ["mon", "tue", "wed", "thu", "fri"];
const SPA_LINE = { seed: "002", passage: "020 8547 5008 from 8am to 6pm, Monday to Friday" };
const spa = (email: string) => ({
  id: "spa",
  service: "front-door",
  name: "Single Point of Access",
  phone: "020 8547 5008",
  email,
  hours: { open: "within", window: { days: MON_TO_FRI, from: "08:00", to: "18:00" } },
  source: { phone: SPA_LINE, email: { seed: "002", passage: `mailto:${email}` }, hours: SPA_LINE },
});
const phoenix = () => ({
  id: "phoenix",
  service: "phoenix",
  name: "Phoenix Project (Achieving for Children)",
  email: "csereferrals@achievingforchildren.org.uk",
  hoursNote: "Mailbox checked daily Monday to Friday, except bank holidays.",
  source: {
    email: { seed: "002", passage: "mailto:csereferrals@achievingforchildren.org.uk" },
    hoursNote: { seed: "002", passage: "will be checked daily Mondayto Friday (excluding bank holiday" },
  },
});
const areaFile = (id: string, sources: string[], contacts: object[]): AreaFile => ({
  id,
  name: id,
  referenceCode: id.slice(0, 3).toUpperCase(),
  frontDoor: { kind: "SPA", name: "Single Point of Access (SPA)" },
  localLabels: {},
  contacts,
  meeting: "MASE",
  sources,
});
const kingstonFile = () => areaFile("kingston", ["002"], [spa("SPA@kingston.gov.uk"), phoenix()]);
const richmondFile = () => areaFile("richmond", ["002"], [spa("SPA@richmond.gov.uk"), phoenix()]);
const suttonFile = () =>
  areaFile("sutton", ["003"], [{ id: "mash-manager", service: "front-door", name: "MASH manager line", phone: "020 8770 6001", source: { phone: { seed: "003", passage: "Tel: 0208 770 6001" } } }]);

function problemsOf(file: AreaFile): readonly string[] {
  const parsed = parseAreaFile(`${file.id}.json`, JSON.stringify(file));
  return parsed.ok ? [] : parsed.problems;
}
function load(file: AreaFile): Area {
  const parsed = parseAreaFile(`${file.id}.json`, JSON.stringify(file));
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.area;
}
const tracedOf = (area: Area, contactId: string, field: TracedField) => tracedValues([area]).find((traced) => traced.contact.id === contactId && traced.field === field)!;
const allProblems = (areas: Area[]) => [
  ...tracedValues(areas).flatMap((traced) => [valueProblem(traced), HAVE_SEEDS ? passageMissingFromOwnSeed(traced, ownSeedsOf(traced.area), SEEDS) : undefined]),
  ...sharedAcrossAreas(areas),
].filter((problem) => problem !== undefined);

describe("the checks can fail", () => {
  it("the small files, unchanged, pass every check (so each failure below is the mistake's)", () => {
    expect(allProblems([load(kingstonFile()), load(richmondFile()), load(suttonFile())])).toEqual([]);
  });

  it("Richmond's SPA number replaced by Sutton's MASH line: the passage no longer holds it, and two areas share it", () => {
    const richmondFileWithMistake = richmondFile();
    richmondFileWithMistake.contacts[0].phone = "020 8770 6001";
    const richmond = load(richmondFileWithMistake);
    expect(valueProblem(tracedOf(richmond, "spa", "phone"))).toBe("the passage has no number 020 8770 6001 (it has 02085475008)");
    expect(sharedAcrossAreas([load(kingstonFile()), richmond, load(suttonFile())])).toEqual([
      "richmond and sutton both have 02087706001, which DOMAIN.md §6 does not give to both",
    ]);
  });

  it("the same mistake with Sutton's passage quoted: the file no longer loads, as seed 003 is not Richmond's", () => {
    const richmond = richmondFile();
    richmond.contacts[0].phone = "020 8770 6001";
    richmond.contacts[0].source.phone = { seed: "003", passage: "Tel: 0208 770 6001" };
    expect(problemsOf(richmond)).toEqual(['richmond.json: contacts[0].source.phone.seed: contact "spa": seed "003" is not one of this area\'s sources ("002")']);
  });

  it.skipIf(!HAVE_SEEDS)("a passage from another area's document: not in the area's seed, or a seed that is not the area's", () => {
    const sutton = tracedOf(load(suttonFile()), "mash-manager", "phone");
    const inRichmond = { ...sutton, area: "richmond" };
    expect(passageMissingFromOwnSeed({ ...inRichmond, source: { seed: "002", passage: "Tel: 0208 770 6001" } }, OWN_SEEDS.get("richmond")!, SEEDS)).toBe(
      'seed 002 does not contain the passage "Tel: 0208 770 6001"',
    );
    expect(passageMissingFromOwnSeed(inRichmond, OWN_SEEDS.get("richmond")!, SEEDS)).toBe("seed 003 is not richmond's own document (002)");
  });

  it("a passage that does not state the hours: the SPA opening at 09:00", () => {
    const file = kingstonFile();
    file.contacts[0].hours.window.from = "09:00";
    expect(valueProblem(tracedOf(load(file), "spa", "hours"))).toBe("the passage does not state 09:00 (it states 08:00, 18:00)");
  });

  it("a mailbox the passage does not give, and an hours note the passage does not say", () => {
    const file = kingstonFile();
    file.contacts[1].email = "cse.referrals@achievingforchildren.org.uk";
    file.contacts[1].hoursNote = "Mailbox checked daily Monday to Saturday.";
    const kingston = load(file);
    expect(valueProblem(tracedOf(kingston, "phoenix", "email"))).toBe("the passage has no mailbox cse.referrals@achievingforchildren.org.uk");
    expect(valueProblem(tracedOf(kingston, "phoenix", "hoursNote"))).toBe("the passage does not say saturday");
  });

  it("Richmond given Kingston's SPA mailbox: shared where DOMAIN.md §6 gives Richmond its own", () => {
    const richmond = richmondFile();
    richmond.contacts[0] = { ...spa("SPA@kingston.gov.uk") };
    expect(sharedAcrossAreas([load(kingstonFile()), load(richmond)])).toEqual([
      "kingston and richmond both have spa@kingston.gov.uk, which DOMAIN.md §6 does not give to both",
    ]);
  });
});

describe("a deployer's own contact, checked with the service", () => {
  it("loads and passes every check", () => {
    const file = suttonFile();
    // 020 7946 0xxx is Ofcom's range for drama: never a real line.
    file.contacts[0].phone = "020 7946 0018";
    file.contacts[0].hours = { open: "within", window: { days: MON_TO_FRI, from: "09:00", to: "17:00" } };
    file.contacts[0].source = { phone: { configuredBy: "deployer", date: "2026-05-01" }, hours: { configuredBy: "deployer", date: "2026-05-01" } };
    const sutton = load(file);
    expect(tracedValues([sutton]).map((traced) => traced.source)).toEqual([{ configuredBy: "deployer", date: "2026-05-01" }, { configuredBy: "deployer", date: "2026-05-01" }]);
    expect(allProblems([load(kingstonFile()), load(richmondFile()), sutton])).toEqual([]);
  });
});

describe("a contact without its source stops loading, naming the area, the contact and the field", () => {
  it.each<[string, (area: AreaFile) => void, string | RegExp]>([
    ["a phone with no source", (area) => { delete area.contacts[0].source.phone; }, /^kingston\.json: contacts\[0\]\.source\.phone: contact "spa" gives a phone number but not where it comes from: add "source"/],
    ["a mailbox with no source", (area) => { delete area.contacts[1].source; }, /^kingston\.json: contacts\[1\]\.source\.email: contact "phoenix" gives a mailbox but not where it comes from/],
    ["hours with no source", (area) => { delete area.contacts[0].source.hours; }, /^kingston\.json: contacts\[0\]\.source\.hours: contact "spa" gives opening hours but not where it comes from/],
    ["an hours note with no source", (area) => { delete area.contacts[1].source.hoursNote; }, /^kingston\.json: contacts\[1\]\.source\.hoursNote: contact "phoenix" gives an hours note but not where it comes from/],
    ["a source for a value the contact does not have", (area) => { area.contacts[1].source.phone = SPA_LINE; }, 'kingston.json: contacts[1].source.phone: contact "phoenix" has no "phone", so there is nothing for this source to vouch for'],
    ["a passage with no seed", (area) => { area.contacts[0].source.phone = { passage: SPA_LINE.passage }; }, /^kingston\.json: contacts\[0\]\.source\.phone: expected \{ "seed": "002", "passage": .* \}, or \{ "configuredBy": "deployer", "date": "2026-05-01" \}/],
    ["an empty passage", (area) => { area.contacts[0].source.phone = { seed: "002", passage: " " }; }, "kingston.json: contacts[0].source.phone.passage: quote the seed's words that give the value"],
    ["a deployer's value with no date", (area) => { area.contacts[0].source.phone = { configuredBy: "deployer" }; }, 'kingston.json: contacts[0].source.phone: a value the deployer configured is { "configuredBy": "deployer", "date": "2026-05-01" }, with the day it was checked with the service'],
    ["a deployer's value with a date that is not a day", (area) => { area.contacts[0].source.phone = { configuredBy: "deployer", date: "2026-02-30" }; }, 'kingston.json: contacts[0].source.phone.date: expected the day it was checked, as "YYYY-MM-DD"'],
  ])("%s", (_name, change, message) => {
    const area = kingstonFile();
    change(area);
    const problems = problemsOf(area);
    expect(problems.some((problem) => (typeof message === "string" ? problem === message : message.test(problem))), problems.join("\n")).toBe(true);
  });
});
