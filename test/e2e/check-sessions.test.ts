// Session edge cases over HTTP: expired, someone else's card, a double press, Back then a changed
// answer, and bad input kept on the card. Each gets a clear card, never an error.
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_OPEN_CHECKS } from "../../src/services/check-service.ts";
import { ALEX, SAM, findAction, inputIds, startHarness, textOf, valueOf, type Card, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ now: new Date("2026-11-24T10:00:00Z") });
});
afterEach(async () => {
  await harness.close();
});

async function firstStep(): Promise<Card> {
  const [card] = await harness.say(ALEX, "check");
  return card!;
}

async function toQuestions(): Promise<Card> {
  const signs = await harness.press(ALEX, await firstStep(), "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
  return harness.press(ALEX, signs, "Continue", { signs_receipt: ["receipt.moneyOrGoods"] });
}

const NO_TO_ALL = { q_groomingConcern: "no", q_sexualAbuse: "no", q_exchange: "no", q_onlineImages: "no", q_trafficking: "no" };

describe("check sessions", () => {
  it("an expired check says so and offers a new one", async () => {
    const card = await firstStep();
    harness.setNow(new Date("2026-11-25T10:00:00.001Z"));
    const reply = await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    expect(textOf(reply)).toContain("This check has expired");
    expect(findAction(reply, "Start a new check").verb).toBe("check.start");
  });

  it("an expired check is deleted by the sweep, and then cannot be found", async () => {
    const card = await firstStep();
    harness.setNow(new Date("2026-11-25T10:00:00Z"));
    expect(await harness.checks.sweep()).toBe(1);
    expect(textOf(await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" }))).toContain("This check could not be found");
  });

  it("the sweep also forgets the check cards kept in memory and unused since the sweep before", async () => {
    const card = await firstStep();
    await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    expect(await harness.sweep()).toMatchObject({ checkCardsForgotten: 0 }); // used since the start
    expect(await harness.sweep()).toMatchObject({ checkCardsForgotten: 2 }); // the first step's and the signs card
    expect(await harness.sweep()).toMatchObject({ checkCardsForgotten: 0 });
  });

  it("a check stays alive while it is being used (24 hours from the last step)", async () => {
    const card = await firstStep();
    harness.setNow(new Date("2026-11-25T09:00:00Z"));
    const signs = await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    harness.setNow(new Date("2026-11-26T08:00:00Z"));
    expect(textOf(await harness.press(ALEX, signs, "Continue"))).toContain("Step 3 of 4");
  });

  it("someone else pressing my card is told it is not theirs, and learns nothing from it", async () => {
    const card = await firstStep();
    const mine = await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    const reply = await harness.press(SAM, mine, "Continue", { signs_receipt: ["receipt.forSex"] });
    expect(textOf(reply)).toContain("This check belongs to someone else");
    expect(textOf(reply)).not.toContain("Kingston");
    // Alex's check is untouched: the next press carries on from where Alex left it.
    expect(textOf(await harness.press(ALEX, mine, "Continue"))).toContain("Step 3 of 4");
  });

  it("pressing the same button twice moves the check on once, and says what happened", async () => {
    const card = await firstStep();
    const once = await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    const twice = await harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "sutton", age: "9" });
    expect(textOf(once)).toContain("Step 2 of 4");
    expect(textOf(twice)).toContain("Step 2 of 4");
    expect(textOf(twice)).toContain("That button had already been pressed");
    // The second press changed nothing: Back shows the first press's answers.
    const back = await harness.press(ALEX, twice, "Back");
    expect(valueOf(back, "area")).toBe("kingston");
    expect(valueOf(back, "age")).toBe("14");
  });

  it("two presses racing on the same card make exactly one step", async () => {
    const card = await firstStep();
    const replies = await Promise.all([1, 2, 3, 4].map(() => harness.press(ALEX, card, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" })));
    expect(replies.filter((reply) => textOf(reply).includes("That button had already been pressed"))).toHaveLength(3);
    expect(replies.every((reply) => textOf(reply).includes("Step 2 of 4"))).toBe(true);
  });

  it("Back, then changing an answer, changes the result", async () => {
    const questions = await toQuestions();
    const followUps = await harness.press(ALEX, questions, "Continue", { ...NO_TO_ALL, q_exchange: "yes" });
    const result = await harness.press(ALEX, followUps, "Continue", { q_coercionControl: "no", q_habitual: "no", q_selfDenied: "no", q_multiplePerpetrators: "no" });
    expect(textOf(result)).toContain("Category 2");

    const back = await harness.press(ALEX, result, "Back");
    expect(textOf(back)).toContain("Step 3 of 4");
    expect(valueOf(back, "q_exchange")).toBe("yes");
    expect(inputIds(back)).toContain("q_habitual");
    // No evidence any more: the follow-ups drop away and the result falls to Category 0 (one sign).
    const changed = await harness.press(ALEX, back, "Continue", { q_exchange: "no" });
    expect(textOf(changed)).toContain("Category 0");
    const again = await harness.press(ALEX, changed, "Back");
    expect(inputIds(again)).not.toContain("q_habitual");
  });

  it("Back keeps what was typed on the step being left", async () => {
    const signs = await harness.press(ALEX, await firstStep(), "Continue", { q_immediateDanger: "no", area: "lambeth", age: "12", lookedAfter: "true" });
    const backToContext = await harness.press(ALEX, signs, "Back");
    expect(valueOf(backToContext, "area")).toBe("lambeth");
    expect(valueOf(backToContext, "age")).toBe("12");
    expect(valueOf(backToContext, "lookedAfter")).toBe("true");
    const forward = await harness.press(ALEX, backToContext, "Continue");
    const ticked = await harness.press(ALEX, forward, "Continue", { signs_technology: ["technology.sexting", "technology.secretive"] });
    const backToSigns = await harness.press(ALEX, ticked, "Back");
    expect(valueOf(backToSigns, "signs_technology")).toBe("technology.sexting,technology.secretive");
  });

  it("bad input stays on the card with a message next to the field", async () => {
    const reply = await harness.press(ALEX, await firstStep(), "Continue", { age: "fourteen", missingEpisodes90d: "lots" });
    const text = textOf(reply);
    expect(text).toContain("Step 1 of 4");
    expect(text).toContain("Choose the child's area");
    expect(text).toContain("Enter the age as a whole number from 0 to 25.");
    expect(text).toContain("Enter a whole number of times");
    // The age box is a number box: "fourteen" cannot stay in it, so the error says what to enter.
    expect(valueOf(reply, "age")).toBe("");
    expect(valueOf(reply, "missingEpisodes90d")).toBe("lots");
    // Pressed again with the same mistakes, the card changes, so the press is not taken for lost.
    const again = await harness.press(ALEX, reply, "Continue");
    expect(textOf(again)).toContain("Still not done: Choose the child's area");
    expect(textOf(again)).not.toContain("Please check the highlighted answers.");
  });

  it("an unanswered question is named, and the answers given are kept", async () => {
    const questions = await toQuestions();
    const reply = await harness.press(ALEX, questions, "Continue", { q_exchange: "unsure" });
    expect(textOf(reply)).toContain("Please answer the 4 questions marked below.");
    expect(valueOf(reply, "q_exchange")).toBe("unsure");
  });

  it("Start again clears the check", async () => {
    const questions = await toQuestions();
    const restarted = await harness.press(ALEX, questions, "Start again");
    expect(textOf(restarted)).toContain("Step 1 of 4");
    expect(valueOf(restarted, "area")).toBe("");
    expect(valueOf(restarted, "age")).toBe("");
  });

  it.each<[string, Record<string, unknown>]>([
    ["no session id", { type: "Action.Execute", verb: "check.context", data: { age: "14" } }],
    ["a nonsense version", { type: "Action.Execute", verb: "check.context", data: { sessionId: "x", version: "banana" } }],
    ["an unknown verb", { type: "Action.Execute", verb: "check.explode", data: {} }],
    ["no verb at all", { type: "Action.Execute" }],
  ])("a tampered or broken action (%s) gets a card, not an error", async (_name, action) => {
    expect(textOf(await harness.invoke(ALEX, action))).toContain("That button did not work");
  });

  it("a session id that does not exist gets a clear card", async () => {
    const reply = await harness.invoke(ALEX, { type: "Action.Execute", verb: "check.signs", data: { sessionId: "no-such-session", version: 2 } });
    expect(textOf(reply)).toContain("This check could not be found");
  });
});

// Issue 8, point 9: a check is bound to the channel and the person, not to an id a caller picks.
describe("a check's owner", () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("cannot be impersonated from another channel that chooses its own ids", async () => {
    const [first] = await harness.say(ALEX, "check");
    const session = (first!.actions?.[0] as { data: Record<string, string> }).data;
    const intruder = { ...harness.activity("invoke", ALEX, {}), channelId: "webchat", from: { id: ALEX.aadObjectId, name: "Intruder", aadObjectId: ALEX.aadObjectId } };
    const response = await harness.post({
      ...intruder,
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "check.context", data: { ...session, q_immediateDanger: "no", area: "kingston", age: "14" } } },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body.value)).toContain("This check belongs to someone else");
    // The owner's check is untouched: still on step 1.
    const stored = await harness.checks.open(session.sessionId!, `msteams:${ALEX.aadObjectId}`);
    expect(stored.kind === "ok" && stored.view.state.step).toBe("context");
  });
});

// Issue 8, point 12: presses that start a check cannot pile up sessions.
describe("starting checks", () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  function sessionsOf(user: typeof ALEX): number {
    const sqlite = new SqliteDatabase(harness.databaseUrl, { readonly: true });
    try {
      // Either form of the user's id, so that this counts the same before and after migration 004.
      const count = sqlite.prepare("select count(*) as n from check_sessions where user_id in (?, ?)");
      return (count.get(`msteams:${user.aadObjectId}`, user.aadObjectId) as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }
  const sessionIdOf = (card: Card) => (card.actions?.[0] as { data: { sessionId: string } }).data.sessionId;

  it("a check not yet answered is reused: saying \"check\" twice gives the same one", async () => {
    const [first] = await harness.say(ALEX, "check");
    const [second] = await harness.say(ALEX, "check");
    expect(sessionIdOf(second!)).toBe(sessionIdOf(first!));
    expect(sessionsOf(ALEX)).toBe(1);
  });

  it("twenty parallel presses of \"Check a concern\" leave at most MAX_OPEN_CHECKS sessions", async () => {
    const presses = Array.from({ length: 20 }, () => harness.invoke(ALEX, { type: "Action.Execute", verb: "check.start", data: {} }));
    const cards = await Promise.all(presses);
    expect(cards.every((card) => textOf(card).includes("Step 1 of 4"))).toBe(true);
    expect(sessionsOf(ALEX)).toBeGreaterThanOrEqual(1);
    expect(sessionsOf(ALEX)).toBeLessThanOrEqual(MAX_OPEN_CHECKS);
  });

  it("answered checks are capped at MAX_OPEN_CHECKS, the oldest going first, and nobody else's are touched", async () => {
    const [samCard] = await harness.say(SAM, "check");
    await harness.press(SAM, samCard!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    const ids: string[] = [];
    for (let n = 0; n < MAX_OPEN_CHECKS + 2; n += 1) {
      harness.setNow(new Date(Date.UTC(2026, 10, 24, 10, n)));
      const [card] = await harness.say(ALEX, "check");
      ids.push(sessionIdOf(card!));
      await harness.press(ALEX, card!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    }
    expect(new Set(ids).size).toBe(MAX_OPEN_CHECKS + 2);
    expect(sessionsOf(ALEX)).toBe(MAX_OPEN_CHECKS);
    expect((await harness.checks.open(ids[0]!, `msteams:${ALEX.aadObjectId}`)).kind).toBe("not-found");
    expect((await harness.checks.open(ids.at(-1)!, `msteams:${ALEX.aadObjectId}`)).kind).toBe("ok");
    expect(sessionsOf(SAM)).toBe(1);
  });
});
