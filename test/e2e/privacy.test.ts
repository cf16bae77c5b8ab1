// Privacy: nothing a practitioner types about a child reaches the logs, even when things fail; and
// nothing of a referral's personal details reaches its area's triage channel (issue 10, point 6).
// The harness logs at trace level, so debug lines are read too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, inputIds, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { pressAfterEssentials, reviewAndSend, sayInChannel as sayInChannelOf } from "../support/referral-journey.ts";

const logLines: string[] = [];
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ logLines });
});
afterAll(async () => {
  await harness.close();
});

describe("logs", () => {
  it("hold none of the words typed or entered, through questions, a check, bad input and broken actions", async () => {
    await harness.say(ALEX, "Jasmine Q. Example, 14, was picked up by a man in a silver car");
    await harness.say(ALEX, "who do I call in Sutton about Jasmine at 9pm");
    const [first] = await harness.say(ALEX, "check");
    const wrong = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "sutton", age: "Jasmine is fourteen" });
    const signs = await harness.press(ALEX, wrong, "Continue", { age: "14" });
    await harness.press(ALEX, signs, "Continue", { signs_gangs: ["gangs.vehicles"] });
    await harness.invoke(ALEX, { type: "Action.Execute", verb: "check.signs", data: { sessionId: "Jasmine-session", version: "x", note: "Jasmine" } });
    await harness.post({ type: "message", text: "Jasmine", channelId: "msteams" });
    expect(textOf(wrong)).toContain("Enter the age as a whole number");

    // Something was logged (the broken activity), so the check below has something to read.
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join("\n");
    expect(logs).not.toMatch(/Jasmine|silver car|gangs\.vehicles/);
  });
});

// ---- a referral, end to end ---------------------------------------------------------------------

/** What a practitioner writes in a referral: every value distinctive, so it is found wherever it leaks. */
const ESSENTIALS = {
  "referrer.name": "Perpetua Greenhalgh",
  "referrer.role": "Head of Year Nine",
  "referrer.agency": "Hollowmere Academy",
  "referrer.email": "p.greenhalgh@hollowmere-academy.example",
  "referrer.phone": "07700 900461",
  "child.forename": "Zephyrine",
  "child.surname": "Oakenshott",
  "child.dateOfBirth": "2012-03-09",
  "concern.worries": "Zephyrine says a man she calls Uncle Darrow collects her from Kestrelgate Parade after school and gives her vapes.",
  "parentalResponsibility.told": "no",
  "parentalResponsibility.whyNot": "childAtRisk",
};
const ABOUT_THE_CHILD = { "child.alias": "Zeph Blackthorn", "child.address": "17 Quillon Mews, Tolworth KT6 9ZZ", "child.nhsNumber": "485 777 3456" };
const PERSON = { "personsOfInterest.0.name": "Darrow Vantongeren", "personsOfInterest.0.vehicle": "blue Corsa KX19 QPZ", "personsOfInterest.0.onlineHandles": "darrow_kx19 on Snapchat" };
const PLACE = { "locationsOfInterest.0.place": "Kestrelgate Parade chip shop", "locationsOfInterest.0.whatHappens": "Older men wait outside in cars from 3pm." };
const DECISION_REASON = "Zephyrine Oakenshott to be seen with her aunt; strategy discussion today.";
/** Each value whole, and the parts of them that would give the child or the referrer away on their own. */
const PERSONAL = [
  ...Object.values({ ...ESSENTIALS, ...ABOUT_THE_CHILD, ...PERSON, ...PLACE }).filter((value) => !["no", "childAtRisk"].includes(value)),
  DECISION_REASON,
  ...["Greenhalgh", "Hollowmere", "Zephyrine", "Oakenshott", "Darrow", "Kestrelgate", "Quillon", "KT6 9ZZ", "KX19", "Vantongeren", "Blackthorn", "900461", "4857773456"],
];

const sayInChannel = (user: User, words: string) => sayInChannelOf(harness, user, words);

/** Presses a button on the channel card (or in its "Record a decision" card) as `user`, in the channel. */
async function pressInChannel(user: User, card: Card, title: string, inputs: Record<string, string> = {}): Promise<Card> {
  const find = (actions: any[]): any => actions.map((action) => (action.title === title && action.type === "Action.Execute" ? action : action.card?.actions ? find(action.card.actions) : undefined)).find(Boolean);
  const action = find(card.actions ?? []);
  if (action === undefined) throw new Error(`no button "${title}" on the channel card`);
  const response = await harness.post(
    harness.activity("invoke", user, {
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: action.verb, data: { ...action.data, ...inputs } }, trigger: "manual" },
      conversation: { id: "team-id;messageid=1", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: "team-id" } },
    }),
  );
  expect(response.status).toBe(200);
  return response.body.value as Card;
}

