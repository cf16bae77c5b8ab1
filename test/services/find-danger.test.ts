// Danger first (DESIGN.md "Questions"): the reviewed danger words, read from the shipped file.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadAreas } from "../../src/content/load-areas.ts";
import { loadDangerWords, parseDangerWords } from "../../src/content/load-danger-words.ts";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { ContentError } from "../../src/content/load-areas.ts";
import { createQuestionAnswerer } from "../../src/services/answer-question.ts";
import { createDangerFinder, isGeneralQuestion, wordsOf } from "../../src/services/find-danger.ts";
import { agesIn } from "../../src/services/read-message-facts.ts";

const GUIDANCE = loadGuidance();
const GUIDANCE_IDS = new Set(GUIDANCE.map((entry) => entry.id));
const WORDS = loadDangerWords(GUIDANCE_IDS);
const finder = createDangerFinder(WORDS);
const answerer = createQuestionAnswerer({ guidance: GUIDANCE, areas: loadAreas(), dangerWords: WORDS });
const NOW = new Date("2026-12-08T10:00:00Z");

/** The ids of the entries whose words are in the message and whose needs are met. */
const urgentIds = (text: string) => finder.find(text, { ages: agesIn(text) }).filter((match) => match.needsMet).map((match) => match.entry.id);

