// The history and the answers say what happened, no more and no less: a PDF download is audited
// only once the file is made (a failed one used to be recorded as downloaded), and a triage move
// that was committed is answered as recorded even when the referral cannot be shown again
// (it used to answer the API's plain 500, as if nothing had happened, and a second press was stale).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, createDatabase } from "../../src/store/create-database.ts";
import { ALEX, startHarness, type Harness } from "../support/bot-harness.ts";
import { readPdf } from "../support/read-pdf.ts";
import { submitReferral } from "../support/referral-journey.ts";

let harness: Harness;
let database: Database;
beforeEach(async () => {
  harness = await startHarness();
  database = await createDatabase(harness.databaseUrl);
});
afterEach(async () => {
  await database.close();
  await harness.close();
});

async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json?: any; bytes: Uint8Array }> {
  const response = await fetch(`${harness.botUrl}/api/v1${path}`, {
    method,
    headers: { "x-local-user": "kingston-lead", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const json = (response.headers.get("content-type") ?? "").startsWith("application/json") ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  return { status: response.status, json, bytes };
}

/** A referral submitted through the bot; its id. */
async function referralId(): Promise<string> {
  await submitReferral(harness, ALEX);
  const row = await database.db.selectFrom("referrals").select("id").executeTakeFirstOrThrow();
  return row.id;
}

/** The referral's sealed fields altered in the database, so that nothing can open them: the details, and so the PDF, fail. Undoes itself. */
async function spoilSealedFields(id: string): Promise<() => Promise<void>> {
  const { sealed } = await database.db.selectFrom("referrals").select("sealed").where("id", "=", id).executeTakeFirstOrThrow();
  const middle = Math.floor((sealed ?? "").length / 2);
  const spoilt = `${sealed?.slice(0, middle)}${sealed?.[middle] === "A" ? "B" : "A"}${sealed?.slice(middle + 1)}`;
  await database.db.updateTable("referrals").set({ sealed: spoilt }).where("id", "=", id).execute();
  return async () => void (await database.db.updateTable("referrals").set({ sealed }).where("id", "=", id).execute());
}

const downloadsOf = async (id: string) => (await database.db.selectFrom("referral_events").select("type").where("referral_id", "=", id).where("type", "=", "exported").execute()).length;

describe("a PDF download", () => {
  it("that failed is not in the history; one that was made is, once, and the PDF shows it", async () => {
    const id = await referralId();
    const restore = await spoilSealedFields(id);
    expect((await call("GET", `/referrals/${id}/pdf`)).status).toBe(500);
    expect(await downloadsOf(id)).toBe(0);

    await restore();
    const pdf = await call("GET", `/referrals/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(await downloadsOf(id)).toBe(1);
    const text = (await readPdf(pdf.bytes)).flatMap((page) => page.items.map((item) => item.text)).join(" ");
    expect(text).toContain("Downloaded as a PDF");
    const detail = await call("GET", `/referrals/${id}`);
    expect(detail.json.history.at(-1).text).toMatch(/^Downloaded as a PDF by Sam Lead/);
  });
});

describe("a triage move in the tab", () => {
  it("committed, and then the referral could not be shown again: answered as recorded, not as a failure", async () => {
    const id = await referralId();
    const { version } = (await call("GET", `/referrals/${id}`)).json;
    await spoilSealedFields(id);

    const answer = await call("POST", `/referrals/${id}/actions`, { version, verb: "triage.acknowledge", inputs: {} });
    expect(answer).toMatchObject({ status: 500, json: { error: { code: "recorded", message: "Done: this was recorded, but the referral could not be shown again just now. Reload it before doing anything more." } } });
    const row = await database.db.selectFrom("referrals").select(["status", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "acknowledged", version: version + 1 });
  });

  it("refused before anything was written still fails as it did: nothing is said to be recorded", async () => {
    const id = await referralId();
    const { version } = (await call("GET", `/referrals/${id}`)).json;
    await spoilSealedFields(id);
    // A stale version: the move is refused, then the details fail to open.
    const answer = await call("POST", `/referrals/${id}/actions`, { version: version + 5, verb: "triage.acknowledge", inputs: {} });
    expect(answer).toMatchObject({ status: 500, json: { error: { code: "internal" } } });
  });
});
