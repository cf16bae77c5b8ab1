// The guided check end to end: real HTTP, real Bot Framework activities (msteams, personal chat,
// AAD ids), pressing each card's own buttons with its own inputs, then reading the result card.
import { loadAreas } from "../../src/content/load-areas.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, QuestionId, SignId } from "../../src/domain/catalogue.ts";
import { ALEX, inputIds, startHarness, textOf, type Card, type Harness } from "../support/bot-harness.ts";

type Scenario = {
  area: string;
  age: number;
  lookedAfter?: boolean;
  placedOutOfArea?: boolean;
  missing?: number;
  signs?: SignId[];
  answers?: Partial<Record<QuestionId, Answer>>;
  at?: string;
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** Runs a whole check as a practitioner would, returning the result card. */
async function runCheck(scenario: Scenario): Promise<Card> {
  harness.setNow(new Date(scenario.at ?? "2026-11-24T10:00:00Z"));
  const [first] = await harness.say(ALEX, "check");
  expect(textOf(first!)).toContain("Step 1 of 4");
  const signsCard = await harness.press(ALEX, first!, "Continue", {
    // DOMAIN.md §3: immediate danger is asked first, on step 1.
    q_immediateDanger: scenario.answers?.immediateDanger ?? "no",
    area: scenario.area,
    age: String(scenario.age),
    lookedAfter: String(scenario.lookedAfter ?? false),
    placedOutOfArea: String(scenario.placedOutOfArea ?? false),
    missingEpisodes90d: scenario.missing === undefined ? null : String(scenario.missing),
  });
  // An adult skips the warning signs: step 2 of 3 is the adult route's questions.
  const adult = scenario.age >= 18;
  expect(textOf(signsCard)).toContain(adult ? "Step 2 of 3: questions" : "Step 2 of 4");
  const byDomain: Record<string, string[]> = {};
  for (const sign of scenario.signs ?? []) (byDomain[`signs_${sign.split(".")[0]}`] ??= []).push(sign);
  let card = adult ? signsCard : await harness.press(ALEX, signsCard, "Continue", byDomain);
  // Answer whatever questions the card shows; the follow-ups appear only once they apply.
  for (let round = 0; round < 2 && /Step (3 of 4|2 of 3)/.test(textOf(card)); round++) {
    const answers = Object.fromEntries(inputIds(card).map((id) => [id, scenario.answers?.[id.slice(2) as QuestionId] ?? "no"]));
    card = await harness.press(ALEX, card, "Continue", answers);
  }
  expect(textOf(card)).toContain(adult ? "Step 3 of 3" : "Step 4 of 4");
  return card;
}

const cases: [string, Scenario, string[], string[]][] = [
  ["category none", { area: "kingston", age: 14 }, ["No category", "Your safeguarding lead (DSL)", "When you can"], ["Unconfirmed"]],
  [
    "category 0 with signs in three areas, Lambeth's local name",
    { area: "lambeth", age: 15, signs: ["alcohol.misuse", "distrust.hostility", "emotional.selfHarm"] },
    ["Category 0", "Lambeth's nearest level: Low (Green)", "Several areas of concern", "Early help"],
    ["Front door"],
  ],
  ["category 1 in Sutton", { area: "sutton", age: 15, answers: { groomingConcern: "yes" } }, ["Category 1", "Sutton's nearest level: Score 1", "MASH@sutton.gov.uk", "020 8770 6001"], []],
  [
    "category 2, unconfirmed, Kingston on a Tuesday morning",
    { area: "kingston", age: 14, signs: ["receipt.moneyOrGoods"], answers: { exchange: "unsure" } },
    ["Category 2", "Unconfirmed", "Phone the Single Point of Access (SPA) for Kingston upon Thames now", "020 8547 5008", "Open now", "Police non-emergency line"],
    ["020 8770 5000"],
  ],
  [
    "category 3 in Richmond at night: the out-of-hours line first",
    { area: "richmond", age: 16, answers: { exchange: "yes", habitual: "yes", coercionControl: "yes", multiplePerpetrators: "yes" }, at: "2026-11-24T21:30:00Z" },
    ["Category 3", "Out-of-hours line", "020 8770 5000", "Closed now", "SPA@richmond.gov.uk"],
    ["Unconfirmed"],
  ],
  [
    "under 13",
    { area: "kingston", age: 11, answers: { sexualActivityUnder13: "yes" } },
    ["A crime may have been committed: sexual activity with a child under 13", "Exploitation scale: Category 1", "section 47", "Now: Single Point of Access (SPA)"],
    [],
  ],
  [
    "emergency in Lambeth (mailboxes only)",
    { area: "lambeth", age: 14, answers: { immediateDanger: "yes", onlineImages: "yes" } },
    ["1. Now: Emergency: 999", "Emergency", "Send your referral to the First Response Team (MASH) for Lambeth now", "duty.manager@lambeth.cjsm.net"],
    ["Phone the First Response Team"],
  ],
  ["trafficking", { area: "kingston", age: 15, answers: { trafficking: "yes" } }, ["Trafficking", "National Referral Mechanism", "Category 2"], []],
  [
    "missing repeatedly",
    { area: "kingston", age: 15, missing: 5, signs: ["absent.missingFromHome"] },
    ["Missing", "Repeatedly missing", "Within 72 hours of each return: Return home interview", "missing children meeting counts this as repeat"],
    [],
  ],
  [
    "looked after, placed out of area",
    { area: "sutton", age: 13, lookedAfter: true, placedOutOfArea: true, signs: ["familial.inCare"], answers: { groomingConcern: "unsure" } },
    ["Looked after", "the host authority (where the child now lives)", "Today: The child's social worker", "Unconfirmed"],
    [],
  ],
  ["an area with no contacts in the seeds", { area: "havering", age: 15, answers: { exchange: "yes" } }, ["no contact details for Havering's MASH", "local safeguarding children partnership"], ["Phone: 0", "Email:"]],
  ["another area", { area: "other", age: 15, answers: { exchange: "yes" } }, ["your local children's social care front door", "999 in an emergency, 101 for the police"], []],
  ["an adult", { area: "kingston", age: 19, answers: { exchange: "yes" } }, ["Not applicable: 18 or over", "Adult safeguarding"], ["Single Point of Access"]],
];

describe("a full guided check over HTTP", () => {
  it.each(cases)("%s", async (_name, scenario, expected, absent) => {
    const text = textOf(await runCheck(scenario));
    for (const words of expected) expect(text).toContain(words);
    for (const words of absent) expect(text).not.toContain(words);
    // On every result: provisional, act now, judgement overrides, 999 (DOMAIN.md §5).
    expect(text).toMatch(/This (category|result) is provisional/);
    expect(text).toContain("Act on this result now: do not wait for it to be confirmed.");
    expect(text).toContain("Your professional judgement overrides this result");
    expect(text).toContain("If a child is in immediate danger, call 999.");
    expect(text).toMatch(/Do not question the (child|person) to get a disclosure/);
  });

  it("asks the four follow-ups only once there is evidence of exploitation", async () => {
    harness.setNow(new Date("2026-11-24T10:00:00Z"));
    const [first] = await harness.say(ALEX, "check");
    const signs = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "15" });
    const questions = await harness.press(ALEX, signs, "Continue");
    expect(inputIds(questions)).toEqual(["q_groomingConcern", "q_sexualAbuse", "q_exchange", "q_onlineImages", "q_trafficking"]);
    const followUps = await harness.press(ALEX, questions, "Continue", { q_groomingConcern: "no", q_sexualAbuse: "no", q_exchange: "no", q_onlineImages: "yes", q_trafficking: "no" });
    expect(textOf(followUps)).toContain("four more questions apply");
    expect(inputIds(followUps)).toEqual([
      "q_groomingConcern", "q_sexualAbuse", "q_exchange", "q_onlineImages", "q_trafficking",
      "q_coercionControl", "q_habitual", "q_selfDenied", "q_multiplePerpetrators",
    ]);
  });

  it("asks the under-13 question only for a child under 13", async () => {
    const questionsFor = async (age: string) => {
      const [first] = await harness.say(ALEX, "check");
      const signs = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age });
      return inputIds(await harness.press(ALEX, signs, "Continue"));
    };
    expect(await questionsFor("12")).toContain("q_sexualActivityUnder13");
    expect(await questionsFor("13")).not.toContain("q_sexualActivityUnder13");
  });
});

