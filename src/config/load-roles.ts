// Who may register an area's triage channel (admins) and act on its referrals (triage), read from
// the YAML file named by ROLES_FILE (issue 10, point 4). Like the content files, a bad file stops
// start-up naming the file and the field: a typo must neither take a triage lead's access away
// unnoticed nor give a child's details to the wrong person.
import { readFileSync, statSync } from "node:fs";
import { type Document, isAlias, isMap, isNode, isScalar, Lexer, LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";

/**
 * Who holds which role. `userId` is the bare AAD object id (`activity.from.aadObjectId`); the bot's
 * own user ids are `msteams:<AAD object id>` (src/bot/safeguard-bot.ts `userIdOf`), so the caller
 * passes `from.aadObjectId` or strips the prefix (passed whole, an id matches no one in a roles
 * file). Ids compare ignoring case. An area id that is not in the content holds no roles.
 */
export interface Roles {
  /** May register the area's triage channel. */
  isAdmin(userId: string, areaId: string): boolean;
  /** May act on the area's referrals and see their details. */
  isTriage(userId: string, areaId: string): boolean;
  /** The areas whose referrals the user may act on, in content order. */
  triageAreasOf(userId: string): readonly string[];
  /**
   * The area's triage members as lower-case AAD object ids, for "assign to a colleague". Empty in
   * open local mode: there everyone is a member, and there is no list of everyone to offer.
   */
  triageMembersOf(areaId: string): readonly string[];
  /** The area's admins as lower-case AAD object ids, to escalate an undecided referral to. Empty in open local mode. */
  adminsOf(areaId: string): readonly string[];
}

export type AreaRoles = Readonly<{ admins: readonly string[]; triage: readonly string[] }>;

/** `file`: exactly the file's roles; `open-local`: everyone holds every role; `nobody`: no one holds any. */
export type RolesMode = "file" | "open-local" | "nobody";

export type LoadedRoles = Readonly<{
  mode: RolesMode;
  roles: Roles;
  /** For main.ts to log once at start-up; never names a person. */
  startupMessage: Readonly<{ level: "info" | "warn"; text: string }>;
}>;

export class RolesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The roles file is invalid:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "RolesError";
  }
}

/** About 5,000 ids, far beyond any area's staff; a wrong path (a log, a dump) is refused unread. */
export const MAX_ROLES_FILE_BYTES = 256 * 1024;
// `{areas: {kingston: {triage: [ … ]}}}`, all in flow style, is 4 deep. Past that it is not a roles
// file, and the parser spends seconds and hundreds of MB on 100,000 nested brackets.
const MAX_FLOW_DEPTH = 4;

const normalise = (userId: string) => userId.toLowerCase();

export function createRoles(areas: ReadonlyMap<string, AreaRoles>): Roles {
  const sets = new Map([...areas].map(([areaId, roles]) => [areaId, { admins: new Set(roles.admins.map(normalise)), triage: new Set(roles.triage.map(normalise)) }]));
  return Object.freeze({
    isAdmin: (userId: string, areaId: string) => sets.get(areaId)?.admins.has(normalise(userId)) ?? false,
    isTriage: (userId: string, areaId: string) => sets.get(areaId)?.triage.has(normalise(userId)) ?? false,
    triageAreasOf: (userId: string) => [...sets].filter(([, roles]) => roles.triage.has(normalise(userId))).map(([areaId]) => areaId),
    triageMembersOf: (areaId: string) => [...(sets.get(areaId)?.triage ?? [])],
    adminsOf: (areaId: string) => [...(sets.get(areaId)?.admins ?? [])],
  });
}

function openLocalRoles(areaIds: readonly string[]): Roles {
  const known = new Set(areaIds);
  return Object.freeze({
    isAdmin: (_userId: string, areaId: string) => known.has(areaId),
    isTriage: (_userId: string, areaId: string) => known.has(areaId),
    triageAreasOf: () => [...areaIds],
    triageMembersOf: () => [],
    adminsOf: () => [],
  });
}

const NO_ROLES: Roles = createRoles(new Map());

// ---- The file -------------------------------------------------------------------------------

// The first occurrence's index rides on the issue, so the message can give its line.
const IdList = z
  .array(z.guid({ error: "expected an AAD object id (a GUID)" }).transform(normalise), { error: 'expected a list of AAD object ids, one a line after "- ", or [] for nobody' })
  .superRefine((ids, ctx) => {
    const first = new Map<string, number>();
    ids.forEach((id, index) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else ctx.addIssue({ code: "custom", path: [index], message: "repeats an id", params: { earlier } });
    });
  })
  .optional();

