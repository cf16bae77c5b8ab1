// The tab reads the API's answers through the types of src/http/api/contract.ts, without checking
// them at run time. Here every kind of answer, from the real server, is parsed with the contract's
// schemas: a view that renames or drops a field the tab reads fails this test, not a practitioner's page.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  AnsweredAnswer, ApiErrorBody, BoardAnswer, BoardFiltersAnswer, CheckAnswer, DraftAnswer, GuidanceAnswer, InsightAnswer, LocalUsersAnswer, MeAnswer, MineAnswer, MyReferralAnswer, SignsAnswer, TriageReferralAnswer,
} from "../../src/http/api/contract.ts";
import { startHarness, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function call(user: string, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${harness.botUrl}/api/v1${path}`, {
    method,
    headers: { "x-local-user": user, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** The answer, parsed by the contract's schema; a mismatch names the path of each field. */
function read<S extends z.ZodType>(schema: S, answer: { status: number; body: unknown }, status = 200): z.infer<S> {
  expect(answer.status).toBe(status);
  const parsed = schema.safeParse(answer.body);
  expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([]);
  return parsed.data as z.infer<S>;
}

describe("the tab's API answers as its contract says", () => {
  it("sign-in, guidance, signs, a check, a referral, the board, a triage move, an answer, insight and an error", async () => {
    const practitioner = (method: "GET" | "POST", path: string, body?: unknown) => call("practitioner", method, path, body);
    const lead = (method: "GET" | "POST", path: string, body?: unknown) => call("kingston-lead", method, path, body);

    read(LocalUsersAnswer, await practitioner("GET", "/local-users"));
    read(MeAnswer, await lead("GET", "/me"));
    expect(read(GuidanceAnswer, await practitioner("GET", "/guidance?q=sexting")).items.length).toBeGreaterThan(0);
    expect(read(SignsAnswer, await practitioner("GET", "/signs")).areas).toHaveLength(9);
    read(ApiErrorBody, await practitioner("GET", "/no-such-route"), 404);

    // The check, each step; the danger question "yes" is not asked here, so the steps are the ordinary ones.
    let check = read(CheckAnswer, await practitioner("POST", "/checks"));
    check = read(CheckAnswer, await practitioner("POST", `/checks/${check.checkId}/actions`, { version: check.version, verb: "check.context", inputs: { area: "kingston", age: "14", lookedAfter: "false", placedOutOfArea: "false", q_immediateDanger: "no" } }));
    expect(check.step).toBe("signs");
    check = read(CheckAnswer, await practitioner("POST", `/checks/${check.checkId}/actions`, { version: check.version, verb: "check.signs", inputs: { signs_receipt: "receipt.moneyOrGoods" } }));
    for (let round = 0; round < 2 && check.step === "questions"; round += 1) {
      const questions = [...(check.card.questions ?? []), ...(check.card.followUps ?? [])];
      check = read(CheckAnswer, await practitioner("POST", `/checks/${check.checkId}/actions`, { version: check.version, verb: "check.questions", inputs: Object.fromEntries(questions.map((question) => [`q_${question.id}`, "no"])) }));
    }
    expect(check.step).toBe("result");
    expect(check.card.firstSteps?.length).toBeGreaterThan(0);

    // The referral: a form, a list section, the review, the confirmation.
    let draft = read(DraftAnswer, await practitioner("POST", "/referral-drafts", { checkId: check.checkId }));
    if (draft.stage !== "form") throw new Error(`expected the form, got ${draft.stage}`);
    const typed = Object.fromEntries(draft.fields.filter((field) => field.value !== "").map((field) => [field.id, field.value]));
    draft = read(DraftAnswer, await practitioner("POST", `/referral-drafts/${draft.draftId}/actions`, { version: draft.version, verb: "referral.section", section: "personsOfInterest", inputs: { ...typed, ...ESSENTIALS } }));
    if (draft.stage !== "form") throw new Error(`expected the form, got ${draft.stage}`);
    expect(draft.list?.group).toBe("personsOfInterest");
    draft = read(DraftAnswer, await practitioner("POST", `/referral-drafts/${draft.draftId}/actions`, { version: draft.version, verb: "referral.review", inputs: {} }));
    expect(draft.stage).toBe("review");
    if (draft.stage !== "review") return;
    const sent = read(DraftAnswer, await practitioner("POST", `/referral-drafts/${draft.draftId}/actions`, { version: draft.version, verb: "referral.submit", inputs: {} }));
    if (sent.stage !== "sent") throw new Error(`expected the confirmation, got ${sent.stage}`);

    // The referrer's list and their referral; the lead's board, filters, the referral, a move.
    expect(read(MineAnswer, await practitioner("GET", "/referrals?view=mine")).items).toHaveLength(1);
    read(MyReferralAnswer, await practitioner("GET", `/referrals/${sent.referralId}`));
    expect(read(BoardAnswer, await lead("GET", "/referrals?view=board")).items).toHaveLength(1);
    read(BoardFiltersAnswer, await lead("GET", "/board-filters"));
    const detail = read(TriageReferralAnswer, await lead("GET", `/referrals/${sent.referralId}`));
    const asked = read(TriageReferralAnswer, await lead("POST", `/referrals/${sent.referralId}/actions`, { version: detail.version, verb: "triage.ask", inputs: { question: "Which school does the child go to?" } }));
    expect(asked.status).toBe("awaiting-info");
    read(AnsweredAnswer, await practitioner("POST", `/referrals/${sent.referralId}/answer`, { answer: "Hillside School." }));
    expect(read(InsightAnswer, await lead("GET", "/insight?months=3")).counts.referrals).toBe(1);
  });
});
