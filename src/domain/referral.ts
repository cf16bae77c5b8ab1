// The referral a practitioner sends to the area's front door (DOMAIN.md §8): what they type,
// checked against the field table (referral-fields.ts), and what the guided check carries over.
// validateReferral reports every problem at once, each against its field, so the card can show
// it next to the field with everything typed kept; it never throws on what it is given.
import { z } from "zod";
import type { Assessment } from "./assess.ts";
import { ChildContext, type Answers } from "./assessment-input.ts";
import { ANSWERS, QUESTION_IDS, SIGN_IDS, type SignId } from "./catalogue.ts";
import { CATEGORIES, FLAGS } from "./category.ts";
import { ageOn, isRealIsoDate } from "./referral-age.ts";
import { REFERRAL_GROUPS, fieldsOf, isRequiredNow, maxEntriesOf, type GroupId, type GroupValues, type ListGroupId } from "./referral-fields.ts";
import { valueSchemaOf } from "./referral-values.ts";

/**
 * What the guided check carries over, so nothing is typed twice: the check's assessment input
 * (`assessmentInputOf` in services/check-flow.ts) and its result's category, flags and unconfirmed.
 */
export const FromCheck = z.strictObject({
  area: z.string({ error: "expected the check's area id" }).max(50).regex(/^[a-z][a-z0-9-]*$/, { error: "expected the check's area id" }),
  child: ChildContext,
  signs: z
    .array(z.enum(SIGN_IDS, { error: "unknown sign id" }), { error: "expected a list of sign ids" })
    .max(SIGN_IDS.length)
    .refine((signs) => new Set(signs).size === signs.length, { error: "each sign once" })
    .readonly(),
  answers: z.partialRecord(z.enum(QUESTION_IDS, { error: "unknown question id" }), z.enum(ANSWERS, { error: 'expected "yes", "no" or "unsure"' })),
  category: z.literal(CATEGORIES, { error: 'expected a category: "none", 0 to 3, or "not-applicable"' }),
  flags: z.array(z.enum(FLAGS, { error: "unknown flag" }), { error: "expected a list of flags" }).max(FLAGS.length).readonly(),
  unconfirmed: z.boolean({ error: "expected true or false" }),
});
export type FromCheck = z.infer<typeof FromCheck>;

export function fromCheckOf(
  input: { readonly area: string; readonly child: ChildContext; readonly signs: readonly SignId[]; readonly answers: Answers },
  result: Pick<Assessment, "category" | "flags" | "unconfirmed">,
): FromCheck {
  return { area: input.area, child: input.child, signs: input.signs, answers: input.answers, category: result.category, flags: result.flags, unconfirmed: result.unconfirmed };
}

/** One group's fields as a zod schema built from the table; `required`, `or` and `when` checked too. */
function groupSchema<G extends GroupId>(group: G): z.ZodType<GroupValues<G>> {
  const fields = fieldsOf(group);
  const shape = Object.fromEntries(fields.map((field) => [field.key, valueSchemaOf(field)]));
  const schema = z.strictObject(shape).superRefine((values, ctx) => {
    for (const field of fields) {
      if (values[field.key] === undefined && isRequiredNow(field, (key) => values[key])) {
        ctx.addIssue({ code: "custom", path: [field.key], message: field.missing ?? "Required." });
      }
    }
  });
  // The table is the one source of both the schema and GroupValues; this joins the two.
  return schema as unknown as z.ZodType<GroupValues<G>>;
}

/** A valid referral, as stored. Dates in the future are refused by validateReferral, which knows today. */
export const Referral = z.strictObject({
  referrer: groupSchema("referrer"),
  child: groupSchema("child"),
  concern: groupSchema("concern"),
  personsOfInterest: z.array(groupSchema("personsOfInterest")).max(maxEntriesOf("personsOfInterest")),
  locationsOfInterest: z.array(groupSchema("locationsOfInterest")).max(maxEntriesOf("locationsOfInterest")),
  mase: groupSchema("mase"),
  // Added 2026-12-07: a referral stored before then has none of these, and opens with them empty.
  maseOtherRisks: groupSchema("maseOtherRisks").default({}),
  household: groupSchema("household").default({}),
  parentsAndCarers: z.array(groupSchema("parentsAndCarers")).max(maxEntriesOf("parentsAndCarers")).default([]),
  householdChildren: z.array(groupSchema("householdChildren")).max(maxEntriesOf("householdChildren")).default([]),
  parentalResponsibility: groupSchema("parentalResponsibility"),
  fromCheck: FromCheck,
});
export type Referral = z.infer<typeof Referral>;

