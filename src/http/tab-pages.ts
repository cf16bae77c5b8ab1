// The intranet tab (issue 11): the static files Vite built into dist/tab (tab/vite.config.ts),
// served under /tab, never with source maps; framed by Teams only (security-headers.ts). Built by
// `npm run build:tab`, or by `npm start` when they are missing or older than tab/ (src/dev/build-tab.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

export const TAB_DIR = fileURLToPath(new URL("../../dist/tab/", import.meta.url));

export function tabPages(dir: string = TAB_DIR): Router {
  const router = express.Router();
  // A source map gives the tab's source back to whoever asks; the build makes none
  // (tab/vite.config.ts), and one left from an older build is not served either.
  router.use((request, response, next) => {
    if (/\.map$/i.test(request.path)) response.status(404).type("text").send("Not found.");
    else next();
  });
  router.use(express.static(dir, { index: "index.html", fallthrough: true, maxAge: 0 }));
  // Any other page of the tab is the app itself; not built: say how to build it.
  router.use((_request, response) => {
    const index = join(dir, "index.html");
    if (existsSync(index)) response.sendFile(index);
    else response.status(503).type("text").send("The tab is not built yet: run `npm run build:tab` (npm start builds it when it is missing).");
  });
  return router;
}
