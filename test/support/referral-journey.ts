// A referral made as a practitioner makes one, over HTTP with the bot harness: a check for a
// 14-year-old in Kingston with one sign and every question "no", then "Make a referral", the
// required fields, the review, and Submit.
import { expect } from "vitest";
import { buttonTitles, inputIds, textOf, type Card, type Harness, type User } from "./bot-harness.ts";
import { walkCard } from "./card-walk.ts";

/** The referral's required fields, filled as a teacher would. */
export const ESSENTIALS = {
  "referrer.role": "Class teacher",
  "referrer.agency": "Hillside School",
  "referrer.email": "alex@school.example",
  "child.forename": "Samira",
  "child.surname": "Markerfield",
  "concern.worries": "Seen getting into cars with older men after school; new phones and clothes.",
  "parentalResponsibility.told": "yes",
};

/**
 * Presses `title` ("Review and send", "More about the child") with `values` typed, as a
 * practitioner does it in Teams: the essentials come a part at a time, so each
 * part's values are typed there (from the first part, going Back to it if needed) and Next pressed,
 * and `title` is pressed on the part where the last of them is; on any other card, at once. A
 * value no card asks for fails the test.
 */
export async function pressAfterEssentials(harness: Harness, user: User, card: Card, title: string, values: Record<string, string | string[] | null> = {}): Promise<Card> {
  const button = (on: Card, word: string) => buttonTitles(on).find((candidate) => candidate.startsWith(`${word}: `));
  const missing = (on: Card, from: Record<string, unknown>) => Object.keys(from).filter((id) => !inputIds(on).includes(id));
  let current = card;
  for (let back = button(current, "Back"); missing(current, values).length > 0 && back !== undefined; back = button(current, "Back")) current = await harness.press(user, current, back);
  let left = { ...values };
  for (;;) {
    const shown = new Set(inputIds(current));
    const here = Object.fromEntries(Object.entries(left).filter(([id]) => shown.has(id)));
    left = Object.fromEntries(Object.entries(left).filter(([id]) => !shown.has(id)));
    const next = button(current, "Next");
    if (next === undefined || Object.keys(left).length === 0) {
      if (Object.keys(left).length > 0) throw new Error(`no card of the referral asks for ${Object.keys(left).join(", ")}`);
      // A link's title may carry a count ("More about the child (1 to fix)").
      const pressed = buttonTitles(current).find((candidate) => candidate === title) ?? buttonTitles(current).find((candidate) => candidate.startsWith(title)) ?? title;
      return harness.press(user, current, pressed, here);
    }
    current = await harness.press(user, current, next, here);
  }
}

/** "Review and send" with `values` typed, through the parts of the essentials (pressAfterEssentials). */
export const reviewAndSend = (harness: Harness, user: User, card: Card, values: Record<string, string | string[] | null> = {}) => pressAfterEssentials(harness, user, card, "Review and send", values);

/** The check's result card (step 4 of 4), for a child in `area` (Kingston unless said). */
export async function checkResultCard(harness: Harness, user: User, area = "kingston"): Promise<Card> {
  const before = harness.sent.length;
  const [first] = await harness.say(user, "check");
  // When the bot sent no card, say what it sent instead (an apology means the turn failed), not "undefined".
  if (first === undefined) throw new Error(`"check" got no card; the bot sent: ${JSON.stringify(harness.sent.slice(before).map((entry) => entry.activity.text ?? entry.activity.type))}`);
  const signs = await harness.press(user, first, "Continue", { q_immediateDanger: "no", area, age: "14" });
  let card = await harness.press(user, signs, "Continue", { signs_receipt: ["receipt.moneyOrGoods"] });
  for (let round = 0; round < 2 && /Step 3 of 4/.test(textOf(card)); round += 1) {
    card = await harness.press(user, card, "Continue", Object.fromEntries(inputIds(card).map((id) => [id, "no"])));
  }
  expect(textOf(card)).toContain("Step 4 of 4");
  return card;
}

/** Submits a referral from a fresh check; returns its reference (KIN-2026-00001). */
export async function submitReferral(harness: Harness, user: User): Promise<string> {
  const form = await harness.press(user, await checkResultCard(harness, user), "Make a referral");
  const sent = await harness.press(user, await reviewAndSend(harness, user, form, ESSENTIALS), "Submit referral");
  const reference = /[A-Z]{3}-\d{4}-\d{5}/.exec(textOf(sent))?.[0];
  if (reference === undefined) throw new Error(`Submit gave no reference: ${textOf(sent)}`);
  return reference;
}

