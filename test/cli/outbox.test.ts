// `npm run outbox -- status | retry` against a real store; and the real command's exit codes.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runOutbox } from "../../src/cli/run-outbox.ts";
import { createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";

const NOW = new Date("2026-11-24T10:00:00Z");

async function withOneDeadLetter(url: string) {
  const database = await createDatabase(url);
  const outbox = createOutboxRepository(database.db, database.dialect);
  await createReferralRepository(database.db).submit(
    { id: "r1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: "d1", status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
    { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" },
    [{ kind: "post-referral-card", payload: {}, dueAt: NOW }],
  );
  const [message] = await outbox.claim(NOW, 1, 60_000);
  await outbox.deadLetter(message!.id, message!.claim, "HTTP 500");
  return { database, outbox };
}

describe("npm run outbox", () => {
  it("status counts the dead letters; retry puts them back in the queue", async () => {
    const { database, outbox } = await withOneDeadLetter(":memory:");
    const out: string[] = [];
    const io = { outbox: async () => outbox, now: () => NOW, stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(`ERR ${text}`) };
    expect(await runOutbox({ ...io, argv: ["status"] })).toBe(0);
    expect(await runOutbox({ ...io, argv: ["retry"] })).toBe(0);
    expect(await runOutbox({ ...io, argv: ["status"] })).toBe(0);
    expect(out).toEqual([
      expect.stringContaining("1 message could not be sent"),
      expect.stringContaining("1 message put back in the queue"),
      expect.stringContaining("No dead letters"),
    ]);
    expect(await outbox.claim(NOW, 1, 60_000)).toHaveLength(1);
    await database.close();
  });

  it.each([[[]], [["resend"]], [["retry", "now"]]])("%j prints the usage and exits 2", async (argv) => {
    const errors: string[] = [];
    const code = await runOutbox({ argv, outbox: async () => ({ deadCount: async () => 0, retryDead: async () => 0 }), now: () => NOW, stdout: () => undefined, stderr: (text) => errors.push(text) });
    expect(code).toBe(2);
    expect(errors.join("\n")).toContain("usage: npm run outbox -- status");
  });

  it("the real command retries the dead letters in the configured database", async () => {
    const url = join(mkdtempSync(join(tmpdir(), "outbox-cli-")), "bot.sqlite");
    const { database } = await withOneDeadLetter(url);
    await database.close();
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/outbox.ts", "retry"], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" } });
    expect(stdout).toContain("1 message put back in the queue");
  });
});
