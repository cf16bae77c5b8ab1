// What a practitioner sees when they type in their own words (DESIGN.md "Questions": danger first,
// then context, then the topic), through the real HTTP endpoint: the messages people tried and got
// "I don't have an answer" or the wrong thing for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, buttonTitles, findAction, linksOf, startHarness, textOf, valueOf, type Card, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
// Tuesday 8 December 2026, 10:00 in London: Kingston's SPA is open.
const TUESDAY_MORNING = new Date("2026-12-08T10:00:00Z");
beforeAll(async () => {
  harness = await startHarness({ now: TUESDAY_MORNING });
});
afterAll(async () => {
  await harness.close();
});

async function reply(text: string, at = TUESDAY_MORNING): Promise<Card> {
  harness.setNow(at);
  const cards = await harness.say(ALEX, text);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

const title = (card: Card) => String((card.body[0] as { text?: unknown }).text);
const URGENT = "This sounds urgent: act now";

describe("an urgent disclosure gets the urgent card first, never 'I don't have an answer'", () => {
  it("a 15 year old was raped last night in Kingston: 999, the DSL now, Kingston's lines open now, the police now for evidence, do not question, a check prefilled", async () => {
    const card = await reply("a 15 year old was raped last night in Kingston");
    expect(title(card)).toBe(URGENT);
    const text = textOf(card);
    expect(text).toContain("Call 999 now if the child is in danger now");
    expect(text).toContain("Tell your designated safeguarding lead (DSL) now");
    expect(text).toContain("Contact the front door for Kingston upon Thames now");
    expect(text).toContain("so that evidence can be kept");
    expect(text).toContain("The Havens");
    expect(text).toContain("Do not question the child");
    // Kingston's SPA is open on a Tuesday morning; "last night" is when it happened, not when to call.
    expect(text).toContain("Who to contact in Kingston upon Thames");
    expect(text).toMatch(/Single Point of Access[\s\S]*Open now/);
    expect(linksOf(card)).toContain("tel:02085475008");
    expect(text).toContain("If a child is in immediate danger, call 999.");
    expect(buttonTitles(card)).toEqual(expect.arrayContaining(["A child says they were raped or sexually assaulted", "Check a concern", "Menu"]));
    // "Check a concern" starts a check with the area and age the message gave, for the user to confirm.
    expect(findAction(card, "Check a concern").data).toEqual({ area: "kingston", age: "15" });
    const check = await harness.press(ALEX, card, "Check a concern");
    expect(valueOf(check, "area")).toBe("kingston");
    expect(valueOf(check, "age")).toBe("15");
  });

  it("the child is missing tonight: the police now (999 if in danger, otherwise 101), and a button to choose the area", async () => {
    const card = await reply("the child is missing tonight");
    expect(title(card)).toBe(URGENT);
    expect(textOf(card)).toContain("Tell the police now that the child is missing: 999 if you think the child is in danger, otherwise 101");
    expect(buttonTitles(card)).toContain("Choose the child's area");
    expect(buttonTitles(card)).toContain("Missing children and repeat missing");
  });

  it("a boy is being blackmailed: sextortion, do not pay, do not view or copy images, the police", async () => {
    const card = await reply("a boy is being blackmailed");
    expect(title(card)).toBe(URGENT);
    const text = textOf(card);
    expect(text).toContain("Do not pay or contact the person making threats");
    expect(text).toContain("Do not view, copy, forward or save any images");
    expect(text).toContain("Tell the police now");
    expect(buttonTitles(card)[0]).toBe("Sextortion: threats to share a child's sexual images");
  });

  it("her dad is selling her for sex: familial exploitation first, and not to tell the family first", async () => {
    const card = await reply("her dad is selling her for sex");
    expect(title(card)).toBe(URGENT);
    expect(textOf(card)).toContain("Do not tell the parents or carers, or anyone in the family");
    expect(buttonTitles(card)[0]).toMatch(/family/i);
  });

  it("at night in an area with no out-of-hours line, the night route comes before the mailboxes", async () => {
    const card = await reply("she's 14 and was raped, she's in Lambeth", new Date("2026-12-08T22:00:00Z"));
    const text = textOf(card);
    expect(text.indexOf("call 101")).toBeGreaterThan(-1);
    expect(text.indexOf("call 101")).toBeLessThan(text.indexOf("duty.manager@lambeth.cjsm.net"));
  });
});

describe("a question about a word is answered, not treated as an emergency", () => {
  it.each([
    ["what is sextortion", "Sextortion: threats to share a child's sexual images"],
    ["what is the phoenix team", "Phoenix Project (Kingston & Richmond)"],
    ["what can you do", "What this bot can do"],
  ])("%s", async (text, expected) => {
    const card = await reply(text);
    expect(title(card)).not.toBe(URGENT);
    expect(title(card)).toContain(expected.split(" (")[0]!.split(":")[0]!);
  });
});

describe("context in any answer", () => {
  it("how do I make a referral in Kingston: the how-to, with Kingston's contacts open now, and two other topics", async () => {
    const card = await reply("how do I make a referral in Kingston");
    expect(title(card)).toBe("How do I make a referral?");
    expect(textOf(card)).toContain("Who to contact in Kingston upon Thames");
    expect(textOf(card)).toMatch(/Single Point of Access[\s\S]*Open now/);
    expect(textOf(card)).toContain("Not what you asked?");
  });

  it("a boy aged 14 in Lambeth getting into cars with older men: the sign, Lambeth's front door, and a check for Lambeth, age 14", async () => {
    const card = await reply("boy aged 14 in lambeth getting into cars with older men");
    expect(textOf(card)).toContain("Who to contact in Lambeth");
    expect(findAction(card, "Check a concern").data).toEqual({ area: "lambeth", age: "14" });
  });

  it("an age under 13 adds the statutory offence line; 16 adds that consent does not rule out exploitation", async () => {
    expect(textOf(await reply("what is grooming, she is 12"))).toContain("any sexual activity with a child under 13 is a crime");
    expect(textOf(await reply("what is grooming, she is 16"))).toContain("consent does not rule out exploitation");
  });

  it("what do I do out of hours in Sutton: Sutton at 21:00, the 101 route first", async () => {
    const card = await reply("what do I do out of hours in Sutton");
    expect(title(card)).toBe("Sutton: who to contact");
    const text = textOf(card);
    expect(text).toContain("call 101");
    expect(text.indexOf("call 101")).toBeLessThan(text.indexOf("MASH@sutton.gov.uk"));
  });

  it("who do I call in Kingston on Christmas day at 10am: the SPA closed (a bank holiday), the out-of-hours line open", async () => {
    const card = await reply("who do I call in Kingston on Christmas day at 10am");
    const text = textOf(card);
    expect(text).toContain("Friday 25 December");
    expect(text).toMatch(/Out-of-hours line[\s\S]*Open at 10:00/);
    expect(linksOf(card)).toContain("tel:02087705000");
    expect(text).not.toMatch(/Single Point of Access[\s\S]{0,40}Open at 10:00/);
  });

  it("a time that cannot be read is said so, and the card shows now", async () => {
    const text = textOf(await reply("who do I call in Sutton at 25:00"));
    expect(text).toMatch(/could not read/i);
    expect(text).toContain("Open or closed now");
  });
});
