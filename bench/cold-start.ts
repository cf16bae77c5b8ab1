// Cold start: from spawning `node --import tsx src/main.ts` (no playground, a fresh SQLite file)
// to its first 200 from /healthz, median of 3, against a minimal express server spawned the same
// way. RSS is read from /proc/<pid>/status once /healthz answers.
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

type Start = { readonly ms: number; readonly rssBytes: number };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (response) => {
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
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = once(child, "exit");
  try {
    while (!(await healthy(port))) {
      if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode} before /healthz answered`);
      if (performance.now() - started > DEADLINE_MS) throw new Error(`${script} did not answer /healthz within ${DEADLINE_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return { ms: performance.now() - started, rssBytes: rssOf(child.pid!) };
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
  const dataDir = mkdtempSync(join(tmpdir(), "safeguard-cold-"));
  const subject: Start[] = [];
  const baseline: Start[] = [];
  try {
    // Alternated, so a busy moment on the machine falls on both.
    for (let run = 0; run < RUNS; run++) {
      subject.push(await coldStart("src/main.ts", dataDir, run));
      baseline.push(await coldStart("bench/minimal-server.ts", dataDir, run));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const describe = (starts: Start[]) =>
    `${Math.round(median(starts.map((start) => start.ms)))} ms (runs ${starts.map((start) => Math.round(start.ms)).join(", ")}), RSS ${Math.round(median(starts.map((start) => start.rssBytes)) / 2 ** 20)} MiB`;
  return [
    `cold start to the first 200 from /healthz, median of ${RUNS}, node --import tsx: the app (src/main.ts) ${describe(subject)}`,
    `baseline, minimal express server: ${describe(baseline)}`,
  ];
}
