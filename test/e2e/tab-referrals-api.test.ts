// The tab's referral, check and export routes (issue 11, points 2-4 and 7) through the real server
// with the local sign-in: a practitioner runs a check and sends a referral from the web form; the
// Kingston triage lead sees it on the board, acts on it, asks a question the practitioner answers,
// downloads the PDF (an audit event) and the CSV; every role refusal and bad input in one shape.
import SqliteDatabase from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INDICATORS } from "../../src/domain/catalogue.ts";
import { startHarness, type Harness } from "../support/bot-harness.ts";
import { ESSENTIALS } from "../support/referral-journey.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

type Reply = { status: number; body: any; headers: Headers; bytes?: Uint8Array };

async function call(user: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${harness.botUrl}/api/v1${path}`, {
    method,
    headers: { "x-local-user": user, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) return { status: response.status, body: await response.json(), headers: response.headers };
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body: new TextDecoder().decode(bytes), headers: response.headers, bytes };
}
const get = (user: string, path: string) => call(user, "GET", path);
const post = (user: string, path: string, body?: unknown) => call(user, "POST", path, body);

/** A check through the web form, as the page would: Kingston (unless told), 14, one sign, every question "no". */
async function checkToResult(user = "practitioner", area = "kingston"): Promise<string> {
  const started = await post(user, "/checks");
  expect(started.status).toBe(200);
  expect(started.body.step).toBe("context");
  const { checkId } = started.body;
  let reply = await post(user, `/checks/${checkId}/actions`, { version: started.body.version, verb: "check.context", inputs: { area, age: "14", lookedAfter: "false", placedOutOfArea: "false", q_immediateDanger: "no" } });
  expect(reply.body.step).toBe("signs");
  reply = await post(user, `/checks/${checkId}/actions`, { version: reply.body.version, verb: "check.signs", inputs: { signs_receipt: "receipt.moneyOrGoods" } });
  for (let round = 0; round < 2 && reply.body.step === "questions"; round += 1) {
    const questions = [...reply.body.card.questions, ...reply.body.card.followUps];
    reply = await post(user, `/checks/${checkId}/actions`, { version: reply.body.version, verb: "check.questions", inputs: Object.fromEntries(questions.map((question: { id: string }) => [`q_${question.id}`, "no"])) });
  }
  expect(reply.body.step).toBe("result");
  // One sign and every answer "no": Category 0 (DOMAIN.md §4). Not only "not empty": undefined is not empty either.
  expect(reply.body.card.categoryText).toBe("Category 0");
  return checkId;
}

/** What the page's fields hold, as it sends them back (a field left out is read as cleared). */
const typedIn = (form: { fields: { id: string; value: string }[] }) => Object.fromEntries(form.fields.filter((field) => field.value !== "").map((field) => [field.id, field.value]));

/** A referral from a fresh check, sent from the web form; returns its id and reference. */
async function sendReferral(user = "practitioner", person?: Record<string, string>, area?: string): Promise<{ id: string; reference: string }> {
  const checkId = await checkToResult(user, area);
  let form = await post(user, "/referral-drafts", { checkId });
  expect(form.status).toBe(200);
  expect(form.body.stage).toBe("form");
  if (person !== undefined) {
    const essentials = { ...typedIn(form.body), ...ESSENTIALS };
    form = await post(user, `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.add", group: "personsOfInterest", inputs: essentials });
    expect(form.body.section).toBe("personsOfInterest");
    form = await post(user, `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.section", section: "essentials", shown: { from: 0, to: 1 }, inputs: Object.fromEntries(Object.entries(person).map(([key, value]) => [`personsOfInterest.0.${key}`, value])) });
  }
  const review = await post(user, `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.review", inputs: { ...typedIn(form.body), ...ESSENTIALS } });
  expect(review.body.stage).toBe("review");
  const sent = await post(user, `/referral-drafts/${review.body.draftId}/actions`, { version: review.body.version, verb: "referral.submit", inputs: {} });
  expect(sent.body.stage).toBe("sent");
  return { id: sent.body.referralId, reference: sent.body.sent.reference };
}

describe("the check and the referral as web forms", () => {
  it("a check's steps carry the card's own data: areas, signs by area, questions, then the result with its 999-safe steps", async () => {
    const started = await post("practitioner", "/checks");
    expect(started.body.card.areas.map((area: { value: string }) => area.value)).toContain("kingston");
    const signs = await post("practitioner", `/checks/${started.body.checkId}/actions`, { version: started.body.version, verb: "check.context", inputs: { area: "kingston", age: "14", lookedAfter: "false", placedOutOfArea: "false", q_immediateDanger: "no" } });
    expect(signs.body.card.domains.length).toBe(9);
    expect(signs.body.card.domains[0].signs.length).toBeGreaterThan(0);
  });

  it("keeps what was typed when the check's input is wrong, with the problem beside its field", async () => {
    const started = await post("practitioner", "/checks");
    const reply = await post("practitioner", `/checks/${started.body.checkId}/actions`, { version: started.body.version, verb: "check.context", inputs: { area: "kingston", age: "fourteen", q_immediateDanger: "no" } });
    expect(reply.body.step).toBe("context");
    expect(reply.body.card.fields.age.value).toBe("fourteen");
    expect(reply.body.card.fields.age.error).toBe("Enter the age as a whole number from 0 to 25.");
  });

  it("a referral's required fields left empty come back beside their fields, with what was typed kept", async () => {
    const checkId = await checkToResult();
    const form = await post("practitioner", "/referral-drafts", { checkId });
    expect(form.body.fields.find((field: { id: string }) => field.id === "referrer.name").value).toBe("Alex Teacher");
    const again = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.review", inputs: { ...typedIn(form.body), "child.forename": "Samira" } });
    expect(again.body.stage).toBe("form");
    expect(again.body.fields.find((field: { id: string }) => field.id === "child.forename").value).toBe("Samira");
    expect(again.body.fields.find((field: { id: string }) => field.id === "concern.worries").error).toBe("Say what you are worried about: what happened, who, where and when.");
    expect(again.body.issues.length).toBeGreaterThan(0);
    // Each problem is counted on the section that holds its field, as the card's links do.
    const counted = again.body.sections.map((section: { id: string; issues: number }) => [section.id, section.issues]);
    expect(counted.reduce((sum: number, [, issues]: [string, number]) => sum + issues, 0)).toBe(again.body.issues.length);
    expect(Object.fromEntries(counted)["essentials"]).toBe(again.body.issues.length);
  });

  it("a list section takes every entry shown at once; removing one keeps the others' values", async () => {
    const checkId = await checkToResult();
    let form = await post("practitioner", "/referral-drafts", { checkId });
    form = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.section", section: "personsOfInterest", inputs: {} });
    form = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.add", group: "personsOfInterest", inputs: {} });
    form = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.add", group: "personsOfInterest", shown: { from: 0, to: 1 }, inputs: { "personsOfInterest.0.name": "Dee" } });
    expect(form.body.list.entries).toHaveLength(2);
    form = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.remove", group: "personsOfInterest", index: 0, shown: { from: 0, to: 2 }, inputs: { "personsOfInterest.0.name": "Dee", "personsOfInterest.1.name": "Jay" } });
    expect(form.body.list.entries).toHaveLength(1);
    expect(form.body.list.entries[0].fields.find((field: { id: string }) => field.id === "personsOfInterest.0.name").value).toBe("Jay");
  });

  it("a referral cannot start without a check's result, or from someone else's check", async () => {
    const started = await post("practitioner", "/checks");
    expect((await post("practitioner", "/referral-drafts", { checkId: started.body.checkId })).body.error.code).toBe("no-result");
    const theirs = await checkToResult("kingston-lead");
    expect(await post("practitioner", "/referral-drafts", { checkId: theirs })).toMatchObject({ status: 404, body: { error: { code: "not-found" } } });
  });
});

describe("my referrals and the triage board", () => {
  it("the practitioner sees their referral; Kingston's lead sees it on the board and acts; the practitioner answers the question", async () => {
    const { id, reference } = await sendReferral();
    expect(reference).toBe("KIN-2026-00001");

    const mine = await get("practitioner", "/referrals?view=mine");
    expect(mine.body.items).toMatchObject([{ id, reference, status: "submitted", waitingForYou: false }]);
    // DOMAIN.md §8: no channel is registered for Kingston, so the list and the referral say it is not delivered, with the contacts.
    expect(mine.body.items[0]).toMatchObject({ delivered: false, deliveryText: expect.stringMatching(/^Not delivered: Kingston upon Thames has no triage channel in Teams yet\. Contact the front door now\./) });
    const own = await get("practitioner", `/referrals/${id}`);
    expect(own.body).toMatchObject({ delivered: false, deliveryText: mine.body.items[0].deliveryText });
    expect(JSON.stringify(own.body.contactSections)).toContain("020 8547 5008");
    expect((await get("kingston-lead", "/referrals?view=mine")).body.items).toEqual([]);

    const board = await get("kingston-lead", "/referrals?view=board");
    expect(board.body.items).toMatchObject([{ id, reference, areaName: "Kingston upon Thames", status: "submitted", overdue: false }]);
    expect(board.body.items[0].dueBy).not.toBeNull();
    expect(JSON.stringify(board.body)).not.toContain("Markerfield");

    // The referrer reading their own referral is not an opening of a child's details by someone else; the lead's is recorded.
    const openings = () => {
      const reader = new SqliteDatabase(harness.databaseUrl, { readonly: true });
      const count = (reader.prepare("SELECT count(*) AS n FROM referral_events WHERE type = 'viewed'").get() as { n: number }).n;
      reader.close();
      return count;
    };
    expect(openings()).toBe(0);
    let detail = await get("kingston-lead", `/referrals/${id}`);
    expect(openings()).toBe(1);
    expect(detail.body.view).toBe("triage");
    expect(JSON.stringify(detail.body.sections)).toContain("Markerfield");
    expect(JSON.stringify(detail.body.history)).not.toMatch(/viewed/i);
    expect(detail.body.card.actions.map((action: { verb: string }) => action.verb)).toEqual(["triage.acknowledge", "triage.assign"]);

    detail = await post("kingston-lead", `/referrals/${id}/actions`, { version: detail.body.version, verb: "triage.assign", inputs: {} });
    expect(detail.body.status).toBe("assigned");
    expect(detail.body.card.canDecide).toBe(true);
    detail = await post("kingston-lead", `/referrals/${id}/actions`, { version: detail.body.version, verb: "triage.ask", inputs: { question: "Which bus stop?" } });
    expect(detail.body.status).toBe("awaiting-info");

    const asked = await get("practitioner", `/referrals/${id}`);
    expect(asked.body).toMatchObject({ view: "mine", status: "awaiting-info", question: "Which bus stop?" });
    expect((await get("practitioner", "/referrals?view=mine")).body.items[0].waitingForYou).toBe(true);
    expect(await post("practitioner", `/referrals/${id}/answer`, { answer: "The one on Penrhyn Road." })).toMatchObject({ status: 200, body: { status: "assigned" } });
    // Their own answer is said as theirs, not as someone marking it received.
    const updates = (await get("practitioner", `/referrals/${id}`)).body.updates.map((update: { text: string }) => update.text);
    expect(updates.at(-1)).toMatch(/^Your referral KIN-2026-00001 \(Kingston upon Thames\): you answered the question at \d\d:\d\d\.$/);
    const again = await post("practitioner", `/referrals/${id}/answer`, { answer: "And another thing." });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "not-waiting" }, answer: "And another thing." } });

    detail = await get("kingston-lead", `/referrals/${id}`);
    expect(detail.body.history.map((line: { said?: string }) => line.said)).toContain("The one on Penrhyn Road.");
    detail = await post("kingston-lead", `/referrals/${id}/actions`, { version: detail.body.version, verb: "triage.decide", inputs: { outcome: "early-help", reason: "Family support agreed.", teamNote: "Older brother open to the youth offending team." } });
    expect(detail.body.status).toBe("decided");
    // DOMAIN.md §9: the note for the triage team is in their history, never in what the referrer is told.
    expect(detail.body.history.at(-1).said).toContain("Note for the triage team (not sent to the referrer): Older brother open to the youth offending team.");
    const told = await get("practitioner", `/referrals/${id}`);
    expect(told.body.updates.at(-1).text).toContain("Early help");
    expect(JSON.stringify(told.body)).not.toContain("Older brother");
  });

  it("a press on an out-of-date page is not applied: the referral comes back as it is, with what happened", async () => {
    const { id } = await sendReferral();
    const first = await get("kingston-lead", `/referrals/${id}`);
    await post("kingston-lead", `/referrals/${id}/actions`, { version: first.body.version, verb: "triage.acknowledge", inputs: {} });
    const stale = await post("kingston-lead", `/referrals/${id}/actions`, { version: first.body.version, verb: "triage.assign", inputs: {} });
    expect(stale.body.status).toBe("acknowledged");
    expect(stale.body.note).toMatch(/Acknowledged by Sam Lead/);
  });

  // DOMAIN.md §9: the page shows the note beside the referral; a refusal there says why, and nothing moved.
  it.each([
    ["a decision without a reason", "triage.decide", { outcome: "early-help" }, "Give the reason for the decision: it is kept in the referral's record."],
    ["a reopen of a referral not decided", "triage.reopen", {}, "This referral has not been decided, so there is nothing to reopen."],
  ])("%s is refused in the page's note, and changes nothing", async (_case, verb, inputs, why) => {
    const { id } = await sendReferral();
    const opened = await get("kingston-lead", `/referrals/${id}`);
    const assigned = await post("kingston-lead", `/referrals/${id}/actions`, { version: opened.body.version, verb: "triage.assign", inputs: {} });
    const refused = await post("kingston-lead", `/referrals/${id}/actions`, { version: assigned.body.version, verb, inputs });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: "assigned", version: assigned.body.version, note: why });
  });

  it("filters the board by status, category, flag and overdue, sorted by deadline", async () => {
    const one = await sendReferral();
    harness.setNow(new Date(harness.now().getTime() + 60_000));
    const two = await sendReferral();
    const board = await get("kingston-lead", "/referrals?view=board");
    expect(board.body.items.map((item: { id: string }) => item.id)).toEqual([one.id, two.id]);
    const acknowledged = await get("kingston-lead", `/referrals/${two.id}`);
    await post("kingston-lead", `/referrals/${two.id}/actions`, { version: acknowledged.body.version, verb: "triage.acknowledge", inputs: {} });
    expect((await get("kingston-lead", "/referrals?view=board&status=acknowledged")).body.items.map((item: { id: string }) => item.id)).toEqual([two.id]);
    expect((await get("kingston-lead", "/referrals?view=board&overdue=true")).body.items).toEqual([]);
    harness.setNow(new Date(harness.now().getTime() + 7 * 24 * 3_600_000));
    expect((await get("kingston-lead", "/referrals?view=board&overdue=true")).body.total).toBe(2);
    const category = board.body.items[0].category;
    expect((await get("kingston-lead", `/referrals?view=board&category=${category}`)).body.total).toBe(2);
    expect((await get("kingston-lead", `/referrals?view=board&category=${category === 3 ? 0 : 3}`)).body.total).toBe(0);
    expect((await get("kingston-lead", "/referrals?view=board&flag=trafficking")).body.total).toBe(0);
    const page = await get("kingston-lead", "/referrals?view=board&limit=1");
    expect(page.body).toMatchObject({ total: 2, nextCursor: "1" });
  });

  // DOMAIN.md §9 review reminders: Sutton reviews a MASE, strategy or s47 decision every 91 days (seed 003).
  it("shows when a decided referral's review is due, and filters by a review that has come", async () => {
    const decide = async (id: string, outcome: string) => {
      let detail = await get("sutton-lead", `/referrals/${id}`);
      detail = await post("sutton-lead", `/referrals/${id}/actions`, { version: detail.body.version, verb: "triage.assign", inputs: {} });
      detail = await post("sutton-lead", `/referrals/${id}/actions`, { version: detail.body.version, verb: "triage.decide", inputs: { outcome, reason: "Agreed at triage." } });
      expect(detail.body.status).toBe("decided");
    };
    const mase = await sendReferral("practitioner", undefined, "sutton");
    const advice = await sendReferral("practitioner", undefined, "sutton");
    const open = await sendReferral("practitioner", undefined, "sutton");
    await decide(mase.id, "refer-to-mase");
    await decide(advice.id, "advice-given");
    const item = (board: Reply, id: string) => board.body.items.find((candidate: { id: string }) => candidate.id === id);

    let board = await get("sutton-lead", "/referrals?view=board");
    expect(item(board, mase.id)).toMatchObject({ reviewDue: "2027-02-23T10:00:00.000Z", reviewText: "10:00 on Tuesday 23 February 2027", reviewOverdue: false });
    for (const other of [advice, open]) expect(item(board, other.id)).toMatchObject({ reviewDue: null, reviewText: "", reviewOverdue: false });
    expect((await get("sutton-lead", "/referrals?view=board&review=due")).body).toMatchObject({ items: [], total: 0 });

    harness.setNow(new Date("2027-02-24T09:00:00Z"));
    board = await get("sutton-lead", "/referrals?view=board&review=due");
    expect(board.body.items.map((candidate: { id: string }) => candidate.id)).toEqual([mase.id]);
    expect(board.body.items[0]).toMatchObject({ reviewText: "10:00 on Tuesday 23 February", reviewOverdue: true });
    expect((await get("sutton-lead", "/referrals?view=board&review=maybe")).body.error.field).toBe("review");
  });

  it("the PDF is the area's form with the referral's fields, and its download is in the history", async () => {
    const { id, reference } = await sendReferral();
    const pdf = await get("kingston-lead", `/referrals/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="${reference}.pdf"`);
    const document = await getDocument({ data: pdf.bytes!, useSystemFonts: true }).promise;
    let text = "";
    for (let page = 1; page <= document.numPages; page += 1) text += `${((await (await document.getPage(page)).getTextContent()).items as { str: string }[]).map((item) => item.str).join(" ")} `;
    for (const value of ["Samira", "Markerfield", "Hillside School", reference]) expect(text).toContain(value);
    const detail = await get("kingston-lead", `/referrals/${id}`);
    expect(detail.body.history.at(-1).text).toMatch(/^Downloaded as a PDF by Sam Lead/);
  });

  it("the board's CSV has the referral's facts and none of its personal fields", async () => {
    await sendReferral();
    const csv = await get("kingston-lead", "/board.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.Reference).toBe("KIN-2026-00001");
    for (const value of Object.values(ESSENTIALS)) if (value.length > 3) expect(csv.body).not.toContain(value);
  });
});