describe("the danger words file", () => {
  it("loads, and every entry leads to a guidance entry that exists", () => {
    expect(WORDS.entries.length).toBeGreaterThan(5);
    for (const entry of WORDS.entries) expect(GUIDANCE_IDS.has(entry.guidance), entry.id).toBe(true);
  });

  it.each([
    ["a guidance id that does not exist", "groups: {adult: [adult], family: [dad], threat: [threat], coercion: [made], exchange: [money], images: [nudes], staff: [teacher]}\nentries:\n  - {id: x, means: m, police: now, images: false, advice: [], guidance: nowhere, phrases: [raped]}\n", "entries[0].guidance"],
    ["a phrase that starts with a gap", "groups: {adult: [adult], family: [dad], threat: [threat], coercion: [made], exchange: [money], images: [nudes], staff: [teacher]}\nentries:\n  - {id: x, means: m, police: now, images: false, advice: [], guidance: police, phrases: ['.. raped']}\n", "entries[0].phrases[0]"],
    ["an unknown police route", "groups: {adult: [adult], family: [dad], threat: [threat], coercion: [made], exchange: [money], images: [nudes], staff: [teacher]}\nentries:\n  - {id: x, means: m, police: later, images: false, advice: [], guidance: police, phrases: [raped]}\n", "entries[0].police"],
    ["an unknown field", "groups: {adult: [adult], family: [dad], threat: [threat], coercion: [made], exchange: [money], images: [nudes], staff: [teacher]}\nentries:\n  - {id: x, means: m, police: now, images: false, advice: [], guidance: police, phrases: [raped], colour: red}\n", "entries[0]: unknown field \"colour\""],
    ["a duplicate id", "groups: {adult: [adult], family: [dad], threat: [threat], coercion: [made], exchange: [money], images: [nudes], staff: [teacher]}\nentries:\n  - {id: x, means: m, police: now, images: false, advice: [], guidance: police, phrases: [raped]}\n  - {id: x, means: m, police: now, images: false, advice: [], guidance: police, phrases: [rape]}\n", "entries[1].id"],
    ["YAML that does not parse", "entries: [", "not valid YAML"],
  ])("refuses %s, naming the field", (_name, text, field) => {
    let error: unknown;
    try {
      parseDangerWords("danger-words.yaml", text, GUIDANCE_IDS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.join("\n")).toContain(field);
  });
});

describe("reading a message for danger", () => {
  it.each([
    ["a 15 year old was raped last night", "rape-or-assault"],
    ["she said she was RAPED!!", "rape-or-assault"],
    ["he was sexualy assulted at the park", "rape-or-assault"],
    ["her dad is selling her for sex", "family-selling"],
    ["a boy is being blackmailed", "images-threat"],
    ["someone is threatening to share his nudes unless he pays", "images-threat"],
    ["the child is missing tonight", "missing"],
    ["she didn't come home last night", "missing"],
    ["he has a knife", "weapon"],
    ["she is scared to go home", "danger-now"],
    ["older men take her to hotels", "hotels-parties"],
    ["a 14 year old is having sex with her boyfriend", "sexual-contact-under-16"],
    ["she is 17 and sleeping with a 30 year old", "sexual-contact-under-16"],
    ["an adult asked her for nudes", "images-adult"],
    ["the PE teacher touched her", "position-of-trust"],
    ["a teacher is in a sexual relationship with a 16 year old pupil", "position-of-trust"],
  ])("%s: %s", (text, id) => {
    expect(urgentIds(text)).toContain(id);
  });

  it.each([
    ["a 16 year old is having sex with her 16 year old boyfriend", "sexual-contact-under-16"],
    ["she keeps missing school", "missing"],
    ["year 11s sharing nudes with each other", "images-adult"],
    ["her mum found out she was paid for sex by a man", "family-selling"],
  ])("not when the words need more: %s (not %s)", (text, id) => {
    expect(urgentIds(text)).not.toContain(id);
  });

  it("reads words whole, without case or punctuation", () => {
    expect(wordsOf("She's  RAPED, isn't-she?")).toEqual(["shes", "raped", "isnt", "she"]);
    expect(urgentIds("therapist")).toEqual([]);
    expect(urgentIds("grape juice")).toEqual([]);
  });

  it.each(["what is sextortion", "what does sexual assault mean", "signs of grooming", "is sexting illegal", "define child sexual abuse"])(
    "a question about a word is general: %s",
    (text) => expect(isGeneralQuestion(text)).toBe(true),
  );
  it.each(["what do I do, she was raped", "what is going on, he is missing", "a pupil was raped", "is she being blackmailed"])("a story is not general: %s", (text) =>
    expect(isGeneralQuestion(text)).toBe(false),
  );
  // A setting (an assembly, training, the law) made these general, and a disclosure in them got no urgent card.
  it.each([
    "after an assembly on consent a year 10 girl told me she was raped last night",
    "in our staff training today a TA said a pupil is being blackmailed with nudes right now",
    "what is the law, a 14 year old has just told me her uncle has been touching her",
    "what happens if she goes missing again tonight, she's 14 and with an older man now",
  ])("a setting that sounds general gives way to what happened: %s", (text) => {
    expect(isGeneralQuestion(text)).toBe(false);
    expect(answerer.answer(text, NOW).kind).toBe("urgent");
  });
  it.each([
    "Doing a teaching session on rape law for the F1s next week - what exactly is the Havens?",
    "updating our policy: who do we contact first if there is a rape allegation against a coach",
    "rape disclosure from last term was referred at the time and the case is closed. do i add anything to the record",
    "for my level 3: would a missing child at serious risk be 999 or 101?",
  ])("teaching, a policy or a case already dealt with, with nothing happening now, is general: %s", (text) => expect(isGeneralQuestion(text)).toBe(true));
  // The urgent card speaks of a child: a message whose only age is an adult's goes the adult way,
  // unless it names a child or a school's people ("TA", "DSL", "class"), who speak of a pupil.
  it("an adult's age alone is the adult route, but a school's people put a pupil in the message", () => {
    expect(answerer.answer("a 30 year old is making her have sex", NOW).kind).not.toBe("urgent");
    expect(answerer.answer("I'm a TA, she just told me a 30 year old is making her have sex and my DSL isn't picking up", NOW).kind).toBe("urgent");
    expect(answerer.answer("in class she said a 30 year old is making her have sex", NOW).kind).toBe("urgent");
  });
  it.each(["she closed the door and he raped her", "he slid into her dms and now he has her nudes and wants money", "he raped her on level 3 of the car park"])(
    "everyday words that name a setting elsewhere do not make a story general: %s",
    (text) => expect(answerer.answer(text, NOW).kind).toBe("urgent"),
  );
});

// Every phrase of the file as a person might type it: wildcards completed, gaps filled.
function typed(phrase: string, filler: string, ending: string): string {
  return phrase
    .split(" ")
    .map((word) => (word === ".." ? filler : word.endsWith("*") ? `${word.slice(0, -1)}${ending}` : word))
    .filter((word) => word !== "")
    .join(" ");
}

const PHRASES = WORDS.entries.flatMap((entry) => entry.phrases.map((phrase) => ({ id: entry.id, phrase })));
const AROUND = ["", "hi", "please help", "what should I do", "not sure if this matters but", "in Sutton", "yesterday", "my pupil", "ok so", "thanks"];

describe("danger words never get a no-answer card (fast-check)", () => {
  it("in any position, case, with any text or punctuation around them", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PHRASES),
        fc.constantFrom(...AROUND),
        fc.constantFrom(...AROUND),
        fc.constantFrom("", "her", "him", "them"),
        fc.constantFrom("", "ed", "ing", "s"),
        fc.constantFrom("", ".", "!!", "?", ",", " :(", "..."),
        fc.boolean(),
        ({ phrase }, before, after, filler, ending, punctuation, shout) => {
          const words = typed(phrase, filler, ending);
          const text = `${before} ${shout ? words.toUpperCase() : words}${punctuation} ${after}`;
          expect(answerer.answer(text, NOW).kind, text).not.toBe("no-match");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("every phrase on its own, exactly as listed", () => {
    const refused = PHRASES.filter(({ phrase }) => answerer.answer(typed(phrase, "", ""), NOW).kind === "no-match");
    expect(refused).toEqual([]);
  });
});
