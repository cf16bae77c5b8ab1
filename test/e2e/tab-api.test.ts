// The tab's API, first part (issue 11, point 7): the local sign-in's test users, the guidance
// library, one error shape for every failure, and no route without a signed-in user.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { createApi } from "../../src/http/api/create-api.ts";
import { startHarness, type Harness } from "../support/bot-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const get = async (path: string, user?: string) => {
  const response = await fetch(`${harness.botUrl}/api/v1${path}`, { headers: user === undefined ? {} : { "x-local-user": user } });
  return { status: response.status, body: (await response.json()) as any };
};

describe("the tab's API in local use", () => {
  it("lists the three test users of the local sign-in", async () => {
    const { status, body } = await get("/local-users");
    expect(status).toBe(200);
    expect(body.users.map((user: { id: string }) => user.id)).toEqual(["practitioner", "kingston-lead", "sutton-lead"]);
  });

  it("refuses a request with no test user, or one it does not know, in the one error shape", async () => {
    expect(await get("/guidance")).toEqual({ status: 401, body: { error: { code: "not-signed-in", message: "Choose a test user on the local sign-in.", field: "X-Local-User" } } });
    expect((await get("/guidance", "someone-else")).status).toBe(401);
  });

  it("gives every guidance entry, a page at a time, each with its source", async () => {
    const all = loadGuidance();
    const first = await get("/guidance?limit=40", "practitioner");
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(all.length);
    expect(first.body.items).toHaveLength(40);
    const second = await get(`/guidance?limit=40&cursor=${first.body.nextCursor}`, "practitioner");
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(all.length);
    expect(second.body.nextCursor).toBeUndefined();
    for (const item of first.body.items) expect(item.source).not.toBe("");
  });

  it("searches the guidance", async () => {
    const { body } = await get("/guidance?q=MASE", "kingston-lead");
    expect(body.items.map((item: { id: string }) => item.id)).toContain("mase");
    expect(body.items.length).toBeLessThan(loadGuidance().length);
    expect((await get("/guidance?q=zzzqqq", "kingston-lead")).body).toEqual({ items: [], total: 0 });
  });

  it.each([
    ["/guidance?limit=0", "limit"],
    ["/guidance?limit=500", "limit"],
    ["/guidance?limit=ten", "limit"],
    ["/guidance?cursor=-3", "cursor"],
    ["/guidance?colour=red", ""],
  ])("refuses %s, naming the field", async (path, field) => {
    const { status, body } = await get(path, "practitioner");
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad-input");
    if (field !== "") expect(body.error.field).toBe(field);
  });

  it("answers an unknown route in the same shape", async () => {
    expect(await get("/nothing-here", "practitioner")).toMatchObject({ status: 404, body: { error: { code: "not-found" } } });
  });
});

describe("the tab's API with credentials", () => {
  it("has no local sign-in, and refuses every route until Teams sign-in is built", async () => {
    const app = express();
    app.use("/api/v1", createApi({ guidance: loadGuidance(), authenticated: true, logger: pino({ level: "silent" }) }));
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    try {
      expect((await fetch(`${base}/local-users`)).status).toBe(404);
      const refused = await fetch(`${base}/guidance`, { headers: { "x-local-user": "practitioner" } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: { code: "sign-in-not-available", message: "Signing in from Teams is not built yet." } });
    } finally {
      server.close();
    }
  });
});
