// What the bot says in a group chat or channel, where nothing about a child is shown, and its
// replies that are not a card of their own: the area to choose, a place it does not cover, a
// button pressed twice.

export const BOT_REPLIES = {
  referralsArePrivate: "Referrals are written only in your 1:1 chat with me, so that nothing about a child is shown to a group: open it and press \"Make a referral\" on your check's result.",
  sentPrivately: "I have sent you a private message to start your check, so that nothing about a child is shown to this group. If a child is in immediate danger, call 999.",
  couldNotMessage: "I could not send you a private message. Open a 1:1 chat with me (find me under Apps, or select my name) and type \"check\" there. If a child is in immediate danger, call 999.",
  askArea: "Which area is the child in? Choose it to see who to contact.",
  /** On the group's card, after "Check a concern" was pressed there. */
  checkSentPrivately: "I have sent you a private message to start your check.",
  checksArePrivate: "Checks run only in your 1:1 chat with me: open it and type \"check\".",
  /** A triage member whose Teams name did not come with the press. */
  unnamedTriageMember: "A triage team member",
  checkPressedTwice: "That button had already been pressed, or this is an older copy of the card: here is where your check is now.",
  enterLeadEmail: "Enter your safeguarding lead's work email, such as name@school.org.uk.",
  noLastResult: "You have no check result from the last 24 hours. Results are deleted after 24 hours, so that nothing about a child is kept longer than needed.",
  leadEmailSaved: "Saved. \"Share with my lead\" opens a chat with them.",
  chooseAreaFirst: "Please choose an area first.",
  /** Anything unexpected in a turn (onTurnError): never the error, which may describe a child. */
  turnFailed: "Sorry, something went wrong on our side. Please try again, or type \"menu\". If a child is in immediate danger, call 999.",
  referralPressedTwice: "That button had already been pressed, or this is an older copy of the card: here is your referral as it is now.",
} as const;

/** A place named in a question that no area file covers (DOMAIN.md §6: named as such, with "Another area"). */
export const notCovered = (place: string): string =>
  `${place} is not covered by this tool. Choose "Another area" for what to do and the national numbers, and use your local procedures to find ${place}'s children's social care front door.`;
