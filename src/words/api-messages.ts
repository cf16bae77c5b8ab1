// What the tab's API says to the person using the tab when something cannot be done, and the few
// sentences it adds to the views it sends. Each error goes out with a code the tab does not show.

export const API_MESSAGES = {
  checkNotFound: "This check could not be found: checks are kept for 24 hours. Start a new one.",
  checkExpired: "This check has expired: checks are kept for 24 hours. Start a new one.",
  checkStale: "This page was out of date (the check moved on elsewhere): here it is as it is now.",
  draftStale: "This page was out of date (the referral changed elsewhere): here it is as it is now. Check your last changes.",
  noUnfinishedDraft: "You have no unfinished referral.",
  noLocalSignIn: "There is no local sign-in when the bot runs with credentials.",
  chooseTestUser: "Choose a test user on the local sign-in.",
  teamsSignInNotSetUp: "Signing in from Teams is not set up on this server (TAB_AUDIENCE).",
  signInUnavailable: "Signing in cannot be checked just now. Try again in a minute.",
  noSuchRoute: "There is no such route in this API.",
  serverFailed: "Something went wrong on the server.",
  requestUnreadable: "The request could not be read.",
  onlyTriageSees: "Only an area's triage team can see its referrals.",
  noReferralOfYours: "There is no referral of yours with this id.",
  noReferral: "There is no referral with this id.",
  onlyTriageActs: "Only the area's triage team can act on its referrals. Nothing was changed.",
  recordedNotShown: "Done: this was recorded, but the referral could not be shown again just now. Reload it before doing anything more.",
  answerEmpty: "answer: write your answer first.",
  answerNotWaiting: "The front door is no longer waiting for an answer (they marked the information received, or decided): your answer was not sent. It is kept below if you want to copy it.",
  onlyTriageDownloads: "Only the area's triage team can download a referral.",
} as const;

/** A Teams user whose token carries no name. */
export const UNNAMED_TEAMS_USER = "A Teams user";

export const notInTriageTeam = (areaName: string): string => `You are not in ${areaName}'s triage team.`;

export const answerAddedFor = (areaName: string): string => `Your answer was added to the referral, for ${areaName}'s triage team.`;

/** The button under a list of the referral form: "Add a person". */
export const addEntryWords = (a: string): string => `Add ${a}`;