/** Presses the button whose title starts with `words` ("More about the child (filled in)"). */
function pressStarting(user: User, card: Card, words: string, changes: Record<string, string> = {}): Promise<Card> {
  const title = buttonTitles(card).find((candidate) => candidate.startsWith(words));
  if (title === undefined) throw new Error(`no button starting "${words}": ${buttonTitles(card).join(", ")}`);
  return harness.press(user, card, title, changes);
}

describe("a referral", () => {
  it("puts none of its personal details in the logs or on the channel card, through a refusal, a failed post and triage", async () => {
    const logsFrom = logLines.length;
    await sayInChannel(ALEX, "register triage kingston");
    const [first] = await harness.say(ALEX, "check");
    const signs = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area: "kingston", age: "14" });
    let result = await harness.press(ALEX, signs, "Continue", { signs_receipt: ["receipt.moneyOrGoods"] });
    for (let round = 0; round < 2 && /Step 3 of 4/.test(textOf(result)); round += 1) {
      result = await harness.press(ALEX, result, "Continue", Object.fromEntries(inputIds(result).map((id) => [id, "no"])));
    }
    let form = await harness.press(ALEX, result, "Make a referral");

    // Refused first: an email with two @s and a 30 February, each problem beside its field.
    form = await reviewAndSend(harness, ALEX, form, { ...ESSENTIALS, "referrer.email": "p.greenhalgh@@hollowmere-academy.example", "child.dateOfBirth": "2012-02-30" });
    expect(textOf(form)).toContain("Enter an email address");
    form = await pressAfterEssentials(harness, ALEX, form, "More about the child", ESSENTIALS);
    form = await pressStarting(ALEX, form, "People of interest", ABOUT_THE_CHILD);
    form = await pressStarting(ALEX, form, "Add a person");
    form = await pressStarting(ALEX, form, "Places of interest", PERSON);
    form = await pressStarting(ALEX, form, "Add a place");
    // A tampered press carrying the child's name: refused, and the name not echoed or logged.
    await harness.invoke(ALEX, { type: "Action.Execute", verb: "referral.review", data: { draftId: "Zephyrine-Oakenshott", version: "1", "child.forename": "Zephyrine" } });
    const review = await reviewAndSend(harness, ALEX, form, PLACE);
    expect(textOf(review)).toContain("Vantongeren");
    const sent = await harness.press(ALEX, review, "Submit referral");
    expect(textOf(sent)).toMatch(/KIN-2026-\d{5}/);

    // The first post to the channel fails; the worker logs it and posts again a minute later.
    harness.connectorControl.fault = { status: 500, times: 1 };
    expect(await harness.deliver()).toBe(0);
    harness.setNow(new Date("2026-11-24T10:01:00Z"));
    expect(await harness.deliver()).toBe(1);
    const posted = harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true);
    const channelCard = posted.at(-1)!.activity.activity.attachments[0].content as Card;
    let card = await pressInChannel(SAM, channelCard, "Acknowledge");
    card = await pressInChannel(SAM, card, "Assign to me");
    await pressInChannel(SAM, card, "Record decision", { outcome: "strategy-discussion", reason: DECISION_REASON });
    await harness.deliver();
    // The reason went through, to the referrer's 1:1 chat only.
    const toReferrer = harness.sent.filter((entry) => String(entry.activity.text ?? "").startsWith("Your referral"));
    expect(toReferrer.at(-1)?.activity.text).toContain(DECISION_REASON);

    // Everything the channel was sent: the card posted (both attempts), and each update in place.
    const toChannel = harness.sent.filter((entry) => (entry.path === "/v3/conversations" && entry.activity.isGroup === true) || entry.method === "PUT");
    expect(toChannel.filter((entry) => entry.method === "PUT").length).toBeGreaterThan(0);
    const logs = logLines.slice(logsFrom);
    // The failure path ran, so the logs below are more than start-up lines.
    expect(logs.some((line) => JSON.parse(line).msg === "an outbox message failed; it will be tried again")).toBe(true);
    for (const personal of PERSONAL) {
      expect(logs.filter((line) => line.includes(personal)), `"${personal}" in the logs`).toEqual([]);
      expect(toChannel.filter((entry) => JSON.stringify(entry.activity).includes(personal)), `"${personal}" sent to the channel`).toEqual([]);
    }
  });
});
