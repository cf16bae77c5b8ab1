// The bot under load, against a baseline measured in the same run: 50 virtual users each run full
// guided checks (1 message + 4 Action.Execute invokes) back to back against the real app, and the
// same shape of traffic against a bare botbuilder echo bot. Each bot runs in a process of its own
// on 127.0.0.1; the users and the loopback Bot Connector share this one. They are measured in
// alternating windows, so a busy spell on a shared machine falls on each. The app runs twice: as
// shipped, and with every check card rendered afresh. The 50 users all answer alike, so the
// shipped app renders each step's card once and keeps it (render-card.ts); real practitioners'
// answers differ, so their later steps come from the kept cards less often: the second figure is
// that worst case. Then cold start.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NODE_FLAGS, benchColdStart } from "./cold-start.ts";
import { freshPostgres } from "./scale.bench.ts";
import { startLoopbackConnector, type LoopbackConnector } from "./loopback-connector.ts";
import type { ServerUsage } from "./serve-bot.ts";
import { echoCheck, keepAliveAgent, subjectCheck, userNumber, type BotTarget, type CheckScript } from "./virtual-user.ts";

const USERS = 50;
const WARM_UP_MS = 5_000;
/** Each measured window: users start together, so the first second is left out while they spread. */
const WINDOW = { settleMs: 1_000, measureMs: 4_000 };
const ROUNDS = 3;
// Issue 12: full checks at 0.8 of the bare bot's checks a second or better, p99 at most 1.2 times its p99.
const TARGET_RATIO = 0.8;
const TARGET_P99_RATIO = 1.2;
const STEP_NAMES = ["message \"check\"", "step 1", "step 2", "step 3", "follow-ups → result"];

type RunningBot = { url: string; usage: () => Promise<ServerUsage>; stop: () => Promise<void> };

/** What one window measured; windows of the same bot add up. */
type Tally = { ms: number; checks: number; latencies: number[][]; serverCpuMicros: number; clientCpuMicros: number; machineBusyMicros: number; rssBytes: number; keptHits: number; keptMisses: number };

const emptyTally = (): Tally => ({ ms: 0, checks: 0, latencies: STEP_NAMES.map(() => []), serverCpuMicros: 0, clientCpuMicros: 0, machineBusyMicros: 0, rssBytes: 0, keptHits: 0, keptMisses: 0 });

