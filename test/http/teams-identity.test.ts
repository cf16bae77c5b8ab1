// Teams SSO tokens for the tab (issue 11, point 6): signed by the tenant's keys, for this app, from
// this tenant, not expired, naming a user. Keys are made here; one test fetches them over HTTP.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTeamsIdentity, type Identified } from "../../src/http/api/teams-identity.ts";

const APP_ID = "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b";
const AUDIENCE = `api://safeguard.example.org/${APP_ID}`;
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
const USER_OID = "6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b";
const NOW = new Date("2026-03-02T10:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let publicJwks: JSONWebKeySet;
let publicPem: string;

beforeAll(async () => {
  const tenantPair = await generateKeyPair("RS256", { extractable: true });
  const otherPair = await generateKeyPair("RS256");
  signingKey = tenantPair.privateKey;
  otherKey = otherPair.privateKey;
  publicJwks = { keys: [{ ...(await exportJWK(tenantPair.publicKey)), kid: "tenant-key-1", alg: "RS256", use: "sig" }] };
  const spki = await crypto.subtle.exportKey("spki", tenantPair.publicKey);
  publicPem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString("base64")}\n-----END PUBLIC KEY-----\n`;
});

/** A Teams SSO token as Entra issues it (v1.0: the sts.windows.net issuer, aud the Application ID URI). */
const CLAIMS = (): JWTPayload => ({
  aud: AUDIENCE,
  iss: `https://sts.windows.net/${TENANT}/`,
  iat: seconds(NOW) - 300,
  nbf: seconds(NOW) - 300,
  exp: seconds(NOW) + 3600,
  tid: TENANT,
  oid: USER_OID,
  name: "Alex Teacher",
  preferred_username: "alex.teacher@school.example.org",
  scp: "access_as_user",
});

async function sign(claims: JWTPayload, key: CryptoKey = signingKey, kid = "tenant-key-1"): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function identify(authorization: string | undefined, options: { jwks?: JWTVerifyGetKey; audience?: string | string[] } = {}): Promise<Identified> {
  const check = createTeamsIdentity({ audience: options.audience ?? AUDIENCE, tenantId: TENANT, jwks: options.jwks ?? createLocalJWKSet(publicJwks), now: () => NOW });
  return check(authorization);
}

const bearer = async (claims: JWTPayload) => `Bearer ${await sign(claims)}`;

