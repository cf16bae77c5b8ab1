// `npm run package`: fills manifest/manifest.template.json from the environment, checks the result
// against the Teams v1.25 schema kept in manifest/schema/, and zips it with the two icons into the
// package a Teams admin uploads. Any problem exits 1 with every problem listed on stderr.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { z } from "zod";
import { isApplicationIdUri } from "../config/load-config.ts";
import { createManifestValidator, type SchemaProblem } from "./validate-manifest.ts";

export const PACKAGE_FILE = "safeguard-teams-app.zip";
export const EXIT = { ok: 0, failed: 1 } as const;

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const REPO_MANIFEST_DIR = join(REPO_ROOT, "manifest");

// Teams' icon sizes (learn.microsoft.com, "Teams app icon for Teams Store and app bar").
const ICON_SIZES = { color: 192, outline: 32 } as const;
// A fixed time in every zip entry, so the same inputs always make the same bytes.
const ZIP_TIME = new Date(1980, 0, 1);

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const PackageEnv = z.object({
  BOT_ID: z.preprocess(
    emptyAsUndefined,
    // z.guid, not z.uuid: Teams takes any 8-4-4-4-12 hex id, as its schema's "guid" does.
    z.guid({
      error: (issue) =>
        issue.input === undefined
          ? "missing: set it to the bot's Microsoft app id, a GUID (MicrosoftAppId is used when BOT_ID is unset)"
          : "expected the bot's Microsoft app id, a GUID such as 1b2c3d4e-0000-4000-8000-123456789abc",
    }),
  ),
  APP_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string({ error: "missing: set it to the https address the app is served from, such as https://safeguard.example.org" })
      .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", { error: "expected an https:// URL, such as https://safeguard.example.org" })
      .refine((value) => !URL.canParse(value) || (new URL(value).search === "" && new URL(value).hash === ""), { error: "expected a URL without ? or #, since /privacy and /terms are added to it" }),
  ),
  // Teams SSO (issue 11, point 6): the manifest's webApplicationInfo.resource, the tab's Application ID URI.
  TAB_AUDIENCE: z.preprocess(
    emptyAsUndefined,
    z.string().refine(isApplicationIdUri, { error: "expected the tab's Application ID URI, such as api://safeguard.example.org/<BOT_ID>" }).optional(),
  ),
  // Teams wants MAJOR.MINOR.PATCH and nothing more.
  APP_VERSION: z.preprocess(emptyAsUndefined, z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, { error: "expected MAJOR.MINOR.PATCH, such as 1.2.0" }).optional()),
});

export type PackageSettings = Readonly<{ botId: string; baseUrl: string; domain: string; version: string; tabAudience: string }>;

/**
 * Reads the packaging settings; BOT_ID falls back to MicrosoftAppId, APP_VERSION to `defaultVersion`,
 * TAB_AUDIENCE to api://<APP_BASE_URL's host>/<BOT_ID>, the form Teams SSO asks for.
 */
export function readPackageSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaultVersion: string,
): { ok: true; settings: PackageSettings } | { ok: false; problems: string[] } {
  const botIdFromAppId = emptyAsUndefined(env.BOT_ID) === undefined && emptyAsUndefined(env.MicrosoftAppId) !== undefined;
  const parsed = PackageEnv.safeParse({
    BOT_ID: botIdFromAppId ? env.MicrosoftAppId : env.BOT_ID,
    APP_BASE_URL: env.APP_BASE_URL,
    APP_VERSION: env.APP_VERSION,
    TAB_AUDIENCE: env.TAB_AUDIENCE,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name === "BOT_ID" && botIdFromAppId ? "BOT_ID (taken from MicrosoftAppId)" : name}: ${issue.message}`;
      }),
    };
  }
  const baseUrl = parsed.data.APP_BASE_URL.replace(/\/+$/, "");
  const domain = new URL(baseUrl).host;
  const tabAudience = parsed.data.TAB_AUDIENCE ?? `api://${domain}/${parsed.data.BOT_ID}`;
  // The server's TAB_AUDIENCE check, so the package and the server cannot disagree about it.
  if (!tabAudience.toLowerCase().endsWith(`/${parsed.data.BOT_ID.toLowerCase()}`)) {
    return { ok: false, problems: ["TAB_AUDIENCE: expected the Application ID URI to end with /<BOT_ID>, as Teams sign-in requires"] };
  }
  return {
    ok: true,
    settings: { botId: parsed.data.BOT_ID, baseUrl, domain, version: parsed.data.APP_VERSION ?? defaultVersion, tabAudience },
  };
}

const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Replaces `${{NAME}}` in every string of the template, returning a new value. Filling parsed
 * strings, not the JSON text, means no value can break the JSON.
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>): { filled: unknown; unknown: string[] } {
  const unknownNames = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) unknownNames.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  const filled = fill(template);
  return { filled, unknown: [...unknownNames] };
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const ManifestIcons = z.object({ icons: z.object({ color: z.string(), outline: z.string() }) });

