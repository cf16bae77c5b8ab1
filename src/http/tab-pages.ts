// The intranet tab (issue 11): the static files Vite built into dist/tab (tab/vite.config.ts),
// served under /tab, framed by Teams only. Built by `npm run build:tab`, or by `npm start` when
// they are missing or older than tab/ (src/dev/build-tab.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

export const TAB_DIR = fileURLToPath(new URL("../../dist/tab/", import.meta.url));

// Teams shows a tab in a frame: only Teams' own origins may frame it (Teams docs, "Tab requirements").
const FRAME_ANCESTORS = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://local.teams.office.com https://*.office.com https://*.cloud.microsoft";

export function tabPages(dir: string = TAB_DIR): Router {
  const router = express.Router();
  router.use((_request, response, next) => {
    response.setHeader("Content-Security-Policy", FRAME_ANCESTORS);
    next();
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
