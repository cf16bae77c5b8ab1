// How each area's own referral form orders the referral (issue 11, point 4), so the exported PDF
// reads like the form the front door's case management system expects. Two forms are in the
// sources: Kingston & Richmond's CSE Referral Form with its MASE Referral Information page
// (seed 002), and Lambeth's Multi-Agency Referral Form, the MARF (seed 000). Every other area
// gets Kingston & Richmond's, the fuller of the two. Each layout places every field of
// REFERRAL_FIELDS once (test/words/referral-form-layouts.test.ts); fields a form has no box for
// follow its own, in the part where they fit best, and a part a form lacks says so in its title.
import type { FieldId, GroupId } from "../domain/referral-fields.ts";

export type FormPart = {
  readonly title: string;
  /** One group's fields, in the form's order. */
  readonly group: GroupId;
  readonly fields: readonly FieldId[];
  /**
   * Kept together on the form (Kingston & Richmond's MASE Referral Information): it starts a new
   * page when it does not fit on the rest of the current one but fits on a page.
   */
  readonly newPage?: boolean;
  /** What one entry of a list group is called on this form: "Person of concern 3 of 20". */
  readonly entryTitle?: string;
};

export type FormLayout = {
  readonly id: "kingston-richmond-cse" | "lambeth-marf";
  /** The form's own title. */
  readonly title: string;
  /** Whose form it is, said under the title. */
  readonly source: string;
  /** The protective marking the form carries, printed on every page; none where it has none. */
  readonly marking?: string;
  readonly parts: readonly FormPart[];
};

const CHILD_ON_KR_FORM = [
  "child.forename", "child.surname", "child.alias", "child.address", "child.gender", "child.dateOfBirth", "child.age",
  "child.language", "child.ethnicity", "child.religion", "child.disability", "child.gangAffiliation", "child.leadPractitioner", "child.socialWorker",
  "child.school", "child.socialCareStatus",
] as const satisfies readonly FieldId[];

const CONCERN = [
  "concern.worries", "concern.pastHarm", "concern.futureDanger", "concern.complicatingFactors",
  "concern.workingWell", "concern.needsToHappen", "concern.views", "concern.nextSteps",
] as const satisfies readonly FieldId[];

// The form's own fields first (name, alias, address, date of birth, offending history, youth
// offending service or police involvement, relationship), then ours.
const PERSON = [
  "personsOfInterest.name", "personsOfInterest.description", "personsOfInterest.alias", "personsOfInterest.address",
  "personsOfInterest.approximateAge", "personsOfInterest.offendingHistory", "personsOfInterest.youthOffendingOrPolice",
  "personsOfInterest.relationship", "personsOfInterest.vehicle", "personsOfInterest.onlineHandles",
] as const satisfies readonly FieldId[];

const LOCATION = ["locationsOfInterest.place", "locationsOfInterest.whatHappens", "locationsOfInterest.times"] as const satisfies readonly FieldId[];

// seed 002, MASE Referral Information: missing episodes, missing from school, A&E, cross border,
// substance use, risky internet use, trafficking (and whether an NRM was made), sexual health,
// county lines, sibling or familial links, additional intelligence; and among them radicalisation,
// sexually harmful behaviour, CAWN and police flag, which a group of their own holds here.
const MASE = [
  "mase.missingEpisodes", "mase.missingFromSchool", "mase.emergencyAttendances", "mase.crossBorder", "mase.substanceUse",
  "mase.riskyInternetUse", "mase.trafficking", "mase.nrmReferralMade", "mase.sexualHealth", "mase.countyLines",
  "mase.familyLinks", "mase.additionalIntelligence",
] as const satisfies readonly FieldId[];

const MASE_OTHER_RISKS = [
  "maseOtherRisks.radicalisation", "maseOtherRisks.sexuallyHarmfulBehaviour", "maseOtherRisks.cawnIssued", "maseOtherRisks.policeFlag",
] as const satisfies readonly FieldId[];

const CARER = [
  "parentsAndCarers.name", "parentsAndCarers.relationship", "parentsAndCarers.dateOfBirth", "parentsAndCarers.address",
  "parentsAndCarers.phone", "parentsAndCarers.language", "parentsAndCarers.mayBeRisk",
] as const satisfies readonly FieldId[];

const HOUSEHOLD_CHILD = [
  "householdChildren.name", "householdChildren.dateOfBirth", "householdChildren.age", "householdChildren.school",
] as const satisfies readonly FieldId[];

const PARENTAL_RESPONSIBILITY = [
  "parentalResponsibility.told", "parentalResponsibility.toldHow", "parentalResponsibility.toldOn",
  "parentalResponsibility.whyNot", "parentalResponsibility.whyNotDetail",
] as const satisfies readonly FieldId[];

/**
 * seed 002, "CSE Referral Form": referrer (name, agency, role, email or telephone), child,
 * offender / suspect / person of concern, locations of interest, details of current CSE concerns;
 * then, on its own page, "MASE Referral Information (to be completed by lead professional)". The
 * form carries no protective marking.
 */
