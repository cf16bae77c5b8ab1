// Cold start (issue 12): from spawning the compiled server, `node lib/main.js` with npm start's flags (no playground, a
// fresh SQLite file), to its first 200 from /healthz and from /readyz, median of 3, against a
// minimal express server spawned the same way (plain JavaScript, bench/minimal-server.mjs). RSS is read from
// /proc/<pid>/status once /readyz answers. Targets: under 1 s, under 150 MB.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = 3;
const DEADLINE_MS = 30_000;
const POLL_MS = 5;
const ROOT = join(import.meta.dirname, "..");

/** The flags `npm start` gives node (package.json's start script), or BENCH_NODE_FLAGS to try others. */
export const NODE_FLAGS = (process.env["BENCH_NODE_FLAGS"] ?? startFlags()).split(" ").filter((flag) => flag !== "");

function startFlags(): string {
  const start = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start"] ?? "";
  return start.split(" ").filter((word) => word.startsWith("--")).join(" ");
}

type Start = { readonly ms: number; readonly readyMs: number; readonly rssBytes: number };

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    get({ host: "127.0.0.1", port, path, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on("error", () => resolve(false));
  });
}

function rssOf(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

async function coldStart(script: string, dataDir: string, run: number): Promise<Start> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", PLAYGROUND: "off", LOG_LEVEL: "silent", DATABASE_URL: join(dataDir, `cold-${run}.sqlite`), MicrosoftAppId: "" };
  const started = performance.now();
  const child = spawn(process.execPath, [...(script.startsWith("lib/") ? NODE_FLAGS : []), script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = once(child, "exit");
  const until = async (path: string) => {
    while (!(await answers(port, path))) {
      if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode} before ${path} answered`);
      if (performance.now() - started > DEADLINE_MS) throw new Error(`${script} did not answer ${path} within ${DEADLINE_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return performance.now() - started;
  };
  try {
    const ms = await until("/healthz");
    const readyMs = await until("/readyz");
    return { ms, readyMs, rssBytes: rssOf(child.pid!) };
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchColdStart(): Promise<string[]> {
  // The compiled server, as npm start runs it: compiled now if src/ changed since.
  const { buildServer, serverNeedsBuild } = await import("../scripts/build-server.mjs");
  if (serverNeedsBuild() && !buildServer()) throw new Error("src/ did not compile: the cold start needs lib/");
  const dataDir = mkdtempSync(join(tmpdir(), "safeguard-cold-"));
  const subject: Start[] = [];
  const baseline: Start[] = [];
  try {
    // Alternated, so a busy moment on the machine falls on both.
    for (let run = 0; run < RUNS; run++) {
      subject.push(await coldStart("lib/main.js", dataDir, run));
      baseline.push(await coldStart("bench/minimal-server.mjs", dataDir, run));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const ms = (starts: Start[], pick: (start: Start) => number) => Math.round(median(starts.map(pick)));
  const mb = (starts: Start[]) => Math.round(median(starts.map((start) => start.rssBytes)) / 1e6);
  const describe = (starts: Start[]) => `${ms(starts, (start) => start.ms)} ms to /healthz (runs ${starts.map((start) => Math.round(start.ms)).join(", ")}), ${ms(starts, (start) => start.readyMs)} ms to /readyz, RSS ${mb(starts)} MB`;
  const app = ms(subject, (start) => start.ms);
  const ready = ms(subject, (start) => start.readyMs);
  return [
    `cold start, compiled (node lib/main.js), median of ${RUNS}: ${describe(subject)}`,
    `baseline, minimal express server (node bench/minimal-server.mjs): ${describe(baseline)}`,
    `  cold start to the first /healthz 200: ${app} ms against a target of under 1,000 ms: ${app < 1_000 ? "met" : "NOT met"} (the port opens first; src/http/early-server.ts)`,
    `  to /readyz 200, the app built and taking traffic: ${ready} ms${ready < 1_000 ? "" : " (over 1 s)"}; ${(ready / ms(baseline, (start) => start.readyMs)).toFixed(1)}x the minimal server`,
    `  RSS once ready ${mb(subject)} MB against a target of under 150 MB: ${mb(subject) < 150 ? "met" : "NOT met"}`,
  ];
}