describe("who is signed in, and the board's filters", () => {
  it("/me names the test user and their triage areas", async () => {
    expect((await get("practitioner", "/me")).body).toEqual({ name: "Alex Teacher", local: true, triageAreas: [] });
    expect((await get("kingston-lead", "/me")).body).toEqual({ name: "Sam Lead", local: true, triageAreas: [{ id: "kingston", name: "Kingston upon Thames", meeting: { word: "MASE", name: "Multi-Agency Sexual Exploitation meeting" } }] });
  });

  it("/signs gives the nine SAFEGUARD areas with every sign, each naming its source", async () => {
    const { body } = await get("practitioner", "/signs");
    expect(body.areas.map((area: { letter: string }) => area.letter).join("")).toBe("SAFEGUARD");
    expect(body.areas.flatMap((area: { signs: unknown[] }) => area.signs)).toHaveLength(INDICATORS.length);
    for (const area of body.areas) expect(area.source).toMatch(/Kingston & Richmond/);
  });

  it("the board's filters come in the channel card's words, for triage leads only", async () => {
    const filters = await get("sutton-lead", "/board-filters");
    expect(filters.body.statuses.map((option: { value: string }) => option.value)).toEqual(["submitted", "acknowledged", "assigned", "awaiting-info", "decided"]);
    expect(filters.body.statuses[0].title).toBe("New: not acknowledged yet");
    expect(filters.body.categories.map((option: { title: string }) => option.title)).toEqual(["Category 0", "Category 1", "Category 2", "Category 3"]);
    expect(filters.body.flags.length).toBeGreaterThan(5);
    expect((await get("practitioner", "/board-filters")).status).toBe(403);
  });

  it("a check in progress and an unfinished referral can be opened again, as they were left", async () => {
    const checkId = await checkToResult();
    expect((await get("practitioner", `/checks/${checkId}`)).body).toMatchObject({ checkId, step: "result" });
    const form = await post("practitioner", "/referral-drafts", { checkId });
    await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.section", section: "child", inputs: { ...typedIn(form.body), "child.forename": "Samira" } });
    const again = await get("practitioner", "/referral-drafts/unfinished");
    expect(again.body).toMatchObject({ draftId: form.body.draftId, stage: "form", section: "child" });
    const essentials = await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: again.body.version, verb: "referral.section", section: "essentials", inputs: typedIn(again.body) });
    expect(essentials.body.fields.find((field: { id: string }) => field.id === "child.forename").value).toBe("Samira");
  });
});

