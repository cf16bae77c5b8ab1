// The shape of content/danger-words.yaml (DESIGN.md "Questions": danger first). A safeguarding lead
// reviews the file by hand, so a mistake in it is refused with the field named, and phrases are
// read the one way the finder matches them: lower case, single spaces, ".." only between words.
import { describe, expect, it } from "vitest";
import { describeIssues } from "../../src/domain/assessment-input.ts";
import { DangerEntry, DangerWords } from "../../src/domain/danger-words.ts";

const ENTRY = { id: "rape-or-assault", means: "a rape or sexual assault", police: "evidence", images: false, advice: ["sarc"], guidance: "police", phrases: ["raped"] };
const GROUPS = { adult: ["adult"], family: ["dad"], threat: ["threat"], coercion: ["made"], exchange: ["money"], images: ["nudes"], staff: ["teacher"] };
const PHRASE_SHAPE = 'expected words of letters and digits, a word may end in *, ".." only between words (e.g. "sold .. for sex")';

function problemsOf(schema: typeof DangerEntry | typeof DangerWords, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return describeIssues(parsed.error);
}

describe("a danger entry's phrases", () => {
  it("are read in lower case with single spaces, a word may end in *, and £ and digits count as letters", () => {
    expect(DangerEntry.parse({ ...ENTRY, phrases: ["  Sold  ..  FOR   sex ", "blackmail*", "£50", "Year 7"] }).phrases).toEqual(["sold .. for sex", "blackmail*", "£50", "year 7"]);
  });

  it.each([
    ["a gap at the start", ".. raped"],
    ["a gap at the end", "raped .."],
    ["only a gap", ".."],
    ["punctuation", "raped!"],
    ["a * inside a word", "a*b"],
    ["nothing", ""],
  ])("refuses %s, quoting it", (_name, phrase) => {
    expect(problemsOf(DangerEntry, { ...ENTRY, phrases: ["raped", phrase] })).toEqual([`phrases[1]: ${PHRASE_SHAPE}; got ${JSON.stringify(phrase)}`]);
  });

  it.each<[string, unknown, string]>([
    ["no phrase", [], "phrases: list at least one phrase"],
    ["a phrase that is not a list", "raped", "phrases: expected a list of phrases"],
    ["a phrase that is not text", [3], "phrases[0]: expected a phrase"],
  ])("refuses %s", (_name, phrases, expected) => {
    expect(problemsOf(DangerEntry, { ...ENTRY, phrases })).toEqual([expected]);
  });

  it("reads `unless` and `except` as phrases too, at least one each", () => {
    expect(DangerEntry.parse({ ...ENTRY, unless: ["Came  back"], except: ["missing school"] })).toMatchObject({ unless: ["came back"], except: ["missing school"] });
    expect(problemsOf(DangerEntry, { ...ENTRY, unless: [], except: ["school!"] })).toEqual(["unless: list at least one phrase", `except[0]: ${PHRASE_SHAPE}; got "school!"`]);
  });
});

describe("a danger entry", () => {
  it("keeps every optional field it is given", () => {
    const full = { ...ENTRY, guidanceUnder13: "under-13", needs: ["child-under-16"], alsoNeeds: ["adult"], within: 3, unless: ["came back"], except: ["missing school"] };
    expect(DangerEntry.parse(full)).toEqual(full);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["an id in capitals", { id: "Rape" }, ['id: expected a kebab-case id such as "missing"']],
    ["an id that starts with a dash", { id: "-rape" }, ['id: expected a kebab-case id such as "missing"']],
    ["no id, meaning or guidance", { id: undefined, means: undefined, guidance: undefined }, ["id: missing", "means: missing", "guidance: missing"]],
    ["a meaning of spaces only", { means: "   " }, ["means: missing"]],
    ["an empty guidance", { guidance: "" }, ["guidance: missing"]],
    ["an empty guidance for under-13s", { guidanceUnder13: "" }, [expect.stringMatching(/^guidanceUnder13: /)]],
    ["an unknown police route", { police: "later" }, [expect.stringMatching(/^police: /)]],
    ["an unknown advice", { advice: ["hotline"] }, [expect.stringMatching(/^advice\[0\]: /)]],
    ["images as a word", { images: "no" }, [expect.stringMatching(/^images: /)]],
    ["needs listed but empty", { needs: [] }, [expect.stringMatching(/^needs: /)]],
    ["an unknown need", { needs: ["nobody"] }, [expect.stringMatching(/^needs\[0\]: /)]],
    ["also-needs listed but empty", { alsoNeeds: [] }, [expect.stringMatching(/^alsoNeeds: /)]],
    ["a distance of no words", { within: 0 }, [expect.stringMatching(/^within: /)]],
    ["a distance in parts of a word", { within: 1.5 }, [expect.stringMatching(/^within: /)]],
    ["an unknown field", { colour: "red" }, ['unknown field "colour"']],
  ])("refuses %s", (_name, change, expected) => {
    expect(problemsOf(DangerEntry, { ...ENTRY, ...change })).toEqual(expected);
  });

  it("takes an id that starts with a digit", () => {
    expect(DangerEntry.parse({ ...ENTRY, id: "999-now" }).id).toBe("999-now");
  });
});

describe("the danger words file", () => {
  it("holds the seven word groups and at least one entry", () => {
    expect(DangerWords.parse({ groups: GROUPS, entries: [ENTRY] })).toEqual({ groups: GROUPS, entries: [ENTRY] });
  });

  it.each<[string, unknown, string[]]>([
    ["no entry", { groups: GROUPS, entries: [] }, [expect.stringMatching(/^entries: /)]],
    ["a group missing", { groups: { ...GROUPS, staff: undefined }, entries: [ENTRY] }, ["groups.staff: expected a list of phrases"]],
    ["a group with no phrase", { groups: { ...GROUPS, threat: [] }, entries: [ENTRY] }, ["groups.threat: list at least one phrase"]],
    ["an unknown group", { groups: { ...GROUPS, pets: ["cat"] }, entries: [ENTRY] }, ['groups: unknown field "pets"']],
    ["an unknown field", { groups: GROUPS, entries: [ENTRY], version: 2 }, ['unknown field "version"']],
  ])("refuses %s", (_name, input, expected) => {
    expect(problemsOf(DangerWords, input)).toEqual(expected);
  });
});
