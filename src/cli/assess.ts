// Entry point for `npm run assess`; the logic lives in run-assess.ts.
import { readFileSync } from "node:fs";
import { ContentError, loadAreas } from "../content/load-areas.ts";
import { runAssess } from "./run-assess.ts";

try {
  process.exitCode = runAssess({
    argv: process.argv.slice(2),
    readStdin: () => readFileSync(0, "utf8"),
    readFile: (path) => readFileSync(path, "utf8"),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    now: () => new Date(),
    areas: () => loadAreas(),
  });
} catch (error) {
  process.stderr.write(`assess: ${error instanceof ContentError ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
