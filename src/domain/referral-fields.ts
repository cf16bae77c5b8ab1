// The referral's typed fields as one table (DOMAIN.md §8): the referral card is built from it and
// validateReferral checks against it, so the two cannot disagree about what is required, what
// kind of value a field takes or how long it may be. Fields follow the Kingston & Richmond CSE
// Referral Form and MASE Referral Information (seed 002) and Lambeth's MARF (seed 000); labels
// and hints are the project's own words. What the guided check carries over is not here: it is
// never typed again (src/domain/referral.ts, FromCheck).

export const FIELD_KINDS = ["text", "multiline", "date", "email", "phone", "yesno", "choice", "number"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const YES_NO = ["yes", "no"] as const;
export type YesNo = (typeof YES_NO)[number];

/** The card's sections, in order. A list group repeats its fields once per entry. */
export const REFERRAL_GROUPS = [
  { id: "referrer", title: "About you" },
  { id: "child", title: "The child" },
  { id: "concern", title: "Your worry" },
  { id: "personsOfInterest", title: "People of interest", maxEntries: 20 },
  { id: "locationsOfInterest", title: "Places of interest", maxEntries: 20 },
  { id: "mase", title: "For MASE (the Multi-Agency Sexual Exploitation meeting)" },
  // DOMAIN.md §8 (more context, added 2026-12-07): the rest of seed 002's MASE Referral Information,
  // a group of its own so that each part of the card still fits Teams' 28 KB.
  { id: "maseOtherRisks", title: "For MASE: other risks and police measures" },
  // DOMAIN.md §8 (added 2026-12-07): the household, all optional; up to 4 parents or carers, 8 other children.
  { id: "household", title: "Household" },
  { id: "parentsAndCarers", title: "Parents and carers: their details", maxEntries: 4 },
  { id: "householdChildren", title: "Brothers, sisters and other children", maxEntries: 8 },
  { id: "parentalResponsibility", title: "Parents and carers" },
] as const;
export type GroupId = (typeof REFERRAL_GROUPS)[number]["id"];
export type ListGroupId = Extract<(typeof REFERRAL_GROUPS)[number], { maxEntries: number }>["id"];

/** DOMAIN.md §8: at most 20 persons and 20 locations, 4 parents or carers and 8 other children. */
export function maxEntriesOf(group: ListGroupId): number {
  const row = REFERRAL_GROUPS.find((candidate) => candidate.id === group);
  return row !== undefined && "maxEntries" in row ? row.maxEntries : 0;
}

/** The groups that repeat, in the table's order. */
export const LIST_GROUPS: readonly ListGroupId[] = REFERRAL_GROUPS.flatMap((group) => ("maxEntries" in group ? [group.id] : []));

export function isListGroup(group: string): group is ListGroupId {
  return (LIST_GROUPS as readonly string[]).includes(group);
}

/** How many entries each list holds. */
export type ListEntries = { readonly [Group in ListGroupId]: number };
export const NO_ENTRIES: ListEntries = { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 };

export type FieldSpec = {
  readonly group: GroupId;
  /** The field's name inside its group; the field id is `group.key`. */
  readonly key: string;
  readonly label: string;
  /** One line under the label saying what to write. */
  readonly hint?: string;
  readonly kind: FieldKind;
  /** Shown first on the card, not under "more detail". */
  readonly required: boolean;
  /** Required unless this other field of the same group has a value: "date of birth or age". */
  readonly or?: string;
  /** Required only while another field of the same group has this value. */
  readonly when?: { readonly key: string; readonly is: string };
  /** What the card says next to a required field left empty. */
  readonly missing?: string;
  /** Characters, after trimming. Also the card input's maxLength. */
  readonly maxLength: number;
  readonly choices?: readonly { readonly value: string; readonly title: string }[];
  /** For kind "number": the whole numbers allowed. */
  readonly min?: number;
  readonly max?: number;
  /** For kind "text": a shape the value must have (the card can use `pattern.source` as its regex). */
  readonly pattern?: RegExp;
  readonly patternMessage?: string;
};

// Limits, where DOMAIN.md says only "a sensible length": a name 100, a short answer 100-200, a
// free-text section 500, the main worry 2,000 (the MARF's central box, where the detail goes).
// Filled to every limit, with 20 people, 20 places, 4 parents or carers and 8 other children, a
// referral is about 77,000 characters: more than one 28 KB card holds (DESIGN.md), so people,
// places, MASE details and the household need cards of their own.
const NAME = 100;
const SHORT = 200;
const SECTION = 500;
const PERSON_MISSING = "Give this person's name, or describe them if you do not know it.";
const EMAIL_OR_PHONE = "Give your email or your phone number, so the front door can reach you.";
const DOB_OR_AGE = "Give the child's date of birth, or their age if you do not know it.";
const CARER_MISSING = "Give this parent or carer's name, or their relationship to the child if you do not know it.";
// DOMAIN.md §8: whether a parent or carer may be a source of risk is yes, no or not known.
const YES_NO_NOT_KNOWN = [
  { value: "yes", title: "Yes" },
  { value: "no", title: "No" },
  { value: "notKnown", title: "Not known" },
] as const;

export const REFERRAL_FIELDS = [
  { group: "referrer", key: "name", label: "Your name", kind: "text", required: true, missing: "Enter your name.", maxLength: NAME },
  { group: "referrer", key: "role", label: "Your role", hint: "For example class teacher, school nurse, youth worker.", kind: "text", required: true, missing: "Enter your role.", maxLength: NAME },
  { group: "referrer", key: "agency", label: "Your organisation", hint: "The school, service or agency you work for.", kind: "text", required: true, missing: "Enter the organisation you work for.", maxLength: SHORT },
  { group: "referrer", key: "email", label: "Your email", kind: "email", required: true, or: "phone", missing: EMAIL_OR_PHONE, maxLength: 254 },
  { group: "referrer", key: "phone", label: "Your phone number", kind: "phone", required: true, or: "email", missing: EMAIL_OR_PHONE, maxLength: 30 },
  { group: "referrer", key: "dslInformed", label: "Have you told your designated safeguarding lead?", hint: "The designated safeguarding lead (DSL) leads on child protection where you work.", kind: "yesno", required: false, maxLength: 3 },

  { group: "child", key: "forename", label: "First name", kind: "text", required: true, missing: "Enter the child's first name, or \"not known\".", maxLength: NAME },
  { group: "child", key: "surname", label: "Last name", kind: "text", required: true, missing: "Enter the child's last name, or \"not known\".", maxLength: NAME },
  { group: "child", key: "dateOfBirth", label: "Date of birth", kind: "date", required: true, or: "age", missing: DOB_OR_AGE, maxLength: 10 },
  { group: "child", key: "age", label: "Age, if you do not know the date of birth", kind: "number", required: true, or: "dateOfBirth", missing: DOB_OR_AGE, maxLength: 2, min: 0, max: 25 },
  { group: "child", key: "alias", label: "Other names they use", hint: "Nicknames, or names they use online.", kind: "text", required: false, maxLength: SHORT },
  { group: "child", key: "gender", label: "Gender", kind: "text", required: false, maxLength: 50 },
  { group: "child", key: "address", label: "Address", hint: "Home address, and any other address where they stay.", kind: "multiline", required: false, maxLength: 300 },
  { group: "child", key: "school", label: "School or college", kind: "text", required: false, maxLength: SHORT },
  { group: "child", key: "language", label: "Language spoken", hint: "Say if they need an interpreter.", kind: "text", required: false, maxLength: NAME },
  { group: "child", key: "ethnicity", label: "Ethnicity", kind: "text", required: false, maxLength: NAME },
  { group: "child", key: "religion", label: "Religion", kind: "text", required: false, maxLength: NAME },
  { group: "child", key: "disability", label: "Disability, learning difficulty or special educational needs (SEN)", kind: "multiline", required: false, maxLength: SECTION },
  { group: "child", key: "nhsNumber", label: "NHS number", hint: "10 digits.", kind: "text", required: false, maxLength: 12, pattern: /^\d{3} ?\d{3} ?\d{4}$/, patternMessage: "An NHS number is 10 digits, such as 943 476 5919." },
  { group: "child", key: "upn", label: "Unique pupil number (UPN)", hint: "The 13-character number the school gives each pupil.", kind: "text", required: false, maxLength: 13, pattern: /^[A-Za-z]\d{11}[A-Za-z0-9]$/, patternMessage: "A unique pupil number is a letter, 11 digits, then a digit or a letter." },
  { group: "child", key: "lookedAfterBy", label: "If looked after: by which local authority?", hint: "Looked after means in the care of a local authority.", kind: "text", required: false, maxLength: NAME },
  // DOMAIN.md §9 cross-border (seed 001: home and host authorities both need to know): where a
  // looked-after child placed out of their home area lives now, when the referral goes to the home area.
  { group: "child", key: "placedIn", label: "If placed out of area: in which local authority do they live now?", hint: "The host authority, where a looked-after child is placed away from home.", kind: "text", required: false, maxLength: NAME },
  { group: "child", key: "socialWorker", label: "Social worker", hint: "Name and team, if the child has one.", kind: "text", required: false, maxLength: SHORT },
  { group: "child", key: "leadPractitioner", label: "Lead practitioner", hint: "The professional who coordinates the child's support, if there is one: name and agency.", kind: "text", required: false, maxLength: SHORT },
  // More context (DOMAIN.md §8, added 2026-12-07): seed 002's "Gang affiliated" and "Case status", seed 000's "Has a CAF been completed" and "Overview of agency involvement".
  { group: "child", key: "gangAffiliation", label: "Gang affiliation", hint: "Whether the child is linked to a gang, which one, and how you know.", kind: "multiline", required: false, maxLength: 300 },
  { group: "child", key: "socialCareStatus", label: "Known to children's social care? Case status", hint: "For example not known; open, with a child in need or child protection plan; or closed, and when.", kind: "text", required: false, maxLength: SHORT },
  { group: "child", key: "earlyHelpAssessment", label: "Has an early help assessment (CAF) been completed?", hint: "The common assessment framework (CAF) is an early help assessment. If yes, the front door may ask for a copy.", kind: "yesno", required: false, maxLength: 3 },
  { group: "child", key: "otherAgencies", label: "Other agencies involved", hint: "For example the GP, CAMHS (child and adolescent mental health services), youth offending service or police: who, and what they do.", kind: "multiline", required: false, maxLength: SECTION },

  { group: "concern", key: "worries", label: "What are you worried about?", hint: "What happened, who was involved, where and when. Write the words you saw and heard, as they were said.", kind: "multiline", required: true, missing: "Say what you are worried about: what happened, who, where and when.", maxLength: 2000 },
  { group: "concern", key: "pastHarm", label: "What harm has already happened?", hint: "Who did what, where and when; how serious, how often, and the effect on the child.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "futureDanger", label: "What could happen if nothing changes?", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "complicatingFactors", label: "What makes this harder to resolve?", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "workingWell", label: "What is working well?", hint: "Strengths and safety already there, that have lasted.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "needsToHappen", label: "What needs to happen?", hint: "What would make the child safe enough, and what parents or carers would need to do.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "views", label: "The child's and parents' views", hint: "In their own words, where you can.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "concern", key: "nextSteps", label: "What can you or your agency do next?", hint: "What you can offer to a plan to keep the child safe.", kind: "multiline", required: false, maxLength: SECTION },

  { group: "personsOfInterest", key: "name", label: "Name", kind: "text", required: true, or: "description", missing: PERSON_MISSING, maxLength: NAME },
  { group: "personsOfInterest", key: "description", label: "Description, if you do not know their name", hint: "What they look like, and what the child calls them.", kind: "multiline", required: true, or: "name", missing: PERSON_MISSING, maxLength: 300 },
  { group: "personsOfInterest", key: "alias", label: "Other names or nicknames", kind: "text", required: false, maxLength: NAME },
  { group: "personsOfInterest", key: "approximateAge", label: "Approximate age", hint: "For example \"about 20\".", kind: "text", required: false, maxLength: 20 },
  // More context (DOMAIN.md §8, added 2026-12-07): seed 002's "Offending history" and "YOS / Police involvement".
  { group: "personsOfInterest", key: "offendingHistory", label: "Offending history", hint: "Offences or convictions you know of.", kind: "multiline", required: false, maxLength: SHORT },
  { group: "personsOfInterest", key: "youthOffendingOrPolice", label: "Youth offending service or police involvement", hint: "Who is involved with them, if you know.", kind: "text", required: false, maxLength: SHORT },
  { group: "personsOfInterest", key: "relationship", label: "Relationship to the child", hint: "For example boyfriend, \"friend\", associate.", kind: "text", required: false, maxLength: NAME },
  { group: "personsOfInterest", key: "address", label: "Address", kind: "multiline", required: false, maxLength: 300 },
  { group: "personsOfInterest", key: "vehicle", label: "Vehicle", hint: "Make, colour and registration, if known.", kind: "text", required: false, maxLength: SHORT },
  { group: "personsOfInterest", key: "onlineHandles", label: "Online names", hint: "Usernames, and the apps or sites where they use them.", kind: "multiline", required: false, maxLength: 300 },

  { group: "locationsOfInterest", key: "place", label: "Place", hint: "For example a park, taxi rank, food outlet, hotel or address.", kind: "text", required: true, missing: "Say where this place is.", maxLength: SHORT },
  { group: "locationsOfInterest", key: "whatHappens", label: "What happens there", kind: "multiline", required: false, maxLength: SECTION },
  { group: "locationsOfInterest", key: "times", label: "When", hint: "Days and times.", kind: "text", required: false, maxLength: SHORT },

  { group: "mase", key: "missingEpisodes", label: "Missing episodes", hint: "Dates, times, and where the child was found.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "missingFromSchool", label: "Missing or absent from school", hint: "Dates.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "emergencyAttendances", label: "A&E attendances", hint: "Which hospital, when, and what for.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "crossBorder", label: "Cross-border issues", hint: "Other local authorities involved, and the worries there.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "substanceUse", label: "Substance use", hint: "What they use, and how much.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "riskyInternetUse", label: "Risky internet use", hint: "The websites, apps and platforms.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "trafficking", label: "Trafficking", hint: "What you know or suspect.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "nrmReferralMade", label: "Has a National Referral Mechanism (NRM) referral been made?", hint: "The NRM is the national framework for identifying victims of trafficking and modern slavery.", kind: "yesno", required: false, maxLength: 3 },
  { group: "mase", key: "sexualHealth", label: "Sexual-health concerns", hint: "Known or suspected, and contact with health services.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "countyLines", label: "County lines", hint: "Places and times. County lines: gangs using children to move drugs or money to other areas.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "familyLinks", label: "Sibling or family links to the network", hint: "Whether family members are linked to the people exploiting the child, and how.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "mase", key: "additionalIntelligence", label: "Other intelligence", hint: "For example vehicle registrations or travel-card details.", kind: "multiline", required: false, maxLength: SECTION },

  // More context (DOMAIN.md §8, added 2026-12-07): seed 002's "Radicalisation: summarise concerns
  // and referrals to Prevent", "Sexually harmful behaviour", "CAWN" and "Police flag".
  { group: "maseOtherRisks", key: "radicalisation", label: "Radicalisation", hint: "Concerns, and any referral to Prevent, the national programme that supports people at risk of being drawn into terrorism.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "maseOtherRisks", key: "sexuallyHarmfulBehaviour", label: "Sexually harmful behaviour", hint: "Concerns about, or incidents of, harmful sexual behaviour by the child.", kind: "multiline", required: false, maxLength: SECTION },
  { group: "maseOtherRisks", key: "cawnIssued", label: "Has a child abduction warning notice (CAWN) been issued?", hint: "A CAWN is a notice the police give an adult to stay away from a child. Say against whom under people of interest.", kind: "yesno", required: false, maxLength: 3 },
  { group: "maseOtherRisks", key: "policeFlag", label: "Police flag or marker", hint: "For example a CSE flag on police systems, if you know of one.", kind: "text", required: false, maxLength: SHORT },

  // The household (DOMAIN.md §8, added 2026-12-07): seed 000's MARF "Family information" (name,
  // date of birth, relationship to the child), seed 002's "Who do you live with?" and "Name of
  // parent or carer … parent or carer phone number … does the young person live with this parent or
  // carer", and brothers and sisters, who "are at increased risk" where one child is exploited.
  { group: "household", key: "livesWith", label: "Who does the child live with?", hint: "For example mother and stepfather, foster carers, a children's home; and anyone else living there.", kind: "multiline", required: false, maxLength: 300 },

  { group: "parentsAndCarers", key: "name", label: "Name", kind: "text", required: true, or: "relationship", missing: CARER_MISSING, maxLength: NAME },
  { group: "parentsAndCarers", key: "relationship", label: "Relationship to the child", hint: "For example mother, stepfather, foster carer, grandmother.", kind: "text", required: true, or: "name", missing: CARER_MISSING, maxLength: NAME },
  { group: "parentsAndCarers", key: "dateOfBirth", label: "Date of birth", kind: "date", required: false, maxLength: 10 },
  { group: "parentsAndCarers", key: "address", label: "Address, if different from the child's", kind: "multiline", required: false, maxLength: 300 },
  { group: "parentsAndCarers", key: "phone", label: "Phone number", kind: "phone", required: false, maxLength: 30 },
  { group: "parentsAndCarers", key: "language", label: "Language spoken", hint: "Say if they need an interpreter.", kind: "text", required: false, maxLength: NAME },
  { group: "parentsAndCarers", key: "mayBeRisk", label: "Could they be a source of risk to the child?", kind: "choice", required: false, maxLength: 10, choices: YES_NO_NOT_KNOWN },

  { group: "householdChildren", key: "name", label: "Name", kind: "text", required: true, missing: "Give this child's name, or \"not known\".", maxLength: NAME },
  { group: "householdChildren", key: "dateOfBirth", label: "Date of birth", kind: "date", required: false, maxLength: 10 },
  { group: "householdChildren", key: "age", label: "Age, if you do not know the date of birth", kind: "number", required: false, maxLength: 2, min: 0, max: 25 },
  { group: "householdChildren", key: "school", label: "School, college or nursery", kind: "text", required: false, maxLength: SHORT },

  { group: "parentalResponsibility", key: "told", label: "Have the people with parental responsibility been told about this referral?", hint: "Parental responsibility: a parent's legal rights and duties, usually held by the parents and sometimes by a local authority.", kind: "yesno", required: true, missing: "Say whether the people with parental responsibility have been told.", maxLength: 3 },
  { group: "parentalResponsibility", key: "toldHow", label: "How were they told?", hint: "For example in person, by phone, by letter.", kind: "text", required: false, maxLength: SHORT },
  { group: "parentalResponsibility", key: "toldOn", label: "When were they told?", kind: "date", required: false, maxLength: 10 },
  // seed 000 (MARF): share the referral with them where appropriate; where not, give the reason.
  // Telling them can put the child at greater risk (for example when a parent is involved).
  {
    group: "parentalResponsibility", key: "whyNot", label: "Why have they not been told?", kind: "choice", required: true, when: { key: "told", is: "no" },
    missing: "Say why they have not been told.", maxLength: 20,
    choices: [
      { value: "childAtRisk", title: "Telling them could put the child at greater risk" },
      { value: "notReached", title: "I have not been able to reach them yet" },
      { value: "other", title: "Another reason (say below)" },
    ],
  },
  { group: "parentalResponsibility", key: "whyNotDetail", label: "More about why not", kind: "multiline", required: true, when: { key: "whyNot", is: "other" }, missing: "Say what the reason is.", maxLength: SECTION },
] as const satisfies readonly FieldSpec[];

export type FieldRow = (typeof REFERRAL_FIELDS)[number];
type IdOf<Row> = Row extends { group: infer G extends string; key: infer K extends string } ? `${G}.${K}` : never;
/** "child.dateOfBirth"; inside a list group the field also carries the entry's index ("personsOfInterest.3.name"). */
export type FieldId = IdOf<FieldRow>;

export function fieldId(field: Pick<FieldSpec, "group" | "key">): string {
  return `${field.group}.${field.key}`;
}

export function fieldsOf(group: GroupId): readonly FieldSpec[] {
  return REFERRAL_FIELDS.filter((field) => field.group === group);
}

/**
 * Whether an empty field is a problem, given what else its group holds: the table's `required`,
 * `or` and `when` columns, read the same way by the card and by the validator.
 */
export function isRequiredNow(field: FieldSpec, valueOf: (key: string) => unknown): boolean {
  if (!field.required) return false;
  if (field.or !== undefined && valueOf(field.or) !== undefined) return false;
  if (field.when !== undefined && valueOf(field.when.key) !== field.when.is) return false;
  return true;
}

// The value a valid field holds, by kind; a choice holds one of its row's values.
type ValueOf<Row> = Row extends { kind: "yesno" }
  ? YesNo
  : Row extends { kind: "number" }
    ? number
    : Row extends { choices: readonly { value: infer V }[] }
      ? V
      : string;
type AlwaysRequired<Row> = Row extends { required: true } ? (Row extends { or: string } | { when: object } ? false : true) : false;
type RowsOf<G extends GroupId> = Extract<FieldRow, { group: G }>;

/** One group's values once valid: always-required fields present, the rest optional. */
export type GroupValues<G extends GroupId> = {
  readonly [Row in RowsOf<G> as AlwaysRequired<Row> extends true ? Row["key"] : never]: ValueOf<Row>;
} & {
  readonly [Row in RowsOf<G> as AlwaysRequired<Row> extends true ? never : Row["key"]]?: ValueOf<Row>;
};
