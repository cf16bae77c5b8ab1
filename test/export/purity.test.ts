// src/export builds bytes and does nothing else: no I/O, no clock, no randomness, no botbuilder,
// in its own files or in anything they load (type-only imports load nothing).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const EXPORT_DIR = fileURLToPath(new URL("../../src/export/", import.meta.url));
const PACKAGES_ALLOWED = new Set(["pdf-lib", "luxon", "zod"]);
const IMPURE = [/\bDate\.now\(/, /new Date\(\)/, /\bprocess\./, /Math\.random\(/, /\bfetch\(/];

/** The modules a file loads when run: value imports and re-exports, not `import type` / `export type`. */
function loadedBy(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const statements = source.match(/^(?:import|export)\s[^;]*?from\s+"[^"]+";/gms) ?? [];
  return statements.filter((statement) => !/^(?:import|export)\s+type\s/.test(statement)).map((statement) => /from\s+"([^"]+)"/.exec(statement)![1]!);
}

/** Every file reached from the export's files through value imports, and every package they name. */
function reach(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = readdirSync(EXPORT_DIR).filter((name) => name.endsWith(".ts")).map((name) => join(EXPORT_DIR, name));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of loadedBy(file)) {
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("src/export is pure", () => {
  const { files, packages } = reach();

  it("loads only pdf-lib, luxon and zod: no node: module, no botbuilder", () => {
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((name) => !PACKAGES_ALLOWED.has(name))).toEqual([]);
  });

  it("reads no clock and no randomness, here or in what it loads", () => {
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      for (const pattern of IMPURE) expect(pattern.test(source), `${file}: ${pattern}`).toBe(false);
    }
  });
});
