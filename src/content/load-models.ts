// Loads the trained models (content/urgency-model.json by `npm run train-urgency`,
// content/topic-model.json by `npm run train-topics`), checked at start-up like every content file:
// a mistake names the field.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { describeIssues } from "../domain/assessment-input.ts";
import { TopicModel } from "../services/topic-model.ts";
import { UrgencyModel } from "../services/urgency-model.ts";
import { ContentError } from "./load-areas.ts";

export const DEFAULT_URGENCY_MODEL_FILE = fileURLToPath(new URL("../../content/urgency-model.json", import.meta.url));
export const DEFAULT_TOPIC_MODEL_FILE = fileURLToPath(new URL("../../content/topic-model.json", import.meta.url));

function parseModel<T>(fileName: string, text: string, schema: z.ZodType<T>, script: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ContentError([`${fileName}: not valid JSON (${error instanceof Error ? error.message : String(error)}); run \`npm run ${script}\` to write it again`]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ContentError(describeIssues(parsed.error).map((line) => `${fileName}: ${line}`));
  return parsed.data;
}

export const parseUrgencyModel = (fileName: string, text: string): UrgencyModel => parseModel(fileName, text, UrgencyModel, "train-urgency");

/** The topic model, whose every class must be a guidance entry (`guidanceIds`). */
export function parseTopicModel(fileName: string, text: string, guidanceIds: ReadonlySet<string>): TopicModel {
  const model = parseModel(fileName, text, TopicModel, "train-topics");
  const unknown = model.classes.filter((id) => !guidanceIds.has(id));
  if (unknown.length > 0) throw new ContentError([`${fileName}: classes: no guidance entry ${unknown.map((id) => `"${id}"`).join(", ")}; run \`npm run train-topics\` after changing the guidance`]);
  return model;
}

export function loadUrgencyModel(file: string = DEFAULT_URGENCY_MODEL_FILE): UrgencyModel {
  return parseUrgencyModel(basename(file), readFileSync(file, "utf8"));
}

export function loadTopicModel(guidanceIds: ReadonlySet<string>, file: string = DEFAULT_TOPIC_MODEL_FILE): TopicModel {
  return parseTopicModel(basename(file), readFileSync(file, "utf8"), guidanceIds);
}
