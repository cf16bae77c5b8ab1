// Issue 26: a process told to stop, stops, even when nobody reads its output. The bot and the
// worker run as their own processes with their stdout and stderr as pipes; once they are ready the
// reading ends are closed (the terminal closed, the log shipper died), and SIGTERM must still end
// them within SHUTDOWN_DEADLINE_SECONDS + 2 s.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, startNodeProcess, type NodeProcess } from "../support/node-process.ts";

const STARTUP_MS = 30_000;
const DEADLINE_SECONDS = 2;

const started: NodeProcess[] = [];
afterEach(async () => {
  for (const process of started.splice(0)) await process.kill();
});

/** Whether the process ended within `ms`, and how. */
async function endedWithin(process: NodeProcess, ms: number): Promise<[number | null, NodeJS.Signals | null] | "still running"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"still running">((resolve) => (timer = setTimeout(() => resolve("still running"), ms)));
  const outcome = await Promise.race([process.exited, timeout]);
  clearTimeout(timer);
  return outcome;
}

const dataDir = () => join(mkdtempSync(join(tmpdir(), "safeguard-stop-")), "x.sqlite");

describe("SIGTERM with nobody reading the output", () => {
  it.each([
    ["the bot", "src/main.ts", "bot listening", async () => ({ PLAYGROUND: "off", PORT: String(await freePort()), HOST: "127.0.0.1" })],
    ["the worker", "src/worker.ts", "outbox worker started", async () => ({})],
  ] as const)("%s exits 0 within the deadline", { timeout: 60_000 }, async (_name, entry, ready, env) => {
    const process = startNodeProcess(entry, { ...(await env()), DATABASE_URL: dataDir(), LOG_LEVEL: "info", SHUTDOWN_DEADLINE_SECONDS: String(DEADLINE_SECONDS) });
    started.push(process);
    await process.logLine(ready, STARTUP_MS);
    process.child.stdout?.destroy();
    process.child.stderr?.destroy();
    process.child.kill("SIGTERM");
    // Exit 0: the shutdown itself finished (the log stopped writing), not only the hard stop.
    expect(await endedWithin(process, (DEADLINE_SECONDS + 2) * 1000)).toEqual([0, null]);
  });
});

describe("SIGTERM with the Agents Playground running", () => {
  it("leaves no playground process behind", { timeout: 120_000 }, async () => {
    const playgroundPort = await freePort();
    const bot = startNodeProcess("src/main.ts", { PLAYGROUND: "on", PLAYGROUND_PORT: String(playgroundPort), PORT: String(await freePort()), HOST: "127.0.0.1", DATABASE_URL: dataDir(), LOG_LEVEL: "info", SHUTDOWN_DEADLINE_SECONDS: String(DEADLINE_SECONDS) });
    started.push(bot);
    await bot.logLine("bot listening", STARTUP_MS);
    // The playground is the bot's child; wait until its page answers.
    const answers = () => fetch(`http://127.0.0.1:${playgroundPort}/`).then(() => true, () => false);
    const deadline = Date.now() + 60_000;
    while (!(await answers()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answers()).toBe(true);
    const children = execFileSync("pgrep", ["-P", String(bot.child.pid)], { encoding: "utf8" }).split("\n").filter((line) => line.trim() !== "").map(Number);
    expect(children.length).toBeGreaterThan(0);
    bot.child.kill("SIGTERM");
    expect(await endedWithin(bot, (DEADLINE_SECONDS + 2) * 1000)).not.toBe("still running");
    // Given a moment to end after its signal, no child is left.
    const gone = (pid: number) => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    };
    const until = Date.now() + 5_000;
    while (!children.every(gone) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(children.filter((pid) => !gone(pid))).toEqual([]);
  });
});
