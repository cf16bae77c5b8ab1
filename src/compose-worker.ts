// The parts the bot and the outbox worker share (issue 10, point 5): the store opened with its
// referral key, the card renderer held to Teams' size limit, and the outbox worker over them.
// compose-app.ts builds the bot from them; worker.ts runs the worker alone (`npm run worker`).
import type { Logger } from "pino";
import { ConfigError, type Config } from "./config/load-config.ts";
import { dataDirOf, keyMismatch, loadPreviousReferralKey, loadReferralKey } from "./config/load-referral-key.ts";
import type { Areas } from "./content/load-areas.ts";
import { createCardRenderer, limitCardSize, type CardRenderer, type KeepingCardRenderer } from "./cards/render-card.ts";
import { noticeCard } from "./cards/menu-views.ts";
import type { TimeLimitedAuthentication } from "./bot/send-deadline.ts";
import { createOutboxWorker, type OutboxWorker } from "./delivery/outbox-worker.ts";
import { createReferralSenders } from "./delivery/referral-senders.ts";
import { createTeamsSender } from "./delivery/teams-sender.ts";
import { createDatabase, type Database } from "./store/create-database.ts";
import { createOutboxRepository } from "./store/outbox-repository.ts";
import { createReferralCrypto, type ReferralCrypto } from "./store/referral-crypto.ts";
import { recordSealingKey, sealedKeyIds } from "./store/referral-key-ids.ts";
import { createReferralRepository } from "./store/referral-repository.ts";
import { createTriageChannelRepository } from "./store/triage-channel-repository.ts";
import type { Roles } from "./config/load-roles.ts";
import { createTriageService } from "./services/triage-service.ts";

/** How often the worker looks for due messages when the last batch was not full. */
export const OUTBOX_POLL_MS = 2_000;

export type Store = { readonly database: Database; readonly crypto: ReferralCrypto };

/**
 * The configured database, migrated, and the key that seals referrals; a problem is a ConfigError
 * naming the setting. A key that did not seal what the database holds is refused here, before
 * anything is served: it would open none of it.
 */
export async function openStore({ config, logger }: { config: Config; logger: Logger }): Promise<Store> {
  const database = await createDatabase(config.databaseUrl, {
    onConnectionLost: (error) => logger.warn({ err: error }, "a database connection was lost while idle; the pool will open a new one"),
  }).catch((error: unknown) => {
    // Name the setting, never its password (issue 8, point 13).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`DATABASE_URL (${redactPassword(config.databaseUrl)}): the database could not be opened: ${redactPassword(reason)}`]);
  });
  try {
    // After the database: a data folder that cannot be made is named as DATABASE_URL's problem
    // first, and a lost key file is not made again over what an earlier key sealed.
    const sealedWith = await sealedKeyIds(database.db);
    const referralKey = loadReferralKey({ value: config.referralKey, dataDir: dataDirOf(config.databaseUrl), authenticated: config.bot !== undefined, sealedWith });
    const previous = loadPreviousReferralKey(config.referralKeyPrevious, config.referralKey);
    const crypto = createReferralCrypto(referralKey.key, previous);
    // During a rotation, what the previous key sealed still opens (npm run keys -- rotate seals it again).
    const mismatch = keyMismatch(referralKey, crypto.keyId, sealedWith.filter((keyId) => keyId !== crypto.previousKeyId));
    if (mismatch !== undefined) throw new ConfigError([mismatch]);
    if (sealedWith.length === 0) await recordSealingKey(database.db, crypto.keyId);
    logger.info({ source: referralKey.source, keyId: crypto.keyId, ...(crypto.previousKeyId === undefined ? {} : { previousKeyId: crypto.previousKeyId }) }, referralKey.message ?? "referral key loaded");
    if (crypto.previousKeyId !== undefined) logger.warn({ previousKeyId: crypto.previousKeyId }, "REFERRAL_KEY_PREVIOUS is set: a key rotation is under way; run npm run keys -- rotate, then unset it");
    return { database, crypto };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Cards from the templates, never over 28 KB: an oversized one is logged and replaced by a notice. */
export function createSizeLimitedRenderer(logger: Logger, options: { keepCheckCards?: boolean } = {}): KeepingCardRenderer {
  const cards = createCardRenderer(undefined, options);
  const limited = limitCardSize(cards, noticeCard("error"), (card, bytes) => logger.error({ card, bytes }, "a card was over the size limit; sent a notice instead"));
  return Object.assign(limited, { forgetUnusedCheckCards: cards.forgetUnusedCheckCards });
}

export type WorkerParts = {
  readonly database: Database;
  readonly crypto: ReferralCrypto;
  readonly areas: Areas;
  /** Who is in each area's triage team (for the card's colleagues) and who its admins are (for the escalation). */
  readonly roles: Roles;
  readonly renderCard: CardRenderer;
  /** Shared with the bot's adapter in one process, so both use one token cache. */
  readonly auth: TimeLimitedAuthentication;
  readonly appId: string;
  readonly clock: () => Date;
  readonly logger: Logger;
};

/** The outbox worker with a sender for each kind of message about a referral. */
export function composeWorker({ database, crypto, areas, roles, renderCard, auth, appId, clock, logger }: WorkerParts): OutboxWorker {
  const referrals = createReferralRepository(database.db);
  const channels = createTriageChannelRepository(database.db);
  const senders = createReferralSenders({
    referrals,
    channels,
    peopleOf: createTriageService({ referrals, channels, roles, crypto, clock }).peopleOf,
    adminsOf: (areaId) => roles.adminsOf(areaId),
    teams: createTeamsSender(auth, appId),
    reachReferrersById: appId !== "",
    areas,
    crypto,
    render: (card) => renderCard(card.name, card.data),
    clock,
  });
  return createOutboxWorker({ outbox: createOutboxRepository(database.db, database.dialect), senders, clock, logger });
}

/** A URL's password replaced by "***", wherever it appears in `text`. */
function redactPassword(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, "$1***@");
}
