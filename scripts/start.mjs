// `npm start`, `npm run start:bot`, `npm run worker` and `npm run doctor`: run the compiled server from
// lib/, compiling src/ first when lib/ is missing or older than it, so `npm install && npm start`
// still does everything. Plain JavaScript: it runs before anything is compiled. A production
// install (`npm ci --omit=dev` on a built tree) has no compiler, and runs what lib/ holds.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, buildServer, serverNeedsBuild } from "./build-server.mjs";

const ENTRIES = { server: "main.js", worker: "worker.js", doctor: "cli/doctor.js" };
const entry = ENTRIES[process.argv[2] ?? "server"];
if (entry === undefined) {
  process.stderr.write(`usage: node scripts/start.mjs [${Object.keys(ENTRIES).join(" | ")}]\n`);
  process.exit(2);
}
// The entry reads its own arguments from process.argv.slice(2) (`npm run doctor -- --json`).
if (process.argv[2] !== undefined) process.argv.splice(2, 1);
const compiled = join(ROOT, "lib", entry);
const canCompile = existsSync(join(ROOT, "node_modules", "typescript"));
if (serverNeedsBuild() && (canCompile || !existsSync(compiled)) && !buildServer()) process.exit(1);

// Stack traces name the TypeScript lines.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(compiled).href);
