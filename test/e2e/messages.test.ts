// Welcome, menu and free-text questions over HTTP, as a practitioner meets them in Teams.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { ALEX, buttonTitles, startHarness, textOf, valueOf, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
beforeAll(async () => {
  // Monday 23 November 2026, 14:00 in London.
  harness = await startHarness({ now: new Date("2026-11-23T14:00:00Z") });
});
afterAll(async () => {
  await harness.close();
});

const MENU = ["Check a concern", "Make a referral", "Warning signs", "Who do I contact", "What happens after I refer", "My last result", "Forget my details"];

describe("welcome and menu", () => {
  it("welcomes on install with the menu", async () => {
    const before = harness.sent.length;
    const response = await harness.post(
      harness.activity("conversationUpdate", ALEX, { membersAdded: [{ id: "28:safeguard-bot" }, { id: `29:${ALEX.id}`, aadObjectId: ALEX.aadObjectId }] }),
    );
    expect(response.status).toBe(200);
    const cards = harness.sent.slice(before).flatMap((entry) => entry.activity.attachments ?? []);
    expect(cards).toHaveLength(1);
    expect(buttonTitles(cards[0].content)).toEqual(MENU);
  });

  it("in a team, welcomes once when the bot is added, not each time a person joins", async () => {
    const channel = { id: "19:general@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-1" };
    const welcomesFor = async (memberId: string) => {
      const before = harness.sent.length;
      await harness.post(harness.activity("conversationUpdate", ALEX, { conversation: channel, membersAdded: [{ id: memberId }] }));
      return harness.sent.slice(before).length;
    };
    expect(await welcomesFor("28:safeguard-bot")).toBe(1);
    expect(await welcomesFor("29:new-colleague")).toBe(0);
  });

  it.each(["hi", "Hello!", "help", "menu", "HELP"])("answers %s with the menu", async (text) => {
    const [card] = await harness.say(ALEX, text);
    expect(buttonTitles(card!)).toEqual(MENU);
    expect(textOf(card!)).toContain("If a child is in immediate danger, call 999.");
  });

  it("Warning signs: the nine SAFEGUARD areas, each sign with what it can look like", async () => {
    const [menu] = await harness.say(ALEX, "menu");
    const domains = await harness.press(ALEX, menu!, "Warning signs");
    expect(buttonTitles(domains).slice(0, 9)).toEqual([
      "S: Sexual health and behaviour", "A: Absent from school or repeatedly running away", "F: Familial abuse and/or problems at home",
      "E: Emotional and physical condition", "G: Gangs, older age groups and involvement in crime", "U: Use of technology and sexual bullying",
      "A: Alcohol and drug misuse", "R: Receipt of unexplained gifts or money", "D: Distrust of authority figures",
    ]);
    const receipt = await harness.press(ALEX, domains, "R: Receipt of unexplained gifts or money");
    expect(textOf(receipt)).toContain("Known to receive money or goods for sexual activity");
    expect(textOf(receipt)).toContain("in return for sex");
  });

  it("Who do I contact: pick an area, see its lines marked open or closed now", async () => {
    const [menu] = await harness.say(ALEX, "menu");
    const picker = await harness.press(ALEX, menu!, "Who do I contact");
    const nothingChosen = await harness.press(ALEX, picker, "Show contacts");
    expect(textOf(nothingChosen)).toContain("Please choose an area first.");
    const kingston = await harness.press(ALEX, picker, "Show contacts", { area: "kingston" });
    const text = textOf(kingston);
    expect(text).toContain("Kingston upon Thames: who to contact");
    expect(text).toContain("Monday 23 November");
    expect(text).toMatch(/Single Point of Access\nOpen now/);
    expect(text).toContain("csereferrals@achievingforchildren.org.uk");
    expect(text).toContain("Phone: 999");
    expect(text).toContain("confirm them before relying on them");
  });

  it("What happens after I refer: the guidance, with its source", async () => {
    const [menu] = await harness.say(ALEX, "menu");
    const card = await harness.press(ALEX, menu!, "What happens after I refer");
    expect(textOf(card)).toMatch(/^What happens after I refer\?/);
    expect(textOf(card)).toContain("Source: ");
  });
});

