// The security headers on every page and answer of the app: a Content-Security-Policy that lets
// only this server's scripts and styles run and only Teams frame a page, no MIME sniffing, no
// referrer; on the tab, the privacy and terms pages, the API, the health checks and errors alike.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";

let base: string;
let close: () => void;

beforeAll(async () => {
  const api = express.Router();
  api.get("/me", (_request, response) => {
    response.json({ name: "Alex Teacher" });
  });
  const app = createApp({
    bot: { process: async (_request, response) => void response.status(200).end(), tokenRequired: false },
    ready: async () => ({ ready: true, degraded: false, checks: {} }),
    logger: pino({ level: "silent" }),
    retentionDays: 90,
    api,
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

/** The policy's directives, by name. */
function directives(policy: string | null): Map<string, string> {
  return new Map((policy ?? "").split(";").map((part) => part.trim()).filter((part) => part !== "").map((part) => {
    const [name = "", ...values] = part.split(/\s+/);
    return [name, values.join(" ")];
  }));
}

describe("the security headers", () => {
  it.each<[string, string, RequestInit?]>([
    ["the tab", "/tab/"],
    ["a page of the tab", "/tab/board/kingston"],
    ["the privacy page", "/privacy"],
    ["the terms page", "/terms"],
    ["an API answer", "/api/v1/me"],
    ["the health check", "/healthz"],
    ["a page that is not there", "/nothing-here"],
    ["a malformed activity", "/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }],
  ])("are on %s", async (_meaning, path, init) => {
    const response = await fetch(`${base}${path}`, init);
    const policy = directives(response.headers.get("content-security-policy"));
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.skype.com https://*.office.com https://*.cloud.microsoft");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    // X-Frame-Options cannot name Teams; with it, an older browser would refuse to show the tab in Teams.
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("let scripts come only from this server, styles from it and Fluent UI's own style elements, images from it and data: URLs", async () => {
    const policy = directives((await fetch(`${base}/tab/`)).headers.get("content-security-policy"));
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": "'self'",
      "script-src": "'self'",
      // Fluent UI (Griffel) writes its rules into <style> elements as the page runs.
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data:",
      "font-src": "'self'",
      "connect-src": "'self' https://res.cdn.office.net",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
      "frame-ancestors": expect.any(String),
    });
  });
});
