// `npm run words` writes every sentence the product can show into one document for review. Its
// content changes with every wording, so this is not a snapshot: it runs the command as CI would,
// and checks the document has each place a user meets words, with a text from each source.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_MESSAGES } from "../../src/words/api-messages.ts";
import { TAB_WORDS } from "../../src/words/tab-words.ts";
import { PDF_WORDS } from "../../src/words/pdf-words.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "words-"));
const target = join(dir, "words.md");
let document = "";

beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "--silent", "words", "--", target], { cwd: ROOT, timeout: 60_000 });
  document = readFileSync(target, "utf8");
}, 70_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows of the section under `heading` (### level). */
function rowsUnder(heading: string): string[] {
  const start = document.indexOf(`### ${heading}\n`);
  if (start < 0) return [];
  const end = document.indexOf("\n#", start + 4);
  return document.slice(start, end < 0 ? undefined : end).split("\n").filter((line) => line.startsWith("| `"));
}

describe("npm run words", () => {
  it("groups the texts by where a user meets them", () => {
    for (const place of ["The guided check", "The check's result", "Referrals", "Triage", "The tab", "Exports", "Privacy and terms pages", "Chat cards: the templates", "Guidance", "Areas and their contacts"]) {
      expect(document).toMatch(new RegExp(`^## ${place.replace(/[()?]/g, "\\$&")}`, "m"));
    }
  });

  it("holds the catalogue, each text with its id", () => {
    expect(document).toContain(`| \`API_MESSAGES.noUnfinishedDraft\` | ${API_MESSAGES.noUnfinishedDraft} |`);
    expect(document).toContain(`| \`TAB_WORDS.check.aboutChild\` | ${TAB_WORDS.check.aboutChild} |`);
    expect(document).toContain(`| \`PDF_WORDS.noHistory\` | ${PDF_WORDS.noHistory} |`);
    // A template's blanks are named: the reader sees where the area goes.
    expect(document).toContain("| `TAB_WORDS.board.intro` | Referrals to {areaNames}, the soonest deadline first. |");
  });

  it("holds the card templates' fixed texts, every guidance entry and the areas' wording", () => {
    expect(rowsUnder("cards/referral-channel.json").length).toBeGreaterThan(5);
    const guidance = loadGuidance();
    for (const entry of guidance) expect(rowsUnder(`content/guidance/${entry.id}.md`).some((row) => row.includes(entry.title))).toBe(true);
    expect(rowsUnder("content/areas/sutton.json").join("\n")).toContain("Listed in 2018 for the MASH manager; hours not given.");
  });

  it("gives every row an id, and no id twice in one file", () => {
    for (const heading of document.match(/^### .+$/gm) ?? []) {
      const ids = rowsUnder(heading.slice(4)).map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
      expect(ids.every((id) => id !== undefined && id !== "")).toBe(true);
      expect(new Set(ids).size, heading).toBe(ids.length);
    }
  });
});
