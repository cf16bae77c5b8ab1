// Triage of a referral by the area's front door (DOMAIN.md §9): the states, the moves between
// them as one table, and the audit event each move appends. Pure: the person who pressed and the
// time are arguments. Two leads pressing at once is settled by the store's compare-and-set on
// `version`, which every move increments; describeTriageEvent (triage-text.ts) tells the one who
// lost what happened. The words a person reads live in triage-text.ts; deadlines and reminders in
// triage-deadlines.ts.
import { z } from "zod";
import { alreadyAssignedMessage, refusalOf } from "./triage-text.ts";

export const TRIAGE_STATUSES = ["submitted", "acknowledged", "assigned", "awaiting-info", "decided"] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const TRIAGE_ACTIONS = ["acknowledge", "assign", "request-info", "info-received", "decide", "reopen", "record-review"] as const;
export type TriageActionType = (typeof TRIAGE_ACTIONS)[number];

/** DOMAIN.md §9: what a decision can be. */
export const OUTCOMES = [
  "no-further-action", "advice-given", "early-help", "strategy-discussion", "section-47", "refer-to-mase",
  "transfer-to-other-area", "police-referral",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The audit event each move appends; the referral service writes "submitted" before triage starts. */
export const TRIAGE_EVENT_TYPES = ["acknowledged", "assigned", "info-requested", "info-received", "decided", "reopened", "reviewed"] as const;
export type TriageEventType = (typeof TRIAGE_EVENT_TYPES)[number];

/** Why a press was refused; triage-text.ts words each one for the person who pressed. */
export const TRIAGE_REFUSALS = [
  "already-acknowledged", "already-assigned", "awaiting-info", "already-decided", "not-awaiting-info", "not-assigned",
  "not-decided", "outcome-missing", "reason-missing", "area-missing", "question-missing", "not-allowed", "note-missing", "no-review",
] as const;
export type TriageRefusal = (typeof TRIAGE_REFUSALS)[number];

/** The states to which `info-received` can return (those `request-info` starts from). */
const RESUMABLE = ["submitted", "acknowledged", "assigned"] as const;

/**
 * DOMAIN.md §9, every move there is; anything else is refused (triage-text.ts says why).
 * `assign` from `submitted` acknowledges too; `info-received` goes back to where `request-info`
 * was pressed.
 */
export const TRIAGE_MOVES = [
  { action: "acknowledge", from: "submitted", to: "acknowledged" },
  { action: "assign", from: "submitted", to: "assigned" },
  { action: "assign", from: "acknowledged", to: "assigned" },
  // DOMAIN.md §9 (added 2026-12-07): an assigned referral can be reassigned to another member.
  { action: "assign", from: "assigned", to: "assigned" },
  { action: "request-info", from: "submitted", to: "awaiting-info" },
  { action: "request-info", from: "acknowledged", to: "awaiting-info" },
  { action: "request-info", from: "assigned", to: "awaiting-info" },
  { action: "info-received", from: "awaiting-info", to: "previous" },
  { action: "decide", from: "assigned", to: "decided" },
  { action: "reopen", from: "decided", to: "assigned" },
  // DOMAIN.md §9 (added 2026-12-07): "Record a review" on a decision with a review due sets the next one.
  { action: "record-review", from: "decided", to: "decided" },
] as const satisfies readonly { action: TriageActionType; from: TriageStatus; to: TriageStatus | "previous" }[];
export type TriageMove = (typeof TRIAGE_MOVES)[number];

const LIMITS = { id: 100, name: 200, question: 1_000, answer: 2_000, reason: 2_000, area: 100 } as const;

/** A member of the area's triage role: their AAD object id and their display name as Teams gives it. */
export const TriageMember = z.strictObject({ id: z.string().min(1).max(LIMITS.id), name: z.string().min(1).max(LIMITS.name) });
export type TriageMember = z.infer<typeof TriageMember>;

// The state is stored as JSON, so an instant arrives as an ISO string; in memory it is a Date.
const Instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]);

