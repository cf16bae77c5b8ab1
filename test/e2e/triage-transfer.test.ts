// DOMAIN.md §9 (added 2026-12-07), over HTTP with the loopback connector: a transfer from Kingston
// to Sutton hands the referral over for real. Sutton's channel gets the card with the history so
// far; Kingston's copy says where it went and takes no more actions (its team can still read the
// details); Sutton's team acts on it from `submitted`; the referrer is told once per step; the
// reference stays. A transfer to an area that is not configured is refused with the list.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, detailsPages, executeAction, reviewAndSend, pressInChannel, postsIn as postsInChannel, registerTriage, type ChannelCardPost } from "../support/referral-journey.ts";

const KIT: User = { id: "kit", name: "Kit Lead", aadObjectId: "00000000-0000-4000-8000-0000000000c1" };
const KINGSTON = "team-id";
const SUTTON = "sutton-channel";

let harness: Harness;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const file = join(dir, "roles.yaml");
  // Sam triages Kingston, Kit triages Sutton; Alex (the referrer) registers both channels.
  writeFileSync(file, `areas:\n  kingston:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${SAM.aadObjectId}]\n  sutton:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${KIT.aadObjectId}]\n`);
  harness = await startHarness({ env: { ROLES_FILE: file } });
});
afterEach(async () => {
  await harness.close();
});

type Post = ChannelCardPost;
const postsIn = (channelId: string): Post[] => postsInChannel(harness, channelId);
const register = (areaId: string, channelId: string) => registerTriage(harness, ALEX, areaId, channelId);
const updatesIn = (channelId: string) => harness.sent.filter((entry) => entry.method === "PUT" && decodeURIComponent(entry.path).startsWith(`/v3/conversations/${channelId};messageid=`)).map((entry) => entry.activity.attachments[0].content as Card);
const toReferrer = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/a:personal-${ALEX.id}/activities`) && String(entry.activity.text ?? "").startsWith("Your referral")).map((entry) => String(entry.activity.text));
const remindersIn = (channelId: string) => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/${channelId};messageid=`) && String(entry.activity.text ?? "").startsWith("Reminder:"));

async function submitInKingston(): Promise<Post> {
  const form = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
  await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
  await harness.deliver();
  return postsIn(KINGSTON)[0]!;
}

