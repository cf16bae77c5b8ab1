// Loads content/urgency-model.json (src/services/urgency-model.ts): written by `npm run
// train-urgency`, checked at start-up like every content file, a mistake naming the field.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { describeIssues } from "../domain/assessment-input.ts";
import { UrgencyModel } from "../services/urgency-model.ts";
import { ContentError } from "./load-areas.ts";

export const DEFAULT_URGENCY_MODEL_FILE = fileURLToPath(new URL("../../content/urgency-model.json", import.meta.url));

export function parseUrgencyModel(fileName: string, text: string): UrgencyModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ContentError([`${fileName}: not valid JSON (${error instanceof Error ? error.message : String(error)}); run \`npm run train-urgency\` to write it again`]);
  }
  const parsed = UrgencyModel.safeParse(data);
  if (!parsed.success) throw new ContentError(describeIssues(parsed.error).map((line) => `${fileName}: ${line}`));
  return parsed.data;
}

export function loadUrgencyModel(file: string = DEFAULT_URGENCY_MODEL_FILE): UrgencyModel {
  return parseUrgencyModel(basename(file), readFileSync(file, "utf8"));
}
