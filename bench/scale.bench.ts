// Memory and scale-out (issue 12), on the compiled server as it is deployed (`node lib/main.js`):
// - RSS once ready, and after 10,000 full checks by 50 users (SQLite), against 150 MB and 200 MB;
// - full checks a second on PostgreSQL with one process, and with two processes on the same
//   database behind a round-robin proxy (a small node:http one, here), on this machine's cores.
// Each server is its own process; the users, the loopback Bot Connector and the proxy share this
// one. PostgreSQL parts run when TEST_DATABASE_URL (or BENCH_DATABASE_URL) names a server.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { buildServer, serverNeedsBuild } from "../scripts/build-server.mjs";
import { NODE_FLAGS, freePort } from "./cold-start.ts";
import { startLoopbackConnector, type LoopbackConnector } from "./loopback-connector.ts";
import { keepAliveAgent, subjectCheck, userNumber, type BotTarget } from "./virtual-user.ts";

const ROOT = join(import.meta.dirname, "..");
const USERS = 50;
const CHECKS_FOR_MEMORY = 10_000;
const SCALE_WINDOW_MS = 8_000;
const WARM_UP_MS = 3_000;


type Bot = { readonly url: string; readonly pid: number; readonly stop: () => Promise<void> };

const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) / 1000;

async function startBot(databaseUrl: string, outboxWorker: boolean): Promise<Bot> {
  const port = await freePort();
  const env = { PATH: process.env["PATH"] ?? "", PORT: String(port), HOST: "127.0.0.1", PLAYGROUND: "off", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, OUTBOX_WORKER: outboxWorker ? "on" : "off" };
  const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, "lib/main.js"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    const ready = await fetch(`${url}/readyz`).then((response) => response.status === 200, () => false);
    if (ready) break;
    if (child.exitCode !== null || tries > 600) throw new Error(`the server on ${databaseUrl.replace(/:[^:@/]+@/, ":…@")} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** A round-robin proxy in front of `targets`: each request to the next one. */
async function startProxy(targets: readonly string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const agents = targets.map(() => keepAliveAgent(USERS));
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const pick = next++ % targets.length;
    const target = new URL(incoming.url ?? "/", targets[pick]);
    const forwarded = httpRequest(target, { method: incoming.method, headers: incoming.headers, agent: agents[pick] }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      agents.forEach((agent) => agent.destroy());
      server.closeAllConnections();
      server.close();
    },
  };
}

/** 50 users running full checks back to back against `url` until `done` says stop; returns how many checks finished. */
async function drive(url: string, connector: LoopbackConnector, done: (checks: number) => boolean): Promise<number> {
  const agent = keepAliveAgent(USERS);
  const target: BotTarget = { url, agent, serviceUrl: connector.serviceUrl, takeLast: connector.takeLast, record: () => {} };
  let checks = 0;
  await Promise.all(
    Array.from({ length: USERS }, async (_, index) => {
      while (!done(checks)) {
        await subjectCheck(target, userNumber(index));
        checks += 1;
      }
    }),
  );
  agent.destroy();
  return checks;
}

async function checksPerSecond(url: string, connector: LoopbackConnector): Promise<number> {
  const warmEnd = performance.now() + WARM_UP_MS;
  await drive(url, connector, () => performance.now() >= warmEnd);
  const started = performance.now();
  const end = started + SCALE_WINDOW_MS;
  const checks = await drive(url, connector, () => performance.now() >= end);
  return checks / ((performance.now() - started) / 1000);
}

/** A fresh schema of its own on the PostgreSQL server, dropped afterwards. */
export async function freshPostgres(server: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = new URL(server);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

export async function benchScale(): Promise<string[]> {
  if (serverNeedsBuild() && !buildServer()) throw new Error("src/ did not compile: the scale bench needs lib/");
  const lines: string[] = [];
  const connector = await startLoopbackConnector();
  const dir = mkdtempSync(join(tmpdir(), "safeguard-scale-"));
  try {
    // Memory, on SQLite: once ready, and after 10,000 checks.
    const bot = await startBot(join(dir, "memory.sqlite"), true);
    try {
      const atStart = rssMb(bot.pid);
      const started = performance.now();
      const checks = await drive(bot.url, connector, (done) => done >= CHECKS_FOR_MEMORY);
      const seconds = (performance.now() - started) / 1000;
      const after = rssMb(bot.pid);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const settled = rssMb(bot.pid);
      lines.push(`RSS once ready ${atStart.toFixed(0)} MB (target under 150 MB: ${atStart < 150 ? "met" : "NOT met"})`);
      lines.push(`RSS after ${checks.toLocaleString("en-GB")} full checks by ${USERS} users (${(checks / seconds).toFixed(0)} checks/s on SQLite): ${after.toFixed(0)} MB, 5 s later ${settled.toFixed(0)} MB (target under 200 MB: ${after < 200 ? "met" : "NOT met"})`);
    } finally {
      await bot.stop();
    }

    const server = process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"];
    if (server === undefined) {
      lines.push("PostgreSQL: not measured (set TEST_DATABASE_URL or BENCH_DATABASE_URL to a server)");
      return lines;
    }
    const database = await freshPostgres(server);
    try {
      const one = await startBot(database.url, true);
      const single = await checksPerSecond(one.url, connector).finally(() => one.stop());
      // Two processes on the one database; one runs the outbox worker, as a deployment would.
      const pair = [await startBot(database.url, true), await startBot(database.url, false)];
      const proxy = await startProxy(pair.map((bot) => bot.url));
      const double = await checksPerSecond(proxy.url, connector).finally(async () => {
        await proxy.close();
        await Promise.all(pair.map((bot) => bot.stop()));
      });
      lines.push(`PostgreSQL, ${USERS} users, full checks: 1 process ${single.toFixed(0)} checks/s; 2 processes behind a round-robin proxy ${double.toFixed(0)} checks/s (${(double / single).toFixed(2)}x), on ${cpus().length} cores shared with the users, the connector and the proxy`);
    } finally {
      await database.drop();
    }
  } finally {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
