// The referral service against a real store (SQLite) and real sealing: a draft from a check's
// result, typed values kept through every move, issues against their fields, one referral however
// often Submit is pressed, and nothing anyone else can open.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { createCheckService, type CheckService } from "../../src/services/check-service.ts";
import { questionsOnStep3 } from "../../src/services/check-flow.ts";
import { FLOOD_LIMITS, createReferralService, type ReferralOutcome, type ReferralService } from "../../src/services/referral-service.ts";
import { NOTICES_FOR_REFERRALS } from "../../src/words/referral-notices.ts";
import type { ReferralStore } from "../../src/services/referral-store.ts";
import { createCheckSessionRepository } from "../../src/store/check-session-repository.ts";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";
import { createUserSettingsRepository } from "../../src/store/user-settings-repository.ts";

const NOW = new Date("2026-11-24T10:00:00Z");
/** The referral service's clock: NOW, unless a test moves it on. */
let now = NOW;
const ALEX = "msteams:alex";
const areas = loadAreas();
let database: Database;
let checks: CheckService;
let referrals: ReferralStore;
let service: ReferralService;
let crypto: ReturnType<typeof createReferralCrypto>;

beforeEach(async () => {
  now = NOW;
  database = await createDatabase(":memory:");
  checks = createCheckService({ store: createCheckSessionRepository(database.db), areas, clock: () => NOW, newId: randomUUID });
  referrals = createReferralRepository(database.db);
  crypto = createReferralCrypto(randomBytes(32));
  service = createReferralService({
    drafts: createCheckSessionRepository(database.db, "referral_drafts"),
    referrals,
    channels: createTriageChannelRepository(database.db),
    checks,
    settings: createUserSettingsRepository(database.db, crypto),
    crypto,
    areas,
    clock: () => now,
    newId: randomUUID,
  });
});
afterEach(async () => {
  await database.close();
});

/** A finished check for Alex: Kingston, 14, money or goods, every question "no". */
async function finishedCheck(): Promise<string> {
  return finishedCheckFor(ALEX);
}

async function finishedCheckFor(userId: string): Promise<string> {
  const started = await checks.start(userId);
  let outcome = await checks.act({ sessionId: started.sessionId, version: started.version, userId, verb: "check.context", inputs: { q_immediateDanger: "no", area: "kingston", age: "14" } });
  if (outcome.kind !== "ok") throw new Error(outcome.kind);
  outcome = await checks.act({ sessionId: started.sessionId, version: outcome.view.version, userId, verb: "check.signs", inputs: { signs_receipt: "receipt.moneyOrGoods" } });
  for (let round = 0; round < 2 && outcome.kind === "ok" && outcome.view.state.step === "questions"; round += 1) {
    const answers = Object.fromEntries(questionsOnStep3(outcome.view.state).map((id) => [`q_${id}`, "no"]));
    outcome = await checks.act({ sessionId: started.sessionId, version: outcome.view.version, userId, verb: "check.questions", inputs: answers });
  }
  if (outcome.kind !== "ok" || outcome.view.state.step !== "result") throw new Error("the check did not reach its result");
  return started.sessionId;
}

const ESSENTIALS = {
  "referrer.role": "Class teacher",
  "referrer.agency": "Hillside School",
  "child.forename": "Sam",
  "child.surname": "Example",
  "concern.worries": "Seen getting into a car with older men after school; has new phones.",
  "parentalResponsibility.told": "yes",
};

function viewOf(outcome: ReferralOutcome) {
  if (outcome.kind !== "form" && outcome.kind !== "review") throw new Error(`expected the form or review, got ${outcome.kind}`);
  return outcome.view;
}

