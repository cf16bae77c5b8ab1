// What the referral form's card and its review say around the fields: how many things are left to
// fix and where, a list's pages, the progress line, the fold of optional parts, and the review's
// promise about what Submit does (DOMAIN.md §8: submitted is stored; delivered is posted in the
// triage channel registered for the area).
import type { ListGroupId } from "../domain/referral-fields.ts";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** How many entries a list holds, in words: "3 people". */
export const ENTRY_COUNT: Readonly<Record<ListGroupId, (count: number) => string>> = {
  personsOfInterest: (count) => plural(count, "person", "people"),
  locationsOfInterest: (count) => plural(count, "place", "places"),
  parentsAndCarers: (count) => plural(count, "parent or carer", "parents or carers"),
  householdChildren: (count) => plural(count, "child", "children"),
};

/** What the form says when something must be fixed before it can be sent. */
export const FIX_WORDS = {
  count: (total: number) => `${plural(total, "thing", "things")} to fix.`,
  placed: (name: string, count: number, how: string) => `${name} (${count})${how === "link" ? "" : `, with ${how}`}`,
  here: (here: number) => `${here === 1 ? "One is" : `${here} are`} on this card, beside ${here === 1 ? "its field" : "their fields"}.`,
  elsewhere: (elsewhere: number, placed: readonly string[], viaLinks: boolean) =>
    `${elsewhere === 1 ? "One is" : `${elsewhere} are`} in other parts: ${placed.join("; ")}${viaLinks ? ", under the links below" : ""}.`,
  /** Where a problem is about no one field. */
  wholeReferral: "the referral as a whole",
  named: (shown: readonly string[], more: number) => `${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
  nearButton: (total: number, named: string) => `Not sent yet: ${plural(total, "thing", "things")} to fix (${named}). Each is said beside its field.`,
};

/** A list's card: its pages and what it says while empty. */
export const LIST_WORDS = {
  none: (many: string) => `No ${many.toLowerCase()} added yet.`,
  pageText: (many: string, from: number, to: number, count: number) =>
    `Showing ${many.toLowerCase()} ${from} to ${to} of ${count}. What you type here is saved when you open another page.`,
};

/** Next and Back, between the essentials' parts and in the list of what to fix. */
export const STEP_WORDS = {
  next: "Next",
  back: "Back",
  step: (word: string, partTitle: string) => `${word}: ${partTitle}`,
  where: (part: number, parts: number) => `Part ${part} of ${parts}`,
  /** The card's title on a part of the essentials: "The essentials, part 2 of 4: The child". */
  title: (essentials: string, part: number, parts: number, partTitle: string) => `${essentials}, part ${part} of ${parts}: ${partTitle}`,
  /** Where a problem is, in the essentials: "The essentials: The child". */
  inPart: (essentials: string, partTitle: string) => `${essentials}: ${partTitle}`,
};

/** A list's entries and the links to the other parts. */
export const ENTRY_LINK_WORDS = {
  entry: (one: string, number: number) => `${one} ${number}`,
  range: (many: string, from: number, to: number) => `${many} ${from} to ${to}`,
  remove: (one: string, number: number) => `Remove ${one.toLowerCase()} ${number}`,
  add: (a: string) => `Add ${a}`,
  toFixAfter: (toFix: number) => ` (${toFix} to fix)`,
  toFix: (toFix: number) => `${toFix} to fix`,
  filledIn: "filled in",
};

export const FORM_WORDS = {
  progress: (filled: readonly string[]) => `${filled.length === 0 ? "" : `More detail added: ${filled.join("; ")}. `}Nothing is sent until you review the referral and press Submit referral.`,
  moreFromEssentials: "Add more detail (optional)",
  moreFromOthers: "Other parts of the referral",
};

/** What a field's hint and input say. */
export const INPUT_WORDS = {
  onlyIf: (answer: string) => `Only if you chose "${answer}" above.`,
  /** A typed date said back in words, so a misreading shows before Submit. */
  readAs: (date: string) => `Read as ${date}.`,
  datePlaceholder: "Day/month/year, such as 02/03/2011",
  yesNoPlaceholder: "Yes or no",
  choosePlaceholder: "Choose one",
};

export const REVIEW_WORDS = {
  title: "Check and send",
  shortened: "Long answers are shortened on this card, where they end in \"…\", so that it fits in Teams. They are submitted in full: press Change to read them whole.",
  /** Where to read the entries left off a card that had to be cut to fit. */
  notShown: (whereToRead: string) => `Not shown on this card: ${whereToRead}`,
  whereToRead: "press Change to read them.",
  notAddedTitle: "Add more detail (optional)",
  change: (sectionTitle: string) => `Change: ${sectionTitle}`,
  /** The child's fields among the essentials, when the review lists them as one: "The child's date of birth". */
  childs: (label: string) => `The child's ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
  /** Where the submit line says the referral goes, when the check's area is not known. */
  unknownArea: "the area",
  nothingFilledIn: "Nothing filled in.",
  // DOMAIN.md §8: a referral goes to the area's front door; it is posted in their triage channel (§9).
  submitLine: (area: string) =>
    `This is everything that will be sent, and nothing is sent until you press Submit referral. Submitting stores this referral and posts it to the triage channel registered for ${area} in your organisation, once one is registered. It does not replace contacting the front door when a child is at risk now.`,
};
