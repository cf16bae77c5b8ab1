// One field of the referral table as a card input (cards/partials/referral-field.json): the input
// for its kind, its limit, what was typed (kept as typed, even when it does not validate), its
// hint, and the problem found with it.
import { readDayFirstDate } from "../domain/referral-age.ts";

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
import { REFERRAL_FIELDS, type FieldSpec } from "../domain/referral-fields.ts";
import { INPUT_WORDS } from "../words/referral-form-words.ts";
import { choicesOf } from "./referral-sections.ts";

/** Which input element of the partial to use. */
type InputKind = "text" | "multiline" | "email" | "phone" | "date" | "number" | "choice";

export type InputData = {
  readonly id: string;
  readonly kind: InputKind;
  readonly label: string;
  readonly hint: string;
  readonly error: string;
  /** As typed, for every kind but "number". */
  readonly value: string;
  /** For "number": the value as a number, or "" for none (an Input.Number cannot hold text). */
  readonly number: number | "";
  readonly maxLength: number;
  readonly min: number;
  readonly max: number;
  readonly placeholder: string;
  readonly choices: readonly { readonly value: string; readonly title: string }[];
};

const TEXT_KIND: Readonly<Record<"text" | "multiline" | "email" | "phone", InputKind>> = { text: "text", multiline: "multiline", email: "email", phone: "phone" };
const WHOLE_NUMBER = /^\s*\d{1,3}\s*$/;

/** The other field of the same group, by key. */
function sibling(field: FieldSpec, key: string): FieldSpec | undefined {
  return (REFERRAL_FIELDS as readonly FieldSpec[]).find((other) => other.group === field.group && other.key === key);
}

/**
 * The line under a field. An "or" pair says once, under its first field, that one of the two is
 * enough (the table's `missing` words); a field asked only after a certain answer says which.
 */
function hintOf(field: FieldSpec, error: string): string {
  const parts = [field.hint ?? ""];
  const partner = field.or === undefined ? undefined : sibling(field, field.or);
  const order = (row: FieldSpec) => (REFERRAL_FIELDS as readonly FieldSpec[]).indexOf(row);
  if (partner !== undefined && order(field) < order(partner) && field.missing !== undefined) parts.push(field.missing);
  if (field.when !== undefined) {
    const condition = sibling(field, field.when.key);
    const answer = condition === undefined ? field.when.is : (choicesOf(condition).find((choice) => choice.value === field.when?.is)?.title ?? field.when.is);
    parts.push(INPUT_WORDS.onlyIf(answer));
  }
  // The problem shown beside the field may say the same; it is not said twice.
  return parts.filter((part) => part !== "" && part !== error).join(" ");
}

/**
 * The input for a field. A value the native input cannot hold (a date that does not exist, an age
 * that is not a whole number from 0 to 25) is shown in a text box instead, so nothing typed is lost
 * and the problem beside it says what to write. A choice can only hold one of its choices.
 */
export function inputData(field: FieldSpec, id: string, typed: string | undefined, error: string): InputData {
  const value = typed ?? "";
  const choices = choicesOf(field);
  const base = {
    id,
    label: field.label,
    hint: hintOf(field, error),
    error,
    value,
    number: "" as const,
    maxLength: field.maxLength,
    min: field.min ?? 0,
    max: field.max ?? 0,
    placeholder: "",
    choices: [] as InputData["choices"],
  };
  switch (field.kind) {
    case "date": {
      // Issue 21, point 4: a text box read day first (a calendar opens on today and reads 02/03 month
      // first); what it was read as is said back in words, so a misreading shows before Submit.
      const read = readDayFirstDate(value);
      const readAs = read === undefined || error !== "" ? "" : INPUT_WORDS.readAs(LONG_DATE.format(new Date(`${read}T00:00:00Z`)));
      return { ...base, kind: "text", placeholder: INPUT_WORDS.datePlaceholder, hint: [readAs, base.hint].filter((part) => part !== "").join(" ") };
    }
    case "number": {
      const number = WHOLE_NUMBER.test(value) ? Number(value) : undefined;
      if (value === "") return { ...base, kind: "number" };
      return number !== undefined && number >= base.min && number <= base.max ? { ...base, kind: "number", number } : { ...base, kind: "text" };
    }
    case "yesno":
    case "choice":
      return {
        ...base,
        kind: "choice",
        value: choices.some((choice) => choice.value === value) ? value : "",
        placeholder: field.kind === "yesno" ? INPUT_WORDS.yesNoPlaceholder : INPUT_WORDS.choosePlaceholder,
        choices,
      };
    default:
      return { ...base, kind: TEXT_KIND[field.kind] };
  }
}