/** Who pressed, and when. */
const Stamp = z.strictObject({ by: TriageMember, at: Instant });

// The state is kept in clear beside the sealed referral, so it holds only what the channel card
// may show: names of triage staff, times, the outcome and the area transferred to. A question or
// a reason may name people, so they live only in the audit event, which the service seals.
const SubmittedBody = z.strictObject({ status: z.literal("submitted") });
const AcknowledgedBody = z.strictObject({ status: z.literal("acknowledged"), acknowledged: Stamp });
const AssignedBody = z.strictObject({
  status: z.literal("assigned"),
  acknowledged: Stamp,
  assigned: Stamp,
  assignee: TriageMember,
  /** Set when a decision was reopened: the decision deadline has then been met once already. */
  reopened: Stamp.optional(),
});
const ResumableBody = z.discriminatedUnion("status", [SubmittedBody, AcknowledgedBody, AssignedBody]);
const AwaitingInfoBody = z.strictObject({
  status: z.literal("awaiting-info"),
  requested: Stamp,
  /** Where `info-received` goes back to. */
  before: ResumableBody,
});
const Decision = z.strictObject({ outcome: z.enum(OUTCOMES), area: z.string().min(1).max(LIMITS.area).optional() });
const DecidedBody = z.strictObject({
  status: z.literal("decided"),
  acknowledged: Stamp,
  assigned: Stamp,
  assignee: TriageMember,
  decided: Stamp,
  decision: Decision,
  /** DOMAIN.md §9 review reminders: when the next review is due, and the last one recorded (triage-review.ts sets it). */
  review: z.strictObject({ due: Instant, last: Stamp.optional() }).optional(),
});

// Rows written before this module hold `{ "status": "submitted" }`: the referral's first version.
const version = { version: z.int().min(1).default(1) };

/** A referral's triage state; `version` is the store's compare-and-set version. */
export const TriageState = z.discriminatedUnion("status", [
  SubmittedBody.extend(version),
  AcknowledgedBody.extend(version),
  AssignedBody.extend(version),
  AwaitingInfoBody.extend(version),
  DecidedBody.extend(version),
]);
export type TriageState = z.infer<typeof TriageState>;
type Body = z.infer<typeof SubmittedBody | typeof AcknowledgedBody | typeof AssignedBody | typeof AwaitingInfoBody | typeof DecidedBody>;

export const INITIAL_TRIAGE_STATE: TriageState = Object.freeze({ status: "submitted", version: 1 });

// A card leaves an input it did not fill as "", which here means "not given".
const optionalText = (max: number) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string().max(max).optional());

/**
 * A press on the triage card, parsed at the edge. Whether a decision has its outcome and reason
 * is a rule of the domain, checked by applyTriageAction so the card can say what is missing.
 */
export const TriageAction = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("acknowledge") }),
  z.strictObject({ type: z.literal("assign"), assignee: TriageMember }),
  z.strictObject({ type: z.literal("request-info"), question: z.string().max(LIMITS.question) }),
  /** Marked received by a lead (the information came another way), or the referrer's answer to the question. */
  z.strictObject({ type: z.literal("info-received"), answer: optionalText(LIMITS.answer) }),
  z.strictObject({
    type: z.literal("decide"),
    outcome: z.preprocess((value) => (value === "" ? undefined : value), z.enum(OUTCOMES).optional()),
    reason: optionalText(LIMITS.reason),
    /** DOMAIN.md §9: a note for the triage team, kept in the record and never sent to the referrer. */
    teamNote: optionalText(LIMITS.reason),
    /** The area a referral is transferred to; kept only with `transfer-to-other-area`. */
    area: optionalText(LIMITS.area),
  }),
  z.strictObject({ type: z.literal("reopen"), reason: optionalText(LIMITS.reason) }),
  /** DOMAIN.md §9: "Record a review", with a short note (sealed in the event, never on the card). */
  z.strictObject({ type: z.literal("record-review"), note: optionalText(LIMITS.reason) }),
]);
export type TriageAction = z.infer<typeof TriageAction>;

