// Every card the bot can send, in every state, rendered from the real templates with the real
// templating library, checked by the real Adaptive Cards library and held under 28 KB.
import { describe, expect, it } from "vitest";
import { assess } from "../../src/domain/assess.ts";
import { DOMAINS, INDICATORS, QUESTIONS } from "../../src/domain/catalogue.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHECK_CARDS_KEPT, DEFAULT_CARDS_DIR, cardsKept, createCardRenderer, limitCardSize, CARD_NAMES, CARD_SIZE_LIMIT_BYTES, type CardName } from "../../src/cards/render-card.ts";
import { checkCard, type CardToSend } from "../../src/cards/check-views.ts";
import { summaryCard } from "../../src/cards/summary-views.ts";
import {
  NOTICES, areaContactsCard, areaPickerCard, guidanceCard, noMatchCard, noticeCard, signsDomainCard, signsDomainsCard, welcomeCard,
} from "../../src/cards/menu-views.ts";
import { startState, submitContext, submitQuestions, submitSigns, type CheckState } from "../../src/services/check-flow.ts";
import { AREAS, TUESDAY_MORNING, request, type Case } from "../support/assessment.ts";
import { cardProblems } from "../support/validate-card.ts";
import { SENT } from "../support/referral-cards.ts";
import { walkCard } from "../support/card-walk.ts";
import { EMERGENCY_LINE } from "../../src/domain/pathway-text.ts";
import { answeredGuidanceCard, urgentCard } from "../../src/cards/answer-views.ts";
import { createQuestionAnswerer, type QuestionAnswer } from "../../src/services/answer-question.ts";
import { loadDangerWords } from "../../src/content/load-danger-words.ts";
import { unkeptPromises } from "../support/promise-phrases.ts";
import { referralDetailsCard } from "../../src/cards/referral-details-views.ts";
import { referralQuestionCard } from "../../src/cards/referral-question-views.ts";
import { referralChannelCard, referralFormCard, referralReviewCard, referralSentCard, sameChildCard, type ReferralFormView } from "../../src/cards/referral-views.ts";

const render = createCardRenderer();
const guidance = loadGuidance();
const AREA_IDS = new Set(AREAS.keys());
const EVENING = new Date("2026-11-24T21:00:00Z");

function viewOf(state: CheckState, given?: Case) {
  const input = given === undefined ? undefined : request(given);
  const assessment = input === undefined ? undefined : assess(input, AREAS.get(input.area)!);
  return { sessionId: "6d1c1a9e-0000-4000-8000-000000000000", version: 3, state, ...(assessment === undefined ? {} : { assessment }) };
}

function checkView(state: CheckState, given?: Case) {
  return checkCard(viewOf(state, given), AREAS);
}

const context = (inputs: Record<string, string>) => submitContext(startState(), { q_immediateDanger: "no", ...inputs }, AREA_IDS);
const atSigns = context({ area: "kingston", age: "14" });
const atQuestions = submitSigns(atSigns, { signs_receipt: "receipt.moneyOrGoods" });
const resultState = (area: string): CheckState => ({ ...atQuestions, step: "result", context: { ...atQuestions.context, area } });

// The referral cards in full are in referral-views.test.ts; one of each here, so every template is covered.
const REFERRAL_DRAFT: ReferralFormView = {
  draftId: "6d1c1a9e-0000-4000-8000-000000000000", version: 2, section: "essentials", values: { "referrer.name": "Sam Teacher" }, issues: [{ field: "child.forename", message: "Enter the child's first name, or \"not known\"." }],
  entries: { personsOfInterest: 1, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 }, carried: { areaName: "Kingston upon Thames", ageText: "14", resultLines: ["Category 2"] },
};
const REFERRAL_SENT = { ...SENT, phoneNow: true, delivery: "no-channel" as const };
const REFERRAL_CHANNEL = {
  referralId: "0b9e0000-0000-4000-8000-000000000002", version: 1, reference: "KIN-2026-00042", areaName: "Kingston upon Thames", categoryLine: "Category 2", offenceLines: [],
  urgency: "today" as const, ageBand: "13-15", submittedAt: "Tue 24 Nov, 10:02", acknowledgeBy: "Tue 24 Nov, 14:02", decideBy: "Thu 26 Nov, 10:02", status: "submitted",
};

