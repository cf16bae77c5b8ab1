// Issue 8, points 2 and 3, through HTTP: /readyz proves a write and names what failed, answers
// in time when the database does not, and is ready again once the fault is gone. The faults are
// real ones: a deleted data directory, a full file system, files the OS refuses to write, and a
// PostgreSQL behind a black hole. Those that need root (mount, chattr) skip without it.
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { composeApp } from "../../src/compose-app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { READINESS_DEADLINE_MS } from "../../src/http/readiness.ts";
import { startBlackHoleProxy, throughProxy } from "../support/black-hole-proxy.ts";
import { freshPostgresSchema } from "../store/database-targets.ts";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real app on a free port, closed after the test. */
async function startApp(databaseUrl: string): Promise<string> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const composed = await composeApp({ config, logger: pino({ level: "silent" }) });
  const server = composed.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
    await composed.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readyz(appUrl: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${appUrl}/readyz`, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: await response.json(), ms: performance.now() - started };
}

const READY = { status: "ready", checks: { database: "ok", outbox: "ok" } };
const notReady = (database: string) => ({ status: "not ready", checks: { database } });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "readiness-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a command; false when it cannot (not root, no such tool, a file system without support). */
function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("readiness with SQLite", () => {
  // The open file stays writable through its descriptor, so a write alone still succeeds.
  it("a deleted data directory: 503 naming the missing file", async () => {
    const dataDir = join(tempDir(), "data");
    const appUrl = await startApp(join(dataDir, "bot.sqlite"));
    expect((await readyz(appUrl)).body).toEqual(READY);
    rmSync(dataDir, { recursive: true });
    expect(await readyz(appUrl)).toMatchObject({ status: 503, body: notReady("database file missing (ENOENT)") });
  });

  it("a full file system: 503 naming SQLITE_FULL; ready again once space is freed", async ({ skip }) => {
    const mountPoint = tempDir();
    if (!tryRun("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint])) return skip("mounting a tmpfs needs root");
    cleanups.push(() => void tryRun("umount", ["-l", mountPoint]));
    const appUrl = await startApp(join(mountPoint, "data", "bot.sqlite"));
    expect((await readyz(appUrl)).body).toEqual(READY);

    const filler = join(mountPoint, "filler");
    mkdirSync(filler);
    fillUp(filler);
    expect(await readyz(appUrl)).toMatchObject({ status: 503, body: notReady("write failed (SQLITE_FULL)") });

    rmSync(filler, { recursive: true });
    expect(await readyz(appUrl)).toMatchObject({ status: 200, body: READY });
  });

  it("files the OS refuses to write (made immutable): 503 naming the I/O error; ready again once writable", async ({ skip }) => {
    const dataDir = tempDir();
    const file = join(dataDir, "bot.sqlite");
    const appUrl = await startApp(file);
    expect((await readyz(appUrl)).body).toEqual(READY);

    // Not the -shm file: SQLite writes it through a memory map, and a refused page there is SIGBUS.
    const files = [file, `${file}-wal`];
    if (!tryRun("chattr", ["+i", ...files])) return skip("chattr +i needs root and a file system that supports it");
    cleanups.push(() => void tryRun("chattr", ["-i", ...files]));
    expect(await readyz(appUrl)).toMatchObject({ status: 503, body: notReady("write failed (SQLITE_IOERR_WRITE)") });

    expect(tryRun("chattr", ["-i", ...files])).toBe(true);
    expect(await readyz(appUrl)).toMatchObject({ status: 200, body: READY });
  });
});

/** Writes files into `dir` until the file system has no space left. */
function fillUp(dir: string): void {
  for (const size of [64 * 1024, 1024]) {
    for (let index = 0; ; index += 1) {
      try {
        writeFileSync(join(dir, `${size}-${index}`), Buffer.alloc(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOSPC") break;
        throw error;
      }
    }
  }
}

const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

describe.skipIf(postgresUrl === undefined)("readiness with PostgreSQL behind a black hole", () => {
  it("answers 503 within its deadline while nothing comes back, and 200 again soon after the network heals", async () => {
    const target = await freshPostgresSchema(postgresUrl ?? "");
    cleanups.push(() => target.dispose());
    const { hostname, port } = new URL(target.url);
    const proxy = await startBlackHoleProxy({ host: hostname, port: Number(port || 5432) });
    const appUrl = await startApp(throughProxy(target.url, proxy));
    // Closed before the app, so the pool's stuck connection ends at once rather than at its query limit.
    cleanups.push(() => proxy.close());
    expect((await readyz(appUrl)).body).toEqual(READY);

    proxy.blackHole();
    const blackHoled = await readyz(appUrl);
    expect(blackHoled).toMatchObject({ status: 503, body: notReady(`timed out after ${READINESS_DEADLINE_MS} ms`) });
    expect(blackHoled.ms).toBeLessThan(READINESS_DEADLINE_MS + 8_000); // before the fix: no answer for over a minute

    proxy.heal();
    await expect.poll(async () => (await readyz(appUrl)).body, { timeout: 20_000, interval: 200 }).toEqual(READY);
  });
});