describe("a referral from a check", () => {
  it("starts with the check carried over and the referrer's name and email from Teams", async () => {
    const view = viewOf(await service.start(ALEX, await finishedCheck(), { name: "Alex Teacher", email: "alex@school.example" }));
    expect(view.state.fromCheck).toMatchObject({ area: "kingston", child: { age: 14 }, signs: ["receipt.moneyOrGoods"] });
    expect(view.state.values).toMatchObject({ "referrer.name": "Alex Teacher", "referrer.email": "alex@school.example", "child.age": "14" });
    expect(view.state.section).toBe("essentials");
  });

  it("without a finished check there is nothing to start from", async () => {
    expect((await service.start(ALEX, undefined, {})).kind).toBe("no-result");
    const started = await checks.start(ALEX);
    expect((await service.start(ALEX, started.sessionId, {})).kind).toBe("no-result");
    expect((await service.start("msteams:sam", await finishedCheck(), {})).kind).toBe("foreign");
  });

  it("review with a field missing comes back to the form with the issue next to it and every typed value kept", async () => {
    const { draftId, version } = viewOf(await service.start(ALEX, await finishedCheck(), { name: "Alex Teacher", email: "alex@school.example" }));
    const { ["child.surname"]: _left, ...typed } = ESSENTIALS;
    const outcome = await service.act({ draftId, version, userId: ALEX, verb: "referral.review", inputs: { ...typed, "referrer.name": "Alex Teacher", "referrer.email": "alex@school.example", "child.age": "14" } });
    expect(outcome.kind).toBe("form");
    const view = viewOf(outcome);
    expect(view.issues).toEqual([{ field: "child.surname", message: expect.stringContaining("last name") }]);
    expect(view.state.values["concern.worries"]).toBe(ESSENTIALS["concern.worries"]);
  });

  it("once submitted, the draft keeps no copy of what was typed; a second press still gets the confirmation (issue 23, medium 1)", async () => {
    const { draftId, version } = viewOf(await service.start(ALEX, await finishedCheck(), { name: "Alex Teacher", email: "alex@school.example" }));
    const review = viewOf(await service.act({ draftId, version, userId: ALEX, verb: "referral.review", inputs: { ...ESSENTIALS, "referrer.name": "Alex Teacher", "referrer.email": "alex@school.example", "child.age": "14" } }));
    expect((await service.act({ draftId, version: review.version, userId: ALEX, verb: "referral.submit", inputs: {} })).kind).toBe("sent");
    const stored = await createCheckSessionRepository(database.db, "referral_drafts").get(draftId);
    const state = crypto.openJson((stored?.state as { sealed: string }).sealed, { aad: `draft:${draftId}` }) as { values: Record<string, string>; submitted?: unknown };
    expect(state.values).toEqual({});
    expect(state.submitted).toBeDefined();
    expect(JSON.stringify(state)).not.toMatch(/Example|older men/);
    const again = await service.act({ draftId, version: review.version + 1, userId: ALEX, verb: "referral.submit", inputs: {} });
    expect(again.kind).toBe("sent");
    expect(await service.unfinished(ALEX)).toBeUndefined();
  });

  // Counted in the database, so a second instance on the same store counts the same.
  it("refuses a draft past the hour's limit and a referral past the hour's, keeping what was typed; an hour on, both go", async () => {
    const sessionId = await finishedCheck();
    for (let started = 0; started < FLOOD_LIMITS.draftsStarted; started += 1) expect((await service.start(ALEX, sessionId, {})).kind).toBe("form");
    expect((await service.start(ALEX, sessionId, {})).kind).toBe("too-many-drafts");
    expect((await service.start("msteams:sam", await finishedCheckFor("msteams:sam"), {})).kind).toBe("form");

    await database.db.deleteFrom("referral_drafts").execute();
    const submitOne = async () => {
      const form = viewOf(await service.start(ALEX, sessionId, {}));
      const review = viewOf(await service.act({ draftId: form.draftId, version: form.version, userId: ALEX, verb: "referral.review", inputs: { ...ESSENTIALS, "referrer.name": "Alex Teacher", "referrer.email": "alex@school.example", "child.age": "14" } }));
      return { review, outcome: await service.act({ draftId: review.draftId, version: review.version, userId: ALEX, verb: "referral.submit", inputs: {} }) };
    };
    for (let sent = 0; sent < FLOOD_LIMITS.referralsSubmitted; sent += 1) expect((await submitOne()).outcome.kind).toBe("sent");
    const { review, outcome } = await submitOne();
    expect(outcome.kind).toBe("too-many-referrals");
    // Nothing typed is lost: the draft is still there, unsent, as it was.
    const kept = await service.unfinished(ALEX);
    expect(kept?.draftId).toBe(review.draftId);
    expect(kept?.state.values["concern.worries"]).toBe(ESSENTIALS["concern.worries"]);
    // An hour on, the window has moved: it goes.
    now = new Date(NOW.getTime() + FLOOD_LIMITS.windowMs + 1);
    expect((await service.act({ draftId: review.draftId, version: review.version, userId: ALEX, verb: "referral.submit", inputs: {} })).kind).toBe("sent");
    expect((await service.start(ALEX, sessionId, {})).kind).toBe("form");
    expect(NOTICES_FOR_REFERRALS["too-many-referrals"]).toContain(`${FLOOD_LIMITS.referralsSubmitted} referrals in the last hour`);
    expect(NOTICES_FOR_REFERRALS["too-many-drafts"]).toContain(`${FLOOD_LIMITS.draftsStarted} referrals in the last hour`);
  });

  it("submitted twice (a double press, a second device) makes one referral with one reference", async () => {
    const { draftId, version } = viewOf(await service.start(ALEX, await finishedCheck(), { name: "Alex Teacher", email: "alex@school.example" }));
    const review = viewOf(await service.act({ draftId, version, userId: ALEX, verb: "referral.review", inputs: { ...ESSENTIALS, "referrer.name": "Alex Teacher", "referrer.email": "alex@school.example", "child.age": "14" } }));
    expect(review.state.section).toBe("review");
    const [first, second] = await Promise.all([
      service.act({ draftId, version: review.version, userId: ALEX, verb: "referral.submit", inputs: {} }),
      service.act({ draftId, version: review.version, userId: ALEX, verb: "referral.submit", inputs: {} }),
    ]);
    const again = await service.act({ draftId, version: review.version + 1, userId: ALEX, verb: "referral.submit", inputs: {} });
    const references = [first, second, again].map((outcome) => (outcome.kind === "sent" ? outcome.sent.record.reference : outcome.kind));
    expect(references.filter((reference) => reference === "KIN-2026-00001").length).toBeGreaterThanOrEqual(2);
    expect(references.every((reference) => reference === "KIN-2026-00001" || reference === "stale")).toBe(true);
    expect(await referrals.getByReference("KIN-2026-00002")).toBeUndefined();
    const sent = first.kind === "sent" ? first.sent : second.kind === "sent" ? second.sent : undefined;
    expect(sent?.delivery).toBe("no-channel");
    expect(sent?.area?.id).toBe("kingston");
    expect(sent?.at).toEqual(NOW);
    expect(sent?.phoneNow).toBe(false);
    // The outbox has the one post, waiting for the channel.
    expect(await createOutboxRepository(database.db, database.dialect).claim(NOW, 10, 60_000)).toHaveLength(1);
    // The personal fields are sealed: the stored row does not hold the child's name.
    expect(JSON.stringify(await referrals.getByReference("KIN-2026-00001"))).not.toContain("Example");
  });

  it("a draft is the user's alone, and an older copy of the card gets the draft as it is", async () => {
    const { draftId, version } = viewOf(await service.start(ALEX, await finishedCheck(), {}));
    expect((await service.act({ draftId, version, userId: "msteams:sam", verb: "referral.section", section: "child", inputs: {} })).kind).toBe("foreign");
    const moved = viewOf(await service.act({ draftId, version, userId: ALEX, verb: "referral.section", section: "child", inputs: { "child.forename": "Sam" } }));
    expect(moved.state.section).toBe("child");
    const stale = await service.act({ draftId, version, userId: ALEX, verb: "referral.section", section: "mase", inputs: {} });
    expect(stale.kind).toBe("stale");
    expect((await service.unfinished(ALEX))?.draftId).toBe(draftId);
  });
});
