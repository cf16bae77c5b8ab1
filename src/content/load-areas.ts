// Loads content/areas/*.json and validates each with the Area schema. Fails fast, naming the
// file and the field, so a deployer's typo stops start-up instead of misdirecting a referral.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Area } from "../domain/area.ts";
import { describeIssues } from "../domain/assessment-input.ts";

export const DEFAULT_AREAS_DIR = fileURLToPath(new URL("../../content/areas/", import.meta.url));

export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Content is invalid:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export type Areas = ReadonlyMap<string, Area>;

export function parseAreaFile(fileName: string, text: string): { ok: true; area: Area } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${fileName}: not valid JSON (${(error as Error).message})`] };
  }
  const result = Area.safeParse(json);
  if (!result.success) return { ok: false, problems: describeIssues(result.error).map((line) => `${fileName}: ${line}`) };
  const expectedId = basename(fileName, ".json");
  if (result.data.id !== expectedId) {
    return { ok: false, problems: [`${fileName}: id: "${result.data.id}" does not match the file name (expected "${expectedId}")`] };
  }
  return { ok: true, area: result.data };
}

export function loadAreas(dir: string = DEFAULT_AREAS_DIR): Areas {
  const files = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  const areas = new Map<string, Area>();
  const problems: string[] = [];
  const fileWithCode = new Map<string, string>();
  for (const file of files) {
    const parsed = parseAreaFile(file, readFileSync(join(dir, file), "utf8"));
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    areas.set(parsed.area.id, parsed.area);
    // DOMAIN.md §8: references are unique per area, so no two areas may share the code that starts them.
    const { referenceCode } = parsed.area;
    const first = fileWithCode.get(referenceCode);
    if (first === undefined) fileWithCode.set(referenceCode, file);
    else problems.push(`${file}: referenceCode: "${referenceCode}" is already used by ${first}; give each area its own three letters`);
  }
  // DOMAIN.md §6: `other` is always offered, for practitioners outside the configured areas.
  if (problems.length === 0 && !areas.has("other")) problems.push(`${dir}: no other.json (the area "other" is required)`);
  if (problems.length > 0) throw new ContentError(problems);
  return areas;
}
