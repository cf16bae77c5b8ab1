// Issue 12: a production install starts. The compiled tree (lib/, content/, cards/, scripts/ and
// the lock, without src/ or tab/) gets `npm ci --omit=dev`, so no TypeScript, tsx or Vite; then
// `node scripts/start.mjs` must answer /healthz and /readyz, and answer "hi" with the menu card
// through a Bot Connector on loopback, and `npm run doctor` must find it healthy. npm runs no
// install scripts here: better-sqlite3's would compile its addon from source for a minute, with
// the rest of the suite running beside it; the addon this checkout already built for this Node is
// copied in instead (same package version, from the same lock).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/node-process.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHIPPED = ["package.json", "package-lock.json", "lib", "content", "cards", "scripts"];

describe("a production install (npm ci --omit=dev on a built tree)", () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let connector: Server | undefined;
  let base: string;
  const posted: Record<string, any>[] = [];
  let stderr = "";

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(ROOT, "scripts/build-server.mjs")], { cwd: ROOT, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`npm run build:server failed:\n${built.stdout}${built.stderr}`);
    dir = mkdtempSync(join(tmpdir(), "safeguard-production-"));
    for (const path of SHIPPED) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    const installed = spawnSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, encoding: "utf8", timeout: 240_000 });
    if (installed.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${installed.stdout}${installed.stderr}`);
    cpSync(join(ROOT, "node_modules/better-sqlite3/build"), join(dir, "node_modules/better-sqlite3/build"), { recursive: true });

    // The Bot Connector on loopback: records each activity the bot sends.
    connector = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        posted.push(JSON.parse(body === "" ? "{}" : body));
        response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `activity-${posted.length}` }));
      });
    }).listen(0, "127.0.0.1");
    await once(connector, "listening");

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: dir,
      env: { PATH: process.env["PATH"] ?? "", PORT: String(port), HOST: "127.0.0.1", PLAYGROUND: "off", LOG_LEVEL: "warn", DATABASE_URL: join(dir, "data.sqlite") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    server.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    // The port opens first (/healthz), the app a moment later (/readyz).
    for (let tries = 0; ; tries += 1) {
      const answer = await fetch(`${base}/readyz`).catch(() => undefined);
      if (answer?.status === 200) break;
      if (server.exitCode !== null || tries > 300) throw new Error(`the production install did not become ready (/readyz):\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 300_000);

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      server.kill("SIGTERM");
      await once(server, "exit");
    }
    connector?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("has none of the development tools", () => {
    for (const tool of ["typescript", "tsx", "vite", "vitest", "@microsoft/m365agentsplayground"]) expect(existsSync(join(dir, "node_modules", tool)), tool).toBe(false);
  });

  it("answers /healthz and /readyz", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });

  it("answers a message with the menu card, through the Bot Connector", async () => {
    const serviceUrl = `http://127.0.0.1:${(connector!.address() as AddressInfo).port}/`;
    const response = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: "m1",
        timestamp: new Date().toISOString(),
        channelId: "msteams",
        serviceUrl,
        from: { id: "29:alex", name: "Alex Teacher", aadObjectId: "00000000-0000-4000-8000-00000000a1e0" },
        recipient: { id: "28:bot", name: "SAFEGUARD" },
        conversation: { id: "a:alex", conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        text: "hi",
      }),
    });
    expect(response.status).toBe(200);
    const card = posted.flatMap((activity) => activity["attachments"] ?? []).find((attachment: { contentType?: string }) => attachment.contentType === "application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(card?.content)).toContain("Check a concern");
    expect(stderr).toBe("");
  });

  it("runs npm run doctor against the running bot's database: every check holds, the heartbeat fresh", () => {
    const doctor = spawnSync(process.execPath, ["scripts/start.mjs", "doctor", "--json"], {
      cwd: dir,
      env: { PATH: process.env["PATH"] ?? "", DATABASE_URL: join(dir, "data.sqlite") },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(doctor.status, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { id: string; state: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.find((check) => check.id === "heartbeat")?.state).toBe("ok");
  });
});
