// The Azure template and the configuration loader agree, both ways: every app setting
// infra/azure.bicep gives the app is one the bot reads (or one App Service or `npm run doctor`
// reads, named below with why), and every setting the bot reads is set by the template (or left at
// its default on purpose, named below with why). Secrets are Key Vault references, and the
// referral key is in no parameters file.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../../src/config/load-config.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATE = readFileSync(join(ROOT, "infra/azure.bicep"), "utf8");

/** Settings the template sets that the bot does not read, and who does. */
const NOT_READ_BY_THE_BOT = new Map([
  ["APP_BASE_URL", "npm run doctor and npm run package"],
  ["WEBSITES_PORT", "App Service: the port the container listens on"],
  ["WEBSITES_ENABLE_APP_SERVICE_STORAGE", "App Service: keeps /home, where the roles file is, across restarts"],
]);

/** Settings the bot reads that the template leaves at their default, and why that is right in Azure. */
const LEFT_AT_DEFAULT = new Map([
  ["PORT", "3978, the port WEBSITES_PORT names"],
  ["HOST", "0.0.0.0 whenever MicrosoftAppId is set"],
  ["PLAYGROUND", "never starts when MicrosoftAppId is set"],
  ["PLAYGROUND_PORT", "never starts when MicrosoftAppId is set"],
  ["LOCAL_CLOCK", "refused when MicrosoftAppId is set"],
  ["REFERRAL_KEY_PREVIOUS", "set by hand, as a Key Vault reference, only while `npm run keys -- rotate` runs (README \"Keys\")"],
  ["WORKER_HEALTH_PORT", "only for `npm run worker` run apart; in Azure the worker runs in the bot's process (OUTBOX_WORKER on)"],
]);

type Setting = { name: string; value: string };

/** The entries between "// app settings: begin" and "// app settings: end", in two lists: shared and secret. */
function templateSettings(): { shared: Setting[]; withSecret: Setting[] } {
  const block = /\/\/ app settings: begin\n([\s\S]*?)\/\/ app settings: end/.exec(TEMPLATE)?.[1];
  if (block === undefined) throw new Error("infra/azure.bicep: the app settings block markers are missing");
  const list = (name: string) => {
    const body = new RegExp(`var ${name} = \\[\\n([\\s\\S]*?)\\n\\]`).exec(block)?.[1] ?? "";
    return [...body.matchAll(/\{ name: '([A-Za-z_]+)', value: (.+) \}/g)].map(([, setting, value]) => ({ name: setting!, value: value! }));
  };
  return { shared: list("sharedSettings"), withSecret: list("secretSettings") };
}

const loaderSettings = () => Object.keys(ConfigSchema.shape);
const allTemplateNames = () => {
  const { shared, withSecret } = templateSettings();
  return [...shared, ...withSecret].map((setting) => setting.name);
};

