// Entry point for `npm run outbox`; the logic lives in run-outbox.ts. Uses the same DATABASE_URL as the bot.
import { ConfigError, loadConfig } from "../config/load-config.ts";
import { createDatabase, type Database } from "../store/create-database.ts";
import { createOutboxRepository } from "../store/outbox-repository.ts";
import { runOutbox } from "./run-outbox.ts";

let database: Database | undefined;
try {
  const config = loadConfig();
  process.exitCode = await runOutbox({
    argv: process.argv.slice(2),
    outbox: async () => {
      database = await createDatabase(config.databaseUrl);
      return createOutboxRepository(database.db, database.dialect);
    },
    now: () => new Date(),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  });
} catch (error) {
  process.stderr.write(`outbox: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
} finally {
  await database?.close();
}
