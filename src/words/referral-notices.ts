// What a practitioner is told when a referral draft cannot be opened or moved on: the same words in
// the chat and in the tab.
export const NOTICES_FOR_REFERRALS = {
  "no-result": "A referral starts from a check's result, so that nothing is typed twice. Run a check first (\"Check a concern\"), then press \"Make a referral\" on its result.",
  "not-found": "This referral draft could not be found: drafts are kept for 7 days. Start again from a check's result.",
  expired: "This referral draft has expired: drafts are kept for 7 days. Start again from a check's result.",
  foreign: "This referral belongs to someone else. Only the person who started a referral can change or send it.",
  invalid: "That button did not work: the card sent something I could not read. Start again from the menu.",
  // The per-person limits (FLOOD_LIMITS in src/services/referral-service.ts).
  "too-many-drafts":
    "You have started 30 referrals in the last hour, the most this bot starts for one person in an hour. Continue one you started (\"Continue your referral\"), or try again later. If a child is at risk now, phone the front door (\"Who do I contact\"), or call 999 if they are in immediate danger.",
  "too-many-referrals":
    "You have submitted 10 referrals in the last hour, the most this bot takes from one person in an hour, so this one is not sent yet: it is kept as you left it (\"Continue your referral\"). If a child is at risk now, phone the front door (\"Who do I contact\"), or call 999 if they are in immediate danger.",
} as const;
