// Who may import whom (README "Architecture", docs/architecture.md, STYLE.md), read from the import
// specifiers of every file under src/ and tab/src: static imports and re-exports, side-effect
// imports and dynamic import(). Each forbidden edge is named as "file → what it imports", so a
// failure says which line to move, not only that the layering broke.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

type Edge = { from: string; to: string; typeOnly: boolean };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const toPosix = (path: string) => path.split(sep).join("/");

/** Every import of a file: `to` is repository-relative for a relative specifier, else the package name as written. */
function importsOf(file: string, source: string): Edge[] {
  const from = toPosix(relative(ROOT, file));
  const edges: Edge[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    edges.push({ from, to: specifier.startsWith(".") ? toPosix(relative(ROOT, resolve(dirname(file), specifier))) : specifier, typeOnly });
  // import … from "x" / export … from "x" (across lines), with `import type` / `export type` marked.
  for (const match of source.matchAll(/^\s*(import|export)(\s+type)?\s[^;]*?\sfrom\s+["']([^"']+)["']/gms)) add(match[3]!, match[2] !== undefined);
  // import "x" (side effects only).
  for (const match of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) add(match[1]!, false);
  // import("x"), as a value or in a type position.
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) add(match[1]!, false);
  return edges;
}

const EDGES: readonly Edge[] = ["src", "tab/src"].flatMap((place) => filesUnder(join(ROOT, place)).flatMap((file) => importsOf(file, readFileSync(file, "utf8"))));

const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const shown = (edges: readonly Edge[]) => edges.map((edge) => `${edge.from} → ${edge.to}${edge.typeOnly ? " (type)" : ""}`);

/** The modules of src/ a browser bundle may take: the words, and the API's contract (its types only). */
const CONTRACT = "src/http/api/contract.ts";

describe("who may import whom", () => {
  it("reads the imports of src/ and tab/src", () => {
    expect(EDGES.length).toBeGreaterThan(500);
    expect(EDGES.some((edge) => edge.from === "tab/src/api.ts" && edge.to === CONTRACT)).toBe(true);
  });

  it("the tab imports nothing of the server but src/words and the API's contract, whose types only", () => {
    const leaving = EDGES.filter((edge) => under(edge.from, "tab/src") && edge.to.startsWith("src/"));
    expect(shown(leaving.filter((edge) => !under(edge.to, "src/words") && edge.to !== CONTRACT))).toEqual([]);
    expect(shown(leaving.filter((edge) => edge.to === CONTRACT && !edge.typeOnly))).toEqual([]);
  });

  it("src/words depends on src/domain only (no package, no other folder), so the tab can bundle it", () => {
    const out = EDGES.filter((edge) => under(edge.from, "src/words") && !under(edge.to, "src/words") && !under(edge.to, "src/domain"));
    expect(shown(out)).toEqual([]);
  });

  it("the words src/words reaches in src/domain use no Node.js module", () => {
    const reached = new Set<string>();
    const queue = EDGES.filter((edge) => under(edge.from, "src/words") && !edge.typeOnly).map((edge) => edge.to);
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      queue.push(...EDGES.filter((edge) => edge.from === file && !edge.typeOnly).map((edge) => edge.to));
    }
    expect(shown(EDGES.filter((edge) => reached.has(edge.from) && edge.to.startsWith("node:")))).toEqual([]);
  });

  it("src/http does not import src/cards: the API gets its views through a port", () => {
    expect(shown(EDGES.filter((edge) => under(edge.from, "src/http") && under(edge.to, "src/cards")))).toEqual([]);
  });

  it("src/export does not import src/cards: its words come from src/words", () => {
    expect(shown(EDGES.filter((edge) => under(edge.from, "src/export") && under(edge.to, "src/cards")))).toEqual([]);
  });

  it("src/domain imports nothing outside src/domain", () => {
    expect(shown(EDGES.filter((edge) => under(edge.from, "src/domain") && edge.to.startsWith("src/") && !under(edge.to, "src/domain")))).toEqual([]);
  });

  it("botbuilder and the Bot Framework packages are imported only in src/bot and src/delivery", () => {
    const bot = EDGES.filter((edge) => /^(botbuilder|botframework-)/.test(edge.to));
    expect(bot.length).toBeGreaterThan(0);
    expect(shown(bot.filter((edge) => !under(edge.from, "src/bot") && !under(edge.from, "src/delivery")))).toEqual([]);
  });

  // The services own their ports (the store, the crypto); src/store implements them.
  it("src/services imports nothing from src/store, not even a type", () => {
    expect(shown(EDGES.filter((edge) => under(edge.from, "src/services") && under(edge.to, "src/store")))).toEqual([]);
  });

  it("src/cards imports from src/http only the API's contract, and its types only", () => {
    expect(shown(EDGES.filter((edge) => under(edge.from, "src/cards") && under(edge.to, "src/http") && (edge.to !== CONTRACT || !edge.typeOnly)))).toEqual([]);
  });
});
