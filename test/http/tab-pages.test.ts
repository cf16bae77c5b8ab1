// The intranet tab's files under /tab (issue 11): served from the build, any path of the app
// answered with its page, never a source map, and a plain word on how to build when unbuilt.
// Who may frame it: test/http/security-headers.test.ts.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { describe, expect, it } from "vitest";
import { tabPages } from "../../src/http/tab-pages.ts";

async function serve(dir: string): Promise<{ url: string; close: () => void }> {
  const app = express();
  app.use("/tab", tabPages(dir));
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("the tab's pages", () => {
  it("serves the built page and its assets, and the page for any path of the app", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tab-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>SAFEGUARD tab</title>");
    writeFileSync(join(dir, "assets", "app.js"), "console.log('tab')");
    const { url, close } = await serve(dir);
    try {
      const page = await fetch(`${url}/tab/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("SAFEGUARD tab");
      expect(await (await fetch(`${url}/tab/assets/app.js`)).text()).toBe("console.log('tab')");
      expect(await (await fetch(`${url}/tab/board/kingston`)).text()).toContain("SAFEGUARD tab");
    } finally {
      close();
    }
  });

  it("never serves a source map, even one an older build left behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tab-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>SAFEGUARD tab</title>");
    writeFileSync(join(dir, "assets", "app.js"), "console.log('tab')\n//# sourceMappingURL=app.js.map");
    writeFileSync(join(dir, "assets", "app.js.map"), JSON.stringify({ version: 3, sources: ["../../tab/src/App.tsx"], sourcesContent: ["export function App() {}"] }));
    const { url, close } = await serve(dir);
    try {
      for (const path of ["/tab/assets/app.js.map", "/tab/assets/APP.JS.MAP", "/tab/assets/missing.js.map"]) {
        const answer = await fetch(`${url}${path}`);
        expect(answer.status, path).toBe(404);
        expect(await answer.text(), path).not.toContain("App.tsx");
      }
    } finally {
      close();
    }
  });

  it("is built without source maps", async () => {
    const { default: config } = await import("../../tab/vite.config.ts");
    expect(config).toMatchObject({ build: { sourcemap: false } });
  });

  it("says how to build it when it is not built", async () => {
    const { url, close } = await serve(join(tmpdir(), "no-such-tab-build"));
    try {
      const page = await fetch(`${url}/tab/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("npm run build:tab");
    } finally {
      close();
    }
  });
});
