// The ports through which referrals, their audit trail, the outbox and triage channels are kept
// (DESIGN.md "Referral", "Triage", "Delivery"). Services depend on these; `src/store` implements
// them. Personal fields arrive sealed (src/store/referral-crypto.ts): a store sees only what the
// channel card may show (the summary) and ciphertext.

/** A referral's state for triage, owned by the domain (src/domain/triage.ts); stored as JSON. */
export type ReferralRecord = {
  readonly id: string;
  /** Human-friendly, unique per area and year: KIN-2026-00042 (DOMAIN.md §8). */
  readonly reference: string;
  readonly areaId: string;
  /** The referrer's user id (`msteams:<AAD object id>`). */
  readonly referrerId: string;
  readonly submittedAt: Date;
  /** The triage state's name, kept apart for filtering. */
  readonly status: string;
  /** Increments on every triage action: compare-and-set, so two leads pressing at once make one move. */
  readonly version: number;
  /** What the channel card may show: no names, addresses, dates of birth or free text. JSON. */
  readonly summary: unknown;
  /** The triage state (assignee, what to go back to after information arrives…). JSON. */
  readonly triage: unknown;
  /** The personal fields, sealed; undefined once purged after the retention period. */
  readonly sealed: string | undefined;
  /** The referrer's 1:1 chat, to tell them what happens (absent when it was not known). */
  readonly referrerConversation?: ConversationAddress | undefined;
  /** DOMAIN.md §9 transfers: the areas it was handed over between, who and when, oldest first. JSON; absent or empty when never. */
  readonly handovers?: unknown;
};

export type ConversationAddress = { readonly serviceUrl: string; readonly conversationId: string };

export type AuditEvent = {
  readonly referralId: string;
  readonly at: Date;
  /** The acting user's id, or "system" for reminders. */
  readonly actorId: string;
  readonly type: string;
  /** Sealed: a reason or a question may name people. */
  readonly sealedDetails: string;
};

/** Work for the delivery worker: post or update a channel card, message a referrer, remind. */
export type OutboxMessage = {
  readonly kind: string;
  readonly referralId: string;
  /** JSON; what the worker needs beyond the referral itself. Never personal fields in clear. */
  readonly payload: unknown;
  /** Not before this instant (reminders are rows with a due time, not timers). */
  readonly dueAt: Date;
};

export type ClaimedMessage = OutboxMessage & {
  readonly id: string;
  readonly attempts: number;
  readonly createdAt: Date;
  /** Proves this worker still holds the claim when it reports back. */
  readonly claim: string;
};

/** Which referrals a list holds: `referrerId`, `areaIds` or both (an empty list of areas matches none). */
export type ReferralListFilter = { readonly referrerId?: string; readonly areaIds?: readonly string[]; readonly statuses?: readonly string[]; readonly submittedSince?: Date };

export type MatchKey = { readonly kind: string; readonly hash: string };

export type NewReferral = {
  readonly id: string;
  /** The three capital letters of the area's reference (KIN), and the year of submission. */
  readonly referenceCode: string;
  readonly areaId: string;
  readonly referrerId: string;
  readonly submittedAt: Date;
  /** The same key for every retry of one submission (the draft's id): a double press makes one referral. */
  readonly idempotencyKey: string;
  readonly status: string;
  readonly summary: unknown;
  readonly triage: unknown;
  readonly sealed: string;
  readonly matchKeys: readonly MatchKey[];
  readonly referrerConversation?: ConversationAddress | undefined;
};

/** A triage member as last seen pressing a card: AAD object id, display name, and Teams user id ("29:…") when known. */
export type SeenMember = { readonly id: string; readonly name: string; readonly teamsId?: string | undefined };

/** A channel card as posted: its thread, its activity, and the area whose triage channel holds it. */
export type PostedCard = { readonly conversationId: string; readonly activityId: string; readonly areaId: string | undefined };

export type ChannelReference = {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
};

/**
 * Issue 23, medium 1: at the purge, what an audit event said (a question, an answer, a reason) is
 * erased too; who did what and when stays. Given a purged referral's event, the details to keep in
 * its place (sealed), or undefined to leave it as it is.
 */
export type EraseEvent = (referralId: string, event: AuditEvent) => string | undefined;

