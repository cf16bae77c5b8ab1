// `npm start` builds the intranet tab when dist/tab is missing or older than its source, so the
// README's two commands still do everything (issue 11, point 1). Vite is a devDependency: an
// install without it serves what was built before, or says how to build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";

const SOURCE = fileURLToPath(new URL("../../tab/", import.meta.url));
const BUILT_INDEX = fileURLToPath(new URL("../../dist/tab/index.html", import.meta.url));

/** The newest modification time of the files below `dir`, in ms. */
function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the tab's build is missing or older than its source. */
export function tabNeedsBuild(source: string = SOURCE, builtIndex: string = BUILT_INDEX): boolean {
  if (!existsSync(source)) return false;
  return !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestIn(source);
}

export async function ensureTabBuilt(logger: Logger): Promise<void> {
  if (!tabNeedsBuild()) return;
  const started = performance.now();
  logger.info("building the intranet tab (dist/tab)");
  // Vite and the React plugin pick React's development build unless NODE_ENV says production; under
  // the tests it says "test". The tab is always built for production, and NODE_ENV put back after.
  const nodeEnv = process.env["NODE_ENV"];
  try {
    const vite = await import("vite");
    process.env["NODE_ENV"] = "production";
    await vite.build({ configFile: join(SOURCE, "vite.config.ts") });
    logger.info({ ms: Math.round(performance.now() - started) }, "intranet tab built");
  } catch (error) {
    // The bot does not need the tab: it starts anyway, and /tab says how to build.
    logger.error({ err: error }, "the intranet tab could not be built: run `npm run build:tab` to see why");
  } finally {
    if (nodeEnv === undefined) delete process.env["NODE_ENV"];
    else process.env["NODE_ENV"] = nodeEnv;
  }
}