describe("infra/azure.bicep and the configuration loader", () => {
  it("the template sets only settings the bot reads, or that App Service or the doctor read", () => {
    const read = new Set(loaderSettings());
    const unread = allTemplateNames().filter((name) => !read.has(name) && !NOT_READ_BY_THE_BOT.has(name));
    expect(unread, "set by infra/azure.bicep but read by nothing: remove it, or say who reads it in NOT_READ_BY_THE_BOT").toEqual([]);
    expect(allTemplateNames().length).toBeGreaterThan(10);
  });

  it("every setting the bot reads is set by the template, or left at its default on purpose", () => {
    const set = new Set(allTemplateNames());
    const missing = loaderSettings().filter((name) => !set.has(name) && !LEFT_AT_DEFAULT.has(name));
    expect(missing, "read by src/config/load-config.ts but not set by infra/azure.bicep: set it there, or say why its default is right in LEFT_AT_DEFAULT").toEqual([]);
  });

  it("the two lists of exceptions hold only real names, and never one the template sets", () => {
    expect([...LEFT_AT_DEFAULT.keys()].filter((name) => !loaderSettings().includes(name))).toEqual([]);
    expect([...LEFT_AT_DEFAULT.keys()].filter((name) => allTemplateNames().includes(name))).toEqual([]);
    expect([...NOT_READ_BY_THE_BOT.keys()].filter((name) => !allTemplateNames().includes(name))).toEqual([]);
  });

  it("secrets are Key Vault references to secrets the vault holds; the referral key is put there by hand", () => {
    const { shared, withSecret } = templateSettings();
    const byName = new Map([...shared, ...withSecret].map((setting) => [setting.name, setting.value]));
    const referenced = (name: string) => /^'@Microsoft\.KeyVault\(\$\{keyVaultRef\}([a-z-]+)\)'$/.exec(byName.get(name) ?? "")?.[1];
    expect(referenced("REFERRAL_KEY")).toBe("referral-key");
    expect(referenced("DATABASE_URL")).toBe("database-url");
    expect(referenced("MicrosoftAppPassword")).toBe("bot-password");
    const madeByTheTemplate = [...TEMPLATE.matchAll(/'Microsoft\.KeyVault\/vaults\/secrets@[^']+' = (?:if \([^)]*\) )?\{\n\s+parent: vault\n\s+name: '([a-z-]+)'/g)].map((match) => match[1]);
    expect(madeByTheTemplate.sort()).toEqual(["bot-password", "database-url"]);
    // The key is no parameter of the template, and neither the parameters nor the Azure
    // environment's file name it. (The laptop trial, m365agents.local.yml, keeps a trial key in
    // its own .user file: it has no vault, and no real referral.)
    expect(TEMPLATE).not.toMatch(/^param \w*referral\w*/im);
    const parameterFiles = [
      ...readdirSync(join(ROOT, "infra")).filter((name) => name.endsWith(".json") || name.endsWith(".bicepparam")).map((name) => join(ROOT, "infra", name)),
      join(ROOT, "env/.env.dev.example"),
    ];
    expect(parameterFiles.length).toBeGreaterThan(1);
    for (const file of parameterFiles) expect(readFileSync(file, "utf8"), file).not.toMatch(/REFERRAL_KEY\s*=|"referralKey"|referral-key"/);
  });

  it.each([
    ["SingleTenant", true],
    ["UserAssignedMSI", false],
  ])("the settings the template gives a %s bot start it, with credentials", (botIdentity, withSecret) => {
    const appId = "1b2c3d4e-0000-4000-8000-123456789abc";
    const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    // What App Service hands the app once the Key Vault references are resolved and Bicep's expressions evaluated.
    const secrets = new Map([
      ["referral-key", randomBytes(32).toString("base64")],
      ["database-url", "postgres://safeguardadmin:pw@sg.postgres.database.azure.com:5432/safeguard?sslmode=verify-full"],
      ["bot-password", "a-client-secret"],
    ]);
    const expressions = new Map([
      ["botAppId", appId],
      ["botIdentity", botIdentity],
      ["tenantId", tenantId],
      ["rolesFile", "/home/safeguard/roles.yaml"],
      ["string(retentionDays)", "365"],
      ["appHost", "sgexample.azurewebsites.net"],
    ]);
    const evaluate = (value: string) => {
      const bare = expressions.get(value);
      if (bare !== undefined) return bare;
      const text = /^'(.*)'$/.exec(value)?.[1];
      if (text === undefined) throw new Error(`infra/azure.bicep: an app setting's value this test cannot read: ${value}`);
      const reference = /^@Microsoft\.KeyVault\(\$\{keyVaultRef\}([a-z-]+)\)$/.exec(text)?.[1];
      if (reference !== undefined) return secrets.get(reference) ?? "";
      return text.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => expressions.get(name) ?? `<${name}>`);
    };
    const { shared, withSecret: secretSettings } = templateSettings();
    const env = Object.fromEntries([...shared, ...(withSecret ? secretSettings : [])].map((setting) => [setting.name, evaluate(setting.value)]));
    const config = loadConfig(env);
    expect(config.bot).toEqual({ appId, appPassword: withSecret ? "a-client-secret" : undefined, tenantId, appType: botIdentity });
    expect(config.tab).toEqual(withSecret ? { audience: `api://sgexample.azurewebsites.net/${appId}`, appId, tenantId } : undefined);
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(3978);
  });

  it("App Service is https only, TLS 1.2 or later, probed on /readyz, and runs the image built from the Dockerfile", () => {
    expect(TEMPLATE).toContain("httpsOnly: true");
    expect(TEMPLATE).toContain("minTlsVersion: '1.2'");
    expect(TEMPLATE).toContain("healthCheckPath: '/readyz'");
    expect(TEMPLATE).toMatch(/linuxFxVersion: 'DOCKER\|\$\{registry\.properties\.loginServer\}\/safeguard-teams:\$\{imageTag\}'/);
    // App Service sends requests to the port the image listens on.
    expect(readFileSync(join(ROOT, "Dockerfile"), "utf8")).toContain("EXPOSE 3978");
    expect(TEMPLATE).toContain("{ name: 'WEBSITES_PORT', value: '3978' }");
  });
});
