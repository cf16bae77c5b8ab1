// Referrals (issue 10, points 1-2): a draft per user, started from a check's result so nothing is
// typed twice, kept sealed for 7 days and moved on by card actions like the check; then submitted
// once — a double press, a retried invoke or two devices make one referral — in one transaction
// with its first audit event and the outbox row that posts it to the area's triage channel.
import { DateTime } from "luxon";
import type { Areas } from "../content/load-areas.ts";
import type { Area } from "../domain/area.ts";
import { assess, type Assessment } from "../domain/assess.ts";
import { fromCheckOf, validateReferral, type Referral, type ReferralIssue } from "../domain/referral.ts";
import { ageBand, childAgeOn } from "../domain/referral-age.ts";
import { INITIAL_TRIAGE_STATE } from "../domain/triage.ts";
import { informedOf as informedAreaFor, type InformedAs } from "../domain/cross-border.ts";
import { transferAreasIn } from "../domain/triage-transfer.ts";
import { frontDoorWorkingHours, triageDeadlines } from "../domain/triage-deadlines.ts";
import type { Urgency } from "../domain/pathway.ts";
import type { ListGroupId } from "../domain/referral-fields.ts";
import type { ReferralCrypto } from "./referral-crypto-port.ts";
import type { CheckService } from "./check-service.ts";
import { assessmentInputOf } from "./check-flow.ts";
import type { CheckSessionStore } from "./check-session-store.ts";
import { DraftState, addEntry, inputsShownIn, mergeInputs, newDraft, referralInputOf, removeEntry, sectionOfIssue, type ReferralSection } from "./referral-draft.ts";
import type { ConversationAddress, ReferralRecord, ReferralStore, TriageChannelStore } from "./referral-store.ts";
import type { UserSettingsStore } from "./user-settings-store.ts";

export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One person cannot flood a triage channel (each referral is a card, a reminder
 * and an escalation) or the store. Counted in the database, so every instance shares the count;
 * far above what one practitioner does in an hour. Past a limit nothing typed is lost, and the
 * notice says to phone the front door.
 */
export type FloodLimits = { readonly windowMs: number; readonly draftsStarted: number; readonly referralsSubmitted: number };
export const FLOOD_LIMITS = { windowMs: 60 * 60 * 1000, draftsStarted: 30, referralsSubmitted: 10 } as const satisfies FloodLimits;
const ZONE = "Europe/London";

export type Profile = { readonly name?: string | undefined; readonly email?: string | undefined };

export type DraftView = {
  readonly draftId: string;
  readonly version: number;
  readonly state: DraftState;
  readonly issues: readonly ReferralIssue[];
};

export type Sent = {
  readonly record: ReferralRecord;
  readonly areaName: string;
  /** The referral's area (undefined if it is no longer configured), and the moment its contacts are shown for. */
  readonly area: Area | undefined;
  readonly at: Date;
  /** The check's pathway says to phone the front door now: the referral does not replace that call. */
  readonly phoneNow: boolean;
  readonly delivery: Delivery;
  /** DOMAIN.md §9 cross-border: the area that looks after the child, informed too, and whether its copy is delivered. */
  readonly informed?: { readonly areaName: string; readonly delivery: Delivery; readonly as?: InformedAs };
};

/**
 * DOMAIN.md §8 "Delivery is stated as it is": a submitted referral is delivered once its card is
 * posted in a triage channel; until then it is being posted (a channel is registered for its area)
 * or it waits for one.
 */
export type Delivery = "delivered" | "posting" | "no-channel";

/** How many of a referrer's newest referrals the menu looks through for ones not delivered. */
const UNDELIVERED_LOOKBACK = 20;

export type ReferralOutcome =
  | { readonly kind: "form"; readonly view: DraftView }
  | { readonly kind: "review"; readonly view: DraftView }
  | { readonly kind: "sent"; readonly sent: Sent }
  /** Pressed on an older copy of the card: here is the draft as it is. */
  | { readonly kind: "stale"; readonly view: DraftView }
  | { readonly kind: "not-found" | "foreign" | "expired" | "no-result" | "too-many-drafts" | "too-many-referrals" };

export type ReferralVerb = "referral.section" | "referral.review" | "referral.edit" | "referral.add" | "referral.remove" | "referral.submit";

export type ReferralAction = {
  readonly draftId: string;
  readonly version: number;
  readonly userId: string;
  readonly verb: ReferralVerb;
  /** Where to go: the section to open (section, edit). */
  readonly section?: ReferralSection;
  readonly group?: ListGroupId;
  readonly index?: number;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The presser's 1:1 chat, where they are told what happens to the referral. */
  readonly conversation?: ConversationAddress;
  /** The entries of a list section the card showed (a page of them); others are never read as cleared. */
  readonly shown?: { readonly from: number; readonly to: number };
  /** The fields of the essentials the card showed (a part of them); the others are never read as cleared. */
  readonly shownFields?: readonly string[];
};