async function spawnBot(args: string[]): Promise<RunningBot> {
  // The app with npm start's node flags (its heap cap); the echo bot as node starts it.
  const flags = args[0]?.startsWith("subject") === true ? NODE_FLAGS : [];
  const child = fork(join(import.meta.dirname, "serve-bot.ts"), args, { execArgv: [...flags, "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port } = await replyFrom<{ port: number }>(child, 60_000, "start");
  return {
    url: `http://127.0.0.1:${port}`,
    usage: async () => {
      child.send("usage");
      return replyFrom<ServerUsage>(child, 10_000, "report its usage");
    },
    stop: async () => {
      const exited = once(child, "exit");
      child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function replyFrom<T>(child: ChildProcess, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage).off("exit", onExit);
    };
    const onMessage = (message: unknown) => {
      done();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the bench bot exited (code ${code}) before it could ${what}`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill("SIGKILL");
      reject(new Error(`the bench bot did not ${what} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("message", onMessage).on("exit", onExit);
  });
}

/** CPU time every process on the machine has used, from /proc/stat (USER_HZ is 100 on Linux). */
function machineBusyMicros(): number {
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) * 10_000;
}

type Snapshot = { at: number; server: ServerUsage; client: number; machine: number };

async function snapshot(bot: RunningBot): Promise<Snapshot> {
  const client = process.cpuUsage();
  return { at: performance.now(), server: await bot.usage(), client: client.user + client.system, machine: machineBusyMicros() };
}

/** 50 users run checks back to back for one window; requests and checks finishing in its measured part are added to `tally`. */
async function runWindow(bot: RunningBot, connector: LoopbackConnector, check: CheckScript, window: { settleMs: number; measureMs: number }, tally?: Tally): Promise<void> {
  const agent = keepAliveAgent(USERS);
  const measureFrom = performance.now() + window.settleMs;
  const end = measureFrom + window.measureMs;
  const inWindow = (at: number) => at >= measureFrom && at < end;
  let failure: unknown;
  const target: BotTarget = {
    url: bot.url,
    agent,
    serviceUrl: connector.serviceUrl,
    takeLast: connector.takeLast,
    record: (step, ms, finishedAt) => {
      if (tally !== undefined && inWindow(finishedAt)) tally.latencies[step]!.push(ms);
    },
  };
  const snapshotAt = (delayMs: number) => new Promise<Snapshot>((resolve, reject) => setTimeout(() => snapshot(bot).then(resolve, reject), delayMs));
  const snapshots = Promise.all([snapshotAt(window.settleMs), snapshotAt(window.settleMs + window.measureMs)]);
  snapshots.catch(() => {}); // awaited below, once the users have stopped; a bot that died must not crash the run first

  const user = async (index: number) => {
    while (failure === undefined && performance.now() < end) {
      await check(target, userNumber(index));
      if (tally !== undefined && inWindow(performance.now())) tally.checks += 1;
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, index) => user(index).catch((error: unknown) => (failure ??= error))));
  const [first, last] = await snapshots;
  agent.destroy();
  if (failure !== undefined) throw failure;
  if (tally === undefined) return;
  tally.ms += last.at - first.at;
  tally.serverCpuMicros += last.server.cpuMicros - first.server.cpuMicros;
  tally.clientCpuMicros += last.client - first.client;
  tally.machineBusyMicros += last.machine - first.machine;
  tally.rssBytes = last.server.rssBytes;
  tally.keptHits += last.server.cardsKept.hits - first.server.cardsKept.hits;
  tally.keptMisses += last.server.cardsKept.misses - first.server.cardsKept.misses;
}

/** Nearest-rank percentile of ascending values. */
const percentile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

function summarise(tally: Tally) {
  const all = tally.latencies.flat().sort((a, b) => a - b);
  const seconds = WINDOW.measureMs / 1000 * ROUNDS;
  const coreShare = (micros: number) => micros / (tally.ms * 1000);
  return {
    checksPerSecond: tally.checks / seconds,
    requestsPerSecond: all.length / seconds,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    p50ByStep: tally.latencies.map((step) => percentile([...step].sort((a, b) => a - b), 0.5)),
    serverCpu: coreShare(tally.serverCpuMicros),
    clientCpu: coreShare(tally.clientCpuMicros),
    /** Cores busy with anything else on the machine: other people's tests, the kernel's own work. */
    otherCpu: Math.max(0, coreShare(tally.machineBusyMicros - tally.serverCpuMicros - tally.clientCpuMicros)),
    rssBytes: tally.rssBytes,
    keptShare: tally.keptHits + tally.keptMisses === 0 ? undefined : tally.keptHits / (tally.keptHits + tally.keptMisses),
  };
}
type Summary = ReturnType<typeof summarise>;

const number = (value: number, digits = 0) => value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** Rounded down, so the figure printed next to "met" / "NOT met" never contradicts it (0.4996 shows as 0.49, not 0.50). */
const floored = (value: number, digits: number) => number(Math.floor(value * 10 ** digits) / 10 ** digits, digits);
const percent = (share: number) => `${number(share * 100)}%`;
const describe = (load: Summary) =>
  `${number(load.checksPerSecond, 1)} checks/s, ${number(load.requestsPerSecond)} requests/s, p50 ${floored(load.p50, 1)} ms, p99 ${floored(load.p99, 1)} ms; ` +
  `bot CPU ${percent(load.serverCpu)} of a core (${number((load.serverCpu * 1000) / load.requestsPerSecond, 2)} ms a request), users + connector ${percent(load.clientCpu)}, rest of the machine ${percent(load.otherCpu)}; RSS after load ${number(load.rssBytes / 2 ** 20)} MiB` +
  (load.keptShare === undefined ? "" : `; check cards from the kept ones ${percent(load.keptShare)}`);

export async function benchBot(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "safeguard-bench-"));
  try {
    const lines = ["SQLite (embedded):", ...(await benchLoad(join(dataDir, "bench.sqlite")))];
    const server = process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"];
    if (server === undefined) lines.push("PostgreSQL: not measured (set TEST_DATABASE_URL or BENCH_DATABASE_URL to a server)");
    else {
      const database = await freshPostgres(server);
      try {
        lines.push("PostgreSQL:", ...(await benchLoad(database.url)));
      } finally {
        await database.drop();
      }
    }
    return [...lines, ...(await benchColdStart())];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchLoad(databaseUrl: string): Promise<string[]> {
  const connector = await startLoopbackConnector();
  const running: RunningBot[] = [];
  try {
    const baseline = { bot: await spawnBot(["echo"]), check: echoCheck, tally: emptyTally() };
    running.push(baseline.bot);
    const subject = { bot: await spawnBot(["subject", databaseUrl]), check: subjectCheck, tally: emptyTally() };
    running.push(subject.bot);
    const afresh = { bot: await spawnBot(["subject-afresh", databaseUrl]), check: subjectCheck, tally: emptyTally() };
    running.push(afresh.bot);
    const bots = [baseline, subject, afresh];
    for (const { bot, check } of bots) await runWindow(bot, connector, check, { settleMs: 0, measureMs: WARM_UP_MS });
    for (let round = 0; round < ROUNDS; round++) {
      for (const { bot, check, tally } of bots) await runWindow(bot, connector, check, WINDOW, tally);
    }
    const [app, echo, appAfresh] = [summarise(subject.tally), summarise(baseline.tally), summarise(afresh.tally)];
    const ratio = app.checksPerSecond / echo.checksPerSecond;
    const ratioMet = ratio >= TARGET_RATIO;
    const p99Ratio = app.p99 / echo.p99;
    const p99Met = p99Ratio <= TARGET_P99_RATIO;
    return [
      `full check (1 message + 4 invokes), ${USERS} users back to back, each bot in its own process; ${WARM_UP_MS / 1000} s warm-up each, then ${ROUNDS} alternating windows of ${WINDOW.measureMs / 1000} s measured`,
      `the app: ${describe(app)}`,
      `baseline, bare botbuilder echo bot: ${describe(echo)}`,
      `the app with every check card rendered afresh (none kept): ${describe(appAfresh)}; ratio ${floored(appAfresh.checksPerSecond / echo.checksPerSecond, 2)}, p99 ratio ${floored(appAfresh.p99 / echo.p99, 2)}`,
      `ratio the app / baseline, checks/s: ${floored(ratio, 2)} (target ≥ ${TARGET_RATIO}: ${ratioMet ? "met" : "NOT met"})`,
      `p99 of the app / p99 of the baseline: ${floored(app.p99, 1)} / ${floored(echo.p99, 1)} ms = ${floored(p99Ratio, 2)} (target ≤ ${TARGET_P99_RATIO}: ${p99Met ? "met" : "NOT met"})`,
      ...(ratioMet && p99Met ? [] : [`where the time goes, p50 per request: ${STEP_NAMES.map((name, step) => `${name} ${number(app.p50ByStep[step]!, 1)} ms (echo ${number(echo.p50ByStep[step]!, 1)})`).join(", ")}`]),
    ];
  } finally {
    for (const bot of running) await bot.stop();
    await connector.close();
  }
}
