// A triage lead reads a referral, not the referrer's form. The labels written for
// the referrer ("Your name", "What are you worried about?") are worded for the reader wherever
// someone other than the referrer reads them: the details card, the tab's referral pages and the
// PDF. The form and the review, which the referrer reads, keep the referrer's words.
import type { FieldSpec, GroupId } from "../domain/referral-fields.ts";

const WHERE_NO_DATE_OF_BIRTH = "Age, where the date of birth is not known";

const FIELD_LABELS: Readonly<Record<string, string>> = {
  "referrer.name": "Referrer",
  "referrer.role": "Referrer's role",
  "referrer.agency": "Referrer's organisation",
  "referrer.email": "Referrer's email",
  "referrer.phone": "Referrer's phone number",
  "referrer.dslInformed": "Has the referrer told their designated safeguarding lead?",
  "child.age": WHERE_NO_DATE_OF_BIRTH,
  "concern.worries": "The worry",
  "concern.nextSteps": "What the referrer or their agency can do next",
  "personsOfInterest.description": "Description, where the name is not known",
  "householdChildren.age": WHERE_NO_DATE_OF_BIRTH,
};

const GROUP_TITLES: Partial<Readonly<Record<GroupId, string>>> = { referrer: "The referrer", concern: "The worry" };

/** A field's label as a reader other than the referrer reads it ("Referrer", "The worry"). */
export function readerLabel(field: Pick<FieldSpec, "group" | "key" | "label">): string {
  return FIELD_LABELS[`${field.group}.${field.key}`] ?? field.label;
}

/** A group's title as a reader other than the referrer reads it ("The referrer" for "About you"). */
export function readerGroupTitle(group: GroupId, title: string): string {
  return GROUP_TITLES[group] ?? title;
}

/** The section titles of the referrer's more-detail parts, for the reader ("The referrer: more detail"). */
export const READER_SECTION_TITLES: Readonly<Record<string, string>> = { referrer: "The referrer: more detail", concern: "The worry: more detail" };
