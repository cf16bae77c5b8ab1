// The doctor's checks of what the bot keeps: the database reachable and migrated, the referral key
// the one that sealed it, the roles file and each area's triage channel, the outbox's dead letters
// and the newest /readyz heartbeat. They reuse the loaders the bot starts with, so a line here says
// what start-up would say. Nothing is migrated, generated or sent: the doctor only looks.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import type { Config } from "../config/load-config.ts";
import { ConfigError } from "../config/load-config.ts";
import { dataDirOf, KEY_FILE_NAME, keyMismatch, loadReferralKey } from "../config/load-referral-key.ts";
import { loadRoles, RolesError, type LoadedRoles } from "../config/load-roles.ts";
import type { Areas } from "../content/load-areas.ts";
import { createDatabase, type Database, type PostgresLimits } from "../store/create-database.ts";
import { createDeploymentFacts, type DeploymentFacts } from "../store/deployment-facts.ts";
import { createOutboxRepository } from "../store/outbox-repository.ts";
import { createReferralCrypto } from "../store/referral-crypto.ts";
import { sealedKeyIds } from "../store/referral-key-ids.ts";
import { failed, ok, skipped, warning, type CheckResult } from "./doctor-report.ts";

/** A heartbeat older than this means no instance has answered a /readyz probe lately. */
export const HEARTBEAT_STALE_MS = 10 * 60_000;

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** The database as a person recognises it, never with its password. */
export function describeDatabase(url: string): string {
  if (!POSTGRES_URL.test(url)) return `the SQLite file ${url}`;
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "PostgreSQL (DATABASE_URL could not be read as a URL)";
  }
}

/** An error's code (ECONNREFUSED, 28P01, SQLITE_CANTOPEN), never its message, which can carry a connection string. */
function codeOf(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;
  if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/i.test(code)) return code;
  if (error instanceof AggregateError && error.errors.length > 0) return codeOf(error.errors[0]);
  return error instanceof Error && /timeout|timed out/i.test(error.message) ? "timed out" : "no error code";
}

export type StoreCheckOptions = {
  readonly config: Config;
  readonly areas: Areas | { readonly problem: string };
  readonly now: Date;
  readonly postgresLimits?: PostgresLimits;
};

/** Opens the database without migrating it; the results so far, and the database when it answered. */
async function openDatabase(config: Config, postgresLimits: PostgresLimits | undefined): Promise<{ result: CheckResult; database?: Database }> {
  const url = config.databaseUrl;
  const where = describeDatabase(url);
  if (!POSTGRES_URL.test(url) && url !== ":memory:" && !existsSync(url)) {
    return { result: failed("database", `no database at ${where}`, "start the bot once (npm run start:bot): it creates the database and runs its migrations; or set DATABASE_URL to the database it uses") };
  }
  let database: Database | undefined;
  try {
    database = await createDatabase(url, { migrate: false, ...(postgresLimits === undefined ? {} : { postgresLimits }) });
    await sql`select 1`.execute(database.db);
    return { result: ok("database", `${where} answers`), database };
  } catch (error) {
    await database?.close().catch(() => undefined);
    return {
      result: failed("database", `DATABASE_URL: ${where} could not be reached (${codeOf(error)})`, "check the server is running, the host, port and database name, the firewall (Azure: the server's networking allows this app), and the user and password"),
    };
  }
}

export async function checkStore({ config, areas, now, postgresLimits }: StoreCheckOptions): Promise<CheckResult[]> {
  const opened = await openDatabase(config, postgresLimits);
  const { database } = opened;
  const notOpened = (id: CheckResult["id"]) => skipped(id, "not checked: the database did not answer");
  if (database === undefined) {
    return [opened.result, ...(["migrations", "referral-key", "triage-channels", "outbox", "heartbeat"] as const).map(notOpened), checkRoles(config, areas).result];
  }
  try {
    const facts = createDeploymentFacts(database);
    const pending = await facts.pendingMigrations();
    if (pending.length > 0) {
      const notMigrated = (id: CheckResult["id"]) => skipped(id, "not checked: the database's migrations have not all run");
      return [
        opened.result,
        failed("migrations", `${pending.length} migration${pending.length === 1 ? "" : "s"} not run: ${pending.join(", ")}`, "start the bot once with this version (npm run start:bot): it runs them at start-up, before it serves anything"),
        ...(["referral-key", "triage-channels", "outbox", "heartbeat"] as const).map(notMigrated),
        checkRoles(config, areas).result,
      ];
    }
    const roles = checkRoles(config, areas);
    return [
      opened.result,
      ok("migrations", "every migration has run"),
      await checkReferralKey(config, database),
      roles.result,
      await checkTriageChannels(roles.loaded, "problem" in areas ? [] : [...areas.keys()], facts),
      await checkOutbox(database),
      checkHeartbeat(await facts.newestHeartbeat(), now),
    ];
  } finally {
    await database.close();
  }
}

