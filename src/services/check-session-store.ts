// The port through which guided-check sessions are kept (DESIGN.md "Guided check": the answers
// live on the server, keyed by a session id in the card's action data, bound to the user, with an
// expiry). Services depend on this interface; `src/store` implements it, so no SQL leaks in here.

export type CheckSessionRecord = {
  /** Random id placed in card action data. */
  readonly id: string;
  /** The user the session is bound to: "<channelId>:<id>", in Teams "msteams:<AAD object id>". */
  readonly userId: string;
  /** JSON-serialisable state owned by the service, which parses it with zod on the way back in. */
  readonly state: unknown;
  /** Increments on every write; a card carries the version it was rendered at. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The session is expired from this instant on (expired when `expiresAt <= now`). */
  readonly expiresAt: Date;
};

export type CheckSessionUpdate = {
  readonly state: unknown;
  /** Must be greater than the expected version, or a card rendered before this write would still match. */
  readonly version: number;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
};

export interface CheckSessionStore {
  /** Rejects if a session with this id already exists. */
  create(record: CheckSessionRecord): Promise<void>;
  /** Returns the session even when expired: the caller holds the clock and says "expired" kindly. */
  get(id: string): Promise<CheckSessionRecord | undefined>;
  /**
   * Compare-and-set: writes only if the stored version equals `expectedVersion`; returns whether
   * it wrote. Two concurrent updates with the same expectedVersion: exactly one wins. This is what
   * turns a card pressed twice, or by two devices at once, into one step rather than two.
   */
  update(id: string, expectedVersion: number, next: CheckSessionUpdate): Promise<boolean>;
  /** The user's sessions not expired at `now`, most recently changed first, at most `limit`. */
  recent(userId: string, now: Date, limit: number): Promise<CheckSessionRecord[]>;
  /**
   * Keeps `alwaysKeep` and the user's `count - 1` other most recently changed sessions, removing
   * the rest; returns how many went. `alwaysKeep` is the session just made, kept even if another
   * instance's clock put the others after it.
   */
  keepNewest(userId: string, count: number, alwaysKeep: string): Promise<number>;
  /** Removes sessions whose expiresAt <= now; returns how many. */
  deleteExpired(now: Date): Promise<number>;
  /** How many the user made at or after `since` (expired ones not yet swept included). */
  countCreatedSince(userId: string, since: Date): Promise<number>;
}
