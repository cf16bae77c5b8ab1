// The confirmation once a referral is submitted (issue 10, points 2-3; DOMAIN.md §6 and §8).
import { describe, expect, it } from "vitest";
import { referralSentCard } from "../../src/cards/referral-views.ts";
import { PHONE_NOW_LINE } from "../../src/cards/referral-sent-views.ts";
import { SENT, SUNDAY_03, nodes, rendered, sentAt, textBlocks } from "../support/referral-cards.ts";

const headings = (card: object) => nodes(card, (node) => node.type === "TextBlock" && node.weight === "Bolder").map((node) => String(node.text));

describe("referral sent", () => {
  it("shows the reference large, and how to reach the front door", () => {
    const json = rendered(referralSentCard(SENT));
    expect(nodes(json, (node) => node.text === "KIN-2026-00042")[0]).toMatchObject({ size: "ExtraLarge", weight: "Bolder" });
    expect(textBlocks(json)).toEqual(expect.arrayContaining([
      "It is being posted to the triage channel registered for Kingston upon Thames in your organisation.",
      "Open now", "Phone: [020 8547 5008](tel:02085475008)", "Email: [SPA@kingston.gov.uk](mailto:SPA@kingston.gov.uk)", "Hours: 08:00-18:00 Mon-Fri",
    ]));
    expect(textBlocks(json)).not.toContain(PHONE_NOW_LINE);
    // Where the referral goes, not the area's other services.
    expect(textBlocks(json).join("\n")).not.toMatch(/Phoenix|MASE referrals/);
  });

  it("at night, the line open then comes first and the closed day line says so (DOMAIN.md §6)", () => {
    const blocks = textBlocks(rendered(referralSentCard({ ...SENT, sections: sentAt(SUNDAY_03) })));
    const outOfHours = blocks.indexOf("Phone: [020 8770 5000](tel:02087705000)");
    expect(outOfHours).toBeGreaterThan(-1);
    expect(outOfHours).toBeLessThan(blocks.indexOf("Phone: [020 8547 5008](tel:02085475008)"));
    expect(blocks).toContain("Closed now");
  });

  it.each(["lambeth", "sutton", "havering", "lewisham"])("in %s at 03:00 on a Sunday, the night route comes before any mailbox (DOMAIN.md §6)", (areaId) => {
    const json = rendered(referralSentCard({ ...SENT, delivery: "no-channel" as const, sections: sentAt(SUNDAY_03, areaId) }));
    const titles = headings(json);
    const night = titles.indexOf("If the front door is closed or does not answer");
    expect(night).toBeGreaterThan(-1);
    expect(night).toBeLessThan(titles.findIndex((title) => title.startsWith("Front door:")));
    expect(textBlocks(json)).toContain("Phone: [101](tel:101)");
  });

  it("says to phone as well when the check says now", () => {
    expect(textBlocks(rendered(referralSentCard({ ...SENT, phoneNow: true })))).toContain(PHONE_NOW_LINE);
  });

  it("with no channel yet, says it is not delivered, to contact the front door now, and that the referral waits (DOMAIN.md §8)", () => {
    const blocks = textBlocks(rendered(referralSentCard({ ...SENT, delivery: "no-channel" as const, phoneNow: true })));
    expect(blocks.join("\n")).toMatch(/^Not delivered: Kingston upon Thames has no triage channel in Teams yet\. Contact the front door now\./m);
    expect(blocks.join("\n")).not.toMatch(/being posted|on its way|sent to/);
  });

  it("with no contact details, says so", () => {
    expect(textBlocks(rendered(referralSentCard({ ...SENT, sections: [] })))).toContain(
      "This tool has no contact details for Kingston upon Thames's front door: use the number in your local safeguarding procedures.",
    );
  });
});
