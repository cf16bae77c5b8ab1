// What each pathway step says, in plain British English (the project's own words), and the lines
// every result carries (DOMAIN.md §5-6).
import { offenceFlagsOf } from "./category.ts";
import { isOpenAt } from "./contact-hours.ts";
import { meetingOf } from "./area.ts";
import type { PathwayContext, Service, Urgency } from "./pathway.ts";

function frontDoorName({ area }: PathwayContext): string {
  return area.id === "other" ? "your local children's social care front door" : `the ${area.frontDoor.name} for ${area.name}`;
}

/** Category 2 or 3, an offence flag, or a child in danger now: the words of DOMAIN.md §5 "now". */
function isHighConcern({ category, flags }: PathwayContext): boolean {
  return category === 2 || category === 3 || offenceFlagsOf(flags).length > 0 || (flags.includes("emergency") && category !== "not-applicable");
}

const isAdult = ({ category }: PathwayContext): boolean => category === "not-applicable";

/**
 * DOMAIN.md §5: a possible crime against the child (an offence flag) needs the police now. The
 * sexual assault referral centre route is national guidance, marked as such.
 */
export const POLICE_NOW_FOR_AN_OFFENCE =
  "Tell the police now: if it may have happened in the last few days, they need to know now so that evidence can be kept. Do not wait for the written referral: call 999 if the child is in danger, otherwise 101, or ask the front door to call them at once. After a recent rape or sexual assault, a sexual assault referral centre (in London: The Havens) offers medical care and a forensic examination; the police or the front door can arrange it (national guidance, beyond the local documents).";

