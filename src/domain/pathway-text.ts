// What each pathway step says, in plain British English (the project's own words).
import type { PathwayContext, Service } from "./pathway.ts";

function frontDoorName({ area }: PathwayContext): string {
  return area.id === "other" ? "your local children's social care front door" : `the ${area.frontDoor.name} for ${area.name}`;
}

function isHighConcern({ category, flags }: PathwayContext): boolean {
  return category === 2 || category === 3 || flags.includes("under13");
}

const TEXT: Record<Service, (context: PathwayContext) => string> = {
  emergency: () => "Call 999 now: the child is, or may be, in immediate danger. Stay with the child if you safely can. Then follow the rest of these steps.",
  police: ({ flags }) =>
    flags.includes("trafficking")
      ? "Tell the police today: moving a child for sexual activity is trafficking. Use 999 if the child is in danger now, otherwise 101. Social care will also refer to the police child abuse investigation team."
      : "The police must know today. Children's social care refers to the child abuse investigation team; if you have information the police need now (a location, a vehicle, a name), call 101, or 999 in an emergency.",
  dsl: (context) => {
    if (context.category === "none") {
      return "Write down what you noticed, in the words you saw and heard, and talk to your designated safeguarding lead if you are worried. Your judgement counts more than this result.";
    }
    if (isHighConcern(context)) {
      return "Tell your designated safeguarding lead now. Do not wait for them to make the call to the front door if they are not available.";
    }
    return "Talk to your designated safeguarding lead today and agree who does what next.";
  },
  "front-door": (context) => {
    if (!isHighConcern(context)) {
      return `Refer to ${frontDoorName(context)} today. Explain your concern about targeting or grooming; they will decide whether a strategy discussion is needed.`;
    }
    const contacts = context.area.contacts.filter((contact) => contact.service === "front-door");
    // Lambeth's seed gives only mailboxes: never tell someone to phone a line we do not have.
    return contacts.length > 0 && !contacts.some((contact) => contact.phone !== undefined)
      ? `Send your referral to ${frontDoorName(context)} now, by the route below, and make sure it has been received today.`
      : `Phone ${frontDoorName(context)} now, then send the written referral the same day.`;
  },
  phoenix: ({ area }) =>
    `Consider asking the Phoenix Project for consultation, support or guidance: it works with young people aged ${area.phoenix?.minAge ?? ""}-${area.phoenix?.maxAge ?? ""} and can advise below Category 1.`,
  "early-help": () => "Consider early help through your area's early help or family support service, so the vulnerabilities you have seen are picked up before they grow.",
  "strategy-discussion": ({ flags }) =>
    flags.includes("under13")
      ? "Sexual activity with a child under 13 is an offence. Children's social care and the police hold a section 47 (s47) strategy discussion, within 3 working days at most and sooner if the child is at risk now. Be ready to take part."
      : "Children's social care convenes a strategy discussion or meeting with the police, within 3 working days. It decides the real category and the plan. Be ready to share what you know.",
  mase: () => "If the strategy discussion confirms Category 1 or above, the lead professional refers the child to the Multi-Agency Sexual Exploitation (MASE) meeting, which looks at patterns, places and perpetrators across the area.",
  "return-home-interview": () => "Each time the child returns from being missing, an independent return home interview should be offered within 72 hours of their return. Share what you know with whoever holds it.",
  "social-worker": ({ flags }) =>
    flags.includes("lookedAfter")
      ? "Tell the child's social worker today. If the child is placed out of area, make sure both the home authority and the host authority know."
      : "Tell the child's social worker today.",
  nrm: () => "Consider a referral to the National Referral Mechanism (NRM), the national framework for identifying victims of trafficking and modern slavery. Social care or the police usually make it.",
  "adult-safeguarding": () => "The person is 18 or over, so the child sexual exploitation pathway does not apply. Contact your local authority's adult safeguarding team today, and your own organisation's safeguarding lead.",
};

export function stepText(service: Service, context: PathwayContext): string {
  return TEXT[service](context);
}

/** DOMAIN.md §5 "Always add": on every result, whatever the category. */
export const ALWAYS_DO = [
  { id: "tell-parents", text: "Tell the child's parents or carers that you are making a referral, unless doing so would put the child at risk. If you do not tell them, record why." },
  { id: "do-not-question", text: "Do not question the child to get a disclosure. Listen, reassure them, and explain what you will do next." },
  { id: "record-words", text: "Record what you saw and heard, in the child's own words where you can, with the date and time." },
] as const;

/** Shown on every result (DOMAIN.md: provisional; judgement overrides; 999 in an emergency). */
export const RESULT_NOTICES = [
  { id: "provisional", text: "This category is provisional. The real category is decided by children's social care and the police at a strategy discussion." },
  { id: "judgement", text: "Your professional judgement overrides this result: if the result is low but you are still worried, talk to your safeguarding lead and consult the front door." },
  { id: "emergency", text: "If a child is in immediate danger, call 999." },
] as const;