// Free-text answers as the bot gives them: through the real answerer, so the data is what a card gets.
const answerer = createQuestionAnswerer({ guidance, areas: AREAS, dangerWords: loadDangerWords(new Set(guidance.map((entry) => entry.id))) });
function answered<K extends QuestionAnswer["kind"]>(kind: K, text: string, at: Date): Extract<QuestionAnswer, { kind: K }> {
  const answer = answerer.answer(text, at);
  if (answer.kind !== kind) throw new Error(`${text}: expected ${kind}, got ${answer.kind}`);
  return answer as Extract<QuestionAnswer, { kind: K }>;
}

const CASES: [string, CardToSend][] = [
  ["welcome", welcomeCard()],
  ["welcome with a notice", welcomeCard("Something to say")],
  ["signs: all domains", signsDomainsCard()],
  ...DOMAINS.map((domain): [string, CardToSend] => [`signs: ${domain.id}`, signsDomainCard(domain.id)]),
  ["area picker", areaPickerCard(AREAS)],
  ["area picker with a notice and a choice", areaPickerCard(AREAS, "Please choose an area first.", "sutton")],
  ...[...AREAS.values()].flatMap((area): [string, CardToSend][] => [
    [`contacts: ${area.id}, in hours`, areaContactsCard(area, TUESDAY_MORNING)],
    [`contacts: ${area.id}, out of hours`, areaContactsCard(area, EVENING)],
  ]),
  ...guidance.map((entry): [string, CardToSend] => [`guidance: ${entry.id}`, guidanceCard(entry, guidance.filter((other) => entry.related.includes(other.id)))]),
  ["no match", noMatchCard(guidance.slice(0, 3))],
  ["urgent: an area and an age, in hours", urgentCard(answered("urgent", "a 15 year old was raped last night in Kingston", TUESDAY_MORNING), AREAS)],
  ["urgent: an area with no out-of-hours line, at night", urgentCard(answered("urgent", "she is missing tonight, Sutton, she's 14, her nudes are being shared", EVENING), AREAS)],
  ["urgent: no area", urgentCard(answered("urgent", "a boy is being blackmailed", TUESDAY_MORNING), AREAS)],
  ["guidance: with an area, an age and runners-up", answeredGuidanceCard(answered("guidance", "how do I make a referral in Lambeth for a 12 year old", EVENING), AREAS)],
  ...Object.keys(NOTICES).map((kind): [string, CardToSend] => [`notice: ${kind}`, noticeCard(kind as keyof typeof NOTICES)]),
  ["check 1: empty", checkView(startState())],
  ["check 1: every error, typed values kept", checkView(context({ area: "", age: "fourteen", missingEpisodes90d: "lots" }))],
  ["check 1: filled, looked after", checkView(context({ area: "lambeth", age: "12", lookedAfter: "true", placedOutOfArea: "true", missingEpisodes90d: "2" }))],
  ["check 2: nothing ticked", checkView(atSigns)],
  ["check 2: every sign ticked", checkView({ ...atSigns, signs: INDICATORS.map((indicator) => indicator.id) })],
  ["check 2: unknown sign error", checkView(submitSigns(atSigns, { signs_sexual: "sexual.nope" }))],
  ["check 3: questions", checkView(atQuestions)],
  ["check 3: under 13", checkView(submitSigns(context({ area: "kingston", age: "11" }), {}))],
  ["check 3: follow-ups", checkView(submitQuestions(atQuestions, { q_immediateDanger: "no", q_groomingConcern: "no", q_exchange: "yes", q_onlineImages: "no", q_trafficking: "no" }))],
  ["check 3: every question unanswered", checkView(submitQuestions({ ...atQuestions, followUpsShown: true, context: { ...atQuestions.context, age: "12" } }, {}))],
  ["check 4: category none", checkView(resultState("kingston"), {})],
  ["check 4: category 0, several domains", checkView(resultState("lambeth"), { area: "lambeth", signs: ["alcohol.misuse", "distrust.hostility", "emotional.selfHarm"] })],
  ["check 4: category 1", checkView(resultState("sutton"), { area: "sutton", answers: { groomingConcern: "yes" } })],
  ["check 4: category 2 unconfirmed", checkView(resultState("kingston"), { answers: { exchange: "unsure" } })],
  ["check 4: category 3 out of hours", checkView(resultState("richmond"), { area: "richmond", at: EVENING, answers: { exchange: "yes", habitual: "yes", coercionControl: "yes" } })],
  ["check 4: no contacts in the seeds", checkView(resultState("havering"), { area: "havering", answers: { exchange: "yes" } })],
  ["check 4: another area", checkView(resultState("other"), { area: "other", answers: { onlineImages: "yes" } })],
  ["check 4: adult", checkView(resultState("kingston"), { child: { age: 19 }, answers: { trafficking: "yes", immediateDanger: "yes" } })],
  ["check 4: adult disclosing rape", checkView(resultState("kingston"), { child: { age: 19 }, answers: { sexualAbuse: "yes" } })],
  ["check 4: disclosed assault, Kingston", checkView(resultState("kingston"), { signs: ["sexual.disclosedAssault"] })],
  ["check 4: under 13 in Lambeth", checkView(resultState("lambeth"), { area: "lambeth", child: { age: 12 }, answers: { sexualActivityUnder13: "yes", sexualAbuse: "yes" } })],
  ["check 4: Sutton at 03:00 on a Saturday", checkView(resultState("sutton"), { area: "sutton", at: new Date("2026-11-28T03:00:00Z"), answers: { exchange: "yes" } })],
  ["summary, no lead's email yet", summaryCard(viewOf(resultState("kingston"), { answers: { exchange: "unsure" } }), AREAS, undefined)],
  ["summary, with the lead's email", summaryCard(viewOf(resultState("lambeth"), { area: "lambeth", child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }), AREAS, "dsl@school.example.org", "Saved.")],
  ["check 4: Phoenix at category 0", checkView(resultState("richmond"), { area: "richmond", signs: ["alcohol.misuse"] })],
  ["referral form: the essentials", referralFormCard(REFERRAL_DRAFT)],
  ["referral form: people of interest", referralFormCard({ ...REFERRAL_DRAFT, section: "personsOfInterest" })],
  ["referral review", referralReviewCard({ ...REFERRAL_DRAFT, issues: [] })],
  ["is this referral about the same child?", sameChildCard("0b9e0000-0000-4000-8000-000000000003", { areaName: "Kingston upon Thames", ageText: "15", resultLines: ["Exploitation scale: Category 3"], checkedText: "Tuesday 24 November at 10:02 (London time)" })],
  ["referral sent, no channel yet", referralSentCard(REFERRAL_SENT)],
  ["referral sent, channel registered", referralSentCard({ ...REFERRAL_SENT, delivery: "posting" as const })],
  ["referral in the triage channel", referralChannelCard(REFERRAL_CHANNEL)],
  ["referral in the triage channel: assigned, a colleague known", referralChannelCard({ ...REFERRAL_CHANNEL, status: "assigned", assignee: "Sam Lead", colleagues: [{ id: "00000000-0000-4000-8000-00000000001a", name: "Jo Okafor" }] })],
  [
    "referral details for a triage member",
    referralDetailsCard({
      channel: { ...REFERRAL_CHANNEL, status: "awaiting-info" },
      referral: { values: { "child.forename": "Samira", "child.dateOfBirth": "2011-04-09", "concern.worries": "Seen getting into cars." }, entries: { personsOfInterest: 0, locationsOfInterest: 0, parentsAndCarers: 0, householdChildren: 0 } },
      carried: { areaName: "Kingston upon Thames", ageText: "14", resultLines: ["Category 2"] },
      history: [{ when: "10:02", text: "Submitted by Alex Teacher (Class teacher, Hillside School)" }, { when: "10:20", text: "Information asked for by Sam Lead at 10:20", said: "Which school?" }],
      earlier: ["Possible earlier referral KIN-2026-00017, 3 March 2026, by Hillside School: decided (Early help). Same name and date of birth, NHS number or UPN: check it is the same child."],
    }),
  ],
  ["referral details once purged", referralDetailsCard({ channel: { ...REFERRAL_CHANNEL, status: "decided" }, referral: undefined, carried: { areaName: "Kingston upon Thames", ageText: "", resultLines: [] }, history: [], earlier: [] })],
  ["the front door's question to the referrer", referralQuestionCard({ referralId: "r1", reference: "KIN-2026-00042", areaName: "Kingston upon Thames", question: "Which school?", state: { kind: "asking" } })],
  ["the referrer's answer, sent", referralQuestionCard({ referralId: "r1", reference: "KIN-2026-00042", areaName: "Kingston upon Thames", question: "Which school?", typed: "Hillside", state: { kind: "sent", at: "10:30" } })],
  ["the referrer's answer, no longer wanted", referralQuestionCard({ referralId: "r1", reference: "KIN-2026-00042", areaName: "Kingston upon Thames", question: "Which school?", typed: "Hillside", state: { kind: "not-waiting" } })],
  [
    "check 4: every flag and step (the biggest result)",
    checkView(resultState("kingston"), {
      at: EVENING,
      child: { age: 12, lookedAfter: true, placedOutOfArea: true, missingEpisodes90d: 6 },
      signs: INDICATORS.map((indicator) => indicator.id),
      answers: Object.fromEntries(QUESTIONS.map((question) => [question.id, "unsure"])),
    }),
  ],
];

