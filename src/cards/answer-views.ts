// Template data for answers to free text (DESIGN.md "Questions"): the urgent card (danger first)
// and the context any answer carries: the contacts of an area the message named, open at the
// time it asked about, and the rule for an age it gave.
import type { Area } from "../domain/area.ts";
import type { Areas } from "../content/load-areas.ts";
import { POLICE_STEP, URGENT_ADVICE, URGENT_STEPS, URGENT_TITLE, ageRule } from "../domain/urgent-text.ts";
import type { MessageContext, QuestionAnswer, UrgentReason } from "../services/answer-question.ts";
import { areaContactsSections, atText } from "./area-contacts-view.ts";
import { contactsSource } from "./contact-data.ts";
import type { CardToSend } from "./check-views.ts";
import { guidanceCard, guidanceLink } from "./menu-views.ts";
import { whyUrgent } from "../words/question-words.ts";

type Urgent = Extract<QuestionAnswer, { kind: "urgent" }>;
type Guidance = Extract<QuestionAnswer, { kind: "guidance" }>;

/** The area the message named, when this tool has a file for it. */
function areaOf(context: MessageContext, areas: Areas): Area | undefined {
  return context.areaId === undefined ? undefined : areas.get(context.areaId);
}

/** The answer-context partial's data: the age's rule and the named area's contacts at the time asked. */
export function contextData(context: MessageContext, areas: Areas) {
  const area = areaOf(context, areas);
  const ageLine = context.age === undefined ? "" : (ageRule(context.age) ?? "");
  const { time } = context;
  return {
    shown: ageLine !== "" || area !== undefined,
    ageLine,
    areaName: area?.name ?? "",
    atText: area === undefined ? "" : atText(time.at, time.timeNamed, time.unreadable),
    sections: area === undefined ? [] : areaContactsSections(area, time.at, time.timeNamed),
    areaNote: area === undefined ? "" : contactsSource(area),
  };
}

/** "Check a concern" started with what the message gave: the area and the age (a new check, prefilled). */
function checkData(context: MessageContext): Record<string, string> {
  return {
    ...(context.areaId === undefined ? {} : { area: context.areaId }),
    ...(context.age === undefined ? {} : { age: String(context.age) }),
  };
}

// DOMAIN.md §5: where a crime may be recent, evidence; otherwise the police now; a missing child.
const POLICE_ORDER = ["evidence", "now", "missing"] as const;

function urgentSteps(reasons: readonly UrgentReason[], area: Area | undefined): string[] {
  const police = POLICE_ORDER.filter((route) => reasons.some((reason) => reason.police === route));
  // "evidence" says all that "now" says, and more.
  const policeSteps = (police.includes("evidence") ? police.filter((route) => route !== "now") : police).map((route) => POLICE_STEP[route]);
  const advice = [...new Set(reasons.flatMap((reason) => reason.advice))].map((id) => URGENT_ADVICE[id]);
  return [
    URGENT_STEPS.emergency,
    URGENT_STEPS.dsl,
    area === undefined ? URGENT_STEPS.frontDoorNoArea : URGENT_STEPS.frontDoorArea(area.name),
    ...policeSteps,
    URGENT_STEPS.doNotQuestion,
    ...(reasons.some((reason) => reason.images) ? [URGENT_STEPS.images] : []),
    ...advice,
    URGENT_STEPS.check,
  ];
}

// The steps that must be done now are in bold, with the contacts under them; the rest is how.
const NOW_STEPS = 3;

export function urgentCard(answer: Urgent, areas: Areas): CardToSend {
  const area = areaOf(answer.context, areas);
  const means = [...new Set(answer.reasons.map((reason) => reason.means))];
  const steps = urgentSteps(answer.reasons, area).map((text, index) => ({ number: index + 1, text, weight: index < NOW_STEPS ? "Bolder" : "Default" }));
  return {
    name: "urgent",
    data: {
      title: URGENT_TITLE,
      why: whyUrgent(means),
      // The first three (999, the DSL, the front door) are what to do now, so the front door's
      // contacts come straight after them; the rest is how.
      nowSteps: steps.slice(0, NOW_STEPS),
      thenSteps: steps.slice(NOW_STEPS),
      context: contextData(answer.context, areas),
      topics: [answer.topic, ...answer.alternatives].map(guidanceLink),
      check: checkData(answer.context),
      pickArea: area === undefined,
    },
  };
}

/** A guidance answer with what the message gave: its area's contacts, its age's rule, and the runners-up. */
export function answeredGuidanceCard({ entry, related, alternatives, context }: Guidance, areas: Areas): CardToSend {
  return guidanceCard(entry, related, { alternatives, context: contextData(context, areas), check: checkData(context) });
}
