// Local running with no Teams tenant: starts Microsoft's offline Teams emulator, the Microsoft 365
// Agents Playground (a devDependency), pointed at the bot, and prints the address to open.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { Logger } from "pino";

export type Playground = { readonly url: string; readonly stop: () => void };

export type PlaygroundOptions = {
  readonly endpoint: string;
  readonly port: number;
  readonly logger: Logger;
  /** Where the playground may write its own log (it writes ./devTools under its working directory). */
  readonly workDir: string;
  /** How long to wait for the playground's page to answer. */
  readonly timeoutMs?: number;
};

function playgroundCli(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  } catch {
    return undefined;
  }
}

async function waitForPing(portOf: () => number | undefined, child: ChildProcess, deadline: number): Promise<boolean> {
  while (Date.now() < deadline && child.exitCode === null) {
    const port = portOf();
    const answered = port !== undefined && (await fetch(`http://localhost:${port}/_debug/ping`).then((response) => response.ok, () => false));
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

export async function startPlayground({ endpoint, port, logger, workDir, timeoutMs = 60_000 }: PlaygroundOptions): Promise<Playground | undefined> {
  const cli = playgroundCli();
  if (cli === undefined) {
    logger.warn("the Agents Playground is not installed (it is a devDependency): run npm install, or use npm run start:bot");
    return undefined;
  }
  mkdirSync(workDir, { recursive: true });
  const child = spawn(process.execPath, [cli, "start", "-e", endpoint, "-c", "msteams", "-p", String(port), "--disable-telemetry"], {
    cwd: workDir,
    stdio: ["ignore", "pipe", "pipe"],
    // The playground would otherwise try to open a browser itself.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" },
  });
  // Issue 26: reaped on every way out (a signal, a crash, the hard stop's exit), never left running.
  const reap = () => child.kill();
  process.once("exit", reap);
  child.once("exit", () => process.removeListener("exit", reap));
  let output = "";
  // The playground moves to a random port when its own is taken, and then says where it went; until
  // it has said so, a ping could reach some other playground already on that port.
  let listeningPort: number | undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    const announced = /Listening on (\d+)/.exec(output);
    if (announced?.[1] !== undefined) listeningPort = Number(announced[1]);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const ready = await waitForPing(() => listeningPort, child, Date.now() + timeoutMs);
  if (!ready) {
    child.kill();
    logger.error({ output }, "the Agents Playground did not start; the bot is still running");
    return undefined;
  }
  const url = `http://localhost:${listeningPort ?? port}`;
  child.once("exit", (code) => logger.warn({ code }, "the Agents Playground stopped"));
  process.stdout.write(`\nOpen the Microsoft 365 Agents Playground: ${url}\nSay "hi" in the chat to begin. Press Ctrl+C to stop.\n\n`);
  return { url, stop: () => child.kill() };
}
