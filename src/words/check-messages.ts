// What the guided check says on its cards (and the tab's form) when an answer is missing or
// cannot be read, and the notices at the top of the next step.

export const CHECK_MESSAGES = {
  chooseArea: "Choose the child's area (or \"Another area\").",
  enterAge: "Enter the child's age in whole years.",
  ageRange: "Enter the age as a whole number from 0 to 25.",
  missingEpisodes: "Enter a whole number of times, or leave it empty if you do not know.",
  unknownSign: "The card sent a sign this check does not know. Please tick the signs again.",
  chooseAnswer: "Please choose yes, no or not sure.",
  checkHighlighted: "Please check the highlighted answers.",
  checkSigns: "Please check the signs.",
  adultRoute: "18 or over: the child sexual exploitation pathway does not apply. These two questions decide the adult route.",
  followUps: "Your answers mean four more questions apply. Please answer them below.",
} as const;

/** The same problems pressed again: said in other words, so the card visibly changes. */
export const stillNotDone = (problem: string): string => `Still not done: ${problem}`;

// DOMAIN.md §4 `emergency`: yes or not sure. Said on the very next card, before anything else is asked.
export const dangerNotice = (who: "child" | "person"): string => `You said the ${who} may be in immediate danger: call 999 now if you have not. Then carry on here.`;

export const answerMarked = (count: number): string => `Please answer ${count === 1 ? "the question" : `the ${count} questions`} marked below.`;
