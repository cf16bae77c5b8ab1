// Issue 9 "Keep and share": a result as a summary for the practitioner's own records, and as a
// draft message to their safeguarding lead. No name is ever asked for, so none is in either.
import type { Areas } from "../content/load-areas.ts";
import { offenceFlagsOf } from "../domain/category.ts";
import type { CheckView } from "../services/check-service.ts";
import { toldMeData, type CardToSend } from "./check-views.ts";
import { contactsSource } from "./contact-data.ts";
import { describeLondonTime } from "./area-contacts-view.ts";
import { OFFENCE_TEXT, badgeFor, categoryWords, flagLines, reassuresInDanger, serviceNameFor } from "../words/result-words.ts";
import { SUMMARY_WORDS } from "../words/chat-words.ts";

// Teams deep links carry the draft in the URL; a short message keeps well inside what clients accept.
const SHARE_MESSAGE_LIMIT = 1000;

export type Summary = { readonly lines: readonly string[]; readonly share: string };

/** The summary's lines (for the card and for copying) and the shorter draft for the lead. */
export function summaryOf(view: CheckView, areas: Areas): Summary {
  const { assessment, state } = view;
  const area = areas.get(state.context.area);
  if (assessment === undefined || area === undefined) throw new Error("a summary needs a result");
  const offences = offenceFlagsOf(assessment.flags);
  const emergency = assessment.flags.includes("emergency");
  const words = categoryWords(assessment.category, offences, emergency);
  const told = toldMeData(state, area);
  const time = describeLondonTime(new Date(assessment.at));
  const made = SUMMARY_WORDS.made(time);
  const category = [
    SUMMARY_WORDS.provisional(words.title),
    assessment.localLabel === null || reassuresInDanger(assessment.category, emergency) ? "" : SUMMARY_WORDS.localLabel(area.name, assessment.localLabel),
    assessment.unconfirmed ? SUMMARY_WORDS.unconfirmed : "",
    ".",
  ].join("");
  const steps = assessment.pathway.map((step, index) => SUMMARY_WORDS.step(index + 1, badgeFor(step, offences.length > 0).text, serviceNameFor(step.service, area)));
  const flags = flagLines(assessment.flags, assessment.category === "not-applicable").map((flag) => flag.title);
  const lines = [
    made,
    ...told.context.map((line) => line.text),
    `${told.signsHeading}${told.signs.length === 0 ? "" : `: ${told.signs.map((sign) => sign.text).join("; ")}`}.`,
    SUMMARY_WORDS.answers(told.answers.map((answer) => answer.text)),
    ...offences.map((flag) => `${OFFENCE_TEXT[flag].title}.`),
    category,
    ...(flags.length === 0 ? [] : [SUMMARY_WORDS.also(flags)]),
    SUMMARY_WORDS.steps(steps),
    SUMMARY_WORDS.decision,
  ];
  const share = [
    SUMMARY_WORDS.shareHeading,
    `${told.context[0]?.text ?? ""} ${SUMMARY_WORDS.madeShort(time)}`,
    ...offences.map((flag) => `${OFFENCE_TEXT[flag].title}.`),
    category,
    ...(flags.length === 0 ? [] : [SUMMARY_WORDS.also(flags)]),
    SUMMARY_WORDS.firstSteps(steps.slice(0, 3)),
    SUMMARY_WORDS.shareClosing,
  ].join("\n");
  return { lines, share: share.length <= SHARE_MESSAGE_LIMIT ? share : `${share.slice(0, SHARE_MESSAGE_LIMIT - 1)}…` };
}

/** A Teams deep link that opens a 1:1 chat with `email`, the summary as the draft: nothing is sent until the user sends it. */
export function shareLink(email: string, message: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}&message=${encodeURIComponent(message)}`;
}

export function summaryCard(view: CheckView, areas: Areas, dslEmail: string | undefined, notice = ""): CardToSend {
  const summary = summaryOf(view, areas);
  const area = areas.get(view.state.context.area);
  return {
    name: "check-summary",
    data: {
      session: { id: view.sessionId, version: view.version },
      notice,
      lines: summary.lines.map((text) => ({ text })),
      copyText: summary.lines.join("\n"),
      dslEmail: dslEmail ?? "",
      shareUrl: dslEmail === undefined ? "" : shareLink(dslEmail, summary.share),
      source: area === undefined ? "" : contactsSource(area),
    },
  };
}
