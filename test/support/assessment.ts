// Builders for assessment inputs in tests: a 14-year-old in Kingston, nothing ticked, on a
// Tuesday morning in November, unless a test says otherwise.
import { assess, type Assessment, type AssessmentRequest } from "../../src/domain/assess.ts";
import type { Answers, ChildContext } from "../../src/domain/assessment-input.ts";
import type { SignId } from "../../src/domain/catalogue.ts";
import { loadAreas } from "../../src/content/load-areas.ts";

export const AREAS = loadAreas();

export function area(id: string) {
  const found = AREAS.get(id);
  if (found === undefined) throw new Error(`test area ${id} is not in content/areas`);
  return found;
}

/** Tuesday 24 November 2026, 10:00 in London (GMT). */
export const TUESDAY_MORNING = new Date("2026-11-24T10:00:00Z");

export type Case = {
  readonly area?: string;
  readonly at?: Date;
  readonly child?: Partial<ChildContext>;
  readonly signs?: readonly SignId[];
  readonly answers?: Answers;
};

export function request(given: Case = {}): AssessmentRequest {
  return {
    area: given.area ?? "kingston",
    at: given.at ?? TUESDAY_MORNING,
    child: { age: 14, lookedAfter: false, placedOutOfArea: false, ...given.child },
    signs: [...(given.signs ?? [])],
    answers: { ...given.answers },
  };
}

export function assessCase(given: Case = {}): Assessment {
  const input = request(given);
  return assess(input, area(input.area));
}

export function steps(result: Assessment): string[] {
  return result.pathway.map((step) => `${step.service}/${step.urgency}`);
}