export const KINGSTON_RICHMOND_FORM: FormLayout = {
  id: "kingston-richmond-cse",
  title: "CSE Referral Form",
  source: "Laid out as the Kingston & Richmond CSE Referral Form, with its MASE Referral Information.",
  parts: [
    { title: "Referrer", group: "referrer", fields: ["referrer.name", "referrer.agency", "referrer.role", "referrer.email", "referrer.phone", "referrer.dslInformed"] },
    { title: "Child", group: "child", fields: [...CHILD_ON_KR_FORM, "child.nhsNumber", "child.upn", "child.lookedAfterBy", "child.placedIn", "child.earlyHelpAssessment", "child.otherAgencies"] },
    { title: "Household (not on the form)", group: "household", fields: ["household.livesWith"] },
    { title: "Parents and carers (not on the form)", group: "parentsAndCarers", fields: CARER, entryTitle: "Parent or carer" },
    { title: "Brothers, sisters and other children (not on the form)", group: "householdChildren", fields: HOUSEHOLD_CHILD, entryTitle: "Child" },
    { title: "Offender / suspect / person of concern", group: "personsOfInterest", fields: PERSON, entryTitle: "Person of concern" },
    { title: "Locations of interest", group: "locationsOfInterest", fields: LOCATION, entryTitle: "Location" },
    { title: "Details of current CSE concerns", group: "concern", fields: CONCERN },
    { title: "Parental responsibility (not on the form)", group: "parentalResponsibility", fields: PARENTAL_RESPONSIBILITY },
    { title: "MASE Referral Information", group: "mase", fields: MASE, newPage: true },
    { title: "MASE Referral Information: other risks and police measures", group: "maseOtherRisks", fields: MASE_OTHER_RISKS },
  ],
};

/**
 * seed 000, Appendix 2, "Multi-Agency Referral Form" (marked CONFIDENTIAL): agency completing
 * (name of worker, agency, date of referral, role), the child (forename, surname, home address;
 * ethnicity, date of birth, NHS number, unique pupil number), what are you worried about, past
 * harm, future danger, complicating factors, what is working well, what needs to happen, parent
 * and child's views, next steps; last, whether those with parental responsibility have seen it.
 * Its "Family information" (name, date of birth, relationship to the child) follows the child, as
 * on the form, then its "Overview of agency involvement" and "Has a CAF been completed" (kept with
 * the child's other details here).
 * The MARF has no boxes for people or places of interest, nor for MASE information: they follow
 * the worries, before parental responsibility, which the form keeps for its end.
 */
export const LAMBETH_MARF: FormLayout = {
  id: "lambeth-marf",
  title: "Multi-Agency Referral Form (MARF)",
  source: "Laid out as Lambeth Children's Services First Response Team's Multi-Agency Referral Form.",
  marking: "CONFIDENTIAL",
  parts: [
    { title: "Agency completing", group: "referrer", fields: ["referrer.name", "referrer.agency", "referrer.role", "referrer.email", "referrer.phone", "referrer.dslInformed"] },
    {
      title: "Family details: child",
      group: "child",
      fields: [
        "child.forename", "child.surname", "child.address", "child.ethnicity", "child.dateOfBirth", "child.age", "child.nhsNumber", "child.upn",
        "child.alias", "child.gender", "child.school", "child.language", "child.religion", "child.disability", "child.lookedAfterBy", "child.placedIn",
        "child.socialWorker", "child.leadPractitioner", "child.otherAgencies", "child.earlyHelpAssessment", "child.gangAffiliation", "child.socialCareStatus",
      ],
    },
    { title: "Family information: who the child lives with", group: "household", fields: ["household.livesWith"] },
    {
      title: "Family information: parents and carers",
      group: "parentsAndCarers",
      fields: ["parentsAndCarers.name", "parentsAndCarers.dateOfBirth", "parentsAndCarers.relationship", "parentsAndCarers.address", "parentsAndCarers.phone", "parentsAndCarers.language", "parentsAndCarers.mayBeRisk"],
      entryTitle: "Parent or carer",
    },
    { title: "Family information: brothers, sisters and other children", group: "householdChildren", fields: HOUSEHOLD_CHILD, entryTitle: "Child" },
    { title: "Worries, harm and safety", group: "concern", fields: CONCERN },
    { title: "People of interest (not on the MARF)", group: "personsOfInterest", fields: PERSON, entryTitle: "Person" },
    { title: "Places of interest (not on the MARF)", group: "locationsOfInterest", fields: LOCATION, entryTitle: "Place" },
    { title: "MASE information (not on the MARF)", group: "mase", fields: MASE },
    { title: "MASE information: other risks and police measures (not on the MARF)", group: "maseOtherRisks", fields: MASE_OTHER_RISKS },
    { title: "Parental responsibility", group: "parentalResponsibility", fields: PARENTAL_RESPONSIBILITY },
  ],
};

const FORM_OF_AREA: ReadonlyMap<string, FormLayout> = new Map([
  ["kingston", KINGSTON_RICHMOND_FORM],
  ["richmond", KINGSTON_RICHMOND_FORM],
  ["lambeth", LAMBETH_MARF],
]);

/** The form an area's referrals are printed as; Kingston & Richmond's for an area without its own. */
export function formLayoutFor(areaId: string): FormLayout {
  return FORM_OF_AREA.get(areaId) ?? KINGSTON_RICHMOND_FORM;
}