function readIcons(manifest: unknown, manifestDir: string): { ok: true; files: Record<string, Uint8Array> } | { ok: false; problems: string[] } {
  const { icons } = ManifestIcons.parse(manifest); // the schema has already required both
  const files: Record<string, Uint8Array> = {};
  const problems: string[] = [];
  for (const kind of ["color", "outline"] as const) {
    const name = icons[kind];
    const size = ICON_SIZES[kind];
    // Teams looks for the icons at the root of the zip.
    if (!/^[\w.-]+\.png$/.test(name)) {
      problems.push(`/icons/${kind}: expected a .png file name in ${manifestDir}, got ${JSON.stringify(name)}`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(manifestDir, name));
    } catch (error) {
      problems.push(`/icons/${kind}: cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (npx tsx manifest/make-icons.ts draws it)`);
      continue;
    }
    const found = readPngSize(bytes);
    if (found === undefined || found.width !== size || found.height !== size) {
      problems.push(`/icons/${kind}: ${name} must be a ${size}x${size} PNG, found ${found === undefined ? "no PNG" : `${found.width}x${found.height}`}`);
      continue;
    }
    files[name] = bytes;
  }
  return problems.length === 0 ? { ok: true, files } : { ok: false, problems };
}

export type PackageAppOptions = {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes; created if missing. */
  readonly outDir: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Holds manifest.template.json, the icons and schema/; defaults to the repository's manifest/. */
  readonly manifestDir?: string;
  /** APP_VERSION when unset; defaults to package.json's version. */
  readonly defaultVersion?: string;
};

/** Builds the Teams app package; returns the exit code. */
export function runPackageApp(options: PackageAppOptions): number {
  const { env, outDir, stdout, stderr, manifestDir = REPO_MANIFEST_DIR } = options;
  const fail = (heading: string, problems: readonly string[]) => {
    stderr([`package: ${heading}`, ...problems.map((problem) => `  ${problem}`)].join("\n"));
    return EXIT.failed;
  };

  const read = readPackageSettings(env, options.defaultVersion ?? readPackageVersion());
  if (!read.ok) return fail("cannot build the Teams app package; fix these environment variables:", read.problems);
  const { settings } = read;

  const template: unknown = JSON.parse(readFileSync(join(manifestDir, "manifest.template.json"), "utf8"));
  const { filled: manifest, unknown } = fillTemplate(template, {
    BOT_ID: settings.botId,
    APP_VERSION: settings.version,
    APP_BASE_URL: settings.baseUrl,
    APP_DOMAIN: settings.domain,
    TAB_AUDIENCE: settings.tabAudience,
  });
  if (unknown.length > 0) {
    return fail("manifest.template.json uses placeholders this script does not fill:", unknown.map((name) => `\${{${name}}}`));
  }

  const schema: unknown = JSON.parse(readFileSync(join(manifestDir, "schema", "MicrosoftTeams.schema.json"), "utf8"));
  const schemaProblems = createManifestValidator(schema)(manifest);
  if (schemaProblems.length > 0) {
    return fail("the filled manifest does not match the Teams manifest schema (manifest/schema/MicrosoftTeams.schema.json):", schemaProblems.map(describeSchemaProblem));
  }

  const icons = readIcons(manifest, manifestDir);
  if (!icons.ok) return fail("the app icons are not right:", icons.problems);

  const zip = zipSync(
    {
      "manifest.json": strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      // PNGs are already compressed: store them as they are.
      ...Object.fromEntries(Object.entries(icons.files).map(([name, bytes]) => [name, [bytes, { level: 0 }] as const])),
    },
    { mtime: ZIP_TIME },
  );
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, PACKAGE_FILE);
  writeFileSync(zipPath, zip);
  stdout(`package: wrote ${relative(process.cwd(), zipPath) || zipPath} (app id ${settings.botId}, version ${settings.version}, ${settings.baseUrl})`);
  return EXIT.ok;
}

function describeSchemaProblem(problem: SchemaProblem): string {
  return `${problem.path}: ${problem.message}`;
}

function readPackageVersion(): string {
  const packageJson = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")));
  return packageJson.version;
}
