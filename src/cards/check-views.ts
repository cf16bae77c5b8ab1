// Template data for the four guided-check cards, from a check session's view.
import { DOMAINS, INDICATORS, QUESTIONS, domainOf, type QuestionId } from "../domain/catalogue.ts";
import { EMERGENCY_LINE } from "../domain/pathway-text.ts";
import type { Assessment } from "../domain/assess.ts";
import { offenceFlagsOf } from "../domain/category.ts";
import type { Area } from "../domain/area.ts";
import type { Areas } from "../content/load-areas.ts";
import { FIRST_QUESTION, INPUT, childOf, isAdult, questionsOnStep3, signsFor, stepNumber, type CheckState } from "../services/check-flow.ts";
import type { CheckView } from "../services/check-service.ts";
import { contactData, contactsSource } from "./contact-data.ts";
import type { CardName } from "./render-card.ts";
import { OFFENCE_TEXT, badgeFor, categoryWords, flagLines, reassuresInDanger, serviceNameFor } from "../words/result-words.ts";
import { ADULT_NOTICE_IN_BRIEF, CHILD_NOTICE_IN_BRIEF, CONTINUE, QUESTION_SHORT, STEP_TITLES, TOLD_ANSWER_WORDS, TOLD_ME, UNCONFIRMED, allStepsTitle, nearestLevel, progressLine } from "../words/check-card-words.ts";


export type CardToSend = { readonly name: CardName; readonly data: object };

function header(view: CheckView, notice: string) {
  const step = stepNumber(view.state);
  return {
    session: { id: view.sessionId, version: view.version },
    progress: progressLine(step.number, step.of, STEP_TITLES[view.state.step]),
    notice,
  };
}

/** Areas for a choice list: the configured ones by name, then "Another area". */
export function areaChoices(areas: Areas): { title: string; value: string }[] {
  const listed = [...areas.values()].filter((area) => area.id !== "other").sort((a, b) => a.name.localeCompare(b.name));
  const other = areas.get("other");
  return [...listed, ...(other === undefined ? [] : [other])].map((area) => ({ title: area.name, value: area.id }));
}

const field = (state: CheckState, id: string, value: string) => ({ value, error: state.errors[id] ?? "" });

function contextData(state: CheckState, areas: Areas) {
  const { context } = state;
  return {
    areas: areaChoices(areas),
    fields: {
      area: field(state, INPUT.area, context.area),
      // An Input.Number shows only a valid age; anything else leaves it empty, with the error beside it.
      age: { ...field(state, INPUT.age, context.age), number: childOf(state)?.age ?? "" },
      lookedAfter: field(state, INPUT.lookedAfter, String(context.lookedAfter)),
      placedOutOfArea: field(state, INPUT.placedOutOfArea, String(context.placedOutOfArea)),
      missingEpisodes90d: field(state, INPUT.missingEpisodes90d, context.missingEpisodes90d),
      immediateDanger: { id: FIRST_QUESTION, text: QUESTION_TEXT.get(FIRST_QUESTION) ?? "", answer: state.answers[FIRST_QUESTION] ?? "", error: state.errors[INPUT.answerTo(FIRST_QUESTION)] ?? "" },
    },
  };
}

function signsData(state: CheckState) {
  const shown = new Set(signsFor(state));
  return {
    fields: { signs: field(state, "signs", "") },
    domains: DOMAINS.map((domain) => {
      const selected = state.signs.filter((sign) => domainOf(sign) === domain.id);
      return {
        id: domain.id,
        letter: domain.letter,
        title: domain.title,
        selected: selected.join(","),
        ticked: selected.length === 0 ? "" : `${selected.length} ticked`,
        // Issue 9: each area is folded, so the card stays short; one with ticks stays open to show them.
        open: selected.length > 0,
        signs: INDICATORS.filter((indicator) => domainOf(indicator.id) === domain.id && shown.has(indicator.id)).map((indicator) => ({ id: indicator.id, label: indicator.label })),
      };
    }),
  };
}

const QUESTION_TEXT = new Map<QuestionId, string>(QUESTIONS.map((question) => [question.id, question.text]));
// DOMAIN.md §5: an adult's questions speak of "the person".
const ADULT_QUESTION_TEXT = new Map<QuestionId, string>(QUESTIONS.flatMap((question) => ("adultText" in question ? [[question.id, question.adultText] as [QuestionId, string]] : [])));
const FOLLOW_UPS = new Set<QuestionId>(QUESTIONS.filter((question) => question.askWhen === "exploitationEvidence").map((question) => question.id));

function questionsData(state: CheckState) {
  const shown = questionsOnStep3(state).map((id) => ({
    id,
    text: (isAdult(state) ? ADULT_QUESTION_TEXT.get(id) : undefined) ?? QUESTION_TEXT.get(id) ?? id,
    answer: state.answers[id] ?? "",
    error: state.errors[INPUT.answerTo(id)] ?? "",
  }));
  const questions = shown.filter((question) => !FOLLOW_UPS.has(question.id));
  const followUps = shown.filter((question) => FOLLOW_UPS.has(question.id));
  // Issue 9: once the follow-ups join, the first answers fold away (still sent with the card), unless one is missing.
  const folded = followUps.length > 0 && questions.every((question) => question.answer !== "" && question.error === "");
  return { continueTitle: CONTINUE, questions, followUps, folded, earlierOpen: !folded };
}


