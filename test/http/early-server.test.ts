// Issue 12: the server answers health checks while the app is still being built, tells readiness
// probes to wait, and holds every other request (its body too) until the app serves it.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createEarlyServer, type EarlyServer } from "../../src/http/early-server.ts";

let early: EarlyServer;
afterEach(() => {
  early.server.closeAllConnections();
  early.server.close();
});

async function listening(): Promise<string> {
  early = createEarlyServer();
  early.server.listen(0, "127.0.0.1");
  await once(early.server, "listening");
  return `http://127.0.0.1:${(early.server.address() as AddressInfo).port}`;
}

describe("createEarlyServer", () => {
  it("before the app: /healthz 200, /readyz 503 starting", async () => {
    const base = await listening();
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: "starting" }]);
  });

  it("holds any other request, body and all, until the app serves it; then everything is the app's", async () => {
    const base = await listening();
    // The server's own "request" event comes after its handler ran: by then the request has been
    // held or answered, and the response object says which. No sleep that guesses.
    const arrived = once(early.server, "request") as Promise<[IncomingMessage, ServerResponse]>;
    const waiting = fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "hi" }) }).then(async (response) => [response.status, await response.json()]);
    const [, held] = await arrived;
    expect(held.headersSent).toBe(false);
    expect(held.writableEnded).toBe(false);
    const app = express();
    app.use(express.json());
    app.post("/api/messages", (request, response) => void response.status(201).json({ echoed: request.body.text }));
    app.get("/readyz", (_request, response) => void response.json({ status: "ready" }));
    early.serve(app);
    expect(await waiting).toEqual([201, { echoed: "hi" }]);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: "ready" });
  });
});