describe("card rendering", () => {
  it.each(CASES)("%s: valid Adaptive Card 1.5 under 28 KB", (_name, card) => {
    const json = render(card.name, card.data);
    expect(json.version).toBe("1.5");
    expect(cardProblems(json)).toEqual([]);
  });

  // DOMAIN.md §5: "Every card of the product (guidance, signs, contacts, results) carries the 999 line."
  it.each(CASES)("%s: carries the 999 line", (_name, card) => {
    expect(textBlocks(render(card.name, card.data))).toContain(EMERGENCY_LINE);
  });

  it.each(CASES)("%s: promises nothing the product does not do", (_name, card) => {
    expect(unkeptPromises(textBlocks(render(card.name, card.data)).join("\n"))).toEqual([]);
  });

  // Issue 9: a button title that does not fit the card (about 446 px in Teams) is cut off; long
  // words go in text, or in a row that wraps (cards/partials/link-row.json).
  it.each(CASES)("%s: every button title fits (30 characters at most)", (_name, card) => {
    expect(buttonTitles(render(card.name, card.data)).filter((title) => title.length > MAX_BUTTON_TITLE)).toEqual([]);
  });

  // Issue 9 "Result first": before the fold, the 999 line, then any offence, then the category, then
  // the Now steps with tap-to-call; everything else behind "All steps" and "What you told me".
  it("shows the result first: 999, offence, category, the urgent steps with tap-to-call, the rest folded", () => {
    const card = render(...spread(checkView({ ...resultState("kingston"), signs: ["sexual.disclosedAssault", "receipt.moneyOrGoods"], answers: { sexualAbuse: "yes" } }, {
      signs: ["sexual.disclosedAssault", "receipt.moneyOrGoods"], answers: { sexualAbuse: "yes" },
    })));
    const folded = (id: string) => (card.body as Record<string, unknown>[]).find((element) => element.id === id);
    const beforeFold = textBlocks({ body: (card.body as Record<string, unknown>[]).filter((element) => element.isVisible !== false) });
    // DOMAIN.md §5: with an offence flag the police step is now, so it is before the fold too.
    const order = ["If a child is in immediate danger, call 999.", "A crime may have been committed: possible child sexual abuse", "Exploitation scale: Category 0", "1. Now: Your safeguarding lead (DSL)", "2. Now: Single Point of Access (SPA)", "Phone: [020 8547 5008](tel:02085475008)", "3. Now: Police"];
    const at = order.map((text) => beforeFold.indexOf(text));
    expect(at.every((index, position) => index >= 0 && (position === 0 || index > (at[position - 1] ?? -1))), JSON.stringify(at)).toBe(true);
    expect(folded("allSteps")).toMatchObject({ isVisible: false });
    expect(textBlocks(folded("allSteps") ?? {}).join("\n")).toContain("Strategy discussion");
    expect(textBlocks(folded("toldMe") ?? {})).toEqual(expect.arrayContaining([
      "Warning signs (2)",
      "- Disclosed rape or sexual assault, including one later retracted",
      "- Rape, sexual assault, or sexual contact by an adult: yes",
    ]));
  });

  // Issue 9: Teams' "Good" green (about 2:1) and "Warning" yellow (about 1.5:1) fail 4.5:1 on its light
  // theme; text uses default, "Attention" or "Accent" colours (the browser test measures them).
  it.each(CASES)("%s: no text in a colour that fails contrast", (_name, card) => {
    const colours: string[] = [];
    walkCard(render(card.name, card.data), (node) => {
      if (node.type === "TextBlock" && typeof node.color === "string") colours.push(node.color);
    });
    expect(colours.filter((colour) => ["good", "warning", "light"].includes(colour.toLowerCase()))).toEqual([]);
  });

  it("the 999 check can fail: a card without the line is caught", () => {
    expect(textBlocks({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Call your DSL." }] })).not.toContain(EMERGENCY_LINE);
  });

  it("covers every card template", () => {
    const rendered = new Set<CardName>(CASES.map(([, card]) => card.name));
    expect([...CARD_NAMES].filter((name) => !rendered.has(name))).toEqual([]);
  });

  it("keeps what was typed, and says what is wrong next to the field", () => {
    const json = JSON.stringify(render(...spread(checkView(context({ area: "", age: "fourteen", missingEpisodes90d: "lots" })))));
    expect(json).not.toContain("fourteen"); // a number box holds numbers only; the error says what to enter
    expect(json).toContain("Enter the age as a whole number from 0 to 25.");
    expect(json).toContain("Choose the child's area");
    expect(json).toContain('"value":"lots"');
  });

  it("would catch a misspelt property (the check itself can fail)", () => {
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "x", colour: "red" }] })).toEqual([
      "card.body[0].colour: not a property the Adaptive Cards library knows",
    ]);
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Text" }] })[0]).toMatch(/UnknownElementType/);
  });
});