/**
 * Issue 9 "Result first": the steps shown before the fold are every step marked Now; with none,
 * the first two marked Today; with none of those, the first step. The rest sit behind "All steps".
 */
export function firstStepCount(pathway: Assessment["pathway"]): number {
  const now = pathway.filter((step) => step.urgency === "now").length;
  if (now > 0) return now;
  const today = pathway.filter((step) => step.urgency === "today").length;
  return Math.max(1, Math.min(2, today));
}

const SIGN_LABEL = new Map<string, string>(INDICATORS.map((indicator) => [indicator.id, indicator.label]));

/** What the practitioner entered, in their words: the basis of the result (no name is ever asked). */
export function toldMeData(state: CheckState, area: Area) {
  const { context } = state;
  const missing = context.missingEpisodes90d.trim() === "" ? TOLD_ME.notGiven : context.missingEpisodes90d.trim();
  const lookedAfter = context.lookedAfter ? (context.placedOutOfArea ? TOLD_ME.placedOutOfArea : TOLD_ME.yes) : TOLD_ME.no;
  return {
    context: [
      { text: TOLD_ME.areaAndAge(area.name, context.age.trim()) },
      { text: TOLD_ME.lookedAfterAndMissing(lookedAfter, missing) },
    ],
    signsHeading: state.signs.length === 0 ? TOLD_ME.noSigns : TOLD_ME.signs(state.signs.length),
    signs: state.signs.map((sign) => ({ text: SIGN_LABEL.get(sign) ?? sign })),
    answers: QUESTIONS.flatMap((question) => {
      const given = state.answers[question.id];
      return given === undefined ? [] : [{ text: TOLD_ME.answer(QUESTION_SHORT[question.id], TOLD_ANSWER_WORDS[given]) }];
    }),
  };
}

function resultData(assessment: Assessment, area: Area, state: CheckState) {
  const offences = offenceFlagsOf(assessment.flags);
  const emergency = assessment.flags.includes("emergency");
  const words = categoryWords(assessment.category, offences, emergency);
  const steps = assessment.pathway.map((step, index) => {
    const badge = badgeFor(step, offences.length > 0);
    return {
      number: index + 1,
      urgencyText: badge.text,
      urgencyColor: badge.color,
      serviceName: serviceNameFor(step.service, area),
      text: step.text,
      contacts: (step.contacts ?? []).map(contactData),
      note: step.contactsNote ?? "",
    };
  });
  const first = firstStepCount(assessment.pathway);
  const later = steps.length - first;
  return {
    areaName: area.name,
    // DOMAIN.md §4: an offence flag's statement leads the result, before the category.
    offences: offences.map((flag) => OFFENCE_TEXT[flag]),
    categoryText: words.title,
    categoryStyle: words.style,
    categoryMeaning: words.meaning,
    // "Low (Green)" beside a child in danger reads as reassurance (DOMAIN.md §5): not shown then.
    localLabel: assessment.localLabel !== null && !words.title.endsWith(assessment.localLabel) && !reassuresInDanger(assessment.category, emergency) ? nearestLevel(area.name, assessment.localLabel) : "",
    unconfirmed: assessment.unconfirmed ? UNCONFIRMED : "",
    flags: flagLines(assessment.flags, assessment.category === "not-applicable"),
    firstSteps: steps.slice(0, first),
    laterSteps: steps.slice(first),
    allStepsTitle: allStepsTitle(later),
    alwaysDo: assessment.alwaysDo,
    toldMe: toldMeData(state, area),
    // In full under "All steps" (the header already carries the 999 line; an adult's own differs, so it stays);
    // in brief before the fold, so the result's top stays in view in a narrow chat (issue 9).
    notices: assessment.notices.filter((notice) => notice.text !== EMERGENCY_LINE).map((notice) => notice.text).join(" "),
    noticesInBrief: assessment.category === "not-applicable" ? ADULT_NOTICE_IN_BRIEF : CHILD_NOTICE_IN_BRIEF,
    source: contactsSource(area),
  };
}

/** The card for a check session's current step. `notice` overrides the state's own notice (e.g. after a double press). */
export function checkCard(view: CheckView, areas: Areas, notice = view.state.notice): CardToSend {
  const { state } = view;
  const common = header(view, notice);
  switch (state.step) {
    case "context":
      return { name: "check-context", data: { ...common, ...contextData(state, areas) } };
    case "signs":
      return { name: "check-signs", data: { ...common, ...signsData(state) } };
    case "questions":
      return { name: "check-questions", data: { ...common, ...questionsData(state) } };
    case "result": {
      const area = areas.get(state.context.area);
      if (view.assessment === undefined || area === undefined) throw new Error("a result view needs an assessment and a known area");
      return { name: "check-result", data: { ...common, ...resultData(view.assessment, area, state) } };
    }
  }
}