describe("createTeamsIdentity", () => {
  it("accepts the tenant's token for this app and names the user", async () => {
    expect(await identify(await bearer(CLAIMS()))).toEqual({ ok: true, user: { aadObjectId: USER_OID, name: "Alex Teacher", tenantId: TENANT } });
  });

  it("accepts a v2.0 token, whose issuer is login.microsoftonline.com and audience the app id, when the app id is an audience", async () => {
    const token = await bearer({ ...CLAIMS(), aud: APP_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0` });
    expect(await identify(token, { audience: [AUDIENCE, APP_ID] })).toMatchObject({ ok: true, user: { aadObjectId: USER_OID } });
    expect(await identify(token, { audience: AUDIENCE })).toMatchObject({ ok: false, code: "token-refused" });
  });

  it("takes the name from preferred_username when the token has no name", async () => {
    const { name: _name, ...claims } = CLAIMS();
    expect(await identify(await bearer(claims))).toMatchObject({ ok: true, user: { name: "alex.teacher@school.example.org" } });
  });

  it("accepts a user's token that grants the tab's scope among others", async () => {
    expect(await identify(await bearer({ ...CLAIMS(), scp: "User.Read access_as_user openid" }))).toMatchObject({ ok: true, user: { aadObjectId: USER_OID } });
    expect(await identify(await bearer({ ...CLAIMS(), idtyp: "user" }))).toMatchObject({ ok: true });
  });

  // An app's own token (client credentials) is signed by the same keys, for the same audience, and
  // carries an oid: that of the app's service principal. It names no person, so it opens nothing.
  it.each<[string, JWTPayload, string]>([
    ["an app's own token (idtyp app, roles, no scp)", (({ scp: _scp, name: _name, preferred_username: _username, ...claims }) => ({ ...claims, idtyp: "app", roles: ["Referrals.Read.All"] }))(CLAIMS()), "it was issued to an app, not to a signed-in user"],
    ["an app's own token that has no idtyp (v1.0), only roles", (({ scp: _scp, ...claims }) => ({ ...claims, roles: ["Referrals.Read.All"] }))(CLAIMS()), "it was issued to an app, not to a signed-in user"],
    ["a token saying it is an app's that also has the scope", { ...CLAIMS(), idtyp: "app" }, "it was issued to an app, not to a signed-in user"],
    ["a user's token for another scope", { ...CLAIMS(), scp: "Files.Read" }, "it does not grant the tab's scope (access_as_user)"],
    ["a user's token for a scope that only starts like the tab's", { ...CLAIMS(), scp: "access_as_user_admin" }, "it does not grant the tab's scope (access_as_user)"],
    ["a user's token with an empty scope", { ...CLAIMS(), scp: "" }, "it does not grant the tab's scope (access_as_user)"],
    ["a token whose scope is a list, not text", { ...CLAIMS(), scp: ["access_as_user"] }, "it was issued to an app, not to a signed-in user"],
  ])("refuses %s, saying why", async (_meaning, claims, reason) => {
    expect(await identify(await bearer(claims))).toEqual({ ok: false, code: "token-refused", message: `The Teams sign-in token was refused: ${reason}. Close the tab and open it again.` });
  });

  it("allows a minute of clock skew past expiry, and no more", async () => {
    expect(await identify(await bearer({ ...CLAIMS(), exp: seconds(NOW) - 50 }))).toMatchObject({ ok: true });
    expect(await identify(await bearer({ ...CLAIMS(), exp: seconds(NOW) - 70 }))).toMatchObject({ ok: false, code: "token-refused", message: expect.stringContaining("expired") });
  });

  it.each<[string, () => Promise<string>]>([
    ["for another app (audience)", () => bearer({ ...CLAIMS(), aud: "api://safeguard.example.org/1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b" })],
    ["expired an hour ago", () => bearer({ ...CLAIMS(), exp: seconds(NOW) - 3600 })],
    ["with no expiry", async () => { const { exp: _exp, ...claims } = CLAIMS(); return bearer(claims); }],
    ["not valid yet", () => bearer({ ...CLAIMS(), nbf: seconds(NOW) + 3600 })],
    ["from another tenant (tid), issuer unchanged", () => bearer({ ...CLAIMS(), tid: OTHER_TENANT })],
    ["from another tenant (tid and issuer)", () => bearer({ ...CLAIMS(), tid: OTHER_TENANT, iss: `https://sts.windows.net/${OTHER_TENANT}/` })],
    ["with no tid", async () => { const { tid: _tid, ...claims } = CLAIMS(); return bearer(claims); }],
    ["from another issuer", () => bearer({ ...CLAIMS(), iss: `https://evil.example.org/${TENANT}/` })],
    ["from the common endpoint's issuer", () => bearer({ ...CLAIMS(), iss: "https://login.microsoftonline.com/common/v2.0" })],
    ["with no oid", async () => { const { oid: _oid, ...claims } = CLAIMS(); return bearer(claims); }],
    ["with an oid that is not a GUID", () => bearer({ ...CLAIMS(), oid: "alex" })],
    ["unsigned (alg none)", async () => `Bearer ${base64url({ alg: "none", typ: "JWT" })}.${base64url(CLAIMS())}.`],
    ["unsigned (alg none) with a kid the tenant has", async () => `Bearer ${base64url({ alg: "none", typ: "JWT", kid: "tenant-key-1" })}.${base64url(CLAIMS())}.`],
    ["signed with another key under the tenant's kid", () => sign(CLAIMS(), otherKey).then((token) => `Bearer ${token}`)],
    ["signed with another key under an unknown kid", () => sign(CLAIMS(), otherKey, "not-the-tenants").then((token) => `Bearer ${token}`)],
    ["with its signature cut off", async () => (await bearer(CLAIMS())).replace(/\.[^.]+$/, ".")],
    ["with its payload swapped after signing", async () => { const [header, , signature] = (await sign(CLAIMS())).split("."); return `Bearer ${header}.${base64url({ ...CLAIMS(), oid: "00000000-0000-4000-8000-000000000000" })}.${signature}`; }],
    ["that is not a JWT", async () => "Bearer abc.def.ghi"],
  ])("refuses a token %s", async (_meaning, authorization) => {
    const answer = await identify(await authorization());
    expect(answer).toMatchObject({ ok: false, code: "token-refused" });
  });

  it.each<[string, string | undefined]>([
    ["no Authorization header", undefined],
    ["an empty header", ""],
    ["Basic credentials", "Basic YWxleDpzZWNyZXQ="],
    ["a bare token, without Bearer", "TOKEN"],
    ["Bearer and nothing else", "Bearer "],
    ["two tokens", "Bearer a.b.c d.e.f"],
    ["an oversized header", `Bearer ${"a".repeat(20_000)}.b.c`],
  ])("answers not-signed-in to %s", async (_meaning, authorization) => {
    const answer = await identify(authorization === "TOKEN" ? await sign(CLAIMS()) : authorization);
    expect(answer).toMatchObject({ ok: false, code: "not-signed-in" });
  });

  it("never puts the token or its claims in a refusal's message", async () => {
    const token = await sign({ ...CLAIMS(), exp: seconds(NOW) - 3600 });
    const answer = await identify(`Bearer ${token}`);
    expect(answer.ok).toBe(false);
    const text = JSON.stringify(answer);
    for (const secret of [token, token.split(".")[1]!, "Alex Teacher", "alex.teacher", USER_OID, TENANT]) expect(text).not.toContain(secret);
  });

  it("answers keys-unavailable when getting the key set fails as a network failure does", async () => {
    const unreachable: JWTVerifyGetKey = async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }) });
    };
    expect(await identify(await bearer(CLAIMS()), { jwks: unreachable })).toMatchObject({ ok: false, code: "keys-unavailable" });
  });

  // The algorithm-confusion attack: a key resolver that hands out the public key's bytes, as a
  // careless one might, would let anyone sign HS256 with the public key as the HMAC secret.
  it("refuses HS256 signed with the tenant's public key as the secret, even from a resolver that offers those bytes", async () => {
    const local = createLocalJWKSet(publicJwks);
    const careless: JWTVerifyGetKey = async (header, token) => (header.alg === "HS256" ? new TextEncoder().encode(publicPem) : local(header, token));
    const forged = await new SignJWT(CLAIMS()).setProtectedHeader({ alg: "HS256", typ: "JWT", kid: "tenant-key-1" }).sign(new TextEncoder().encode(publicPem));
    expect(await identify(`Bearer ${forged}`, { jwks: careless })).toMatchObject({ ok: false, code: "token-refused" });
    expect(await identify(`Bearer ${forged}`)).toMatchObject({ ok: false, code: "token-refused" });
    expect(await identify(await bearer(CLAIMS()), { jwks: careless })).toMatchObject({ ok: true });
  });

  it("refuses an unsigned token without asking for the keys", async () => {
    let asked = 0;
    const counting: JWTVerifyGetKey = async (header, token) => {
      asked += 1;
      return createLocalJWKSet(publicJwks)(header, token);
    };
    const unsigned = `Bearer ${base64url({ alg: "none" })}.${base64url(CLAIMS())}.`;
    expect(await identify(unsigned, { jwks: counting })).toMatchObject({ ok: false, code: "token-refused" });
    expect(asked).toBe(0);
  });

  it("refuses to start without a tenant GUID or an audience", () => {
    expect(() => createTeamsIdentity({ audience: AUDIENCE, tenantId: "contoso.onmicrosoft.com" })).toThrow(/tenantId/);
    expect(() => createTeamsIdentity({ audience: [], tenantId: TENANT })).toThrow(/audience/);
  });
});

