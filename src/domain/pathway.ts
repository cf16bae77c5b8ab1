// The pathway: an ordered list of steps, each a service with an urgency (DOMAIN.md §5).
// The rules are rows of data; the words for each step live in pathway-text.ts.
import type { Area } from "./area.ts";
import { offenceFlagsOf, type Category, type Flag } from "./category.ts";
import { contactsFor, type ContactView } from "./pathway-contacts.ts";
import { stepText } from "./pathway-text.ts";

export const SERVICES = [
  "emergency", "police", "dsl", "front-door", "phoenix", "early-help", "strategy-discussion",
  "mase", "return-home-interview", "social-worker", "nrm", "adult-safeguarding",
] as const;
export type Service = (typeof SERVICES)[number];

/** Most urgent first; the pathway is ordered by this. */
export const URGENCIES = ["now", "today", "within-72-hours", "within-3-working-days", "routine"] as const;
export type Urgency = (typeof URGENCIES)[number];

export type PathwayStep = {
  readonly service: Service;
  readonly urgency: Urgency;
  readonly text: string;
  /** Who to contact for this step, open lines first. Absent when the step has no contact of its own. */
  readonly contacts?: readonly ContactView[];
  /** Said when the area has no contact for the step, or none is open now. */
  readonly contactsNote?: string;
};

export type PathwayContext = {
  readonly area: Area;
  readonly category: Category;
  readonly flags: readonly Flag[];
  readonly age: number;
  readonly at: Date;
  /** A rape, sexual assault or sexual contact was said or indicated, at any age (category.ts `indicatesSexualAbuse`). */
  readonly sexualAbuseIndicated: boolean;
};

type Row = { readonly service: Service; readonly urgency: Urgency; readonly when?: (context: PathwayContext) => boolean };

// seed 002: Phoenix offers consultation and support below Category 1, for its age range only.
const phoenixApplies = ({ area, age }: PathwayContext): boolean =>
  area.phoenix !== undefined && age >= area.phoenix.minAge && age <= area.phoenix.maxAge;

const HIGH: readonly Row[] = [
  { service: "dsl", urgency: "now" },
  { service: "front-door", urgency: "now" },
  // DOMAIN.md §5: with an offence flag the police step is now (evidence); otherwise today.
  { service: "police", urgency: "now", when: ({ flags }) => offenceFlagsOf(flags).length > 0 },
  { service: "police", urgency: "today" },
  { service: "strategy-discussion", urgency: "within-3-working-days" },
  { service: "mase", urgency: "routine" },
];

// DOMAIN.md §5: a child in danger needs their DSL and the front door now, whatever the category
// (none and 0 included; seed 001: police protection and emergency protection orders; seed 002: a
// strategy discussion when a child is at risk of immediate harm).
const EMERGENCY_FOR_A_CHILD: readonly Row[] = [
  { service: "emergency", urgency: "now" },
  { service: "dsl", urgency: "now" },
  { service: "front-door", urgency: "now" },
];

/** DOMAIN.md §5: the steps for each category. Under-13 concerns take the Category 2/3 row whatever the category. */
const BY_CATEGORY: Record<"none" | "0" | "1" | "high" | "adult", readonly Row[]> = {
  none: [{ service: "dsl", urgency: "routine" }],
  "0": [
    { service: "dsl", urgency: "today" },
    { service: "phoenix", urgency: "routine", when: phoenixApplies },
    { service: "early-help", urgency: "routine" },
  ],
  "1": [
    { service: "dsl", urgency: "today" },
    { service: "front-door", urgency: "today" },
    { service: "strategy-discussion", urgency: "within-3-working-days" },
    { service: "mase", urgency: "routine" },
  ],
  high: HIGH,
  adult: [
    { service: "adult-safeguarding", urgency: "today" },
    // DOMAIN.md §5: a rape or sexual assault is a crime at any age.
    { service: "police", urgency: "today", when: ({ sexualAbuseIndicated }) => sexualAbuseIndicated },
  ],
};

/**
 * DOMAIN.md §5: steps a flag adds, when the service is not already there. For an adult the CSE
 * pathway does not apply, so only trafficking (still a crime, NRM open to adults) adds steps.
 */
const BY_FLAG: readonly { flag: Flag; rows: readonly Row[]; forAdults: boolean }[] = [
  { flag: "trafficking", rows: [{ service: "police", urgency: "today" }, { service: "nrm", urgency: "routine" }], forAdults: true },
  { flag: "missing", rows: [{ service: "return-home-interview", urgency: "within-72-hours" }], forAdults: false },
  { flag: "lookedAfter", rows: [{ service: "social-worker", urgency: "today" }], forAdults: false },
];

function categoryRows({ category, flags }: PathwayContext): readonly Row[] {
  if (category === "not-applicable") return BY_CATEGORY.adult;
  // DOMAIN.md §5: an offence flag takes the Category 2/3 steps whatever the category.
  if (offenceFlagsOf(flags).length > 0 || category === 2 || category === 3) return BY_CATEGORY.high;
  return category === "none" ? BY_CATEGORY.none : BY_CATEGORY[category === 0 ? "0" : "1"];
}

const URGENCY_RANK = new Map<Urgency, number>(URGENCIES.map((urgency, rank) => [urgency, rank]));

export function buildPathway(context: PathwayContext): PathwayStep[] {
  const isAdult = context.category === "not-applicable";
  const rows: Row[] = [];
  // DOMAIN.md §5: in an emergency, 999 comes before anything else.
  if (context.flags.includes("emergency")) rows.push(...(isAdult ? [{ service: "emergency", urgency: "now" } as const] : EMERGENCY_FOR_A_CHILD));
  rows.push(...categoryRows(context));
  for (const addition of BY_FLAG) {
    if (context.flags.includes(addition.flag) && (addition.forAdults || !isAdult)) rows.push(...addition.rows);
  }
  const seen = new Set<Service>();
  const steps = rows.filter((row) => {
    if (seen.has(row.service) || (row.when !== undefined && !row.when(context))) return false;
    seen.add(row.service);
    return true;
  });
  // A stable sort: equally urgent steps keep the order of the rows above.
  steps.sort((a, b) => (URGENCY_RANK.get(a.urgency) ?? 0) - (URGENCY_RANK.get(b.urgency) ?? 0));
  return steps.map((row) => ({
    service: row.service,
    urgency: row.urgency,
    text: stepText(row.service, row.urgency, context),
    ...contactsFor(row.service, context),
  }));
}