describe("a transfer from Kingston to Sutton", () => {
  it("hands the referral over: Sutton acts on it from submitted, Kingston's copy is read-only, the referrer is told each step", async () => {
    await register("kingston", KINGSTON);
    await register("sutton", SUTTON);
    const kingston = await submitInKingston();
    let card = await pressInChannel(harness, SAM, kingston.card, "Assign to me", {}, kingston.on);

    // The decision offers the configured areas (not Kingston itself, not "Another area").
    const choices = JSON.stringify(card.actions).match(/"id":"transferArea"[^\]]*\]/)?.[0] ?? "";
    expect(choices).toContain('"value":"sutton"');
    expect(choices).not.toContain('"value":"kingston"');
    expect(choices).not.toContain('"value":"other"');

    // An area the tool does not know is refused with the list, and nothing changes.
    const refused = await pressInChannel(harness, SAM, card, "Record decision", { outcome: "transfer-to-other-area", transferArea: "Croydon", reason: "Family moved." }, kingston.on);
    expect(textOf(refused)).toContain('A referral can be transferred only to an area set up in this tool: ');
    expect(textOf(refused)).toContain("Sutton");
    expect(textOf(refused)).toContain('"Croydon" is not one of them, so nothing was changed.');
    expect(JSON.stringify(refused)).toContain('"value":"Assigned"');

    harness.setNow(new Date("2026-11-24T10:02:00Z"));
    card = await pressInChannel(harness, SAM, card, "Record decision", { outcome: "transfer-to-other-area", transferArea: "sutton", reason: "The family moved to Sutton last week." }, kingston.on);
    expect(JSON.stringify(card)).toContain('"title":"Status","value":"Transferred to Sutton at 10:02 by Sam Nurse"');
    expect(buttonTitles(card)).toEqual(["Show details"]);
    await harness.deliver();

    // Sutton's channel has the card, with the same reference, new there.
    const [sutton] = postsIn(SUTTON);
    expect(sutton).toBeDefined();
    expect(textOf(sutton!.card)).toContain("Referral KIN-2026-00001 · Sutton");
    expect(JSON.stringify(sutton!.card)).toContain('"title":"Transferred from","value":"Kingston upon Thames at 10:02 by Sam Nurse"');
    expect(JSON.stringify(sutton!.card)).toContain("New: not acknowledged yet");
    expect(JSON.stringify(sutton!.card)).not.toContain("Markerfield");
    // Kingston's copy is kept in step: where it went, no actions.
    expect(JSON.stringify(updatesIn(KINGSTON).at(-1)!)).toContain('"value":"Transferred to Sutton at 10:02 by Sam Nurse"');
    expect(buttonTitles(updatesIn(KINGSTON).at(-1)!)).toEqual(["Show details"]);
    expect(toReferrer().at(-1)).toContain("Your referral KIN-2026-00001 (Kingston upon Thames) has been transferred to Sutton by Sam Nurse at 10:02. Their reason: The family moved to Sutton last week.");
    expect(toReferrer().at(-1)).toContain("Sutton's triage team takes it on from here, with the same reference");

    // Kingston can no longer act: not from its own copy, nor from Sutton's.
    const { data } = executeAction(sutton!.card, "Acknowledge");
    const fromKingstonCopy = await pressInChannel(harness, SAM, { ...kingston.card, actions: [{ type: "Action.Execute", title: "Acknowledge", verb: "triage.acknowledge", data }] }, "Acknowledge", {}, kingston.on);
    expect(textOf(fromKingstonCopy)).toContain("This referral was transferred");
    const fromSuttonCard = await pressInChannel(harness, SAM, sutton!.card, "Acknowledge", {}, sutton!.on);
    expect(textOf(fromSuttonCard)).toContain("Only Sutton's triage team can act on its referrals");
    // …but still reads the details, with its history, and no actions there.
    const read = await detailsPages(harness, SAM, updatesIn(KINGSTON).at(-1)!, kingston.on);
    expect(JSON.stringify(read)).toContain("Markerfield");
    // Hide details, and the way between the details' pages.
    expect([...new Set(read.flatMap(buttonTitles).filter((title) => !/^(More details|Back to page)/.test(title)))]).toEqual(["Hide details"]);

    // Sutton acts from submitted; its copy moves on, Kingston's stays as it was.
    harness.setNow(new Date("2026-11-24T10:10:00Z"));
    const acknowledged = await pressInChannel(harness, KIT, sutton!.card, "Acknowledge", {}, sutton!.on);
    expect(JSON.stringify(acknowledged)).toContain("Acknowledged, not assigned yet");
    await harness.deliver();
    expect(JSON.stringify(updatesIn(SUTTON).at(-1))).toContain("Acknowledged, not assigned yet");
    expect(JSON.stringify(updatesIn(KINGSTON).at(-1)!)).toContain('"value":"Transferred to Sutton at 10:02 by Sam Nurse"');
    const details = (await detailsPages(harness, KIT, acknowledged, sutton!.on)).map(textOf).join("\n");
    expect(details).toContain("Submitted by Alex Teacher");
    expect(details).toMatch(/Decided by Sam Nurse \(Transfer to another area: Sutton\)[\s\S]*The family moved to Sutton last week\./);
    expect(details).toContain("Acknowledged by Kit Lead");

    // One message to the referrer per step: taken on, transferred, acknowledged by Sutton.
    expect(toReferrer()).toEqual([
      expect.stringContaining("(Kingston upon Thames) has been acknowledged and taken on by Sam Nurse"),
      expect.stringContaining("has been transferred to Sutton"),
      expect.stringContaining("Your referral KIN-2026-00001 (Sutton) has been acknowledged by Kit Lead"),
    ]);
  });

  it("the receiving area's deadlines count from the hand-over; the first area's reminders lapse", async () => {
    await register("kingston", KINGSTON);
    await register("sutton", SUTTON);
    const kingston = await submitInKingston();
    harness.setNow(new Date("2026-11-24T11:00:00Z"));
    const card = await pressInChannel(harness, SAM, kingston.card, "Assign to me", {}, kingston.on);
    await pressInChannel(harness, SAM, card, "Record decision", { outcome: "transfer-to-other-area", transferArea: "Sutton", reason: "Moved." }, kingston.on);
    await harness.deliver();
    // Kingston's own reminder was due at 14:00; the referral is new in Sutton, but that row is Kingston's.
    harness.setNow(new Date("2026-11-24T14:30:00Z"));
    await harness.deliver();
    expect(remindersIn(KINGSTON)).toHaveLength(0);
    expect(remindersIn(SUTTON)).toHaveLength(0);
    harness.setNow(new Date("2026-11-24T16:30:00Z"));
    await harness.deliver();
    expect(remindersIn(SUTTON)).toHaveLength(1);
    expect(remindersIn(KINGSTON)).toHaveLength(0);
  });

  it("with no channel for Sutton yet, the card waits there and the referrer is told it is not delivered, then that it is", async () => {
    await register("kingston", KINGSTON);
    const kingston = await submitInKingston();
    const card = await pressInChannel(harness, SAM, kingston.card, "Assign to me", {}, kingston.on);
    await pressInChannel(harness, SAM, card, "Record decision", { outcome: "transfer-to-other-area", transferArea: "sutton", reason: "Moved." }, kingston.on);
    await harness.deliver();
    expect(postsIn(SUTTON)).toHaveLength(0);
    expect(toReferrer().at(-1)).toContain("Not delivered yet: Sutton has no triage channel in Teams yet.");
    await register("sutton", SUTTON);
    harness.setNow(new Date("2026-11-24T10:05:00Z"));
    await harness.deliver();
    expect(postsIn(SUTTON)).toHaveLength(1);
    const delivered = harness.sent.filter((entry) => String(entry.activity.text ?? "").startsWith("Delivered: your referral KIN-2026-00001"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.activity.text).toContain("the triage channel registered for Sutton");
  });
});
