// DOMAIN.md §8 "Delivery is stated as it is", and §5 on the police: the words the product shows,
// read from every place they live (content, card templates, the code that builds sentences, the
// tab). A referral is submitted when stored and delivered when its card is posted in a triage
// channel; the channel is "the triage channel registered for X in your organisation", never the
// council's front door team (the product cannot know that); no guidance says the bot does not make
// or send referrals beside a Make a referral button.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PLACES = ["content", "cards", "src", "tab/src"];
const READ = /\.(ts|tsx|json|md|yaml)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : READ.test(name) ? [path] : [];
  });
}

const FILES = PLACES.flatMap((place) => filesUnder(join(ROOT, place))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

/** Lines of the product's own files that say `pattern`, as "file:line: text". */
function saying(pattern: RegExp): string[] {
  return FILES.flatMap(({ path, text }) => text.split("\n").flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])));
}

describe("what the product says about delivery and the police", () => {
  it("reads the product's files", () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  it('never calls a Teams channel the "front door team"', () => {
    expect(saying(/front door team/i)).toEqual([]);
  });

  it("never says the bot does not make or send referrals", () => {
    expect(saying(/(?:bot|tool|product|it) (?:does not|doesn't|never|cannot|can't) (?:make|makes|send|sends|submit|submits)\b[^.]*referral/i)).toEqual([]);
  });

  it('never tells the practitioner to call the police "only" for something', () => {
    expect(saying(/101 yourself only|call (?:the police|101) only|only (?:call|phone|ring) (?:the police|101)/i)).toEqual([]);
  });

  it('never says a referral "was sent" or is "told at once" before it is delivered', () => {
    expect(saying(/(?:your|the|this) referral (?:\{[^}]*\} )?was sent\b|told at once/i)).toEqual([]);
  });
});
