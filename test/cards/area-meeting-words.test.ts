// DOMAIN.md §9 "MASE or MACE": an area names its multi-agency meeting, and the product uses its word.
// Every real area's seeds say MASE, so the MACE area here is a fixture: Kingston's file with the
// meeting renamed, as a borough following the 2021 London Child Exploitation Operating Protocol.
import { describe, expect, it } from "vitest";
import type { Area } from "../../src/domain/area.ts";
import { fromCheckOf } from "../../src/domain/referral.ts";
import { createApiViews } from "../../src/cards/api-views.ts";
import { newDraft } from "../../src/services/referral-draft.ts";
import { boardCsv, boardRowOf } from "../../src/export/board-csv.ts";
import { describeTriageEvent, referrerMessage } from "../../src/domain/triage-text.ts";
import { transferAreasOf } from "../../src/services/triage-service.ts";
import { TAB_WORDS } from "../../src/words/tab-words.ts";
import { HISTORY_WHAT } from "../../src/words/triage-replies.ts";
import { outcomeWordsIn } from "../../src/words/insight-words.ts";
import { referralPdfContent } from "../../src/export/referral-pdf-content.ts";
import { TriageState } from "../../src/domain/triage.ts";
import { channelViewOf, earlierLine } from "../../src/cards/referral-channel-data.ts";
import { referralChannelCard, referralFormCard, referralReviewCard } from "../../src/cards/referral-views.ts";
import { summaryOf } from "../../src/services/referral-service.ts";
import { AREAS, TUESDAY_MORNING, assessCase, request } from "../support/assessment.ts";
import { sparseReferral } from "../support/marked-referral.ts";
import { rendered, view } from "../support/referral-cards.ts";

const KINGSTON = AREAS.get("kingston")!;
const MACE: Area = { ...KINGSTON, meeting: { short: "MACE", long: "Multi-Agency Child Exploitation meeting" } };
const MACE_AREAS: ReadonlyMap<string, Area> = new Map([...AREAS, ["kingston", MACE]]);

const sam = { id: "00000000-0000-0000-0000-0000000000021", name: "Sam Lead" };
const stamp = { by: sam, at: TUESDAY_MORNING.toISOString() };
const assigned = { status: "assigned", acknowledged: stamp, assigned: stamp, assignee: sam };
const record = (triage: object) => ({
  id: "3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10", reference: "KIN-2026-00042", areaId: "kingston", referrerId: "msteams:x", submittedAt: TUESDAY_MORNING, version: 3,
  status: (triage as { status: string }).status, summary: summaryOf(sparseReferral().referral, assessCase({ answers: { exchange: "yes" } }), "2026-11-24"), sealed: "sealed", triage,
});
const cardData = (areas: ReadonlyMap<string, Area>, triage: object) => referralChannelCard(channelViewOf(record(triage), areas, TUESDAY_MORNING)).data as { outcomes: { title: string; value: string }[] };