const MAX_BUTTON_TITLE = 30;

/** Titles of the card's buttons: its actions and every ActionSet's (a row's selectAction wraps as text). */
function buttonTitles(card: object): string[] {
  const titles: string[] = [];
  walkCard(card, (node) => {
    if (Array.isArray(node.actions)) for (const action of node.actions) titles.push(String(action?.title ?? ""));
  });
  return titles;
}

/** The text of every TextBlock on the card, as a person reads it. */
function textBlocks(card: object): string[] {
  const found: string[] = [];
  walkCard(card, (node) => {
    if (node.type === "TextBlock" && typeof node.text === "string") found.push(node.text);
  });
  return found;
}

function spread(card: CardToSend): [CardName, object] {
  return [card.name, card.data];
}

// Issue 8, point 6: the size limit is enforced when a card is rendered to be sent, not only in tests.
describe("limitCardSize", () => {
  const render = createCardRenderer();
  it("passes a card under 28 KB through unchanged", () => {
    const oversize: string[] = [];
    const limited = limitCardSize(render, noticeCard("error"), (name) => oversize.push(name));
    expect(limited("welcome", welcomeCard().data)).toEqual(render("welcome", welcomeCard().data));
    expect(oversize).toEqual([]);
  });

  it("sends the fallback instead of a card over 28 KB, and says which card and how big", () => {
    const oversize: [string, number][] = [];
    const limited = limitCardSize(render, noticeCard("error"), (name, bytes) => oversize.push([name, bytes]));
    const huge = welcomeCard("x".repeat(40_000));
    const sent = limited(huge.name, huge.data);
    expect(sent).toEqual(render("notice", noticeCard("error").data));
    expect(oversize).toHaveLength(1);
    expect(oversize[0]![0]).toBe("welcome");
    expect(oversize[0]![1]).toBeGreaterThan(CARD_SIZE_LIMIT_BYTES);
  });

  it("measures a kept check card, first time and again, as the JSON it is", () => {
    const measured: number[] = [];
    const limited = limitCardSize(createCardRenderer(), noticeCard("error"), (_name, bytes) => measured.push(bytes));
    const huge = checkCard({ ...viewOf(startState()), state: { ...startState(), notice: "é".repeat(20_000) } }, AREAS);
    for (const id of ["6d1c1a9e-0000-4000-8000-00000000000a", "6d1c1a9e-0000-4000-8000-00000000000b"]) {
      const data = { ...huge.data, session: { id, version: 4 } };
      expect(limited(huge.name, data)).toEqual(render("notice", noticeCard("error").data));
      expect(measured.at(-1)).toBe(Buffer.byteLength(JSON.stringify(createCardRenderer(undefined, { keepCheckCards: false })(huge.name, data))));
    }
    expect(measured).toHaveLength(2);
  });
});

