// DOMAIN.md §9 (added 2026-12-07; seed 001: home and host authorities both need to know), over HTTP
// with the loopback connector: a child living in Sutton, looked after by Lambeth. The referral goes
// to Sutton's channel, which leads, and an informed copy to Lambeth's: the same minimised card,
// details for Lambeth's triage members, no triage actions, kept in step with the lead copy through
// the outbox, each exactly once. With Lambeth's channel missing, that copy waits and the referrer is
// told which area it was not delivered to.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, buttonTitles, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, executeAction, pressAfterEssentials, pressInChannel, reviewAndSend, postsIn as postsInChannel, registerTriage, type ChannelCardPost } from "../support/referral-journey.ts";

const KIT: User = { id: "kit", name: "Kit Lead", aadObjectId: "00000000-0000-4000-8000-0000000000c1" };
const LEE: User = { id: "lee", name: "Lee Lambeth", aadObjectId: "00000000-0000-4000-8000-0000000000c2" };
const SUTTON = "sutton-channel";
const LAMBETH = "lambeth-channel";

let harness: Harness;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const file = join(dir, "roles.yaml");
  writeFileSync(file, `areas:\n  sutton:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${KIT.aadObjectId}]\n  lambeth:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${LEE.aadObjectId}]\n`);
  harness = await startHarness({ env: { ROLES_FILE: file } });
});
afterEach(async () => {
  await harness.close();
});

