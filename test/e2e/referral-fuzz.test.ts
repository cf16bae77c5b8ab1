// Issue 10, tests: the referral form fuzzed end to end through the real HTTP endpoint. Each run
// starts a referral from a check's result, as a user would, then presses the cards' own buttons
// with random and hostile inputs (oversized, wrong types, `__proto__` and unknown keys), opens the
// lists and adds and removes people and places, sends random referral verbs with random data,
// replays Submit before the review, and at last fixes what the card says is wrong and submits.
// Whatever is pressed: never a 5xx, never an error in the log, every card under 28 KB; every
// referral stored is one validateReferral accepts exactly as stored, with a summary that names no
// one and the next reference of its area; and a press that shows no reference stored nothing.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { loadAreas } from "../../src/content/load-areas.ts";
import { URGENCIES } from "../../src/domain/pathway.ts";
import { LIST_GROUPS, REFERRAL_FIELDS, isListGroup, type FieldSpec } from "../../src/domain/referral-fields.ts";
import { ageBand, childAgeOn } from "../../src/domain/referral-age.ts";
import { validateReferral, type Referral } from "../../src/domain/referral.ts";
import { REFERRAL_SECTIONS } from "../../src/services/referral-draft.ts";
import type { ReferralStore } from "../../src/services/referral-store.ts";
import { createDatabase, type Database } from "../../src/store/create-database.ts";
import { createReferralCrypto, type ReferralCrypto } from "../../src/store/referral-crypto.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { ALEX, SAM, inputIds, startHarness, textOf, valueOf, type Card, type Harness, type User } from "../support/bot-harness.ts";
import { walkCard } from "../support/card-walk.ts";

const TODAY = "2026-11-24"; // the harness's fixed clock, 10:00 in London
const NUM_RUNS = 300;

/** The checks a run starts from; each result card is made once. */
const CHECKS = [
  { area: "kingston", age: 14 },
  { area: "lambeth", age: 16 },
] as const;

const logLines: string[] = [];
let harness: Harness;
let database: Database;
let store: ReferralStore;
let crypto: ReferralCrypto;
const results: Card[] = [];
const areas = loadAreas();

beforeAll(async () => {
  // The test brings the key, so it can open what the app sealed.
  const key = randomBytes(32);
  crypto = createReferralCrypto(key);
  // Every run starts a referral as Alex, within the same hour: the per-person limits (test/e2e/flood-limits.test.ts) are raised here.
  harness = await startHarness({ logLines, env: { REFERRAL_KEY: key.toString("base64") }, floodLimits: { windowMs: 60 * 60 * 1000, draftsStarted: 10_000, referralsSubmitted: 10_000 } });
  database = await createDatabase(harness.databaseUrl);
  store = createReferralRepository(database.db);
  for (const check of CHECKS) results.push(await resultCard(check.area, String(check.age)));
});
afterAll(async () => {
  await database?.close();
  await harness?.close();
});

/** A check in `area` with one sign, every question "no": its result card. */
async function resultCard(area: string, age: string): Promise<Card> {
  const [first] = await harness.say(ALEX, "check");
  const signs = await harness.press(ALEX, first!, "Continue", { q_immediateDanger: "no", area, age });
  let card = await harness.press(ALEX, signs, "Continue", { signs_receipt: ["receipt.moneyOrGoods"] });
  for (let round = 0; round < 2 && /Step 3 of 4/.test(textOf(card)); round += 1) {
    card = await harness.press(ALEX, card, "Continue", Object.fromEntries(inputIds(card).map((id) => [id, "no"])));
  }
  expect(textOf(card)).toContain("Step 4 of 4");
  return card;
}

// ---- reading and pressing cards --------------------------------------------------------------

type Button = { title: string; verb: string; data: Record<string, unknown> };

function buttonsOf(card: Card): Button[] {
  const buttons: Button[] = [];
  walkCard([card.body, card.actions ?? []], (node) => {
    if (node.type === "Action.Execute") buttons.push({ title: String(node.title), verb: String(node.verb), data: (node.data ?? {}) as Record<string, unknown> });
  });
  return buttons;
}

/** What Teams sends for the card's inputs as shown: the empty ones left out. */
function inputsOf(card: Card): Record<string, unknown> {
  return Object.fromEntries(inputIds(card).flatMap((id) => (valueOf(card, id) === "" ? [] : [[id, valueOf(card, id)]])));
}