// Issue 12: a check's cards are kept, rendered with stand-ins for the session (render-card.ts).
describe("check cards kept between sessions", () => {
  const afresh = createCardRenderer(undefined, { keepCheckCards: false });
  const SESSIONS = [
    { id: "6d1c1a9e-0000-4000-8000-00000000000a", version: 1 },
    { id: "6d1c1a9e-0000-4000-8000-00000000000b", version: 27 },
    { id: "6d1c1a9e-0000-4000-8000-00000000000a", version: 2 },
  ];
  const withSession = (card: CardToSend, session: object) => ("session" in card.data ? { ...card.data, session } : card.data);

  it.each(CASES)("%s: the same card as rendered afresh, for whichever session, first time or again", (_name, card) => {
    const kept = createCardRenderer();
    for (const session of SESSIONS) expect(kept(card.name, withSession(card, session))).toEqual(afresh(card.name, withSession(card, session)));
  });

  it("the second session's card comes from the kept one, with its own session in every button", () => {
    const kept = createCardRenderer();
    const card = checkView(atQuestions);
    kept(card.name, withSession(card, SESSIONS[0]!));
    const before = { ...cardsKept };
    const second = kept(card.name, withSession(card, SESSIONS[1]!));
    expect(cardsKept.hits - before.hits).toBe(1);
    expect(cardsKept.misses - before.misses).toBe(0);
    const data: unknown[] = [];
    walkCard(second, (node) => {
      if (node["type"] === "Action.Execute") data.push(node["data"]);
    });
    expect(data.length).toBeGreaterThan(1);
    for (const each of data) expect(each).toEqual({ sessionId: SESSIONS[1]!.id, version: SESSIONS[1]!.version });
  });

  it("what callers share cannot be changed by one of them; what carries the session is each caller's own", () => {
    const kept = createCardRenderer();
    const card = checkView(atSigns);
    const first = kept(card.name, withSession(card, SESSIONS[0]!));
    const second = kept(card.name, withSession(card, SESSIONS[1]!));
    expect(() => first.body.push({ type: "TextBlock", text: "changed by one caller" })).toThrow(TypeError);
    expect(second.body).toBe(first.body);
    expect(second.actions).not.toBe(first.actions);
    first["speak"] = "a caller's own top level";
    expect(JSON.stringify(kept(card.name, withSession(card, SESSIONS[2]!)))).not.toContain("a caller's own top level");
    expect(JSON.stringify(second)).toContain(SESSIONS[1]!.id);
    expect(JSON.stringify(first)).not.toContain(SESSIONS[1]!.id);
  });

  it("data that happens to hold a stand-in's text is shown as it is", () => {
    const kept = createCardRenderer();
    const card = checkCard({ ...viewOf(startState()), state: { ...startState(), notice: "~~session.id~~ and \"~~session.version~~\"" } }, AREAS);
    for (const session of SESSIONS) expect(kept(card.name, withSession(card, session))).toEqual(afresh(card.name, withSession(card, session)));
  });

  it("a template that uses the session in any other way is rendered afresh every time", () => {
    const dir = mkdtempSync(join(tmpdir(), "cards-"));
    cpSync(DEFAULT_CARDS_DIR, dir, { recursive: true });
    const template = JSON.parse(readFileSync(join(dir, "check-context.json"), "utf8")) as { body: unknown[] };
    template.body.push({ type: "TextBlock", text: "Saved ${session.version} times" }, { type: "TextBlock", $when: "${session.version > 5}", text: "Many changes" });
    writeFileSync(join(dir, "check-context.json"), JSON.stringify(template));
    const kept = createCardRenderer(dir);
    const reference = createCardRenderer(dir, { keepCheckCards: false });
    const card = checkView(startState());
    const before = { ...cardsKept };
    for (const session of SESSIONS) expect(kept(card.name, withSession(card, session))).toEqual(reference(card.name, withSession(card, session)));
    expect(textBlocks(kept(card.name, withSession(card, SESSIONS[1]!)))).toEqual(expect.arrayContaining(["Saved 27 times", "Many changes"]));
    expect(cardsKept.hits - before.hits + cardsKept.misses - before.misses).toBe(0);
  });
});

