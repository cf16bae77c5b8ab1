// DOMAIN.md §9 (added 2026-12-07), over HTTP with the loopback connector: an assigned referral is
// reassigned by a second triage member with "Assign to…"; the move is in the history, the referrer
// is told, and the card refreshes itself to the details for the new assignee only: the previous
// assignee's copy goes back to the summary.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, startHarness, textOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, detailsPages, executeAction, reviewAndSend, pressInChannel, sayInChannel } from "../support/referral-journey.ts";

const JO: User = { id: "jo", name: "Jo Okafor", aadObjectId: "00000000-0000-4000-8000-0000000000a0" };

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const channelCards = () => harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true).map((entry) => entry.activity.activity.attachments[0].content as Card);
const updates = () => harness.sent.filter((entry) => entry.method === "PUT").map((entry) => entry.activity.attachments[0].content as Card);
const toReferrer = () => harness.sent.filter((entry) => decodeURIComponent(entry.path).startsWith(`/v3/conversations/a:personal-${ALEX.id}/activities`)).map((entry) => String(entry.activity.text ?? ""));

/** Teams asking for the card on `user`'s behalf, as it does for those in refresh.userIds. */
function refreshAs(user: User, card: Card): Promise<Card> {
  const refreshButton = { type: "AdaptiveCard", body: [], actions: [{ type: "Action.Execute", title: "Refresh", ...card.refresh!.action }] } as Card;
  return pressInChannel(harness, user, refreshButton, "Refresh");
}

describe("reassigning an assigned referral", () => {
  it("a second member takes it over: history, referrer, and the refresh follows the new assignee", async () => {
    await sayInChannel(harness, ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
    await harness.deliver();

    await pressInChannel(harness, JO, channelCards()[0]!, "Show details");
    const assigned = await pressInChannel(harness, SAM, channelCards()[0]!, "Assign to me");
    await harness.deliver();
    expect(updates().at(-1)!.refresh?.userIds).toEqual([`29:${SAM.id}`]);

    // Assigned, the card still offers "Assign to…", with the members other than the assignee.
    expect(JSON.stringify(assigned)).toContain('"title":"Jo Okafor"');
    const taken = await pressInChannel(harness, JO, assigned, "Assign", { assignee: JO.aadObjectId });
    expect(textOf(taken)).toContain("Assigned to: Jo Okafor");
    expect(JSON.stringify(taken)).toContain('"value":"Assigned"');
    await harness.deliver();

    const updated = updates().at(-1)!;
    expect(textOf(updated)).toContain("Assigned to: Jo Okafor");
    expect(updated.refresh?.userIds).toEqual([`29:${JO.id}`]);
    // Sam had the details by refresh; now Sam's copy is the summary, and Jo's the details.
    const samSees = await refreshAs(SAM, updated);
    expect(JSON.stringify(samSees)).not.toContain("Markerfield");
    expect(textOf(samSees)).not.toContain("Details: only you see them");
    expect(JSON.stringify(await refreshAs(JO, updated))).toContain("Markerfield");

    expect(toReferrer().at(-1)).toMatch(/^Your referral KIN-2026-00001 \(Kingston upon Thames\) has been taken on by Jo Okafor at \d\d:\d\d\./);
    // The history after the referral's parts, on the details' last pages.
    const history = (await detailsPages(harness, SAM, updated)).map(textOf).join("\n");
    // Each named once: Sam took it, then Jo took it over.
    expect(history).toMatch(/Acknowledged and assigned to Sam Nurse\n/);
    expect(history).toMatch(/Reassigned to Jo Okafor \(was Sam Nurse\)/);
  });

  it("assigning it to the member who has it changes nothing and says so", async () => {
    await sayInChannel(harness, ALEX, "register triage kingston");
    const form = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    await harness.press(ALEX, await reviewAndSend(harness, ALEX, form, ESSENTIALS), "Submit referral");
    await harness.deliver();
    const assigned = await pressInChannel(harness, SAM, channelCards()[0]!, "Assign to me");
    await harness.deliver();
    const before = harness.sent.length;
    // "Assign to me" is not offered once assigned; a press sent anyway (an old copy) is refused by the rules.
    const { data } = executeAction(assigned, "Record decision");
    const again = await pressInChannel(harness, SAM, { ...assigned, actions: [{ type: "Action.Execute", title: "Old copy", verb: "triage.assign", data }] }, "Old copy");
    expect(textOf(again)).toContain("This referral was already assigned to Sam Nurse at");
    await harness.deliver();
    expect(harness.sent.length).toBe(before);
  });
});
