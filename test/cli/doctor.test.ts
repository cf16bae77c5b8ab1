// `npm run doctor`: a healthy local setup and a healthy deployment exit 0; each fault made on
// purpose exits 1 with its line naming the fault and what to do. The login host is always a local
// server or a closed local port: nothing here reaches the internet.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { DOCTOR_CHECKS, type DoctorReport } from "../../src/cli/doctor-report.ts";
import { runDoctor, type DoctorIo } from "../../src/cli/run-doctor.ts";
import { PACKAGE_FILE, runPackageApp } from "../../src/cli/run-package-app.ts";
import { createDatabase } from "../../src/store/create-database.ts";
import { createOutboxRepository } from "../../src/store/outbox-repository.ts";
import { createReferralCrypto } from "../../src/store/referral-crypto.ts";
import { recordSealingKey } from "../../src/store/referral-key-ids.ts";
import { checkDatabase } from "../../src/store/readiness.ts";
import { createReferralRepository } from "../../src/store/referral-repository.ts";
import { createTriageChannelRepository } from "../../src/store/triage-channel-repository.ts";
import { freePort } from "../support/node-process.ts";

const NOW = new Date("2026-11-24T10:00:00Z");
const APP_ID = "1b2c3d4e-0000-4000-8000-123456789abc";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const LEAD = "00000000-0000-0000-0000-0000000000a1";
const newKey = () => randomBytes(32).toString("base64");

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A migrated SQLite database with a fresh /readyz heartbeat, as a running bot leaves it. */
async function runningBotDatabase(): Promise<{ dir: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), "doctor-"));
  const url = join(dir, "bot.sqlite");
  const database = await createDatabase(url);
  await checkDatabase(database, NOW.getTime() - 30_000);
  await database.close();
  return { dir, url };
}

/** A login host on loopback: answers the client-credentials request as Entra would. */
async function loginHost(answer: { status: number; body: object }): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      requests.push(`${request.method} ${request.url} ${body}`);
      response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  }).listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function doctor(env: Record<string, string>, options: Partial<DoctorIo> = {}): Promise<{ code: number; out: string; err: string; report: () => DoctorReport }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDoctor({
    argv: [],
    env,
    now: () => NOW,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    fetch: globalThis.fetch,
    packageFile: join(tmpdir(), "no-such-package", PACKAGE_FILE),
    postgresLimits: { connectMs: 2_000, statementMs: 2_000, queryMs: 3_000 },
    tokenTimeoutMs: 3_000,
    ...options,
  });
  return { code, out: out.join("\n"), err: err.join("\n"), report: () => JSON.parse(out.join("\n")) as DoctorReport };
}

/** The line for one check, and the "→" line under it when there is one. */
function lineOf(out: string, title: string): string {
  const lines = out.split("\n");
  const index = lines.findIndex((line) => line.slice(2).startsWith(`${title}:`));
  return index === -1 ? "" : [lines[index], lines[index + 1]?.startsWith("    → ") ? lines[index + 1] : ""].join("\n");
}

