// MASE insight (issue 11, point 5; seed 002's MASE terms of reference): people, vehicles, online
// names and places in more than one referral, linked to those referrals, and the referrals of
// each London calendar month by category, flag, outcome and referring agency.
import { describe, expect, it } from "vitest";
import { Referral } from "../../src/domain/referral.ts";
import { handlesIn, registrationsIn } from "../../src/services/mase-insight-keys.ts";
import { maseInsight, type InsightReferral } from "../../src/services/mase-insight.ts";
import { FROM_CHECK } from "../support/marked-referral.ts";

type Person = { name?: string; description?: string; alias?: string; vehicle?: string; onlineHandles?: string; address?: string };

/** A referral as the store keeps it: every required field, the people and places given. */
function referralWith(options: { agency?: string; people?: Person[]; places?: string[]; intelligence?: string } = {}): Referral {
  return Referral.parse({
    referrer: { name: "Sam Okoye", role: "Head of year 9", agency: options.agency ?? "Hillside Academy", email: "s.okoye@hillside.sch.uk" },
    child: { forename: "Amara", surname: "Okafor", dateOfBirth: "2012-04-09" },
    concern: { worries: "Picked up after school three times this week by a man in his twenties in a silver car." },
    personsOfInterest: (options.people ?? []).map((person) => (person.name === undefined && person.description === undefined ? { description: "Older man", ...person } : person)),
    locationsOfInterest: (options.places ?? []).map((place) => ({ place })),
    mase: options.intelligence === undefined ? {} : { additionalIntelligence: options.intelligence },
    parentalResponsibility: { told: "yes" },
    fromCheck: FROM_CHECK,
  });
}

let serial = 0;
/** A stored referral in Kingston, submitted at `at` (UTC), undecided unless `outcome` is given. */
function stored(at: string, referral: Referral | undefined, more: Partial<InsightReferral> = {}): InsightReferral {
  serial += 1;
  return {
    id: `id-${serial}`,
    reference: `KIN-2026-${String(serial).padStart(5, "0")}`,
    submittedAt: new Date(at),
    status: more.outcome === undefined ? "submitted" : "decided",
    summary: { category: 2, unconfirmed: false, flags: ["missing"] },
    outcome: undefined,
    referral,
    ...more,
  };
}

const UNTIL = new Date("2026-11-24T12:00:00Z");
const insightOf = (referrals: InsightReferral[], months = 6) => maseInsight(referrals, { months, until: UNTIL });
const linked = (referrals: InsightReferral[]) => insightOf(referrals).links.map((link) => ({ kind: link.kind, value: link.value, references: link.referrals.map((item) => item.reference) }));

