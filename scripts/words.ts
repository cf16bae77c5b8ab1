// `npm run words [-- FILE]`: every sentence the product can show, in one Markdown document
// (docs/words.md unless FILE is given), grouped by where a user meets it, each with an id that
// says where to change it. For review and sign-off by a safeguarding lead or a clinical safety
// officer, without reading code. It reads:
//   - the catalogue, src/words/*.ts, and the rules' own words in src/domain (catalogue.ts and the
//     *-text.ts modules): every string and template in them, a template's blanks as {name};
//   - the words still built in src/services/*.ts beside the replies, and any left in src/cards/*.ts
//     (test/words/words-in-one-place.test.ts keeps sentences out of src/cards);
//   - the card templates, cards/**/*.json: every text, title, label, placeholder and message;
//   - the guidance, content/guidance/*.md: title and body;
//   - the areas, content/areas/*.json: names, labels, notes and hours as the contacts show them.
// The document is generated and not committed; test/scripts/words.test.ts runs this command.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { loadGuidance } from "../src/content/load-guidance.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const posix = (path: string) => path.split(sep).join("/");

export type Entry = { readonly id: string; readonly text: string };
export type Group = { readonly title: string; readonly intro: string; readonly parts: readonly { readonly heading: string; readonly entries: readonly Entry[] }[] };

/** Where a user meets the words of each catalogue module. A module missing here stops the command, so a new one is placed. */
const CATALOGUE_PLACES: ReadonlyMap<string, string> = new Map([
  ["src/domain/catalogue.ts", "check"],
  ["src/domain/pathway-text.ts", "result"],
  ["src/words/result-words.ts", "result"],
  ["src/domain/urgent-text.ts", "questions"],
  ["src/words/question-words.ts", "questions"],
  ["src/words/bot-replies.ts", "questions"],
  ["src/words/check-messages.ts", "check"],
  ["src/words/chat-words.ts", "check"],
  ["src/words/check-card-words.ts", "result"],
  ["src/words/triage-replies.ts", "triage"],
  ["src/words/triage-card-words.ts", "triage"],
  ["src/words/reader-labels.ts", "triage"],
  ["src/words/referral-words.ts", "referral"],
  ["src/words/referral-values.ts", "referral"],
  ["src/words/referral-notices.ts", "referral"],
  ["src/words/referral-section-words.ts", "referral"],
  ["src/words/referral-form-words.ts", "referral"],
  ["src/domain/triage-text.ts", "triage"],
  ["src/words/triage-messages.ts", "triage"],
  ["src/words/triage-registration-replies.ts", "triage"],
  ["src/words/tab-words.ts", "tab"],
  ["src/words/insight-words.ts", "tab"],
  ["src/words/api-messages.ts", "tab"],
  ["src/words/sign-in-messages.ts", "tab"],
  ["src/words/pdf-words.ts", "exports"],
  ["src/words/referral-form-layouts.ts", "exports"],
  ["src/words/csv-words.ts", "exports"],
  ["src/words/legal-pages.ts", "legal"],
]);

const PLACES: readonly { readonly id: string; readonly title: string; readonly intro: string }[] = [
  { id: "check", title: "The guided check: signs and questions", intro: "The SAFEGUARD warning signs and the threshold questions, in the chat and the tab." },
  { id: "result", title: "The check's result", intro: "Categories, flags, the pathway's steps and their urgency, the always-do lines and notices." },
  { id: "questions", title: "Questions typed to the bot, and its replies", intro: "The urgent card, the answers to typed questions, and what the bot says in a group or when a button was pressed twice." },
  { id: "referral", title: "Referrals: the form, the review, the confirmation", intro: "What the practitioner reads while making a referral, and where it is afterwards." },
  { id: "triage", title: "Triage: the channel card, its thread and the referrer's 1:1 chat", intro: "What the area's triage team and the referrer are told as a referral moves." },
  { id: "tab", title: "The tab", intro: "The intranet tab's pages, its sign-in and its messages." },
  { id: "exports", title: "Exports: the PDF and the CSV", intro: "A referral laid out as the area's own form, and the board without personal details." },
  { id: "legal", title: "Privacy and terms pages", intro: "The pages the Teams app manifest links to." },
];

/** A string or template as the reader sees it: a template's blanks as {what goes there}. */
function textOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    const blank = (expression: ts.Expression) => `{${expression.getText(source).replace(/\s+/g, " ")}}`;
    return node.head.text + node.templateSpans.map((span) => blank(span.expression) + span.literal.text).join("");
  }
  return undefined;
}

/** The text with its blanks ({…}, nested too) taken out. */
function withoutBlanks(text: string): string {
  let previous = "";
  let current = text;
  while (current !== previous) [previous, current] = [current, current.replace(/\{[^{}]*\}/g, " ")];
  return current;
}