describe("check cards kept: how many", () => {
  it(`keeps the ${CHECK_CARDS_KEPT} most recently used, then renders the least recently used afresh`, () => {
    const kept = createCardRenderer();
    const session = { id: "6d1c1a9e-0000-4000-8000-00000000000c", version: 1 };
    const card = (n: number) => {
      const made = checkCard({ ...viewOf(startState()), state: { ...startState(), notice: `notice ${n}` } }, AREAS);
      return { name: made.name, data: { ...made.data, session } };
    };
    for (let n = 0; n <= CHECK_CARDS_KEPT; n++) kept(card(n).name, card(n).data); // 0 … KEPT: the first is gone
    const before = { ...cardsKept };
    kept(card(CHECK_CARDS_KEPT).name, card(CHECK_CARDS_KEPT).data);
    expect(cardsKept.hits - before.hits).toBe(1);
    kept(card(0).name, card(0).data);
    expect(cardsKept.misses - before.misses).toBe(1);
  });
});

describe("check cards kept: not for long unused", () => {
  it("forgetUnusedCheckCards drops the cards not used since its previous call, and says how many", () => {
    const kept = createCardRenderer();
    const session = { id: "6d1c1a9e-0000-4000-8000-00000000000d", version: 1 };
    const render = (state: CheckState) => {
      const card = checkView(state);
      return kept(card.name, { ...card.data, session });
    };
    render(startState());
    render(atSigns);
    expect(kept.forgetUnusedCheckCards()).toBe(0); // both used since the start
    render(atSigns);
    expect(kept.forgetUnusedCheckCards()).toBe(1); // the first step's card was not
    const before = { ...cardsKept };
    render(atSigns);
    render(startState());
    expect([cardsKept.hits - before.hits, cardsKept.misses - before.misses]).toEqual([1, 1]);
    expect(kept.forgetUnusedCheckCards()).toBe(0);
    expect(kept.forgetUnusedCheckCards()).toBe(2);
  });
});