describe("people, vehicles, online names and places in more than one referral", () => {
  it("a person named in two referrals is linked to both, as first written, whatever the case, spaces and punctuation", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay O'Brien" }] }));
    const second = stored("2026-11-10T10:00:00Z", referralWith({ people: [{ name: "  JAY   OBRIEN." }] }));
    const third = stored("2026-11-12T10:00:00Z", referralWith({ people: [{ name: "Jay Brien" }] }));
    expect(linked([third, second, first])).toEqual([{ kind: "person", value: "Jay O'Brien", references: [first.reference, second.reference] }]);
  });

  it("a person is linked by another name: one referral's alias is another's name", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jason Miles", alias: "JJ / Jayjay" }] }));
    const second = stored("2026-11-10T10:00:00Z", referralWith({ people: [{ name: "Jayjay" }] }));
    expect(linked([first, second])).toEqual([{ kind: "person", value: "Jayjay", references: [first.reference, second.reference] }]);
  });

  it("the same person twice in one referral is not a link", () => {
    const only = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay Miles" }, { name: "jay miles", alias: "Jay Miles" }] }));
    const other = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "Someone Else" }] }));
    expect(linked([only, other])).toEqual([]);
  });

  it("a vehicle is matched by its registration, whatever the spacing and case, and shown as a registration", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay", vehicle: "Silver Ford Fiesta, ab12cde" }] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ description: "Driver", vehicle: "black car AB 12 CDE (partial?)" }] }));
    const third = stored("2026-11-04T10:00:00Z", referralWith({ intelligence: "Seen getting into AB12 CDE outside the station." }));
    const fourth = stored("2026-11-05T10:00:00Z", referralWith({ people: [{ name: "Kai", vehicle: "AB12 CDF" }] }));
    expect(linked([first, second, third, fourth])).toEqual([{ kind: "vehicle", value: "AB12 CDE", references: [first.reference, second.reference, third.reference] }]);
  });

  it("a car described in other words is one car: its colour, make and model; each link says why (issue 21, point 7)", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay", vehicle: "Grey Audi A3, tinted windows, registration not known" }] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "Kai", vehicle: "grey Audi A3 with tinted windows" }] }));
    const otherColour = stored("2026-11-04T10:00:00Z", referralWith({ people: [{ name: "Lee", vehicle: "black Audi A3" }] }));
    const otherModel = stored("2026-11-05T10:00:00Z", referralWith({ people: [{ name: "Mo", vehicle: "gray audi a4" }] }));
    const links = insightOf([first, second, otherColour, otherModel]).links.filter((link) => link.kind === "vehicle");
    expect(links.map((link) => ({ value: link.value, why: link.why, references: link.referrals.map((item) => item.reference) }))).toEqual([
      { value: "Grey Audi A3, tinted windows, registration not known", why: "the same colour, make and model", references: [first.reference, second.reference] },
    ]);
  });

  it("a registration with and without spaces is one, and says so; a place in other word order is one place", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay", vehicle: "AB12 CDE" }], places: ["McDonald's, Eden Street"] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "Kai", vehicle: "ab12cde" }], places: ["outside Eden Street McDonalds"] }));
    const links = insightOf([first, second]).links;
    expect(links.find((link) => link.kind === "vehicle")?.why).toBe("the same registration");
    expect(links.find((link) => link.kind === "location")).toMatchObject({ value: "McDonald's, Eden Street", why: "the same place, its words in any order" });
  });

  it("a vehicle with no registration is matched by its words", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay", vehicle: "Silver Ford Fiesta" }] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "Kai", vehicle: "silver ford fiesta." }] }));
    expect(linked([first, second])).toEqual([{ kind: "vehicle", value: "Silver Ford Fiesta", references: [first.reference, second.reference] }]);
  });

  it("online names match with and without @ and in any case; platform names alone never do", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay", onlineHandles: "@Jay_99 on Snapchat; insta: kingj.22" }] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "Kai", onlineHandles: "Snapchat: jay_99\nInstagram" }] }));
    const third = stored("2026-11-04T10:00:00Z", referralWith({ people: [{ name: "Lee", onlineHandles: "KINGJ.22 (Instagram), Snapchat" }] }));
    expect(linked([first, second, third])).toEqual([
      { kind: "online-handle", value: "Jay_99", references: [first.reference, second.reference] },
      { kind: "online-handle", value: "kingj.22", references: [first.reference, third.reference] },
    ]);
  });

  it.each([
    ["@jay_99 on Snapchat", ["jay_99"]],
    ["Snapchat: jay_99", ["jay_99"]],
    ["jay_99 (TikTok)", ["jay_99"]],
    ["jay_99", ["jay_99"]],
    ["(@jay_99), @kai.", ["jay_99", "kai"]],
    ["uses lots of accounts", []],
    ["Snapchat", []],
    ["not known", []],
  ])("online names in %j: %j", (text, names) => {
    expect(handlesIn(text)).toEqual(names);
  });

  it.each([
    ["ab12cde", ["AB12 CDE"]],
    ["AB12 CDE or cd34efg", ["AB12 CDE", "CD34 EFG"]],
    ["XAB12CDE", []],
    ["A123 BCD, an old plate", []],
  ])("registrations in %j: %j", (text, registrations) => {
    expect(registrationsIn(text)).toEqual(registrations);
  });

  it("places match by their words; placeholders such as \"not known\", \"unknown\" and \"n/a\" never link", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Not known", alias: "n/a" }, { name: "Unknown male", vehicle: "n/a", onlineHandles: "unknown" }], places: ["McDonald's, Eden Street", "Unknown", "None"] }));
    const second = stored("2026-11-03T10:00:00Z", referralWith({ people: [{ name: "not known", alias: "N/A" }, { name: "unknown male", vehicle: "N/A", onlineHandles: "Unknown" }], places: ["mcdonalds eden street", "unknown", "none"] }));
    expect(linked([first, second])).toEqual([{ kind: "location", value: "McDonald's, Eden Street", references: [first.reference, second.reference] }]);
  });

  it("a purged referral links nothing: its details are gone", () => {
    const first = stored("2026-11-02T10:00:00Z", referralWith({ people: [{ name: "Jay Miles" }] }));
    const purged = stored("2026-11-03T10:00:00Z", undefined);
    const third = stored("2026-11-04T10:00:00Z", referralWith({ people: [{ name: "Jay Miles" }] }));
    expect(linked([first, purged, third])).toEqual([{ kind: "person", value: "Jay Miles", references: [first.reference, third.reference] }]);
  });

  it("most referrals first, then by value", () => {
    const people = (names: string[]) => referralWith({ people: names.map((name) => ({ name })) });
    const referrals = [stored("2026-11-02T10:00:00Z", people(["Zed", "Bo", "Al"])), stored("2026-11-03T10:00:00Z", people(["Zed", "Bo", "Al"])), stored("2026-11-04T10:00:00Z", people(["Zed"]))];
    expect(linked(referrals).map((link) => link.value)).toEqual(["Zed", "Al", "Bo"]);
  });
});