const actorName = z.string().min(1).max(LIMITS.name);
const eventOf = <T extends TriageEventType, S extends z.ZodRawShape>(type: T, details: S) =>
  z.strictObject({ type: z.literal(type), actorId: z.string().min(1).max(LIMITS.id), at: Instant, details: z.strictObject({ actorName, ...details }) });
const reason = z.string().min(1).max(LIMITS.reason);

/** The append-only audit event of a move. The service seals `details`: a question or reason may name people. */
export const TriageEvent = z.discriminatedUnion("type", [
  eventOf("acknowledged", {}),
  /** `previous`: the member it was assigned to before, when it was reassigned. */
  eventOf("assigned", { assignee: TriageMember, alsoAcknowledged: z.boolean(), previous: TriageMember.optional() }),
  eventOf("info-requested", { question: z.string().min(1).max(LIMITS.question), returnsTo: z.enum(RESUMABLE) }),
  eventOf("info-received", { returnsTo: z.enum(RESUMABLE), answer: z.string().min(1).max(LIMITS.answer).optional() }),
  eventOf("decided", { outcome: z.enum(OUTCOMES), reason, teamNote: reason.optional(), area: z.string().min(1).max(LIMITS.area).optional() }),
  eventOf("reopened", { reason: reason.optional() }),
  eventOf("reviewed", { note: reason }),
]);
export type TriageEvent = z.infer<typeof TriageEvent>;

export type TriageResult =
  | { readonly ok: true; readonly next: TriageState; readonly event: TriageEvent }
  | { readonly ok: false; readonly code: TriageRefusal; readonly message: string };

type Refused = Extract<TriageResult, { ok: false }>;
type EventDetails<T extends TriageEventType> = Omit<Extract<TriageEvent, { type: T }>["details"], "actorName">;
type Built = { readonly next: Body; readonly event: { [T in TriageEventType]: { type: T; details: EventDetails<T> } }[TriageEventType] };

type ActionOf<A extends TriageActionType> = Extract<TriageAction, { type: A }>;
type StateFrom<A extends TriageActionType> = Extract<TriageState, { status: Extract<TriageMove, { action: A }>["from"] }>;
type Build<A extends TriageActionType> = (state: StateFrom<A>, action: ActionOf<A>, stamp: z.infer<typeof Stamp>) => Built | Refused;

const refused = (code: TriageRefusal, message: string): Refused => ({ ok: false, code, message });