/** A deployment's settings, every one good, with the login host given. */
async function deployment(loginUrl: string, extra: Record<string, string> = {}) {
  const { dir, url } = await runningBotDatabase();
  const roles = join(dir, "roles.yaml");
  writeFileSync(roles, `areas:\n  kingston:\n    admins: [${LEAD}]\n    triage: [${LEAD}]\n`);
  const database = await createDatabase(url);
  await createTriageChannelRepository(database.db).register("kingston", { serviceUrl: "https://smba.trafficmanager.net/uk/", tenantId: TENANT, teamId: "19:team", channelId: "19:channel" }, `msteams:${LEAD}`, NOW);
  await database.close();
  const env = {
    DATABASE_URL: url,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: "a-client-secret",
    MicrosoftAppType: "SingleTenant",
    MicrosoftAppTenantId: TENANT,
    TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}`,
    APP_BASE_URL: "https://safeguard.example.org",
    REFERRAL_KEY: newKey(),
    ROLES_FILE: roles,
    DOCTOR_LOGIN_URL: loginUrl,
    ...extra,
  };
  const packageDir = join(dir, "build");
  expect(runPackageApp({ env: { BOT_ID: APP_ID, APP_BASE_URL: env.APP_BASE_URL, TAB_AUDIENCE: env.TAB_AUDIENCE }, outDir: packageDir, stdout: () => undefined, stderr: () => undefined })).toBe(0);
  return { env, dir, url, packageFile: join(packageDir, PACKAGE_FILE) };
}

describe("npm run doctor: healthy", () => {
  it("a local setup (no credentials, a bot that has run) exits 0 with every line ✓ or -", async () => {
    const { url } = await runningBotDatabase();
    const { code, out } = await doctor({ DATABASE_URL: url });
    expect(code).toBe(0);
    expect(out).not.toMatch(/^[✗!] /m);
    expect(lineOf(out, "database")).toContain(`✓ database: the SQLite file ${url} answers`);
    expect(lineOf(out, "heartbeat")).toContain("30 s old");
    expect(lineOf(out, "Bot Framework token")).toBe("- Bot Framework token: local use: no MicrosoftAppId\n");
    expect(out).toMatch(/All checks hold\.$/);
  });

  it("a deployment with credentials gets its token from the login host and exits 0", async () => {
    const login = await loginHost({ status: 200, body: { token_type: "Bearer", expires_in: 3599, access_token: "x" } });
    const { env, packageFile } = await deployment(login.url);
    const { code, out } = await doctor(env, { packageFile });
    expect(out).not.toMatch(/^[✗!] /m);
    expect(code).toBe(0);
    expect(lineOf(out, "Bot Framework token")).toContain(`✓ Bot Framework token: a Bot Framework token was obtained from ${new URL(login.url).host}`);
    expect(lineOf(out, "triage channels")).toContain("registered for kingston");
    expect(lineOf(out, "app package")).toContain(`built for app ${APP_ID} at safeguard.example.org`);
    // A single-tenant bot signs in at its own tenant, for the Bot Framework's scope.
    expect(login.requests).toEqual([expect.stringMatching(new RegExp(`^POST /${TENANT}/oauth2/v2.0/token .*scope=https%3A%2F%2Fapi.botframework.com%2F.default`))]);
  });

  it("--json gives { ok, checks: [{ id, state, summary, action? }] }, one per check in a fixed order", async () => {
    const { url } = await runningBotDatabase();
    const healthy = await doctor({ DATABASE_URL: url }, { argv: ["--json"] });
    expect(healthy.code).toBe(0);
    const report = healthy.report();
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual([...DOCTOR_CHECKS]);
    for (const check of report.checks) {
      expect(Object.keys(check).sort()).toEqual(check.action === undefined ? ["id", "state", "summary"] : ["action", "id", "state", "summary"]);
      expect(["ok", "failed", "warning", "skipped"]).toContain(check.state);
      expect(check.summary).not.toBe("");
    }
    const broken = await doctor({ DATABASE_URL: join(tmpdir(), "no-such-dir", "bot.sqlite") }, { argv: ["--json"] });
    expect(broken.code).toBe(1);
    expect(broken.report()).toMatchObject({ ok: false, checks: expect.arrayContaining([{ id: "database", state: "failed", summary: expect.stringContaining("no database"), action: expect.stringContaining("start the bot once") }]) });
  });
});

describe("npm run doctor: each fault made on purpose exits 1 with its line", () => {
  it("a setting the bot refuses: the same message as start-up, and nothing else checked", async () => {
    const { code, out } = await doctor({ PORT: "eighty", LOG_LEVEL: "loud" });
    expect(code).toBe(1);
    expect(lineOf(out, "settings")).toContain("✗ settings: PORT: expected a port number; LOG_LEVEL: expected one of fatal, error");
    expect(lineOf(out, "database")).toBe("- database: not checked: the settings are invalid\n");
  });

  it("an unreachable database (PostgreSQL on a closed port) is named without its password", async () => {
    const port = await freePort();
    const { code, out } = await doctor({ DATABASE_URL: `postgres://bot:hunter2@127.0.0.1:${port}/safeguard` });
    expect(code).toBe(1);
    expect(lineOf(out, "database")).toMatch(new RegExp(`✗ database: DATABASE_URL: PostgreSQL at 127.0.0.1:${port}/safeguard could not be reached \\(ECONNREFUSED\\)\n    → check the server is running`));
    expect(out).not.toContain("hunter2");
  });

  it("migrations not run are listed by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doctor-"));
    closeSync(openSync(join(dir, "bot.sqlite"), "w"));
    const { code, out } = await doctor({ DATABASE_URL: join(dir, "bot.sqlite") });
    expect(code).toBe(1);
    expect(lineOf(out, "migrations")).toMatch(/✗ migrations: \d+ migrations not run: 2026-11-23-001-check-sessions, .*\n    → start the bot once with this version/);
  });

  it("a wrong REFERRAL_KEY names both key ids", async () => {
    const { url } = await runningBotDatabase();
    const sealedBy = createReferralCrypto(Buffer.from(newKey(), "base64"));
    const database = await createDatabase(url);
    await recordSealingKey(database.db, sealedBy.keyId);
    const sealed = sealedBy.sealJson({ forename: "test" }, { aad: "referral:r1:sealed" });
    await createReferralRepository(database.db).submit(
      { id: "r1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: "d1", status: "submitted", summary: {}, triage: {}, sealed, matchKeys: [] },
      { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: sealed },
      [],
    );
    await database.close();
    const wrong = newKey();
    const { code, out } = await doctor({ DATABASE_URL: url, REFERRAL_KEY: wrong });
    expect(code).toBe(1);
    const { keyId } = createReferralCrypto(Buffer.from(wrong, "base64"));
    expect(lineOf(out, "referral key")).toContain(`✗ referral key: REFERRAL_KEY: this key (key id ${keyId}) is not the one that sealed the referrals and drafts in this database (key id ${sealedBy.keyId})`);
    expect(out).not.toContain(wrong);
    // The referral waits for Kingston's channel too, and is counted, never shown.
    expect(lineOf(out, "triage channels")).toContain("1 referral for kingston waits for a triage channel");
    expect(out).not.toContain("test");
  });

  it("an unresolved Key Vault reference is named as such", async () => {
    const { url } = await runningBotDatabase();
    const { code, out } = await doctor({ DATABASE_URL: url, REFERRAL_KEY: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/referral-key/)" });
    expect(code).toBe(1);
    expect(lineOf(out, "referral key")).toMatch(/✗ referral key: REFERRAL_KEY: App Service could not resolve its Key Vault reference.*\n    → give the web app's managed identity the Key Vault Secrets User role/);
  });

  it("an area with triage members but no registered channel says how to register it", async () => {
    const { dir, url } = await runningBotDatabase();
    writeFileSync(join(dir, "roles.yaml"), `areas:\n  sutton:\n    triage: [${LEAD}]\n`);
    const { code, out } = await doctor({ DATABASE_URL: url, ROLES_FILE: join(dir, "roles.yaml") });
    expect(code).toBe(1);
    expect(lineOf(out, "triage channels")).toBe(
      `✗ triage channels: sutton has triage members but no registered triage channel\n    → an admin of each area @mentions the bot in the area's triage channel in Teams: "register triage sutton"; until then referrers are told to phone the front door`,
    );
    expect(out).not.toContain(LEAD);
  });

  it("a roles file start-up would refuse is refused with its line", async () => {
    const { dir, url } = await runningBotDatabase();
    writeFileSync(join(dir, "roles.yaml"), "areas:\n  kingstn:\n    triage: []\n");
    const { code, out } = await doctor({ DATABASE_URL: url, ROLES_FILE: join(dir, "roles.yaml") });
    expect(code).toBe(1);
    expect(lineOf(out, "roles")).toContain("areas.kingstn (line 2): unknown area");
  });

  it("dead letters in the outbox", async () => {
    const { url } = await runningBotDatabase();
    const database = await createDatabase(url);
    const outbox = createOutboxRepository(database.db, database.dialect);
    await createReferralRepository(database.db).submit(
      { id: "r1", referenceCode: "KIN", areaId: "kingston", referrerId: "msteams:alex", submittedAt: NOW, idempotencyKey: "d1", status: "submitted", summary: {}, triage: {}, sealed: "v1.x", matchKeys: [] },
      { at: NOW, actorId: "msteams:alex", type: "submitted", sealedDetails: "v1.x" },
      [{ kind: "post-referral-card", payload: {}, dueAt: NOW }],
    );
    const [message] = await outbox.claim(NOW, 1, 60_000);
    await outbox.deadLetter(message!.id, message!.claim, "HTTP 500");
    await database.close();
    const { code, out } = await doctor({ DATABASE_URL: url });
    expect(code).toBe(1);
    expect(lineOf(out, "outbox")).toContain("✗ outbox: 1 message could not be sent to Teams and wait as dead letters\n    → npm run outbox -- status");
  });

  it("a malformed tenant id", async () => {
    const login = await loginHost({ status: 200, body: { access_token: "x" } });
    const { env, packageFile } = await deployment(login.url, { TAB_AUDIENCE: "", MicrosoftAppTenantId: "contoso" });
    const { code, out } = await doctor(env, { packageFile });
    expect(code).toBe(1);
    expect(lineOf(out, "tenant")).toBe("✗ tenant: MicrosoftAppTenantId: expected the tenant's id, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47\n    → copy it from Entra ID → Overview → Tenant ID");
  });

  it("an unreachable login host (a closed local port) is named", async () => {
    const port = await freePort();
    const { env, packageFile } = await deployment(`http://127.0.0.1:${port}`);
    const { code, out } = await doctor(env, { packageFile });
    expect(code).toBe(1);
    expect(lineOf(out, "Bot Framework token")).toBe(
      `✗ Bot Framework token: could not reach 127.0.0.1:${port} (ECONNREFUSED), so no Bot Framework token could be obtained\n    → allow outbound HTTPS from this host to 127.0.0.1:${port} and to *.botframework.com (a proxy or firewall rule), and check DNS`,
    );
  });

  it("a secret the login host refuses is said in the settings' names", async () => {
    const login = await loginHost({ status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided. Trace ID: 1" } });
    const { env, packageFile } = await deployment(login.url);
    const { code, out } = await doctor(env, { packageFile });
    expect(code).toBe(1);
    expect(lineOf(out, "Bot Framework token")).toContain("(HTTP 401, AADSTS7000215, invalid_client)\n    → MicrosoftAppPassword is not a valid client secret");
    expect(out).not.toContain("a-client-secret");
  });

  it("APP_BASE_URL over http, a TAB_AUDIENCE on another host, and an app package built for another bot", async () => {
    const login = await loginHost({ status: 200, body: { access_token: "x" } });
    const { env, dir } = await deployment(login.url);
    const other = "9f8e7d6c-0000-4000-8000-123456789abc";
    expect(runPackageApp({ env: { BOT_ID: other, APP_BASE_URL: "https://elsewhere.example.org" }, outDir: join(dir, "other"), stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const { code, out } = await doctor({ ...env, APP_BASE_URL: "http://safeguard.example.org", TAB_AUDIENCE: `api://elsewhere.example.org/${APP_ID}` }, { packageFile: join(dir, "other", PACKAGE_FILE) });
    expect(code).toBe(1);
    expect(lineOf(out, "app address")).toContain("✗ app address: APP_BASE_URL: expected https://");
    const httpsOut = (await doctor({ ...env, TAB_AUDIENCE: `api://elsewhere.example.org/${APP_ID}` }, { packageFile: join(dir, "other", PACKAGE_FILE) })).out;
    expect(lineOf(httpsOut, "tab sign-in")).toContain("✗ tab sign-in: TAB_AUDIENCE: its host (elsewhere.example.org) is not APP_BASE_URL's (safeguard.example.org)");
    expect(lineOf(httpsOut, "app package")).toContain(`✗ app package: the app package was built for another deployment: its bot is ${other}, not MicrosoftAppId`);
  });

  it("credentials and no ROLES_FILE: nobody could act on a referral", async () => {
    const login = await loginHost({ status: 200, body: { access_token: "x" } });
    const { env, packageFile } = await deployment(login.url, { ROLES_FILE: "" });
    const { code, out } = await doctor(env, { packageFile });
    expect(code).toBe(1);
    expect(lineOf(out, "roles")).toContain("✗ roles: ROLES_FILE: not set, so nobody can register a triage channel or act on referrals");
  });

  it("a bot on a managed identity gets its token from the identity endpoint, and says where to run when there is none", async () => {
    const identity = await loginHost({ status: 200, body: { access_token: "x" } });
    const { env, packageFile } = await deployment("http://127.0.0.1:9", { MicrosoftAppType: "UserAssignedMSI", MicrosoftAppPassword: "", TAB_AUDIENCE: "" });
    const onAzure = await doctor({ ...env, IDENTITY_ENDPOINT: `${identity.url}/msi/token`, IDENTITY_HEADER: "h" }, { packageFile });
    expect(lineOf(onAzure.out, "Bot Framework token")).toContain("✓ Bot Framework token: a Bot Framework token was obtained through the managed identity");
    expect(identity.requests).toEqual([expect.stringMatching(new RegExp(`^GET /msi/token\\?resource=https%3A%2F%2Fapi.botframework.com&api-version=2019-08-01&client_id=${APP_ID} $`))]);
    const elsewhere = await doctor(env, { packageFile });
    expect(elsewhere.code).toBe(1);
    expect(lineOf(elsewhere.out, "Bot Framework token")).toContain("→ run npm run doctor on the Azure host itself");
  });

  it("a heartbeat older than ten minutes is one to look at, not a failure", async () => {
    const { url } = await runningBotDatabase();
    const { code, out } = await doctor({ DATABASE_URL: url }, { now: () => new Date(NOW.getTime() + 3 * 3_600_000) });
    expect(code).toBe(0);
    expect(lineOf(out, "heartbeat")).toBe("! heartbeat: the newest heartbeat is 3 h old\n    → is the bot running, with its health probe on /readyz? Each probe writes the heartbeat");
  });

  it("a wrong argument or doctor setting exits 2 naming it", async () => {
    expect((await doctor({}, { argv: ["--yaml"] })).err).toContain("usage: npm run doctor");
    const bad = await doctor({ DOCTOR_LOGIN_URL: "login.microsoftonline.com" });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("DOCTOR_LOGIN_URL: expected the login host's URL");
  });

  it("the real command exits 1 for a fault and 0 when healthy, with --json on stdout", async () => {
    const { url } = await runningBotDatabase();
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/doctor.ts", "--json"], { env: { PATH: process.env["PATH"] ?? "", ...env } }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const healthy = await run({ DATABASE_URL: url });
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ ok: true });
    const port = await freePort();
    const broken = await run({ DATABASE_URL: `postgres://bot@127.0.0.1:${port}/safeguard` });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false });
  });
});