describe("questions in free text", () => {
  it.each<[string, string]>([
    ["what is sexting", "Sexting and sharing sexual images"],
    ["what does category 2 mean", "Category 2"],
    ["what is MASE", "MASE: Multi-Agency Sexual Exploitation meeting"],
    ["what happens after I refer", "What happens after I refer?"],
  ])("%s → %s, naming its source", async (question, title) => {
    const [card] = await harness.say(ALEX, question);
    expect(textOf(card!).split("\n")[0]).toContain(title);
    expect(textOf(card!)).toMatch(/Source: .*(LSCB|Board|Sutton|Lewisham)/);
  });

  it("who do I call in Sutton at 9pm → Sutton's contacts at 21:00", async () => {
    const [card] = await harness.say(ALEX, "who do I call in Sutton at 9pm");
    const text = textOf(card!);
    expect(text).toContain("Sutton: who to contact");
    expect(text).toContain("21:00");
    expect(text).toContain("MASH@sutton.gov.uk");
  });

  it("who do I call in Kingston tonight → the out-of-hours line, open at 21:00 (not 'now'), hours said once", async () => {
    const [card] = await harness.say(ALEX, "who do I call in Kingston tonight");
    const text = textOf(card!);
    expect(text).toMatch(/Out-of-hours line\nOpen at 21:00\nPhone: 020 8770 5000/);
    expect(text).toContain("the time you asked about");
    expect(text).not.toContain("Open now");
    expect(text).not.toContain("Hours: Out of hours");
    expect(text).toContain("Out of hours: before 08:00 and from 18:00 Mon-Fri, all day at weekends and on bank holidays");
  });

  it("who do I call in Kingston (no time named) → badges for now", async () => {
    const [card] = await harness.say(ALEX, "who do I call in Kingston");
    expect(textOf(card!)).toMatch(/Single Point of Access\nOpen now\nPhone: 020 8547 5008/);
    expect(textOf(card!)).toContain("Open or closed now:");
  });

  it("who do I call in Croydon → not covered, with Another area chosen", async () => {
    const [card] = await harness.say(ALEX, "who do I call in Croydon");
    expect(textOf(card!)).toContain('Croydon is not covered by this tool. Choose "Another area"');
    expect(valueOf(card!, "area")).toBe("other");
  });

  it("a guidance answer ends with the next step", async () => {
    const [card] = await harness.say(ALEX, "she has a much older boyfriend with a car");
    expect(textOf(card!)).toContain("Worried about a child now? Talk to your safeguarding lead (DSL)");
    expect(buttonTitles(card!)).toContain("Check a concern");
  });

  it("a contact question with no area asks which area", async () => {
    const [card] = await harness.say(ALEX, "who do I contact about a child?");
    expect(textOf(card!)).toContain("Which area is the child in?");
  });

  it("an unmatched question gets the three nearest topics and the menu", async () => {
    const [card] = await harness.say(ALEX, "the weather in Paris");
    expect(textOf(card!)).toContain("I don't have an answer to that");
    const titles = buttonTitles(card!);
    expect(titles).toHaveLength(5);
    expect(titles.slice(3)).toEqual(["Check a concern", "Menu"]);
  });

  it("understands a channel message that @mentions the bot", async () => {
    const before = harness.sent.length;
    await harness.post(
      harness.activity("message", ALEX, {
        text: "<at>SAFEGUARD</at> what is MASE",
        conversation: { id: "19:channel@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
        entities: [{ type: "mention", text: "<at>SAFEGUARD</at>", mentioned: { id: "28:safeguard-bot", name: "SAFEGUARD" } }],
      }),
    );
    const card = harness.sent.slice(before)[0]?.activity.attachments?.[0]?.content;
    expect(textOf(card)).toContain("MASE: Multi-Agency Sexual Exploitation meeting");
  });
});

describe("the HTTP edge", () => {
  // Issue 8, point 4: without credentials the bot posts nowhere off this machine.
  it.each(["http://10.0.0.1/", "https://smba.trafficmanager.net/uk/", "http://127.0.0.1.evil.example/", "file:///etc/passwd", 42])("refuses serviceUrl %j without credentials, and sends nothing", async (serviceUrl) => {
    const before = harness.sent.length;
    const response = await harness.post({ ...harness.activity("message", ALEX, { text: "hi" }), serviceUrl });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe("serviceUrl");
    expect(harness.sent.length).toBe(before);
  });

  it("refuses a malformed body with 400 and keeps serving", async () => {
    const response = await fetch(`${harness.botUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("not json");
    expect((await fetch(`${harness.botUrl}/healthz`)).status).toBe(200);
  });

  it.each(["/privacy", "/terms"])("serves %s, which the Teams manifest links to", async (path) => {
    const response = await fetch(`${harness.botUrl}${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("SAFEGUARD");
  });

  it("says on the privacy page how long referrals are kept, as configured", async () => {
    const text = await (await fetch(`${harness.botUrl}/privacy`)).text();
    expect(text).toContain("A draft you have not sent is deleted 7 days after you last changed it.");
    expect(text).toContain("The personal details of a referral are deleted 365 days after the front door decides it, with the words of its history");
  });

  it("is ready when the database takes a write", async () => {
    const response = await fetch(`${harness.botUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", outbox: "ok" } });
  });

  // Issue 10, point 5: dead letters are visible on /readyz, which stays 200 (the bot works).
  it("is degraded, naming the count and the command, while the outbox holds dead letters", async () => {
    const database = await createDatabase(harness.databaseUrl);
    const outbox = createOutboxRepository(database.db, database.dialect);
    const at = new Date("2026-11-24T10:00:00Z");
    await createReferralRepository(database.db).submit(
      { id: "dead-1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:x", submittedAt: at, idempotencyKey: "dead-1", status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
      { at, actorId: "msteams:x", type: "submitted", sealedDetails: "v1.x" },
      [{ kind: "post-referral-card", payload: {}, dueAt: at }],
    );
    const [message] = await outbox.claim(at, 1, 60_000);
    await outbox.deadLetter(message!.id, message!.claim, "HTTP 500");
    const response = await fetch(`${harness.botUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "degraded", checks: { database: "ok", outbox: "1 dead letter: npm run outbox -- retry" } });
    await outbox.retryDead(at);
    await database.close();
  });
});
