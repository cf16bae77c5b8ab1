// DOMAIN.md §7 and the foundation issue: `npm run --silent assess -- FILE` prints one JSON
// object and exits 0; bad input exits non-zero naming the field or id on stderr.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { EXIT, runAssess } from "../../src/cli/run-assess.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../fixtures/assess/kingston-example.json", import.meta.url));
const AREAS = loadAreas();

function run(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const code = runAssess({
    argv,
    readStdin: () => stdin,
    readFile: (path) => readFileSync(path, "utf8"),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    now: () => new Date("2026-11-24T19:00:00Z"),
    areas: () => AREAS,
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const good = { area: "kingston", child: { age: 14 }, signs: ["absent.missingFromHome"], answers: { exchange: "unsure" } };
const withChange = (change: (input: Record<string, any>) => void) => {
  const input = structuredClone(good) as Record<string, any>;
  change(input);
  return JSON.stringify(input);
};

describe("assess CLI (in process)", () => {
  it("prints one JSON object with the section 7 fields and exits 0", () => {
    const result = run(["-"], JSON.stringify(good));
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toBe("");
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ category: 2, unconfirmed: true, localLabel: "Category 2", flags: ["missing"], domains: ["absent"] });
    expect(output.pathway[0]).toMatchObject({ service: "dsl", urgency: "now" });
  });

  it("uses now when `at` is absent: 19:00 on a Tuesday puts the out-of-hours line first", () => {
    const output = JSON.parse(run(["-"], JSON.stringify(good)).stdout);
    expect(output.at).toBe("2026-11-24T19:00:00.000Z");
    expect(output.pathway[1].contacts[0].phone).toBe("020 8770 5000");
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "{ area: kingston", /input is not valid JSON/],
    ["an unknown field", withChange((input) => { input.urgency = "high"; }), /unknown field "urgency"/],
    ["an unknown field in child", withChange((input) => { input.child.name = "A"; }), /child: unknown field "name"/],
    ["an unknown sign id", withChange((input) => { input.signs = ["sexual.sti", "sexual.nope"]; }), /signs\[1\]: unknown sign id "sexual.nope"/],
    ["an unknown question id", withChange((input) => { input.answers.danger = "yes"; }), /answers: unknown question id "danger"/],
    ["an unknown area", withChange((input) => { input.area = "atlantis"; }), /area: unknown area "atlantis"/],
    ["an answer that is not yes/no/unsure", withChange((input) => { input.answers.exchange = "maybe"; }), /answers\.exchange: expected "yes", "no" or "unsure"/],
    ["age missing", withChange((input) => { delete input.child.age; }), /child\.age: expected the child's age/],
    ["age above 25", withChange((input) => { input.child.age = 26; }), /child\.age: age must be 0 to 25/],
    ["age below 0", withChange((input) => { input.child.age = -1; }), /child\.age: age must be 0 to 25/],
    ["age not whole", withChange((input) => { input.child.age = 13.5; }), /child\.age: expected the child's age in whole years/],
    ["a bad `at`", withChange((input) => { input.at = "next Tuesday"; }), /at: expected an ISO date-time/],
    ["an `at` with no time zone", withChange((input) => { input.at = "2026-11-24T10:00:00"; }), /at: expected an ISO date-time/],
    ["child missing", withChange((input) => { delete input.child; }), /^assess: child:/],
  ])("refuses %s, naming it", (_name, stdin, message) => {
    const result = run(["-"], stdin);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("reports a missing file and a missing argument as usage errors", () => {
    expect(run(["no-such-file.json"])).toMatchObject({ code: EXIT.usage, stderr: expect.stringMatching(/cannot read no-such-file\.json: ENOENT/) });
    expect(run([])).toMatchObject({ code: EXIT.usage, stderr: expect.stringMatching(/^usage:/) });
  });
});

describe("assess CLI (the real npm script)", () => {
  it("prints exactly one JSON object for the DOMAIN.md example", () => {
    const stdout = execFileSync("npm", ["run", "--silent", "assess", "--", EXAMPLE], { cwd: ROOT, encoding: "utf8" });
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ category: 2, unconfirmed: true, localLabel: "Category 2", flags: ["missing"], domains: ["absent", "receipt"] });
    expect(output.pathway[1].contacts[0]).toMatchObject({ name: "Single Point of Access", phone: "020 8547 5008", email: "SPA@kingston.gov.uk", hours: "08:00-18:00 Mon-Fri", openNow: true });
  });

  it("reads standard input with -, and exits non-zero naming the field", () => {
    const result = spawnSync("npm", ["run", "--silent", "assess", "--", "-"], { cwd: ROOT, encoding: "utf8", input: withChange((input) => { input.answers.exchange = "perhaps"; }) });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('answers.exchange: expected "yes", "no" or "unsure"');
  });
});
