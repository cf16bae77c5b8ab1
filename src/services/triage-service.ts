// Triage actions on the channel card (issue 10, points 6, 7 and 9): each press is checked against
// the area's triage role on the server, moved by the domain's state machine, written with its
// sealed audit event by compare-and-set (two leads at once: one wins, the other is told what
// happened), and followed by outbox rows that update every posted copy of the card and tell the
// referrer. "Show details" opens the sealed referral for a triage member only, with its history
// and any possible earlier referral of the same child in the area; the referrer answers a
// question from their 1:1 chat.
import { Referral } from "../domain/referral.ts";
import { TriageAction, TriageEvent, TriageState, applyTriageAction, type TriageEventType, type TriageMember } from "../domain/triage.ts";
import { z } from "zod";
import { describeTriageEvent, timeWords } from "../domain/triage-text.ts";
import { HISTORY_WHAT, TRIAGE_NOTES, decisionSaidWords, downloadedLine, unreadableEntry } from "../words/triage-replies.ts";
import { areasHandedFrom, handoversIn, transferAreasIn, handOver, transferTargetOf, type Handover, type TransferArea } from "../domain/triage-transfer.ts";
import { frontDoorWorkingHours, triageDeadlines } from "../domain/triage-deadlines.ts";
import { meetingWordOf } from "../domain/area.ts";
import type { Areas } from "../content/load-areas.ts";
import type { Urgency } from "../domain/pathway.ts";
import { reviewDueOf, withNextReview } from "../domain/triage-review.ts";
import type { ReferralCrypto } from "./referral-crypto-port.ts";
import type { InsightReferral } from "./mase-insight.ts";
import type { AuditEvent, OutboxMessage, ReferralRecord, ReferralStore, TriageChannelStore } from "./referral-store.ts";

export const TRIAGE_VERBS = ["triage.acknowledge", "triage.assign", "triage.assign-to", "triage.ask", "triage.received", "triage.decide", "triage.reopen", "triage.review"] as const;
export type TriageVerb = (typeof TRIAGE_VERBS)[number];

/** Who may act: the area's triage members (ROLES_FILE; src/config/load-roles.ts). */
export type TriageRoleCheck = {
  isTriage(aadObjectId: string, areaId: string): boolean;
  /** The area's members by AAD object id; empty when everyone is a member (local use). */
  triageMembersOf(areaId: string): readonly string[];
};

export type Presser = {
  readonly userId: string;
  readonly aadObjectId: string;
  readonly name: string;
  /** Their Teams user id in this conversation ("29:…"), for the card's refresh.userIds once assigned. */
  readonly teamsId?: string;
  /** The card they pressed: its thread and activity, when pressed in a channel. */
  readonly card?: { readonly conversationId: string; readonly activityId: string };
};

/** A colleague a referral can be assigned to: a triage member of the area, seen by name. */
export type Colleague = { readonly id: string; readonly name: string };

/** Who the card names beyond the referral: colleagues to assign to, and the assignee's Teams id for `refresh.userIds`. */
export type CardPeople = { readonly colleagues: readonly Colleague[]; readonly refreshFor?: string };

export type TriageOutcome =
  /** The referral as it now is, with a line for the presser when their press did not move it; `moved` when it did. */
  | {
      readonly kind: "card";
      readonly record: ReferralRecord;
      readonly people: CardPeople;
      readonly note?: string;
      readonly moved?: true;
      /** The area whose channel's copy this is, when it is not the referral's area now (a transferred referral's first card). */
      readonly viewArea?: string;
    }
  | { readonly kind: "not-triage"; readonly record: ReferralRecord }
  | { readonly kind: "not-found" };

/** One line of a referral's history, for the details view: what happened and, sealed until now, what was said. */
export type HistoryLine = {
  readonly at: Date;
  /** "Acknowledged by Sam Lead at 10:02" */
  readonly text: string;
  /** Who acted ("Sam Lead"), and what they did in a word or two ("Acknowledged"), for the exported form. */
  readonly who: string;
  readonly what: string;
  readonly said?: string;
};

/** A referral as its referrer sees it (the tab's "my referrals", issue 11): what they were told, and what is asked of them. */
export type ReferrerOutcome =
  | {
      readonly kind: "mine";
      readonly record: ReferralRecord;
      /** Undefined once the personal fields were purged after the retention period. */
      readonly referral: Referral | undefined;
      /** The triage moves, oldest first, as the bot told the referrer of each. */
      readonly events: readonly TriageEvent[];
      /** The front door's question, while it waits for the referrer's answer. */
      readonly question: string | undefined;
    }
  | { readonly kind: "not-found" };