const TEXT: Record<Service, (context: PathwayContext) => string> = {
  emergency: (context) =>
    isAdult(context)
      ? "Call 999 now: the person is, or may be, in immediate danger. Stay with them if you safely can. Then follow the rest of these steps."
      : "Call 999 now: the child is, or may be, in immediate danger. Stay with the child if you safely can. Then follow the rest of these steps.",
  police: (context) => {
    if (isAdult(context)) {
      return context.flags.includes("trafficking")
        ? "Tell the police today: moving a person for sexual activity is trafficking. Use 999 if they are in danger now, otherwise 101."
        : "Rape and sexual assault are crimes at any age. Support the person to tell the police today: 101, or 999 if they are in danger now. Their consent and wishes count: if they do not want to report, talk to your safeguarding lead and adult safeguarding about what to do.";
    }
    // DOMAIN.md §5, offence flags: the police now, so that evidence can be kept; never "only".
    if (offenceFlagsOf(context.flags).length > 0) return POLICE_NOW_FOR_AN_OFFENCE;
    return context.flags.includes("trafficking")
      ? "Tell the police today: moving a child for sexual activity is trafficking. Use 999 if the child is in danger now, otherwise 101. Social care will also refer to the police child abuse investigation team."
      : "The police must know today. The front door (children's social care) refers to the police child abuse investigation team (CAIT): ask them to confirm it. Call 101 yourself as well to pass on anything the police need now (a place, a vehicle, a name), or 999 in an emergency.";
  },
  dsl: (context) => {
    if (context.category === "none" && !isHighConcern(context)) {
      return "Write down what you noticed, in the words you saw and heard, and talk to your safeguarding lead (DSL) if you are worried. Your judgement counts more than this result.";
    }
    if (isHighConcern(context)) {
      return "Tell your safeguarding lead (DSL) now. If they are not available, do not wait: contact the front door yourself.";
    }
    return "Talk to your safeguarding lead (DSL) today and agree who does what next.";
  },
  "front-door": (context) => {
    if (!isHighConcern(context)) {
      return `Refer to ${frontDoorName(context)} today. Explain your concern about targeting or grooming; they will decide whether a strategy discussion is needed.`;
    }
    const contacts = context.area.contacts.filter((contact) => contact.service === "front-door");
    // Lambeth's seed gives only mailboxes: never tell someone to phone a line we do not have.
    if (contacts.length > 0 && !contacts.some((contact) => contact.phone !== undefined)) return `Send your referral to ${frontDoorName(context)} now, by the route below.`;
    // DOMAIN.md §6: "phone" only for a line known to be open then; at night Kingston's day line is
    // closed and its out-of-hours line answers; a line whose hours are not known is not promised.
    const openLine = (open: "within" | "outside") => contacts.some((contact) => contact.phone !== undefined && contact.hours?.open === open && isOpenAt(contact.hours, context.at));
    if (openLine("within")) return `Phone ${frontDoorName(context)} now, then send the written referral the same day.`;
    if (openLine("outside")) return `Phone the out-of-hours line for ${context.area.name} now (${frontDoorName(context)} is closed), then send the written referral when it opens.`;
    if (contacts.length === 0) return `Contact ${frontDoorName(context)} now.`;
    return `Contact ${frontDoorName(context)} now by the route below, then send the written referral the same day.`;
  },
  // DOMAIN.md §5, seed 002: below Category 1 the SPA offers a consultation with the Phoenix CSE
  // worker; the Phoenix mailbox takes only referrals agreed through MASE, so no contact here.
  phoenix: ({ area }) =>
    `Ask the ${area.frontDoor.kind} about a consultation with the Phoenix Project's CSE worker: it works with young people aged ${area.phoenix?.minAge ?? ""}-${area.phoenix?.maxAge ?? ""} and offers consultation, support or guidance where a worry is below Category 1. Referrals to Phoenix itself are agreed through ${meetingOf(area).word} (the ${meetingOf(area).name}).`,
  "early-help": () => "Consider early help through your area's early help or family support service, so the vulnerabilities you have seen are picked up before they grow.",
  "strategy-discussion": ({ flags }) => {
    const offences = offenceFlagsOf(flags);
    if (offences.length === 0) {
      return "Children's social care may convene a strategy discussion or meeting with the police, within 3 working days of the referral. If it is held, it decides the real category and the plan. Be ready to share what you know.";
    }
    const why = offences.includes("under13")
      ? "Sexual activity with a child under 13 is an offence."
      : "A rape, sexual assault or sexual contact with a child is an offence.";
    return `${why} Children's social care and the police should hold a section 47 strategy discussion (a section 47 enquiry is a child protection enquiry under the Children Act 1989), within 3 working days at most and sooner if the child is at risk now. Be ready to take part.`;
  },
  // DOMAIN.md §9 "MASE or MACE": the area's own word.
  mase: ({ area }) =>
    `If the strategy discussion confirms Category 1 or above, the lead professional (the person who coordinates the child's support, usually their social worker) refers the child to the ${meetingOf(area).name} (${meetingOf(area).word}), which looks at patterns, places and perpetrators across the area.`,
  "return-home-interview": () =>
    "Each time the child returns from being missing, an independent return home interview should be offered within 72 hours of their return. Share what you know with whoever holds it.",
  "social-worker": ({ flags }) =>
    flags.includes("lookedAfter")
      ? "Tell the child's social worker today. If the child is placed out of area, make sure both the home authority (the council that looks after the child) and the host authority (where the child now lives) know."
      : "Tell the child's social worker today.",
  nrm: (context) =>
    isAdult(context)
      ? // DOMAIN.md §5: an adult's NRM needs their informed consent; without it, a Duty to Notify report (national guidance).
        "Consider the National Referral Mechanism (NRM), the national framework for identifying victims of trafficking and modern slavery. Only designated first responders (such as the police and local authorities) make the referral, and an adult must give informed consent to it; without their consent, a first responder makes a Duty to Notify report to the Home Office instead. (National guidance, beyond the local documents: Home Office, Modern Slavery statutory guidance.)"
      : "Consider a referral to the National Referral Mechanism (NRM), the national framework for identifying victims of trafficking and modern slavery. Social care or the police usually make it.",
  "adult-safeguarding": () =>
    // DOMAIN.md §5: an adult's route also says what to do out of hours.
    "The person is 18 or over, so the child sexual exploitation pathway does not apply. Contact your local authority's adult safeguarding team today, and your own organisation's safeguarding lead. Out of hours, if it cannot wait: call 101 (999 if the person is in danger).",
};

/**
 * DOMAIN.md §6: where an area has no out-of-hours line, every urgent front-door step says what to
 * do when the front door is closed. Never a number we do not have: 101 and 999 only.
 */
