// The hazard log (docs/hazard-log.md) names, for each control, the test that guards it. A log
// whose named test does not exist guards nothing: this reads the log and fails on any such name.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LOG = readFileSync(`${ROOT}docs/hazard-log.md`, "utf8");

type Hazard = { id: string; tests: { file: string; name: string }[] };

/** The log's rows: each hazard id and the tests named in its "tests that guard the controls" column. */
function hazards(): Hazard[] {
  const rows = LOG.split("\n").filter((line) => /^\| H\d+ \|/.test(line));
  return rows.map((row) => {
    const cells = row.split(" | ");
    const id = (cells[0] ?? "").replace(/^\|\s*/, "");
    const column = cells[6] ?? "";
    const tests = [...column.matchAll(/`([^`›]+?) › ([^`]+)`/g)].map((match) => ({ file: (match[1] ?? "").trim(), name: (match[2] ?? "").trim() }));
    return { id, tests };
  });
}

// Quotes in a test's name are written escaped in some test files ('"only"' or "\"only\""): compare without them.
const plain = (text: string) => text.replace(/\\"/g, '"').replace(/["'`]/g, "");

/** The tests a hazard names that do not exist: a missing file, or no test of that name in it. */
function missingTests(hazard: Hazard): Hazard["tests"] {
  return hazard.tests.filter(({ file, name }) => {
    const path = `${ROOT}test/${file}`;
    return !existsSync(path) || !plain(readFileSync(path, "utf8")).includes(plain(name));
  });
}

describe("the hazard log", () => {
  const found = hazards();

  it("lists the hazards, each with at least one guarding test", () => {
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(found.filter((hazard) => hazard.tests.length === 0).map((hazard) => hazard.id)).toEqual([]);
  });

  it.each(found.map((hazard) => [hazard.id, hazard] as const))("%s: every test it names exists", (_id, hazard) => {
    expect(missingTests(hazard)).toEqual([]);
  });

  it("can fail: a test name or a file that does not exist is caught", () => {
    const named = [
      { file: "domain/pathway.test.ts", name: "a test nobody wrote" },
      { file: "domain/no-such-file.test.ts", name: "pathway" },
      { file: "domain/pathway.test.ts", name: "emergency with no other concern" },
    ];
    expect(missingTests({ id: "H0", tests: named })).toEqual(named.slice(0, 2));
  });
});