/** An audit event outside the triage moves: a triage member downloaded the referral (issue 11, point 4). */
export const EXPORTED_EVENT = "exported";
/**
 * Every opening of a referral's details by a triage member (Show details on the
 * card, the referral in the tab) is recorded: who, when and where. It is an audit row, not a line
 * of the history the card and the tab show.
 */
export const VIEWED_EVENT = "viewed";
const ExportedDetails = z.strictObject({ actorName: z.string().max(200), format: z.enum(["pdf"]) });

const WHAT = HISTORY_WHAT;

/** An earlier referral of what may be the same child, in the same area, within 12 months (issue 10, point 9). */
export type EarlierReferral = {
  readonly reference: string;
  readonly submittedAt: Date;
  /** The referrer's organisation as they gave it; undefined once its personal fields were purged. */
  readonly agency: string | undefined;
  readonly status: string;
  readonly outcome: string | undefined;
};

export type DetailsOutcome =
  | {
      readonly kind: "details";
      readonly record: ReferralRecord;
      readonly people: CardPeople;
      /** Undefined once the personal fields were purged after the retention period. */
      readonly referral: Referral | undefined;
      readonly history: readonly HistoryLine[];
      readonly earlier: readonly EarlierReferral[];
      /** The area whose copy this is, when it is not the referral's area now (a transferred referral, read by the sending area). */
      readonly viewArea?: string;
    }
  | Exclude<TriageOutcome, { kind: "card" }>;

export type AnswerOutcome =
  | {
      /** answered: sent, the referral back where it was; not-waiting: the front door no longer waits (marked received, decided), so nothing was sent; empty: nothing typed. */
      readonly kind: "answered" | "not-waiting" | "empty";
      readonly record: ReferralRecord;
      /** The question the front door asked last, to show again above the answer. */
      readonly question: string | undefined;
      readonly at: Date;
    }
  | { readonly kind: "not-found" | "not-referrer" };

export type TriageRequest = {
  readonly referralId: string;
  readonly version: number;
  readonly verb: TriageVerb;
  readonly presser: Presser;
  readonly inputs: Readonly<Record<string, unknown>>;
};

const MATCH_WINDOW_MONTHS = 12;
/** As the question card's input allows (cards/referral-question.json). */
export const ANSWER_LIMIT = 2_000;
const eventAad = (referralId: string) => `referral:${referralId}:event`;

/** An area a referral can go to, with its front door's hours and its word for its meeting (DOMAIN.md §9 "MASE or MACE"). */
type TransferAreaWithHours = TransferArea & { readonly hours: ReturnType<typeof frontDoorWorkingHours>; readonly meeting?: string | undefined };

/** The areas a referral can be transferred to, with their front doors' hours. */
export function transferAreasOf(areas: Areas): TransferAreaWithHours[] {
  return transferAreasIn(areas.values()).map((area) => ({ id: area.id, name: area.name, hours: frontDoorWorkingHours(area), meeting: meetingWordOf(area) }));
}

/** A referral's hand-overs between areas (DOMAIN.md §9 transfers), oldest first; none when never or unreadable. */
export function handoversOf(record: ReferralRecord): Handover[] {
  return handoversIn(record.handovers);
}

/**
 * The area whose channel holds a posted card: as recorded, or, for a copy recorded before cards
 * knew their area, the area the referral was first submitted to.
 */
export function areaOfPost(record: ReferralRecord, post: { readonly areaId?: string | undefined }): string {
  return post.areaId ?? handoversOf(record)[0]?.from ?? record.areaId;
}

/** DOMAIN.md §9 cross-border: the area that looks after the child and has an informed copy, if another. */
export function informedAreaIdOf(record: ReferralRecord): string | undefined {
  const informed = (record.summary as { informedAreaId?: unknown } | null)?.informedAreaId;
  return typeof informed === "string" && informed !== record.areaId ? informed : undefined;
}

/**
 * The areas whose triage teams may read a referral without acting on it (DOMAIN.md §9): those that
 * transferred it, and the one that looks after the child (cross-border, informed).
 */
export function readingAreasOf(record: ReferralRecord): string[] {
  const informed = informedAreaIdOf(record);
  return [...new Set([...areasHandedFrom(handoversOf(record)), ...(informed === undefined ? [] : [informed])])].filter((areaId) => areaId !== record.areaId);
}

/**
 * Whether a timed outbox row (a reminder, an escalation) is for the area that has the referral
 * now: a transfer starts the receiving area's own deadlines, and the first area's rows lapse.
 */
