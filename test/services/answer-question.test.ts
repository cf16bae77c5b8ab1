// Free-text questions in 1:1 chat (DESIGN.md "Questions"), answered from the shipped
// content/guidance and content/areas, as a practitioner would type them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { loadDangerWords } from "../../src/content/load-danger-words.ts";
import { createQuestionAnswerer, type QuestionAnswer } from "../../src/services/answer-question.ts";

const GUIDANCE = loadGuidance();
const answerer = createQuestionAnswerer({ guidance: GUIDANCE, areas: loadAreas(), dangerWords: loadDangerWords(new Set(GUIDANCE.map((entry) => entry.id))) });
/** Monday 23 November 2026, 10:00 in London (GMT). */
const NOW = new Date("2026-11-23T10:00:00Z");

const answer = (text: string) => answerer.answer(text, NOW);
const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id);

/** What the user is shown first, in short: the entry's id (on the urgent card, its topic), or the kind of reply. */
function shown(result: QuestionAnswer): string {
  return result.kind === "guidance" ? result.entry.id : result.kind === "urgent" ? result.topic.id : result.kind;
}

describe("a question about a term, sign or procedure gets the guidance entry", () => {
  it.each([
    ["what is sexting", "sexting"],
    ["what does category 2 mean", "category-2"],
    ["category 0", "category-0"],
    ["cat 3", "category-3"],
    ["what is MASE", "mase"],
    ["what is the MASH", "mash"],
    ["what happens after I refer", "after-referral"],
    ["what's an SPA", "spa"],
    ["What\u2019s an SPA?", "spa"],
    ["NRM", "nrm"],
    ["county lines", "county-lines"],
    ["county lines in Sutton", "county-lines"],
    ["return home interview", "return-home-interview"],
    ["s47", "section-47"],
    ["section 47", "section-47"],
    ["what is grooming", "grooming"],
    ["unconfirmed", "unconfirmed"],
    ["what is a strategy meeting", "strategy-discussion"],
    ["should I tell the parents", "telling-parents"],
    ["cuckooing", "county-lines"],
    ["who do I tell", "dsl"],
    ["cash", "sign-receipt"], // a keyword beats a passing mention, and "cash" is not a typo of "mash"
    ["below category 1", "phoenix"],
    ["she has a much older boyfriend", "older-partner"],
    ["is it CSE if she says he is her boyfriend", "consent"],
    ["sextng", "sexting"], // one typo in a word of six letters or more is forgiven
  ])("%s -> %s", (text, id) => {
    expect(shown(answer(text))).toBe(id);
  });

  // Issue 7: free text that found nothing useful before the new entries.
  it.each([
    ["she told me she was raped", "disclosure-rape-assault"],
    ["he said he was sexually assaulted", "disclosure-rape-assault"],
    ["my pupil is 15 and has a 22 year old boyfriend", "older-partner"],
    ["child on child abuse", "harmful-sexual-behaviour"],
    ["peer on peer abuse", "harmful-sexual-behaviour"],
    ["what is child criminal exploitation", "child-criminal-exploitation"],
    ["what is sextortion", "sextortion"],
    ["someone is blackmailing a pupil with nude photos", "sextortion"],
    ["is it CSE if there is no exchange", "child-sexual-abuse"],
    ["a man keeps waiting outside school for her", "unknown-adults-pupils"],
    ["Fraser guidelines", "health-staff"],
    ["I'm a school nurse", "health-staff"],
    ["can boys be sexually exploited", "boys-lgbt"],
    ["how do I use the check", "using-the-check"],
    ["can I do the check with the child", "using-the-check"],
  ])("new guidance: %s -> %s", (text, id) => {
    expect(shown(answer(text))).toBe(id);
  });

  it.each(GUIDANCE.map((entry) => [entry.title, entry.id]))("its own title: %s", (title, id) => {
    expect(shown(answer(title))).toBe(id);
  });

  it("offers up to three related entries, in the entry's own order", () => {
    const result = answer("what is sexting");
    if (result.kind !== "guidance") throw new Error(`expected guidance, got ${result.kind}`);
    expect(ids(result.related)).toEqual(result.entry.related.slice(0, 3));
    expect(ids(result.related)).toEqual(["online-exploitation", "category-2", "sign-technology"]);
  });
});

