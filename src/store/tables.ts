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
  updated_at: EpochMs;
};

/** One row (id 1), rewritten by every readiness check to prove the database takes a write. */
export type ReadinessHeartbeatTable = {
  id: number;
  at: EpochMs;
};

export type Tables = {
  check_sessions: CheckSessionsTable;
  user_settings: UserSettingsTable;
  readiness_heartbeat: ReadinessHeartbeatTable;
};