/** Words, not ids, keys, zones or formats: a word of three letters or more, and a space or a capital first. */
function isWords(text: string): boolean {
  const fixed = withoutBlanks(text).trim();
  return /[A-Za-z]{3}/.test(fixed) && (/\s/.test(fixed) || /^[A-Z]/.test(fixed)) && !/^[A-Z_]+$/.test(fixed) && !/^[\w-]+\/[\w-]+$/.test(fixed) && !/[\x00-\x08]/.test(text);
}

/** The name path of a node: the declaration, then each property key down to it ("TAB_WORDS.board.intro"). */
function namePath(node: ts.Node): string {
  const names: string[] = [];
  for (let current: ts.Node | undefined = node.parent; current !== undefined; current = current.parent) {
    if (ts.isObjectLiteralExpression(current) && ts.isArrayLiteralExpression(current.parent)) names.unshift(`[${elementKey(current)}]`);
    else if ((ts.isPropertyAssignment(current) || ts.isPropertyDeclaration(current) || ts.isMethodDeclaration(current)) && current.name !== undefined) names.unshift(current.name.getText().replace(/^["']|["']$/g, ""));
    else if ((ts.isVariableDeclaration(current) || ts.isFunctionDeclaration(current)) && current.name !== undefined) names.unshift(current.name.getText());
    else if (ts.isCaseClause(current)) names.unshift(`case ${current.expression.getText()}`);
  }
  return names.join(".").replace(/\.\[/g, "[");
}

/** An array element's key in an id: its `id` (or `value`) when it has one, else its position. */
function elementKey(element: ts.ObjectLiteralExpression): string {
  for (const property of element.properties) {
    if (ts.isPropertyAssignment(property) && /^(id|value)$/.test(property.name.getText()) && (ts.isStringLiteral(property.initializer) || ts.isNoSubstitutionTemplateLiteral(property.initializer))) return property.initializer.text;
  }
  return String((element.parent as ts.ArrayLiteralExpression).elements.indexOf(element));
}

/** Properties that hold ids and sources, not words a user reads. */
const NOT_SHOWN = new Set(["id", "seed", "value", "kind", "service", "urgency", "group", "key"]);

/** Every string and template with words in a TypeScript module, in the order written, each with its id. */
export function wordsInModule(path: string): Entry[] {
  const source = ts.createSourceFile(path, readFileSync(join(ROOT, path), "utf8"), ts.ScriptTarget.Latest, true);
  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  const visit = (node: ts.Node) => {
    const parent = node.parent;
    const skipped = parent !== undefined && ((ts.isPropertyAssignment(parent) && parent.initializer === node && NOT_SHOWN.has(parent.name.getText())) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isCaseClause(parent) || ts.isElementAccessExpression(parent));
    const text = skipped ? undefined : textOf(node, source);
    // A regular expression's source is matched, not shown.
    if (text !== undefined && isWords(text) && !/\\b|\(\?[:!=]|\[\^/.test(text) && !isLogOrError(node)) {
      const base = `${path} › ${namePath(node) || `line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      entries.push({ id: count === 1 ? base : `${base} (${count})`, text });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return entries;
}

/** A log line, a programmer's error or a pattern, which no user reads: logger.x(…), new XError(…), new RegExp(…). */
function isLogOrError(node: ts.Node): boolean {
  for (let current = node.parent; current !== undefined && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isNewExpression(current) && /(Error|RegExp)$/.test(current.expression.getText())) return true;
    if (ts.isCallExpression(current) && /(^|\.)(logger|log|console)\.\w+$/.test(current.expression.getText())) return true;
    if (ts.isFunctionLike(current)) return false;
  }
  return false;
}

/** A JSON array element's key in an id: its `id` when it has one, else its position. */
const keyOf = (item: unknown, index: number) => (item !== null && typeof item === "object" && typeof (item as { id?: unknown }).id === "string" ? (item as { id: string }).id : String(index));

/** The fields of an Adaptive Card a user reads. */
const CARD_TEXT_KEYS = new Set(["text", "title", "label", "placeholder", "errorMessage", "altText", "fallbackText", "speak"]);

/** Every fixed text in a card template, with its JSON path; a text that is only a binding (`${…}`) is left out. */
export function wordsInCard(path: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${at}[${keyOf(item, index)}]`));
    else if (value !== null && typeof value === "object") {
      for (const [key, held] of Object.entries(value)) {
        if (typeof held === "string" && CARD_TEXT_KEYS.has(key) && held.replace(/\$\{[^}]*\}/g, "").trim() !== "" && /[A-Za-z]{2}/.test(held.replace(/\$\{[^}]*\}/g, ""))) entries.push({ id: `${path} › ${at}.${key}`, text: held });
        else walk(held, `${at}.${key}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(ROOT, path), "utf8")), "$");
  return entries;
}

/** An area's wording as its contacts show it: names, labels, notes and hours; never its sources. */
export function wordsInArea(path: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${at}[${keyOf(item, index)}]`));
    else if (value !== null && typeof value === "object") {
      for (const [key, held] of Object.entries(value)) if (key !== "source" && key !== "id") walk(held, `${at}.${key}`);
    } else if (typeof value === "string" && isWords(value) && !/^[\w.+-]+@[\w.-]+$/.test(value) && !/^[\d ]+$/.test(value)) entries.push({ id: `${path} › ${at}`, text: value });
  };
  walk(JSON.parse(readFileSync(join(ROOT, path), "utf8")), "$");
  return entries;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
    });
}

/** The same id twice in a file (two alternatives of one input in a card) gets "(2)". */
function distinct(entries: readonly Entry[]): Entry[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const count = (seen.get(entry.id) ?? 0) + 1;
    seen.set(entry.id, count);
    return count === 1 ? entry : { id: `${entry.id} (${count})`, text: entry.text };
  });
}

/** The whole document's groups, in the order a user meets them. */
export function collectWords(): Group[] {
  const catalogue = [...filesUnder("src/words", /\.ts$/), "src/domain/catalogue.ts", ...filesUnder("src/domain", /-text\.ts$/)];
  const unplaced = catalogue.filter((path) => !CATALOGUE_PLACES.has(path));
  if (unplaced.length > 0) throw new Error(`scripts/words.ts: say where a user meets the words of ${unplaced.join(", ")} (CATALOGUE_PLACES)`);
  const groups: Group[] = PLACES.map((place) => ({
    title: place.title,
    intro: `${place.intro} From the catalogue.`,
    parts: catalogue.filter((path) => CATALOGUE_PLACES.get(path) === place.id).map((path) => ({ heading: path, entries: wordsInModule(path) })),
  }));
  groups.push({
    title: "Chat cards: the templates",
    intro: "Each Adaptive Card's fixed texts (cards/). `${…}` is filled in when the card is shown, mostly with words from the groups above.",
    parts: filesUnder("cards", /\.json$/).map((path) => ({ heading: path, entries: wordsInCard(path) })).filter((part) => part.entries.length > 0),
  });
  const guidance = loadGuidance();
  groups.push({
    title: "Guidance",
    intro: "What the bot answers to a question, and the tab's guidance library (content/guidance/). The id is the file's name.",
    parts: guidance.map((entry) => ({ heading: `content/guidance/${entry.id}.md`, entries: [{ id: `${entry.id} › title`, text: entry.title }, { id: `${entry.id} › body`, text: entry.body }, { id: `${entry.id} › source`, text: entry.source }] })),
  });
  groups.push({
    title: "Areas and their contacts",
    intro: "Each area's front door, contacts, notes and local labels (content/areas/). Check every number and mailbox with the service before relying on it (README).",
    parts: filesUnder("content/areas", /\.json$/).map((path) => ({ heading: path, entries: wordsInArea(path) })),
  });
  groups.push({
    title: "Words still built beside the services",
    intro: "Sentences written in src/services (or src/cards) rather than the catalogue: check steps, triage replies. To change one, change it where its id points.",
    parts: [
      ...filesUnder("src/cards", /\.ts$/).map((path) => ({ heading: path, entries: wordsInModule(path).filter((entry) => /\s/.test(entry.text.trim())) })),
      // In the services, only what reads as a sentence or a heading: their other strings are phrases matched in messages.
      ...filesUnder("src/services", /\.ts$/).map((path) => ({ heading: path, entries: wordsInModule(path).filter((entry) => /\s/.test(entry.text.trim()) && (/^[A-Z({]/.test(entry.text) || /[.?!]$/.test(entry.text))) })),
    ].filter((part) => part.entries.length > 0),
  });
  return groups.map((group) => ({ ...group, parts: group.parts.map((part) => ({ heading: part.heading, entries: distinct(part.entries) })) }));
}

/** A text on one line of a Markdown table: pipes escaped, line breaks shown. */
const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

export function renderWords(groups: readonly Group[]): string {
  const count = groups.reduce((sum, group) => sum + group.parts.reduce((inner, part) => inner + part.entries.length, 0), 0);
  const lines = [
    "# Every sentence the product can show",
    "",
    `Generated by \`npm run words\`: ${count} texts. Do not edit this file: change a text where its id points (README "What the product says"), then run the command again.`,
    "An id is the file, then where in it: a name path for code (`TAB_WORDS.board.intro`), a JSON path for a card or area file, the entry id for guidance. `{…}` in a text is filled in when it is shown.",
    "",
    ...groups.map((group, index) => `${index + 1}. [${group.title}](#${group.title.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-")})`),
  ];
  for (const group of groups) {
    lines.push("", `## ${group.title}`, "", group.intro);
    for (const part of group.parts) {
      lines.push("", `### ${part.heading}`, "", "| id | text |", "| --- | --- |");
      for (const entry of part.entries) lines.push(`| \`${cell(entry.id.slice(entry.id.indexOf(" › ") + 3) || entry.id)}\` | ${cell(entry.text)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] !== undefined && basename(process.argv[1]) === "words.ts") {
  const target = process.argv[2] ?? join(ROOT, "docs/words.md");
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderWords(collectWords()));
  process.stdout.write(`wrote ${posix(relative(process.cwd(), target)) || target}\n`);
}
