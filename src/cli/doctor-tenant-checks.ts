// The doctor's checks of what ties the bot to a Teams tenant: the tenant id, the tab's sign-in
// audience, the https address, the app package built for this app id, and a Bot Framework token
// actually obtained from the login host. None applies in local use without credentials.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import type { Config } from "../config/load-config.ts";
import { failed, ok, skipped, warning, type CheckResult } from "./doctor-report.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL = "local use: no MicrosoftAppId";

export type TenantCheckOptions = {
  readonly config: Config;
  /** APP_BASE_URL, as `npm run package` reads it. */
  readonly appBaseUrl: string | undefined;
  /** The app package `npm run package` writes (build/safeguard-teams-app.zip). */
  readonly packageFile: string;
  /** Entra's login host; tests point it at a closed local port. */
  readonly loginUrl: string;
  /** App Service's and Container Apps' managed identity endpoint, when the doctor runs there. */
  readonly identityEndpoint: Readonly<{ url: string; header: string }> | undefined;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
};

export async function checkTenant(options: TenantCheckOptions): Promise<CheckResult[]> {
  const { config } = options;
  if (config.bot === undefined) return (["tenant", "tab-audience", "app-base-url", "app-package", "bot-token"] as const).map((id) => skipped(id, LOCAL));
  const baseHost = httpsHost(options.appBaseUrl);
  return [checkTenantId(config.bot), checkTabAudience(config, baseHost), checkBaseUrl(options.appBaseUrl), checkPackage(options.packageFile, config, baseHost), await checkToken(options, config.bot)];
}

function httpsHost(url: string | undefined): string | undefined {
  return url !== undefined && URL.canParse(url) && new URL(url).protocol === "https:" ? new URL(url).host.toLowerCase() : undefined;
}

function checkTenantId(bot: NonNullable<Config["bot"]>): CheckResult {
  const where = "Entra ID → Overview → Tenant ID";
  if (bot.tenantId === undefined) {
    return warning("tenant", `MicrosoftAppTenantId: not set, so the bot is ${bot.appType}`, `new Azure Bots are single tenant: set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId to your tenant's id (${where})`);
  }
  if (!GUID.test(bot.tenantId)) return failed("tenant", "MicrosoftAppTenantId: expected the tenant's id, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47", `copy it from ${where}`);
  return ok("tenant", `tenant ${bot.tenantId}, ${bot.appType}`);
}

function checkTabAudience(config: Config, baseHost: string | undefined): CheckResult {
  if (config.tab === undefined) return warning("tab-audience", "TAB_AUDIENCE: not set, so the tab's API refuses everyone (the bot still works)", "set it to api://<APP_BASE_URL's host>/<MicrosoftAppId>, the Application ID URI of the app registration");
  const audienceHost = new URL(config.tab.audience).host.toLowerCase();
  if (baseHost !== undefined && audienceHost !== baseHost) {
    return failed("tab-audience", `TAB_AUDIENCE: its host (${audienceHost}) is not APP_BASE_URL's (${baseHost}); Teams gives the tab no token for it`, `set TAB_AUDIENCE to api://${baseHost}/${config.tab.appId}, and the app registration's Application ID URI to the same`);
  }
  return ok("tab-audience", `${config.tab.audience}, tokens from tenant ${config.tab.tenantId}`);
}

function checkBaseUrl(appBaseUrl: string | undefined): CheckResult {
  const example = "set APP_BASE_URL to the https address Teams reaches the bot at, such as https://safeguard.example.org";
  if (appBaseUrl === undefined) return failed("app-base-url", "APP_BASE_URL: not set", example);
  if (!URL.canParse(appBaseUrl)) return failed("app-base-url", "APP_BASE_URL: not a URL", example);
  if (new URL(appBaseUrl).protocol !== "https:") return failed("app-base-url", "APP_BASE_URL: expected https://; Teams reaches bots and tabs only over https", example);
  return ok("app-base-url", `${appBaseUrl} (https)`);
}

const ManifestFields = (manifest: unknown) => {
  const value = manifest as { id?: unknown; bots?: { botId?: unknown }[]; validDomains?: unknown[]; webApplicationInfo?: { id?: unknown; resource?: unknown } };
  return { id: value.id, botId: value.bots?.[0]?.botId, domains: (value.validDomains ?? []).map(String), ssoId: value.webApplicationInfo?.id, resource: value.webApplicationInfo?.resource };
};

function checkPackage(file: string, config: Config, baseHost: string | undefined): CheckResult {
  const rebuild = "rebuild it with the deployment's settings (MicrosoftAppId, APP_BASE_URL and TAB_AUDIENCE set, then npm run package), and upload it again in the Teams admin centre";
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return warning("app-package", "no app package built here", "build it where you upload it: npm run package (see manifest/README.md)");
  }
  const text = readZipEntry(bytes, "manifest.json");
  if (text === undefined) return failed("app-package", "the app package holds no readable manifest.json", rebuild);
  const found = ManifestFields(JSON.parse(text));
  const appId = config.bot?.appId.toLowerCase();
  const problems = [
    ...(String(found.botId).toLowerCase() === appId ? [] : [`its bot is ${String(found.botId)}, not MicrosoftAppId`]),
    ...(String(found.id).toLowerCase() === appId ? [] : ["its app id is not MicrosoftAppId"]),
    ...(baseHost === undefined || found.domains.some((domain) => domain.toLowerCase() === baseHost) ? [] : [`its valid domains do not hold ${baseHost}`]),
    ...(config.tab === undefined || String(found.resource) === config.tab.audience ? [] : ["its sign-in resource is not TAB_AUDIENCE"]),
  ];
  if (problems.length > 0) return failed("app-package", `the app package was built for another deployment: ${problems.join("; ")}`, rebuild);
  return ok("app-package", `built for app ${config.bot?.appId}${baseHost === undefined ? "" : ` at ${baseHost}`}`);
}

