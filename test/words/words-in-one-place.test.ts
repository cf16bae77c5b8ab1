// Every sentence in one place (README "What the product says"). A sentence a user can read is
// written in the catalogue (src/words, and the rules' own words in src/domain), in content/ or in
// a card template, so `npm run words` shows it for review. This test reads the code that answers
// users (src/http, src/export, src/delivery, src/services, the cards' views, the bot and the tab) and fails on each
// sentence-like string written there instead; and it reads everything the product says for a few
// contradictions of DOMAIN.md §8 "Delivery is stated as it is".
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { collectWords } from "../../scripts/words.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCANNED = ["src/http", "src/export", "src/delivery", "src/services", "src/cards", "src/bot", "tab/src"];

/**
 * What may stay where it is, each for a reason: logs and operators' messages, which no
 * practitioner reads, codes and formats, and data that is matched rather than shown. One row per
 * kind of text, never a whole file.
 */
const ALLOWED: readonly { readonly file: RegExp; readonly text: RegExp; readonly why: string }[] = [
  { file: /^src\/http\/(graceful-shutdown|readiness|create-app)\.ts$/, text: /./, why: "parts of log lines and of /readyz's reasons, for operators" },
  { file: /^src\/http\/(outbox-health|tab-pages)\.ts$/, text: /npm run/, why: "an operator's instruction: run a command" },
  { file: /^src\/http\/api\/(contract|api-kit)\.ts$/, text: /^(expected |at most |at least |not a field this route takes|view: expected)/, why: "validation messages of the API's contract, for a request the tab never sends" },
  { file: /^src\/http\/api\/create-api\.ts$/, text: /^(a practitioner|Kingston triage lead|Sutton triage lead|the Agents Playground's user: referrals made in its chat)$/, why: "the local sign-in's test users, for local use only" },
  { file: /^src\/services\/places-not-covered\.ts$/, text: /^(Barking and Dagenham|City of London|Hammersmith and Fulham|Kensington and Chelsea)$/, why: "place names read in messages" },
  { file: /^src\/services\/mase-insight-keys\.ts$/, text: /^do not know$/, why: "an answer that names nobody, left out of the matching" },
  { file: /^src\/services\/read-asked-time\.ts$/, text: /^(Spring|Summer) bank holiday$|^New Year's Day$|^HH:mm 'on' /, why: "bank holidays' names and a clock format, matched and formatted" },
  { file: /^src\/services\/topic-model\.ts$/, text: /^bias: one per class$/, why: "a model file's validation message, for whoever trains it" },
  { file: /^src\/bot\/bot-endpoint\.ts$/, text: /^(required on msteams: |not an activity$|without credentials, serviceUrl |the request's token |the request could not be processed now)/, why: "the bot endpoint's refusals, answered to whoever posted the activity, never shown in Teams" },
  { file: /^src\/delivery\//, text: /^(the referral of an outbox message is missing|referral not posted yet; its message waits|no triage channel is registered for \{[^}]+\}|the Bot Connector .*)$/, why: "reasons the outbox worker logs and retries on" },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** A string, a template (its blanks as {x}) or a JSX text, as written. */
function textOf(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{x}${span.literal.text}`).join("");
  if (ts.isJsxText(node)) return node.text.trim();
  return undefined;
}

/** Three words in a row: what a sentence, a label or a hint has, and an id, a path or a format has not. */
const SENTENCE_LIKE = /[A-Za-z][a-z']*[,:;]?\s+[A-Za-z][a-z']*[,:;]?\s+[A-Za-z][a-z']*/;

/** Whether a text is one no user reads: a log line, a programmer's error, a regular expression's source. */
function isNotForUsers(node: ts.Node): boolean {
  for (let current = node.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isNewExpression(current) && /(Error|RegExp|Unavailable|Waiting)$/.test(current.expression.getText())) return true;
    // An error class's own message: super("…") in a class that extends an Error.
    if (ts.isCallExpression(current) && current.expression.kind === ts.SyntaxKind.SuperKeyword && /(Error|Unavailable|Waiting)$/.test(errorBaseOf(current))) return true;
    if (ts.isCallExpression(current) && /(^|\.)(logger|log|console)\.(fatal|error|warn|info|debug|trace|log)$/.test(current.expression.getText())) return true;
    if (ts.isFunctionLike(current) || ts.isClassLike(current)) return false;
  }
  return false;
}

/** The class a super(…) call's class extends, as written ("Error", "DomainError"), or "". */
function errorBaseOf(call: ts.Node): string {
  let current: ts.Node | undefined = call.parent;
  while (current !== undefined && !ts.isClassLike(current)) current = current.parent;
  const heritage = current?.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
  return heritage?.types[0]?.expression.getText() ?? "";
}

type Found = { readonly where: string; readonly file: string; readonly text: string };

function sentencesIn(file: string): Found[] {
  const path = relative(ROOT, file).split(sep).join("/");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    const parent = node.parent;
    const text = parent !== undefined && (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) ? undefined : textOf(node);
    if (text !== undefined && SENTENCE_LIKE.test(text) && !/\\b|\(\?:|\[\^/.test(text) && !isNotForUsers(node)) {
      found.push({ where: `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, file: path, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FOUND = SCANNED.flatMap((place) => filesUnder(join(ROOT, place))).flatMap(sentencesIn);

describe("every sentence in one place", () => {
  it("reads the code that answers users", () => {
    expect(new Set(FOUND.map((found) => found.file)).size + FOUND.length).toBeGreaterThan(0);
    expect(filesUnder(join(ROOT, "tab/src")).length).toBeGreaterThan(10);
  });

  it("finds a sentence written in a route (a check of the check)", () => {
    const probe = ts.createSourceFile("probe.ts", 'fail(response, 404, "not-found", "There is no such referral here.");', ts.ScriptTarget.Latest, true);
    const texts: string[] = [];
    const visit = (node: ts.Node) => {
      const text = textOf(node);
      if (text !== undefined && SENTENCE_LIKE.test(text)) texts.push(text);
      ts.forEachChild(node, visit);
    };
    visit(probe);
    expect(texts).toEqual(["There is no such referral here."]);
  });

  it("has no sentence in src/http, src/export, src/delivery, src/services, src/cards, src/bot or the tab outside src/words", () => {
    const loose = FOUND.filter((found) => !ALLOWED.some((allowed) => allowed.file.test(found.file) && allowed.text.test(found.text)));
    expect(loose.map((found) => `${found.where}: ${found.text}`)).toEqual([]);
  });

  it("allows nothing it does not need: each row of the allow-list still matches something", () => {
    expect(ALLOWED.filter((allowed) => !FOUND.some((found) => allowed.file.test(found.file) && allowed.text.test(found.text))).map((allowed) => allowed.why)).toEqual([]);
  });
});

/** Everything the product can show, as `npm run words` gathers it: the catalogue, cards, guidance, areas and the words still built beside the services. */
const SAID = collectWords().flatMap((group) => group.parts.flatMap((part) => part.entries.map((entry) => ({ id: `${part.heading} › ${entry.id}`, text: entry.text }))));

// DOMAIN.md §8: every guidance entry, card and page says the same about what the product sends.
const SAYS_IT_DOES_NOT_SEND =
  /\b(?:bot|tool|product|app|SAFEGUARD|it|this|we|I)\b[^.]{0,40}?\b(?:does not|doesn't|do not|don't|will not|won't|never|cannot|can't|can not|is not able to|isn't able to)\s+(?:\w+\s+){0,2}?(?:make|makes|send|sends|submit|submits|pass|passes|forward|forwards|refer|refers|deliver|delivers)\b[^.]*?\b(?:referrals?|front door|MASH|SPA|social care)\b|\bnot (?:a|the) (?:way|route|system|tool|service|channel) (?:to|for) (?:make|send|making|sending|submit|submitting)?\s*(?:a |the )?referr/i;
// DOMAIN.md §8: the product cannot know a channel is the council's front door; it says "the triage channel registered for …".
const CALLS_A_CHANNEL_THE_FRONT_DOOR =
  /front[- ]door team|channel[^.]{0,40}\b(?:is|as) (?:the|your|their) (?:council's |area's |local )?front door\b|\b(?:sent|posted|delivered|submitted) (?:it |them )?(?:straight )?to (?:the|your) (?:area's |council's )?front door\b/i;

const saying = (pattern: RegExp) => SAID.filter(({ text }) => pattern.test(text)).map(({ id, text }) => `${id}: ${text}`);

describe("what the product says does not contradict what it does", () => {
  it("reads everything the product can show", () => {
    expect(SAID.length).toBeGreaterThan(1_000);
  });

  it("the rules catch the sentences they are for (a check of the check)", () => {
    for (const text of ["The bot does not send referrals: phone the SPA.", "This tool cannot make a referral for you.", "SAFEGUARD won't pass your referral to the MASH.", "It is not a way to make a referral."]) {
      expect(SAYS_IT_DOES_NOT_SEND.test(text), text).toBe(true);
    }
    for (const text of ["Posted to the front door team.", "Your referral was sent to the front door.", "This channel is your area's front door."]) expect(CALLS_A_CHANNEL_THE_FRONT_DOOR.test(text), text).toBe(true);
    for (const text of ["Nothing is sent until you send it.", "Contact the front door now.", "Delivered: posted in the triage channel registered for Kingston upon Thames in your organisation."]) {
      expect(SAYS_IT_DOES_NOT_SEND.test(text) || CALLS_A_CHANNEL_THE_FRONT_DOOR.test(text), text).toBe(false);
    }
  });

  it("no text says the product does not make or send referrals", () => {
    expect(saying(SAYS_IT_DOES_NOT_SEND)).toEqual([]);
  });

  it('no text calls a Teams channel the front door, or the "front door team"', () => {
    expect(saying(CALLS_A_CHANNEL_THE_FRONT_DOOR)).toEqual([]);
  });
});
