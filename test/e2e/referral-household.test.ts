// DOMAIN.md §8 (added 2026-12-07): the household, end to end over HTTP with the loopback
// connector. A practitioner adds who the child lives with, parents and carers (at most 4) and the
// other children (at most 8); a date of birth that does not exist comes back beside its field with
// everything typed kept; the submitted household reaches the area's triage team behind Show
// details, and never the channel's card or the logs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALEX, SAM, buttonTitles, inputIds, startHarness, textOf, valueOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { ESSENTIALS, checkResultCard, detailsPages, pressAfterEssentials, pressInChannel, reviewAndSend, sayInChannel } from "../support/referral-journey.ts";

const JO: User = { id: "jo", name: "Jo Okafor", aadObjectId: "00000000-0000-4000-8000-0000000000a0" };

/** A household whose every value is distinctive, so it is found wherever it leaks. */
const LIVES_WITH = "Lives with her mother Ngozi Brackenridge and two younger brothers at Wrenfield Close.";
const CARER = {
  "parentsAndCarers.0.name": "Ngozi Brackenridge",
  "parentsAndCarers.0.relationship": "Mother",
  "parentsAndCarers.0.dateOfBirth": "1984-07-21",
  "parentsAndCarers.0.phone": "07700 900372",
  "parentsAndCarers.0.language": "Igbo; needs an interpreter",
  "parentsAndCarers.0.mayBeRisk": "no",
};
const SIBLING = { "householdChildren.0.name": "Kemi Brackenridge", "householdChildren.0.dateOfBirth": "2017-02-30", "householdChildren.0.school": "Thistlecombe Primary" };
const PERSONAL = ["Brackenridge", "Wrenfield", "07700 900372", "900372", "Igbo", "Thistlecombe", "Kemi", "1984-07-21", "21 July 1984", "2017-02-03", "3 February 2017"];

const logLines: string[] = [];
let harness: Harness;
beforeEach(async () => {
  logLines.length = 0;
  const dir = mkdtempSync(join(tmpdir(), "roles-"));
  const roles = join(dir, "roles.yaml");
  writeFileSync(roles, `areas:\n  kingston:\n    admins: [${ALEX.aadObjectId}]\n    triage: [${JO.aadObjectId}]\n`);
  harness = await startHarness({ env: { ROLES_FILE: roles }, logLines });
});
afterEach(async () => {
  await harness.close();
});

const channelCards = () => harness.sent.filter((entry) => entry.path === "/v3/conversations" && entry.activity.isGroup === true).map((entry) => entry.activity.activity.attachments[0].content as Card);

describe("the household on a referral", () => {
  it("is kept as typed, a bad sibling's date of birth is shown beside its field, and once submitted only the triage team sees it, behind Show details", async () => {
    await sayInChannel(harness, ALEX, "register triage kingston");
    const essentials = await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral");
    const household = await pressAfterEssentials(harness, ALEX, essentials, "Who the child lives with", ESSENTIALS);
    const carers = await harness.press(ALEX, household, "Parents and carers: details", { "household.livesWith": LIVES_WITH });
    const oneCarer = await harness.press(ALEX, carers, "Add a parent or carer");
    const children = await harness.press(ALEX, oneCarer, "Brothers, sisters, other children", CARER);
    const oneChild = await harness.press(ALEX, children, "Add a child");

    // DOMAIN.md §8: dates are real dates; the problem is beside the field, everything typed is kept.
    const wrong = await reviewAndSend(harness, ALEX, oneChild, SIBLING);
    expect(textOf(wrong)).toContain("Household: brothers, sisters and other children");
    expect(textOf(wrong)).toContain("That date does not exist: check the day and the month.");
    const json = JSON.stringify(wrong);
    for (const typed of Object.values(SIBLING)) expect(json).toContain(typed);
    const carersAgain = await harness.press(ALEX, wrong, "Parents and carers: details (1 parent or carer)");
    for (const typed of Object.values(CARER)) expect(JSON.stringify(carersAgain)).toContain(typed);

    const childrenAgain = await harness.press(ALEX, carersAgain, "Brothers, sisters, other children (1 child)");
    const review = await reviewAndSend(harness, ALEX, childrenAgain, { "householdChildren.0.dateOfBirth": "2017-02-03" });
    expect(textOf(review)).toContain(LIVES_WITH);
    expect(textOf(review)).toContain("Name: Kemi Brackenridge\nDate of birth: 3 February 2017\nSchool, college or nursery: Thistlecombe Primary");
    expect(textOf(review)).toContain("Could they be a source of risk to the child? No");
    expect(textOf(await harness.press(ALEX, review, "Submit referral"))).toContain("KIN-2026-00001");

    expect(await harness.deliver()).toBe(1);
    const card = channelCards()[0]!;
    const onChannel = JSON.stringify(card);
    expect(onChannel).toContain("KIN-2026-00001");
    for (const personal of PERSONAL) expect(onChannel).not.toContain(personal);

    const refused = await pressInChannel(harness, SAM, card, "Show details");
    for (const personal of PERSONAL) expect(JSON.stringify(refused)).not.toContain(personal);

    // The details a page at a time: read as the lead reads them, page after page.
    const details = (await detailsPages(harness, JO, card)).map(textOf).join("\n");
    expect(details).toContain("Details: only you see them");
    expect(details).toContain(LIVES_WITH);
    expect(details).toContain("Name: Ngozi Brackenridge\nRelationship to the child: Mother\nDate of birth: 21 July 1984");
    expect(details).toContain("Phone number: 07700 900372");
    expect(details).toContain("Name: Kemi Brackenridge\nDate of birth: 3 February 2017");

    // The logs were read at trace level: nothing of the household is in them.
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join("\n");
    for (const personal of PERSONAL) expect(logs).not.toContain(personal);
  });

  it("takes at most 4 parents or carers: the card says so in place of Add, and a fifth Add sent anyway adds nothing and loses nothing", async () => {
    let card = await harness.press(ALEX, await harness.press(ALEX, await checkResultCard(harness, ALEX), "Make a referral"), "Parents and carers: details");
    for (let carer = 1; carer <= 4; carer += 1) {
      card = await harness.press(ALEX, card, "Add a parent or carer", carer === 1 ? {} : { [`parentsAndCarers.${carer - 2}.relationship`]: `Carer ${carer - 1}` });
    }
    expect(textOf(card)).toContain("Parent or carer 4");
    expect(buttonTitles(card)).not.toContain("Add a parent or carer");
    expect(textOf(card)).toContain('That is 4, the most a referral takes. Describe any others under "Who the child lives with".');

    // An Add sent anyway (a tampered request: the card has no such button): nothing is added, nothing typed is lost.
    const review = card.actions?.find((action: any) => action.title === "Review and send") as { data: Record<string, unknown> } | undefined;
    const typed = Object.fromEntries(inputIds(card).map((id) => [id, valueOf(card, id)]).filter(([, value]) => value !== ""));
    const again = await harness.invoke(ALEX, { type: "Action.Execute", verb: "referral.add", data: { ...review?.data, ...typed, group: "parentsAndCarers", "parentsAndCarers.3.relationship": "Carer 4" } });
    expect(textOf(again)).toContain("Parent or carer 4");
    expect(textOf(again)).not.toContain("Parent or carer 5");
    for (const typed of ["Carer 1", "Carer 3", "Carer 4"]) expect(JSON.stringify(again)).toContain(typed);
    expect(textOf(again)).toContain("That is 4, the most a referral takes.");
  });
});
