// Issue 10 end to end over HTTP with the loopback connector: a check → "Make a referral" → the
// required fields → review → Submit → the confirmation with the reference; registering the area's
// triage channel; the outbox posting the minimised card there, once, however often Submit is pressed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

/** A check for a 14-year-old in Kingston with one sign, every question "no": its result card. */
const resultCard = (user: User): Promise<Card> => checkResultCard(harness, user);

/** Says words in My Team's General channel, @mentioning the bot. */
async function sayInChannel(user: User, words: string): Promise<void> {
  const response = await harness.post(
    harness.activity("message", user, {
      text: `<at>SAFEGUARD</at> ${words}`,
      conversation: { id: "team-id", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: "team-id" } },
      entities: [{ type: "mention", text: "<at>SAFEGUARD</at>", mentioned: { id: "28:safeguard-bot", name: "SAFEGUARD" } }],
    }),
  );
  expect(response.status).toBe(200);
}

const channelPosts = () => harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true);

describe("a referral from a check, to the triage channel", () => {
  it("goes from the result to the confirmation, waits for the channel, and is posted there once, minimised", async () => {
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    expect(textOf(form)).toContain("Kingston upon Thames");
    const review = await harness.press(ALEX, form, "Review and send", ESSENTIALS);
    expect(textOf(review)).toContain("Markerfield");
    const sent = await harness.press(ALEX, review, "Submit referral");
    expect(textOf(sent)).toContain("KIN-2026-00001");
    expect(textOf(sent)).toContain("not set up yet");

    // No channel yet: the referral waits, nothing is posted, and nothing is lost.
    expect(await harness.deliver()).toBe(0);
    expect(channelPosts()).toHaveLength(0);

    await sayInChannel(ALEX, "register triage kingston");
    harness.setNow(new Date("2026-11-24T10:05:00Z"));
    expect(await harness.deliver()).toBe(1);
    const [post] = channelPosts();
    const card = post!.activity.activity.attachments[0].content as Card;
    expect(post!.activity.channelData.channel.id).toBe("team-id");
    expect(textOf(card)).toContain("KIN-2026-00001");
    // Issue 10, point 6: no names, addresses, dates of birth or free text on the channel card.
    const json = JSON.stringify(card);
    for (const personal of ["Samira", "Markerfield", "older men", "Hillside", "alex@school.example"]) expect(json).not.toContain(personal);

    expect(await harness.deliver()).toBe(0);
    expect(channelPosts()).toHaveLength(1);
  });

  it("Submit pressed twice makes one referral, one reference and one channel card", async () => {
    await sayInChannel(ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    const review = await harness.press(ALEX, form, "Review and send", ESSENTIALS);
    const [first, second] = await Promise.all([harness.press(ALEX, review, "Submit referral"), harness.press(ALEX, review, "Submit referral")]);
    const references = [textOf(first), textOf(second)].map((text) => /KIN-2026-\d{5}/.exec(text)?.[0]);
    expect(references.filter((reference) => reference !== undefined).every((reference) => reference === "KIN-2026-00001")).toBe(true);
    await harness.deliver();
    await harness.deliver();
    expect(channelPosts()).toHaveLength(1);
  });

  it("a missing required field comes back next to its field, with everything typed kept", async () => {
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    const { ["child.surname"]: _left, ...typed } = ESSENTIALS;
    const again = await harness.press(ALEX, form, "Review and send", typed);
    expect(textOf(again)).toContain("last name");
    expect(JSON.stringify(again)).toContain("Seen getting into cars with older men after school");
  });

  it("a referral left unsent is offered first on the next hello, with what was typed", async () => {
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    await harness.press(ALEX, form, "Review and send", { "child.forename": "Samira" });
    const [menu] = await harness.say(ALEX, "hi");
    expect(buttonTitles(menu!).slice(0, 2)).toEqual(["Check a concern", "Continue your referral"]);
    expect(buttonTitles(menu!)).not.toContain("Make a referral");
    const back = await harness.press(ALEX, menu!, "Continue your referral");
    expect(JSON.stringify(back)).toContain("Samira");
    const [samMenu] = await harness.say(SAM, "hi");
    expect(buttonTitles(samMenu!)).not.toContain("Continue your referral");
  });

  it("\"Make a referral\" from the menu starts from the last result, or says to run a check first", async () => {
    const [menu] = await harness.say(ALEX, "hi");
    expect(textOf(await harness.press(ALEX, menu!, "Make a referral"))).toContain("A referral starts from a check's result");
    await resultCard(ALEX);
    const [again] = await harness.say(ALEX, "menu");
    expect(textOf(await harness.press(ALEX, again!, "Make a referral"))).toContain("Kingston upon Thames");
  });

  it("someone else pressing the referral's card gets nothing of it", async () => {
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    const theirs = await harness.press(SAM, form, "Review and send", ESSENTIALS);
    expect(textOf(theirs)).toContain("belongs to someone else");
    expect(JSON.stringify(theirs)).not.toContain("Markerfield");
  });
});

describe("triage on the channel card", () => {
  const channelCards = () => harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true).map((entry) => entry.activity.activity.attachments[0].content as Card);
  const updates = () => harness.sent.filter((entry) => entry.method === "PUT");
  const toReferrer = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/a:personal-${ALEX.id}/activities`) && typeof entry.activity.text === "string" && entry.activity.text.startsWith("Your referral"));

  /** A referral submitted by Alex and posted to Kingston's channel: the channel card. */
  async function postedCard(): Promise<Card> {
    await sayInChannel(ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    await harness.press(ALEX, await harness.press(ALEX, form, "Review and send", ESSENTIALS), "Submit referral");
    await harness.deliver();
    return channelCards()[0]!;
  }

  /** Presses a button on the channel card as `user` in the channel. */
  async function pressInChannel(user: User, card: Card, title: string, inputs: Record<string, string> = {}): Promise<Card> {
    const action = (function find(actions: any[]): any {
      for (const candidate of actions) {
        if (candidate.title === title && candidate.type === "Action.Execute") return candidate;
        const inner = candidate.card?.actions ? find(candidate.card.actions) : undefined;
        if (inner !== undefined) return inner;
      }
      return undefined;
    })(card.actions ?? []);
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

  it("acknowledge, assign, decide and reopen: the card moves on for everyone and the referrer is told each time", async () => {
    let card = await postedCard();
    card = await pressInChannel(SAM, card, "Acknowledge");
    expect(JSON.stringify(card)).toContain("Acknowledged, not assigned yet");
    await harness.deliver();
    expect(updates()).toHaveLength(1);
    expect(toReferrer().at(-1)?.activity.text).toContain("has been acknowledged by Sam Nurse");

    card = await pressInChannel(SAM, card, "Assign to me");
    card = await pressInChannel(SAM, card, "Record decision", { outcome: "strategy-discussion", reason: "Risk of harm from older men: strategy discussion today." });
    expect(JSON.stringify(card)).toContain('"value":"Decided"');
    await harness.deliver();
    expect(toReferrer().map((entry) => entry.activity.text)).toEqual([
      expect.stringContaining("acknowledged by Sam Nurse"),
      expect.stringContaining("assigned to Sam Nurse"),
      expect.stringContaining("Strategy discussion"),
    ]);
    expect(toReferrer().at(-1)?.activity.text).toContain("Risk of harm from older men");
    // The reason goes to the referrer only: never onto the channel card.
    expect(JSON.stringify(updates().at(-1)?.activity)).not.toContain("Risk of harm");

    card = await pressInChannel(SAM, card, "Reopen");
    expect(JSON.stringify(card)).toContain('"value":"Assigned"');
  });

  // Issue 10, point 8: a row due at the acknowledgement deadline (4 working hours here: 14:00), not a timer.
  const reminders = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith("/v3/conversations/team-id;messageid=") && String(entry.activity.text ?? "").startsWith("Reminder:"));

  it("not acknowledged by its deadline, the referral's thread gets one reminder", async () => {
    await postedCard();
    harness.setNow(new Date("2026-11-24T13:59:00Z"));
    await harness.deliver();
    expect(reminders()).toHaveLength(0);
    harness.setNow(new Date("2026-11-24T14:01:00Z"));
    await harness.deliver();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.activity.text).toContain("KIN-2026-00001 has not been acknowledged yet");
    await harness.deliver();
    expect(reminders()).toHaveLength(1);
  });

  it("acknowledged in time, no reminder is sent", async () => {
    await pressInChannel(SAM, await postedCard(), "Acknowledge");
    harness.setNow(new Date("2026-11-24T15:00:00Z"));
    await harness.deliver();
    expect(reminders()).toHaveLength(0);
  });

  it("a second lead pressing an older copy is told what happened, and nothing moves twice", async () => {
    const card = await postedCard();
    await pressInChannel(SAM, card, "Acknowledge");
    const late = await pressInChannel(ALEX, card, "Acknowledge");
    expect(textOf(late)).toContain("Acknowledged by Sam Nurse");
  });

  it("a decision without a reason is refused with the reason why, and changes nothing", async () => {
    let card = await postedCard();
    card = await pressInChannel(SAM, card, "Assign to me");
    const refused = await pressInChannel(SAM, card, "Record decision", { outcome: "early-help" });
    expect(JSON.stringify(refused)).toMatch(/reason/i);
    expect(JSON.stringify(refused)).toContain('"value":"Assigned"');
  });
});

describe("triage roles", () => {
  it("someone outside the area's triage team is refused, and nothing changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roles-"));
    const file = join(dir, "roles.yaml");
    writeFileSync(file, `areas:\n  kingston:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${ALEX.aadObjectId}]\n`);
    await harness.close();
    harness = await startHarness({ env: { ROLES_FILE: file } });
    await sayInChannel(ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await resultCard(ALEX), "Make a referral");
    await harness.press(ALEX, await harness.press(ALEX, form, "Review and send", ESSENTIALS), "Submit referral");
    await harness.deliver();
    const card = harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true)[0]!.activity.activity.attachments[0].content as Card;
    const action = (card.actions as any[]).find((candidate) => candidate.title === "Acknowledge");
    const response = await harness.post(
      harness.activity("invoke", SAM, {
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: action.verb, data: action.data }, trigger: "manual" },
        conversation: { id: "team-id;messageid=1", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: "team-id" } },
      }),
    );
    expect(JSON.stringify(response.body.value)).toContain("Only Kingston upon Thames's triage team can act on its referrals");
    expect(JSON.stringify(response.body.value)).toContain("New: not acknowledged yet");
  });
});
