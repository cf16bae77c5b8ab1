// No container daemon runs where these tests run, so the image is never built here. Instead the
// Dockerfile is held to the steps test/e2e/production-install.test.ts proves on every run: the
// same shipped tree, `npm ci --omit=dev --ignore-scripts`, the SQLite addon from the full install;
// and to what an image for a council needs: a non-root user, the data folder as a volume, a health
// check on /readyz, and no secret in any layer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCKERFILE = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const PRODUCTION_TEST = readFileSync(join(ROOT, "test/e2e/production-install.test.ts"), "utf8");

/** The instructions of one stage, comments and line continuations folded. */
function stage(name: string | undefined): string[] {
  const lines = DOCKERFILE.replace(/\\\n\s*/g, " ").split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  const starts = lines.flatMap((line, index) => (line.startsWith("FROM ") ? [index] : []));
  const index = starts.findIndex((start) => (name === undefined ? !/ AS /i.test(lines[start]!) : lines[start]!.endsWith(` AS ${name}`)));
  return lines.slice(starts[index], starts[index + 1]);
}

describe("the Dockerfile", () => {
  it("its production stage ships what the production-install test ships, installed as it installs it", () => {
    const shipped = JSON.parse(/const SHIPPED = (\[[^\]]*\])/.exec(PRODUCTION_TEST)![1]!.replace(/'/g, '"')) as string[];
    const production = stage("production");
    const copied = production.filter((line) => line.startsWith("COPY --from=build ")).flatMap((line) => line.split(/\s+/).slice(2, -1)).map((path) => path.replace(/^\/app\//, ""));
    expect(copied).toEqual(expect.arrayContaining(shipped));
    const testInstall = /spawnSync\("npm", \[([^\]]*)\]/.exec(PRODUCTION_TEST)![1]!.match(/"([^"]+)"/g)!.map((flag) => flag.slice(1, -1)).filter((flag) => flag !== "--prefer-offline");
    const install = production.find((line) => line.startsWith("RUN npm ci"))!;
    for (const flag of testInstall) expect(install.split(/\s+/)).toContain(flag);
    expect(PRODUCTION_TEST).toContain('"node_modules/better-sqlite3/build"');
    expect(production).toContain("COPY --from=build /app/node_modules/better-sqlite3/build node_modules/better-sqlite3/build");
  });

  it("runs as the node user, keeps data in a volume, checks /readyz and starts the bot as npm run start:bot does", () => {
    const image = stage(undefined);
    expect(image).toContain("USER node");
    expect(image).toContain('VOLUME ["/app/data"]');
    expect(image.find((line) => line.startsWith("HEALTHCHECK "))).toContain("/readyz");
    const startBot = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start:bot"];
    expect(startBot).toBe("PLAYGROUND=off node --max-old-space-size=160 scripts/start.mjs");
    expect(image).toContain('CMD ["node", "--max-old-space-size=160", "scripts/start.mjs"]');
    expect(image.join("\n")).toMatch(/PLAYGROUND=off/);
  });

  it("puts no secret in a layer, and leaves local state out of the build context", () => {
    expect(DOCKERFILE).not.toMatch(/\b(REFERRAL_KEY|MicrosoftAppPassword|DATABASE_URL|SECRET_\w+)\b\s*=/);
    expect(DOCKERFILE).not.toMatch(/^\s*(ARG|ENV)\s+\S*(KEY|PASSWORD|SECRET)/im);
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    for (const path of ["data", "node_modules", ".git", "referral.key", ".env", "env/.env.*", ".localConfigs"]) expect(ignored).toContain(path);
  });
});
