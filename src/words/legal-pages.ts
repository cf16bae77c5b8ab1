// The privacy and terms pages the Teams app manifest links to (developer.privacyUrl,
// termsOfUseUrl): their titles and paragraphs. src/http/legal-pages.ts lays them out.

export const PRIVACY_TITLE = "SAFEGUARD: privacy";

/** The privacy page's paragraphs; `retentionDays` is RETENTION_DAYS, how long a decided referral's personal details are kept. */
export const privacyParagraphs = (retentionDays: number): readonly string[] => [
  "The guided check does not ask for a child's name. Its answers (area, age, signs, yes/no/not sure answers) are stored on your organisation's server, bound to your Teams account, and deleted 24 hours after the last step.",
  "A referral holds what you type in it (the child's details; if you give them, their family's: who they live with, their parents' and carers' details, and their brothers', sisters' and other children's names, ages and schools; your concern; people and places of interest) and what your check found. It is encrypted on your organisation's server. A draft you have not sent is deleted 7 days after you last changed it. A submitted referral is posted to the triage channel registered for the area in your organisation: the channel shows a summary without names, addresses, dates of birth or what you wrote, and only the area's triage team can open the details.",
  `The personal details of a referral are deleted ${retentionDays} days after the front door decides it, with the words of its history: the questions asked, the answers given and the reasons for decisions. The record of what happened to it (who acknowledged, asked, answered and decided, and when) is kept. Once a referral is submitted, the draft it was written in keeps no copy of what was typed.`,
  "To save typing, the bot remembers your role and organisation from your last referral, and your safeguarding lead's email if you give it, encrypted and bound to your Teams account. \"Forget my details\", under More on the bot's menu, deletes them.",
  "The bot's logs record errors and timings, never the text of messages or what is entered on a card.",
  "Questions typed to the bot are answered on the server from the project's own guidance; they are not sent to any other service.",
];

export const TERMS_TITLE = "SAFEGUARD: terms of use";

export const TERMS_PARAGRAPHS: readonly string[] = [
  "SAFEGUARD gives guidance only. Its category is provisional: children's social care and the police decide the real category at a strategy discussion, and your professional judgement overrides the tool.",
  "Contacts come from local safeguarding documents dated 2014-2018 and must be confirmed by your organisation before use.",
  "If a child is in immediate danger, call 999.",
];