/** What the channel card may show (issue 10, point 6): no names, addresses, dates of birth or free text. */
export type ReferralSummary = {
  readonly areaId: string;
  readonly category: Assessment["category"];
  readonly unconfirmed: boolean;
  readonly flags: readonly string[];
  /** The front door step's urgency in the check's pathway. */
  readonly urgency: string;
  readonly ageBand: string;
  /**
   * DOMAIN.md §9 cross-border (seed 001): the configured area that looks after the child, when it
   * is not this one: its channel gets an informed copy. An area id; nothing else about the child.
   */
  readonly informedAreaId?: string;
  /** Why: absent when it looks after the child; "placed-in" when the child is placed there and this area, the home area, leads. */
  readonly informedAs?: InformedAs;
};

export type ReferralServiceDependencies = {
  readonly drafts: CheckSessionStore;
  readonly referrals: ReferralStore;
  readonly channels: TriageChannelStore;
  readonly checks: CheckService;
  readonly settings: UserSettingsStore;
  readonly crypto: ReferralCrypto;
  readonly areas: Areas;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Called once a submission's outbox rows are committed, so an in-process worker sends them at once. */
  readonly onQueued?: () => void;
  /** FLOOD_LIMITS unless a test that starts many referrals as one person raises them. */
  readonly floodLimits?: FloodLimits;
};

export type ReferralService = ReturnType<typeof createReferralService>;