/** Text a person typed, trimmed; undefined when nothing is left. */
function given(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

type WithoutVersion<S> = S extends unknown ? Omit<S, "version"> : never;

function withoutVersion<S extends TriageState>({ version: _version, ...body }: S): WithoutVersion<S> {
  // The rest of a union is a union of rests; TypeScript types it as one object.
  return body as WithoutVersion<S>;
}

/** What each allowed move makes of the state, and the event it appends. */
const BUILD: { readonly [A in TriageActionType]: Build<A> } = {
  acknowledge: (_state, _action, stamp) => ({
    next: { status: "acknowledged", acknowledged: stamp },
    event: { type: "acknowledged", details: {} },
  }),
  assign: (state, action, stamp) => {
    if (state.status === "assigned") {
      // DOMAIN.md §9 (added 2026-12-07): reassigned to another member; to the same one, nothing moves.
      if (state.assignee.id === action.assignee.id) return refused("already-assigned", alreadyAssignedMessage(state, stamp.at));
      return {
        // Who acknowledged it, and a reopening (the decision deadline met once), stay.
        next: { ...withoutVersion(state), assigned: stamp, assignee: action.assignee },
        event: { type: "assigned", details: { assignee: action.assignee, alsoAcknowledged: false, previous: state.assignee } },
      };
    }
    return {
      // DOMAIN.md §9: assigning a referral nobody has acknowledged acknowledges it too.
      next: { status: "assigned", acknowledged: state.status === "acknowledged" ? state.acknowledged : stamp, assigned: stamp, assignee: action.assignee },
      event: { type: "assigned", details: { assignee: action.assignee, alsoAcknowledged: state.status === "submitted" } },
    };
  },
  "request-info": (state, action, stamp) => {
    const question = given(action.question);
    if (question === undefined) return refused("question-missing", "Say what information you need: the referrer is sent your question.");
    return {
      next: { status: "awaiting-info", requested: stamp, before: withoutVersion(state) },
      event: { type: "info-requested", details: { question, returnsTo: state.status } },
    };
  },
  "info-received": (state, action) => {
    const answer = given(action.answer);
    return {
      next: state.before,
      event: { type: "info-received", details: answer === undefined ? { returnsTo: state.before.status } : { returnsTo: state.before.status, answer } },
    };
  },
  decide: (state, action, stamp) => {
    const { outcome } = action;
    if (outcome === undefined) return refused("outcome-missing", "Choose an outcome to record the decision.");
    const area = given(action.area);
    const transfers = outcome === "transfer-to-other-area";
    if (transfers && area === undefined) return refused("area-missing", "Name the area the referral is being transferred to.");
    const why = given(action.reason);
    if (why === undefined) return refused("reason-missing", "Give the reason for the decision: it is kept in the referral's record.");
    const decision = transfers ? { outcome, area } : { outcome };
    const teamNote = given(action.teamNote);
    return {
      next: { status: "decided", acknowledged: state.acknowledged, assigned: state.assigned, assignee: state.assignee, decided: stamp, decision },
      event: { type: "decided", details: { ...decision, reason: why, ...(teamNote === undefined ? {} : { teamNote }) } },
    };
  },
  "record-review": (state, action, stamp) => {
    if (state.review === undefined) return refused("no-review", "No review is due on this referral: its decision, in this area, does not call for review reminders.");
    const note = given(action.note);
    if (note === undefined) return refused("note-missing", "Say in a few words what the review found: it is kept in the referral's record.");
    // The next due date is the area's to set (triage-review.ts); the last review is this one.
    return { next: { ...withoutVersion(state), review: { due: state.review.due, last: stamp } }, event: { type: "reviewed", details: { note } } };
  },
  reopen: (state, action, stamp) => {
    const why = given(action.reason);
    return {
      // The person the referral was assigned to has it again.
      next: { status: "assigned", acknowledged: state.acknowledged, assigned: state.assigned, assignee: state.assignee, reopened: stamp },
      event: { type: "reopened", details: why === undefined ? {} : { reason: why } },
    };
  },
};

/** The row of TRIAGE_MOVES for this press, if the move is allowed. */
export function triageMoveOf(status: TriageStatus, action: TriageActionType): TriageMove | undefined {
  return TRIAGE_MOVES.find((move) => move.action === action && move.from === status);
}

// Called only once TRIAGE_MOVES has matched the action's type, so BUILD is never asked for a
// name from Object's prototype.
function build<A extends TriageActionType>(state: StateFrom<A>, action: ActionOf<A>, stamp: z.infer<typeof Stamp>): Built | Refused {
  return (BUILD[action.type as A] as Build<A>)(state, action, stamp);
}

/**
 * The next state and the audit event for `actor` pressing `action` at `at`, or why not. Never
 * changes `current`. Only members of the area's triage role may act: the service checks that.
 */
export function applyTriageAction(current: TriageState, action: TriageAction, actor: TriageMember, at: Date): TriageResult {
  if (Number.isNaN(at.getTime())) throw new RangeError("applyTriageAction: expected a valid Date");
  if (triageMoveOf(current.status, action.type) === undefined) return { ok: false, ...refusalOf(current, action.type, at) };
  // The table has just said this state is one the action moves from.
  const built = build(current as StateFrom<typeof action.type>, action, { by: actor, at });
  if ("ok" in built) return built;
  const event = { ...built.event, actorId: actor.id, at, details: { actorName: actor.name, ...built.event.details } } as TriageEvent;
  return { ok: true, next: { ...built.next, version: current.version + 1 }, event };
}
