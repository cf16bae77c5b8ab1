// Config: one zod-validated reader of the environment; a bad setting stops start-up, named.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { clockFrom } from "../../src/config/local-clock.ts";
import { problemsOf } from "../support/problems-of.ts";

describe("loadConfig", () => {
  it("runs locally with no settings: port 3978, SQLite under ./data, no authentication, the playground on", () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: "127.0.0.1",
      logLevel: "info",
      databaseUrl: "./data/safeguard.sqlite",
      playground: { enabled: true, port: 56150 },
      outboxWorker: true,
      retentionDays: 365,
      shutdownDeadlineMs: 8000,
      bot: undefined,
    });
  });

  describe("LOCAL_CLOCK (the playground at another time)", () => {
    it("starts the clock at the moment given, which then runs on", () => {
      const config = loadConfig({ LOCAL_CLOCK: "2026-11-29T03:00:00Z" });
      expect(config.clockStart).toEqual(new Date("2026-11-29T03:00:00Z"));
      let real = 1_000_000;
      const clock = clockFrom(config.clockStart!, () => real);
      expect(clock()).toEqual(new Date("2026-11-29T03:00:00Z"));
      real += 90_000;
      expect(clock()).toEqual(new Date("2026-11-29T03:01:30Z"));
    });

    it("is refused when it cannot be read, or with credentials (local use only)", () => {
      expect(problemsOf(() => loadConfig({ LOCAL_CLOCK: "Sunday 3am" }), ConfigError)).toEqual(["LOCAL_CLOCK: expected a date and time with its offset, such as 2026-11-29T03:00:00Z"]);
      expect(problemsOf(() => loadConfig({ LOCAL_CLOCK: "2026-11-29T03:00:00Z", MicrosoftAppId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b", MicrosoftAppPassword: "secret" }), ConfigError)).toEqual([
        "LOCAL_CLOCK: is for local use with the playground only: unset it when MicrosoftAppId is set",
      ]);
    });
  });

  it("authenticates as Teams requires when an app id is set, and then never starts the playground", () => {
    const config = loadConfig({ MicrosoftAppId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b", MicrosoftAppPassword: "secret", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: "tenant" });
    expect(config.bot).toEqual({ appId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b", appPassword: "secret", tenantId: "tenant", appType: "SingleTenant" });
    expect(config.playground.enabled).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("treats empty settings as unset", () => {
    expect(loadConfig({ MicrosoftAppId: "", MicrosoftAppPassword: "", DATABASE_URL: "" }).bot).toBeUndefined();
  });

  it.each<[string, Record<string, string>, string]>([
    ["a port that is not a number", { PORT: "eighty" }, "PORT: expected a port number"],
    ["a port out of range", { PORT: "70000" }, "PORT: expected 1-65535"],
    ["an unknown log level", { LOG_LEVEL: "loud" }, "LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"],
    ["an app id that is not a GUID", { MicrosoftAppId: "my-bot" }, "MicrosoftAppId: expected the bot's Microsoft app id (a GUID)"],
    ["an app id without a password", { MicrosoftAppId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b" }, "MicrosoftAppPassword: required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI)"],
    ["single tenant without a tenant", { MicrosoftAppId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b", MicrosoftAppPassword: "x", MicrosoftAppType: "SingleTenant" }, "MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant"],
    ["an unknown app type", { MicrosoftAppType: "Personal" }, "MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI"],
    ["a playground switch that is not on/off", { PLAYGROUND: "yes" }, "PLAYGROUND: expected on or off"],
    ["an outbox worker switch that is not on/off", { OUTBOX_WORKER: "false" }, "OUTBOX_WORKER: expected on or off"],
    ["a retention that is not a number", { RETENTION_DAYS: "a year" }, "RETENTION_DAYS: expected a whole number of days"],
    ["a retention in part days", { RETENTION_DAYS: "1.5" }, "RETENTION_DAYS: expected a whole number of days"],
    ["a retention of nothing", { RETENTION_DAYS: "0" }, "RETENTION_DAYS: expected at least 1 day"],
    ["a retention past ten years", { RETENTION_DAYS: "4000" }, "RETENTION_DAYS: expected at most 3650 days (10 years)"],
    ["a shutdown deadline that is not a number", { SHUTDOWN_DEADLINE_SECONDS: "soon" }, "SHUTDOWN_DEADLINE_SECONDS: expected a number of seconds"],
    ["a shutdown deadline of nothing", { SHUTDOWN_DEADLINE_SECONDS: "0" }, "SHUTDOWN_DEADLINE_SECONDS: expected a number of seconds above 0"],
  ])("refuses %s, naming it", (_name, env, problem) => {
    expect(problemsOf(() => loadConfig(env), ConfigError)).toContain(problem);
  });

  // Issue 8, point 4: half-set credentials would start unauthenticated, trusting any caller.
  it.each<[string, Record<string, string>, string]>([
    ["a password without an app id", { MicrosoftAppPassword: "secret" }, "MicrosoftAppPassword: is set but MicrosoftAppId is not: set both, or neither for local use"],
    ["a tenant without an app id", { MicrosoftAppTenantId: "tenant" }, "MicrosoftAppTenantId: is set but MicrosoftAppId is not: set both, or neither for local use"],
    ["an app type without an app id", { MicrosoftAppType: "SingleTenant" }, "MicrosoftAppType: is set but MicrosoftAppId is not: set both, or neither for local use"],
    ["the app id in capitals with underscores", { MICROSOFT_APP_ID: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b" }, "MICROSOFT_APP_ID: not read; the setting is spelt MicrosoftAppId"],
    ["the password in lower case", { microsoftapppassword: "secret" }, "microsoftapppassword: not read; the setting is spelt MicrosoftAppPassword"],
  ])("refuses half-set credentials: %s", (_name, env, problem) => {
    expect(problemsOf(() => loadConfig(env), ConfigError)).toContain(problem);
  });

  it("listens on loopback only without credentials, on every address with them, and as HOST says when set", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ MicrosoftAppId: "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b", MicrosoftAppPassword: "x" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("keeps a decided referral's personal fields 365 days unless RETENTION_DAYS says otherwise", () => {
    expect(loadConfig({}).retentionDays).toBe(365);
    expect(loadConfig({ RETENTION_DAYS: "30" }).retentionDays).toBe(30);
  });

  it("runs the outbox worker in the bot process unless OUTBOX_WORKER is off (then `npm run worker` runs it)", () => {
    expect(loadConfig({ OUTBOX_WORKER: "on" }).outboxWorker).toBe(true);
    expect(loadConfig({ OUTBOX_WORKER: "off" }).outboxWorker).toBe(false);
  });

  it("lists every bad setting at once", () => {
    expect(problemsOf(() => loadConfig({ PORT: "x", LOG_LEVEL: "loud" }), ConfigError)).toHaveLength(2);
  });

  // Issue 11, point 6: the audience of the tab's Teams SSO tokens.
  describe("TAB_AUDIENCE", () => {
    const APP_ID = "0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b";
    const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "secret", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: TENANT };

    it("gives the tab's audience, app id and tenant when the Application ID URI is set", () => {
      const config = loadConfig({ ...credentials, TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}` });
      expect(config.tab).toEqual({ audience: `api://safeguard.example.org/${APP_ID}`, appId: APP_ID, tenantId: TENANT });
      expect(Object.isFrozen(config.tab)).toBe(true);
    });

    it("leaves the tab without Teams sign-in when unset or empty", () => {
      expect(loadConfig(credentials).tab).toBeUndefined();
      expect(loadConfig({ ...credentials, TAB_AUDIENCE: "" }).tab).toBeUndefined();
      expect(loadConfig({}).tab).toBeUndefined();
    });

    it.each<[string, Record<string, string>, string]>([
      ["an https URL", { ...credentials, TAB_AUDIENCE: `https://safeguard.example.org/${APP_ID}` }, "TAB_AUDIENCE: expected the tab's Application ID URI, such as api://safeguard.example.org/<MicrosoftAppId>"],
      ["a bare app id", { ...credentials, TAB_AUDIENCE: APP_ID }, "TAB_AUDIENCE: expected the tab's Application ID URI"],
      ["an api:// URI with no host", { ...credentials, TAB_AUDIENCE: `api:///${APP_ID}` }, "TAB_AUDIENCE: expected the tab's Application ID URI"],
      ["an api:// URI with a query", { ...credentials, TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}?x=1` }, "TAB_AUDIENCE: expected the tab's Application ID URI"],
      ["another app's URI", { ...credentials, TAB_AUDIENCE: "api://safeguard.example.org/1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b" }, "TAB_AUDIENCE: expected the Application ID URI to end with /<MicrosoftAppId>, as Teams sign-in requires"],
      ["no credentials", { TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}` }, "TAB_AUDIENCE: is set but MicrosoftAppId is not: Teams sign-in needs the app's credentials"],
      ["no tenant", { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "secret", TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}` }, "MicrosoftAppTenantId: required as the tenant's id (a GUID) when TAB_AUDIENCE is set"],
      ["a tenant named by domain", { ...credentials, MicrosoftAppTenantId: "contoso.onmicrosoft.com", TAB_AUDIENCE: `api://safeguard.example.org/${APP_ID}` }, "MicrosoftAppTenantId: required as the tenant's id (a GUID) when TAB_AUDIENCE is set"],
    ])("refuses %s, naming the setting", (_name, env, problem) => {
      expect(problemsOf(() => loadConfig(env), ConfigError).join("\n")).toContain(problem);
    });
  });
});
