// Issue 9 "Keep and share": a result can be kept (a summary for the practitioner's own records),
// shared (a draft chat to their safeguarding lead, the email asked once), and found again for 24
// hours; leaving a result asks first. Through the real HTTP endpoint, pressing the cards' buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { walkCard } from "../support/card-walk.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const TUESDAY_MORNING = new Date("2026-11-24T10:00:00Z");

/** A Category 2 check in Kingston (money or goods, an exchange "not sure"), to its result. */
async function result(user: User = ALEX): Promise<Card> {
  harness.setNow(TUESDAY_MORNING);
  const [first] = await harness.say(user, "check");
  const signs = await harness.press(user, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
  const questions = await harness.press(user, signs, "Continue", { signs_receipt: "receipt.moneyOrGoods" });
  const none = { q_groomingConcern: "no", q_sexualAbuse: "no", q_exchange: "unsure", q_onlineImages: "no", q_trafficking: "no" };
  const followUps = await harness.press(user, questions, "Continue", none);
  const card = await harness.press(user, followUps, "Continue", { q_coercionControl: "no", q_habitual: "no", q_selfDenied: "no", q_multiplePerpetrators: "no" });
  expect(textOf(card)).toContain("Step 4 of 4");
  return card;
}

/** Every Action.OpenUrl's url on the card. */
function urls(card: Card): string[] {
  const found: string[] = [];
  walkCard(card, (node) => {
    if (node.type === "Action.OpenUrl" && typeof node.url === "string") found.push(node.url);
  });
  return found;
}

describe("keep and share a result", () => {
  it("a summary for my records: when, what I told the bot, the result, the steps, a line for my decision; no name", async () => {
    const summary = await harness.press(ALEX, await result(), "Summary");
    const text = textOf(summary);
    for (const words of [
      "Summary for my records",
      "If a child is in immediate danger, call 999.",
      "Made Tuesday 24 November at 10:00 (London time), with the SAFEGUARD check. No name is recorded.",
      "Area: Kingston upon Thames. Age: 14.",
      "Warning signs (1): Unexplained money, phones, clothes, jewellery or other items.",
      "Something given or promised for sexual activity: not sure",
      "Provisional result: Category 2 (Kingston upon Thames: Category 2), unconfirmed",
      "Steps: 1. Now: Your safeguarding lead (DSL); 2. Now: Single Point of Access (SPA)",
      "My decision and reason:",
    ]) expect(text).toContain(words);
    expect(text).not.toContain("Alex");
    expect(JSON.stringify(summary)).toContain('"id":"copyText"');
    expect(urls(summary)).toEqual([]); // no lead's email yet: nothing to open
  });

  it("asks for the lead's email once, names a bad one, then opens a draft chat to them with no name in it", async () => {
    const summary = await harness.press(ALEX, await result(), "Summary");
    const refused = await harness.press(ALEX, summary, "Save email", { dslEmail: "not an email" });
    expect(textOf(refused)).toContain("Enter your safeguarding lead's work email, such as name@school.org.uk.");
    const saved = await harness.press(ALEX, refused, "Save email", { dslEmail: "dsl@school.example.org" });
    expect(textOf(saved)).toContain("Opens a chat with dsl@school.example.org with a short summary as a draft. Nothing is sent until you send it.");
    const [link] = urls(saved);
    expect(link).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=dsl%40school\.example\.org&message=/);
    const draft = new URL(link!).searchParams.get("message") ?? "";
    expect(draft).toContain("Provisional result: Category 2");
    expect(draft).not.toContain("Alex");
    expect(draft.length).toBeLessThanOrEqual(1000);
    // Remembered: the next result's summary offers the link straight away.
    const next = await harness.press(ALEX, await result(), "Summary");
    expect(urls(next)[0]).toMatch(/users=dsl%40school\.example\.org/);
    // Per user: someone else is asked afresh.
    expect(urls(await harness.press(SAM, await result(SAM), "Summary"))).toEqual([]);
  });

  it("goes back from the summary to the result", async () => {
    const summary = await harness.press(ALEX, await result(), "Summary");
    expect(textOf(await harness.press(ALEX, summary, "Back to the result"))).toContain("Step 4 of 4: provisional result");
  });

  it("asks before leaving a result, and the last result stays reachable for 24 hours", async () => {
    const card = await result();
    // "Leave" opens a question on the card first; only a "Yes" leaves (one button, so the action row fits one line).
    const confirms = (card.actions ?? []).filter((action) => (action as { type: string }).type === "Action.ShowCard") as { title: string; card: Card }[];
    expect(confirms.map((action) => action.title)).toEqual(["Leave"]);
    for (const confirm of confirms) expect(textOf(confirm.card)).toContain("Leave this result? You can see it again for 24 hours");
    expect(buttonTitles(card)).toEqual(expect.arrayContaining(["Yes, start again", "Yes, go to the menu"]));
    const fresh = await harness.press(ALEX, card, "Yes, start again");
    expect(textOf(fresh)).toContain("Step 1 of 4");
    // A new check has begun; the last result is still the one reached.
    const [last] = await harness.say(ALEX, "last result");
    expect(textOf(last!)).toContain("Provisional result for Kingston upon Thames");
    const fromMenu = await harness.invoke(ALEX, { type: "Action.Execute", verb: "check.last", data: {} });
    expect(textOf(fromMenu)).toContain("Provisional result for Kingston upon Thames");
    harness.setNow(new Date(TUESDAY_MORNING.getTime() + 25 * 60 * 60 * 1000));
    const [gone] = await harness.say(ALEX, "show my last result");
    expect(textOf(gone!)).toContain("You have no check result from the last 24 hours.");
  });
});
