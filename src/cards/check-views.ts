// Template data for the four guided-check cards, from a check session's view.
import { DOMAINS, INDICATORS, QUESTIONS, domainOf, type QuestionId } from "../domain/catalogue.ts";
import type { Assessment } from "../domain/assess.ts";
import { offenceFlagsOf } from "../domain/category.ts";
import type { Area } from "../domain/area.ts";
import type { Areas } from "../content/load-areas.ts";
import { INPUT, STEPS, stepNumber, visibleQuestions, type CheckState, type Step } from "../services/check-flow.ts";
import type { CheckView } from "../services/check-service.ts";
import { contactData, contactsSource } from "./contact-data.ts";
import type { CardName } from "./render-card.ts";
import { OFFENCE_TEXT, SERVICE_NAME, badgeFor, categoryWords, flagLines } from "./result-words.ts";

const STEP_TITLES: Record<Step, string> = { context: "about the child", signs: "warning signs", questions: "questions", result: "provisional result" };

const FOLLOW_UP_HEADING = "Follow-up questions: these apply because your answers point to exploitation.";

export type CardToSend = { readonly name: CardName; readonly data: object };

function header(view: CheckView, notice: string) {
  return {
    session: { id: view.sessionId, version: view.version },
    progress: `Step ${stepNumber(view.state.step)} of ${STEPS.length}: ${STEP_TITLES[view.state.step]}`,
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
      age: field(state, INPUT.age, context.age),
      lookedAfter: field(state, INPUT.lookedAfter, String(context.lookedAfter)),
      placedOutOfArea: field(state, INPUT.placedOutOfArea, String(context.placedOutOfArea)),
      missingEpisodes90d: field(state, INPUT.missingEpisodes90d, context.missingEpisodes90d),
    },
  };
}

function signsData(state: CheckState) {
  return {
    fields: { signs: field(state, "signs", "") },
    domains: DOMAINS.map((domain) => ({
      id: domain.id,
      letter: domain.letter,
      title: domain.title,
      selected: state.signs.filter((sign) => domainOf(sign) === domain.id).join(","),
      signs: INDICATORS.filter((indicator) => domainOf(indicator.id) === domain.id).map((indicator) => ({ id: indicator.id, label: indicator.label })),
    })),
  };
}

const QUESTION_TEXT = new Map<QuestionId, string>(QUESTIONS.map((question) => [question.id, question.text]));
const FIRST_FOLLOW_UP = QUESTIONS.find((question) => question.askWhen === "exploitationEvidence")?.id;

function questionsData(state: CheckState) {
  return {
    continueTitle: "Continue",
    questions: visibleQuestions(state).map((id) => ({
      id,
      text: QUESTION_TEXT.get(id) ?? id,
      answer: state.answers[id] ?? "",
      error: state.errors[INPUT.answerTo(id)] ?? "",
      heading: id === FIRST_FOLLOW_UP ? FOLLOW_UP_HEADING : "",
    })),
  };
}

const UNCONFIRMED =
  "Unconfirmed: one or more \"not sure\" answers raised this result; with \"no\" instead it would be lower. Act on it now all the same: when in doubt, consult the front door. Social care and the police will confirm or change it.";

export function resultData(assessment: Assessment, area: Area) {
  const offences = offenceFlagsOf(assessment.flags);
  const words = categoryWords(assessment.category, offences);
  return {
    areaName: area.name,
    // DOMAIN.md §4: an offence flag's statement leads the result, before the category.
    offences: offences.map((flag) => OFFENCE_TEXT[flag]),
    categoryText: words.title,
    categoryStyle: words.style,
    categoryMeaning: words.meaning,
    localLabel: assessment.localLabel !== null && !words.title.endsWith(assessment.localLabel) ? `${area.name} calls this: ${assessment.localLabel}` : "",
    unconfirmed: assessment.unconfirmed ? UNCONFIRMED : "",
    flags: flagLines(assessment.flags, assessment.category === "not-applicable"),
    pathway: assessment.pathway.map((step, index) => {
      const badge = badgeFor(step, offences.length > 0);
      return {
        number: index + 1,
        urgencyText: badge.text,
        urgencyColor: badge.color,
        serviceName: step.service === "front-door" && area.id !== "other" ? area.frontDoor.name : SERVICE_NAME[step.service],
        text: step.text,
        contacts: (step.contacts ?? []).map(contactData),
        note: step.contactsNote ?? "",
      };
    }),
    alwaysDo: assessment.alwaysDo,
    notices: assessment.notices.map((notice) => ({ text: notice.text, weight: notice.id === "emergency" || notice.id === "act-now" ? "Bolder" : "Default" })),
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
      return { name: "check-result", data: { ...common, ...resultData(view.assessment, area) } };
    }
  }
}