describe("referrals by London calendar month", () => {
  it("the window is the last months up to `until`, oldest first; earlier and later referrals are not counted", () => {
    const insight = insightOf([
      stored("2026-05-31T22:59:00Z", undefined), // 23:59 on 31 May in London: before the window
      stored("2026-05-31T23:00:00Z", undefined), // 00:00 on 1 June in London: the first month
      stored("2026-11-24T12:00:00Z", undefined), // `until` itself
      stored("2026-11-24T12:00:01Z", undefined), // after `until`
    ]);
    expect(insight.monthly.map((month) => [month.month, month.total])).toEqual([["2026-06", 1], ["2026-07", 0], ["2026-08", 0], ["2026-09", 0], ["2026-10", 0], ["2026-11", 1]]);
    expect(insight.counts).toEqual({ referrals: 4, purged: 4 });
  });

  it("in summer time a referral at 23:30 UTC on 30 September is London's 1 October; in winter 23:30 UTC on 31 October is still October", () => {
    const insight = insightOf([stored("2026-09-30T23:30:00Z", undefined), stored("2026-10-31T23:30:00Z", undefined), stored("2026-11-30T23:30:00Z", undefined)], 3);
    expect(insight.monthly.map((month) => [month.month, month.total])).toEqual([["2026-09", 0], ["2026-10", 2], ["2026-11", 0]]);
  });

  it("a window across the new year", () => {
    const insight = maseInsight([stored("2026-12-31T23:59:00Z", undefined)], { months: 3, until: new Date("2027-01-15T00:00:00Z") });
    expect(insight.monthly.map((month) => [month.month, month.total])).toEqual([["2026-11", 0], ["2026-12", 1], ["2027-01", 0]]);
  });

  it("counts by category, flag, outcome and agency; every month has the same keys", () => {
    const hillside = referralWith({ agency: "Hillside Academy" });
    const insight = insightOf([
      stored("2026-10-05T09:00:00Z", hillside, { summary: { category: 1, unconfirmed: false, flags: ["missing", "lookedAfter", "missing"] }, outcome: "refer-to-mase" }),
      stored("2026-11-02T09:00:00Z", referralWith({ agency: "  hillside   ACADEMY " }), { summary: { category: 3, unconfirmed: true, flags: [] } }),
      stored("2026-11-03T09:00:00Z", referralWith({ agency: "Met Police" }), { summary: { category: 3, unconfirmed: false, flags: ["trafficking"] }, outcome: "section-47" }),
      // Reopened after a decision: no longer decided.
      stored("2026-11-04T09:00:00Z", undefined, { status: "assigned", outcome: "early-help", summary: { category: "none", unconfirmed: false, flags: [] } }),
    ]);
    const [october, november] = insight.monthly.slice(-2);
    expect(october).toEqual({
      month: "2026-10",
      total: 1,
      byCategory: { "0": 0, "1": 1, "2": 0, "3": 0, none: 0, "not-applicable": 0 },
      byFlag: { trafficking: 0, missing: 1, lookedAfter: 1 },
      byOutcome: { "section-47": 0, "refer-to-mase": 1, "not-decided": 0 },
      byAgency: { "Hillside Academy": 1, "Met Police": 0, "not recorded": 0 },
    });
    expect(november).toEqual({
      month: "2026-11",
      total: 3,
      byCategory: { "0": 0, "1": 0, "2": 0, "3": 2, none: 1, "not-applicable": 0 },
      byFlag: { trafficking: 1, missing: 0, lookedAfter: 0 },
      byOutcome: { "section-47": 1, "refer-to-mase": 0, "not-decided": 2 },
      byAgency: { "Hillside Academy": 1, "Met Police": 1, "not recorded": 1 },
    });
    expect(insight.monthly[0]?.byAgency).toEqual({ "Hillside Academy": 0, "Met Police": 0, "not recorded": 0 });
    expect(insight.counts).toEqual({ referrals: 4, purged: 1 });
  });

  it("a purged referral is counted in its month, its agency \"not recorded\"", () => {
    const insight = insightOf([stored("2026-11-02T09:00:00Z", undefined)], 1);
    expect(insight.monthly).toEqual([{ month: "2026-11", total: 1, byCategory: { "0": 0, "1": 0, "2": 1, "3": 0, none: 0, "not-applicable": 0 }, byFlag: { missing: 1 }, byOutcome: { "not-decided": 1 }, byAgency: { "not recorded": 1 } }]);
  });

  it("an agency typed as \"__proto__\" or \"constructor\" is a plain key, and the result survives JSON", () => {
    const insight = insightOf([stored("2026-11-02T09:00:00Z", referralWith({ agency: "__proto__" })), stored("2026-11-03T09:00:00Z", referralWith({ agency: "constructor" }))], 1);
    const november = insight.monthly[0];
    expect(Object.keys(november?.byAgency ?? {})).toEqual(["__proto__", "constructor"]);
    expect(JSON.parse(JSON.stringify(insight))).toEqual(insight);
    expect(Object.getPrototypeOf(november?.byAgency)).toBe(Object.prototype);
  });

  it.each([0, -1, 1.5, 121])("refuses %j months", (months) => {
    expect(() => maseInsight([], { months, until: UNTIL })).toThrow(RangeError);
  });
});
