// Once a stop signal has come, /readyz answers 503 "stopping" at once, whatever the
// parts would say, so a load balancer probing over a connection it kept open sends nothing new.
// (src/main.ts sets the flag with the first SIGTERM or SIGINT; test/e2e/shutdown.test.ts stops the process.)
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";

let stopping = false;
let server: ReturnType<ReturnType<typeof express>["listen"]>;
let base = "";

beforeAll(async () => {
  const app = createApp({
    bot: { process: async (_request, response) => void response.status(200).end(), tokenRequired: false },
    ready: async () => ({ ready: true, degraded: false, checks: { database: { ok: true } } as never }),
    logger: pino({ level: "silent" }),
    retentionDays: 90,
    stopping: () => stopping,
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe("/readyz while stopping", () => {
  it("is 200 while running, and 503 'stopping' with the connection closed once a stop signal came", async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    stopping = true;
    const answer = await fetch(`${base}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("connection")).toBe("close");
    expect(await answer.json()).toEqual({ status: "stopping", checks: {} });
    // Liveness is not readiness: the process is still up while it drains.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