export function createReferralService({ drafts, referrals, channels, checks, settings, crypto, areas, clock, newId, onQueued = () => undefined, floodLimits = FLOOD_LIMITS }: ReferralServiceDependencies) {
  const seal = (draftId: string, state: DraftState) => ({ sealed: crypto.sealJson(state as never, { aad: `draft:${draftId}` }) });
  const open = (draftId: string, stored: unknown): DraftState | undefined => {
    const sealed = (stored as { sealed?: unknown } | null)?.sealed;
    if (typeof sealed !== "string") return undefined;
    try {
      const parsed = DraftState.safeParse(crypto.openJson(sealed, { aad: `draft:${draftId}` }));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  const today = () => DateTime.fromJSDate(clock(), { zone: ZONE }).toISODate() ?? "";

  async function write(draftId: string, version: number, state: DraftState): Promise<number | undefined> {
    const now = clock();
    const next = version + 1;
    const wrote = await drafts.update(draftId, version, { state: seal(draftId, state), version: next, updatedAt: now, expiresAt: new Date(now.getTime() + DRAFT_TTL_MS) });
    return wrote ? next : undefined;
  }

  function assessmentOf(state: DraftState): Assessment | undefined {
    const area = areas.get(state.fromCheck.area);
    if (area === undefined) return undefined;
    const { area: areaId, child, signs, answers } = state.fromCheck;
    return assess({ area: areaId, child, signs: [...signs], answers, at: clock() }, area);
  }

  async function sentOf(record: ReferralRecord, state: DraftState): Promise<Sent> {
    const area = areas.get(record.areaId);
    const step = assessmentOf(state)?.pathway.find((candidate) => candidate.service === "front-door");
    return {
      record,
      areaName: area?.name ?? record.areaId,
      area,
      at: clock(),
      phoneNow: step?.urgency === "now",
      delivery: await deliveryOf(record),
      ...(await informedOf(record)),
    };
  }

  /** The informed copy's area and where it is (DOMAIN.md §8 wording: delivered only once posted). */
  async function informedOf(record: ReferralRecord): Promise<{ informed?: Sent["informed"] }> {
    const informedId = (record.summary as { informedAreaId?: unknown }).informedAreaId;
    if (typeof informedId !== "string" || informedId === record.areaId) return {};
    const areaName = areas.get(informedId)?.name ?? informedId;
    const as = (record.summary as { informedAs?: unknown }).informedAs === "placed-in" ? { as: "placed-in" as const } : {};
    if ((await channels.postsOf(record.id)).some((post) => post.areaId === informedId)) return { informed: { areaName, delivery: "delivered", ...as } };
    return { informed: { areaName, delivery: (await channels.channelOf(informedId)) === undefined ? "no-channel" : "posting", ...as } };
  }

  async function submit(draftId: string, version: number, userId: string, state: DraftState, conversation: ConversationAddress | undefined): Promise<ReferralOutcome> {
    const checked = validateReferral(referralInputOf(state), today());
    if (!checked.ok) return { kind: "form", view: { draftId, version, state: { ...state, section: sectionOfIssue(checked.issues[0]?.field ?? "") }, issues: checked.issues } };
    const { referral } = checked;
    const area = areas.get(referral.fromCheck.area);
    if (area === undefined) return { kind: "expired" };
    const now = clock();
    // The draft stays as it is: "Continue your referral" sends it later.
    if ((await referrals.countSubmittedSince(userId, new Date(now.getTime() - floodLimits.windowMs))) >= floodLimits.referralsSubmitted) return { kind: "too-many-referrals" };
    const id = newId();
    const informed = informedAreaFor(referral.child, transferAreasIn(areas.values()), area.id);
    const summary: ReferralSummary = {
      ...summaryOf(referral, assessmentOf(state), today()),
      ...(informed === undefined ? {} : { informedAreaId: informed.area.id }),
      ...(informed?.as === "placed-in" ? { informedAs: informed.as } : {}),
    };
    const deadlines = triageDeadlines(now, summary.urgency as Urgency, frontDoorWorkingHours(area));
    const { record } = await referrals.submit(
      {
        id,
        referenceCode: area.referenceCode,
        areaId: area.id,
        referrerId: userId,
        submittedAt: now,
        // The draft's id: every retry of this submission, from any device, is the same one.
        idempotencyKey: draftId,
        status: "submitted",
        summary,
        triage: INITIAL_TRIAGE_STATE,
        sealed: crypto.sealJson(referral as never, { aad: `referral:${id}:personal` }),
        matchKeys: crypto.matchKeys(referral.child),
        referrerConversation: conversation,
      },
      { at: now, actorId: userId, type: "submitted", sealedDetails: crypto.sealJson({}, { aad: `referral:${id}:event` }) },
      [
        { kind: "post-referral-card", payload: {}, dueAt: now },
        // DOMAIN.md §9 cross-border: the informed copy goes through the outbox too, waiting as any post for its channel.
        ...(informed === undefined ? [] : [{ kind: "post-informed-card", payload: { areaId: informed.area.id }, dueAt: now }]),
        // Issue 10, point 8: a row due at the acknowledgement deadline, not a timer, so it survives restarts.
        { kind: "acknowledge-reminder", payload: {}, dueAt: deadlines.acknowledgeBy },
        // Not decided within one working day: the area's admins are told (it checks again when due).
        { kind: "decision-escalation", payload: {}, dueAt: deadlines.decideBy },
      ],
    );
    onQueued();
    await settings.rememberReferrer(userId, referral.referrer.role, referral.referrer.agency, now);
    // Issue 23, medium 1: the referral is sealed in the store now; the draft keeps no copy of what was
    // typed, only what a second press of Submit needs to show the same confirmation.
    const submitted = { ...state, values: {}, section: "review" as const, submitted: { referralId: record.id, reference: record.reference } };
    await write(draftId, version, submitted);
    return { kind: "sent", sent: await sentOf(record, submitted) };
  }

  async function deliveryOf(record: ReferralRecord): Promise<Delivery> {
    // Delivered to the area that has it now (a copy in another area's channel, informed or left by a transfer, does not count).
    if ((await channels.postsOf(record.id)).some((post) => (post.areaId ?? record.areaId) === record.areaId)) return "delivered";
    return (await channels.channelOf(record.areaId)) === undefined ? "no-channel" : "posting";
  }

  return {
    deliveryOf,

    /** The user's newest referrals not yet delivered to a triage channel, newest first (the menu says so). */
    async undelivered(userId: string): Promise<{ record: ReferralRecord; delivery: Exclude<Delivery, "delivered"> }[]> {
      const found: { record: ReferralRecord; delivery: Exclude<Delivery, "delivered"> }[] = [];
      for (const record of await referrals.list({ referrerId: userId }, UNDELIVERED_LOOKBACK)) {
        const delivery = await deliveryOf(record);
        if (delivery !== "delivered") found.push({ record, delivery });
      }
      return found;
    },

    /**
     * A referral from the user's check `sessionId` (or their last result): a new draft carrying the
     * check over, with their name and email from Teams and their role and agency from last time.
     */
    async start(userId: string, sessionId: string | undefined, profile: Profile): Promise<ReferralOutcome> {
      const outcome = sessionId === undefined ? undefined : await checks.open(sessionId, userId);
      const view = outcome?.kind === "ok" ? outcome.view : sessionId === undefined ? await checks.latestResult(userId) : undefined;
      if (outcome !== undefined && outcome.kind !== "ok" && outcome.kind !== "stale") return { kind: outcome.kind };
      const input = view === undefined ? undefined : assessmentInputOf(view.state);
      if (view === undefined || input === undefined || view.assessment === undefined) return { kind: "no-result" };
      const remembered = await settings.referrer(userId);
      const prefill = Object.fromEntries(
        Object.entries({ "referrer.name": profile.name, "referrer.email": profile.email, "referrer.role": remembered.role, "referrer.agency": remembered.agency, "child.age": String(input.child.age) }).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
        ),
      );
      const state = newDraft(fromCheckOf(input, view.assessment), view.sessionId, prefill, view.updatedAt);
      const now = clock();
      if ((await drafts.countCreatedSince(userId, new Date(now.getTime() - floodLimits.windowMs))) >= floodLimits.draftsStarted) return { kind: "too-many-drafts" };
      const draftId = newId();
      await drafts.create({ id: draftId, userId, state: seal(draftId, state), version: 1, createdAt: now, updatedAt: now, expiresAt: new Date(now.getTime() + DRAFT_TTL_MS) });
      return { kind: "form", view: { draftId, version: 1, state, issues: [] } };
    },

    /**
     * Issue 21, point 1: the check "Make a referral" on the menu would carry (the user's last
     * result), so the practitioner is asked whether it is about the same child before it is used.
     */
    async lastCheck(userId: string): Promise<{ sessionId: string; fromCheck: ReturnType<typeof fromCheckOf>; checkedAt: Date | undefined } | undefined> {
      const view = await checks.latestResult(userId);
      const input = view === undefined ? undefined : assessmentInputOf(view.state);
      if (view === undefined || input === undefined || view.assessment === undefined) return undefined;
      return { sessionId: view.sessionId, fromCheck: fromCheckOf(input, view.assessment), checkedAt: view.updatedAt };
    },

    /** The user's newest draft not yet sent, for "continue your referral". */
    async unfinished(userId: string): Promise<DraftView | undefined> {
      for (const record of await drafts.recent(userId, clock(), 5)) {
        const state = open(record.id, record.state);
        if (state !== undefined && state.submitted === undefined) return { draftId: record.id, version: record.version, state, issues: [] };
      }
      return undefined;
    },

    async act(action: ReferralAction): Promise<ReferralOutcome> {
      const record = await drafts.get(action.draftId);
      if (record === undefined) return { kind: "not-found" };
      if (record.userId !== action.userId) return { kind: "foreign" };
      if (record.expiresAt.getTime() <= clock().getTime()) return { kind: "expired" };
      const stored = open(record.id, record.state);
      if (stored === undefined) return { kind: "expired" };
      if (stored.submitted !== undefined) {
        // Submitted already (a double press, another device): the same confirmation, never a second referral.
        const sent = await referrals.get(stored.submitted.referralId);
        return sent === undefined ? { kind: "not-found" } : { kind: "sent", sent: await sentOf(sent, stored) };
      }
      const current = { draftId: record.id, version: record.version, state: stored, issues: [] };
      if (record.version !== action.version) return { kind: "stale", view: current };

      // Whatever was pressed, what the card held is kept first.
      const typed = action.verb === "referral.submit" || action.verb === "referral.edit" ? stored : mergeInputs(stored, action.inputs, inputsShownIn(stored.section, stored.entries, action.shown, action.shownFields));
      let next: DraftState;
      switch (action.verb) {
        case "referral.submit":
          return submit(record.id, record.version, action.userId, stored, action.conversation);
        case "referral.review": {
          const checked = validateReferral(referralInputOf(typed), today());
          const section: ReferralSection = checked.ok ? "review" : sectionOfIssue(checked.issues[0]?.field ?? "");
          const version = await write(record.id, record.version, { ...typed, section });
          if (version === undefined) return { kind: "stale", view: current };
          const view = { draftId: record.id, version, state: { ...typed, section }, issues: checked.ok ? [] : checked.issues };
          return checked.ok ? { kind: "review", view } : { kind: "form", view };
        }
        case "referral.add":
          next = { ...(action.group === undefined ? typed : addEntry(typed, action.group)), section: action.group ?? typed.section };
          break;
        case "referral.remove":
          next = action.group === undefined || action.index === undefined ? typed : removeEntry(typed, action.group, action.index);
          break;
        case "referral.section":
        case "referral.edit":
          next = { ...typed, section: action.section !== undefined && action.section !== "review" ? action.section : "essentials" };
          break;
      }
      const version = await write(record.id, record.version, next);
      if (version === undefined) return { kind: "stale", view: current };
      return { kind: "form", view: { draftId: record.id, version, state: next, issues: [] } };
    },
  };
}

/** The channel card's facts: from the check and the child's age, nothing that names or locates anyone. */
export function summaryOf(referral: Referral, assessment: Assessment | undefined, today: string): ReferralSummary {
  const age = childAgeOn(referral.child, today) ?? referral.fromCheck.child.age;
  return {
    areaId: referral.fromCheck.area,
    category: referral.fromCheck.category,
    unconfirmed: referral.fromCheck.unconfirmed,
    flags: referral.fromCheck.flags,
    urgency: assessment?.pathway.find((step) => step.service === "front-door")?.urgency ?? "today",
    ageBand: ageBand(age),
  };
}