/** The inputs shown with a problem beside them (the field partial: the input, then an Attention TextBlock). */
function inputsWithProblems(card: Card): string[] {
  const ids: string[] = [];
  walkCard(card.body, (node) => {
    if (node.type !== "Container" || !Array.isArray(node.items)) return;
    const input = node.items.find((item: any) => typeof item?.type === "string" && item.type.startsWith("Input.") && typeof item.id === "string");
    if (input !== undefined && node.items.some((item: any) => item?.type === "TextBlock" && item.color === "Attention")) ids.push(input.id);
  });
  return ids;
}

const isReferralCard = (card: Card) => buttonsOf(card).some((button) => button.verb === "referral.review" || button.verb === "referral.submit");
const REFERENCE = /\b[A-Z]{3}-2026-\d{5}\b/g;
/** The confirmation: a reference, and no form or review buttons. */
const referencesSent = (card: Card): string[] => (isReferralCard(card) ? [] : (textOf(card).match(REFERENCE) ?? []));

// ---- what a run does ---------------------------------------------------------------------------

/** An input left empty, so Teams leaves it out. */
const OMIT = Symbol("omit");

/** A long text, made only when sent, so a counterexample prints as `"x".repeat(40000)`. */
class Repeated {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}
const expand = (raw: unknown): unknown => (raw instanceof Repeated ? raw.unit.repeat(raw.times) : raw);

/** An own property even for "__proto__", as JSON.parse makes it on the server. */
function own(entries: readonly (readonly [string, unknown])[], into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, raw] of entries) {
    if (raw === OMIT) delete into[key];
    else Object.defineProperty(into, key, { value: expand(raw), enumerable: true, writable: true, configurable: true });
  }
  return into;
}

const FIELD_IDS = REFERRAL_FIELDS.map((field) => `${field.group}.${field.key}`);
const LIST_FIELD_IDS = REFERRAL_FIELDS.filter((field) => isListGroup(field.group));

const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 });

/** What a person might type: often valid for some field, often not for this one. */
const plausible = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.constantFrom("Alex Teacher", "Class teacher", "Hillside School", "alex@school.example", "not known", "020 7946 0123", "07700 900123", "+44 (0)20 7946 0123", "yes", "no", "childAtRisk", "notReached", "other", "14", "0", "25", "943 476 5919", "A123456789012", "Seen getting into cars after school."),
  fc.date({ min: new Date("1995-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.integer({ min: -3, max: 40 }).map(String),
  fc.emailAddress(),
);

// Oversized, past every input's maxLength, up to 100 KB and more (a body over 1 MB is the sender's
// 413), in characters of every width in a card's JSON: 1 to 3 bytes, an emoji's pair, and 6 for a
// control character or half a pair, which JSON escapes.
const oversized = fc
  .tuple(fc.constantFrom("x", "é", "€", "😀", "\"", "\n", "\u000b", "\u0001", "\u0000", "\ud83d"), fc.oneof(fc.integer({ min: 1_000, max: 5_000 }), fc.integer({ min: 5_000, max: 100_000 })))
  .map(([unit, times]) => new Repeated(unit, times));

/** What only a tampered request sends. */
const hostile = fc.oneof(
  { weight: 2, arbitrary: anyUtf16 },
  fc.constantFrom("", "   ", "\n\t", "2026-02-30", "2099-01-01", "1900-01-01", "2026-11-25", "-1", "26", "1e1", " 14 ", "[click](https://example.invalid)", "**bold**", "${draftId}", "{{x}}", "<at>x</at>", "__proto__", "constructor"),
  { weight: 4, arbitrary: oversized },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const value: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant(OMIT) });

/** Keys the card never sends: unknown, inherited, a list entry out of range, an action's own data. */
const strangeKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "child.__proto__", "child.constructor", "personsOfInterest.0.__proto__", "personsOfInterest.99.name", "personsOfInterest.-1.name", "locationsOfInterest.20.place", "child", "referrer."),
  fc.constantFrom(...FIELD_IDS),
  fc.tuple(fc.constantFrom(...LIST_FIELD_IDS), fc.integer({ min: 0, max: 25 })).map(([field, index]) => `${field.group}.${index}.${field.key}`),
  fc.string({ maxLength: 20 }),
);

