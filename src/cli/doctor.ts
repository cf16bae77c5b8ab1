// Entry point for `npm run doctor`; the checks live in run-doctor.ts. Reads the same environment
// as the bot (and APP_BASE_URL, as `npm run package` does); migrates, generates and sends nothing.
import { fileURLToPath } from "node:url";
import { runDoctor } from "./run-doctor.ts";

try {
  process.exitCode = await runDoctor({
    argv: process.argv.slice(2),
    env: process.env,
    now: () => new Date(),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    fetch: globalThis.fetch,
    packageFile: fileURLToPath(new URL("../../build/safeguard-teams-app.zip", import.meta.url)),
  });
} catch (error) {
  process.stderr.write(`doctor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