describe("createTeamsIdentity with the key set over HTTP", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`);
  }

  it("fetches the tenant's keys and accepts its token", async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests += 1;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(publicJwks));
    });
    const jwks = createRemoteJWKSet(url);
    expect(await identify(await bearer(CLAIMS()), { jwks })).toMatchObject({ ok: true, user: { aadObjectId: USER_OID } });
    expect(await identify(await bearer({ ...CLAIMS(), aud: "api://elsewhere.example.org/x" }), { jwks })).toMatchObject({ ok: false, code: "token-refused" });
    expect(requests).toBe(1);
  });

  it("answers keys-unavailable when the key set's server is down", async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await identify(await bearer(CLAIMS()), { jwks: createRemoteJWKSet(url) })).toMatchObject({ ok: false, code: "keys-unavailable" });
  });

  it("answers keys-unavailable when the key set's server does not answer in time", async () => {
    const url = await serve(() => undefined); // never answers
    const answer = await identify(await bearer(CLAIMS()), { jwks: createRemoteJWKSet(url, { timeoutDuration: 200 }) });
    expect(answer).toMatchObject({ ok: false, code: "keys-unavailable" });
    for (const server of servers) server.closeAllConnections();
  });

  it.each<[string, number, string]>([
    ["an error status", 500, "{}"],
    ["something other than JSON", 200, "<html>"],
    ["JSON that is not a key set", 200, JSON.stringify({ keys: "none" })],
  ])("answers keys-unavailable when the key set's server sends %s", async (_meaning, status, body) => {
    const url = await serve((_request, response) => response.writeHead(status, { "content-type": "application/json" }).end(body));
    expect(await identify(await bearer(CLAIMS()), { jwks: createRemoteJWKSet(url) })).toMatchObject({ ok: false, code: "keys-unavailable" });
  });
});
