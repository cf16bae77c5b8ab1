// Builds the whole application from its parts. main.ts calls it with the real clock and the
// configured database; tests call it with a temp SQLite file and a fixed clock.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Express } from "express";
import type { Config } from "./config/load-config.ts";
import { loadAreas } from "./content/load-areas.ts";
import { loadGuidance } from "./content/load-guidance.ts";
import { loadDangerWords } from "./content/load-danger-words.ts";
import { loadTopicModel, loadUrgencyModel } from "./content/load-models.ts";
import { createAdapter, createAuthentication } from "./bot/create-adapter.ts";
import { createBotEndpoint } from "./bot/bot-endpoint.ts";
import { DEFAULT_SEND_LIMITS, type SendLimits } from "./bot/send-deadline.ts";
import { createCardActions } from "./bot/card-actions.ts";
import { SafeguardBot } from "./bot/safeguard-bot.ts";
import { createApp } from "./http/create-app.ts";
import { checkReadiness } from "./http/readiness.ts";
import { checkOutbox } from "./http/outbox-health.ts";
import { createOutboxRepository } from "./store/outbox-repository.ts";
import { createCheckService, type CheckService } from "./services/check-service.ts";
import { createQuestionAnswerer } from "./services/answer-question.ts";
import { createCheckSessionRepository } from "./store/check-session-repository.ts";
import { createUserSettingsRepository } from "./store/user-settings-repository.ts";
import { checkDatabase } from "./store/readiness.ts";
import { createTriageChannelRepository } from "./store/triage-channel-repository.ts";
import { createTriageRegistration } from "./services/triage-registration.ts";
import { loadRoles } from "./config/load-roles.ts";
import { createReferralRepository } from "./store/referral-repository.ts";
import { eraseEventWords } from "./services/referral-retention.ts";
import { createReferralService, type FloodLimits } from "./services/referral-service.ts";
import type { OutboxWorker } from "./delivery/outbox-worker.ts";
import { composeWorker, createSizeLimitedRenderer, openStore } from "./compose-worker.ts";
import { createReferralActions } from "./bot/referral-actions.ts";
import { createTriageActions } from "./bot/triage-actions.ts";
import { createTriageService, transferAreasOf } from "./services/triage-service.ts";
import type { SweepCounts } from "./services/session-sweeper.ts";
import { createApi } from "./http/api/create-api.ts";
import { createApiViews } from "./cards/api-views.ts";
import type { JWTVerifyGetKey } from "jose";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ComposeOptions = {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Time limits on sends to the Bot Connector; tests shorten them. */
  readonly sendLimits?: SendLimits;
  /** The keys Teams SSO tokens are checked against; by default the tenant's published keys. Tests give locally made ones. */
  readonly tabSigningKeys?: JWTVerifyGetKey;
  /** Per-person limits on referrals (FLOOD_LIMITS); a test that starts many as one person raises them. */
  readonly floodLimits?: FloodLimits;
  /** True once a stop signal came (src/main.ts): /readyz answers 503. */
  readonly stopping?: () => boolean;
  /** False renders every check card afresh instead of keeping them between sessions (render-card.ts); the bench compares the two. */
  readonly keepCheckCards?: boolean;
};

export type Composed = {
  readonly app: Express;
  readonly checks: CheckService;
  /** Deletes what has outlived its keeping time; returns how many went. */
  readonly sweep: () => Promise<SweepCounts>;
  /** The outbox worker: main.ts runs it (unless OUTBOX_WORKER is off); tests call runOnce. */
  readonly worker: OutboxWorker;
  /** Stops the worker, then closes the store. */
  readonly close: () => Promise<void>;
};

