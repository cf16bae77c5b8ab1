// The one place that reads the environment: parse once with zod, fail fast naming every bad
// setting, return a frozen typed object (STYLE.md "Pure core, thin edges").
import { z } from "zod";

const port = (fallback: number) =>
  z.coerce.number({ error: "expected a port number" }).int({ error: "expected a whole number" }).min(1, { error: "expected 1-65535" }).max(65535, { error: "expected 1-65535" }).default(fallback);

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

/** An Entra Application ID URI as Teams SSO needs it: api://<host>/..., with no query or fragment. */
export function isApplicationIdUri(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "api:" && url.host !== "" && url.search === "" && url.hash === "" && !/\s/.test(value);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ConfigSchema = z
  .object({
    PORT: port(3978),
    HOST: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "expected one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().default("./data/safeguard.sqlite")),
    PLAYGROUND: z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
    PLAYGROUND_PORT: port(56150),
    // Issue 10, point 5: "off" when the outbox worker runs as its own process (`npm run worker`).
    OUTBOX_WORKER: z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
    // `npm run worker` run apart answers /healthz and /readyz on this port; unset, it opens none.
    WORKER_HEALTH_PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "expected a port number" }).int({ error: "expected a whole number" }).min(1, { error: "expected 1-65535" }).max(65535, { error: "expected 1-65535" }).optional()),
    // Issue 10, point 10: a decided referral's personal fields are purged this many days after the decision.
    RETENTION_DAYS: z.coerce.number({ error: "expected a whole number of days" }).int({ error: "expected a whole number of days" }).min(1, { error: "expected at least 1 day" }).max(3650, { error: "expected at most 3650 days (10 years)" }).default(365),
    // Issue 8, point 11: below the platform's wait between SIGTERM and SIGKILL (Docker's is 10 s), so
    // a cut is logged and the store closed before the process is killed.
    SHUTDOWN_DEADLINE_SECONDS: z.coerce.number({ error: "expected a number of seconds" }).positive({ error: "expected a number of seconds above 0" }).max(600, { error: "expected at most 600 seconds" }).default(8),
    // Issue 10: who may register triage channels and act on referrals (load-roles.ts reads the file).
    ROLES_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
    // Issue 10, point 10: seals referrals' personal fields (load-referral-key.ts checks it; never echoed).
    REFERRAL_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    // During a key rotation only, the key REFERRAL_KEY replaces (npm run keys -- rotate).
    REFERRAL_KEY_PREVIOUS: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppId: z.preprocess(emptyAsUndefined, z.guid({ error: "expected the bot's Microsoft app id (a GUID)" }).optional()),
    MicrosoftAppPassword: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppTenantId: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppType: z.preprocess(emptyAsUndefined, z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], { error: "expected MultiTenant, SingleTenant or UserAssignedMSI" }).optional()),
    // DOMAIN.md §6 in the playground: the moment the local clock starts at (it then runs on), to see
    // the product at 03:00 on a Sunday or on Christmas Day. Local use only.
    LOCAL_CLOCK: z.preprocess(emptyAsUndefined, z.iso.datetime({ offset: true, error: "expected a date and time with its offset, such as 2026-11-29T03:00:00Z" }).optional()),
    // Issue 11, point 6: the tab's Application ID URI, the audience of the Teams SSO tokens it sends.
    TAB_AUDIENCE: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isApplicationIdUri, { error: "expected the tab's Application ID URI, such as api://safeguard.example.org/<MicrosoftAppId>" }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    // Issue 8, point 4: half-set credentials would start open, trusting any caller. Refuse them.
    if (env.MicrosoftAppId === undefined) {
      for (const setting of ["MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType"] as const) {
        if (env[setting] !== undefined) ctx.addIssue({ code: "custom", path: [setting], message: "is set but MicrosoftAppId is not: set both, or neither for local use" });
      }
    }
    if (env.MicrosoftAppId !== undefined && env.MicrosoftAppType !== "UserAssignedMSI" && env.MicrosoftAppPassword === undefined) {
      ctx.addIssue({ code: "custom", path: ["MicrosoftAppPassword"], message: "required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI)" });
    }
    if (env.MicrosoftAppType === "SingleTenant" && env.MicrosoftAppTenantId === undefined) {
      ctx.addIssue({ code: "custom", path: ["MicrosoftAppTenantId"], message: "required when MicrosoftAppType is SingleTenant" });
    }
    if (env.LOCAL_CLOCK !== undefined && env.MicrosoftAppId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["LOCAL_CLOCK"], message: "is for local use with the playground only: unset it when MicrosoftAppId is set" });
    }
    if (env.TAB_AUDIENCE !== undefined) {
      // Teams SSO: the URI belongs to the bot's app registration (the manifest's webApplicationInfo),
      // and a token is accepted only from the one tenant, which its issuer names by id.
      if (env.MicrosoftAppId === undefined) ctx.addIssue({ code: "custom", path: ["TAB_AUDIENCE"], message: "is set but MicrosoftAppId is not: Teams sign-in needs the app's credentials" });
      else if (!env.TAB_AUDIENCE.toLowerCase().endsWith(`/${env.MicrosoftAppId.toLowerCase()}`)) ctx.addIssue({ code: "custom", path: ["TAB_AUDIENCE"], message: "expected the Application ID URI to end with /<MicrosoftAppId>, as Teams sign-in requires" });
      if (env.MicrosoftAppId !== undefined && (env.MicrosoftAppTenantId === undefined || !GUID.test(env.MicrosoftAppTenantId))) {
        ctx.addIssue({ code: "custom", path: ["MicrosoftAppTenantId"], message: "required as the tenant's id (a GUID) when TAB_AUDIENCE is set: only that tenant's users may use the tab" });
      }
    }
  });

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof ConfigSchema>["LOG_LEVEL"];
  /** A SQLite file path, or a postgres:// URL for many instances. */
  databaseUrl: string;
  /** The Microsoft 365 Agents Playground, started only when there are no credentials. */
  playground: Readonly<{ enabled: boolean; port: number }>;
  /** Whether the bot process runs the outbox worker itself; off when `npm run worker` runs it apart. */
  outboxWorker: boolean;
  /** `npm run worker`'s /healthz and /readyz port, when it has one. */
  workerHealthPort: number | undefined;
  /** Days after its decision that a referral's personal fields are kept (RETENTION_DAYS). */
  retentionDays: number;
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before they are cut. */
  shutdownDeadlineMs: number;
  /** LOCAL_CLOCK: local use only, the instant the clock starts at; absent: the real time. */
  clockStart: Date | undefined;
  /** The roles file (ROLES_FILE); absent: everyone in local use, nobody when authenticated. */
  rolesFile: string | undefined;
  /** REFERRAL_KEY as given; absent in local use means a key file in the data folder. */
  referralKey: string | undefined;
  /** During a key rotation: the key REFERRAL_KEY replaces. */
  referralKeyPrevious: string | undefined;
  /** Absent: run without authentication, for local use with the Agents Playground. */
  bot: Readonly<{ appId: string; appPassword: string | undefined; tenantId: string | undefined; appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI" }> | undefined;
  /**
   * Teams sign-in for the tab (TAB_AUDIENCE): its SSO tokens must be for `audience` (or, as v2.0
   * tokens, for `appId`) and from `tenantId`. Absent: with credentials the tab's API refuses everyone.
   */
  tab: Readonly<{ audience: string; appId: string; tenantId: string }> | undefined;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const CREDENTIAL_SETTINGS = ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType"] as const;

/** A credential setting spelt another way (MICROSOFT_APP_ID, microsoftappid), which would be ignored. */
function misspeltCredentials(env: Record<string, string | undefined>): string[] {
  const squash = (name: string) => name.toLowerCase().replace(/[_-]/g, "");
  return Object.keys(env).flatMap((key) => {
    const meant = CREDENTIAL_SETTINGS.find((setting) => squash(setting) === squash(key) && setting !== key);
    return meant === undefined || env[key] === undefined || env[key] === "" ? [] : [`${key}: not read; the setting is spelt ${meant}`];
  });
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)), ...misspeltCredentials(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const settings = parsed.data;
  return Object.freeze({
    port: settings.PORT,
    // Without credentials nothing checks who is calling: listen on loopback only, unless HOST says otherwise.
    host: settings.HOST ?? (settings.MicrosoftAppId === undefined ? "127.0.0.1" : "0.0.0.0"),
    logLevel: settings.LOG_LEVEL,
    databaseUrl: settings.DATABASE_URL,
    playground: Object.freeze({ enabled: settings.PLAYGROUND === "on" && settings.MicrosoftAppId === undefined, port: settings.PLAYGROUND_PORT }),
    outboxWorker: settings.OUTBOX_WORKER === "on",
    workerHealthPort: settings.WORKER_HEALTH_PORT,
    retentionDays: settings.RETENTION_DAYS,
    shutdownDeadlineMs: Math.round(settings.SHUTDOWN_DEADLINE_SECONDS * 1000),
    clockStart: settings.LOCAL_CLOCK === undefined ? undefined : new Date(settings.LOCAL_CLOCK),
    rolesFile: settings.ROLES_FILE,
    referralKey: settings.REFERRAL_KEY,
    referralKeyPrevious: settings.REFERRAL_KEY_PREVIOUS,
    bot:
      settings.MicrosoftAppId === undefined
        ? undefined
        : Object.freeze({
            appId: settings.MicrosoftAppId,
            appPassword: settings.MicrosoftAppPassword,
            tenantId: settings.MicrosoftAppTenantId,
            appType: settings.MicrosoftAppType ?? "MultiTenant",
          }),
    tab:
      settings.TAB_AUDIENCE === undefined || settings.MicrosoftAppId === undefined || settings.MicrosoftAppTenantId === undefined
        ? undefined
        : Object.freeze({ audience: settings.TAB_AUDIENCE, appId: settings.MicrosoftAppId, tenantId: settings.MicrosoftAppTenantId }),
  });
}