/** An edit to what the card sends: one of its inputs (by position), or any key. */
const edit = fc.record({ target: fc.oneof({ weight: 3, arbitrary: fc.nat().map((input) => ({ input })) }, { weight: 1, arbitrary: strangeKey.map((key) => ({ key })) }), value });
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** The action's own data tampered with: the draft, its version, where to go, which entry. */
const TAMPER_KEYS = ["draftId", "version", "section", "group", "index", "showEntry", "shownFrom", "shownTo", "sessionId"] as const;
const tamperValue = fc.oneof(value, fc.constantFrom<unknown>(...REFERRAL_SECTIONS, ...LIST_GROUPS, 0, 1, 19, 20, 21, -1, "3", "1.5", "99999999999999999999", "not-a-draft"), fc.integer({ min: -2, max: 25 }));
const tamper = fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, unknown][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...TAMPER_KEYS), tamperValue), { maxLength: 2 }) });

const REFERRAL_VERBS = ["referral.start", "referral.continue", "referral.section", "referral.review", "referral.edit", "referral.add", "referral.remove", "referral.submit"] as const;

/** Which of the card's buttons a press goes for; when the card has none such, any of them. */
const BUTTON_CHOICES = {
  any: () => true,
  people: (button: Button) => button.title.startsWith("People"),
  places: (button: Button) => button.title.startsWith("Places"),
  add: (button: Button) => button.verb === "referral.add",
  remove: (button: Button) => button.verb === "referral.remove",
  review: (button: Button) => button.verb === "referral.review",
  submit: (button: Button) => button.verb === "referral.submit",
  change: (button: Button) => button.verb === "referral.edit",
} as const;

const step = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("press" as const),
      // Now and then an older copy of the card, still in the chat: its version is out of date.
      older: fc.option(fc.nat(), { freq: 4 }),
      choose: fc.constantFrom(...(Object.keys(BUTTON_CHOICES) as (keyof typeof BUTTON_CHOICES)[])),
      pick: fc.nat(),
      edits: fc.array(edit, { maxLength: 5 }),
      tamper,
    }),
  },
  // Every input on the card at once: one value for all, or one each (in turn).
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("fill" as const), values: fc.oneof(value.map((one) => [one]), fc.array(value, { minLength: 2, maxLength: 24 })), review: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      verb: fc.oneof({ weight: 8, arbitrary: fc.constantFrom<string>(...REFERRAL_VERBS) }, { weight: 1, arbitrary: fc.constantFrom("constructor", "__proto__", "referral.", "referral.toString", "Referral.submit") }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }),
      onDraft: fc.boolean(),
      data: fc.oneof({ weight: 9, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TAMPER_KEYS), strangeKey), tamperValue), { maxLength: 6 }) }, { weight: 1, arbitrary: hostile.map((raw) => ({ raw })) }),
      // Now and then someone else presses it, or it is pressed in a channel: refused, nothing changes.
      user: fc.oneof({ weight: 6, arbitrary: fc.constant(ALEX) }, { weight: 1, arbitrary: fc.constant(SAM) }),
      inChannel: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

// ---- what must hold after every press -----------------------------------------------------------

/** Referrals already read back and checked, by reference. */
const known = new Set<string>();
const stats = { stored: 0, refused: 0 };
let runStartsAt = 0;

