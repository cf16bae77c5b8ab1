// The input of an assessment (DOMAIN.md §3, §7). Parsed at every edge (CLI, bot, tab):
// unknown fields and ids are refused with a message naming them.
import { z } from "zod";
import { ANSWERS, QUESTION_IDS, SIGN_IDS, type Answer, type QuestionId } from "./catalogue.ts";

const answer = z.enum(ANSWERS, { error: 'expected "yes", "no" or "unsure"' });

export const ChildContext = z.strictObject({
  age: z.int({ error: "expected the child's age in whole years" }).min(0, { error: "age must be 0 to 25" }).max(25, { error: "age must be 0 to 25" }),
  lookedAfter: z.boolean({ error: "expected true or false" }).default(false),
  /** Only meaningful when looked after (DOMAIN.md §3). */
  placedOutOfArea: z.boolean({ error: "expected true or false" }).default(false),
  missingEpisodes90d: z.int({ error: "expected a whole number of missing episodes" }).min(0, { error: "cannot be negative" }).max(999).optional(),
});
export type ChildContext = z.infer<typeof ChildContext>;

export const Answers = z.partialRecord(z.enum(QUESTION_IDS, { error: (issue) => `unknown question id ${JSON.stringify(issue.input)}` }), answer);
export type Answers = Partial<Record<QuestionId, Answer>>;

export const AssessmentInput = z.strictObject({
  area: z.string({ error: "expected an area id such as \"kingston\"" }).min(1),
  /** The moment that decides which lines are open; the edge fills in "now" when absent. */
  at: z.iso
    .datetime({ offset: true, error: 'expected an ISO date-time such as "2026-11-24T10:00:00Z"' })
    .transform((text) => new Date(text))
    .optional(),
  child: ChildContext,
  signs: z
    .array(z.enum(SIGN_IDS, { error: (issue) => `unknown sign id ${JSON.stringify(issue.input)}` }))
    .default([])
    .transform((signs) => [...new Set(signs)]),
  answers: Answers.default({}),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

/** Turns zod issues into lines naming the field, e.g. `answers.exchange: expected "yes", "no" or "unsure"`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
      .join("");
    if (issue.code === "unrecognized_keys") {
      const noun = path === "answers" ? "question id" : "field";
      const where = path === "" ? "" : `${path}: `;
      return `${where}unknown ${noun}${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
    }
    return `${path === "" ? "input" : path}: ${issue.message}`;
  });
}
