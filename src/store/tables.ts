// The tables as Kysely sees them, as the migrations leave them. Column names are the SQL ones
// (snake_case); repositories map rows to the ports' camelCase records.
//
// Times are epoch milliseconds in a `bigint` column in both dialects: one representation, exact
// to the millisecond, ordered by plain integer comparison, and with no time-zone conversion by
// either driver. `createDatabase` makes pg return `bigint` as a number, so `number` holds here.

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type EpochMs = number;

export type CheckSessionsTable = {
  id: string;
  /** "<channelId>:<user id>": in Teams, "msteams:<AAD object id>" (safeguard-bot.ts, userIdOf). */
  user_id: string;
  /** JSON text; the service owns its shape. */
  state: string;
  version: number;
  created_at: EpochMs;
  updated_at: EpochMs;
  expires_at: EpochMs;
};

export type UserSettingsTable = {
  /** "<channelId>:<user id>": in Teams, "msteams:<AAD object id>" (safeguard-bot.ts, userIdOf). */
  user_id: string;
  /** Their safeguarding lead's email, for "Share with my safeguarding lead". */
  dsl_email: string | null;
  /** Remembered from their last referral (migration 007). */
  referrer_role: string | null;
  referrer_agency: string | null;
  updated_at: EpochMs;
};

/** One row (id 1), rewritten by every readiness check to prove the database takes a write. */
export type ReadinessHeartbeatTable = {
  id: number;
  at: EpochMs;
};

export type ReferralsTable = {
  id: string;
  reference: string;
  area_id: string;
  referrer_id: string;
  idempotency_key: string;
  submitted_at: EpochMs;
  status: string;
  version: number;
  /** JSON: what the channel card may show. */
  summary: string;
  /** JSON: the domain's triage state. */
  triage: string;
  /** Personal fields, sealed (referral-crypto.ts); null once purged. */
  sealed: string | null;
  /** When it was decided (migration 009); null while open. Personal fields go RETENTION_DAYS after it. */
  decided_at: EpochMs | null;
  /** JSON { serviceUrl, conversationId }: the referrer's 1:1 chat (migration 008). */
  referrer_conversation: string | null;
  /** JSON list of the areas it was handed over between, who and when (migration 012); "[]" when never. */
  handovers: string;
};

export type ReferenceCountersTable = { code: string; year: number; last: number };

export type ReferralEventsTable = { referral_id: string; seq: number; at: EpochMs; actor_id: string; type: string; sealed_details: string };

/** `key_id`: the master key that made the hash (migration 013); null for one made before it was kept. */
export type ReferralMatchKeysTable = { referral_id: string; area_id: string; kind: string; hash: string; submitted_at: EpochMs; key_id: string | null };

/**
 * A referral's data key (migration 013, data-key-sealing.ts): its reference (hex), and the key
 * wrapped (base64url) by the master key `key_id` names. Erased: both null, the row kept so the key
 * is never stored again.
 */
export type ReferralDataKeysTable = { referral_id: string; key_ref: string; key_id: string | null; wrapped: string | null };

export type OutboxTable = {
  id: string;
  referral_id: string;
  kind: string;
  /** JSON. */
  payload: string;
  status: "pending" | "dead";
  attempts: number;
  due_at: EpochMs;
  claim: string | null;
  claimed_until: EpochMs | null;
  last_error: string | null;
  created_at: EpochMs;
};

export type TriageChannelsTable = { area_id: string; service_url: string; tenant_id: string; team_id: string; channel_id: string; registered_by: string; registered_at: EpochMs };

/** `area_id`: the area whose triage channel holds the card (migration 012; a transfer posts in another). */
export type ReferralPostsTable = { referral_id: string; conversation_id: string; activity_id: string; area_id: string | null };

export type TriagePeopleTable = { area_id: string; aad_object_id: string; name: string; teams_id: string | null; seen_at: EpochMs };

/**
 * The key ids (referral-crypto.ts) of the master keys that sealed what the database holds
 * (migration 011): one row, unless a key change was left half done. Never the key itself.
 */
export type ReferralKeyIdsTable = { key_id: string; recorded_at: EpochMs };

export type Tables = {
  check_sessions: CheckSessionsTable;
  /** Same columns as check_sessions; `state` holds the sealed draft (migration 007). */
  referral_drafts: CheckSessionsTable;
  user_settings: UserSettingsTable;
  readiness_heartbeat: ReadinessHeartbeatTable;
  referrals: ReferralsTable;
  reference_counters: ReferenceCountersTable;
  referral_events: ReferralEventsTable;
  referral_match_keys: ReferralMatchKeysTable;
  outbox: OutboxTable;
  triage_channels: TriageChannelsTable;
  referral_posts: ReferralPostsTable;
  triage_people: TriagePeopleTable;
  referral_key_ids: ReferralKeyIdsTable;
  referral_data_keys: ReferralDataKeysTable;
};
