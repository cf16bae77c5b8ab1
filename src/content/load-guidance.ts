// Loads content/guidance/*.md: what the bot says about signs, terms and procedures. Each file is
// YAML front matter between `---` lines, then a Markdown body. Like the area files, a bad entry
// stops start-up with every problem named by file and field, so nobody ships a broken answer.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, YAMLError } from "yaml";
import { z } from "zod";
import { describeIssues } from "../domain/assessment-input.ts";
import { ContentError } from "./load-areas.ts";

export const DEFAULT_GUIDANCE_DIR = fileURLToPath(new URL("../../content/guidance/", import.meta.url));

export const GUIDANCE_TOPICS = ["sign", "category", "service", "process", "concept"] as const;

// A chat answer should fit on a phone screen with its source line; longer text belongs in a
// linked document, not in the bot.
export const MAX_BODY_CHARACTERS = 1500;

// A field left out arrives as undefined; say "missing" rather than "expected text, got undefined".
const expecting = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? "missing" : what);

const text = z.string({ error: expecting("expected text") }).trim().min(1, { error: "must not be empty" });
// YAML reads `999` or `16` as numbers; say how to keep them as words.
const keyword = z.string({ error: 'expected text (quote numbers, e.g. "999")' }).trim().min(1, { error: "must not be empty" });

export const GuidanceFrontMatter = z.strictObject({
  id: z.string({ error: expecting("expected text") }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected a kebab-case id such as \"county-lines\"" }),
  title: text,
  topic: z.enum(GUIDANCE_TOPICS, {
    error: (issue) =>
      issue.input === undefined ? "missing" : `expected one of ${GUIDANCE_TOPICS.join(", ")}; got ${JSON.stringify(issue.input)}`,
  }),
  keywords: z.array(keyword, { error: expecting("expected a list such as [sexting, nudes]") }).min(1, { error: "list at least one keyword" }),
  /** The seed documents the entry is drawn from, named so the answer can cite them. */
  source: text,
  /** Ids of other entries offered after this one. */
  related: z.array(z.string({ error: "expected an entry id" }), { error: expecting("expected a list of entry ids such as [mash, spa]") }),
});
export type GuidanceFrontMatter = z.infer<typeof GuidanceFrontMatter>;

const Body = z
  .string()
  .trim()
  .min(1, { error: "the Markdown after the front matter must not be empty" })
  .max(MAX_BODY_CHARACTERS - 1, { error: `must be under ${MAX_BODY_CHARACTERS} characters` });

export const GuidanceEntry = GuidanceFrontMatter.extend({ body: Body });
export type GuidanceEntry = z.infer<typeof GuidanceEntry>;

type Parsed = { ok: true; entry: GuidanceEntry } | { ok: false; problems: string[] };

// `---` on the first line, YAML, `---` on a line of its own, then the body.
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

function readYaml(fileName: string, yamlText: string): { ok: true; data: unknown } | { ok: false; problems: string[] } {
  try {
    return { ok: true, data: parseYaml(yamlText) };
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    // The message ends with " at line 2, column 17:" and a code excerpt; name the line of the
    // file instead, counting the opening "---".
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const line = error.linePos?.[0].line;
    const where = line === undefined ? "" : ` at line ${line + 1}`;
    return { ok: false, problems: [`${fileName}: front matter: not valid YAML${where} (${reason})`] };
  }
}

/** One guidance file, checked on its own; `related` ids are checked against the others by `loadGuidance`. */
export function parseGuidanceFile(fileName: string, content: string): Parsed {
  const parts = FRONT_MATTER.exec(content.replace(/^\uFEFF/, ""));
  if (parts === null) {
    return { ok: false, problems: [`${fileName}: front matter: expected the file to start with a "---" line, the YAML fields, then another "---" line`] };
  }
  const yaml = readYaml(fileName, parts[1] ?? "");
  if (!yaml.ok) return yaml;

  if (typeof yaml.data !== "object" || yaml.data === null || Array.isArray(yaml.data)) {
    return { ok: false, problems: [`${fileName}: front matter: expected fields such as "id: county-lines", one a line`] };
  }
  const frontMatter = GuidanceFrontMatter.safeParse(yaml.data);
  const body = Body.safeParse(parts[2] ?? "");
  const problems = [
    ...(frontMatter.success ? [] : describeIssues(frontMatter.error)),
    ...(body.success ? [] : body.error.issues.map((issue) => `body: ${issue.message}`)),
  ];
  // Checked on the raw value so the mismatch is reported alongside any other problem.
  const { id } = yaml.data as { id?: unknown };
  const expectedId = basename(fileName, ".md");
  if (typeof id === "string" && id !== expectedId) {
    problems.push(`id: "${id}" does not match the file name (expected "${expectedId}")`);
  }
  if (frontMatter.success && frontMatter.data.related.includes(frontMatter.data.id)) {
    problems.push("related: an entry cannot be related to itself");
  }
  if (problems.length > 0 || !frontMatter.success || !body.success) {
    return { ok: false, problems: problems.map((problem) => `${fileName}: ${problem}`) };
  }
  return { ok: true, entry: { ...frontMatter.data, body: body.data } };
}

/** Every entry in `dir`, sorted by file name; throws a ContentError listing every problem. */
export function loadGuidance(dir: string = DEFAULT_GUIDANCE_DIR): GuidanceEntry[] {
  const files = readdirSync(dir).filter((name) => name.endsWith(".md")).sort();
  const entries: GuidanceEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseGuidanceFile(file, readFileSync(join(dir, file), "utf8"));
    if (parsed.ok) entries.push(parsed.entry);
    else problems.push(...parsed.problems);
  }
  // A file that failed still owns its id, so its name is not reported again as a missing link.
  const ids = new Set(files.map((file) => basename(file, ".md")));
  for (const entry of entries) {
    entry.related.forEach((id, index) => {
      if (!ids.has(id)) problems.push(`${entry.id}.md: related[${index}]: no guidance entry "${id}" (expected the name of a file in ${dir})`);
    });
  }
  if (problems.length === 0 && entries.length === 0) problems.push(`${dir}: no guidance entries (*.md files)`);
  if (problems.length > 0) throw new ContentError(problems);
  return entries;
}
