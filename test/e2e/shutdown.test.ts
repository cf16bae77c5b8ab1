// Issue 8, point 11: SIGTERM stops new connections but lets a reply in flight finish, then closes the
// store and exits 0; a reply still hanging at the deadline is cut, counted in the log, and the exit
// is non-zero. The real server runs as its own process, as a platform would stop it.
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { ALEX, buttonTitles, type Card } from "../support/bot-harness.ts";
import { freePort, startNodeProcess } from "../support/node-process.ts";

const STARTUP_MS = 30_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A loopback Bot Connector that records the bot's replies and answers each only when `release()` is called. */
async function startHoldingConnector() {
  const received: Record<string, any>[] = [];
  let onReceived: (() => void) | undefined;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const app = express();
  app.use(express.json({ limit: "2mb" }));
  const hold = async (request: express.Request, response: express.Response) => {
    received.push(request.body);
    onReceived?.();
    await released;
    response.status(201).json({ id: `activity-${received.length}` });
  };
  // A reply to the incoming activity names it; a new message in the conversation does not.
  app.post("/v3/conversations/:conversation/activities", hold);
  app.post("/v3/conversations/:conversation/activities/:activity", hold);
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    release,
    /** Resolves once the bot has posted its first reply, so the request it answers is certainly in flight. */
    firstReply: (request: Promise<unknown>) =>
      Promise.race([
        received.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => (onReceived = resolve)),
        request.then((answer) => {
          throw new Error(`the bot answered (${String(answer)}) before posting a reply to the connector`);
        }),
      ]),
  };
}

/** Runs `src/main.ts` as a platform would, and reads its pino log from stdout. */
async function startBot(env: Record<string, string> = {}) {
  const port = await freePort();
  const bot = startNodeProcess("src/main.ts", {
    PLAYGROUND: "off",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: join(mkdtempSync(join(tmpdir(), "safeguard-shutdown-")), "x.sqlite"),
    LOG_LEVEL: "info",
    ...env,
  });
  cleanups.push(() => bot.kill());
  await bot.logLine("bot listening", STARTUP_MS);
  return { ...bot, port };
}

/** A Teams personal-chat message from Alex, replies going to `serviceUrl` (the shape of bot-harness's `activity()`). */
function message(text: string, serviceUrl: string) {
  return {
    type: "message",
    id: "incoming-1",
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: `29:${ALEX.id}`, name: ALEX.name, aadObjectId: ALEX.aadObjectId },
    recipient: { id: "28:safeguard-bot", name: "SAFEGUARD" },
    conversation: { id: `a:personal-${ALEX.id}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    locale: "en-GB",
    text,
  };
}

function send(port: number, body: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** The HTTP status, or "cut" when the connection closed with no answer. */
function statusOf(response: Promise<Response>): Promise<number | "cut"> {
  return response.then(
    (answer) => answer.status,
    () => "cut",
  );
}

async function eventually(check: () => Promise<boolean>, failure: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True when a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

describe("shutting down on SIGTERM", () => {
  it("refuses new connections, finishes the reply in flight, and exits 0", { timeout: 90_000 }, async () => {
    const connector = await startHoldingConnector();
    const bot = await startBot();

    const reply = statusOf(send(bot.port, message("hi", connector.url)));
    await connector.firstReply(reply);
    bot.child.kill("SIGTERM");
    await eventually(() => refused(bot.port), "a new connection was still accepted after SIGTERM");

    // A second signal (an impatient operator, a platform's retry) starts no second shutdown.
    bot.child.kill("SIGTERM");
    await bot.logLine("already shutting down").catch(() => undefined); // asserted once the process has exited

    connector.release();
    expect(await reply).toBe(200);
    const cards = connector.received.flatMap((activity) => (activity.attachments ?? []).map((attachment: { content: Card }) => attachment.content));
    expect(buttonTitles(cards[0]!)).toContain("Check a concern");

    expect(await bot.exited).toEqual([0, null]);
    const messages = bot.logs.map((line) => line.msg);
    expect(messages.filter((msg) => msg === "shutting down: new connections refused, finishing the requests in flight")).toHaveLength(1);
    expect(messages).toContain("already shutting down");
    expect(messages.at(-1)).toBe("stopped");
  });

  it("cuts a reply still hanging at the deadline, logs how many were cut, and exits non-zero", { timeout: 90_000 }, async () => {
    const connector = await startHoldingConnector(); // never released: the connector hangs
    const bot = await startBot({ SHUTDOWN_DEADLINE_SECONDS: "1" });
    const words = "an older boyfriend collects her from school, marker-7Q4Z";

    const reply = statusOf(send(bot.port, message(words, connector.url)));
    await connector.firstReply(reply);
    const signalled = Date.now();
    bot.child.kill("SIGTERM");

    const [code, signal] = await bot.exited;
    const elapsed = Date.now() - signalled;
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    // The deadline is 1 s; the margin is for a loaded machine.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(15_000);
    expect(await reply).toBe("cut");
    expect(bot.logs.find((line) => line.msg === "shutdown deadline passed: requests still in flight were cut")).toMatchObject({ cut: 1, deadlineMs: 1000 });
    // The cut is counted, never described: the words may be about a child.
    expect(bot.output()).not.toContain("marker-7Q4Z");
  });
});