/** `field` is a path such as "child.dateOfBirth" or "personsOfInterest.3.name" (entries count from 0); "" is the referral as a whole. */
export type ReferralIssue = { readonly field: string; readonly message: string };
export type ReferralValidation = { readonly ok: true; readonly referral: Referral } | { readonly ok: false; readonly issues: readonly ReferralIssue[] };

const TOP_LEVEL = new Set<string>([...REFERRAL_GROUPS.map((group) => group.id), "fromCheck"]);
const LIST_NOUN: Record<ListGroupId, string> = { personsOfInterest: "people", locationsOfInterest: "places", parentsAndCarers: "parents or carers", householdChildren: "children" };
const MAX_AGE = 25; // DOMAIN.md §8: age 0-25, as the check takes it

type Values = Record<string, unknown>;
/** Checks on a group that need more than one field, or today. */
type GroupRule = (valueOf: (key: string) => unknown, today: string) => { key: string; message: string } | undefined;

/** Both given and different: one is a typo (for the child, the check's rules depend on the age). */
const ageMatchesDateOfBirth =
  (who: string): GroupRule =>
  (valueOf, today) => {
    const [dateOfBirth, age] = [valueOf("dateOfBirth"), valueOf("age")];
    if (typeof dateOfBirth !== "string" || typeof age !== "number" || dateOfBirth > today || ageOn(dateOfBirth, today) === age) return undefined;
    return { key: "age", message: `The age does not match the date of birth, which makes ${who} ${ageOn(dateOfBirth, today)}. Correct one of them, or leave the age empty.` };
  };

const GROUP_RULES: ReadonlyMap<GroupId, readonly GroupRule[]> = new Map([
  [
    "child",
    [
      (valueOf, today) => {
        const dateOfBirth = valueOf("dateOfBirth");
        if (typeof dateOfBirth !== "string" || dateOfBirth > today || ageOn(dateOfBirth, today) <= MAX_AGE) return undefined;
        return { key: "dateOfBirth", message: `That date of birth makes them ${ageOn(dateOfBirth, today)}; a referral here is for children and young people up to ${MAX_AGE}. Check the year.` };
      },
      ageMatchesDateOfBirth("the child"),
    ],
  ],
  ["householdChildren", [ageMatchesDateOfBirth("them")]],
]);

const own = (source: Values, key: string): unknown => (Object.hasOwn(source, key) ? source[key] : undefined);
const isRecord = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);
const at = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);

/** The fields of an object, or none; a non-object and unknown fields are reported at `path`. */
function fieldsAt(raw: unknown, path: string, known: ReadonlySet<string>, issues: ReferralIssue[]): Values {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    issues.push({ field: path, message: "expected a set of fields" });
    return {};
  }
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) issues.push({ field: path, message: unknownFields(unknown) });
  return raw;
}

// A name is repeated only when it is a plain identifier: a message may be shown on a card, where
// Markdown in a key could make a link (as in services/check-flow.ts, never echo what was sent).
const PLAIN_NAME = /^[A-Za-z_$][\w$]{0,39}$/;