export function isForCurrentArea(record: ReferralRecord, payload: unknown): boolean {
  const areaId = (payload as { areaId?: unknown } | null)?.areaId;
  return (typeof areaId === "string" ? areaId : (handoversOf(record)[0]?.from ?? record.areaId)) === record.areaId;
}

/** Who is told what after each move, through the outbox (never in the request, so a slow Teams delays no one). */
function outboxAfter(event: TriageEvent, now: Date): Omit<OutboxMessage, "referralId">[] {
  const rows: Omit<OutboxMessage, "referralId">[] = [{ kind: "update-referral-card", payload: {}, dueAt: now }];
  // DOMAIN.md §9: the referrer is told of the steps of triage; a review is the team's own record.
  if (event.type === "reviewed") return rows;
  const answered = event.type === "info-received" && event.details.answer !== undefined;
  // The referrer is told each step; when they answered a question themselves, the thread is told instead.
  rows.push(answered ? { kind: "info-answered", payload: {}, dueAt: now } : { kind: "notify-referrer", payload: { event: event.type }, dueAt: now });
  return rows;
}

export type TriageService = ReturnType<typeof createTriageService>;

export type TriageServiceDependencies = {
  readonly referrals: ReferralStore;
  readonly channels: TriageChannelStore;
  readonly roles: TriageRoleCheck;
  readonly crypto: ReferralCrypto;
  readonly clock: () => Date;
  /**
   * DOMAIN.md §9 transfers: the areas a referral can be handed to (configured ones with a front
   * door; not "other"), and each one's front-door hours for the receiving area's deadlines.
   */
  readonly transferAreas?: readonly TransferAreaWithHours[];
  /** DOMAIN.md §9 review reminders: the area's `reviewEveryDays`, where its file gives one. */
  readonly reviewEveryDaysOf?: (areaId: string) => number | undefined;
  /** Called once a move's outbox rows are committed, so an in-process worker sends them at once. */
  readonly onQueued?: () => void;
  /** Told of a failure after a move was committed (reading it back), which the presser is told was recorded. */
  readonly onFailedAfterCommit?: (error: unknown) => void;
};

/** A press on the copy of the card left in the channel of an area that transferred the referral (DOMAIN.md §9). */
export const TRANSFERRED_COPY = TRIAGE_NOTES.transferredCopy;
/** A triage button pressed on the informed copy (cross-border, DOMAIN.md §9): the lead area acts. */
export const INFORMED_COPY = TRIAGE_NOTES.informedCopy;

/** A move committed, then reading it back failed: the presser must not think nothing happened, nor press again. */
export const RECORDED_NOT_SHOWN = TRIAGE_NOTES.recordedNotShown;

/** A decision in the triage team's history: the reason the referrer was given, and the team's own note (DOMAIN.md §9). */
function decisionSaid({ reason, teamNote }: { reason: string; teamNote?: string | undefined }): string {
  return decisionSaidWords(reason, teamNote);
}

