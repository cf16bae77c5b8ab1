// `npm run doctor [-- --json]`: reads the configuration the bot reads and says, check by check,
// whether this deployment hangs together and what to do where it does not (doctor-report.ts).
// Exit 0 when no check failed, 1 when one did, 2 for a wrong argument or doctor setting.
import { z } from "zod";
import { ConfigError, loadConfig, type Config } from "../config/load-config.ts";
import { ContentError, DEFAULT_AREAS_DIR, loadAreas, type Areas } from "../content/load-areas.ts";
import type { PostgresLimits } from "../store/create-database.ts";
import { DOCTOR_CHECKS, failed, renderJson, renderText, reportOf, skipped, type CheckResult, ok } from "./doctor-report.ts";
import { checkStore } from "./doctor-store-checks.ts";
import { checkTenant } from "./doctor-tenant-checks.ts";

export const DOCTOR_USAGE = "usage: npm run doctor             (a checklist of this deployment, ✓ or ✗ with what to do)\n       npm run --silent doctor -- --json   (the same as JSON, for monitoring)";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

// Settings only the doctor reads. APP_BASE_URL is `npm run package`'s; the identity endpoint is set
// by App Service and Container Apps; DOCTOR_LOGIN_URL is for a sovereign cloud, and for tests.
const DoctorEnv = z.object({
  APP_BASE_URL: z.preprocess(emptyAsUndefined, z.string().optional()),
  DOCTOR_LOGIN_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => URL.canParse(value) && ["https:", "http:"].includes(new URL(value).protocol), { error: "expected the login host's URL, such as https://login.microsoftonline.com" })
      .default("https://login.microsoftonline.com"),
  ),
  IDENTITY_ENDPOINT: z.preprocess(emptyAsUndefined, z.string().optional()),
  IDENTITY_HEADER: z.preprocess(emptyAsUndefined, z.string().optional()),
});

export type DoctorIo = {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: typeof fetch;
  /** Where `npm run package` writes the app package. */
  readonly packageFile: string;
  readonly areasDir?: string;
  /** Tests shorten them. */
  readonly postgresLimits?: PostgresLimits;
  /** How long the login host may take to answer. */
  readonly tokenTimeoutMs?: number;
};

export async function runDoctor(io: DoctorIo): Promise<number> {
  const json = io.argv.length === 1 && io.argv[0] === "--json";
  if (!json && io.argv.length > 0) {
    io.stderr(DOCTOR_USAGE);
    return 2;
  }
  const doctorEnv = DoctorEnv.safeParse(io.env);
  if (!doctorEnv.success) {
    io.stderr(`doctor: ${doctorEnv.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
    return 2;
  }
  const checks = await runChecks(io, doctorEnv.data);
  const report = reportOf(checks);
  io.stdout(json ? renderJson(report) : renderText(report));
  return report.ok ? 0 : 1;
}

async function runChecks(io: DoctorIo, doctorEnv: z.infer<typeof DoctorEnv>): Promise<CheckResult[]> {
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The same messages as start-up; nothing else can be checked against settings the bot refuses.
    return [failed("settings", error.problems.join("; "), "fix each setting named; the bot refuses to start as it is"), ...DOCTOR_CHECKS.filter((id) => id !== "settings").map((id) => skipped(id, "not checked: the settings are invalid"))];
  }
  const settings = ok("settings", config.bot === undefined ? "valid (local use: no MicrosoftAppId)" : `valid (app ${config.bot.appId}, ${config.bot.appType})`);
  const [store, tenant] = await Promise.all([
    checkStore({ config, areas: loadAreasOrProblem(io.areasDir), now: io.now(), ...(io.postgresLimits === undefined ? {} : { postgresLimits: io.postgresLimits }) }),
    checkTenant({
      config,
      appBaseUrl: doctorEnv.APP_BASE_URL,
      packageFile: io.packageFile,
      loginUrl: doctorEnv.DOCTOR_LOGIN_URL,
      identityEndpoint: doctorEnv.IDENTITY_ENDPOINT === undefined || doctorEnv.IDENTITY_HEADER === undefined ? undefined : { url: doctorEnv.IDENTITY_ENDPOINT, header: doctorEnv.IDENTITY_HEADER },
      fetch: io.fetch,
      timeoutMs: io.tokenTimeoutMs ?? 10_000,
    }),
  ]);
  return [settings, ...store, ...tenant];
}

function loadAreasOrProblem(dir: string = DEFAULT_AREAS_DIR): Areas | { problem: string } {
  try {
    return loadAreas(dir);
  } catch (error) {
    if (error instanceof ContentError) return { problem: error.problems.join("; ") };
    throw error;
  }
}
