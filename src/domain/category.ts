// The provisional category and the flags (DOMAIN.md §4). Pure rules over the answers.
import { DOMAINS, domainOf, type Answer, type DomainId, type QuestionId, type SignId } from "./catalogue.ts";
import type { Answers, ChildContext } from "./assessment-input.ts";

export const CATEGORIES = ["none", 0, 1, 2, 3, "not-applicable"] as const;
export type Category = (typeof CATEGORIES)[number];

export const FLAGS = ["emergency", "under13", "trafficking", "missing", "repeatMissing", "lookedAfter", "multipleDomains", "sexualAbuse", "adult"] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * DOMAIN.md §4 "Offence flags": a crime may have been committed against the child. They lead the
 * result, hide a category meaning that would contradict them, and take the pathway of Category 2/3.
 */
export const OFFENCE_FLAGS = ["under13", "sexualAbuse"] as const satisfies readonly Flag[];
export type OffenceFlag = (typeof OFFENCE_FLAGS)[number];

export function offenceFlagsOf(flags: readonly Flag[]): OffenceFlag[] {
  return OFFENCE_FLAGS.filter((flag) => flags.includes(flag));
}

/** The facts the rules read: child context, signs and answers. */
export type Facts = {
  readonly child: ChildContext;
  readonly signs: readonly SignId[];
  readonly answers: Answers;
};

// DOMAIN.md §4: "unsure" counts as a possible yes, on purpose: when in doubt, consult.
function raised(answers: Answers, question: QuestionId): boolean {
  const answer: Answer | undefined = answers[question];
  return answer === "yes" || answer === "unsure";
}

/** Evidence of exploitation: the condition for the four follow-up questions and for Category 2. */
export function hasExploitationEvidence(facts: Pick<Facts, "signs" | "answers">): boolean {
  const { answers, signs } = facts;
  return raised(answers, "exchange") || raised(answers, "onlineImages") || raised(answers, "trafficking") || signs.includes("receipt.forSex");
}

/**
 * A rape or sexual assault, or sexual contact by an adult or much older person with a child under
 * 16, said or indicated (DOMAIN.md §3 `sexualAbuse`, sign `sexual.disclosedAssault`). For a child it
 * sets the `sexualAbuse` flag; for an adult it adds the police step (DOMAIN.md §5).
 */
export function indicatesSexualAbuse(facts: Pick<Facts, "signs" | "answers">): boolean {
  return raised(facts.answers, "sexualAbuse") || facts.signs.includes("sexual.disclosedAssault");
}

function isUnder13Concern(facts: Facts): boolean {
  return facts.child.age < 13 && (raised(facts.answers, "sexualActivityUnder13") || facts.signs.includes("sexual.activeUnder13"));
}

export function categorise(facts: Facts): Category {
  const { answers, child, signs } = facts;
  if (child.age >= 18) return "not-applicable";
  const evidence = hasExploitationEvidence(facts);
  let category: Category;
  if (evidence && raised(answers, "habitual") && (raised(answers, "coercionControl") || raised(answers, "selfDenied"))) category = 3;
  else if (evidence) category = 2;
  else if (raised(answers, "groomingConcern")) category = 1;
  else if (signs.length > 0) category = 0;
  else category = "none";
  // seed 000: any sexual activity with a child under 13 is an offence, so never below Category 1.
  if (isUnder13Concern(facts) && (category === 0 || category === "none")) category = 1;
  return category;
}

/** Order used to compare categories: none < 0 < 1 < 2 < 3. An adult's "not-applicable" is outside the scale. */
export function categoryRank(category: Category): number {
  return category === "none" ? -1 : category === "not-applicable" ? Number.NaN : category;
}

/** True when unsure answers raised the category: replacing every "unsure" with "no" would lower it. */
export function isUnconfirmed(facts: Facts, category: Category): boolean {
  const certainAnswers: Answers = {};
  for (const [question, answer] of Object.entries(facts.answers) as [QuestionId, Answer][]) {
    certainAnswers[question] = answer === "unsure" ? "no" : answer;
  }
  return categoryRank(categorise({ ...facts, answers: certainAnswers })) < categoryRank(category);
}

/** The SAFEGUARD domains the signs fall in, in SAFEGUARD order. */
export function domainsOf(signs: readonly SignId[]): DomainId[] {
  const present = new Set(signs.map(domainOf));
  return DOMAINS.filter((domain) => present.has(domain.id)).map((domain) => domain.id);
}

type FlagRule = (facts: Facts, category: Category, domains: readonly DomainId[]) => boolean;

// DOMAIN.md §4, flags table: one row per flag, independent of each other.
const FLAG_RULES: Record<Flag, FlagRule> = {
  emergency: ({ answers }) => raised(answers, "immediateDanger"),
  under13: (facts) => isUnder13Concern(facts),
  trafficking: ({ answers }) => raised(answers, "trafficking"),
  missing: ({ signs, child }) => signs.includes("absent.missingFromHome") || (child.missingEpisodes90d ?? 0) >= 1,
  repeatMissing: ({ child }) => (child.missingEpisodes90d ?? 0) >= 4,
  lookedAfter: ({ child }) => child.lookedAfter,
  multipleDomains: (_facts, category, domains) => domains.length >= 3 && (category === 0 || category === "none"),
  sexualAbuse: (facts) => facts.child.age < 18 && indicatesSexualAbuse(facts),
  adult: ({ child }) => child.age >= 18,
};

export function flagsFor(facts: Facts, category: Category, domains: readonly DomainId[]): Flag[] {
  return FLAGS.filter((flag) => FLAG_RULES[flag](facts, category, domains));
}
