// The guided check as a state machine over four steps (DESIGN.md "Guided check"): context →
// signs → questions → result. Pure: inputs in, next state out. What a person typed is kept in
// the state even when it is invalid, so a correction never means typing it again.
import { z } from "zod";
import { ANSWERS, DOMAINS, QUESTIONS, SIGN_IDS, domainOf, type Answer, type QuestionId, type SignId } from "../domain/catalogue.ts";
import { Answers, type AssessmentInput } from "../domain/assessment-input.ts";
import { hasExploitationEvidence } from "../domain/category.ts";
import { CHECK_MESSAGES, answerMarked, dangerNotice, stillNotDone } from "../words/check-messages.ts";

export const STEPS = ["context", "signs", "questions", "result"] as const;
export type Step = (typeof STEPS)[number];

export const CheckState = z.object({
  step: z.enum(STEPS),
  /** Step 1 as typed: strings, so "fourteen" is kept and shown back with its error. */
  context: z.object({
    area: z.string(),
    age: z.string(),
    lookedAfter: z.boolean(),
    placedOutOfArea: z.boolean(),
    missingEpisodes90d: z.string(),
  }),
  signs: z.array(z.enum(SIGN_IDS)),
  answers: Answers,
  /** The four follow-ups are shown once there is evidence of exploitation (DOMAIN.md §3). */
  followUpsShown: z.boolean(),
  /** Field id → message, shown next to the field on the current step's card. */
  errors: z.record(z.string(), z.string()),
  /** A one-line message at the top of the card about what just happened. */
  notice: z.string(),
});
export type CheckState = z.infer<typeof CheckState>;

/** Input values as Teams sends them with an Action.Execute: strings keyed by input id. */
export type Inputs = Readonly<Record<string, string | undefined>>;

export const INPUT = {
  area: "area",
  age: "age",
  lookedAfter: "lookedAfter",
  placedOutOfArea: "placedOutOfArea",
  missingEpisodes90d: "missingEpisodes90d",
  signsOf: (domain: string) => `signs_${domain}`,
  answerTo: (question: QuestionId) => `q_${question}`,
} as const;

export function startState(): CheckState {
  return {
    step: "context",
    context: { area: "", age: "", lookedAfter: false, placedOutOfArea: false, missingEpisodes90d: "" },
    signs: [],
    answers: {},
    followUpsShown: false,
    errors: {},
    notice: "",
  };
}

const WHOLE_NUMBER = /^\s*\d{1,3}\s*$/;

/** The child's context once step 1 is valid; undefined before. */
export function childOf(state: CheckState): AssessmentInput["child"] | undefined {
  const { age, lookedAfter, placedOutOfArea, missingEpisodes90d } = state.context;
  if (!WHOLE_NUMBER.test(age) || Number(age) > 25) return undefined;
  return {
    age: Number(age),
    lookedAfter,
    placedOutOfArea: lookedAfter && placedOutOfArea,
    ...(WHOLE_NUMBER.test(missingEpisodes90d) ? { missingEpisodes90d: Number(missingEpisodes90d) } : {}),
  };
}

/** The signs offered on step 2: the under-13 sign only for a child under 13 (issue 9). */
export function signsFor(state: CheckState): SignId[] {
  const age = childOf(state)?.age;
  return SIGN_IDS.filter((sign) => sign !== "sexual.activeUnder13" || age === undefined || age < 13);
}

// A sign that says the same as a question answers it "yes" until the user says otherwise (issue 9).
const SIGN_ANSWERS: readonly { sign: SignId; question: QuestionId }[] = [
  { sign: "sexual.activeUnder13", question: "sexualActivityUnder13" },
  { sign: "sexual.disclosedAssault", question: "sexualAbuse" },
];

/** True once step 1 says 18 or over: the adult route (DOMAIN.md §4 `adult`). */
export function isAdult(state: CheckState): boolean {
  return (childOf(state)?.age ?? 0) >= 18;
}

// DOMAIN.md §5: for an adult only these change the route (999 first, police for a rape or sexual
// assault, police and NRM for trafficking); the CSE signs and questions do not apply (issue 9).
const ADULT_QUESTIONS: readonly QuestionId[] = ["immediateDanger", "sexualAbuse", "trafficking"];

/**
 * DOMAIN.md §3: immediate danger is asked "always, first": on step 1, before anything else, so a
 * child in danger now is known at once and the questions card stays short (issue 9).
 */
export const FIRST_QUESTION = "immediateDanger" satisfies QuestionId;

/**
 * The questions step 3 shows: those that apply, less the one asked on step 1, unless it has no
 * answer (a check begun before step 1 asked it is still asked, never taken as "no").
 */
export function questionsOnStep3(state: CheckState): QuestionId[] {
  return visibleQuestions(state).filter((question) => question !== FIRST_QUESTION || state.answers[FIRST_QUESTION] === undefined);
}

