// What every area file must satisfy (DOMAIN.md §6): a contact a practitioner can reach, each phone
// number, mailbox and opening time traced to the seed passage it comes from or to the deployer who
// checked it, and a line that names the field for each mistake. The shipped files are checked in
// test/content; these are the rules themselves, on small areas built here.
import { describe, expect, it } from "vitest";
import { Area, AreaContact, inAreaMeetingWords, meetingOf } from "../../src/domain/area.ts";
import { describeIssues } from "../../src/domain/assessment-input.ts";

const FROM_SEED = { seed: "002", passage: "Tel: 020 8547 5008" };
const BY_DEPLOYER = { configuredBy: "deployer", date: "2026-05-01" };
const SPA = { id: "spa", service: "front-door", name: "SPA", phone: "020 8547 5008", source: { phone: FROM_SEED } };
const KINGSTON = { id: "kingston", name: "Kingston", referenceCode: "KIN", frontDoor: { kind: "SPA", name: "Single Point of Access" }, localLabels: {}, contacts: [SPA], meeting: "MASE", sources: ["002"] };
const SEED_EXAMPLE = '{ "seed": "002", "passage": "the words of the seed that give it" }';
const DEPLOYER_EXAMPLE = '{ "configuredBy": "deployer", "date": "2026-05-01" }';

function problemsOf(schema: typeof Area | typeof AreaContact, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return describeIssues(parsed.error);
}

describe("an area contact's phone number: a UK number as the seeds print it", () => {
  it.each(["020 8547 5008", "02085475008", "0 2 0 8 5 4 7 5 0 0 8"])("takes %s", (phone) => {
    expect(AreaContact.parse({ ...SPA, phone }).phone).toBe(phone);
  });

  it.each<[string, string, string[]]>([
    ["letters", "0800 FOR HELP", ['phone: expected a UK phone number such as "020 8547 5008"']],
    ["not starting 0", "120 8547 5008", ['phone: expected a UK phone number such as "020 8547 5008"']],
    ["something before the 0", "x020 8547 5008", ['phone: expected a UK phone number such as "020 8547 5008"', "phone: expected 11 digits"]],
    ["10 digits", "020 8547 500", ["phone: expected 11 digits"]],
    ["12 digits", "020 8547 50080", ["phone: expected 11 digits"]],
  ])("refuses %s", (_name, phone, expected) => {
    expect(problemsOf(AreaContact, { ...SPA, phone })).toEqual(expected);
  });
});

