// DESIGN.md "Questions": the bot answers from content/guidance, so every entry is checked at load
// and a bad one stops start-up, naming the file and the field.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/load-areas.ts";
import { DEFAULT_GUIDANCE_DIR, GUIDANCE_TOPICS, loadGuidance, MAX_BODY_CHARACTERS } from "../../src/content/load-guidance.ts";
import { problemsOf } from "../support/problems-of.ts";

/** A guidance file as a deployer writes it; each line of front matter can be replaced or dropped. */
function entry(id: string, lines: Record<string, string | null> = {}, body = "Plain words about the topic."): string {
  const fields: Record<string, string | null> = {
    id,
    title: `"A title for ${id}"`,
    topic: "concept",
    keywords: `[${id}, another keyword]`,
    source: '"LB Sutton, CSE Practice Toolkit practice directive (Feb 2018)"',
    related: "[]",
    ...lines,
  };
  const yaml = Object.entries(fields).flatMap(([key, value]) => (value === null ? [] : [`${key}: ${value}`]));
  return `---\n${yaml.join("\n")}\n---\n${body}\n`;
}

/** A temp folder holding a good entry, "sexting", and the files given. */
function guidanceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "guidance-"));
  writeFileSync(join(dir, "sexting.md"), entry("sexting"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("the shipped guidance", () => {
  const guidance = loadGuidance();

  it("loads every file in content/guidance", () => {
    const files = readdirSync(DEFAULT_GUIDANCE_DIR).filter((name) => name.endsWith(".md"));
    expect(guidance.map((item) => `${item.id}.md`).sort()).toEqual(files.sort());
  });

  it("has a body of Markdown under the length limit in every entry", () => {
    for (const item of guidance) {
      expect(item.body.length, item.id).toBeGreaterThan(0);
      expect(item.body.length, item.id).toBeLessThan(MAX_BODY_CHARACTERS);
    }
  });

  it("links only to entries that exist", () => {
    const ids = new Set(guidance.map((item) => item.id));
    expect(guidance.flatMap((item) => item.related.filter((id) => !ids.has(id)))).toEqual([]);
  });

  it("keeps the front matter out of the body", () => {
    expect(guidance.filter((item) => item.body.startsWith("---") || item.body.includes("\nrelated:"))).toEqual([]);
  });
});

describe("a good file", () => {
  it("gives its fields and the body, trimmed", () => {
    const dir = guidanceWith({ "grooming.md": entry("grooming", { topic: "sign", related: "[sexting]" }, "\nFirst line.\n\n- a point\n") });
    expect(loadGuidance(dir).find((item) => item.id === "grooming")).toEqual({
      id: "grooming",
      title: "A title for grooming",
      topic: "sign",
      keywords: ["grooming", "another keyword"],
      source: "LB Sutton, CSE Practice Toolkit practice directive (Feb 2018)",
      related: ["sexting"],
      body: "First line.\n\n- a point",
    });
  });

  it("may use Windows line endings", () => {
    const dir = guidanceWith({ "grooming.md": entry("grooming").replace(/\n/g, "\r\n") });
    expect(loadGuidance(dir).map((item) => item.id)).toEqual(["grooming", "sexting"]);
  });

  it.each(GUIDANCE_TOPICS)("may have the topic %s", (topic) => {
    expect(loadGuidance(guidanceWith({ "grooming.md": entry("grooming", { topic }) }))).toHaveLength(2);
  });
});

describe("a hostile file stops loading, naming the file and the field", () => {
  it.each<[string, string, RegExp]>([
    ["YAML that does not parse", entry("grooming", { title: '"an unclosed quote' }), /^grooming\.md: front matter: not valid YAML at line 3 \(Missing closing "quote\)$/],
    ["YAML with a tab for indentation", "---\nid: grooming\n\ttitle: x\n---\nBody.\n", /^grooming\.md: front matter: not valid YAML at line 3 \(Tabs are not allowed as indentation\)$/],
    ["no front matter", "Just some Markdown.\n", /^grooming\.md: front matter: expected the file to start with a "---" line/],
    ["front matter that is a list, not fields", "---\n- id\n- title\n---\nBody.\n", /^grooming\.md: front matter: expected fields/],
    ["a missing field", entry("grooming", { source: null }), /^grooming\.md: source: missing$/],
    ["an empty title", entry("grooming", { title: '""' }), /^grooming\.md: title: must not be empty$/],
    ["an unknown topic", entry("grooming", { topic: "rumour" }), /^grooming\.md: topic: expected one of sign, category, service, process, concept; got "rumour"$/],
    ["keywords that are not a list", entry("grooming", { keywords: "grooming" }), /^grooming\.md: keywords: expected a list/],
    ["a number as a keyword", entry("grooming", { keywords: "[grooming, 999]" }), /^grooming\.md: keywords\[1\]: expected text \(quote numbers/],
    ["no keywords", entry("grooming", { keywords: "[]" }), /^grooming\.md: keywords: list at least one keyword$/],
    ["an unknown field", entry("grooming", { author: "someone" }), /^grooming\.md: unknown field "author"$/],
    ["a related id that does not exist", entry("grooming", { related: "[sexting, no-such-entry]" }), /^grooming\.md: related\[1\]: no guidance entry "no-such-entry"/],
    ["a link to itself", entry("grooming", { related: "[grooming]" }), /^grooming\.md: related: an entry cannot be related to itself$/],
    ["an id that does not match the file name", entry("grooming-online"), /^grooming\.md: id: "grooming-online" does not match the file name \(expected "grooming"\)$/],
    ["an id that is not kebab-case", entry("Grooming"), /^grooming\.md: id: expected a kebab-case id/],
    ["an empty body", entry("grooming", {}, "   "), /^grooming\.md: body: the Markdown after the front matter must not be empty$/],
    ["a body too long for a chat answer", entry("grooming", {}, "x".repeat(MAX_BODY_CHARACTERS)), /^grooming\.md: body: must be under 1500 characters$/],
  ])("%s", (_name, content, message) => {
    const problems = problemsOf(() => loadGuidance(guidanceWith({ "grooming.md": content })), ContentError);
    expect(problems.some((problem) => message.test(problem)), problems.join("\n")).toBe(true);
  });

  it("lists every problem in every file at once", () => {
    const dir = guidanceWith({
      "grooming.md": entry("groomin", { topic: "rumour", source: null }),
      "mase.md": entry("mase", { related: "[mash]" }),
    });
    expect(problemsOf(() => loadGuidance(dir), ContentError)).toEqual([
      'grooming.md: topic: expected one of sign, category, service, process, concept; got "rumour"',
      "grooming.md: source: missing",
      'grooming.md: id: "groomin" does not match the file name (expected "grooming")',
      `mase.md: related[0]: no guidance entry "mash" (expected the name of a file in ${dir})`,
    ]);
  });

  it("does not call a link to a broken file a missing entry", () => {
    const dir = guidanceWith({ "grooming.md": entry("grooming", { topic: "rumour" }), "mase.md": entry("mase", { related: "[grooming]" }) });
    expect(problemsOf(() => loadGuidance(dir), ContentError)).toEqual(['grooming.md: topic: expected one of sign, category, service, process, concept; got "rumour"']);
  });

  it("refuses a folder with no entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "guidance-"));
    expect(problemsOf(() => loadGuidance(dir), ContentError)).toEqual([`${dir}: no guidance entries (*.md files)`]);
  });
});