describe("a contact question gets the area's contacts", () => {
  it("who do I call in Sutton at 9pm: Sutton at 21:00 London time", () => {
    expect(answer("who do I call in Sutton at 9pm")).toEqual({
      kind: "contacts",
      areaId: "sutton",
      at: new Date("2026-11-23T21:00:00Z"),
      atDescribed: "21:00 on Monday 23 November",
      timeNamed: true,
    });
  });

  it("who do I call in kingston tonight: Kingston at 21:00", () => {
    expect(answer("who do I call in kingston tonight")).toMatchObject({ kind: "contacts", areaId: "kingston", at: new Date("2026-11-23T21:00:00Z") });
  });

  it("an urgent disclosure's contacts are those open now, whatever time words it holds: the danger is now", () => {
    for (const text of ["a 14 year old was raped tonight in Lambeth", "my pupil in Kingston is missing tonight and was seen with older men at 9pm"]) {
      const urgent = answer(text);
      expect(urgent.kind).toBe("urgent");
      expect(urgent.kind === "urgent" ? urgent.context.time : undefined).toMatchObject({ at: NOW, timeNamed: false });
    }
  });

  // Issue 9: a place the tool does not cover is named as such; a typo of an area is forgiven.
  it.each([
    ["who should I ring in Croydon", "Croydon"],
    ["Bromley MASH number", "Bromley"],
    ["who do I call in Tower Hamlets tonight", "Tower Hamlets"],
  ])("a place not covered: %s", (text, place) => {
    expect(answer(text)).toEqual({ kind: "not-covered", place });
  });

  it.each([
    ["who do I call in kingstone", "kingston"],
    ["who do I contact in Suton", "sutton"],
    ["richmnd SPA number", "richmond"],
  ])("a misspelt area is still found: %s", (text, areaId) => {
    expect(answer(text)).toMatchObject({ kind: "contacts", areaId });
  });

  it.each(["the button does not work", "my car broke down", "what does croydon mean"])("an everyday word near an area's name, or a place with no contact wording, is not a contact question: %s", (text) => {
    expect(answer(text).kind).not.toMatch(/contacts|not-covered/);
  });

  it.each(["who do I contact", "who do I call?"])("with no known area, asks which: %s", (text) => {
    expect(answer(text)).toEqual({ kind: "ask-area" });
  });
});

describe("a message with no topic words at all gets the no-answer card, with three near topics", () => {
  it.each(["the weather in Paris", "how are you", "yes", "ok thanks", "lol", "the printer is jammed"])("%s", (text) => {
    const result = answer(text);
    expect(result.kind).toBe("no-match");
    if (result.kind === "no-match") expect(result.nearest).toHaveLength(3);
  });

  it("a question with topic words is answered, with the next two topics offered", () => {
    const result = answer("what should I do if a girl in my class is sexting");
    expect(result).toMatchObject({ kind: "guidance", entry: { id: "sexting" } });
    if (result.kind === "guidance") expect(result.alternatives).toHaveLength(2);
  });

  it.each(["", "   ", "\n\t", "?!", "the"])("with nothing near (%j), offers what CSE is, what happens next and what to do in an emergency", (text) => {
    const result = answer(text);
    expect(result.kind).toBe("no-match");
    if (result.kind === "no-match") expect(ids(result.nearest)).toEqual(["what-is-cse", "after-referral", "immediate-danger"]);
  });
});

describe("robustness (fast-check)", () => {
  it("never throws on any text up to 500 characters, and always answers", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 500 }), (text) => {
        expect(["urgent", "contacts", "ask-area", "not-covered", "guidance", "no-match"]).toContain(answer(text).kind);
      }),
    );
  });

  it.each(["__proto__", "constructor", "toString hasOwnProperty", "\uD800", "🙂".repeat(300), "a ".repeat(2000)])("nor on %#", (text) => {
    expect(() => answer(text)).not.toThrow();
  });

  it("gives the same answer every time: nothing but `now` changes it", () => {
    expect(answer("what is sexting")).toEqual(answer("what is sexting"));
  });
});