export async function composeApp({ config, logger, clock = () => new Date(), sendLimits = DEFAULT_SEND_LIMITS, tabSigningKeys, keepCheckCards = true, floodLimits, stopping }: ComposeOptions): Promise<Composed> {
  // Content and templates are read and validated once, before anything listens.
  const areas = loadAreas();
  const guidanceEntries = loadGuidance();
  const guidance = new Map(guidanceEntries.map((entry) => [entry.id, entry]));
  const authenticated = config.bot !== undefined;
  const roles = loadRoles({ path: config.rolesFile, areaIds: areas.keys(), authenticated });
  logger[roles.startupMessage.level](roles.startupMessage.text);
  const renderCard = createSizeLimitedRenderer(logger, { keepCheckCards });
  const { database, crypto } = await openStore({ config, logger });
  const checks = createCheckService({ store: createCheckSessionRepository(database.db), areas, clock, newId: randomUUID });
  const answerer = createQuestionAnswerer({ guidance: guidanceEntries, areas, dangerWords: loadDangerWords(new Set(guidance.keys())), urgencyModel: loadUrgencyModel(), topicModel: loadTopicModel(new Set(guidance.keys())) });
  const settings = createUserSettingsRepository(database.db, crypto);
  const channels = createTriageChannelRepository(database.db);
  const outbox = createOutboxRepository(database.db, database.dialect);
  const drafts = createCheckSessionRepository(database.db, "referral_drafts");
  const referrals = createReferralRepository(database.db);
  const auth = createAuthentication(config.bot, sendLimits);
  const worker = composeWorker({ database, crypto, areas, roles: roles.roles, renderCard, auth, appId: config.bot?.appId ?? "", clock, logger });
  // What is queued goes at once when this process runs the worker (OUTBOX_WORKER=on); the poll is the fallback.
  const onQueued = () => worker.nudge();
  const referralService = createReferralService({ drafts, referrals, channels, checks, settings, crypto, areas, clock, newId: randomUUID, onQueued, ...(floodLimits === undefined ? {} : { floodLimits }) });
  const cardActions = createCardActions({ checks, settings, areas, guidance, clock });
  const registerTriage = createTriageRegistration({ channels, roles: roles.roles, areas, outbox, onQueued });
  const referralActions = createReferralActions({ referrals: referralService, areas });
  const triage = createTriageService({ referrals, channels, roles: roles.roles, crypto, clock, transferAreas: transferAreasOf(areas), reviewEveryDaysOf: (areaId) => areas.get(areaId)?.reviewEveryDays, onQueued, onFailedAfterCommit: (error) => logger.error({ err: error }, "a triage move was recorded, but reading it back failed") });
  const triageActions = createTriageActions({ triage, areas, clock });
  const bot = new SafeguardBot({ areas, checks, answerer, cardActions, renderCard, clock, logger, appId: config.bot?.appId ?? "", registerTriage, referralActions, triageActions, menuOf: async (userId) => ({
      continueReferral: (await referralService.unfinished(userId)) !== undefined,
      undelivered: (await referralService.undelivered(userId)).map(({ record, delivery }) => ({ reference: record.reference, areaId: record.areaId, areaName: areas.get(record.areaId)?.name ?? record.areaId, delivery })),
    }),
  });
  const adapter = createAdapter(auth, logger);

  const app = createApp({
    ...(stopping === undefined ? {} : { stopping }),
    retentionDays: config.retentionDays,
    api: createApi({
      guidance: guidanceEntries,
      searchGuidance: (text) => answerer.candidates(text),
      areas,
      roles: roles.roles,
      authenticated,
      // jose is loaded only when Teams sign-in for the tab is configured.
      identify: config.tab === undefined ? undefined : (await import("./http/api/teams-identity.ts")).createTeamsIdentity({ audience: [config.tab.audience, config.tab.appId], tenantId: config.tab.tenantId, now: clock, ...(tabSigningKeys === undefined ? {} : { jwks: tabSigningKeys }) }),
      referrals,
      triage,
      checks,
      referralService,
      views: createApiViews(areas),
      clock,
      logger,
    }),
    bot: { process: createBotEndpoint({ adapter, run: (context) => bot.run(context), authenticated, logger }), tokenRequired: authenticated },
    ready: () =>
      checkReadiness(
        new Map([
          ["database", () => checkDatabase(database, clock().getTime())],
          ["outbox", () => checkOutbox(outbox)],
        ]),
      ),
    logger,
  });
  return {
    app,
    checks,
    // Expired check sessions (24 hours) and referral drafts (7 days) go, so nothing about a child outlives its promise;
    // so do check cards kept in memory and unused since the last sweep (render-card.ts).
    // Referrals decided RETENTION_DAYS ago lose their personal fields and match keys; the audit stays.
    sweep: async () => ({
      checkSessions: await checks.sweep(),
      checkCardsForgotten: renderCard.forgetUnusedCheckCards(),
      referralDrafts: await drafts.deleteExpired(clock()),
      referralsPurged: await (async () => {
        const purged = await referrals.purgeDecided(new Date(clock().getTime() - config.retentionDays * DAY_MS), eraseEventWords(crypto));
        // Nothing of what was erased is left in the files.
        if (purged > 0) await database.afterErase();
        return purged;
      })(),
    }),
    worker,
    close: async () => {
      await worker.stop();
      await database.close();
    },
  };
}
