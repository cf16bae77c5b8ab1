// The words a result card uses for categories, flags, services and urgencies (DOMAIN.md §4-5),
// in plain British English.
import type { Category, Flag } from "../domain/category.ts";
import type { Service, Urgency } from "../domain/pathway.ts";

export const CATEGORY_TEXT: Record<string, { title: string; meaning: string; style: "attention" | "warning" | "emphasis" | "default" }> = {
  none: { title: "No category", meaning: "You gave no warning sign and no answer that points to exploitation. If you are still worried, your judgement counts: talk to your safeguarding lead.", style: "emphasis" },
  "0": { title: "Category 0", meaning: "The child may be vulnerable to exploitation, but there is no concern yet that anyone is targeting them.", style: "emphasis" },
  "1": { title: "Category 1", meaning: "A vulnerable child who may be being targeted or groomed. No evidence of an offence yet.", style: "warning" },
  "2": { title: "Category 2", meaning: "Evidence that the child is being targeted for abuse through an exchange (money, gifts, drugs, somewhere to stay, affection), including exploitation online with or without a reward.", style: "attention" },
  "3": { title: "Category 3", meaning: "Exploitation that looks habitual, where coercion or control is present and the child may not see it as abuse.", style: "attention" },
  "not-applicable": { title: "Not applicable: 18 or over", meaning: "The child sexual exploitation pathway is for under-18s. For an adult, use adult safeguarding.", style: "default" },
};

export function categoryWords(category: Category) {
  const words = CATEGORY_TEXT[String(category)];
  if (words === undefined) throw new Error(`no words for category ${String(category)}`);
  return words;
}

export const FLAG_TEXT: Record<Flag, { title: string; text: string }> = {
  emergency: { title: "Emergency", text: "the child may be in immediate danger: call 999 first." },
  under13: { title: "Under 13", text: "any sexual activity with a child under 13 is a crime. The front door must know now, and a section 47 strategy discussion with the police follows." },
  trafficking: { title: "Trafficking", text: "moving a child for sexual activity is trafficking: tell the police, and a National Referral Mechanism referral should be considered." },
  missing: { title: "Missing", text: "the child has been missing: a return home interview should follow within 72 hours of each return." },
  repeatMissing: { title: "Repeatedly missing", text: "missing 4 or more times in 3 months: the police treat this as repeat missing." },
  lookedAfter: { title: "Looked after", text: "tell the child's social worker. If placed out of area, both the home and the host authority need to know." },
  multipleDomains: { title: "Several areas of concern", text: "signs in 3 or more areas: consider whether the child may be being targeted." },
  adult: { title: "Adult", text: "18 or over: use the adult safeguarding route; this pathway does not apply." },
};

export const SERVICE_NAME: Record<Service, string> = {
  emergency: "Emergency: 999",
  police: "Police",
  dsl: "Your designated safeguarding lead",
  "front-door": "Children's social care front door",
  phoenix: "Phoenix Project",
  "early-help": "Early help",
  "strategy-discussion": "Strategy discussion",
  mase: "MASE (Multi-Agency Sexual Exploitation meeting)",
  "return-home-interview": "Return home interview",
  "social-worker": "The child's social worker",
  nrm: "National Referral Mechanism",
  "adult-safeguarding": "Adult safeguarding",
};

export const URGENCY_TEXT: Record<Urgency, { text: string; color: "Attention" | "Warning" | "Default" }> = {
  now: { text: "Now", color: "Attention" },
  today: { text: "Today", color: "Warning" },
  "within-72-hours": { text: "Within 72 hours", color: "Default" },
  "within-3-working-days": { text: "Within 3 working days", color: "Default" },
  routine: { text: "When you can", color: "Default" },
};
