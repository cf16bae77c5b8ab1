import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { ICONS, crc32 } from "../../manifest/make-icons.ts";
import { PACKAGE_FILE, REPO_MANIFEST_DIR, fillTemplate, readPackageSettings, runPackageApp } from "../../src/cli/run-package-app.ts";
import { createManifestValidator } from "../../src/cli/validate-manifest.ts";
import { decodePng, readPngHeader } from "./decode-png.ts";

const BOT_ID = "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b";
const ENV = { BOT_ID, APP_BASE_URL: "https://safeguard.example.org" };

const manifestFile = (name: string) => join(REPO_MANIFEST_DIR, name);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const template = () => readJson(manifestFile("manifest.template.json"));
const schema = () => readJson(manifestFile("schema/MicrosoftTeams.schema.json"));

type Manifest = {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  validDomains: string[];
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  staticTabs: { entityId: string; name: string; contentUrl: string; websiteUrl: string; scopes: string[] }[];
  configurableTabs: { id: string; configurationUrl: string; canUpdateConfiguration: boolean; scopes: string[] }[];
  webApplicationInfo: { id: string; resource: string };
};

function filledTemplate(env: Record<string, string> = ENV): Manifest {
  const read = readPackageSettings(env, "1.2.3");
  if (!read.ok) throw new Error(read.problems.join("; "));
  const { botId, version, baseUrl, domain, tabAudience } = read.settings;
  const { filled, unknown } = fillTemplate(template(), { BOT_ID: botId, APP_VERSION: version, APP_BASE_URL: baseUrl, APP_DOMAIN: domain, TAB_AUDIENCE: tabAudience });
  expect(unknown).toEqual([]);
  return filled as Manifest;
}

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "safeguard-manifest-"));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runPackage(env: Record<string, string>, manifestDir = REPO_MANIFEST_DIR) {
  const outDir = tempDir();
  const out: string[] = [];
  const err: string[] = [];
  const code = runPackageApp({ env, outDir, manifestDir, defaultVersion: "1.2.3", stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, outDir, zipPath: join(outDir, PACKAGE_FILE), stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("the manifest template", () => {
  it("once filled, matches the Teams v1.25 schema kept in the repo", () => {
    const manifest = filledTemplate();
    expect(createManifestValidator(schema())(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain("${{");
  });

  it("declares manifest version 1.25 and the schema kept in the repo is that version", () => {
    const manifest = filledTemplate();
    expect(manifest.manifestVersion).toBe("1.25");
    expect(manifest.$schema).toBe("https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json");
    expect(schema()).toMatchObject({ properties: { manifestVersion: { const: "1.25" } } });
  });

  // Issue 11: the personal tab is the page the server serves under /tab/ (src/http/tab-pages.ts).
  it("declares the personal tab at /tab/ on the app's base URL", () => {
    const manifest = filledTemplate({ ...ENV, APP_BASE_URL: "https://safeguard.example.org/teams/" });
    expect(manifest.staticTabs).toEqual([
      { entityId: "safeguard-home", name: "Home", contentUrl: "https://safeguard.example.org/teams/tab/", websiteUrl: "https://safeguard.example.org/teams/tab/", scopes: ["personal"] },
    ]);
  });

  // Issue 11, point 6: the team tab, added to a channel, opens on its configuration page.
  it("declares a team tab configured at /tab/configure, whose configuration cannot be changed after", () => {
    const manifest = filledTemplate({ ...ENV, APP_BASE_URL: "https://safeguard.example.org/teams/" });
    expect(manifest.configurableTabs).toEqual([{ id: "safeguard-team", configurationUrl: "https://safeguard.example.org/teams/tab/configure", canUpdateConfiguration: false, scopes: ["team"] }]);
  });

  // Issue 11, point 6: Teams SSO gives the tab a token for this resource, checked by the server
  // against TAB_AUDIENCE (src/http/api/teams-identity.ts).
  it("asks Teams for SSO tokens for the bot's app, by default for api://<host>/<bot id>", () => {
    expect(filledTemplate().webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://safeguard.example.org/${BOT_ID}` });
    expect(filledTemplate({ ...ENV, TAB_AUDIENCE: `api://intranet.example.org/${BOT_ID}` }).webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://intranet.example.org/${BOT_ID}` });
  });

  it("fills the app id, version, developer links and valid domain from the settings", () => {
    const manifest = filledTemplate({ ...ENV, APP_BASE_URL: "https://safeguard.example.org/teams/" });
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.version).toBe("1.2.3");
    expect(manifest.developer).toEqual({
      name: "SAFEGUARD project",
      websiteUrl: "https://safeguard.example.org/teams",
      privacyUrl: "https://safeguard.example.org/teams/privacy",
      termsOfUseUrl: "https://safeguard.example.org/teams/terms",
    });
    expect(manifest.validDomains).toEqual(["safeguard.example.org"]);
  });

  it("names the app and tells the user the category is provisional, judgement overrides it, and 999", () => {
    const { name, description } = filledTemplate();
    expect(name).toEqual({ short: "SAFEGUARD", full: "SAFEGUARD: child sexual exploitation guidance" });
    expect(description.short.length).toBeLessThan(80);
    expect(description.full.length).toBeLessThan(4000);
    expect(description.full).toMatch(/provisional/);
    expect(description.full).toMatch(/professional judgement/);
    expect(description.full).toMatch(/call 999/);
  });

  it("is a conversational bot in personal chat and teams that takes no files", () => {
    const [bot] = filledTemplate().bots;
    expect(bot).toMatchObject({ scopes: ["personal", "team"], supportsFiles: false, isNotificationOnly: false });
  });

  it.each(["personal", "team"])("offers help, check and contacts in the %s scope", (scope) => {
    const lists = filledTemplate().bots[0]?.commandLists.filter((list) => list.scopes.includes(scope));
    expect(lists).toHaveLength(1);
    expect(lists?.[0]?.commands).toEqual([
      { title: "help", description: "Show what I can do" },
      { title: "check", description: "Check a concern about a child" },
      { title: "contacts", description: "Who to contact in your area" },
    ]);
  });
});

describe("the icons", () => {
  it.each([
    ["color.png", 192],
    ["outline.png", 32],
  ])("%s is a PNG of %ix%i", (name, size) => {
    const header = readPngHeader(readFileSync(manifestFile(name)));
    expect({ width: header.width, height: header.height }).toEqual({ width: size, height: size });
  });

  it("outline.png is only white or fully transparent, and draws something", () => {
    const { rgba } = decodePng(readFileSync(manifestFile("outline.png")));
    const offending: number[] = [];
    let visible = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      if (a === 0) continue;
      visible += 1;
      if (r !== 255 || g !== 255 || b !== 255) offending.push(i / 4);
    }
    expect(offending).toEqual([]);
    expect(visible).toBeGreaterThan(50);
  });

  it("color.png is a full-bleed square: no transparent pixel", () => {
    const { width, height, rgba } = decodePng(readFileSync(manifestFile("color.png")));
    const alphas = rgba.filter((_, i) => i % 4 === 3);
    // Every pixel read, so the check below cannot pass on an empty or short decode.
    expect([width, height, alphas.length]).toEqual([192, 192, 192 * 192]);
    expect(alphas.every((alpha) => alpha === 255)).toBe(true);
  });

  it.each(Object.keys(ICONS) as (keyof typeof ICONS)[])("the committed %s is what make-icons.ts draws", (name) => {
    expect(Buffer.compare(ICONS[name](), readFileSync(manifestFile(name)))).toBe(0);
  });

  it("make-icons.ts computes the standard CRC-32 (check value of '123456789')", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});

describe("npm run package", () => {
  it("writes a zip of exactly manifest.json, color.png and outline.png with the bot id filled", () => {
    const run = runPackage(ENV);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(PACKAGE_FILE);
    const entries = unzipSync(readFileSync(run.zipPath));
    expect(Object.keys(entries).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(strFromU8(entries["manifest.json"]!)) as Manifest;
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.configurableTabs.map((tab) => [tab.configurationUrl, tab.scopes])).toEqual([["https://safeguard.example.org/tab/configure", ["team"]]]);
    expect(manifest.staticTabs.map((tab) => tab.scopes)).toEqual([["personal"]]);
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://safeguard.example.org/${BOT_ID}` });
    expect(createManifestValidator(schema())(manifest)).toEqual([]);
    expect(Buffer.compare(Buffer.from(entries["color.png"]!), readFileSync(manifestFile("color.png")))).toBe(0);
    expect(Buffer.compare(Buffer.from(entries["outline.png"]!), readFileSync(manifestFile("outline.png")))).toBe(0);
  });

  it("makes the same bytes from the same inputs", () => {
    expect(readFileSync(runPackage(ENV).zipPath)).toEqual(readFileSync(runPackage(ENV).zipPath));
  });

  it("takes the bot id from MicrosoftAppId when BOT_ID is unset", () => {
    const run = runPackage({ MicrosoftAppId: BOT_ID, APP_BASE_URL: ENV.APP_BASE_URL });
    expect(run.code).toBe(0);
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(run.zipPath))["manifest.json"]!)) as Manifest;
    expect(manifest.id).toBe(BOT_ID);
  });

  it("without BOT_ID fails naming it, and writes nothing", () => {
    const run = runPackage({ APP_BASE_URL: ENV.APP_BASE_URL });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/BOT_ID: missing/);
    expect(existsSync(run.zipPath)).toBe(false);
  });

  it.each([
    ["a bot id that is not a GUID", { BOT_ID: "safeguard-bot" }, "BOT_ID: expected the bot's Microsoft app id"],
    ["a bad MicrosoftAppId fallback", { BOT_ID: "", MicrosoftAppId: "x" }, "BOT_ID (taken from MicrosoftAppId)"],
    ["a missing base URL", { APP_BASE_URL: "" }, "APP_BASE_URL: missing"],
    ["a plain-http base URL", { APP_BASE_URL: "http://safeguard.example.org" }, "APP_BASE_URL: expected an https:// URL"],
    ["a base URL with a query", { APP_BASE_URL: "https://safeguard.example.org/?x=1" }, "APP_BASE_URL: expected a URL without ? or #"],
    ["a version Teams would refuse", { APP_VERSION: "1.0" }, "APP_VERSION: expected MAJOR.MINOR.PATCH"],
    ["a tab audience that is not an api:// URI", { TAB_AUDIENCE: `https://safeguard.example.org/${BOT_ID}` }, "TAB_AUDIENCE: expected the tab's Application ID URI"],
    ["a tab audience of another app", { TAB_AUDIENCE: "api://safeguard.example.org/0b6e1c4a-8f7d-4c2b-9a1e-3d5f7a9c1e2b" }, "TAB_AUDIENCE: expected the Application ID URI to end with /<BOT_ID>"],
  ])("fails with %s, naming the variable", (_meaning, change, message) => {
    const run = runPackage({ ...ENV, ...change });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(existsSync(run.zipPath)).toBe(false);
  });

  it.each<[string, (manifest: Record<string, any>) => void, string]>([
    ["an accent colour that is not #RRGGBB", (m) => { m.accentColor = "navy"; }, "/accentColor: must match pattern"],
    ["a property the schema does not know", (m) => { m.bots[0].colour = "blue"; }, "/bots/0/colour: is not a property the schema allows here"],
    ["no privacy URL", (m) => { delete m.developer.privacyUrl; }, "/developer/privacyUrl: is required"],
    ["a scope Teams does not have", (m) => { m.bots[0].scopes = ["personal", "channel"]; }, "/bots/0/scopes/1: must be one of"],
    ["a team tab in the personal scope", (m) => { m.configurableTabs[0].scopes = ["personal"]; }, "/configurableTabs/0/scopes/0: must be one of"],
    ["a sign-in app id that is not a GUID", (m) => { m.webApplicationInfo.id = "safeguard"; }, "/webApplicationInfo/id: must match pattern"],
    ["a short description over 80 characters", (m) => { m.description.short = "x".repeat(81); }, "/description/short: must NOT have more than 80 characters"],
  ])("rejects a template with %s, naming the path", (_meaning, mutate, message) => {
    const manifestDir = join(tempDir(), "manifest");
    cpSync(REPO_MANIFEST_DIR, manifestDir, { recursive: true });
    const broken = template() as Record<string, any>;
    mutate(broken);
    writeFileSync(join(manifestDir, "manifest.template.json"), JSON.stringify(broken));
    const run = runPackage(ENV, manifestDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not match the Teams manifest schema");
    expect(run.stderr).toContain(message);
    expect(existsSync(run.zipPath)).toBe(false);
  });

  it("rejects an icon of the wrong size, naming it", () => {
    const manifestDir = join(tempDir(), "manifest");
    cpSync(REPO_MANIFEST_DIR, manifestDir, { recursive: true });
    cpSync(join(manifestDir, "color.png"), join(manifestDir, "outline.png"));
    const run = runPackage(ENV, manifestDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("/icons/outline: outline.png must be a 32x32 PNG, found 192x192");
  });
});