function rolesFileSchema(areaIds: readonly string[]) {
  const AreaRolesEntry = z.strictObject({ admins: IdList, triage: IdList }, { error: 'expected the area\'s "admins" and "triage" lists' });
  return z.strictObject(
    {
      areas: z.strictObject(Object.fromEntries(areaIds.map((areaId) => [areaId, AreaRolesEntry.optional()])), {
        error: (issue) => (issue.input === undefined ? 'missing: the file starts with "areas:"' : 'expected each area by its id (e.g. "kingston:") with its "admins" and "triage" lists'),
      }),
    },
    { error: 'expected "areas:" at the top, then each area with its "admins" and "triage" lists' },
  );
}

type Parsed = { ok: true; areas: ReadonlyMap<string, AreaRoles> } | { ok: false; problems: string[] };
type Located = { doc: Document.Parsed; lines: LineCounter };

/** Where a node starts: line and column, counted from 1. */
const positionOf = (lines: LineCounter, node: unknown) => (isNode(node) && node.range ? lines.linePos(node.range[0]) : undefined);

/** The line of the value at `path`, or of the key `key` in the mapping there. */
function lineOf({ doc, lines }: Located, path: readonly PropertyKey[], key?: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const target = key === undefined ? node : isMap(node) ? node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key)?.key : undefined;
  return positionOf(lines, target)?.line;
}

const UNKNOWN_KEY = [
  () => 'unknown field; the file has one, "areas"',
  (areaIds: readonly string[]) => `unknown area; known areas: ${areaIds.join(", ")}`,
  () => 'unknown field; expected "admins" or "triage"',
];

function describeIssue(issue: z.core.$ZodIssue, at: Located, areaIds: readonly string[]): string[] {
  const field = (path: readonly PropertyKey[], line: number | undefined) => (path.length === 0 ? "" : `${path.map(String).join(".")}${line === undefined ? "" : ` (line ${line})`}: `);
  if (issue.code === "unrecognized_keys") {
    const message = UNKNOWN_KEY[issue.path.length]?.(areaIds) ?? "unknown field";
    return issue.keys.map((key) => `${field([...issue.path, key], lineOf(at, issue.path, key))}${message}`);
  }
  const earlier = issue.code === "custom" ? (issue.params?.["earlier"] as number | undefined) : undefined;
  const message = earlier === undefined ? issue.message : `repeats the id on line ${lineOf(at, [...issue.path.slice(0, -1), earlier])} (ids compare ignoring case)`;
  return [`${field(issue.path, lineOf(at, issue.path))}${message}`];
}

/** Nesting past MAX_FLOW_DEPTH, found by the lexer alone, before the parser builds anything. */
function tooDeep(text: string): boolean {
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") depth += 1;
    else if (token === "]" || token === "}") depth -= 1;
    if (depth > MAX_FLOW_DEPTH) return true;
  }
  return false;
}

/** YAML that parses but has no place in a roles file: anchors, aliases, tags, YAML 1.1. */
function refusedFeatures(at: Located): string[] {
  const where = (node: unknown) => {
    const position = positionOf(at.lines, node);
    return position === undefined ? "" : `line ${position.line}, column ${position.col}: `;
  };
  const problems: string[] = [];
  if (at.doc.directives.yaml.version !== "1.2") problems.push(`%YAML ${at.doc.directives.yaml.version}: a roles file is YAML 1.2; remove the %YAML line`);
  const shared: unknown[] = [];
  visit(at.doc, {
    Node(_key, node) {
      if (isAlias(node) || node.anchor !== undefined) shared.push(node);
      if (!isAlias(node) && node.tag !== undefined) {
        const tag = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        problems.push(`${where(node)}tags such as ${JSON.stringify(tag)} are not allowed; a roles file holds only area ids and lists of ids`);
      }
    },
  });
  // One id in several places is one more place to forget when someone leaves: each is written out.
  const [first] = shared;
  if (first !== undefined) {
    const count = shared.length === 1 ? "" : ` (${shared.length} in the file)`;
    problems.unshift(`${where(first)}anchors (&name) and aliases (*name) are not allowed${count}; write each id out where it applies`);
  }
  return problems;
}

// The parser's words where they speak to a programmer rather than to whoever edits the file.
const YAML_REASONS = new Map([
  ["MULTIPLE_DOCS", 'more than one document; remove the second "---" and what follows, or merge it into the first'],
  ["DUPLICATE_KEY", "the same key twice in one mapping; merge the two"],
]);