export const OUT_OF_HOURS_FALLBACK =
  "Out of hours, if it cannot wait: call 101 (999 if the child is in danger) and ask for the out-of-hours children's social care team in your local procedures.";

function hasOutOfHoursLine({ area }: PathwayContext): boolean {
  return area.contacts.some((contact) => contact.service === "front-door" && contact.hours?.open === "outside");
}

export function stepText(service: Service, urgency: Urgency, context: PathwayContext): string {
  const text = TEXT[service](context);
  const urgent = urgency === "now" || urgency === "today";
  return service === "front-door" && urgent && !hasOutOfHoursLine(context) ? `${text} ${OUT_OF_HOURS_FALLBACK}` : text;
}

export type ResultLine = { readonly id: string; readonly text: string };

// DOMAIN.md §5 "Always add", for a child. Telling parents only where there is a front-door step.
const CHILD_ALWAYS_DO: readonly ResultLine[] = [
  { id: "do-not-question", text: "Do not question the child to get a disclosure, and do not promise to keep what they say secret. Listen, reassure them, and explain what you will do next." },
  { id: "record-words", text: "Record what you saw and heard, in the child's own words where you can, with the date and time." },
  { id: "do-not-confront", text: "Do not approach, follow or confront anyone you suspect, and do not search the child's phone. Note what you see (a car registration, a name, a profile) and pass it on." },
];

const TELL_PARENTS: ResultLine = {
  id: "tell-parents",
  text: "Agree with your DSL or the front door before you tell the parents or carers. Do not tell them if a family member may be involved, or if it could put the child at risk, warn an abuser or harm a police enquiry. Record what you decided and why.",
};

// DOMAIN.md §5: for an adult, "the person", their consent and wishes; no parents line.
const ADULT_ALWAYS_DO: readonly ResultLine[] = [
  { id: "do-not-question", text: "Do not question the person to get a disclosure. Listen, and explain what you will do next." },
  { id: "record-words", text: "Record what you saw and heard, in the person's own words where you can, with the date and time." },
  { id: "do-not-confront", text: "Do not approach, follow or confront anyone you suspect, and do not search the person's phone. Note what you see (a car registration, a name, a profile) and pass it on." },
  { id: "consent", text: "The person's consent and wishes count: ask what they want to happen. Do not tell their family without their agreement unless there is a risk to life." },
];

export function alwaysDoFor({ adult, hasFrontDoorStep }: { adult: boolean; hasFrontDoorStep: boolean }): readonly ResultLine[] {
  if (adult) return ADULT_ALWAYS_DO;
  return hasFrontDoorStep ? [...CHILD_ALWAYS_DO, TELL_PARENTS] : CHILD_ALWAYS_DO;
}

/** The line every card of the product carries (DOMAIN.md §5). */
export const EMERGENCY_LINE = "If a child is in immediate danger, call 999.";

/** Shown on every result (DOMAIN.md §5: provisional; act now; judgement overrides; 999). */
const CHILD_NOTICES: readonly ResultLine[] = [
  { id: "provisional", text: "This category is provisional: social care and the police decide the real one at a strategy discussion." },
  { id: "act-now", text: "Act on this result now: do not wait for it to be confirmed. Social care and the police will confirm or change it." },
  { id: "judgement", text: "Your professional judgement overrides this result: if it seems low but you are worried, talk to your safeguarding lead and consult the front door." },
  { id: "emergency", text: EMERGENCY_LINE },
];

const ADULT_NOTICES: readonly ResultLine[] = [
  { id: "provisional", text: "This result is provisional. The child sexual exploitation categories are for under-18s; adult safeguarding decides what happens for an adult." },
  { id: "act-now", text: "Act on this result now: do not wait for it to be confirmed. Adult safeguarding and the police will confirm or change it." },
  { id: "judgement", text: "Your professional judgement overrides this result: if you are worried, talk to your safeguarding lead." },
  { id: "emergency", text: "If the person, or a child, is in immediate danger, call 999." },
];

export function noticesFor({ adult }: { adult: boolean }): readonly ResultLine[] {
  return adult ? ADULT_NOTICES : CHILD_NOTICES;
}