function unknownFields(keys: readonly string[]): string {
  const named = keys.filter((key) => PLAIN_NAME.test(key)).slice(0, 3).map((key) => JSON.stringify(key));
  const rest = keys.length - named.length;
  if (named.length === 0) return rest === 1 ? "an unknown field" : `${rest} unknown fields`;
  return `unknown field${keys.length > 1 ? "s" : ""} ${named.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

function readGroup(group: GroupId, raw: unknown, path: string, today: string, issues: ReferralIssue[]): Values {
  const fields = fieldsOf(group);
  const source = fieldsAt(raw, path, new Set(fields.map((field) => field.key)), issues);
  const values: Values = {};
  const problems = new Map<string, string>();
  for (const field of fields) {
    const result = valueSchemaOf(field).safeParse(own(source, field.key));
    if (!result.success) problems.set(field.key, result.error.issues[0]?.message ?? "Check this field.");
    else if (result.data !== undefined) values[field.key] = result.data;
    // DOMAIN.md §8: dates are real dates, not in the future (ISO dates compare as text).
    if (field.kind === "date" && typeof values[field.key] === "string" && (values[field.key] as string) > today) {
      problems.set(field.key, "This date is in the future: check the day, month and year.");
    }
  }
  const valueOf = (key: string) => values[key];
  for (const rule of GROUP_RULES.get(group) ?? []) {
    const problem = rule(valueOf, today);
    if (problem !== undefined && !problems.has(problem.key)) problems.set(problem.key, problem.message);
  }
  // A field already reported (typed but wrong, or the first of an "or" pair left empty) counts as
  // given, so "date of birth or age" left empty is one message, next to the date of birth.
  const given = (key: string) => values[key] ?? (problems.has(key) ? "" : undefined);
  for (const field of fields) {
    if (!problems.has(field.key) && values[field.key] === undefined && isRequiredNow(field, given)) problems.set(field.key, field.missing ?? "Required.");
  }
  for (const field of fields) {
    const message = problems.get(field.key);
    if (message !== undefined) issues.push({ field: at(path, field.key), message });
  }
  return values;
}

function readList(group: ListGroupId, raw: unknown, today: string, issues: ReferralIssue[]): Values[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push({ field: group, message: "expected a list" });
    return [];
  }
  const max = maxEntriesOf(group);
  if (raw.length > max) issues.push({ field: group, message: `You can add up to ${max} ${LIST_NOUN[group]} (there are ${raw.length}). Remove some, or describe the rest together in one entry.` });
  // Only the entries that could be kept are checked, so a list of thousands gives one message.
  // Array.from, unlike map, visits the holes of a sparse list, so a hole is an empty entry.
  return Array.from(raw.slice(0, max), (entry, index) => readGroup(group, entry, at(group, index), today, issues));
}

function readFromCheck(raw: unknown, issues: ReferralIssue[]): FromCheck | undefined {
  if (raw === undefined) {
    issues.push({ field: "fromCheck", message: "A referral starts from a finished check, and the check's answers are missing." });
    return undefined;
  }
  const result = FromCheck.safeParse(raw);
  if (result.success) return result.data;
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = ["fromCheck", ...issue.path.map(String)].join(".");
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.code === "unrecognized_keys" ? unknownFields(issue.keys) : issue.message;
    issues.push({ field: field.slice(0, 200), message: message.slice(0, 300) });
  }
  return undefined;
}

/**
 * Checks a referral as the card sent it. `today` is the date in Europe/London (YYYY-MM-DD), given
 * by the caller since the domain has no clock. Returns the referral with text trimmed and empty
 * fields left out, or every problem found.
 */
export function validateReferral(input: unknown, today: string): ReferralValidation {
  if (!isRealIsoDate(today)) throw new RangeError(`validateReferral: today must be a date such as "2026-11-24", got ${JSON.stringify(today)}`);
  const issues: ReferralIssue[] = [];
  const root = fieldsAt(input, "", TOP_LEVEL, issues);
  const referral = {
    referrer: readGroup("referrer", own(root, "referrer"), "referrer", today, issues),
    child: readGroup("child", own(root, "child"), "child", today, issues),
    concern: readGroup("concern", own(root, "concern"), "concern", today, issues),
    personsOfInterest: readList("personsOfInterest", own(root, "personsOfInterest"), today, issues),
    locationsOfInterest: readList("locationsOfInterest", own(root, "locationsOfInterest"), today, issues),
    mase: readGroup("mase", own(root, "mase"), "mase", today, issues),
    maseOtherRisks: readGroup("maseOtherRisks", own(root, "maseOtherRisks"), "maseOtherRisks", today, issues),
    household: readGroup("household", own(root, "household"), "household", today, issues),
    parentsAndCarers: readList("parentsAndCarers", own(root, "parentsAndCarers"), today, issues),
    householdChildren: readList("householdChildren", own(root, "householdChildren"), today, issues),
    parentalResponsibility: readGroup("parentalResponsibility", own(root, "parentalResponsibility"), "parentalResponsibility", today, issues),
    fromCheck: readFromCheck(own(root, "fromCheck"), issues),
  };
  // The values were each checked by the table's schemas above, the same ones Referral is built from.
  return issues.length === 0 ? { ok: true, referral: referral as Referral } : { ok: false, issues };
}

