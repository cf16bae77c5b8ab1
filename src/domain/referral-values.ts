// How each kind of referral field is read and checked (DOMAIN.md §8 "Validation"), one zod
// schema per field of the table in referral-fields.ts. Messages say what to type, in words a
// practitioner can act on, and never echo what was typed.
import { z } from "zod";
import { isRealIsoDate, readDayFirstDate } from "./referral-age.ts";
import { REFERRAL_FIELDS, YES_NO, fieldId, type FieldKind, type FieldSpec } from "./referral-fields.ts";

/**
 * A UK phone number as people write it, spaces allowed: 11 digits starting 0 ("020 7946 0123",
 * "07700 900123"), or the +44 form without that 0 ("+44 20 7946 0123", also "+44 (0)20 7946 0123").
 * A regex rather than libphonenumber-js: the front door needs a number it can ring back, not a
 * check against the numbering plan; it is the rule the area files already use (area.ts) plus the
 * +44 form; and it keeps the pure domain free of numbering-plan metadata that needs updating.
 */
const UK_PHONE = /^(?:0\d{10}|\+44(?:\(0\))?[1-9]\d{9})$/;

export function isUkPhone(text: string): boolean {
  return UK_PHONE.test(text.replace(/ /g, ""));
}

const MESSAGES = {
  text: "Enter this as text.",
  email: "Enter an email address, such as name@school.org.uk.",
  phone: "Enter a UK phone number: 11 digits starting 0, such as 020 7946 0123, or +44 20 7946 0123.",
  dateShape: "Enter the date day first, such as 02/03/2011 or 2 March 2011.",
  noSuchDate: "That date does not exist: check the day and the month.",
  yesno: "Choose yes or no.",
  choice: "Choose one of the options.",
} as const;

const counted = new Intl.NumberFormat("en-GB");
const lengthOf = (input: unknown) => (typeof input === "string" ? input.length : 0);

function text(field: FieldSpec, typeMessage: string = MESSAGES.text) {
  return z
    .string({ error: typeMessage })
    .trim()
    .max(field.maxLength, {
      error: (issue) => `Keep this to ${counted.format(field.maxLength)} characters or fewer (it has ${counted.format(lengthOf(issue.input))}).`,
    });
}

function wholeNumber(field: FieldSpec) {
  const min = field.min ?? 0;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  const message = `Enter a whole number from ${min} to ${max}.`;
  // An Input.Number arrives as a number from some clients and as its digits from others.
  const digitsToNumber = (raw: unknown) => (typeof raw === "string" && /^\s*\d{1,15}\s*$/.test(raw) ? Number(raw) : raw);
  return z.preprocess(digitsToNumber, z.int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}

function choiceOf(field: FieldSpec) {
  const values = (field.choices ?? []).map((choice) => choice.value);
  const [first, ...rest] = values;
  if (first === undefined) throw new Error(`referral field ${fieldId(field)}: a choice needs choices`);
  return z.enum([first, ...rest], { error: MESSAGES.choice });
}

const BY_KIND: Record<FieldKind, (field: FieldSpec) => z.ZodType> = {
  text: (field) => (field.pattern === undefined ? text(field) : text(field).regex(field.pattern, { error: field.patternMessage ?? MESSAGES.text })),
  multiline: (field) => text(field),
  email: (field) => text(field, MESSAGES.email).pipe(z.email({ error: MESSAGES.email })),
  phone: (field) => text(field, MESSAGES.phone).refine(isUkPhone, { error: MESSAGES.phone }),
  // Issue 21, point 4: typed day first and kept as YYYY-MM-DD; a shape that is a date but not a real one says so.
  date: () =>
    z
      .string({ error: MESSAGES.dateShape })
      .trim()
      .transform((typed, context) => {
        const read = readDayFirstDate(typed);
        if (read !== undefined) return read;
        context.addIssue({ code: "custom", message: /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(typed) ? MESSAGES.noSuchDate : MESSAGES.dateShape });
        return z.NEVER;
      }),
  yesno: () => z.enum(YES_NO, { error: MESSAGES.yesno }),
  choice: choiceOf,
  number: wholeNumber,
};

// Teams sends "" for a box that was emptied, or leaves it out: either way, no answer.
const blankToUndefined = (raw: unknown) => (typeof raw === "string" && raw.trim() === "" ? undefined : raw);

const SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(
  REFERRAL_FIELDS.map((field) => [fieldId(field), z.preprocess(blankToUndefined, BY_KIND[field.kind](field).optional())]),
);

/** The schema for one field's value: undefined when nothing was typed, else the checked value. */
export function valueSchemaOf(field: FieldSpec): z.ZodType {
  const schema = SCHEMAS.get(fieldId(field));
  if (schema === undefined) throw new Error(`no referral field ${fieldId(field)}`);
  return schema;
}