describe("MASE insight", () => {
  it("links a person and a vehicle named in two referrals to both, and counts the month's referrals", async () => {
    const one = await sendReferral("practitioner", { name: "Dee Marsh", vehicle: "Silver Golf AB12 CDE" });
    const two = await sendReferral("practitioner", { name: "dee  marsh", vehicle: "ab12cde" });
    await sendReferral("practitioner", { name: "Someone Else" });
    const insight = await get("kingston-lead", "/insight");
    expect(insight.status).toBe(200);
    const linked = (kind: string) => insight.body.links.find((link: { kind: string }) => link.kind === kind);
    expect(linked("person").referrals.map((referral: { id: string }) => referral.id).sort()).toEqual([one.id, two.id].sort());
    expect(linked("vehicle").referrals).toHaveLength(2);
    expect(insight.body.links.some((link: { value: string }) => /someone/i.test(link.value))).toBe(false);
    expect(insight.body.monthly.at(-1)).toMatchObject({ month: "2026-11", total: 3 });
    expect(insight.body.monthly).toHaveLength(12);
    expect((await get("kingston-lead", "/insight?months=3")).body.monthly).toHaveLength(3);
  });

  it("is for an area's triage team only", async () => {
    expect((await get("practitioner", "/insight")).status).toBe(403);
    expect((await get("sutton-lead", "/insight?area=kingston")).status).toBe(403);
    expect((await get("sutton-lead", "/insight")).body.links).toEqual([]);
    expect((await get("kingston-lead", "/insight?months=99")).body.error).toMatchObject({ code: "bad-input", field: "months" });
  });
});

