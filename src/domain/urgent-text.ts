// What the urgent card says (DESIGN.md "Questions": danger first), and the lines an age in a
// message adds to any answer. The project's own words, each traced to DOMAIN.md §5-§6 or a
// guidance entry; no number but 999 and 101, which are national.
import type { PoliceRoute, UrgentAdviceId } from "./danger-words.ts";
import { OUT_OF_HOURS_FALLBACK } from "./pathway-text.ts";

export const URGENT_TITLE = "This sounds urgent: act now";

export const URGENT_STEPS = {
  // DOMAIN.md §5: the emergency step comes first, before anything else.
  emergency: "Call 999 now if the child is in danger now, or you think they might be. Stay with them if you safely can.",
  // DOMAIN.md §5, category 2-3 and offence flags: the DSL now, and do not wait for them.
  dsl: "Tell your designated safeguarding lead (DSL) now. If they are not available, do not wait: contact the front door yourself.",
  frontDoorArea: (areaName: string) => `Contact the front door for ${areaName} now (children's social care), by the first route below that is open.`,
  frontDoorNoArea: "Contact the child's local children's social care front door (the SPA or MASH) now. Choose the child's area below to see who to contact, open now or out of hours.",
  outOfHours: OUT_OF_HOURS_FALLBACK,
  doNotQuestion: "Do not question the child to get a disclosure, and do not promise to keep it secret. Listen, and write down their words with the date and time.",
  images: "Do not view, copy, forward or save any images, and do not ask the child to send them. Note where they are (the app, the username) and pass it on.",
  check: "Then use \"Check a concern\" for the full steps, the provisional category and a referral.",
} as const;

/** DOMAIN.md §5: the police step where a crime may have happened; "evidence" when it may be recent. */
export const POLICE_STEP: Readonly<Record<Exclude<PoliceRoute, "none">, string>> = {
  now: "Tell the police now: 999 if the child is in danger, otherwise 101. A crime may have been committed against the child.",
  evidence:
    "Tell the police now: if it may have happened in the last few days, they need to know now so that evidence can be kept. Do not wait for the written referral: 999 if the child is in danger, otherwise 101, or ask the front door to call them at once.",
  missing: "Tell the police now that the child is missing: 999 if you think the child is in danger, otherwise 101. Give them what you know about where the child may be and who with.",
};

/** Extra lines an entry of the danger words asks for, from the guidance entry it leads to. */
export const URGENT_ADVICE: Readonly<Record<UrgentAdviceId, string>> = {
  // DOMAIN.md §5: the sexual assault referral centre route, national guidance, marked as such.
  sarc: "After a recent rape or sexual assault, a sexual assault referral centre (in London: The Havens) offers medical care and forensic examination; the police or the front door can arrange it. (National guidance, beyond the local documents.)",
  family: "Do not tell the parents or carers, or anyone in the family, before you have spoken to the front door or the police: a family member may be involved.",
  "do-not-pay": "Tell the child they are not in trouble. Do not pay or contact the person making threats, and tell the child not to pay or send anything more.",
  "report-remove": "Images of a child under 18 can be reported for removal (Report Remove, run by Childline and the Internet Watch Foundation). (National guidance, beyond the local documents.)",
  missing: "When the child comes back, an independent return home interview should be offered within 72 hours of their return.",
};

/** DOMAIN.md §4-§5: the rule an age in a message adds to any answer. */
export function ageRule(age: number): string | undefined {
  if (age < 13) return `A child aged ${age} cannot consent to any sexual activity: any sexual activity with a child under 13 is a crime. Contact the front door now; the police and a section 47 strategy discussion follow.`;
  if (age >= 16 && age <= 17) return `At ${age} the child can consent to sex in law, but they are still a child: consent does not rule out exploitation, and an exchange, coercion or sexual images of an under-18 are still abuse and may be crimes.`;
  if (age >= 18) return `At ${age} the person is an adult: the child sexual exploitation pathway does not apply. Contact your local authority's adult safeguarding team and your own safeguarding lead (999 if they are in danger).`;
  return undefined;
}