describe("where a contact's value comes from (DOMAIN.md §6: never invent a number)", () => {
  it("keeps a seed's passage, trimmed, or the day the deployer checked the value", () => {
    expect(AreaContact.parse({ ...SPA, source: { phone: { seed: "002", passage: "  Tel: 020 8547 5008 " } } }).source?.phone).toEqual(FROM_SEED);
    expect(AreaContact.parse({ ...SPA, source: { phone: BY_DEPLOYER } }).source?.phone).toEqual(BY_DEPLOYER);
  });

  it("takes a passage of up to 300 characters", () => {
    expect(AreaContact.safeParse({ ...SPA, source: { phone: { seed: "002", passage: "a".repeat(300) } } }).success).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ["a seed number of two digits", { seed: "02", passage: "x" }, 'source.phone.seed: expected a seed document number such as "002"'],
    ["a seed number of four digits", { seed: "0021", passage: "x" }, 'source.phone.seed: expected a seed document number such as "002"'],
    ["a seed named in words", { seed: "two", passage: "x" }, 'source.phone.seed: expected a seed document number such as "002"'],
    ["a passage of spaces", { seed: "002", passage: "   " }, "source.phone.passage: quote the seed's words that give the value"],
    ["a passage of 301 characters", { seed: "002", passage: "a".repeat(301) }, "source.phone.passage: quote a short passage (at most 300 characters), the words that give the value"],
    ["a deployer's value checked on no real day", { configuredBy: "deployer", date: "2026-13-01" }, 'source.phone.date: expected the day it was checked, as "YYYY-MM-DD"'],
    ["a value configured by someone else", { configuredBy: "council", date: "2026-05-01" }, `source.phone: a value the deployer configured is ${DEPLOYER_EXAMPLE}, with the day it was checked with the service`],
    ["a deployer's value with no day", { configuredBy: "deployer" }, `source.phone: a value the deployer configured is ${DEPLOYER_EXAMPLE}, with the day it was checked with the service`],
    ["an empty source", {}, `source.phone: expected ${SEED_EXAMPLE}, or ${DEPLOYER_EXAMPLE} for a value the deployer checked with the service`],
    ["a source in words", "seed 002", `source.phone: expected ${SEED_EXAMPLE}, or ${DEPLOYER_EXAMPLE} for a value the deployer checked with the service`],
  ])("refuses %s", (_name, phone, expected) => {
    expect(problemsOf(AreaContact, { ...SPA, source: { phone } })).toEqual([expected]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a phone number", { phone: "020 8547 5008", source: {} }, "phone"],
    ["a mailbox", { email: "spa@kingston.gov.uk", source: { phone: FROM_SEED } }, "email"],
    ["opening hours", { hours: { open: "within", window: { days: ["mon"] } }, source: { phone: FROM_SEED } }, "hours"],
    ["an hours note", { hoursNote: "checked daily", source: { phone: FROM_SEED } }, "hoursNote"],
  ])("refuses %s without its source, saying how to give one", (words, change, field) => {
    expect(problemsOf(AreaContact, { ...SPA, ...change })).toEqual([
      `source.${field}: contact "spa" gives ${words} but not where it comes from: add "source": { "${field}": ${SEED_EXAMPLE} }, or ${DEPLOYER_EXAMPLE} once you have checked it with the service`,
    ]);
  });

  it.each(["email", "hours", "hoursNote"])("refuses a source for a %s the contact does not have", (field) => {
    expect(problemsOf(AreaContact, { ...SPA, source: { phone: FROM_SEED, [field]: FROM_SEED } })).toEqual([
      `source.${field}: contact "spa" has no "${field}", so there is nothing for this source to vouch for`,
    ]);
  });

  it("takes a contact whose every value is traced", () => {
    const traced = { ...SPA, email: "spa@kingston.gov.uk", hours: { open: "within", window: { days: ["mon"] } }, source: { phone: FROM_SEED, email: FROM_SEED, hours: BY_DEPLOYER } };
    expect(AreaContact.safeParse(traced).success).toBe(true);
  });
});

describe("an area contact", () => {
  it.each(["s", "spa-day-line", "phoenix2"])("takes the id %s", (id) => {
    expect(AreaContact.parse({ ...SPA, id }).id).toBe(id);
  });

  it.each(["SPA", "9spa", "-spa", "spa line", "spa_line"])("refuses the id %s", (id) => {
    expect(problemsOf(AreaContact, { ...SPA, id })).toEqual(["id: expected a kebab-case id"]);
  });

  it.each(["name", "note", "hoursNote"])("refuses an empty %s", (field) => {
    const source = field === "hoursNote" ? { phone: FROM_SEED, hoursNote: FROM_SEED } : SPA.source;
    expect(problemsOf(AreaContact, { ...SPA, [field]: "", source })).toEqual([expect.stringMatching(new RegExp(`^${field}: `))]);
  });

  it("needs a phone or a mailbox: either alone will do", () => {
    expect(problemsOf(AreaContact, { ...SPA, phone: undefined, source: {} })).toEqual(["input: a contact needs a phone or an email"]);
    expect(AreaContact.safeParse({ ...SPA, phone: undefined, email: "spa@kingston.gov.uk", source: { email: FROM_SEED } }).success).toBe(true);
    expect(AreaContact.safeParse(SPA).success).toBe(true);
  });

  it("gives weekly hours or the source's words on them, not both", () => {
    const both = { ...SPA, hours: { open: "within", window: { days: ["mon"] } }, hoursNote: "checked daily", source: { phone: FROM_SEED, hours: FROM_SEED, hoursNote: FROM_SEED } };
    expect(problemsOf(AreaContact, both)).toEqual(['hoursNote: give "hours" (a weekly window) or "hoursNote" (words from the source), not both']);
    expect(AreaContact.safeParse({ ...both, hoursNote: undefined, source: { phone: FROM_SEED, hours: FROM_SEED } }).success).toBe(true);
    expect(AreaContact.safeParse({ ...both, hours: undefined, source: { phone: FROM_SEED, hoursNote: FROM_SEED } }).success).toBe(true);
  });
});

describe("an area", () => {
  it("takes a small area with one front-door line", () => {
    expect(Area.parse(KINGSTON)).toEqual(KINGSTON);
  });

  it("refuses an empty name, door, label or note, and a label for a category that does not exist", () => {
    expect(problemsOf(Area, { ...KINGSTON, id: "Kingston", name: "", frontDoor: { kind: "", name: "" }, localLabels: { "1": "", "4": "Level 4" }, noContactsNote: "" })).toEqual([
      "id: expected a kebab-case id",
      expect.stringMatching(/^name: /),
      expect.stringMatching(/^frontDoor\.kind: /),
      expect.stringMatching(/^frontDoor\.name: /),
      expect.stringMatching(/^localLabels\.1: /),
      'localLabels: unknown field "4"',
      expect.stringMatching(/^noContactsNote: /),
    ]);
  });

  it.each(["kingston", "k", "city-of-london2"])("takes the id %s", (id) => {
    expect(Area.parse({ ...KINGSTON, id }).id).toBe(id);
  });

  it.each(["Kingston", "2kingston", "-kingston", "kingston upon thames"])("refuses the id %s", (id) => {
    expect(problemsOf(Area, { ...KINGSTON, id })).toEqual(["id: expected a kebab-case id"]);
  });

  // DOMAIN.md §9 "MASE or MACE": the area's own word for its multi-agency meeting, and what it stands for.
  it.each([
    "MASE",
    "MACE",
    { short: "MACE", long: "Multi-Agency Child Exploitation meeting" },
    { short: "CEMM", long: "Child Exploitation Multi-agency Meeting" },
  ])("takes the meeting %j", (meeting) => {
    expect(Area.parse({ ...KINGSTON, meeting }).meeting).toEqual(meeting);
  });

  const SHAPE = 'meeting: expected { "short": "MACE", "long": "Multi-Agency Child Exploitation meeting" } (a short word of capitals and what it stands for), or "MASE" or "MACE": the area\'s word for its multi-agency exploitation meeting';
  it.each([
    ["another word", "MARAC", SHAPE],
    ["a number", 7, SHAPE],
    ["no long name", { short: "MACE" }, SHAPE],
    ["a sentence for a word", { short: "the meeting", long: "Multi-Agency Child Exploitation meeting" }, "meeting.short: expected a short word starting with a capital, such as MACE"],
    ["an empty long name", { short: "MACE", long: " " }, "meeting.long: expected what the word stands for, such as Multi-Agency Child Exploitation meeting"],
    ["a field it does not know", { short: "MACE", long: "Multi-Agency Child Exploitation meeting", when: "monthly" }, 'meeting: unknown field "when"'],
  ])("refuses %s, naming the field", (_name, meeting, problem) => {
    expect(problemsOf(Area, { ...KINGSTON, meeting })).toEqual([problem]);
  });

  // seed 002: Phoenix works with young people aged 10-17; an area file may set 0-25 at most.
  it("takes Phoenix ages from 0 to 25, with a Phoenix contact", () => {
    const phoenix = { ...SPA, id: "phoenix", service: "phoenix" };
    expect(Area.parse({ ...KINGSTON, phoenix: { minAge: 0, maxAge: 25 }, contacts: [SPA, phoenix] }).phoenix).toEqual({ minAge: 0, maxAge: 25 });
  });

  it("refuses Phoenix ages below 0 or above 25, and Phoenix without a Phoenix contact", () => {
    expect(problemsOf(Area, { ...KINGSTON, phoenix: { minAge: -1, maxAge: 26 } })).toEqual([
      expect.stringMatching(/^phoenix\.minAge: /),
      expect.stringMatching(/^phoenix\.maxAge: /),
      'phoenix: an area with a Phoenix service needs a contact with service "phoenix"',
    ]);
    expect(problemsOf(Area, { ...KINGSTON, phoenix: { minAge: 10, maxAge: 17 }, contacts: [SPA, { ...SPA, id: "mase", service: "mase" }] })).toEqual([
      'phoenix: an area with a Phoenix service needs a contact with service "phoenix"',
    ]);
  });

  it("says so in noContactsNote when it has no front-door contact (DOMAIN.md §6)", () => {
    const noFrontDoor = "noContactsNote: an area with no front-door contact must say so in noContactsNote";
    expect(problemsOf(Area, { ...KINGSTON, contacts: [] })).toEqual([noFrontDoor]);
    expect(problemsOf(Area, { ...KINGSTON, contacts: [{ ...SPA, service: "mase" }] })).toEqual([noFrontDoor]);
    expect(Area.safeParse({ ...KINGSTON, contacts: [], noContactsNote: "The seeds give no contact for this area." }).success).toBe(true);
    expect(Area.safeParse({ ...KINGSTON, contacts: [{ ...SPA, service: "mase" }, SPA] }).success).toBe(true);
  });

  it("quotes only its own seed documents, naming the contact, the seed and the area's sources", () => {
    expect(problemsOf(Area, { ...KINGSTON, sources: ["000", "001"] })).toEqual(['contacts[0].source.phone.seed: contact "spa": seed "002" is not one of this area\'s sources ("000", "001")']);
    expect(problemsOf(Area, { ...KINGSTON, sources: [] })).toEqual(['contacts[0].source.phone.seed: contact "spa": seed "002" is not one of this area\'s sources (none)']);
  });

  it("checks every traced field of every contact against its sources", () => {
    const second = { ...SPA, id: "spa-mailbox", phone: undefined, email: "spa@kingston.gov.uk", source: { email: { seed: "003", passage: "spa@kingston.gov.uk" } } };
    expect(problemsOf(Area, { ...KINGSTON, contacts: [SPA, second] })).toEqual(['contacts[1].source.email.seed: contact "spa-mailbox": seed "003" is not one of this area\'s sources ("002")']);
  });

  it("needs no seed for a value the deployer checked", () => {
    expect(Area.safeParse({ ...KINGSTON, contacts: [{ ...SPA, source: { phone: BY_DEPLOYER } }], sources: [] }).success).toBe(true);
  });
});

describe("meetingOf", () => {
  it.each([
    ["MASE", "MASE", "Multi-Agency Sexual Exploitation meeting"],
    ["MACE", "MACE", "Multi-Agency Child Exploitation meeting"],
    [{ short: "MACE", long: "Multi-Agency Child Exploitation meeting" }, "MACE", "Multi-Agency Child Exploitation meeting"],
  ] as const)("%j is %s, the %s", (meeting, word, name) => {
    expect(meetingOf({ meeting })).toEqual({ word, name });
  });
});

describe("inAreaMeetingWords", () => {
  const MACE = { meeting: { short: "MACE", long: "Multi-Agency Child Exploitation meeting" } };
  it.each([
    ["a MACE area", MACE, "For MACE (the Multi-Agency Child Exploitation meeting)"],
    ["a MASE area", { meeting: "MASE" as const }, "For MASE (the Multi-Agency Sexual Exploitation meeting)"],
    ["no area known", undefined, "For MASE (the Multi-Agency Sexual Exploitation meeting)"],
  ])("%s", (_name, area, said) => {
    expect(inAreaMeetingWords("For MASE (the Multi-Agency Sexual Exploitation meeting)", area)).toBe(said);
  });

  it("leaves a word that only contains MASE alone", () => {
    expect(inAreaMeetingWords("MASEY's MASE", { meeting: { short: "MACE", long: "Multi-Agency Child Exploitation meeting" } })).toBe("MASEY's MACE");
  });
});
