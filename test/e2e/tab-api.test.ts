// The tab's API, first part (issue 11, point 7): the local sign-in's test users, the guidance
// library, one error shape for every failure, and no route without a signed-in user.
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { startHarness, type Harness, type User } from "../support/bot-harness.ts";
import { submitReferral } from "../support/referral-journey.ts";

const APP_ID = "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b";

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
  it("lists the test users of the local sign-in, with the Agents Playground's own user", async () => {
    const { status, body } = await get("/local-users");
    expect(status).toBe(200);
    expect(body.users.map((user: { id: string }) => user.id)).toEqual(["practitioner", "kingston-lead", "sutton-lead", "playground-user"]);
  });

  it("the playground's user sees in the tab the referral they made in the playground's chat (issue 21, point 8)", async () => {
    // The Agents Playground's default user, as its configuration gives it.
    const playgroundUser: User = { id: "user-id-0", name: "Alex Wilber", aadObjectId: "00000000-0000-0000-0000-0000000000020" };
    const reference = await submitReferral(harness, playgroundUser);
    expect((await get("/referrals?view=mine", "playground-user")).body.items.map((item: { reference: string }) => item.reference)).toEqual([reference]);
    expect((await get("/referrals?view=mine", "practitioner")).body.items).toEqual([]);
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
    // Each entry names where it comes from: some text, not merely "not empty" (undefined is not empty either).
    for (const item of first.body.items) expect(item.source, item.id).toMatch(/\S/);
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

describe("the tab's API with credentials but no TAB_AUDIENCE", () => {
  it("has no local sign-in, and refuses every route: Teams sign-in is not set up", async () => {
    const withCredentials = await startHarness({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "secret", MicrosoftAppType: "MultiTenant", REFERRAL_KEY: randomBytes(32).toString("base64") } });
    try {
      const base = `${withCredentials.botUrl}/api/v1`;
      expect((await fetch(`${base}/local-users`)).status).toBe(404);
      const refused = await fetch(`${base}/guidance`, { headers: { "x-local-user": "practitioner" } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: { code: "sign-in-not-available", message: "Signing in from Teams is not set up on this server (TAB_AUDIENCE)." } });
    } finally {
      await withCredentials.close();
    }
  });
});

// Issue 11, point 6: tokens made here with locally generated keys, through the real server.
describe("the tab's API with Teams sign-in", () => {
  const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const AUDIENCE = `api://safeguard.example.org/${APP_ID}`;
  const SAM_OID = "6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b";
  let signed: Harness;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let roles: string;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const claims = (now: Date): JWTPayload => ({ aud: AUDIENCE, iss: `https://sts.windows.net/${TENANT}/`, iat: seconds(now) - 60, nbf: seconds(now) - 60, exp: seconds(now) + 3600, tid: TENANT, oid: SAM_OID, name: "Sam Lead", scp: "access_as_user" });
  // What an app gets for itself (client credentials): the same keys and audience, an oid (the
  // service principal's, here one the roles file names), roles instead of scp.
  const appToken = (now: Date): JWTPayload => (({ scp: _scp, name: _name, ...rest }) => ({ ...rest, idtyp: "app", roles: ["Referrals.ReadWrite.All"] }))(claims(now));
  const sign = (payload: JWTPayload, with_ = key) => new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(with_);
  const call = async (path: string, token: string | undefined) => {
    const response = await fetch(`${signed.botUrl}/api/v1${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeEach(async () => {
    const pair = await generateKeyPair("RS256");
    key = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" }] });
    roles = join(mkdtempSync(join(tmpdir(), "tab-roles-")), "roles.yaml");
    writeFileSync(roles, `areas:\n  kingston:\n    triage: [${SAM_OID}]\n`);
    signed = await startHarness({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "secret", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: TENANT, TAB_AUDIENCE: AUDIENCE, ROLES_FILE: roles, REFERRAL_KEY: randomBytes(32).toString("base64") }, tabSigningKeys: jwks });
  });
  afterEach(async () => {
    await signed.close();
  });

  it("a good token signs the user in, with the areas of the roles file", async () => {
    const now = signed.now();
    expect(await call("/me", await sign(claims(now)))).toEqual({ status: 200, body: { name: "Sam Lead", local: false, triageAreas: [{ id: "kingston", name: "Kingston upon Thames", meeting: { word: "MASE", name: "Multi-Agency Sexual Exploitation meeting" } }] } });
    expect((await call("/referrals?view=board", await sign(claims(now)))).status).toBe(200);
  });

  it.each([
    ["no token", async () => undefined],
    ["the wrong audience", async (now: Date) => sign({ ...claims(now), aud: "api://elsewhere.example.org/other" })],
    ["an expired token", async (now: Date) => sign({ ...claims(now), iat: seconds(now) - 7200, nbf: seconds(now) - 7200, exp: seconds(now) - 3600 })],
    ["another tenant", async (now: Date) => sign({ ...claims(now), tid: "f8cdef31-a31e-4b4a-93e4-5f571e91255a", iss: "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/" })],
    ["an unsigned token", async (now: Date) => `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims(now))).toString("base64url")}.`],
    ["a token signed with another key", async (now: Date) => sign(claims(now), otherKey)],
    ["an app's own token (idtyp app, no scp)", async (now: Date) => sign(appToken(now))],
    ["a user's token for another scope", async (now: Date) => sign({ ...claims(now), scp: "Files.Read" })],
  ])("%s: 401, and nothing of the API's data", async (_name, make) => {
    const token = await make(signed.now());
    for (const path of ["/me", "/guidance", "/referrals?view=mine", "/referrals?view=board"]) {
      const { status, body } = await call(path, token);
      expect(status).toBe(401);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(JSON.stringify(body)).not.toContain("Sam Lead");
    }
  });

  it.each([
    ["an app's own token", (now: Date) => sign(appToken(now)), "it was issued to an app, not to a signed-in user"],
    ["a user's token for another scope", (now: Date) => sign({ ...claims(now), scp: "User.Read" }), "it does not grant the tab's scope (access_as_user)"],
  ])("%s starts no check, and the refusal says why", async (_name, make, reason) => {
    const response = await fetch(`${signed.botUrl}/api/v1/checks`, { method: "POST", headers: { authorization: `Bearer ${await make(signed.now())}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "token-refused", message: `The Teams sign-in token was refused: ${reason}. Close the tab and open it again.` } });
    const sqlite = new SqliteDatabase(signed.databaseUrl, { readonly: true });
    try {
      expect(sqlite.prepare("select count(*) as started from check_sessions").get()).toEqual({ started: 0 });
    } finally {
      sqlite.close();
    }
  });

  it("a test user's name is not a way in", async () => {
    const response = await fetch(`${signed.botUrl}/api/v1/me`, { headers: { "x-local-user": "kingston-lead" } });
    expect(response.status).toBe(401);
  });
});
