// One of the project's entry points (src/main.ts, src/worker.ts) run as its own process, as a
// platform runs it: its environment given whole, its pino log read line by line from stdout, so a
// test can wait for a line, send a signal, and see how it exited.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

export type LogLine = { msg?: string; [field: string]: unknown };

export type NodeProcess = {
  readonly child: ChildProcess;
  /** Resolves with [exit code, signal] once the process has ended. */
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  readonly logs: LogLine[];
  /** The first log line with this message, waiting for it until `timeoutMs` or the process ends. */
  logLine(msg: string, timeoutMs?: number): Promise<LogLine>;
  readonly stderr: () => string;
  readonly stdout: () => string;
  /** Everything it wrote, for a failure message or to check what was never written. */
  readonly output: () => string;
  /** SIGKILL, and resolves once it is gone (at once if it already was). */
  kill(): Promise<void>;
};

/** Starts `node --import tsx <entry>` in the repository with only `env` (and PATH, HOME, TMPDIR). */
export function startNodeProcess(entry: string, env: Record<string, string>, args: readonly string[] = []): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let ended = false;
  void exited.then(() => (ended = true));

  let partial = "";
  let stderr = "";
  const logs: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const text of lines) {
      if (!text.startsWith("{")) continue;
      const line = JSON.parse(text) as LogLine;
      logs.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.msg === line.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const output = () => JSON.stringify(logs) + partial + stderr;

  return {
    child,
    exited,
    logs,
    logLine(msg, timeoutMs = 20_000) {
      const seen = logs.find((line) => line.msg === msg);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${entry}: no "${msg}" log line within ${timeoutMs} ms; output: ${output()}`)), timeoutMs);
        void exited.then(() => (clearTimeout(timer), reject(new Error(`${entry} exited before logging "${msg}"; output: ${output()}`))));
        waiters.push({ msg, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    stderr: () => stderr,
    /** Everything written to stdout, log lines and plain text alike (a CLI's report). */
    stdout: () => stdout,
    output,
    async kill() {
      if (!ended) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A TCP port free on 127.0.0.1 a moment ago, for a process to listen on. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