const CHANNEL = {
  conversation: { id: "team-id;messageid=1", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
  channelData: { tenant: { id: "tenant-1" }, team: { id: "team-id" }, channel: { id: "team-id" } },
};

/** One press through the endpoint, and everything that must hold after it. */
async function post(user: User, verb: unknown, data: unknown, inChannel = false): Promise<Card | undefined> {
  const response = await harness.post(harness.activity("invoke", user, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" }, ...(inChannel ? CHANNEL : {}) }));
  expect(response.status, `${String(verb)} answered ${response.status}`).toBeLessThan(500);
  expect(logLines.slice(runStartsAt).filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  if (response.status !== 200) return undefined;
  expect(response.body.statusCode).toBe(200);
  const card = response.body.value as Card;
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
  if (verb === "referral.submit" && isReferralCard(card) && /to fix/.test(textOf(card))) stats.refused += 1;
  await checkStore(card);
  return card;
}

/** Whatever this press stored was confirmed on its card, with its reference; and the other way round. */
async function checkStore(card: Card): Promise<void> {
  const shown = referencesSent(card);
  const stored = (await database.db.selectFrom("referrals").select("reference").execute()).map((row) => row.reference);
  for (const reference of shown) expect(stored, "a confirmed referral is stored").toContain(reference);
  const fresh = stored.filter((reference) => !known.has(reference));
  expect(fresh.filter((reference) => !shown.includes(reference)), "stored, but the card confirmed no such referral").toEqual([]);
  for (const reference of fresh) {
    const earlier = [...known].filter((other) => other.slice(0, 3) === reference.slice(0, 3)).length;
    // Known before it is checked, so a failure here is not reported again by every shrunk run.
    known.add(reference);
    stats.stored += 1;
    await checkStored(reference, earlier + 1);
  }
}

/** Read back from the store and opened with the key: valid as stored, summarised without a name. */
async function checkStored(reference: string, number: number): Promise<void> {
  const record = await store.getByReference(reference);
  if (record === undefined || record.sealed === undefined) throw new Error(`referral ${reference} is not in the store, or has no sealed fields`);
  const opened = crypto.openJson(record.sealed, { aad: `referral:${record.id}:personal` });
  const checked = validateReferral(opened, TODAY);
  expect(checked.ok ? [] : checked.issues, `referral ${reference} as stored`).toEqual([]);
  // Stored exactly as validateReferral gives it back: trimmed, empty fields left out, nothing else.
  expect(checked.ok && checked.referral).toEqual(opened);
  const referral = opened as unknown as Referral;
  const check = CHECKS.find((candidate) => candidate.area === referral.fromCheck.area);
  expect(check, "the referral carries one of the test's checks").toBeDefined();
  expect(referral.fromCheck.child.age).toBe(check?.age);
  expect(record).toMatchObject({ areaId: referral.fromCheck.area, referrerId: `msteams:${ALEX.aadObjectId}`, status: "submitted" });
  // DOMAIN.md §8: the area's code, the year, and the area's next number.
  expect(reference).toBe(`${areas.get(record.areaId)?.referenceCode}-2026-${String(number).padStart(5, "0")}`);
  // Issue 10, point 6: only what the channel card may show.
  expect(record.summary).toEqual({
    areaId: record.areaId,
    category: referral.fromCheck.category,
    unconfirmed: referral.fromCheck.unconfirmed,
    flags: referral.fromCheck.flags,
    urgency: expect.any(String),
    ageBand: ageBand(childAgeOn(referral.child, TODAY) ?? referral.fromCheck.child.age),
  });
  expect(URGENCIES).toContain((record.summary as { urgency: string }).urgency);
}

// ---- a run ---------------------------------------------------------------------------------------

const FIELD_BY_ID = new Map<string, FieldSpec>(REFERRAL_FIELDS.map((field) => [`${field.group}.${field.key}`, field]));

/** What a person types to put a field right; the age is emptied, the date of birth being enough. */
function repairOf(inputId: string): unknown {
  const parts = inputId.split(".");
  const field = FIELD_BY_ID.get(parts.length === 3 ? `${parts[0]}.${parts[2]}` : inputId);
  if (field === undefined) throw new Error(`no referral field for the input ${inputId}`);
  const fixes: Record<FieldSpec["kind"], () => unknown> = {
    text: () => (field.key === "nhsNumber" ? "943 476 5919" : field.key === "upn" ? "A123456789012" : "Corrected"),
    multiline: () => "Corrected detail.",
    email: () => "alex@school.example",
    phone: () => "020 7946 0123",
    date: () => "2012-05-01",
    number: () => OMIT,
    yesno: () => "yes",
    choice: () => field.choices?.[0]?.value,
  };
  return fixes[field.kind]();
}

function press(card: Card, button: Button, edits: readonly Edit[], tampered: readonly (readonly [string, unknown])[] = []): Promise<Card | undefined> {
  const ids = inputIds(card);
  const data = own(Object.entries(button.data));
  own(Object.entries(inputsOf(card)), data);
  own(edits.flatMap(({ target, value: typed }): [string, unknown][] => ("key" in target ? [[target.key, typed]] : ids.length === 0 ? [] : [[ids[target.input % ids.length]!, typed]])), data);
  own(tampered, data);
  return post(ALEX, button.verb, data);
}

/** `seen`: the referral cards of this run so far, oldest first; the last is the current one. */
function apply(seen: readonly Card[], next: Step): Promise<Card | undefined> {
  const current = seen.at(-1)!;
  const buttons = buttonsOf(current);
  switch (next.kind) {
    case "press": {
      const card = next.older === null ? current : seen[next.older % seen.length]!;
      const wanted = buttonsOf(card).filter(BUTTON_CHOICES[next.choose]);
      const among = wanted.length > 0 ? wanted : buttonsOf(card);
      return press(card, among[next.pick % among.length]!, next.edits, next.tamper);
    }
    case "fill": {
      const edits = inputIds(current).map((id, index) => ({ target: { key: id }, value: next.values[index % next.values.length] }));
      return press(current, (next.review ? buttons.find(BUTTON_CHOICES.review) : undefined) ?? buttons[0]!, edits);
    }
    case "raw": {
      const draft = buttons.find((button) => typeof button.data.draftId === "string")?.data;
      const base = next.onDraft && draft !== undefined ? { draftId: draft.draftId, version: draft.version } : {};
      const data = Array.isArray(next.data) ? own(next.data, base) : expand(next.data.raw);
      return post(next.user, next.verb, data, next.inChannel);
    }
  }
}

/**
 * Submit replayed before the review (from an older review card), then what a person does: put right
 * each field the card marks, open the part or page said to have something to fix, review, submit.
 */
async function submitAtLast(from: Card): Promise<void> {
  let current = from;
  const keep = (card: Card | undefined) => {
    if (card !== undefined && (isReferralCard(card) || referencesSent(card).length > 0)) current = card;
  };
  const draft = buttonsOf(current).find((button) => typeof button.data.draftId === "string")?.data;
  if (draft === undefined) return;
  keep(await post(ALEX, "referral.submit", { draftId: draft.draftId, version: draft.version }));
  for (let round = 0; round < 15 && referencesSent(current).length === 0; round += 1) {
    const buttons = buttonsOf(current);
    const submit = buttons.find(BUTTON_CHOICES.submit);
    const marked = inputsWithProblems(current);
    const elsewhere = buttons.find((button) => /to fix\)$/.test(button.title));
    if (submit !== undefined) keep(await press(current, submit, []));
    else if (marked.length === 0 && elsewhere !== undefined) keep(await press(current, elsewhere, []));
    else keep(await press(current, buttons.find(BUTTON_CHOICES.review)!, marked.map((id) => ({ target: { key: id }, value: repairOf(id) }))));
  }
}

describe("the referral form, pressed at random through the endpoint", () => {
  it("never a 5xx or a logged error; every referral stored is valid and confirmed; a refused one stores nothing", async () => {
    // The presser's name from Teams fills in "Your name" on a new draft; a forged activity's may be anything.
    const presserName = fc.oneof({ weight: 3, arbitrary: fc.constant<unknown>(ALEX.name) }, { weight: 1, arbitrary: fc.oneof(plausible, anyUtf16, oversized) });
    const finish = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: CHECKS.length - 1 }), presserName, fc.array(step, { maxLength: 10 }), finish, async (checkIndex, name, steps, submitting) => {
        runStartsAt = logLines.length;
        const start = buttonsOf(results[checkIndex]!).find((button) => button.title === "Make a referral")!;
        const form = await post({ ...ALEX, name: expand(name) as string }, start.verb, start.data);
        if (form === undefined || !isReferralCard(form)) throw new Error("\"Make a referral\" on a result did not open the referral form");
        const seen = [form];
        for (const next of steps) {
          const card = await apply(seen, next);
          if (card !== undefined && (isReferralCard(card) || referencesSent(card).length > 0)) seen.push(card);
        }
        if (submitting) await submitAtLast(seen.at(-1)!);
      }),
      {
        numRuns: NUM_RUNS,
        // Found by this test: control characters (U+0001 here), 6 bytes each in a card's JSON, in every
        // field put the essentials card over 28 KB; the user got "Something went wrong", every time.
        // And a presser's name of 40,000 characters (a forged activity) was put in the draft whole.
        examples: [
          [0, ALEX.name, [{ kind: "fill", values: [new Repeated("\u0001", 3_000)], review: true }], true],
          [0, new Repeated("é", 40_000), [], true],
        ],
      },
    );
    // The runs reached what they are for: referrals stored, and submissions refused.
    expect(stats.stored).toBeGreaterThan(NUM_RUNS / 4);
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);
});