export interface ReferralStore {
  /**
   * One transaction: the referral with the next reference for its area and year, its first audit
   * event, its outbox rows and its match keys. A second call with the same idempotency key writes
   * nothing and returns the first referral (`created: false`).
   */
  submit(referral: NewReferral, event: Omit<AuditEvent, "referralId">, outbox: readonly Omit<OutboxMessage, "referralId">[]): Promise<{ record: ReferralRecord; created: boolean }>;
  get(id: string): Promise<ReferralRecord | undefined>;
  getByReference(reference: string): Promise<ReferralRecord | undefined>;
  /**
   * Compare-and-set: writes the next triage state, its audit event and outbox rows only if the
   * stored version is `expectedVersion`; returns whether it wrote.
   */
  applyTriage(
    id: string,
    expectedVersion: number,
    next: { status: string; triage: unknown; summary: unknown; decidedAt: Date | undefined; handover?: { areaId: string; handovers: unknown } },
    event: Omit<AuditEvent, "referralId">,
    outbox: readonly Omit<OutboxMessage, "referralId">[],
  ): Promise<boolean>;
  events(referralId: string): Promise<AuditEvent[]>;
  /**
   * Issue 10, point 10: the personal fields and match keys of every referral decided before
   * `decidedBefore` are deleted; the referral, its summary, its triage state and its audit events
   * stay. Returns how many referrals were purged (none twice).
   */
  purgeDecided(decidedBefore: Date, eraseEvent?: EraseEvent): Promise<number>;
  /**
   * The tab's lists (issue 11): the referrer's own, or every referral of some areas, newest first,
   * at most `limit`. Filters that need the summary or the deadlines are applied by the caller.
   */
  list(filter: ReferralListFilter, limit: number): Promise<ReferralRecord[]>;
  /** An audit event that changes nothing (a PDF downloaded): appended to the referral's history. */
  recordEvent(referralId: string, event: Omit<AuditEvent, "referralId">): Promise<void>;
  /** Earlier referrals in the area, submitted at or after `since`, sharing any of the keys; newest first. */
  matches(areaId: string, keys: readonly MatchKey[], since: Date, excludeId: string): Promise<ReferralRecord[]>;
  /** How many referrals someone submitted at or after `since`, counted in the database every instance shares. */
  countSubmittedSince(referrerId: string, since: Date): Promise<number>;
}

export interface OutboxStore {
  /** Claims up to `limit` due, unclaimed (or lapsed) messages for `leaseMs`; never the same message to two live claims. */
  claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Done: the message goes. False when the claim had lapsed and been taken by another worker. */
  complete(id: string, claim: string): Promise<boolean>;
  /** Not tried (the worker is stopping): free for any worker to claim at once, the attempt not counted. */
  release(id: string, claim: string): Promise<boolean>;
  /** Failed for now: try again at `retryAt`. */
  retryLater(id: string, claim: string, retryAt: Date, error: string): Promise<boolean>;
  /** Failed for good: kept, visible, retried only on demand. */
  deadLetter(id: string, claim: string, error: string): Promise<boolean>;
  deadCount(): Promise<number>;
  /**
   * Issue 21, point 6: the area's referrals waiting for a triage channel (their card not posted
   * yet), made due now once a channel is registered; returns how many.
   */
  hurryPosts(areaId: string, now: Date): Promise<number>;
  /** Puts every dead message back in the queue, due now; returns how many. */
  retryDead(now: Date): Promise<number>;
}

export interface TriageChannelStore {
  register(areaId: string, channel: ChannelReference, by: string, at: Date): Promise<void>;
  unregister(areaId: string): Promise<boolean>;
  channelOf(areaId: string): Promise<ChannelReference | undefined>;
  /**
   * Each channel card posted for a referral whose place the worker learnt (one per area it was in;
   * a list, so that every copy known is updated), with the area whose channel holds it.
   */
  recordPost(referralId: string, conversationId: string, activityId: string, areaId: string): Promise<void>;
  postsOf(referralId: string): Promise<PostedCard[]>;
  /** A triage member's name as Teams gave it when they last pressed a referral card of the area. */
  rememberMember(areaId: string, member: SeenMember, at: Date): Promise<void>;
  /** The area's members seen so far, by name. */
  membersSeen(areaId: string): Promise<SeenMember[]>;
}
