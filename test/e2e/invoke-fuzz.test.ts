// Issue 8, tests: random presses through the real HTTP endpoint (random verbs, including ones
// named like inherited properties; random action data shapes; oversized values). Whatever is
// pressed: never a 5xx, never an error in the log, and every card back is under 28 KB.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";
import { ALEX, startHarness, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
const logLines: string[] = [];
let realSession: { sessionId: string; version: string };

beforeAll(async () => {
  harness = await startHarness({ logLines });
  const [first] = await harness.say(ALEX, "check");
  realSession = (first!.actions?.[0] as { data: { sessionId: string; version: string } }).data;
});
afterAll(async () => {
  await harness.close();
});

const KNOWN_VERBS = ["check.start", "check.context", "check.signs", "check.questions", "check.back", "check.restart", "check.result", "check.summary", "check.share", "check.last", "menu", "signs.domains", "signs.domain", "contacts.pick", "contacts.show", "guidance.show"];
const INHERITED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];
const KNOWN_KEYS = ["sessionId", "version", "area", "age", "lookedAfter", "placedOutOfArea", "missingEpisodes90d", "q_immediateDanger", "q_groomingConcern", "q_sexualAbuse", "signs_receipt", "signs_sexual", "domain", "id", "dslEmail", "__proto__", "constructor"];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom("kingston", "lambeth", "14", "yes", "unsure", "receipt.moneyOrGoods", "[**bold**](https://example.com)", "<at>x</at>"),
    // Oversized: a tampered value far past any input's maxLength.
    fc.integer({ min: 30_000, max: 300_000 }).map((size) => "9".repeat(size)),
    fc.integer({ min: 50, max: 3_000 }).map((count) => Array.from({ length: count }, (_, n) => `sign.${n}`).join(",")),
  ),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie("node"), { maxKeys: 4 })),
})).node;

const data = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 12 })), value, { maxKeys: 8 }),
  fc.constant("use the real session"),
);

const verb = fc.oneof(fc.constantFrom(...KNOWN_VERBS), fc.constantFrom(...INHERITED), fc.string({ maxLength: 30 }));

describe("any press at all", () => {
  it("gets a 2xx or a 4xx, a card under 28 KB when it is 2xx, and no error in the log", async () => {
    await fc.assert(
      fc.asyncProperty(verb, data, async (pressedVerb, pressedData) => {
        const actionData = pressedData === "use the real session" ? { ...realSession, age: "9".repeat(50_000), signs_receipt: "x,".repeat(5_000) } : pressedData;
        const response = await harness.post(harness.activity("invoke", ALEX, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: pressedVerb, data: actionData }, trigger: "manual" } }));
        expect(response.status).toBeLessThan(500);
        if (response.status === 200) {
          expect(response.body.statusCode).toBe(200);
          expect(Buffer.byteLength(JSON.stringify(response.body.value))).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
        }
        const errors = logLines.filter((line) => JSON.parse(line).level >= 50);
        expect(errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
