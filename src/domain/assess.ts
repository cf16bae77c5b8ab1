// assess(): answers in, provisional category, flags and pathway out (DOMAIN.md §4-7).
// The one function the bot, the tab and the CLI all call.
import type { Area } from "./area.ts";
import type { AssessmentInput } from "./assessment-input.ts";
import type { DomainId } from "./catalogue.ts";
import { categorise, domainsOf, flagsFor, isUnconfirmed, type Category, type Facts, type Flag } from "./category.ts";
import { buildPathway, type PathwayStep } from "./pathway.ts";
import { ALWAYS_DO, RESULT_NOTICES } from "./pathway-text.ts";

export type AssessmentRequest = AssessmentInput & { readonly at: Date };

export type Assessment = {
  readonly area: string;
  readonly at: string;
  readonly provisional: true;
  readonly category: Category;
  readonly unconfirmed: boolean;
  readonly localLabel: string | null;
  readonly flags: readonly Flag[];
  readonly pathway: readonly PathwayStep[];
  readonly domains: readonly DomainId[];
  readonly alwaysDo: readonly { readonly id: string; readonly text: string }[];
  readonly notices: readonly { readonly id: string; readonly text: string }[];
};

/** The area's own name for the category (Lambeth: Low/Medium/High; Sutton: Score 0-3), or null. */
export function localLabelFor(area: Area, category: Category): string | null {
  if (category === "none" || category === "not-applicable") return null;
  return area.localLabels[String(category) as "0" | "1" | "2" | "3"] ?? null;
}

export function assess(input: AssessmentRequest, area: Area): Assessment {
  if (input.area !== area.id) throw new RangeError(`assess: input is for area "${input.area}" but area "${area.id}" was given`);
  const facts: Facts = { child: input.child, signs: input.signs, answers: input.answers };
  const category = categorise(facts);
  const domains = domainsOf(input.signs);
  const flags = flagsFor(facts, category, domains);
  return {
    area: area.id,
    at: input.at.toISOString(),
    provisional: true,
    category,
    unconfirmed: isUnconfirmed(facts, category),
    localLabel: localLabelFor(area, category),
    flags,
    pathway: buildPathway({ area, category, flags, age: input.child.age, at: input.at }),
    domains,
    alwaysDo: ALWAYS_DO,
    notices: RESULT_NOTICES,
  };
}
