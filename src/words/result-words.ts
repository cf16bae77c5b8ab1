// The words a result card uses for categories, flags, services and urgencies (DOMAIN.md §4-5),
// in plain British English.
import { OFFENCE_FLAGS, type Category, type Flag, type OffenceFlag } from "../domain/category.ts";
import { meetingOf, type Area } from "../domain/area.ts";
import type { PathwayStep, Service, Urgency } from "../domain/pathway.ts";

type CategoryWords = { title: string; meaning: string; style: "attention" | "warning" | "emphasis" | "default" };

export const CATEGORY_TEXT: Record<string, CategoryWords> = {
  none: { title: "No category", meaning: "You gave no warning sign and no answer that points to exploitation. If you are still worried, your judgement counts: talk to your safeguarding lead.", style: "emphasis" },
  "0": { title: "Category 0", meaning: "The child may be vulnerable to exploitation, but there is no concern yet that anyone is targeting them.", style: "emphasis" },
  "1": { title: "Category 1", meaning: "A vulnerable child who may be being targeted or groomed. No evidence of an offence yet.", style: "warning" },
  "2": { title: "Category 2", meaning: "Evidence that the child is being targeted for abuse through an exchange (money, gifts, drugs, somewhere to stay, affection), including exploitation online with or without a reward.", style: "attention" },
  "3": { title: "Category 3", meaning: "Exploitation that looks habitual, where coercion or control is present and the child may not see it as abuse.", style: "attention" },
  "not-applicable": { title: "Not applicable: 18 or over", meaning: "The child sexual exploitation pathway is for under-18s. For an adult, use adult safeguarding.", style: "default" },
};

// DOMAIN.md §4 "Offence flags": these meanings would contradict "a crime may have been committed"
// ("no evidence of an offence yet", "no concern yet that anyone is targeting them").
const CONTRADICTS_AN_OFFENCE = new Set<Category>(["none", 0, 1]);

const ON_THE_EXPLOITATION_SCALE =
  "This is the child sexual exploitation scale only. It does not lower the response to a possible crime against the child: follow the steps below now.";

// DOMAIN.md §5, emergency: no reassuring meaning above the steps ("you gave no warning sign",
// "no concern yet that anyone is targeting them", "no evidence of an offence yet").
const IN_DANGER_NOW =
  "The child may be in danger now: follow the steps below now. This category measures exploitation only, and does not lower the response to a child in danger.";

/** Categories whose meaning or local label would read as reassurance beside a child in danger. */
export function reassuresInDanger(category: Category, emergency: boolean): boolean {
  return emergency && CONTRADICTS_AN_OFFENCE.has(category);
}

/**
 * The category's title, meaning and colour; with an offence flag, never a meaning that contradicts
 * it; with a child in danger now (`emergency`), never a meaning that reassures.
 */
export function categoryWords(category: Category, offences: readonly OffenceFlag[] = [], emergency = false): CategoryWords {
  const words = CATEGORY_TEXT[String(category)];
  if (words === undefined) throw new Error(`no words for category ${String(category)}`);
  if (offences.length === 0 && reassuresInDanger(category, emergency)) return { title: words.title, meaning: IN_DANGER_NOW, style: "attention" };
  if (offences.length === 0) return words;
  return {
    title: `Exploitation scale: ${words.title}`,
    meaning: CONTRADICTS_AN_OFFENCE.has(category) ? ON_THE_EXPLOITATION_SCALE : words.meaning,
    style: "attention",
  };
}

/** The statement an offence flag leads the result with, before the category (DOMAIN.md §4). */
export const OFFENCE_TEXT: Record<OffenceFlag, { title: string; text: string }> = {
  under13: {
    title: "A crime may have been committed: sexual activity with a child under 13",
    text: "Any sexual activity with a child under 13 is a crime, whatever the child says. Tell your DSL and the front door now. The police will be involved, and a section 47 strategy discussion (a child protection enquiry) follows.",
  },
  sexualAbuse: {
    title: "A crime may have been committed: possible child sexual abuse",
    text: "Rape, sexual assault, or sexual contact by an adult or much older person with a child under 16 is a crime, even where it is not exploitation. It needs a referral to the front door now, and the police must know. A disclosure later taken back still counts.",
  },
};

