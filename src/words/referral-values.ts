// How a value typed into the referral form reads back: on the review card, the tab, the details
// and the exported PDF, in the same words.
import { readDayFirstDate } from "../domain/referral-age.ts";
import { YES_NO, type FieldSpec } from "../domain/referral-fields.ts";

const YES_NO_TITLE: Readonly<Record<(typeof YES_NO)[number], string>> = { yes: "Yes", no: "No" };

/** The choices a yes/no or choice field offers. */
export function choicesOf(field: FieldSpec): readonly { readonly value: string; readonly title: string }[] {
  if (field.kind === "yesno") return YES_NO.map((value) => ({ value, title: YES_NO_TITLE[value] }));
  return field.choices ?? [];
}

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** A typed value as the review shows it: a choice by its words, a date written out; anything else as typed, trimmed. */
export function displayValue(field: FieldSpec, raw: string): string {
  const value = raw.trim();
  if (field.kind === "yesno" || field.kind === "choice") return choicesOf(field).find((choice) => choice.value === value)?.title ?? value;
  const read = field.kind === "date" ? readDayFirstDate(value) : undefined;
  if (read !== undefined) return LONG_DATE.format(new Date(`${read}T00:00:00Z`));
  return value;
}
