// Guided-check sessions: stored state, bound to one user, expiring after 24 hours of quiet,
// moved on by card actions. A stale, foreign, expired or repeated press is an outcome, not an
// error, so the bot can always answer with a card that says what happened.
import { assess, type Assessment } from "../domain/assess.ts";
import type { Areas } from "../content/load-areas.ts";
import type { CheckSessionStore } from "./check-session-store.ts";
import { CheckState, assessmentInputOf, goBack, startState, submitContext, submitQuestions, submitSigns, type Inputs } from "./check-flow.ts";

export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
// A user rarely has more than a few checks in a day; looking further back for a result is not worth it.
const RECENT_LOOKED_AT = 20;
// Issue 8, point 12: twenty parallel presses of "Check a concern" once made twenty sessions. A
// user's open checks are capped (the oldest go first), and a check not yet answered is reused.
export const MAX_OPEN_CHECKS = 10;

export const CHECK_VERBS = ["check.context", "check.signs", "check.questions", "check.back", "check.restart"] as const;
export type CheckVerb = (typeof CHECK_VERBS)[number];

/** The step each step-bound verb belongs to; Back and Start again work on any step. */
const STEP_OF_VERB = new Map<CheckVerb, CheckState["step"]>([
  ["check.context", "context"],
  ["check.signs", "signs"],
  ["check.questions", "questions"],
]);

export type CheckView = {
  readonly sessionId: string;
  readonly version: number;
  readonly state: CheckState;
  /** Present on the result step: assessed at the moment of viewing, so "open now" is now. */
  readonly assessment?: Assessment;
  /** When the check was last moved on (its result reached); given where it is known. */
  readonly updatedAt?: Date;
};

/** What a question told us before the check started: an area id and an age as typed. */
export type CheckPrefill = { readonly area?: string; readonly age?: string };

export type CheckOutcome =
  | { readonly kind: "ok"; readonly view: CheckView }
  /** The card was pressed twice, or an older copy was pressed: here is where the check really is. */
  | { readonly kind: "stale"; readonly view: CheckView }
  | { readonly kind: "expired" }
  | { readonly kind: "not-found" }
  | { readonly kind: "foreign" };

export type CheckAction = {
  readonly sessionId: string;
  readonly version: number;
  readonly userId: string;
  readonly verb: CheckVerb;
  readonly inputs: Inputs;
};

export type CheckServiceDependencies = {
  readonly store: CheckSessionStore;
  readonly areas: Areas;
  readonly clock: () => Date;
  readonly newId: () => string;
};

export type CheckService = ReturnType<typeof createCheckService>;

export function createCheckService({ store, areas, clock, newId }: CheckServiceDependencies) {
  const areaIds = new Set(areas.keys());

  const transitions: Record<CheckVerb, (state: CheckState, inputs: Inputs) => CheckState> = {
    "check.context": (state, inputs) => submitContext(state, inputs, areaIds),
    "check.signs": submitSigns,
    "check.questions": submitQuestions,
    "check.back": goBack,
    "check.restart": () => startState(),
  };

  function view(sessionId: string, version: number, state: CheckState): CheckView {
    const input = assessmentInputOf(state);
    const area = input === undefined ? undefined : areas.get(input.area);
    if (input === undefined || area === undefined) return { sessionId, version, state };
    return { sessionId, version, state, assessment: assess({ ...input, at: clock() }, area) };
  }

  return {
    /**
     * A blank check: the user's newest one when it has not been answered yet, else a new one. With
     * `prefill` (the area and age a question gave), always a new one with those filled in, for the
     * user to confirm on the first step.
     */
    async start(userId: string, prefill: CheckPrefill = {}): Promise<CheckView> {
      const now = clock();
      const prefilled = prefill.area !== undefined || prefill.age !== undefined;
      const [newest] = prefilled ? [] : await store.recent(userId, now, 1);
      const blank = newest?.version === 1 ? CheckState.safeParse(newest.state) : undefined;
      if (newest !== undefined && blank?.success === true) return view(newest.id, 1, blank.data);
      const started = startState();
      const state = prefilled ? { ...started, context: { ...started.context, ...(prefill.area === undefined || !areaIds.has(prefill.area) ? {} : { area: prefill.area }), ...(prefill.age === undefined ? {} : { age: prefill.age }) } } : started;
      const id = newId();
      await store.create({ id, userId, state, version: 1, createdAt: now, updatedAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
      await store.keepNewest(userId, MAX_OPEN_CHECKS, id);
      return view(id, 1, state);
    },

    async act(action: CheckAction): Promise<CheckOutcome> {
      const now = clock();
      const record = await store.get(action.sessionId);
      if (record === undefined) return { kind: "not-found" };
      if (record.userId !== action.userId) return { kind: "foreign" };
      if (record.expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
      const parsed = CheckState.safeParse(record.state);
      // A state written by an older release that no longer parses is treated as expired.
      if (!parsed.success) return { kind: "expired" };
      if (record.version !== action.version) return { kind: "stale", view: view(record.id, record.version, parsed.data) };
      // A step's verb only on that step: pressed elsewhere (a forged or old press), show where the check is (issue 8, point 8).
      const step = STEP_OF_VERB.get(action.verb);
      if (step !== undefined && step !== parsed.data.step) return { kind: "stale", view: view(record.id, record.version, parsed.data) };
      const next = transitions[action.verb](parsed.data, action.inputs);
      const version = record.version + 1;
      const written = await store.update(record.id, record.version, {
        state: next,
        version,
        updatedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      });
      if (!written) {
        // Another press of the same card won the race: show where that one left the check.
        const current = await store.get(record.id);
        const state = current === undefined ? undefined : CheckState.safeParse(current.state);
        return current === undefined || !state?.success ? { kind: "not-found" } : { kind: "stale", view: view(current.id, current.version, state.data) };
      }
      return { kind: "ok", view: view(record.id, version, next) };
    },

    /** Reads a session without changing it (summary, back to the result): the same checks as a press. */
    async open(sessionId: string, userId: string): Promise<CheckOutcome> {
      const record = await store.get(sessionId);
      if (record === undefined) return { kind: "not-found" };
      if (record.userId !== userId) return { kind: "foreign" };
      if (record.expiresAt.getTime() <= clock().getTime()) return { kind: "expired" };
      const parsed = CheckState.safeParse(record.state);
      return parsed.success ? { kind: "ok", view: { ...view(record.id, record.version, parsed.data), updatedAt: record.updatedAt } } : { kind: "expired" };
    },

    /** The user's latest check that reached a result and has not expired ("Show my last result"). */
    async latestResult(userId: string): Promise<CheckView | undefined> {
      for (const record of await store.recent(userId, clock(), RECENT_LOOKED_AT)) {
        const parsed = CheckState.safeParse(record.state);
        if (parsed.success && parsed.data.step === "result") return { ...view(record.id, record.version, parsed.data), updatedAt: record.updatedAt };
      }
      return undefined;
    },

    async sweep(): Promise<number> {
      return store.deleteExpired(clock());
    },
  };
}