export const FLAG_TEXT: Record<Exclude<Flag, OffenceFlag>, { title: string; text: string }> = {
  emergency: { title: "Emergency", text: "the child may be in immediate danger: call 999 first." },
  trafficking: { title: "Trafficking", text: "moving a child for sexual activity is trafficking: tell the police, and a National Referral Mechanism referral should be considered." },
  missing: { title: "Missing", text: "the child has been missing: a return home interview should follow within 72 hours of each return." },
  // seed 002: the Kingston & Richmond missing children meeting's definition, not a police rule.
  repeatMissing: { title: "Repeatedly missing", text: "4 or more missing episodes in 3 months: Kingston & Richmond's missing children meeting counts this as repeat (recidivist) missing and gives the child closer attention." },
  lookedAfter: { title: "Looked after", text: "tell the child's social worker. If placed out of area, both the home authority (which looks after the child) and the host authority (where the child lives now) need to know." },
  multipleDomains: { title: "Several areas of concern", text: "signs in 3 or more areas: consider whether the child may be being targeted." },
  adult: { title: "Adult", text: "18 or over: use the adult safeguarding route; this pathway does not apply." },
};

// DOMAIN.md §5: for an adult the words are about "the person", never "the child".
const ADULT_FLAG_TEXT: Partial<Record<Flag, { title: string; text: string }>> = {
  emergency: { title: "Emergency", text: "the person may be in immediate danger: call 999 first." },
  trafficking: { title: "Trafficking", text: "moving a person for sexual activity is trafficking: tell the police, and a National Referral Mechanism referral should be considered." },
};

/** A flag's title: an offence flag's statement, or the flag's own title. */
export function flagTitle(flag: Flag): string {
  return (OFFENCE_FLAGS as readonly Flag[]).includes(flag) ? OFFENCE_TEXT[flag as OffenceFlag].title : FLAG_TEXT[flag as Exclude<Flag, OffenceFlag>].title;
}

/** The "Also" lines of a result: every flag but the offence flags, which lead the card instead. */
export function flagLines(flags: readonly Flag[], adult: boolean): { title: string; text: string }[] {
  return flags.flatMap((flag) => {
    if ((OFFENCE_FLAGS as readonly Flag[]).includes(flag)) return [];
    return [(adult ? ADULT_FLAG_TEXT[flag] : undefined) ?? FLAG_TEXT[flag as Exclude<Flag, OffenceFlag>]];
  });
}

const SERVICE_NAME: Record<Service, string> = {
  emergency: "Emergency: 999",
  police: "Police",
  // Issue 9: "designated" is school wording; health says "named". One phrase fits both.
  dsl: "Your safeguarding lead (DSL)",
  "front-door": "Children's social care front door",
  phoenix: "Phoenix Project consultation",
  "early-help": "Early help",
  "strategy-discussion": "Strategy discussion",
  mase: "MASE (Multi-Agency Sexual Exploitation meeting)",
  "return-home-interview": "Return home interview",
  "social-worker": "The child's social worker",
  nrm: "National Referral Mechanism",
  "adult-safeguarding": "Adult safeguarding",
};

/** A step's heading: the area's own front door by name (not for `other`), else the service's. */
export function serviceNameFor(service: Service, area: Pick<Area, "id" | "frontDoor" | "meeting">): string {
  if (service === "front-door" && area.id !== "other") return area.frontDoor.name;
  // DOMAIN.md §9 "MASE or MACE": the area's own word.
  if (service === "mase") return `${meetingOf(area).word} (${meetingOf(area).name})`;
  return SERVICE_NAME[service];
}

// "Warning" yellow is about 1.5:1 on white in Teams' light theme: only "Attention" red and default text.
type Badge = { text: string; color: "Attention" | "Default" };

export const URGENCY_TEXT: Record<Urgency, Badge> = {
  now: { text: "Now", color: "Attention" },
  today: { text: "Today", color: "Default" },
  "within-72-hours": { text: "Within 72 hours", color: "Default" },
  "within-3-working-days": { text: "Within 3 working days", color: "Default" },
  routine: { text: "When you can", color: "Default" },
};

// Steps that others take, not the reader: the badge says who and when, so nobody reads another
// service's timescale as their own deadline (or waits for it).
const BADGE_BY_SERVICE: Partial<Record<Service, (offence: boolean) => string>> = {
  "strategy-discussion": (offence) => (offence ? "Social care and police, within 3 working days" : "If social care convenes one, within 3 working days"),
  "return-home-interview": () => "Within 72 hours of each return",
  mase: () => "Later, if the category is confirmed",
};

export function badgeFor(step: Pick<PathwayStep, "service" | "urgency">, offence: boolean): Badge {
  const { color, text } = URGENCY_TEXT[step.urgency];
  return { color, text: BADGE_BY_SERVICE[step.service]?.(offence) ?? text };
}

/** A category's title with "(unconfirmed)" when "not sure" answers raised it (DOMAIN.md §4), as the board and the CSV show it. */
export const withUnconfirmed = (title: string, unconfirmed: boolean): string => `${title}${unconfirmed ? " (unconfirmed)" : ""}`;
