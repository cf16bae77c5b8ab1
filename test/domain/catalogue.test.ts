// DOMAIN.md §2-3: the catalogue holds exactly the spec's ids, so a renamed id fails here.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOMAINS, INDICATORS, QUESTIONS, domainOf } from "../../src/domain/catalogue.ts";

const DOMAIN_MD = new URL("../../../shared/DOMAIN.md", import.meta.url);
const spec = existsSync(DOMAIN_MD) ? readFileSync(DOMAIN_MD, "utf8") : undefined;

function section(title: string): string {
  if (spec === undefined) throw new Error("DOMAIN.md not found");
  const start = spec.indexOf(`## ${title}`);
  const end = spec.indexOf("\n## ", start + 1);
  return spec.slice(start, end);
}

// The first backticked cell of each table row.
function ids(markdown: string, pattern: RegExp): string[] {
  return [...markdown.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1] ?? "").filter((id) => pattern.test(id));
}

describe.skipIf(spec === undefined)("the catalogue matches DOMAIN.md", () => {
  it("has the nine SAFEGUARD domains in order", () => {
    expect(DOMAINS.map((domain) => domain.id)).toEqual(ids(section("2. SAFEGUARD warning signs"), /^[a-z]+$/));
  });

  it("has every indicator id of §2, in order, and no others", () => {
    expect(INDICATORS.map((indicator) => indicator.id)).toEqual(ids(section("2. SAFEGUARD warning signs"), /^[a-z]+\.[A-Za-z0-9]+$/));
  });

  it("has every threshold question of §3, in the order they are asked", () => {
    expect(QUESTIONS.map((question) => question.id)).toEqual(ids(section("3. Threshold questions"), /^[A-Za-z0-9]+$/));
  });
});

describe("the catalogue", () => {
  it("gives every sign a label, a 'what this can look like' line and a seed reference", () => {
    for (const indicator of INDICATORS) {
      expect(indicator.label.length, indicator.id).toBeGreaterThan(10);
      expect(indicator.looksLike.length, indicator.id).toBeGreaterThan(20);
      expect(indicator.seed, indicator.id).toMatch(/^(KR|L\d|H)/);
      expect(DOMAINS.map((domain) => domain.id)).toContain(domainOf(indicator.id));
    }
  });

  it("asks the under-13 question only under 13, and the four follow-ups only on evidence of exploitation", () => {
    const conditions = Object.fromEntries(QUESTIONS.map((question) => [question.id, question.askWhen]));
    expect(conditions).toEqual({
      immediateDanger: "always",
      sexualActivityUnder13: "under13",
      groomingConcern: "always",
      sexualAbuse: "always",
      exchange: "always",
      onlineImages: "always",
      trafficking: "always",
      coercionControl: "exploitationEvidence",
      habitual: "exploitationEvidence",
      selfDenied: "exploitationEvidence",
      multiplePerpetrators: "exploitationEvidence",
    });
  });
});
