// DOMAIN.md §4: the provisional category, `unconfirmed`, and the flags, one row per rule.
import { describe, expect, it } from "vitest";
import { assessCase, type Case } from "../support/assessment.ts";

const EXCHANGE: Case["answers"] = { exchange: "yes" };

describe("category (DOMAIN.md §4)", () => {
  it.each<[string, Case, number | string]>([
    ["nothing given: none", {}, "none"],
    ["all answers no: none", { answers: { immediateDanger: "no", groomingConcern: "no", exchange: "no", onlineImages: "no", trafficking: "no" } }, "none"],
    ["any sign, no worry of targeting: 0", { signs: ["emotional.lowSelfEsteem"] }, 0],
    ["grooming concern yes: 1", { answers: { groomingConcern: "yes" } }, 1],
    ["grooming concern unsure counts upward: 1", { answers: { groomingConcern: "unsure" } }, 1],
    ["exchange yes: 2", { answers: EXCHANGE }, 2],
    ["exchange unsure: 2", { answers: { exchange: "unsure" } }, 2],
    ["online images with no reward: 2", { answers: { onlineImages: "yes" } }, 2],
    ["trafficking yes: 2", { answers: { trafficking: "yes" } }, 2],
    ["sign receipt.forSex is evidence on its own: 2", { signs: ["receipt.forSex"] }, 2],
    ["evidence + habitual + coercion: 3", { answers: { ...EXCHANGE, habitual: "yes", coercionControl: "yes" } }, 3],
    ["evidence + habitual + self-denied: 3", { answers: { ...EXCHANGE, habitual: "yes", selfDenied: "yes" } }, 3],
    ["evidence + habitual unsure + coercion unsure: 3", { answers: { onlineImages: "unsure", habitual: "unsure", coercionControl: "unsure" } }, 3],
    ["evidence + habitual without coercion or self-denial: 2", { answers: { ...EXCHANGE, habitual: "yes", multiplePerpetrators: "yes" } }, 2],
    ["evidence + coercion without habitual: 2", { answers: { ...EXCHANGE, coercionControl: "yes", selfDenied: "yes" } }, 2],
    ["follow-ups without evidence do not count: none", { answers: { habitual: "yes", coercionControl: "yes", selfDenied: "yes" } }, "none"],
    ["evidence outranks grooming: 2", { answers: { ...EXCHANGE, groomingConcern: "yes" } }, 2],
    ["age 17 is a child: 2", { child: { age: 17 }, answers: EXCHANGE }, 2],
    ["age 18 is an adult: not-applicable", { child: { age: 18 }, answers: EXCHANGE }, "not-applicable"],
    ["age 25 with no answers: not-applicable", { child: { age: 25 } }, "not-applicable"],
    ["under 13 with sexual activity and nothing else: raised to 1", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, 1],
    ["under 13 with sexual activity unsure: raised to 1", { child: { age: 12 }, answers: { sexualActivityUnder13: "unsure" } }, 1],
    ["under 13 sign activeUnder13: raised from 0 to 1", { child: { age: 12 }, signs: ["sexual.activeUnder13"] }, 1],
    ["under 13 with evidence keeps 2", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes", ...EXCHANGE } }, 2],
    ["age 13: the under-13 question does not apply", { child: { age: 13 }, answers: { sexualActivityUnder13: "yes" } }, "none"],
    ["age 13 with the activeUnder13 sign: only a sign, 0", { child: { age: 13 }, signs: ["sexual.activeUnder13"] }, 0],
    // DOMAIN.md §4: "The category itself stays the exploitation scale": sexual abuse sets a flag, not a category.
    ["sexual abuse answered yes and nothing else: still none on the exploitation scale", { answers: { sexualAbuse: "yes" } }, "none"],
    ["the disclosedAssault sign alone: 0 on the exploitation scale", { signs: ["sexual.disclosedAssault"] }, 0],
    ["sexual abuse with an exchange: 2", { answers: { sexualAbuse: "yes", ...EXCHANGE } }, 2],
  ])("%s", (_name, given, expected) => {
    expect(assessCase(given).category).toBe(expected);
  });
});

describe("unconfirmed (DOMAIN.md §4)", () => {
  it.each<[string, Case, boolean]>([
    ["all yes: confirmed", { answers: { ...EXCHANGE, habitual: "yes", coercionControl: "yes" } }, false],
    ["exchange unsure alone raised 2 from none", { answers: { exchange: "unsure" } }, true],
    ["exchange unsure but grooming yes: still raised 2 from 1", { answers: { exchange: "unsure", groomingConcern: "yes" } }, true],
    ["habitual unsure raised 3 from 2", { answers: { ...EXCHANGE, habitual: "unsure", coercionControl: "yes" } }, true],
    ["unsure that changes nothing: confirmed", { answers: { ...EXCHANGE, multiplePerpetrators: "unsure" } }, false],
    ["unsure immediate danger does not touch the category", { signs: ["alcohol.misuse"], answers: { immediateDanger: "unsure" } }, false],
    ["sign receipt.forSex holds 2 whatever unsure exchange says", { signs: ["receipt.forSex"], answers: { exchange: "unsure" } }, false],
    ["under 13 sexual activity unsure raised 1 from none", { child: { age: 12 }, answers: { sexualActivityUnder13: "unsure" } }, true],
    ["adult: never unconfirmed", { child: { age: 19 }, answers: { exchange: "unsure" } }, false],
  ])("%s", (_name, given, expected) => {
    expect(assessCase(given).unconfirmed).toBe(expected);
  });
});

describe("flags (DOMAIN.md §4)", () => {
  it.each<[string, Case, string, boolean]>([
    ["emergency: immediate danger yes", { answers: { immediateDanger: "yes" } }, "emergency", true],
    ["emergency: immediate danger unsure", { answers: { immediateDanger: "unsure" } }, "emergency", true],
    ["emergency: immediate danger no", { answers: { immediateDanger: "no" } }, "emergency", false],
    ["under13: age 12 and sexual activity", { child: { age: 12 }, answers: { sexualActivityUnder13: "yes" } }, "under13", true],
    ["under13: age 12 and the activeUnder13 sign", { child: { age: 12 }, signs: ["sexual.activeUnder13"] }, "under13", true],
    ["under13: age 12 with no indication", { child: { age: 12 }, answers: { sexualActivityUnder13: "no" } }, "under13", false],
    ["under13: age 13 is not under 13", { child: { age: 13 }, answers: { sexualActivityUnder13: "yes" } }, "under13", false],
    ["trafficking: yes", { answers: { trafficking: "yes" } }, "trafficking", true],
    ["trafficking: unsure", { answers: { trafficking: "unsure" } }, "trafficking", true],
    ["trafficking: no", { answers: { trafficking: "no" } }, "trafficking", false],
    ["missing: the missing-from-home sign", { signs: ["absent.missingFromHome"] }, "missing", true],
    ["missing: one episode in 90 days", { child: { missingEpisodes90d: 1 } }, "missing", true],
    ["missing: no episodes", { child: { missingEpisodes90d: 0 } }, "missing", false],
    ["repeatMissing: 4 episodes", { child: { missingEpisodes90d: 4 } }, "repeatMissing", true],
    ["repeatMissing: 3 episodes", { child: { missingEpisodes90d: 3 } }, "repeatMissing", false],
    ["lookedAfter: looked after", { child: { lookedAfter: true } }, "lookedAfter", true],
    ["lookedAfter: not looked after", { child: { lookedAfter: false } }, "lookedAfter", false],
    ["multipleDomains: 3 domains at category 0", { signs: ["alcohol.misuse", "distrust.hostility", "emotional.selfHarm"] }, "multipleDomains", true],
    ["multipleDomains: 2 domains", { signs: ["alcohol.misuse", "alcohol.supplied", "distrust.hostility"] }, "multipleDomains", false],
    ["multipleDomains: 3 domains at category 1", { signs: ["alcohol.misuse", "distrust.hostility", "emotional.selfHarm"], answers: { groomingConcern: "yes" } }, "multipleDomains", false],
    ["multipleDomains: 3 domains, under-13 raised to 1", { child: { age: 11 }, signs: ["sexual.activeUnder13", "distrust.hostility", "emotional.selfHarm"] }, "multipleDomains", false],
    ["sexualAbuse: answered yes", { answers: { sexualAbuse: "yes" } }, "sexualAbuse", true],
    ["sexualAbuse: answered unsure counts upward", { answers: { sexualAbuse: "unsure" } }, "sexualAbuse", true],
    ["sexualAbuse: answered no", { answers: { sexualAbuse: "no" } }, "sexualAbuse", false],
    ["sexualAbuse: the disclosedAssault sign, even with the answer no", { signs: ["sexual.disclosedAssault"], answers: { sexualAbuse: "no" } }, "sexualAbuse", true],
    ["sexualAbuse: age 17", { child: { age: 17 }, answers: { sexualAbuse: "yes" } }, "sexualAbuse", true],
    ["sexualAbuse: not for an adult (18)", { child: { age: 18 }, answers: { sexualAbuse: "yes" }, signs: ["sexual.disclosedAssault"] }, "sexualAbuse", false],
    ["adult: 18", { child: { age: 18 } }, "adult", true],
    ["adult: 17", { child: { age: 17 } }, "adult", false],
  ])("%s", (_name, given, flag, expected) => {
    expect(assessCase(given).flags.includes(flag as never)).toBe(expected);
  });

  it("lists the SAFEGUARD domains of the signs, in SAFEGUARD order, once each", () => {
    const result = assessCase({ signs: ["receipt.moneyOrGoods", "absent.missingFromHome", "absent.truancy"] });
    expect(result.domains).toEqual(["absent", "receipt"]);
  });

  it("lets several flags stand together", () => {
    const result = assessCase({
      child: { age: 12, lookedAfter: true, missingEpisodes90d: 5 },
      answers: { immediateDanger: "yes", sexualActivityUnder13: "yes", trafficking: "yes" },
    });
    expect(result.flags).toEqual(["emergency", "under13", "trafficking", "missing", "repeatMissing", "lookedAfter"]);
  });
});