/** Where each piece of text first appears on the card, so order can be checked as a reader meets it. */
function positions(text: string, pieces: string[]): number[] {
  return pieces.map((piece) => {
    const at = text.indexOf(piece);
    if (at < 0) throw new Error(`"${piece}" is not on the card`);
    return at;
  });
}
const ascending = (numbers: number[]) => numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? -1));

// DOMAIN.md §5, emergency: a child in danger with nothing else, or one sign, or a grooming concern,
// gets 999, then the DSL and the front door now, and nothing above the steps that reassures.
const AREA_FILES = loadAreas();

describe("a child in danger is never reassured (DOMAIN.md §5)", () => {
  const AREAS = ["kingston", "richmond", "sutton", "lambeth", "havering", "lewisham", "other"];
  const CATEGORIES: [string, Pick<Scenario, "signs" | "answers">][] = [
    ["none", { answers: { immediateDanger: "yes" } }],
    ["0", { answers: { immediateDanger: "yes" }, signs: ["alcohol.misuse"] }],
    ["1", { answers: { immediateDanger: "yes", groomingConcern: "yes" } }],
  ];
  const REASSURING = ["You gave no warning sign", "no concern yet that anyone is targeting them", "No evidence of an offence yet", "Low (Green)", "Medium (Amber)", "talk to your safeguarding lead if you are worried"];

  it.each(AREAS.flatMap((area) => CATEGORIES.map(([category, given]) => [area, category, given] as const)))("%s, category %s: 999, the DSL now, the front door now, nothing reassuring", async (area, _category, given) => {
    const text = textOf(await runCheck({ area, age: 14, ...given }));
    expect(ascending(positions(text, ["Now: Emergency: 999", "Now: Your safeguarding lead (DSL)"]))).toBe(true);
    const frontDoor = AREA_FILES.get(area)!;
    expect(text).toContain(`Now: ${area === "other" ? "Children's social care front door" : frontDoor.frontDoor.name}`);
    expect(text).toContain("The child may be in danger now: follow the steps below now.");
    for (const reassurance of REASSURING) expect(text, reassurance).not.toContain(reassurance);
  });
});