export function createTriageService({ referrals, channels, roles, crypto, clock, transferAreas = [], reviewEveryDaysOf = () => undefined, onQueued = () => undefined, onFailedAfterCommit = () => undefined }: TriageServiceDependencies) {
  const areaNameOf = (areaId: string) => transferAreas.find((area) => area.id === areaId)?.name ?? areaId;
  /** A triage member of the referral's area now, or (to read it, not to act) of an area that handed it over. */
  const mayRead = (aadObjectId: string, record: ReferralRecord) =>
    roles.isTriage(aadObjectId, record.areaId) || readingAreasOf(record).some((areaId) => roles.isTriage(aadObjectId, areaId));

  /** The area's triage members seen by name, but not the one it is assigned to now; and that one's Teams id while it is open. */
  async function peopleOf(record: ReferralRecord): Promise<CardPeople> {
    const listed = new Set(roles.triageMembersOf(record.areaId));
    const assignee = (record.triage as { assignee?: { id?: string } }).assignee?.id?.toLowerCase();
    const seen = (await channels.membersSeen(record.areaId)).filter((person) => (listed.size === 0 || listed.has(person.id)) && roles.isTriage(person.id, record.areaId));
    const refreshFor = seen.find((person) => person.id === assignee)?.teamsId;
    return {
      colleagues: seen.filter((person) => person.id !== assignee).map((person) => ({ id: person.id, name: person.name })),
      ...(refreshFor === undefined || record.status === "decided" ? {} : { refreshFor }),
    };
  }

  function eventOf(stored: AuditEvent): TriageEvent | undefined {
    try {
      const parsed = TriageEvent.safeParse({ type: stored.type, actorId: stored.actorId, at: stored.at, details: crypto.openJson(stored.sealedDetails, { aad: eventAad(stored.referralId) }) });
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  function exportedOf(stored: AuditEvent): z.infer<typeof ExportedDetails> | undefined {
    try {
      const parsed = ExportedDetails.safeParse(crypto.openJson(stored.sealedDetails, { aad: eventAad(stored.referralId) }));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** The referral's personal fields; undefined once purged. Throws SealError if they cannot be opened (a wrong key, a tampered row). */
  function personalOf(record: ReferralRecord): Referral | undefined {
    if (record.sealed === undefined) return undefined;
    const parsed = Referral.safeParse(crypto.openJson(record.sealed, { aad: `referral:${record.id}:personal` }));
    return parsed.success ? parsed.data : undefined;
  }

  /** As personalOf, but undefined also when the fields cannot be opened: for lists that must not fail on one row. */
  function personalOrNone(record: ReferralRecord): Referral | undefined {
    try {
      return personalOf(record);
    } catch {
      return undefined;
    }
  }

  async function lastEventOf(referralId: string, type: TriageEventType): Promise<TriageEvent | undefined> {
    const stored = (await referrals.events(referralId)).reverse().find((event) => event.type === type);
    return stored === undefined ? undefined : eventOf(stored);
  }

  /** What happened last, for a press that lost the race: "Acknowledged by Sam Lead at 10:02". */
  async function lastHappened(record: ReferralRecord): Promise<string | undefined> {
    // A download or an opening of the details is not a move.
    const last = (await referrals.events(record.id)).filter((stored) => stored.type !== VIEWED_EVENT && stored.type !== EXPORTED_EVENT).at(-1);
    const event = last === undefined || last.type === "submitted" ? undefined : eventOf(last);
    return event === undefined ? undefined : describeTriageEvent(event, clock());
  }

  /** The member a press names: themselves, or the colleague chosen on the card. */
  async function assigneeOf(record: ReferralRecord, presser: TriageMember, inputs: Readonly<Record<string, unknown>>): Promise<TriageMember | string> {
    const chosen = typeof inputs["assignee"] === "string" ? inputs["assignee"].toLowerCase() : "";
    if (chosen === "") return TRIAGE_NOTES.chooseColleague;
    const colleague = (await peopleOf(record)).colleagues.find((person) => person.id === chosen);
    return colleague ?? TRIAGE_NOTES.notInTeam;
  }

  async function actionOf(verb: TriageVerb, record: ReferralRecord, presser: TriageMember, inputs: Readonly<Record<string, unknown>>): Promise<ReturnType<typeof TriageAction.safeParse> | string> {
    const text = (key: string) => (typeof inputs[key] === "string" ? inputs[key] : undefined);
    switch (verb) {
      case "triage.acknowledge":
        return TriageAction.safeParse({ type: "acknowledge" });
      case "triage.assign":
        return TriageAction.safeParse({ type: "assign", assignee: presser });
      case "triage.assign-to": {
        const assignee = await assigneeOf(record, presser, inputs);
        return typeof assignee === "string" ? assignee : TriageAction.safeParse({ type: "assign", assignee });
      }
      case "triage.ask":
        return TriageAction.safeParse({ type: "request-info", question: text("question") ?? "" });
      case "triage.received":
        return TriageAction.safeParse({ type: "info-received" });
      case "triage.decide": {
        // DOMAIN.md §9: a transfer names a configured area (never free text); refused with the list.
        let area = text("transferArea");
        if (text("outcome") === "transfer-to-other-area") {
          const target = transferTargetOf(area, transferAreas, record.areaId);
          if (!target.ok) return target.message;
          area = target.area.id;
        }
        return TriageAction.safeParse({ type: "decide", outcome: text("outcome"), reason: text("reason"), teamNote: text("teamNote"), area });
      }
      case "triage.reopen":
        return TriageAction.safeParse({ type: "reopen", reason: text("reopenReason") });
      case "triage.review":
        return TriageAction.safeParse({ type: "record-review", note: text("reviewNote") });
    }
  }

  /** Writes a move by compare-and-set with its sealed event and outbox rows; whether it wrote. */
  async function write(record: ReferralRecord, next: TriageState, event: TriageEvent, actorId: string, handover?: { areaId: string; handovers: Handover[]; rows: Omit<OutboxMessage, "referralId">[] }, extraRows: Omit<OutboxMessage, "referralId">[] = []): Promise<boolean> {
    const now = event.at;
    const wrote = await referrals.applyTriage(
      record.id,
      record.version,
      {
        status: next.status,
        triage: next,
        summary: record.summary,
        decidedAt: next.status === "decided" ? next.decided.at : undefined,
        ...(handover === undefined ? {} : { handover: { areaId: handover.areaId, handovers: handover.handovers } }),
      },
      { at: now, actorId, type: event.type, sealedDetails: crypto.sealJson(event.details as never, { aad: eventAad(record.id) }) },
      [...outboxAfter(event, now), ...(handover?.rows ?? []), ...extraRows],
    );
    if (wrote) onQueued();
    return wrote;
  }

  /**
   * DOMAIN.md §9: a transfer hands the referral over for real. The receiving area gets a new card
   * in its channel (waiting, as any referral, while it has none) and starts from `submitted`, with
   * its own acknowledgement and decision deadlines from now; the first area's copies are updated
   * to say where it went; the referrer is told (the decision's message).
   */
  function handoverOf(record: ReferralRecord, state: TriageState, to: string, event: TriageEvent, by: TriageMember) {
    const { next, handovers } = handOver(state, handoversOf(record), { from: record.areaId, to, at: event.at, by });
    const hours = transferAreas.find((area) => area.id === to)?.hours;
    const deadlines = triageDeadlines(event.at, (record.summary as { urgency?: string }).urgency as Urgency, hours);
    const payload = { areaId: to };
    const rows: Omit<OutboxMessage, "referralId">[] = [
      { kind: "post-referral-card", payload, dueAt: event.at },
      { kind: "acknowledge-reminder", payload, dueAt: deadlines.acknowledgeBy },
      { kind: "decision-escalation", payload, dueAt: deadlines.decideBy },
    ];
    return { next, handover: { areaId: to, handovers, rows } };
  }

  /**
   * The record, if the presser may act on it (remembering their name for "assign to a colleague");
   * `toRead`: also a triage member of an area that handed it over, who may still read it.
   */
  async function asMember(referralId: string, presser: Presser, toRead = false): Promise<{ kind: "member"; record: ReferralRecord } | Exclude<TriageOutcome, { kind: "card" }>> {
    const record = await referrals.get(referralId);
    if (record === undefined) return { kind: "not-found" };
    if (!roles.isTriage(presser.aadObjectId, record.areaId)) {
      if (toRead && mayRead(presser.aadObjectId, record)) return { kind: "member", record };
      return { kind: "not-triage", record };
    }
    await channels.rememberMember(record.areaId, { id: presser.aadObjectId, name: presser.name, teamsId: presser.teamsId }, clock());
    await recordCopy(record, presser.card);
    return { kind: "member", record };
  }

  /**
   * The copy a press is about, when it is not the referral's area now: a copy left in a sending
   * area's channel, or, pressed elsewhere (the tab), a sending area's member who only reads it.
   */
  async function readerAreaOf(record: ReferralRecord, presser: Presser): Promise<string | undefined> {
    const fromCopy = await handedFromCopy(record, presser.card);
    if (fromCopy !== undefined || roles.isTriage(presser.aadObjectId, record.areaId)) return fromCopy;
    return readingAreasOf(record).find((areaId) => roles.isTriage(presser.aadObjectId, areaId));
  }

  /** The area whose channel holds the card pressed, when it is a recorded copy in another area's channel than the referral's now. */
  async function handedFromCopy(record: ReferralRecord, card: Presser["card"]): Promise<string | undefined> {
    if (card === undefined || readingAreasOf(record).length === 0) return undefined;
    const post = (await channels.postsOf(record.id)).find((posted) => posted.conversationId === card.conversationId);
    const areaId = post === undefined ? undefined : areaOfPost(record, post);
    return areaId !== undefined && areaId !== record.areaId ? areaId : undefined;
  }

  /**
   * A copy of the card the worker posted but never recorded (it died before Teams answered, and
   * posted again after restart) is recorded when a triage member presses it, so later updates
   * reach it too. Only a thread of the area's registered channel counts: a forged press cannot
   * make updates go anywhere else.
   */
  async function recordCopy(record: ReferralRecord, card: Presser["card"]): Promise<void> {
    if (card === undefined || card.activityId === "") return;
    const [thread, root] = card.conversationId.split(";messageid=");
    const channel = await channels.channelOf(record.areaId);
    // The card is the thread's first message: a reply's id is not the card's.
    if (channel === undefined || thread !== channel.channelId || root !== card.activityId) return;
    await channels.recordPost(record.id, card.conversationId, card.activityId, record.areaId);
  }

  async function earlierOf(record: ReferralRecord, referral: Referral): Promise<EarlierReferral[]> {
    const since = new Date(record.submittedAt);
    since.setUTCMonth(since.getUTCMonth() - MATCH_WINDOW_MONTHS);
    // During a key rotation, referrals not yet sealed again still hold the previous key's hashes.
    const found = await referrals.matches(record.areaId, crypto.lookupKeys(referral.child), since, record.id);
    return found
      // Earlier: submitted before this one (two in the same millisecond are ordered by reference).
      .filter((earlier) => earlier.submittedAt.getTime() < record.submittedAt.getTime() || (earlier.submittedAt.getTime() === record.submittedAt.getTime() && earlier.reference < record.reference))
      .map((earlier) => {
        const decision = (earlier.triage as { decision?: { outcome?: string } }).decision;
        // An earlier referral that cannot be opened is still worth naming: its reference is enough to look it up.
        const agency = personalOrNone(earlier)?.referrer.agency;
        return { reference: earlier.reference, submittedAt: earlier.submittedAt, agency, status: earlier.status, outcome: decision?.outcome };
      });
  }

  async function historyOf(record: ReferralRecord, referral: Referral | undefined): Promise<HistoryLine[]> {
    const now = clock();
    return (await referrals.events(record.id)).filter((stored) => stored.type !== VIEWED_EVENT).map((stored): HistoryLine => {
      if (stored.type === "submitted") {
        const by = referral === undefined ? "" : ` by ${referral.referrer.name} (${referral.referrer.role}, ${referral.referrer.agency})`;
        return { at: stored.at, text: `Submitted${by}`, who: referral?.referrer.name ?? TRIAGE_NOTES.referrer, what: "Submitted" };
      }
      if (stored.type === EXPORTED_EVENT) return exportLine(stored.at, exportedOf(stored)?.actorName ?? TRIAGE_NOTES.someone, now);
      const event = eventOf(stored);
      if (event === undefined) return { at: stored.at, text: unreadableEntry(stored.type), who: "", what: stored.type };
      const said = event.type === "info-requested" ? event.details.question : event.type === "info-received" ? event.details.answer : event.type === "decided" ? decisionSaid(event.details) : event.type === "reopened" ? event.details.reason : event.type === "reviewed" ? event.details.note : undefined;
      const named = event.type === "decided" && event.details.area !== undefined ? { ...event, details: { ...event.details, area: areaNameOf(event.details.area) } } : event;
      const meeting = transferAreas.find((area) => area.id === record.areaId)?.meeting;
      return { at: stored.at, text: describeTriageEvent(event, now, areaNameOf, meeting), who: event.details.actorName, what: WHAT[event.type](named, meeting), ...(said === undefined ? {} : { said }) };
    });
  }

  function exportLine(at: Date, who: string, now: Date): HistoryLine {
    return { at, text: downloadedLine(who, timeWords(at, now)), who, what: TRIAGE_NOTES.downloaded };
  }

  /** "Show details": the whole referral, its history and possible earlier referrals, for a triage member only. */
  async function detailsOf(referralId: string, presser: Presser): Promise<DetailsOutcome> {
    // DOMAIN.md §9: the sending area's triage team can still read a referral it transferred.
    const found = await asMember(referralId, presser, true);
    if (found.kind !== "member") return found;
    const { record } = found;
    const referral = personalOf(record);
    const viewArea = await readerAreaOf(record, presser);
    return {
      kind: "details",
      record,
      ...(viewArea === undefined ? {} : { viewArea }),
      people: await peopleOf(record),
      referral,
      history: await historyOf(record, referral),
      earlier: referral === undefined ? [] : await earlierOf(record, referral),
    };
  }

  return {
    async act({ referralId, version, verb, presser, inputs }: TriageRequest): Promise<TriageOutcome> {
      // A copy left in the channel of an area that handed the referral over takes no more actions,
      // whoever presses it (the card they get back holds nothing the channel did not show).
      const pressed = await referrals.get(referralId);
      const handedFrom = pressed === undefined ? undefined : await handedFromCopy(pressed, presser.card);
      if (pressed !== undefined && handedFrom !== undefined) {
        const note = handedFrom === informedAreaIdOf(pressed) ? INFORMED_COPY : TRANSFERRED_COPY;
        return { kind: "card", record: pressed, people: { colleagues: [] }, viewArea: handedFrom, note };
      }
      const found = await asMember(referralId, presser);
      if (found.kind !== "member") return found;
      const { record } = found;
      const card = async (current: ReferralRecord, note?: string): Promise<TriageOutcome> => ({ kind: "card", record: current, people: await peopleOf(current), ...(note === undefined ? {} : { note }) });
      const state = TriageState.safeParse(record.triage);
      if (!state.success) return card(record, TRIAGE_NOTES.unreadableRecord);
      if (record.version !== version) return card(record, (await lastHappened(record)) ?? TRIAGE_NOTES.changed);

      const member: TriageMember = { id: presser.aadObjectId, name: presser.name };
      const action = await actionOf(verb, record, member, inputs);
      if (typeof action === "string") return card(record, action);
      if (!action.success) return card(record, TRIAGE_NOTES.unreadablePress);
      const moved = applyTriageAction(state.data, action.data, member, clock());
      if (!moved.ok) return card(record, moved.message);

      const transfer = moved.event.type === "decided" && moved.event.details.outcome === "transfer-to-other-area" && moved.event.details.area !== undefined
        ? handoverOf(record, state.data, moved.event.details.area, moved.event, member)
        : undefined;
      // DOMAIN.md §9 review reminders: a decision sets the first review, a recorded review the next;
      // each is an outbox row due then (it survives restarts; a stale one finds another due date and does nothing).
      const reviewed = transfer === undefined && (moved.event.type === "decided" || moved.event.type === "reviewed") ? withNextReview(moved.next, reviewEveryDaysOf(record.areaId), moved.event.at) : moved.next;
      const due = reviewDueOf(reviewed);
      const reminder = due === undefined ? [] : [{ kind: "review-reminder", payload: { due: due.toISOString() }, dueAt: due }];
      const wrote = await write(record, transfer?.next ?? reviewed, moved.event, presser.userId, transfer?.handover, reminder);
      if (!wrote) {
        const current = (await referrals.get(record.id)) ?? record;
        return card(current, (await lastHappened(current)) ?? TRIAGE_NOTES.actedFirst);
      }
      // Committed: from here a failure must not answer as if nothing happened. The record as written
      // stands in for the one that could not be read back; the outbox updates every copy of the card.
      const nextState = transfer?.next ?? reviewed;
      const written: ReferralRecord = { ...record, status: nextState.status, triage: nextState, version: record.version + 1, ...(transfer === undefined ? {} : { areaId: transfer.handover.areaId, handovers: transfer.handover.handovers }) };
      try {
        const current = (await referrals.get(record.id)) ?? written;
        // Transferred: the presser's copy is in their own area's channel, and now says where it went.
        if (transfer !== undefined) return { kind: "card", record: current, people: { colleagues: [] }, viewArea: record.areaId, moved: true };
        return { kind: "card", record: current, people: await peopleOf(current), moved: true };
      } catch (error) {
        onFailedAfterCommit(error);
        return { kind: "card", record: written, people: { colleagues: [] }, note: RECORDED_NOT_SHOWN, moved: true };
      }
    },

    /** "Show details": the whole referral, its history and possible earlier referrals, for a triage member only. */
    details: detailsOf,

    /**
     * Teams refreshing the card by itself (`refresh.userIds`: in a channel of under 60 people, for
     * everyone who looks at it): the details for the referral's assignee while it is open, the
     * summary for anyone else, with no line about roles (nobody pressed anything).
     */
    async refreshed(referralId: string, presser: Presser): Promise<DetailsOutcome | TriageOutcome> {
      const record = await referrals.get(referralId);
      if (record === undefined) return { kind: "not-found" };
      const assignee = (record.triage as { assignee?: { id?: string } }).assignee?.id?.toLowerCase();
      const isAssignee = assignee !== undefined && assignee === presser.aadObjectId.toLowerCase() && record.status !== "decided";
      if (isAssignee && roles.isTriage(presser.aadObjectId, record.areaId)) return detailsOf(referralId, presser);
      return { kind: "card", record, people: await peopleOf(record) };
    },

    /** The card as everyone in the channel sees it ("Hide details"), for a triage member. */
    async summary(referralId: string, presser: Presser): Promise<TriageOutcome> {
      const found = await asMember(referralId, presser, true);
      if (found.kind !== "member") return found;
      const viewArea = await readerAreaOf(found.record, presser);
      if (viewArea !== undefined) return { kind: "card", record: found.record, people: { colleagues: [] }, viewArea };
      return { kind: "card", record: found.record, people: await peopleOf(found.record) };
    },

    /** The referrer's answer to the front door's question, from their 1:1 chat; it goes back to where the referral was. */
    async answer(referralId: string, presser: Presser, typed: string): Promise<AnswerOutcome> {
      const first = await referrals.get(referralId);
      if (first === undefined) return { kind: "not-found" };
      if (first.referrerId !== presser.userId) return { kind: "not-referrer" };
      const asked = await lastEventOf(referralId, "info-requested");
      const question = asked?.type === "info-requested" ? asked.details.question : undefined;
      const outcome = (kind: "answered" | "not-waiting" | "empty", record: ReferralRecord, at = clock()): AnswerOutcome => ({ kind, record, question, at });
      // The card stops typing at the limit; only a tampered request sends more, and that is cut to it.
      const answer = typed.trim().slice(0, ANSWER_LIMIT);
      if (answer === "") return outcome("empty", first);
      // A lead may act between our read and our write: read again and retry, a few times.
      let record: ReferralRecord | undefined = first;
      for (let attempt = 0; attempt < 3 && record !== undefined; attempt += 1) {
        const state = TriageState.safeParse(record.triage);
        if (!state.success || state.data.status !== "awaiting-info") return outcome("not-waiting", record);
        const at = clock();
        const moved = applyTriageAction(state.data, { type: "info-received", answer }, { id: presser.aadObjectId, name: presser.name }, at);
        if (!moved.ok) return outcome("not-waiting", record);
        if (await write(record, moved.next, moved.event, presser.userId)) {
          // Sent: a failure reading it back must not tell the referrer otherwise.
          const written: ReferralRecord = { ...record, status: moved.next.status, triage: moved.next, version: record.version + 1 };
          return outcome("answered", await referrals.get(record.id).then((current) => current ?? written, (error: unknown) => (onFailedAfterCommit(error), written)), at);
        }
        record = await referrals.get(referralId);
      }
      return record === undefined ? { kind: "not-found" } : outcome("not-waiting", record);
    },

    /**
     * What a triage member's download of the referral is made from (issue 11, point 4): its
     * details, the history ending with this download at `at`. The download is written to the
     * history by `recordExport` only once the file is made: one that failed is not in it.
     */
    async exportFor(referralId: string, presser: Presser, at: Date): Promise<DetailsOutcome> {
      const found = await detailsOf(referralId, presser);
      if (found.kind !== "details") return found;
      return { ...found, history: [...found.history, exportLine(at, presser.name, clock())] };
    },

    /** Records that a triage member opened the referral's details: an audit row, never shown as history. */
    async recordViewed(referralId: string, presser: Presser, where: "card" | "tab"): Promise<void> {
      await referrals.recordEvent(referralId, { at: clock(), actorId: presser.userId, type: VIEWED_EVENT, sealedDetails: crypto.sealJson({ actorName: presser.name, where }, { aad: eventAad(referralId) }) });
    },

    /** Writes a download made from `exportFor`'s details to the referral's history, at the time they showed. */
    async recordExport(referralId: string, presser: Presser, at: Date): Promise<void> {
      await referrals.recordEvent(referralId, { at, actorId: presser.userId, type: EXPORTED_EVENT, sealedDetails: crypto.sealJson({ actorName: presser.name, format: "pdf" }, { aad: eventAad(referralId) }) });
    },

    /** The referral as its referrer sees it; anyone else: not found (a referral's existence is not told to others). */
    async forReferrer(referralId: string, userId: string): Promise<ReferrerOutcome> {
      const record = await referrals.get(referralId);
      if (record === undefined || record.referrerId !== userId) return { kind: "not-found" };
      const events = (await referrals.events(referralId)).flatMap((stored) => {
        if (stored.type === "submitted" || stored.type === EXPORTED_EVENT || stored.type === VIEWED_EVENT) return [];
        const event = eventOf(stored);
        return event === undefined ? [] : [event];
      });
      const referral = personalOrNone(record);
      const asked = record.status === "awaiting-info" ? [...events].reverse().find((event) => event.type === "info-requested") : undefined;
      return { kind: "mine", record, referral, events, question: asked?.type === "info-requested" ? asked.details.question : undefined };
    },

    /**
     * MASE insight's input (issue 11, point 5): the referrals of some areas submitted since `since`,
     * newest first, at most `limit`, each with its personal fields opened (undefined once purged
     * or when they cannot be opened) and its decision's outcome. The caller checks the role.
     */
    async forInsight(areaIds: readonly string[], since: Date, limit: number): Promise<InsightReferral[]> {
      return (await referrals.list({ areaIds, submittedSince: since }, limit)).map((record) => {
        const referral = personalOrNone(record);
        const decision = (record.triage as { decision?: { outcome?: string } }).decision;
        const summary = record.summary as InsightReferral["summary"];
        return { id: record.id, reference: record.reference, submittedAt: record.submittedAt, status: record.status, summary, outcome: record.status === "decided" ? decision?.outcome : undefined, referral };
      });
    },

    /** The event of `type` last written for a referral, opened: for the senders that tell people about it. */
    lastEvent: lastEventOf,
    peopleOf,
  };
}