// A sign area's button says what it will do ("Show" when closed, "Hide" when open),
// and an open area does not repeat its title as the list's label.
describe("the signs step's areas", () => {
  const byId = (card: object, id: string) => {
    let found: Record<string, any> | undefined;
    walkCard((card as { body: unknown[] }).body, (node) => {
      if (node.id === id) found = node;
    });
    return found;
  };

  it("a closed area offers Show and an open one Hide, each button toggling the area and both buttons", () => {
    const closed = render("check-signs", checkView(atSigns).data);
    // An area with a tick stays open to show it.
    const open = render("check-signs", checkView({ ...atSigns, signs: ["receipt.moneyOrGoods"] }).data);
    expect(byId(closed, "show_receipt")?.isVisible).toBe(true);
    expect(byId(closed, "hide_receipt")?.isVisible).toBe(false);
    expect(byId(closed, "box_receipt")?.isVisible).toBe(false);
    for (const id of ["show_receipt", "hide_receipt"]) {
      const [toggle] = byId(closed, id)?.actions ?? [];
      expect(toggle).toMatchObject({ type: "Action.ToggleVisibility", title: id.startsWith("show") ? "Show" : "Hide", targetElements: ["box_receipt", "show_receipt", "hide_receipt"] });
    }
    expect([byId(open, "box_receipt")?.isVisible, byId(open, "show_receipt")?.isVisible, byId(open, "hide_receipt")?.isVisible]).toEqual([true, false, true]);
  });

  it("the list in an area is labelled by what to do, not by the area's title again", () => {
    const card = render("check-signs", checkView(atSigns).data);
    const choice = byId(card, "signs_receipt");
    expect(choice?.label).toBe("Tick any that apply");
  });
});