describe("an adult's questions speak of the person (DOMAIN.md §5)", () => {
  it("at 19, the two questions of the adult route say 'the person', never 'the child'", async () => {
    harness.setNow(new Date("2026-11-24T10:00:00Z"));
    const [first] = await harness.say(ALEX, "check");
    const questions = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "19", lookedAfter: "false", placedOutOfArea: "false" });
    const text = textOf(questions);
    expect(text).toContain("Has the person said, or is there any sign, that they were raped or sexually assaulted?");
    expect(text).toContain("Has the person been moved or taken to another town, area or country for sexual activity?");
    expect(text).not.toMatch(/Has the child/);
  });
});

// Issue 7's unsafe results, each tried as a practitioner would, over HTTP.
describe("safe advice on the result card (DOMAIN.md §4-6)", () => {
  it("a disclosed rape (the sign) leads with the offence, then the category, with the front door now and the police", async () => {
    const text = textOf(await runCheck({ area: "kingston", age: 14, signs: ["sexual.disclosedAssault"] }));
    expect(ascending(positions(text, ["A crime may have been committed: possible child sexual abuse", "Exploitation scale: Category 0", "Now: Single Point of Access (SPA)"]))).toBe(true);
    expect(text).toContain("Phone the Single Point of Access (SPA) for Kingston upon Thames now");
    expect(text).toContain("Now: Police");
    expect(text).toContain("section 47 strategy discussion");
    for (const unsafe of ["no concern yet that anyone is targeting them", "Early help", "Phoenix"]) expect(text).not.toContain(unsafe);
  });

  it("a disclosure (the answer, no sign, no exchange) gets the same urgent route", async () => {
    const text = textOf(await runCheck({ area: "kingston", age: 15, answers: { sexualAbuse: "yes" } }));
    expect(ascending(positions(text, ["A crime may have been committed: possible child sexual abuse", "Exploitation scale: No category", "1. Now: Your safeguarding lead (DSL)"]))).toBe(true);
    expect(text).toContain("Now: Single Point of Access (SPA)");
    expect(text).toContain("Agree with your DSL or the front door before you tell the parents or carers");
    expect(text).not.toContain("You gave no warning sign");
  });

  it("under 13 in Lambeth: the offence first, High (Red), never 'no evidence of an offence' or Medium (Amber)", async () => {
    const text = textOf(await runCheck({ area: "lambeth", age: 12, answers: { sexualActivityUnder13: "yes" } }));
    expect(ascending(positions(text, ["A crime may have been committed: sexual activity with a child under 13", "Exploitation scale: Category 1", "Lambeth's nearest level: High (Red)"]))).toBe(true);
    expect(text).not.toContain("No evidence of an offence yet");
    expect(text).not.toContain("Medium (Amber)");
    expect(text).toContain("Send your referral to the First Response Team (MASH) for Lambeth now, by the route below.");
    expect(text).not.toContain("received today");
  });

  it("Sutton at 03:00 on a Saturday: something to phone now (101), and no open or closed badge on lines of unknown hours", async () => {
    const card = await runCheck({ area: "sutton", age: 15, answers: { exchange: "yes" }, at: "2026-11-28T03:00:00Z" });
    const text = textOf(card);
    // DOMAIN.md §6: no "phone" for a line whose hours are not known; the route below, with 101 first.
    expect(text).toContain("Contact the Multi-Agency Safeguarding Hub (MASH) for Sutton now by the route below");
    expect(text).not.toContain("Phone the Multi-Agency Safeguarding Hub (MASH) for Sutton now");
    expect(text).toContain("Out of hours, if it cannot wait: call 101 (999 if the child is in danger) and ask for the out-of-hours children's social care team in your local procedures.");
    expect(text).toContain("Listed in 2018 for the MASH manager; hours not given.");
    expect(text).toContain("Hours not known");
    expect(text).not.toContain("Open now");
    expect(text).not.toContain("Closed now");
    expect(text).not.toContain("completed CSE risk screening tool");
  });

  it("an adult disclosure: adult safeguarding and the police, in words for the person, with no parents line", async () => {
    const text = textOf(await runCheck({ area: "kingston", age: 19, answers: { sexualAbuse: "yes", immediateDanger: "yes" } }));
    expect(text).toContain("the person may be in immediate danger: call 999 first.");
    expect(text).toContain("Call 999 now: the person is, or may be, in immediate danger.");
    expect(ascending(positions(text, ["Not applicable: 18 or over", "Today: Adult safeguarding", "Today: Police"]))).toBe(true);
    expect(text).toContain("Rape and sexual assault are crimes at any age.");
    expect(text).toContain("The person's consent and wishes count");
    expect(text).toContain("If the person, or a child, is in immediate danger, call 999.");
    // The header's "If a child is in immediate danger, call 999." is on every card; nothing else speaks of a child.
    const rest = text
      .replaceAll("If a child is in immediate danger, call 999.", "")
      .replaceAll("If the person, or a child, is in immediate danger", "")
      .replaceAll(/child sexual exploitation/gi, "CSE");
    for (const childWords of ["parents", "the child", "child's", "A crime may have been committed"]) expect(rest).not.toContain(childWords);
  });

  it("Phoenix at category 0: ask the SPA about a consultation, no mailbox and no badge on that step", async () => {
    const text = textOf(await runCheck({ area: "kingston", age: 14, signs: ["alcohol.misuse"] }));
    expect(text).toContain("When you can: Phoenix Project consultation");
    expect(text).toContain("Ask the SPA about a consultation with the Phoenix Project's CSE worker");
    expect(text).not.toContain("csereferrals@achievingforchildren.org.uk");
    expect(text).not.toContain("Open now");
    expect(text).not.toContain("tell the parents");
  });

  it("carries the verify line of the contacts card", async () => {
    const text = textOf(await runCheck({ area: "richmond", age: 14, answers: { exchange: "yes" } }));
    expect(text).toContain("These details date from 2014-2018: your organisation should confirm them before relying on them.");
  });
});