describe("the area's word for its multi-agency meeting", () => {
  it("the decision's outcomes, on the channel card and the tab's board, say Refer to MACE in a MACE area", () => {
    const outcomes = cardData(MACE_AREAS, assigned).outcomes;
    expect(outcomes.find((outcome) => outcome.value === "refer-to-mase")?.title).toBe("Refer to MACE");
    expect(JSON.stringify(cardData(MACE_AREAS, assigned))).not.toContain("MASE");
    // The seeds' areas keep their MASE.
    expect(cardData(AREAS, assigned).outcomes.find((outcome) => outcome.value === "refer-to-mase")?.title).toBe("Refer to MASE");
  });

  it("a possible earlier referral decided for the meeting is named in the area's word", () => {
    const earlier = { reference: "KIN-2026-00017", submittedAt: new Date("2026-03-03T10:00:00Z"), agency: "Hillside School", status: "decided", outcome: "refer-to-mase" };
    expect(earlierLine(earlier as never, "MACE")).toContain("decided (Refer to MACE)");
    expect(earlierLine(earlier as never)).toContain("decided (Refer to MASE)");
  });

  it("a referral decided for the meeting says so in the area's word", () => {
    const decided = { ...assigned, status: "decided", decided: stamp, decision: { outcome: "refer-to-mase" } };
    expect(channelViewOf(record(decided), MACE_AREAS, TUESDAY_MORNING).decision).toBe("Refer to MACE, by Sam Lead at 10:00");
    expect(channelViewOf(record(decided), AREAS, TUESDAY_MORNING).decision).toBe("Refer to MASE, by Sam Lead at 10:00");
    expect(JSON.stringify(referralChannelCard(channelViewOf(record(decided), MACE_AREAS, TUESDAY_MORNING)))).not.toContain("MASE");
  });

  it("the referral form's MASE parts, on the tab, are titled in the word of the check's area", () => {
    const CHECK = { answers: { exchange: "yes" as const } };
    const fromCheck = fromCheckOf(request(CHECK), assessCase(CHECK));
    expect(fromCheck.area).toBe("kingston");
    const draft = { draftId: "d", version: 1, state: { ...newDraft(fromCheck, undefined, {}), section: "mase" as const }, issues: [] };
    const titles = (areas: ReadonlyMap<string, Area>) => createApiViews(areas).referralForm(draft, "").sections.map((section) => section.title).filter((title) => /MA[SC]E/.test(title));
    expect(titles(MACE_AREAS)).toEqual(["For MACE (the Multi-Agency Child Exploitation meeting)", "For MACE: other risks and police measures"]);
    expect(titles(AREAS)).toEqual(["For MASE (the Multi-Agency Sexual Exploitation meeting)", "For MASE: other risks and police measures"]);
    expect(JSON.stringify(createApiViews(MACE_AREAS).referralReview(draft))).not.toContain("MASE");
  });

  it("the board's CSV and the referrer's message name the decision in the area's word", () => {
    const decided = { ...assigned, status: "decided", decided: stamp, decision: { outcome: "refer-to-mase" } };
    expect(boardCsv([boardRowOf(record(decided), MACE, TUESDAY_MORNING)])).toContain(",Refer to MACE,");
    expect(boardCsv([boardRowOf(record(decided), KINGSTON, TUESDAY_MORNING)])).toContain(",Refer to MASE,");
    const event = { type: "decided", at: TUESDAY_MORNING, actorId: "msteams:sam", details: { actorName: "Sam Lead", outcome: "refer-to-mase", reason: "Agreed." } } as const;
    expect(referrerMessage({ reference: "KIN-2026-00042" }, "Kingston upon Thames", event, TUESDAY_MORNING, "MACE")).toContain("Sam Lead at 10:00: Refer to MACE. Their reason: Agreed.");
    // The referral's history, on its details and the board's detail: the triage service knows each area's word.
    const meeting = transferAreasOf(MACE_AREAS).find((area) => area.id === "kingston")?.meeting;
    expect(describeTriageEvent(event, TUESDAY_MORNING, (id) => id, meeting)).toBe("Decided by Sam Lead at 10:00 (Refer to MACE)");
    expect(HISTORY_WHAT.decided(event, meeting)).toBe("Decided: Refer to MACE");
  });

  it("the tab names the insight page for the lead's areas' meetings, each word once", () => {
    expect(TAB_WORDS.app.nav.insight(["MACE"])).toBe("MACE insight");
    expect(TAB_WORDS.app.nav.insight(["MASE", "MACE", "MACE"])).toBe("MASE and MACE insight");
    expect(TAB_WORDS.app.nav.insight([])).toBe("MASE insight");
    // Its chart of outcomes, for the area chosen.
    expect(outcomeWordsIn("MACE")("refer-to-mase")).toBe("Refer to MACE");
    expect(outcomeWordsIn(undefined)("refer-to-mase")).toBe("Refer to MASE");
    expect(outcomeWordsIn("MACE")("early-help")).toBe("Early help");
    expect(TAB_WORDS.insight.intro("Multi-Agency Child Exploitation meeting", "Kingston upon Thames")).toBe("For the Multi-Agency Child Exploitation meeting: the last 12 months of referrals to Kingston upon Thames.");
  });

  it("the referral card in Teams titles the MASE parts in the word of the check's area", () => {
    const mase = JSON.stringify(rendered(referralFormCard(view({ section: "mase", meeting: MACE.meeting }))));
    expect(mase).toContain("For MACE (the Multi-Agency Child Exploitation meeting)");
    expect(mase).toContain("For MACE: other risks");
    expect(mase).not.toContain("MASE");
    expect(JSON.stringify(rendered(referralReviewCard(view({ meeting: MACE.meeting }))))).toContain("For MACE");
    expect(JSON.stringify(rendered(referralReviewCard(view({ meeting: MACE.meeting }))))).not.toContain("MASE");
    // Started from the menu, with no area known: the seeds' word.
    expect(JSON.stringify(rendered(referralFormCard(view({ section: "mase" }))))).toContain("For MASE (the Multi-Agency Sexual Exploitation meeting)");
  });

  it("the referral's PDF names the decision in the area's word", () => {
    const decided = TriageState.parse({ ...assigned, status: "decided", decided: stamp, decision: { outcome: "refer-to-mase" } });
    const pdf = (meeting: string | undefined) =>
      referralPdfContent({ referral: undefined, reference: "KIN-2026-00042", area: { id: "kingston", name: "Kingston upon Thames", meeting }, submittedAt: TUESDAY_MORNING, result: { category: 1, flags: [], unconfirmed: false }, triage: decided, history: [], printedAt: TUESDAY_MORNING })
        .blocks.flatMap((block) => ("value" in block ? [block.value] : []));
    expect(pdf("MACE")).toContain("Refer to MACE");
    expect(pdf(undefined)).toContain("Refer to MASE");
  });
});
