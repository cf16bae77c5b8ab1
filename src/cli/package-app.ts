// Entry point for `npm run package`; the logic lives in run-package-app.ts.
// Writes build/safeguard-teams-app.zip: manifest.json, color.png and outline.png, to upload to Teams.
import { fileURLToPath } from "node:url";
import { runPackageApp } from "./run-package-app.ts";

try {
  process.exitCode = runPackageApp({
    env: process.env,
    outDir: fileURLToPath(new URL("../../build/", import.meta.url)),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  });
} catch (error) {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
