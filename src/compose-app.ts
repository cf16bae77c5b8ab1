// Builds the whole application from its parts. main.ts calls it with the real clock and the
// configured database; tests call it with a temp SQLite file and a fixed clock.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { Express } from "express";
import { ConfigError, type Config } from "./config/load-config.ts";
import { loadAreas } from "./content/load-areas.ts";
import { loadGuidance } from "./content/load-guidance.ts";
import { createCardRenderer } from "./cards/render-card.ts";
import { createAdapter } from "./bot/create-adapter.ts";
import { createCardActions } from "./bot/card-actions.ts";
import { SafeguardBot } from "./bot/safeguard-bot.ts";
import { createApp } from "./http/create-app.ts";
import { createCheckService, type CheckService } from "./services/check-service.ts";
import { createQuestionAnswerer } from "./services/answer-question.ts";
import { createDatabase } from "./store/create-database.ts";
import { createCheckSessionRepository } from "./store/check-session-repository.ts";
import { createUserSettingsRepository } from "./store/user-settings-repository.ts";

export type ComposeOptions = {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: () => Date;
};

export type Composed = {
  readonly app: Express;
  readonly checks: CheckService;
  readonly close: () => Promise<void>;
};

export async function composeApp({ config, logger, clock = () => new Date() }: ComposeOptions): Promise<Composed> {
  // Content and templates are read and validated once, before anything listens.
  const areas = loadAreas();
  const guidanceEntries = loadGuidance();
  const guidance = new Map(guidanceEntries.map((entry) => [entry.id, entry]));
  const renderCard = createCardRenderer();

  const database = await createDatabase(config.databaseUrl, {
    onConnectionLost: (error) => logger.warn({ err: error }, "a database connection was lost while idle; the pool will open a new one"),
  }).catch((error: unknown) => {
    // Name the setting, never its password (issue 8, point 13).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`DATABASE_URL (${redactPassword(config.databaseUrl)}): the database could not be opened: ${redactPassword(reason)}`]);
  });
  const checks = createCheckService({ store: createCheckSessionRepository(database.db), areas, clock, newId: randomUUID });
  const answerer = createQuestionAnswerer({ guidance: guidanceEntries, areas });
  const cardActions = createCardActions({ checks, settings: createUserSettingsRepository(database.db), areas, guidance, clock });
  const bot = new SafeguardBot({ areas, checks, answerer, cardActions, renderCard, clock, logger, appId: config.bot?.appId ?? "" });
  const adapter = createAdapter(config.bot, logger);

  const app = createApp({
    bot: {
      process: async (request, response) => {
        // Issue 8, point 4: without credentials nobody's identity is checked, so the bot never posts
        // to a service URL off this machine (an outbound request wherever a caller points it).
        if (config.bot === undefined && !isLoopbackServiceUrl((request.body as { serviceUrl?: unknown } | undefined)?.serviceUrl)) {
          response.status(400).json({ error: "without credentials, serviceUrl must be an address on this machine (localhost, 127.0.0.1 or ::1)" });
          return;
        }
        await adapter.process(request, response, (context) => bot.run(context));
      },
    },
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
    logger,
  });
  return { app, checks, close: () => database.close() };
}

/** True for an http(s) URL on this machine; an absent serviceUrl is left for the adapter to refuse. */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  if (serviceUrl === undefined) return true;
  if (typeof serviceUrl !== "string") return false;
  try {
    const { hostname, protocol } = new URL(serviceUrl);
    return (protocol === "http:" || protocol === "https:") && (hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname));
  } catch {
    return false;
  }
}

/** A URL's password replaced by "***", wherever it appears in `text`. */
function redactPassword(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, "$1***@");
}
