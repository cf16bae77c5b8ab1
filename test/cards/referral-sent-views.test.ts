// The confirmation once a referral is submitted (issue 10, points 2-3).
import { describe, expect, it } from "vitest";
import { referralSentCard } from "../../src/cards/referral-views.ts";
import { PHONE_NOW_LINE } from "../../src/cards/referral-sent-views.ts";
import { SENT, nodes, rendered, textBlocks } from "../support/referral-cards.ts";

describe("referral sent", () => {
  it("shows the reference large, and how to reach the front door", () => {
    const json = rendered(referralSentCard(SENT));
    expect(nodes(json, (node) => node.text === "KIN-2026-00042")[0]).toMatchObject({ size: "ExtraLarge", weight: "Bolder" });
    expect(textBlocks(json)).toEqual(expect.arrayContaining([
      "It is being posted to the triage channel registered for Kingston upon Thames in your organisation.",
      "Open now", "Phone: [020 8547 5008](tel:02085475008)", "Email: [SPA@kingston.gov.uk](mailto:SPA@kingston.gov.uk)", "Hours: 08:00-18:00 Mon-Fri",
    ]));
    expect(textBlocks(json)).not.toContain(PHONE_NOW_LINE);
  });

  it.each([
    ["closed", false, "Closed now"],
    ["hours not known", undefined, undefined],
  ] as const)("the front door %s", (_name, openNow, badge) => {
    const blocks = textBlocks(rendered(referralSentCard({ ...SENT, frontDoor: { ...SENT.frontDoor, openNow } })));
    if (badge !== undefined) expect(blocks).toContain(badge);
    else expect(blocks.filter((text) => /^(Open|Closed) now$/.test(text))).toEqual([]);
  });

  it("says to phone as well when the check says now", () => {
    expect(textBlocks(rendered(referralSentCard({ ...SENT, phoneNow: true })))).toContain(PHONE_NOW_LINE);
  });

  it("with no channel yet, says it is not delivered, to contact the front door now, and that the referral waits (DOMAIN.md §8)", () => {
    const blocks = textBlocks(rendered(referralSentCard({ ...SENT, channelRegistered: false, phoneNow: true })));
    expect(blocks.join("\n")).toMatch(/^Not delivered: Kingston upon Thames has no triage channel in Teams yet\. Contact the front door now\./m);
    expect(blocks.join("\n")).not.toMatch(/being posted|on its way|sent to/);
  });

  it("with no contact details, says so", () => {
    expect(textBlocks(rendered(referralSentCard({ ...SENT, frontDoor: undefined })))).toContain(
      "This tool has no contact details for Kingston upon Thames's front door: use the number in your local safeguarding procedures.",
    );
  });
});

