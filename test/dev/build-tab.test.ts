// `npm start` builds the tab only when its build is missing or older than its source.
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tabNeedsBuild } from "../../src/dev/build-tab.ts";

describe("whether the tab needs building", () => {
  const dir = mkdtempSync(join(tmpdir(), "tab-build-"));
  const source = join(dir, "tab");
  const built = join(dir, "dist", "index.html");
  mkdirSync(join(source, "src"), { recursive: true });
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(source, "src", "App.tsx"), "export {}");
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it("when never built", () => {
    expect(tabNeedsBuild(source, built)).toBe(true);
  });

  it("not when the build is newer than every source file; again once a source file changes", () => {
    writeFileSync(built, "<!doctype html>");
    at(join(source, "src", "App.tsx"), 1_000);
    at(built, 2_000);
    expect(tabNeedsBuild(source, built)).toBe(false);
    at(join(source, "src", "App.tsx"), 3_000);
    expect(tabNeedsBuild(source, built)).toBe(true);
  });

  it("never where there is no tab source (an installed build)", () => {
    expect(tabNeedsBuild(join(dir, "nothing"), built)).toBe(false);
  });
});