/** The steps this check goes through: an adult skips the warning signs. */
export function stepsOf(state: CheckState): readonly Step[] {
  return isAdult(state) ? ["context", "questions", "result"] : STEPS;
}

/** The questions to show now, in DOMAIN.md §3 order. */
export function visibleQuestions(state: CheckState): QuestionId[] {
  const age = childOf(state)?.age;
  if (isAdult(state)) return ADULT_QUESTIONS.slice();
  return QUESTIONS.filter(
    (question) =>
      question.askWhen === "always" ||
      (question.askWhen === "under13" && age !== undefined && age < 13) ||
      (question.askWhen === "exploitationEvidence" && state.followUpsShown),
  ).map((question) => question.id);
}

const isToggleOn = (value: string | undefined) => value === "true";

// Every step's card carries all of that step's inputs, and Teams leaves an emptied input out of
// the action data, so a missing value means "now empty", never "unchanged".
// A card's maxLength is only a hint to the client: what is kept of a typed field is capped here, so a
// tampered press cannot grow a stored session or the card sent back (issue 8, point 6).
const MAX_TYPED = 40;
const typed = (value: string | undefined): string => (value ?? "").slice(0, MAX_TYPED);

function readContext(inputs: Inputs): CheckState["context"] {
  const lookedAfter = isToggleOn(inputs[INPUT.lookedAfter]);
  return {
    area: typed(inputs[INPUT.area]),
    age: typed(inputs[INPUT.age]),
    lookedAfter,
    placedOutOfArea: lookedAfter && isToggleOn(inputs[INPUT.placedOutOfArea]),
    missingEpisodes90d: typed(inputs[INPUT.missingEpisodes90d]),
  };
}

function contextErrors(context: CheckState["context"], areaIds: ReadonlySet<string>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!areaIds.has(context.area)) errors[INPUT.area] = CHECK_MESSAGES.chooseArea;
  if (context.age.trim() === "") errors[INPUT.age] = CHECK_MESSAGES.enterAge;
  else if (!WHOLE_NUMBER.test(context.age) || Number(context.age) > 25) errors[INPUT.age] = CHECK_MESSAGES.ageRange;
  if (context.missingEpisodes90d.trim() !== "" && !WHOLE_NUMBER.test(context.missingEpisodes90d)) {
    errors[INPUT.missingEpisodes90d] = CHECK_MESSAGES.missingEpisodes;
  }
  return errors;
}

function readSigns(state: CheckState, inputs: Inputs): { signs: SignId[]; unknown: string[] } {
  const known = new Set<string>(signsFor(state));
  const chosen: SignId[] = [];
  const unknown: string[] = [];
  for (const domain of DOMAINS) {
    const value = inputs[INPUT.signsOf(domain.id)] ?? "";
    for (const id of value.split(",").map((part) => part.trim()).filter((part) => part !== "")) {
      if (known.has(id) && domainOf(id as SignId) === domain.id) chosen.push(id as SignId);
      else unknown.push(id);
    }
  }
  return { signs: [...new Set(chosen)], unknown };
}

function readAnswers(state: CheckState, inputs: Inputs): CheckState["answers"] {
  const answers: CheckState["answers"] = { ...state.answers };
  for (const question of questionsOnStep3(state)) {
    const value = inputs[INPUT.answerTo(question)] ?? "";
    if ((ANSWERS as readonly string[]).includes(value)) answers[question] = value as Answer;
    else delete answers[question];
  }
  return answers;
}

/** Keeps only answers to questions that apply, so a hidden follow-up never counts. */
function applicableAnswers(state: CheckState): CheckState["answers"] {
  const visible = new Set(visibleQuestions(state));
  return Object.fromEntries(Object.entries(state.answers).filter(([question]) => visible.has(question as QuestionId)));
}

const clean = (state: CheckState): CheckState => ({ ...state, errors: {}, notice: "" });

export const UNKNOWN_SIGN = CHECK_MESSAGES.unknownSign;

/**
 * The notice for a card with problems. Pressed again with the same problems, it says so in other
 * words, so the card visibly changes and nobody thinks the press was lost (issue 9).
 */
function problemNotice(state: CheckState, errors: Record<string, string>, first: string): string {
  const same = Object.keys(errors).sort().join() === Object.keys(state.errors).sort().join();
  return same && state.notice === first ? stillNotDone(Object.values(errors)[0] ?? first) : first;
}

/** Step 1's answer to the first question (immediate danger), kept even while step 1 has errors. */
function withFirstAnswer(answers: CheckState["answers"], inputs: Inputs): CheckState["answers"] {
  const value = inputs[INPUT.answerTo(FIRST_QUESTION)] ?? "";
  const next = { ...answers };
  if ((ANSWERS as readonly string[]).includes(value)) next[FIRST_QUESTION] = value as Answer;
  else delete next[FIRST_QUESTION];
  return next;
}

