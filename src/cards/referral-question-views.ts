// The front door's question to the referrer, in their 1:1 chat (issue 10, point 7): the question,
// a box for the answer and Send; then what was sent. The answer goes into the referral's sealed
// history, for the triage team, never into the channel. What the referrer typed is never lost: a
// press that could not send it shows it again.
import type { CardToSend } from "./check-views.ts";

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
  // DOMAIN.md §8: whoever asks is the area's triage team in Teams; the product does not call it the front door.
  const front = `${view.areaName}'s triage team`;
  const note =
    state.kind === "asking" ? (state.note ?? "") : state.kind === "not-waiting" ? `${front} is no longer waiting for this answer, so it was not sent. If it still matters, phone or email them and give the reference ${view.reference}.` : "";
  return {
    name: "referral-question",
    data: {
      title: state.kind === "sent" ? `Answer sent to ${front} (${view.reference})` : `${front} asks about your referral ${view.reference}`,
      note,
      question: view.question,
      canAnswer: state.kind === "asking",
      typed: view.typed ?? "",
      typedLabel: state.kind === "sent" ? `Your answer, sent at ${state.at}` : "Your answer, not sent",
      footer: "Your answer is added to the referral's record for the front door's triage team. You are told here when they decide.",
      data: { referralId: view.referralId },
    },
  };
}
