// The words MASE insight shows for the keys the API sends. The tab bundles this module, which
// imports nothing, so these repeat, shortened for a chart's legend, the bot's words: categories
// and flags from result-words.ts (DOMAIN.md §4), outcomes from src/domain/triage-text.ts (§9).
// A key with no words here (a flag added later, an agency) is shown as sent.

const CATEGORY_WORDS = new Map([
  ["0", "Category 0"],
  ["1", "Category 1"],
  ["2", "Category 2"],
  ["3", "Category 3"],
  ["none", "No category"],
  ["not-applicable", "18 or over"],
]);

const FLAG_WORDS = new Map([
  ["emergency", "Emergency"],
  ["under13", "Under 13: sexual activity"],
  ["trafficking", "Trafficking"],
  ["missing", "Missing"],
  ["repeatMissing", "Repeatedly missing"],
  ["lookedAfter", "Looked after"],
  ["multipleDomains", "Several areas of concern"],
  ["sexualAbuse", "Possible child sexual abuse"],
  ["adult", "Adult"],
]);

const OUTCOME_WORDS = new Map([
  ["no-further-action", "No further action"],
  ["advice-given", "Advice given"],
  ["early-help", "Early help"],
  ["strategy-discussion", "Strategy discussion"],
  // s47: a child protection enquiry under section 47 of the Children Act 1989.
  ["section-47", "Section 47 enquiry"],
  // MASE: the multi-agency sexual exploitation meeting.
  ["refer-to-mase", "Refer to MASE"],
  ["transfer-to-other-area", "Transfer to another area"],
  ["police-referral", "Police referral"],
  ["not-decided", "Not decided yet"],
]);

const KIND_WORDS = new Map([
  ["person", "Person"],
  ["vehicle", "Vehicle"],
  ["online-handle", "Online name"],
  ["location", "Place"],
]);

const wordsFrom = (words: ReadonlyMap<string, string>) => (key: string) => words.get(key) ?? key;

export const categoryWords = wordsFrom(CATEGORY_WORDS);
export const flagWords = wordsFrom(FLAG_WORDS);
export const outcomeWords = wordsFrom(OUTCOME_WORDS);
export const kindWords = wordsFrom(KIND_WORDS);

/** The outcomes' words with the meeting in the area's own word, "Refer to MACE" (DOMAIN.md §9 "MASE or MACE"); the seeds' MASE when none is given. */
export const outcomeWordsIn = (meetingWord: string | undefined) => (key: string) => (key === "refer-to-mase" && meetingWord !== undefined ? `Refer to ${meetingWord}` : outcomeWords(key));

/** "2026-11" as "November 2026", or "Nov 2026" when short. */
export function monthWords(month: string, length: "long" | "short" = "long"): string {
  const [year, number] = month.split("-").map(Number);
  if (year === undefined || number === undefined || Number.isNaN(year) || Number.isNaN(number)) return month;
  return new Intl.DateTimeFormat("en-GB", { month: length, year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, number - 1, 1)));
}

/** How MASE insight matched a value in two referrals (the API sends it as the link's `why`). */
export const LINK_REASONS = {
  person: "the same name",
  vehicle: "the same words",
  onlineHandle: "the same online name",
  location: "the same place, its words in any order",
  registration: "the same registration",
  describedVehicle: "the same colour, make and model",
  alias: "the same name, or another name given for them",
} as const;