export function submitContext(state: CheckState, inputs: Inputs, areaIds: ReadonlySet<string>): CheckState {
  const context = readContext(inputs);
  const answers = withFirstAnswer(state.answers, inputs);
  const errors = contextErrors(context, areaIds);
  if (answers[FIRST_QUESTION] === undefined) errors[INPUT.answerTo(FIRST_QUESTION)] = CHECK_MESSAGES.chooseAnswer;
  if (Object.keys(errors).length > 0) return { ...state, context, answers, errors, notice: problemNotice(state, errors, CHECK_MESSAGES.checkHighlighted) };
  const inDanger = answers[FIRST_QUESTION] !== "no";
  if (isAdult({ ...state, context })) {
    const adult: CheckState = { ...clean(state), context, answers, signs: [], followUpsShown: false, step: "questions" };
    const route = CHECK_MESSAGES.adultRoute;
    return { ...adult, answers: applicableAnswers(adult), notice: inDanger ? `${dangerNotice("person")} ${route}` : route };
  }
  const next = { ...clean(state), context, answers, step: "signs" as const, notice: inDanger ? dangerNotice("child") : "" };
  // A missing episode in the last 3 months ticks the missing sign; a child of 13 or over has no under-13 sign.
  const missing = WHOLE_NUMBER.test(context.missingEpisodes90d) && Number(context.missingEpisodes90d) >= 1 ? ["absent.missingFromHome" as const] : [];
  const offered = new Set(signsFor(next));
  const signs = [...new Set([...next.signs, ...missing])].filter((sign) => offered.has(sign));
  return { ...next, signs, answers: applicableAnswers({ ...next, signs }) };
}

export function submitSigns(state: CheckState, inputs: Inputs): CheckState {
  const { signs, unknown } = readSigns(state, inputs);
  // Never echo what was sent: the card's text is Markdown, so it could carry a link (issue 8, point 7).
  if (unknown.length > 0) return { ...state, errors: { signs: UNKNOWN_SIGN }, notice: CHECK_MESSAGES.checkSigns };
  const answers = { ...state.answers };
  for (const { sign, question } of SIGN_ANSWERS) if (signs.includes(sign) && answers[question] === undefined) answers[question] = "yes";
  const evidence = hasExploitationEvidence({ signs, answers });
  const next: CheckState = { ...clean(state), signs, answers, step: "questions", followUpsShown: evidence };
  return { ...next, answers: applicableAnswers(next) };
}

export function submitQuestions(state: CheckState, inputs: Inputs): CheckState {
  const answers = readAnswers(state, inputs);
  const unanswered = questionsOnStep3(state).filter((question) => answers[question] === undefined);
  if (unanswered.length > 0) {
    const errors = Object.fromEntries(unanswered.map((question) => [INPUT.answerTo(question), CHECK_MESSAGES.chooseAnswer]));
    const first = answerMarked(unanswered.length);
    return { ...state, answers, errors, notice: problemNotice(state, errors, first) };
  }
  const evidence = !isAdult(state) && hasExploitationEvidence({ signs: state.signs, answers });
  if (evidence && !state.followUpsShown) {
    // DOMAIN.md §3: the follow-ups apply only once there is evidence; ask them now.
    return { ...clean(state), answers, followUpsShown: true, notice: CHECK_MESSAGES.followUps };
  }
  const next: CheckState = { ...clean(state), answers, followUpsShown: evidence, step: "result" };
  return { ...next, answers: applicableAnswers(next) };
}

/** Back keeps what was entered on the current step, unvalidated, then shows the previous step. */
export function goBack(state: CheckState, inputs: Inputs): CheckState {
  const kept = clean(state);
  switch (state.step) {
    case "context":
      return { ...kept, context: readContext(inputs), answers: withFirstAnswer(state.answers, inputs) };
    case "signs":
      return { ...kept, signs: readSigns(state, inputs).signs, step: "context" };
    case "questions":
      return { ...kept, answers: readAnswers(state, inputs), step: isAdult(state) ? "context" : "signs" };
    case "result":
      return { ...kept, step: "questions" };
  }
}

/** The assessment input once the check is complete (area, child, signs, answers). */
export function assessmentInputOf(state: CheckState): Omit<AssessmentInput, "at"> | undefined {
  const child = childOf(state);
  if (child === undefined || state.step !== "result") return undefined;
  return { area: state.context.area, child, signs: state.signs, answers: applicableAnswers(state) };
}

/** "Step n of m" for this check: an adult's has three steps. */
export function stepNumber(state: CheckState): { number: number; of: number } {
  const steps = stepsOf(state);
  return { number: steps.indexOf(state.step) + 1, of: steps.length };
}