/** One entry of a zip file (stored or deflated), as text; undefined when it is not there. */
export function readZipEntry(zip: Buffer, name: string): string | undefined {
  // The end of central directory record is in the last 22 bytes plus a comment of up to 64 KiB.
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end -= 1) {
    if (zip.readUInt32LE(end) !== 0x06054b50) continue;
    let entry = zip.readUInt32LE(end + 16);
    for (let index = 0; index < zip.readUInt16LE(end + 10) && entry + 46 <= zip.length; index += 1) {
      const method = zip.readUInt16LE(entry + 10);
      const size = zip.readUInt32LE(entry + 20);
      const nameLength = zip.readUInt16LE(entry + 28);
      const skip = nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
      if (zip.toString("utf8", entry + 46, entry + 46 + nameLength) === name) {
        const local = zip.readUInt32LE(entry + 42);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + size);
        return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
      }
      entry += 46 + skip;
    }
    return undefined;
  }
  return undefined;
}

// Entra's errors by their AADSTS code: what is wrong, said in the settings' names.
const TOKEN_ERRORS: ReadonlyMap<string, string> = new Map([
  ["AADSTS7000215", "MicrosoftAppPassword is not a valid client secret of this app registration: make a new one (Certificates & secrets) and set it"],
  ["AADSTS7000222", "MicrosoftAppPassword has expired: make a new client secret (Certificates & secrets) and set it"],
  ["AADSTS700016", "MicrosoftAppId is not an app registered in this tenant: check MicrosoftAppId, MicrosoftAppType and MicrosoftAppTenantId"],
  ["AADSTS90002", "MicrosoftAppTenantId names no tenant: copy it from Entra ID → Overview → Tenant ID"],
  ["AADSTS900023", "MicrosoftAppTenantId is not a tenant id Entra accepts"],
]);

const BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default";

async function checkToken(options: TenantCheckOptions, bot: NonNullable<Config["bot"]>): Promise<CheckResult> {
  if (bot.appType === "UserAssignedMSI") return checkManagedIdentityToken(options, bot.appId);
  // As botbuilder does: a single-tenant bot signs in at its own tenant, a multi-tenant one at botframework.com.
  const authority = bot.appType === "SingleTenant" && bot.tenantId !== undefined ? bot.tenantId : "botframework.com";
  const url = `${options.loginUrl.replace(/\/+$/, "")}/${encodeURIComponent(authority)}/oauth2/v2.0/token`;
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: bot.appId, client_secret: bot.appPassword ?? "", scope: BOT_FRAMEWORK_SCOPE });
  let response: Response;
  try {
    response = await options.fetch(url, { method: "POST", body, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    return unreachable(url, error);
  }
  if (response.ok) return ok("bot-token", `a Bot Framework token was obtained from ${new URL(url).host}`);
  const answer = (await response.json().catch(() => ({}))) as { error?: unknown; error_description?: unknown };
  const code = /AADSTS\d+/.exec(String(answer.error_description ?? ""))?.[0];
  const meaning = code === undefined ? undefined : TOKEN_ERRORS.get(code);
  return failed("bot-token", `${new URL(url).host} refused a token (HTTP ${response.status}${code === undefined ? "" : `, ${code}`}${typeof answer.error === "string" ? `, ${answer.error}` : ""})`, meaning ?? "check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId against the app registration");
}

async function checkManagedIdentityToken(options: TenantCheckOptions, clientId: string): Promise<CheckResult> {
  const endpoint = options.identityEndpoint;
  if (endpoint === undefined) {
    return failed("bot-token", "UserAssignedMSI: no managed identity endpoint here (IDENTITY_ENDPOINT), so no token can be obtained", "run npm run doctor on the Azure host itself (App Service: SSH console), where the identity is assigned");
  }
  const url = `${endpoint.url}?${new URLSearchParams({ resource: "https://api.botframework.com", "api-version": "2019-08-01", client_id: clientId })}`;
  let response: Response;
  try {
    response = await options.fetch(url, { headers: { "X-IDENTITY-HEADER": endpoint.header }, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    return unreachable(url, error);
  }
  if (response.ok) return ok("bot-token", "a Bot Framework token was obtained through the managed identity");
  return failed("bot-token", `the managed identity endpoint refused a token (HTTP ${response.status})`, "assign the user-assigned identity whose client id is MicrosoftAppId to this app, and use the same identity in the Azure Bot");
}

function unreachable(url: string, error: unknown): CheckResult {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : error instanceof Error && error.name === "TimeoutError" ? "no answer in time" : "network error";
  const host = new URL(url).host;
  return failed("bot-token", `could not reach ${host} (${code}), so no Bot Framework token could be obtained`, `allow outbound HTTPS from this host to ${host} and to *.botframework.com (a proxy or firewall rule), and check DNS`);
}