function parseRolesFile(fileName: string, text: string, areaIds: readonly string[]): Parsed {
  const refuse = (problems: string[]): Parsed => ({ ok: false, problems: problems.map((problem) => `${fileName}: ${problem}`) });
  if (tooDeep(text)) return refuse([`nested more than ${MAX_FLOW_DEPTH} deep in [ ] or { }, which a roles file never is`]);

  const lines = new LineCounter();
  // The parser's safe defaults, spelt out so a new version cannot loosen them: the YAML 1.2 core
  // schema (no custom tags, no `<<` merges), unique keys, string keys only.
  const doc = parseDocument(text, { lineCounter: lines, schema: "core", merge: false, uniqueKeys: true, stringKeys: true, strict: true, prettyErrors: true });
  const yamlProblems = [...doc.errors, ...doc.warnings.filter((warning) => warning.code !== "TAG_RESOLVE_FAILED")].map((error) => {
    // The message ends " at line 2, column 17:" and an excerpt; say where once, in our words.
    const reason = YAML_REASONS.get(error.code) ?? (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const position = error.linePos?.[0];
    return `not valid YAML${position === undefined ? "" : ` at line ${position.line}, column ${position.col}`} (${reason})`;
  });
  if (yamlProblems.length > 0) return refuse(yamlProblems);
  const at = { doc, lines };
  const featureProblems = refusedFeatures(at);
  if (featureProblems.length > 0) return refuse(featureProblems);

  // Aliases were refused above; maxAliasCount 0 keeps a billion laughs from ever expanding.
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  if (data === null || data === undefined) return refuse(['nothing but comments or blank lines; a roles file starts with "areas:", then each area with its "admins" and "triage" lists']);
  const parsed = rolesFileSchema(areaIds).safeParse(data);
  if (!parsed.success) return refuse(parsed.error.issues.flatMap((issue) => describeIssue(issue, at, areaIds)));

  const areas = new Map<string, AreaRoles>();
  for (const areaId of areaIds) {
    const entry = parsed.data.areas[areaId];
    if (entry !== undefined) areas.set(areaId, Object.freeze({ admins: entry.admins ?? [], triage: entry.triage ?? [] }));
  }
  return { ok: true, areas };
}

const READ_FAILURES = new Map([
  ["ENOENT", "no such file"],
  ["ENOTDIR", "no such file"],
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
]);

function readRolesFile(path: string): string {
  const cannot = (why: string) => new RolesError([`${path}: cannot read the roles file named by ROLES_FILE: ${why}`]);
  let bytes: Buffer;
  try {
    // Checked before reading: a folder, a device such as /dev/zero or a huge file never reaches the parser.
    const stat = statSync(path);
    if (!stat.isFile()) throw cannot("it is not a file");
    if (stat.size > MAX_ROLES_FILE_BYTES) throw cannot(`it is ${Math.ceil(stat.size / 1024)} KiB, over the ${MAX_ROLES_FILE_BYTES / 1024} KiB a roles file could need; is it the right file?`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof RolesError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw cannot(READ_FAILURES.get(code) ?? (error as Error).message);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw cannot("it is not UTF-8 text; is it the right file?");
  }
}

// ---- The three modes --------------------------------------------------------------------------

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const loaded = (mode: RolesMode, roles: Roles, level: "info" | "warn", text: string): LoadedRoles => Object.freeze({ mode, roles, startupMessage: Object.freeze({ level, text }) });

/** Counts, never ids: the log is read by more people than the file. */
function describeLoaded(path: string, areas: ReadonlyMap<string, AreaRoles>): [level: "info" | "warn", text: string] {
  const total = (key: keyof AreaRoles) => [...areas.values()].reduce((sum, roles) => sum + roles[key].length, 0);
  if (total("admins") + total("triage") === 0) return ["warn", `roles from ${path}: nobody is listed, so nobody can register a triage channel or act on referrals`];
  const perArea = [...areas].map(([areaId, roles]) => `${areaId}: ${plural(roles.admins.length, "admin")}, ${plural(roles.triage.length, "triage member")}`);
  return ["info", `roles from ${path}: ${plural(areas.size, "area")}, ${plural(total("admins"), "admin")}, ${plural(total("triage"), "triage member")} (${perArea.join("; ")})`];
}

/**
 * The roles for this run (issue 10, point 4): with `path`, exactly the file's; without it, everyone
 * holds every role when nothing authenticates callers (local use with the Agents Playground), and
 * nobody holds any when something does. Throws a RolesError naming the file and every bad field.
 */
export function loadRoles({ path, areaIds, authenticated }: Readonly<{ path: string | undefined; areaIds: Iterable<string>; authenticated: boolean }>): LoadedRoles {
  const known = [...areaIds];
  if (path === undefined && !authenticated) {
    return loaded("open-local", openLocalRoles(known), "warn", "every user may register triage channels and act on referrals in every area (local use: no ROLES_FILE and no MicrosoftAppId)");
  }
  if (path === undefined) return loaded("nobody", NO_ROLES, "warn", "no ROLES_FILE: nobody can register a triage channel or act on referrals");
  const parsed = parseRolesFile(path, readRolesFile(path), known);
  if (!parsed.ok) throw new RolesError(parsed.problems);
  return loaded("file", createRoles(parsed.areas), ...describeLoaded(path, parsed.areas));
}
