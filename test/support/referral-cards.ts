// Referral views for card tests: a draft at any section, the worst case a card must still fit,
// the sent and channel views, and ways to read a rendered card as a person would.
import { createCardRenderer } from "../../src/cards/render-card.ts";
import type { CardToSend } from "../../src/cards/check-views.ts";
import type { ChannelCardView, ReferralFormView, SentView } from "../../src/cards/referral-views.ts";
import { choicesOf, ESSENTIAL_PARTS } from "../../src/cards/referral-sections.ts";
import { referralFormCard } from "../../src/cards/referral-views.ts";
import { LIST_GROUPS, NO_ENTRIES, REFERRAL_FIELDS, isListGroup, maxEntriesOf, type FieldSpec } from "../../src/domain/referral-fields.ts";
import { walkCard } from "./card-walk.ts";
import { areaContactsSections } from "../../src/cards/area-contacts-view.ts";
import { AREAS, TUESDAY_MORNING } from "./assessment.ts";

const render = createCardRenderer();
export const rendered = (card: CardToSend) => render(card.name, card.data);
export const bytesOf = (card: CardToSend) => Buffer.byteLength(JSON.stringify(rendered(card)), "utf8");

/** Every part of the essentials a Teams card shows a part at a time, rendered, one after the other in one body. */
export function essentialsRendered(overrides: Partial<ReferralFormView> = {}): { body: object[]; actions: object[] } {
  const parts = ESSENTIAL_PARTS.map((_, part) => rendered(referralFormCard(view({ ...overrides, section: "essentials", part }))) as { body: object[]; actions?: object[] });
  return { body: parts.flatMap((card) => card.body), actions: parts.flatMap((card) => card.actions ?? []) };
}

export const DRAFT_ID = "6d1c1a9e-0000-4000-8000-000000000000";
export const CARRIED = {
  areaName: "Kingston upon Thames",
  ageText: "14",
  resultLines: ["Exploitation scale: Category 2", "A crime may have been committed: possible child sexual abuse", "A crime may have been committed: sexual activity with a child under 13"],
};
export const NOTICE = "That button had already been pressed, or this is an older copy of the card: here is your referral as it is now.";

export function view(overrides: Partial<ReferralFormView> = {}): ReferralFormView {
  return { draftId: DRAFT_ID, version: 7, section: "essentials", values: {}, issues: [], entries: NO_ENTRIES, carried: CARRIED, sessionId: "5e0c0000-0000-4000-8000-000000000001", ...overrides };
}

/** A field's input ids: one, or one per entry of a list (as many as the list takes, unless `entries`). */
export const idsOf = (field: FieldSpec, entries?: number) =>
  isListGroup(field.group) ? Array.from({ length: entries ?? maxEntriesOf(field.group) }, (_, index) => `${field.group}.${index}.${field.key}`) : [`${field.group}.${field.key}`];

/** Every list as full as it may be: 20 people, 20 places, 4 parents or carers, 8 other children. */
export const FULL_ENTRIES = Object.fromEntries(LIST_GROUPS.map((group) => [group, maxEntriesOf(group)])) as typeof NO_ENTRIES;

/** A valid value the field can hold at its longest: text to its limit in `character` (3 bytes in UTF-8 for "€"). */
export function longest(field: FieldSpec, character = "€"): string {
  if (field.kind === "date") return "2011-04-09";
  if (field.kind === "number") return "14";
  if (field.kind === "yesno" || field.kind === "choice") return choicesOf(field).reduce((a, b) => (a.value.length >= b.value.length ? a : b)).value;
  return character.repeat(field.maxLength);
}

// Longer than any message validateReferral gives (the phone number's is the longest, 92 characters).
const LONG_MESSAGE = "Enter a UK phone number: 11 digits starting 0, such as 020 7946 0123, or +44 20 7946 0123. Check it and try again.";
// An issue can stand beside a field filled to its limit only where a full value can still be wrong.
const CAN_BE_WRONG_WHEN_FULL = (field: FieldSpec) => ["email", "phone", "date", "number", "yesno", "choice"].includes(field.kind) || field.pattern !== undefined;

/**
 * Every field at its limit in `character`, every list full, an issue wherever one can stand
 * beside a full value and one about the referral as a whole, a notice and three result lines.
 */
export function worstCase(character = "€"): ReferralFormView {
  const fields: readonly FieldSpec[] = REFERRAL_FIELDS;
  const values = Object.fromEntries(fields.flatMap((field) => idsOf(field).map((id) => [id, longest(field, character)])));
  const issues = fields.filter(CAN_BE_WRONG_WHEN_FULL).flatMap((field) => idsOf(field).map((id) => ({ field: id, message: LONG_MESSAGE })));
  return view({ values, issues: [...issues, { field: "", message: LONG_MESSAGE }], entries: FULL_ENTRIES, notice: NOTICE });
}

/** Kingston's front door on a Tuesday at 10:00 (the SPA open) and on a Sunday at 03:00 (the out-of-hours line). */
export const SUNDAY_03 = new Date("2026-11-29T03:00:00Z");
export const sentAt = (at: Date, areaId = "kingston") => areaContactsSections(AREAS.get(areaId)!, at, false, true);
export const SENT = {
  reference: "KIN-2026-00042", areaName: "Kingston upon Thames",
  sections: sentAt(TUESDAY_MORNING),
  phoneNow: false, delivery: "posting" as const,
} satisfies SentView;

export const CHANNEL: ChannelCardView = {
  referralId: "0b9e0000-0000-4000-8000-000000000002", version: 3, reference: "KIN-2026-00042", areaName: "Kingston upon Thames", categoryLine: "Exploitation scale: Category 2",
  offenceLines: ["A crime may have been committed: possible child sexual abuse"], urgency: "now", ageBand: "13-15", submittedAt: "Tue 24 Nov, 10:02", acknowledgeBy: "Tue 24 Nov, 14:02", decideBy: "Thu 26 Nov, 10:02", status: "submitted",
};

type Node = Record<string, any>;
export function nodes(card: object, predicate: (node: Node) => boolean): Node[] {
  const found: Node[] = [];
  walkCard(card, (node) => {
    if (predicate(node)) found.push(node);
  });
  return found;
}
export const textBlocks = (card: object) => nodes(card, (node) => node.type === "TextBlock").map((node) => String(node.text));
/** Text shown without Markdown (RichTextBlock runs). */
export const textRuns = (card: object) => nodes(card, (node) => node.type === "TextRun").map((node) => String(node.text));
export const inputs = (card: object) => nodes(card, (node) => typeof node.type === "string" && node.type.startsWith("Input."));
export const inputById = (card: object, id: string) => inputs(card).find((input) => input.id === id);
export const executes = (card: object) => nodes(card, (node) => node.type === "Action.Execute");
export const buttonTitles = (card: object) => nodes(card, (node) => Array.isArray(node.actions)).flatMap((node) => node.actions.map((action: Node) => String(action.title)));
