// What a practitioner is told when a referral draft cannot be opened or moved on: the same words in
// the chat and in the tab.
export const NOTICES_FOR_REFERRALS = {
  "no-result": "A referral starts from a check's result, so that nothing is typed twice. Run a check first (\"Check a concern\"), then press \"Make a referral\" on its result.",
  "not-found": "This referral draft could not be found: drafts are kept for 7 days. Start again from a check's result.",
  expired: "This referral draft has expired: drafts are kept for 7 days. Start again from a check's result.",
  foreign: "This referral belongs to someone else. Only the person who started a referral can change or send it.",
  invalid: "That button did not work: the card sent something I could not read. Start again from the menu.",
} as const;