describe("who may see what", () => {
  it("a practitioner has no board, no CSV, no PDF and no triage action; another area's lead neither", async () => {
    const { id } = await sendReferral();
    const refusals: [string, "GET" | "POST", string, unknown?][] = [
      ["practitioner", "GET", "/referrals?view=board"],
      ["practitioner", "GET", "/board.csv"],
      ["practitioner", "GET", `/referrals/${id}/pdf`],
      ["practitioner", "POST", `/referrals/${id}/actions`, { version: 1, verb: "triage.acknowledge", inputs: {} }],
      ["sutton-lead", "GET", "/referrals?view=board&area=kingston"],
      ["sutton-lead", "GET", "/board.csv?area=kingston"],
      ["sutton-lead", "GET", `/referrals/${id}/pdf`],
      ["sutton-lead", "POST", `/referrals/${id}/actions`, { version: 1, verb: "triage.acknowledge", inputs: {} }],
    ];
    for (const [user, method, path, body] of refusals) {
      const reply = await call(user, method, path, body);
      expect(reply.status, `${user} ${method} ${path}`).toBe(403);
      expect(reply.body.error.code).toBe("not-triage");
    }
    // Sutton's board does not hold Kingston's referral; its detail is not found for them, nor for a practitioner who did not send it.
    expect((await get("sutton-lead", "/referrals?view=board")).body.items).toEqual([]);
    expect((await get("sutton-lead", `/referrals/${id}`)).status).toBe(404);
    expect((await post("sutton-lead", `/referrals/${id}/answer`, { answer: "hi" })).status).toBe(404);
    expect((await get("kingston-lead", "/referrals?view=mine")).body.items).toEqual([]);
    // Nothing was changed by the refused presses.
    expect((await get("kingston-lead", `/referrals/${id}`)).body.status).toBe("submitted");
  });

  it.each([
    ["GET", "/referrals", undefined, "view"],
    ["GET", "/referrals?view=everything", undefined, "view"],
    ["GET", "/referrals?view=board&status=lost", undefined, "status"],
    ["GET", "/referrals?view=board&category=7", undefined, "category"],
    ["GET", "/referrals?view=board&overdue=maybe", undefined, "overdue"],
    ["GET", "/referrals?view=mine&limit=0", undefined, "limit"],
    ["GET", "/referrals/not-an-id", undefined, "id"],
    ["POST", "/referrals/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", { verb: "triage.acknowledge" }, "version"],
    ["POST", "/referrals/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", { version: 1, verb: "triage.delete" }, "verb"],
    ["POST", "/referrals/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/answer", { answer: "x".repeat(2_001) }, "answer"],
    ["POST", "/referrals/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/answer", { answer: "hi", extra: 1 }, "body"],
    ["POST", "/checks/not-an-id/actions", { version: 1, verb: "check.context", inputs: {} }, "id"],
    ["POST", "/checks/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", { version: 1, verb: "check.explode", inputs: {} }, "verb"],
    ["POST", "/referral-drafts", { checkId: 42 }, "checkId"],
    ["POST", "/referral-drafts/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", { version: 1, verb: "referral.submit", section: "attic", inputs: {} }, "section"],
  ] as const)("%s %s: 400 naming the field", async (method, path, body, field) => {
    const reply = await call("kingston-lead", method, path, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "bad-input", field });
  });

  it("a body that is not JSON, or too big, is refused in the same shape, and the server carries on", async () => {
    const broken = await call("practitioner", "POST", "/checks/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", "{not json");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("bad-request");
    const big = await call("practitioner", "POST", "/referral-drafts", { checkId: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    expect((await get("practitioner", "/referrals?view=mine")).status).toBe(200);
  });

  it("a check or draft that is not there, or someone else's, is not found", async () => {
    const mine = await post("practitioner", "/checks");
    expect((await get("kingston-lead", `/checks/${mine.body.checkId}`)).status).toBe(404);
    expect((await get("practitioner", "/checks/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10")).status).toBe(404);
    expect((await post("practitioner", "/referral-drafts/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10/actions", { version: 1, verb: "referral.review", inputs: {} })).status).toBe(404);
    expect((await get("practitioner", "/referral-drafts/unfinished")).status).toBe(404);
  });
});

// A child's details must not outlive the page in a browser's or a proxy's cache.
describe("no answer may be kept in a cache", () => {
  it("every answer says no-store: a referral's details, the lists, the unfinished draft, the PDF and CSV, and the refusals", async () => {
    const { id } = await sendReferral("practitioner", { name: "Dee Marsh" });
    const form = await post("practitioner", "/referral-drafts", { checkId: await checkToResult() });
    await post("practitioner", `/referral-drafts/${form.body.draftId}/actions`, { version: form.body.version, verb: "referral.section", section: "child", inputs: { ...typedIn(form.body), "child.forename": "Samira" } });
    const answers: [string, Reply][] = [
      ["a referral's details", await get("kingston-lead", `/referrals/${id}`)],
      ["the triage board", await get("kingston-lead", "/referrals?view=board")],
      ["my referrals", await get("practitioner", "/referrals?view=mine")],
      ["the unfinished draft", await get("practitioner", "/referral-drafts/unfinished")],
      ["the PDF", await get("kingston-lead", `/referrals/${id}/pdf`)],
      ["the CSV", await get("kingston-lead", "/board.csv")],
      ["a referral that is not there", await get("kingston-lead", "/referrals/3f1e4a52-9b7c-4d8e-a1f2-0c3b5d7e9f10")],
      ["another area's referral", await get("sutton-lead", `/referrals/${id}`)],
      ["a body that is not JSON", await call("practitioner", "POST", "/referral-drafts", "{not json")],
      ["a route that is not there", await get("practitioner", "/nothing-here")],
    ];
    const signedOut = await fetch(`${harness.botUrl}/api/v1/referrals?view=mine`);
    answers.push(["no signed-in user", { status: signedOut.status, body: await signedOut.json(), headers: signedOut.headers }]);
    expect(answers.find(([meaning]) => meaning === "the unfinished draft")?.[1].body).toMatchObject({ draftId: form.body.draftId, stage: "form" });
    expect(answers.map(([meaning, reply]) => [meaning, reply.status >= 400 ? "refused" : "answered", reply.headers.get("cache-control")])).toEqual([
      ["a referral's details", "answered", "no-store"],
      ["the triage board", "answered", "no-store"],
      ["my referrals", "answered", "no-store"],
      ["the unfinished draft", "answered", "no-store"],
      ["the PDF", "answered", "no-store"],
      ["the CSV", "answered", "no-store"],
      ["a referral that is not there", "refused", "no-store"],
      ["another area's referral", "refused", "no-store"],
      ["a body that is not JSON", "refused", "no-store"],
      ["a route that is not there", "refused", "no-store"],
      ["no signed-in user", "refused", "no-store"],
    ]);
  });
});
