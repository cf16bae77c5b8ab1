// assess(): answers in, provisional category, flags and pathway out (DOMAIN.md §4-7).
// The one function the bot, the tab and the CLI all call.
import type { Area } from "./area.ts";
import type { AssessmentInput } from "./assessment-input.ts";
import type { DomainId } from "./catalogue.ts";
import {
  categorise, domainsOf, flagsFor, indicatesSexualAbuse, isUnconfirmed, offenceFlagsOf, type Category, type Facts, type Flag,
} from "./category.ts";
import { buildPathway, type PathwayStep } from "./pathway.ts";
import { alwaysDoFor, noticesFor, type ResultLine } from "./pathway-text.ts";

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
  readonly alwaysDo: readonly ResultLine[];
  readonly notices: readonly ResultLine[];
};

const LEVELS = ["0", "1", "2", "3"] as const;

/**
 * True when the area's names are its levels in words (Lambeth: Low / Medium / High), false when
 * each name carries the category's number (Sutton's "Score 2", "Category 2", "Level 2").
 */
export function namesLevelsInWords(area: Area): boolean {
  return LEVELS.some((level) => {
    const label = area.localLabels[level];
    return label !== undefined && !label.includes(level);
  });
}

/**
 * The area's own name for the category (Lambeth: Low/Medium/High; Sutton: Score 0-3), or null.
 * DOMAIN.md §4: with an offence flag, an area that names its levels in words gives its highest.
 */
export function localLabelFor(area: Area, category: Category, flags: readonly Flag[] = []): string | null {
  if (category === "not-applicable") return null;
  if (offenceFlagsOf(flags).length > 0 && namesLevelsInWords(area)) {
    const highest = [...LEVELS].reverse().find((level) => area.localLabels[level] !== undefined);
    return highest === undefined ? null : (area.localLabels[highest] ?? null);
  }
  if (category === "none") return null;
  return area.localLabels[String(category) as (typeof LEVELS)[number]] ?? null;
}

export function assess(input: AssessmentRequest, area: Area): Assessment {
  if (input.area !== area.id) throw new RangeError(`assess: input is for area "${input.area}" but area "${area.id}" was given`);
  const facts: Facts = { child: input.child, signs: input.signs, answers: input.answers };
  const category = categorise(facts);
  const domains = domainsOf(input.signs);
  const flags = flagsFor(facts, category, domains);
  const pathway = buildPathway({
    area, category, flags, age: input.child.age, at: input.at, sexualAbuseIndicated: indicatesSexualAbuse(facts),
  });
  const adult = category === "not-applicable";
  return {
    area: area.id,
    at: input.at.toISOString(),
    provisional: true,
    category,
    unconfirmed: isUnconfirmed(facts, category),
    localLabel: localLabelFor(area, category, flags),
    flags,
    pathway,
    domains,
    alwaysDo: alwaysDoFor({ adult, hasFrontDoorStep: pathway.some((step) => step.service === "front-door") }),
    notices: noticesFor({ adult }),
  };
}
