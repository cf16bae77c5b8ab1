// The referral form's parts as the card and the tab name them (DOMAIN.md §8: "the required ones
// first, the rest under 'more detail'"): each part's title, the link to it and its first line; what
// one entry of a list is called; what a full list says; and what the check carried over.
import { maxEntriesOf, REFERRAL_GROUPS, type ListGroupId } from "../domain/referral-fields.ts";

export type SectionWords = { readonly title: string; readonly link: string; readonly intro: string };

const GROUP_TITLE = new Map<string, string>(REFERRAL_GROUPS.map((group) => [group.id, group.title]));
const titleOf = (group: string): string => GROUP_TITLE.get(group) ?? group;

// MASE and DSL are explained where they first appear: the MASE group's title, the DSL field's hint.
export const SECTION_WORDS = {
  essentials: {
    title: "The essentials",
    link: "The essentials: what the front door needs",
    intro: "The front door needs all of these. Where two go together, one of them is enough.",
  },
  referrer: { title: "About you: more detail", link: "More about you", intro: "Optional." },
  child: { title: "The child: more detail", link: "More about the child", intro: "Optional: fill in what you know." },
  concern: {
    title: "Your worry: more detail",
    link: "More about your worry",
    intro: "Optional. These questions follow the front door's referral forms: answer the ones you can.",
  },
  personsOfInterest: {
    title: "People of interest",
    link: "People of interest",
    intro: "Optional: anyone who may be harming or exploiting the child, or is linked to it. Up to 20 people.",
  },
  locationsOfInterest: {
    title: "Places of interest",
    link: "Places of interest",
    intro: "Optional: where the child is taken, meets people, or is seen. Up to 20 places.",
  },
  mase: {
    title: titleOf("mase"),
    link: titleOf("mase"),
    intro: "Optional: what the meeting uses to plan how to protect the child. Fill in what you know.",
  },
  maseOtherRisks: {
    title: titleOf("maseOtherRisks"),
    link: "For MASE: other risks, police",
    intro: "Optional: the rest of what the meeting asks for. Fill in what you know.",
  },
  // DOMAIN.md §8 (added 2026-12-07): the household, from both local forms' family details.
  household: {
    title: "Household: who the child lives with",
    link: "Who the child lives with",
    intro: "Optional. The parents and carers, and the other children, have parts of their own below.",
  },
  parentsAndCarers: {
    title: "Household: parents and carers",
    link: "Parents and carers: details",
    intro: "Optional: each parent or carer, whether or not the child lives with them. Up to 4.",
  },
  householdChildren: {
    title: "Household: brothers, sisters and other children",
    link: "Brothers, sisters, other children",
    // seed 002: where one child is exploited, siblings or other child relatives are at increased risk.
    intro: "Optional: the child's brothers and sisters, and other children living with them. Where one child is exploited, they are at increased risk too. Up to 8.",
  },
  parentalResponsibility: { title: "Telling parents and carers: more detail", link: "More about telling parents", intro: "Optional." },
} as const satisfies Readonly<Record<string, SectionWords>>;

/** The essentials' parts, a part at a time on a Teams card (src/cards/referral-sections.ts says which fields each shows). */
export const ESSENTIAL_PART_TITLES = {
  aboutYou: "About you",
  reachYou: "How to reach you",
  child: "The child",
  worry: "Your worry",
  tellingParents: "Telling parents",
} as const;

/** What one entry of a list is called: "Person 3", "Add a place". */
export const ENTRY_WORDS: Readonly<Record<ListGroupId, { readonly one: string; readonly many: string; readonly a: string }>> = {
  personsOfInterest: { one: "Person", many: "People", a: "a person" },
  locationsOfInterest: { one: "Place", many: "Places", a: "a place" },
  parentsAndCarers: { one: "Parent or carer", many: "Parents and carers", a: "a parent or carer" },
  householdChildren: { one: "Child", many: "Children", a: "a child" },
};

/** What a full list says in place of its Add button: where any more can go. */
export function fullListWords(group: ListGroupId): string {
  const more = group === "parentsAndCarers" || group === "householdChildren" ? `Describe any others under "${SECTION_WORDS.household.link}".` : "Describe any more together in one entry.";
  return `That is ${maxEntriesOf(group)}, the most a referral takes. ${more}`;
}

/** What the check carried over, as the form shows it read-only ("From your check"). */
export const CARRIED_WORDS = {
  checkDone: (when: string) => `Check done: ${when}`,
  area: (areaName: string) => `Area: ${areaName}`,
  age: (ageText: string) => `Age given in the check: ${ageText}`,
  londonTime: (time: string) => `${time} (London time)`,
};