// App Service leaves a Key Vault reference it could not resolve as its own text.
const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(/i;

async function checkReferralKey(config: Config, database: Database): Promise<CheckResult> {
  if (config.referralKey !== undefined && KEY_VAULT_REFERENCE.test(config.referralKey.trim())) {
    return failed("referral-key", "REFERRAL_KEY: App Service could not resolve its Key Vault reference, so the bot sees the reference, not the key", "give the web app's managed identity the Key Vault Secrets User role on the vault, check the secret's name, then restart the app");
  }
  const sealedWith = await sealedKeyIds(database.db);
  const dataDir = dataDirOf(config.databaseUrl);
  // Local use with no key yet: the bot makes one at first start; the doctor makes nothing.
  if (config.referralKey === undefined && config.bot === undefined && sealedWith.length === 0 && !existsSync(join(dataDir, KEY_FILE_NAME))) {
    return ok("referral-key", `no key yet: the bot makes ${join(dataDir, KEY_FILE_NAME)} at its first start (local use)`);
  }
  try {
    const key = loadReferralKey({ value: config.referralKey, dataDir, authenticated: config.bot !== undefined, sealedWith });
    const { keyId } = createReferralCrypto(key.key);
    const mismatch = keyMismatch(key, keyId, sealedWith);
    if (mismatch !== undefined) return failed("referral-key", mismatch);
    return ok("referral-key", sealedWith.length === 0 ? `${key.origin} (key id ${keyId}) is valid; nothing is sealed yet` : `${key.origin} (key id ${keyId}) sealed what the database holds`);
  } catch (error) {
    if (error instanceof ConfigError) return failed("referral-key", error.problems.join("; "));
    throw error;
  }
}

function checkRoles(config: Config, areas: StoreCheckOptions["areas"]): { result: CheckResult; loaded?: LoadedRoles } {
  if ("problem" in areas) return { result: failed("roles", `not checked: the area files did not load: ${areas.problem}`, "fix the area file named, as start-up would ask") };
  try {
    const loaded = loadRoles({ path: config.rolesFile, areaIds: areas.keys(), authenticated: config.bot !== undefined });
    if (loaded.mode === "nobody") return { result: failed("roles", "ROLES_FILE: not set, so nobody can register a triage channel or act on referrals", 'set ROLES_FILE to the roles file (see "Roles" in the README)'), loaded };
    if (loaded.startupMessage.level === "warn" && loaded.mode === "file") return { result: warning("roles", loaded.startupMessage.text), loaded };
    return { result: ok("roles", loaded.startupMessage.text), loaded };
  } catch (error) {
    if (error instanceof RolesError) return { result: failed("roles", error.problems.join("; "), "fix the roles file at the line named; start-up refuses it as it is") };
    throw error;
  }
}

async function checkTriageChannels(roles: LoadedRoles | undefined, areaIds: readonly string[], facts: DeploymentFacts): Promise<CheckResult> {
  const withChannel = await facts.areasWithChannel();
  const notPosted = await facts.referralsNotPosted();
  const waiting = [...notPosted].filter(([areaId]) => !withChannel.has(areaId));
  // Open local use lists no members (everyone is one), so only a roles file can leave an area unstaffed.
  const staffedWithout = roles?.mode === "file" ? areaIds.filter((areaId) => roles.roles.triageMembersOf(areaId).length > 0 && !withChannel.has(areaId)) : [];
  const problems = [
    ...staffedWithout.map((areaId) => `${areaId} has triage members but no registered triage channel`),
    ...waiting.map(([areaId, count]) => `${count} referral${count === 1 ? "" : "s"} for ${areaId} wait${count === 1 ? "s" : ""} for a triage channel`),
  ];
  if (problems.length > 0) {
    const areas = [...new Set([...staffedWithout, ...waiting.map(([areaId]) => areaId)])];
    return failed("triage-channels", problems.join("; "), `an admin of each area @mentions the bot in the area's triage channel in Teams: ${areas.map((areaId) => `"register triage ${areaId}"`).join(", ")}; until then referrers are told to phone the front door`);
  }
  return ok("triage-channels", withChannel.size === 0 ? "no area has triage members without a channel, and no referral waits for one" : `registered for ${[...withChannel].sort().join(", ")}; no referral waits for a channel`);
}

async function checkOutbox(database: Database): Promise<CheckResult> {
  const dead = await createOutboxRepository(database.db, database.dialect).deadCount();
  if (dead === 0) return ok("outbox", "no dead letters");
  return failed("outbox", `${dead} message${dead === 1 ? "" : "s"} could not be sent to Teams and wait as dead letters`, "npm run outbox -- status, fix the cause (the bot's log says it: a channel removed, credentials), then npm run outbox -- retry");
}

function checkHeartbeat(newest: Date | undefined, now: Date): CheckResult {
  const probe = "is the bot running, with its health probe on /readyz? Each probe writes the heartbeat";
  if (newest === undefined) return warning("heartbeat", "no /readyz probe has written a heartbeat yet", probe);
  const ageMs = Math.max(0, now.getTime() - newest.getTime());
  const age = ageMs < 120_000 ? `${Math.round(ageMs / 1000)} s` : ageMs < 7_200_000 ? `${Math.round(ageMs / 60_000)} min` : `${Math.round(ageMs / 3_600_000)} h`;
  if (ageMs > HEARTBEAT_STALE_MS) return warning("heartbeat", `the newest heartbeat is ${age} old`, probe);
  return ok("heartbeat", `the newest heartbeat is ${age} old`);
}
