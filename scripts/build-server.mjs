// Compiles src/ into lib/ with tsc (tsconfig.build.json: JavaScript and source maps, `.ts` imports
// rewritten to `.js`), and stamps lib/ when it succeeds. `node scripts/build-server.mjs` always
// compiles (npm run build); scripts/start.mjs compiles only when lib/ is missing or older than
// src/. Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP = join(ROOT, "lib", ".build-stamp");
const SOURCES = [join(ROOT, "src"), join(ROOT, "tsconfig.json"), join(ROOT, "tsconfig.build.json")];

/** The newest modification time below `path`, in ms. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** Whether lib/ is missing, or older than what it is compiled from. */
export function serverNeedsBuild() {
  if (!existsSync(STAMP)) return true;
  const present = SOURCES.filter((path) => existsSync(path));
  return present.length > 0 && statSync(STAMP).mtimeMs < Math.max(...present.map(newest));
}

/** Compiles; returns false (the errors already printed) when it could not. */
export function buildServer() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    process.stderr.write("TypeScript is not installed (a production install?): run `npm install`, then `npm run build`.\n");
    return false;
  }
  const started = performance.now();
  const built = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
  if (built.status !== 0) {
    process.stderr.write("src/ did not compile: the errors are above.\n");
    return false;
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  // On stderr: `npm run --silent doctor -- --json` prints only its JSON on stdout.
  process.stderr.write(`Compiled src/ into lib/ in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(buildServer() ? 0 : 1);
