// Loads content/danger-words.yaml, the reviewed list that puts danger first (DESIGN.md
// "Questions"). Like the area and guidance files, a mistake stops start-up with the field named.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, YAMLError } from "yaml";
import { DangerWords } from "../domain/danger-words.ts";
import { describeIssues } from "../domain/assessment-input.ts";
import { ContentError } from "./load-areas.ts";

export const DEFAULT_DANGER_WORDS_FILE = fileURLToPath(new URL("../../content/danger-words.yaml", import.meta.url));

/** The file's text, checked: every field, and every entry's guidance among `guidanceIds`. */
export function parseDangerWords(fileName: string, text: string, guidanceIds: ReadonlySet<string>): DangerWords {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    throw new ContentError([`${fileName}: not valid YAML (${(error.message.split("\n")[0] ?? "").trim()})`]);
  }
  const parsed = DangerWords.safeParse(data);
  if (!parsed.success) throw new ContentError(describeIssues(parsed.error).map((line) => `${fileName}: ${line}`));
  const problems: string[] = [];
  const ids = new Set<string>();
  parsed.data.entries.forEach((entry, index) => {
    if (ids.has(entry.id)) problems.push(`${fileName}: entries[${index}].id: "${entry.id}" is used twice`);
    ids.add(entry.id);
    for (const field of ["guidance", "guidanceUnder13"] as const) {
      const id = entry[field];
      if (id !== undefined && !guidanceIds.has(id)) problems.push(`${fileName}: entries[${index}].${field}: no guidance entry "${id}" (expected the name of a file in content/guidance)`);
    }
  });
  if (problems.length > 0) throw new ContentError(problems);
  return parsed.data;
}

export function loadDangerWords(guidanceIds: ReadonlySet<string>, file: string = DEFAULT_DANGER_WORDS_FILE): DangerWords {
  return parseDangerWords(basename(file), readFileSync(file, "utf8"), guidanceIds);
}
