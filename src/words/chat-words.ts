// Words of the chat's cards that are not in their templates: the notices when a check card cannot
// be used, the menu's line for a referral not delivered, an area's contacts (hours, open or
// closed, where the details come from) and the signs' source line.

/** When a check's card cannot be used: expired, gone, someone else's, unreadable, or our fault. */
export const CHECK_NOTICES = {
  expired: { title: "This check has expired", text: "Checks are kept for 24 hours and then deleted, so that nothing about a child is kept longer than needed. Please start a new check." },
  "not-found": { title: "This check could not be found", text: "It may have expired and been deleted. Please start a new check." },
  foreign: { title: "This check belongs to someone else", text: "Only the person who started a check can change it. You can start your own." },
  invalid: { title: "That button did not work", text: "The card sent something I could not read. Please start again from the menu." },
  error: { title: "Something went wrong on our side", text: "Please press the button again. If it keeps failing, start a new check, and tell your IT team." },
} as const;

/** "Forget my details": what was forgotten, and what was not. */
export const FORGOTTEN_NOTICE =
  "Forgotten: the role, organisation and safeguarding lead's email this bot remembered for you. Referrals you have made are kept as the privacy notice says.";

/** The menu's line for a referral not delivered yet, with where it is (referral-words.ts's deliveryLine). */
export const undeliveredLine = (reference: string, where: string): string => `Referral ${reference}. ${where}`;
export const whoToContactIn = (areaName: string): string => `Who to contact in ${areaName}`;

/** The signs' source line (seeds 001-003; the wording is the project's own). */
export const signsSourceLine = (titles: readonly [string | undefined, string | undefined, string | undefined]): string => `SAFEGUARD warning signs as set out in ${titles[0]}, ${titles[1]} and ${titles[2]}; described in this project's words.`;

/** A contact's hours and badge (DOMAIN.md §6: hours not given are said to be unknown, with no badge). */
export const CONTACT_WORDS = {
  outOfHoursPrefix: "Out of hours",
  hours: (hours: string) => `Hours: ${hours}`,
  hoursNotKnown: "Hours not known",
  openNow: "Open now",
  openAt: (at: string) => `Open at ${at}`,
  closedNow: "Closed now",
  closedAt: (at: string) => `Closed at ${at}`,
  alwaysOpen: "Always open",
} as const;

/** Where an area's contacts come from, and the warning to check them (README: verify every contact). */
export const contactsSourceLine = (sources: string, hasContacts: boolean): string =>
  hasContacts ? `${sources} These details date from 2014-2018: your organisation should confirm them before relying on them.` : `${sources} This tool has no contact details for this area.`;

/** An area's contacts, section by section (DOMAIN.md §6: the night route first when nothing is open). */
export const CONTACTS_WORDS = {
  openAt: (when: string) => `Open or closed at ${when}, the time you asked about.`,
  openNow: (when: string) => `Open or closed now: ${when}.`,
  londonTime: (time: string) => `${time} (London time)`,
  nightRoute: "If the front door is closed or does not answer",
  localFrontDoor: "Front door: your local children's social care",
  frontDoor: (name: string) => `Front door: ${name}`,
  frontDoorIntro: "Where referrals and consultations about a child go.",
  phoenix: (minAge: number, maxAge: number) => `Phoenix Project (ages ${minAge}-${maxAge})`,
  phoenixIntro: (meetingWord: string, meetingName: string) => `CSE youth work. For a consultation below Category 1, ask the SPA; referrals to Phoenix itself are agreed through ${meetingWord} (the ${meetingName}).`,
  meetingReferrals: (meetingWord: string) => `${meetingWord} referrals`,
  meetingIntro: (meetingName: string) => `${meetingName}. After a strategy discussion, the lead professional (who coordinates the child's support, usually the social worker) refers the child.`,
  nationalNumbers: "National numbers",
} as const;

/** The summary of a check for the practitioner's records, and the shorter draft for their lead. */
export const SUMMARY_WORDS = {
  made: (time: string) => `Made ${time} (London time), with the SAFEGUARD check. No name is recorded.`,
  madeShort: (time: string) => `Made ${time} (London time).`,
  provisional: (title: string) => `Provisional result: ${title}`,
  localLabel: (areaName: string, label: string) => ` (${areaName}: ${label})`,
  unconfirmed: ", unconfirmed: a \"not sure\" answer raised it",
  step: (number: number, badge: string, service: string) => `${number}. ${badge}: ${service}`,
  answers: (answers: readonly string[]) => `Answers: ${answers.join("; ")}.`,
  also: (flags: readonly string[]) => `Also: ${flags.join("; ")}.`,
  steps: (steps: readonly string[]) => `Steps: ${steps.join("; ")}.`,
  decision: "My decision and reason: ",
  shareHeading: "SAFEGUARD check, for you as my safeguarding lead (no name recorded).",
  firstSteps: (steps: readonly string[]) => `First steps: ${steps.join("; ")}.`,
  shareClosing: "Can we talk about what to do next?",
} as const;
