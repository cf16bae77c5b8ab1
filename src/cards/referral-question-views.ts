// The front door's question to the referrer, in their 1:1 chat (issue 10, point 7): the question,
// a box for the answer and Send; then what was sent. The answer goes into the referral's sealed
// history, for the triage team, never into the channel. What the referrer typed is never lost: a
// press that could not send it shows it again.
import type { CardToSend } from "./check-views.ts";
import { QUESTION_CARD_WORDS } from "../words/triage-card-words.ts";

export type QuestionView = {
  readonly referralId: string;
  readonly reference: string;
  readonly areaName: string;
  readonly question: string;
  /** What to show: asking; sent (with the time); or not sent because the front door no longer waits. */
  readonly state: { readonly kind: "asking"; readonly note?: string } | { readonly kind: "sent"; readonly at: string } | { readonly kind: "not-waiting" };
  /** What the referrer typed, kept. */
  readonly typed?: string;
};

export function referralQuestionCard(view: QuestionView): CardToSend {
  const { state } = view;
  const front = QUESTION_CARD_WORDS.asker(view.areaName);
  const note = state.kind === "asking" ? (state.note ?? "") : state.kind === "not-waiting" ? QUESTION_CARD_WORDS.notWaiting(front, view.reference) : "";
  return {
    name: "referral-question",
    data: {
      title: state.kind === "sent" ? QUESTION_CARD_WORDS.sentTitle(front, view.reference) : QUESTION_CARD_WORDS.askingTitle(front, view.reference),
      note,
      question: view.question,
      canAnswer: state.kind === "asking",
      typed: view.typed ?? "",
      typedLabel: state.kind === "sent" ? QUESTION_CARD_WORDS.sentLabel(state.at) : QUESTION_CARD_WORDS.notSentLabel,
      footer: QUESTION_CARD_WORDS.footer,
      data: { referralId: view.referralId },
    },
  };
}