/** "register triage <area>" @mentioning the bot in a channel of My Team (by `user`, an admin of the area). */
export async function registerTriage(harness: Harness, user: User, areaId: string, channelId: string): Promise<void> {
  const response = await harness.post(
    harness.activity("message", user, {
      text: `<at>SAFEGUARD</at> register triage ${areaId}`,
      conversation: { id: channelId, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: channelId } },
      entities: [{ type: "mention", text: "<at>SAFEGUARD</at>", mentioned: { id: "28:safeguard-bot", name: "SAFEGUARD" } }],
    }),
  );
  expect(response.status).toBe(200);
}

/** A channel card as posted: the card and where it went. */
export type ChannelCardPost = { card: Card; on: { conversationId: string; activityId: string } };

/** The cards posted as new threads in a channel, with where each went (the loopback answers "<channel>;messageid=<n>"). */
export function postsIn(harness: Harness, channelId: string): ChannelCardPost[] {
  return harness.sent.flatMap((entry, index) =>
    entry.path === "/v3/conversations" && entry.activity.isGroup === true && entry.activity.channelData?.channel?.id === channelId
      ? [{ card: entry.activity.activity.attachments[0].content as Card, on: { conversationId: `${channelId};messageid=${index + 1}`, activityId: String(index + 1) } }]
      : [],
  );
}

/** Says words in My Team's General channel, @mentioning the bot. */
export async function sayInChannel(harness: Harness, user: User, words: string): Promise<void> {
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

/** The channel card's Action.Execute button called `title`, also inside a Show card or in the body (the details' pages). */
export function executeAction(card: Card, title: string): { verb: string; data?: Record<string, unknown> } {
  const action = (function find(actions: any[]): any {
    for (const candidate of actions) {
      if (candidate.title === title && candidate.type === "Action.Execute") return candidate;
      const inner = candidate.card?.actions ? find(candidate.card.actions) : undefined;
      if (inner !== undefined) return inner;
    }
    return undefined;
  })(card.actions ?? []) ?? inBody(card, (candidate) => candidate === title);
  if (action === undefined) throw new Error(`no button "${title}" on the channel card`);
  return action;
}

function inBody(card: Card, titled: (title: string) => boolean): { verb: string; data?: Record<string, unknown>; title: string } | undefined {
  let found: { verb: string; data?: Record<string, unknown>; title: string } | undefined;
  walkCard(card.body, (node) => {
    if (found === undefined && node.type === "Action.Execute" && typeof node.title === "string" && titled(node.title)) found = node as never;
  });
  return found;
}

/**
 * "Show details" on a channel card as `user`, then every further page of them ("More details"):
 * the cards, first page first.
 */
export async function detailsPages(harness: Harness, user: User, card: Card, on?: { conversationId: string; activityId: string }): Promise<Card[]> {
  const pages = [await pressInChannel(harness, user, card, "Show details", {}, on)];
  for (let next = inBody(pages[0]!, (title) => title.startsWith("More details")); next !== undefined; next = inBody(pages.at(-1)!, (title) => title.startsWith("More details"))) {
    pages.push(await pressInChannel(harness, user, pages.at(-1)!, next.title, {}, on));
    if (pages.length > 20) throw new Error("more than 20 pages of details");
  }
  return pages;
}

/** Presses a button on the channel card as `user` in the channel; `on` names the copy pressed (its thread and activity id). */
export async function pressInChannel(harness: Harness, user: User, card: Card, title: string, inputs: Record<string, string> = {}, on?: { conversationId: string; activityId: string }): Promise<Card> {
  const action = executeAction(card, title);
  const response = await harness.post(
    harness.activity("invoke", user, {
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: action.verb, data: { ...action.data, ...inputs } }, trigger: "manual" },
      conversation: { id: on?.conversationId ?? "team-id;messageid=1", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: "team-id" } },
      ...(on === undefined ? {} : { replyToId: on.activityId }),
    }),
  );
  expect(response.status).toBe(200);
  return response.body.value as Card;
}
