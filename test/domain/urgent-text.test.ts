// What the urgent card says (DESIGN.md "Questions": danger first) and the line an age in a message
// adds (DOMAIN.md §4-§5). Each line is checked for what a practitioner acts on: the number to
// call, who to tell, what not to do. No number but 999 and 101, which are national.
import { describe, expect, it } from "vitest";
import { OUT_OF_HOURS_FALLBACK } from "../../src/domain/pathway-text.ts";
import { POLICE_STEP, URGENT_ADVICE, URGENT_STEPS, URGENT_TITLE, ageRule } from "../../src/domain/urgent-text.ts";

const NUMBERS = /\b\d{3,}\b/g;

describe("the urgent card's lines", () => {
  it.each<[string, string, RegExp]>([
    ["the title says to act now", URGENT_TITLE, /urgent: act now/],
    ["999 comes first, and staying with the child (DOMAIN.md §5)", URGENT_STEPS.emergency, /^Call 999 now .*Stay with them/],
    ["the DSL now, without waiting for them", URGENT_STEPS.dsl, /safeguarding lead \(DSL\) now.*do not wait: contact the front door yourself/],
    ["with no area: the child's own front door, the SPA or MASH", URGENT_STEPS.frontDoorNoArea, /local children's social care front door \(the SPA or MASH\) now/],
    ["no questioning for a disclosure, no promise of secrecy", URGENT_STEPS.doNotQuestion, /^Do not question the child .*do not promise to keep it secret/],
    ["images are not viewed, copied or asked for", URGENT_STEPS.images, /^Do not view, copy, forward or save any images, and do not ask the child to send them/],
    ["then the full check", URGENT_STEPS.check, /"Check a concern"/],
  ])("%s", (_name, line, expected) => {
    expect(line).toMatch(expected);
  });

  it("names the area's front door when the area is known", () => {
    expect(URGENT_STEPS.frontDoorArea("Kingston")).toBe("Contact the front door for Kingston now (children's social care), by the first route below that is open.");
  });

  it("out of hours, the same words as every urgent front-door step (DOMAIN.md §6)", () => {
    expect(URGENT_STEPS.outOfHours).toBe(OUT_OF_HOURS_FALLBACK);
  });

  it.each<[keyof typeof POLICE_STEP, RegExp]>([
    ["now", /^Tell the police now: 999 if the child is in danger, otherwise 101\. A crime may have been committed/],
    ["evidence", /^Tell the police now: if it may have happened in the last few days.*evidence can be kept.*999 if the child is in danger, otherwise 101/],
    ["missing", /^Tell the police now that the child is missing: 999 if you think the child is in danger, otherwise 101/],
  ])("the police step %s says 999 or 101", (route, expected) => {
    expect(POLICE_STEP[route]).toMatch(expected);
  });

  it.each<[keyof typeof URGENT_ADVICE, RegExp]>([
    ["sarc", /sexual assault referral centre \(in London: The Havens\).*\(National guidance, beyond the local documents\.\)$/],
    ["family", /^Do not tell the parents or carers.*a family member may be involved/],
    ["do-not-pay", /not in trouble\. Do not pay or contact the person making threats/],
    ["report-remove", /Report Remove, run by Childline and the Internet Watch Foundation.*\(National guidance, beyond the local documents\.\)$/],
    ["missing", /return home interview should be offered within 72 hours/],
  ])("the advice %s", (id, expected) => {
    expect(URGENT_ADVICE[id]).toMatch(expected);
  });

  it("gives no phone number but 999 and 101", () => {
    const lines = [URGENT_TITLE, ...Object.values(URGENT_STEPS).map((step) => (typeof step === "string" ? step : step("Kingston"))), ...Object.values(POLICE_STEP), ...Object.values(URGENT_ADVICE)];
    expect(new Set(lines.flatMap((line) => line.match(NUMBERS) ?? []))).toEqual(new Set(["999", "101"]));
  });
});

// DOMAIN.md §4-§5: under 13 no consent at all; 16 and 17 can consent but are still children; 18 is an adult.
describe("ageRule: the line an age in a message adds", () => {
  it.each<[number, RegExp | undefined]>([
    [0, /^A child aged 0 cannot consent to any sexual activity: any sexual activity with a child under 13 is a crime/],
    [12, /^A child aged 12 cannot consent .*section 47 strategy discussion follow\.$/],
    [13, undefined],
    [15, undefined],
    [16, /^At 16 the child can consent to sex in law, but they are still a child/],
    [17, /^At 17 the child can consent to sex in law/],
    [18, /^At 18 the person is an adult: the child sexual exploitation pathway does not apply\. Contact your local authority's adult safeguarding team/],
    [25, /^At 25 the person is an adult/],
  ])("age %i", (age, expected) => {
    const line = ageRule(age);
    if (expected === undefined) expect(line).toBeUndefined();
    else expect(line).toMatch(expected);
  });
});