type Post = ChannelCardPost;
const postsIn = (channelId: string): Post[] => postsInChannel(harness, channelId);
const register = (areaId: string, channelId: string) => registerTriage(harness, ALEX, areaId, channelId);
const updatesOf = (post: Post) => harness.sent.filter((entry) => entry.method === "PUT" && decodeURIComponent(entry.path) === `/v3/conversations/${post.on.conversationId}/activities/${post.on.activityId}`).map((entry) => entry.activity.attachments[0].content as Card);
const toReferrer = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/a:personal-${ALEX.id}/activities`)).map((entry) => String(entry.activity.text ?? ""));

/** A referral in Sutton for a child looked after by Lambeth; the confirmation card. */
async function submitLookedAfterByLambeth(): Promise<Card> {
  const form = await harness.press(ALEX, await checkResultCard(harness, ALEX, "sutton"), "Make a referral");
  const child = await pressAfterEssentials(harness, ALEX, form, "More about the child", ESSENTIALS);
  return harness.press(ALEX, await reviewAndSend(harness, ALEX, child, { "child.lookedAfterBy": "London Borough of Lambeth" }), "Submit referral");
}

describe("a Sutton-placed child looked after by Lambeth", () => {
  it("goes to both channels: Sutton leads and acts, Lambeth's informed copy reads the details and is kept in step, each once", async () => {
    await register("sutton", SUTTON);
    await register("lambeth", LAMBETH);
    const sent = await submitLookedAfterByLambeth();
    expect(textOf(sent)).toContain("SUT-2026-00001");
    await harness.deliver();

    const [lead] = postsIn(SUTTON);
    const [informed] = postsIn(LAMBETH);
    expect(postsIn(SUTTON)).toHaveLength(1);
    expect(postsIn(LAMBETH)).toHaveLength(1);
    expect(JSON.stringify(lead!.card)).toContain('"title":"Also informed","value":"Lambeth, which looks after this child"');
    expect(textOf(informed!.card)).toContain("Informed: Lambeth looks after this child; Sutton leads");
    expect(textOf(informed!.card)).toContain("Referral SUT-2026-00001 · Sutton");
    expect(buttonTitles(informed!.card)).toEqual(["Show details"]);
    for (const card of [lead!.card, informed!.card]) expect(JSON.stringify(card)).not.toMatch(/Markerfield|Samira|Lambeth Council|London Borough/);

    // A Lambeth triage member sees the details on the informed copy, and cannot act.
    const details = await pressInChannel(harness, LEE, informed!.card, "Show details", {}, informed!.on);
    expect(JSON.stringify(details)).toContain("Markerfield");
    // No triage action: Hide details, and the way to the details' other pages.
    expect(buttonTitles(details).filter((title) => !title.startsWith("More details"))).toEqual(["Hide details"]);
    const { data } = executeAction(lead!.card, "Acknowledge");
    const forged = { ...informed!.card, actions: [{ type: "Action.Execute", title: "Acknowledge", verb: "triage.acknowledge", data }] } as Card;
    expect(textOf(await pressInChannel(harness, LEE, forged, "Acknowledge", {}, informed!.on))).toContain("This is an informed copy");
    expect(textOf(await pressInChannel(harness, LEE, lead!.card, "Acknowledge", {}, lead!.on))).toContain("Only Sutton's triage team can act on its referrals");

    // Sutton acknowledges: both copies are updated, each exactly once.
    await pressInChannel(harness, KIT, lead!.card, "Acknowledge", {}, lead!.on);
    await harness.deliver();
    await harness.deliver();
    expect(updatesOf(lead!)).toHaveLength(1);
    expect(updatesOf(informed!)).toHaveLength(1);
    expect(JSON.stringify(updatesOf(lead!)[0])).toContain("Acknowledged, not assigned yet");
    expect(JSON.stringify(updatesOf(informed!)[0])).toContain("Acknowledged, not assigned yet");
    expect(textOf(updatesOf(informed!)[0]!)).toContain("Informed: Lambeth looks after this child; Sutton leads");
    expect(buttonTitles(updatesOf(informed!)[0]!)).toEqual(["Show details"]);
  });

  it("with Lambeth's channel missing, that copy waits; the referrer is told which area was not delivered, then that it is", async () => {
    await register("sutton", SUTTON);
    const sent = await submitLookedAfterByLambeth();
    expect(textOf(sent)).toContain("Not delivered to Lambeth, which looks after the child: it has no triage channel in Teams yet.");
    await harness.deliver();
    expect(postsIn(SUTTON)).toHaveLength(1);
    expect(postsIn(LAMBETH)).toHaveLength(0);

    // Registering the channel sends what waited for it at once, not at the next look a minute later.
    await register("lambeth", LAMBETH);
    await harness.deliver();
    expect(postsIn(LAMBETH)).toHaveLength(1);
    expect(toReferrer().filter((text) => text.startsWith("Delivered: your referral SUT-2026-00001 is now also posted, for information, in the triage channel registered for Lambeth"))).toHaveLength(1);
    await harness.deliver();
    expect(postsIn(LAMBETH)).toHaveLength(1);
  });

  // The same the other way round (seed 001: home and host both need to know): a referral
  // in Lambeth, the home area that looks after the child, for a child placed in Sutton.
  it("a referral in the home area for a child placed out of area: the home area leads, the host area gets the informed copy, each said as it is", async () => {
    await register("sutton", SUTTON);
    await register("lambeth", LAMBETH);
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX, "lambeth"), "Make a referral");
    const child = await pressAfterEssentials(harness, ALEX, form, "More about the child", ESSENTIALS);
    const sent = await harness.press(ALEX, await reviewAndSend(harness, ALEX, child, { "child.lookedAfterBy": "Lambeth", "child.placedIn": "LB Sutton" }), "Submit referral");
    expect(textOf(sent)).toContain("LAM-2026-00001");
    expect(textOf(sent)).toContain("where the child is placed");
    await harness.deliver();
    const [lead] = postsIn(LAMBETH);
    const [informed] = postsIn(SUTTON);
    expect(postsIn(LAMBETH)).toHaveLength(1);
    expect(postsIn(SUTTON)).toHaveLength(1);
    expect(JSON.stringify(lead!.card)).toContain('"title":"Also informed","value":"Sutton, where this child is placed"');
    expect(textOf(informed!.card)).toContain("Informed: this child is placed in Sutton; Lambeth leads");
    expect(buttonTitles(informed!.card)).toEqual(["Show details"]);
  });

  it("a child looked after by the area they live in gets one card only", async () => {
    await register("sutton", SUTTON);
    await register("lambeth", LAMBETH);
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX, "sutton"), "Make a referral");
    const child = await pressAfterEssentials(harness, ALEX, form, "More about the child", ESSENTIALS);
    await harness.press(ALEX, await reviewAndSend(harness, ALEX, child, { "child.lookedAfterBy": "Sutton" }), "Submit referral");
    await harness.deliver();
    expect(postsIn(SUTTON)).toHaveLength(1);
    expect(postsIn(LAMBETH)).toHaveLength(0);
  });
});
