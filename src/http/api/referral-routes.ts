// The tab's referral routes (issue 11, points 2c, 3, 4 and 7): my referrals, the area's board, a
// referral's detail, the triage actions, the referrer's answer, the PDF and the board's CSV. Every
// move goes through the triage service the channel card uses, so the board and the card cannot
// disagree; this file only checks who may ask, reads the input and words the answer.
import express, { type Response, type Router } from "express";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Areas } from "../../content/load-areas.ts";
import { meetingWordOf } from "../../domain/area.ts";
import { FLAGS, offenceFlagsOf, type Category, type Flag } from "../../domain/category.ts";
import { TRIAGE_STATUSES, TriageState } from "../../domain/triage.ts";
import { referrerMessage, timeWords } from "../../domain/triage-text.ts";
import type { Referral } from "../../domain/referral.ts";
import { categoryWords, flagTitle, withUnconfirmed } from "../../words/result-words.ts";
import { deliveryLine, PURGED_NOTE, STATUS_WORDS } from "../../words/referral-words.ts";
import { API_MESSAGES, answerAddedFor, notInTriageTeam } from "../../words/api-messages.ts";
import type { ReferralService } from "../../services/referral-service.ts";
import { boardCsv, boardRowOf, type BoardRow } from "../../export/board-csv.ts";
import { maseInsight } from "../../services/mase-insight.ts";
import type { ReferralRecord, ReferralStore } from "../../services/referral-store.ts";
import type { DetailsOutcome, Presser, TriageService } from "../../services/triage-service.ts";
import type { ApiViews } from "./api-views.ts";
import { fail, pageOf, parseOr400, userOf, type ApiUser } from "./api-kit.ts";
import {
  ActionBody, AnswerBody, CsvQuery, InsightQuery, ListQuery, ReferralId,
  type AnsweredAnswer, type BoardFiltersAnswer, type BoardItem, type BoardQuery, type MineItem, type MineQuery, type MyReferralAnswer, type ReadOnlySection, type TriageReferralAnswer,
} from "./contract.ts";

/** The most referrals a list reads before filtering and sorting: far beyond an area's open ones. */
export const LIST_READ_LIMIT = 1_000;

export type ReferralRouteDependencies = {
  readonly referrals: ReferralStore;
  /** Whether a referral is delivered to a triage channel (DOMAIN.md §8). */
  readonly referralService: Pick<ReferralService, "deliveryOf">;
  readonly triage: TriageService;
  readonly areas: Areas;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly views: ApiViews;
};

const presserOf = (user: ApiUser): Presser => ({ userId: user.userId, aadObjectId: user.aadObjectId, name: user.name });
const isoOf = (at: Date | undefined) => (at === undefined ? null : at.toISOString());
/** Whether a referral's review date (DOMAIN.md §9 review reminders) has come: the thread's reminder is due. */
const reviewHasCome = (row: BoardRow, now: Date) => row.reviewDue !== undefined && row.reviewDue.getTime() <= now.getTime();

export function createReferralRoutes({ referrals, referralService, triage, areas, clock, logger, views }: ReferralRouteDependencies): Router {
  const router = express.Router();
  /** The referral's typed fields, read-only, by section as the review card shows them; undefined once purged. */
  const readOnlySections = (referral: Referral | undefined): ReadOnlySection[] | undefined => (referral === undefined ? undefined : views.readOnlySections(referral));
  const areaName = (areaId: string) => areas.get(areaId)?.name ?? areaId;

  /** The areas a triage lead asks for: one of theirs, or all of theirs; undefined (after a 403) when not theirs. */
  function areasAsked(response: Response, user: ApiUser, area: string | undefined): readonly string[] | undefined {
    if (user.triageAreas.length === 0) {
      fail(response, 403, "not-triage", API_MESSAGES.onlyTriageSees);
      return undefined;
    }
    if (area === undefined) return user.triageAreas;
    if (!user.triageAreas.includes(area)) {
      fail(response, 403, "not-triage", notInTriageTeam(areaName(area)), "area");
      return undefined;
    }
    return [area];
  }

  /** Each record's board row; one stored in an unexpected shape is left out rather than failing the board. */
  function rowsOf(records: readonly ReferralRecord[], now: Date): { record: ReferralRecord; row: BoardRow }[] {
    return records.flatMap((record) => {
      try {
        return [{ record, row: boardRowOf(record, areas.get(record.areaId), now) }];
      } catch {
        return [];
      }
    });
  }

  function boardItem(record: ReferralRecord, row: BoardRow, now: Date): BoardItem {
    return {
      id: record.id,
      reference: row.reference,
      areaId: record.areaId,
      areaName: row.areaName,
      submittedAt: row.submittedAt.toISOString(),
      submittedText: timeWords(row.submittedAt, now),
      status: row.status,
      statusText: STATUS_WORDS.get(row.status) ?? row.status,
      category: row.category,
      categoryText: withUnconfirmed(categoryWords(row.category, offenceFlagsOf(row.flags)).title, row.unconfirmed),
      flags: row.flags.map((flag) => ({ id: flag, title: flagTitle(flag) })),
      ageBand: row.ageBand,
      assignee: row.assignee ?? null,
      dueBy: isoOf(row.dueBy),
      dueText: row.dueBy === undefined ? "" : timeWords(row.dueBy, now),
      overdue: row.overdue,
      reviewDue: isoOf(row.reviewDue),
      reviewText: row.reviewDue === undefined ? "" : timeWords(row.reviewDue, now),
      reviewOverdue: reviewHasCome(row, now),
    };
  }

  async function board(response: Response, user: ApiUser, query: z.infer<typeof BoardQuery>): Promise<void> {
    const areaIds = areasAsked(response, user, query.area);
    if (areaIds === undefined) return;
    const now = clock();
    const records = await referrals.list({ areaIds, ...(query.status === undefined ? {} : { statuses: [query.status] }) }, LIST_READ_LIMIT);
    const rows = rowsOf(records, now);
    const kept = rows.filter(({ row }) =>
      (query.category === undefined || String(row.category) === query.category) &&
      (query.flag === undefined || row.flags.includes(query.flag)) &&
      (query.overdue === undefined || row.overdue === (query.overdue === "true")) &&
      (query.review === undefined || reviewHasCome(row, now)),
    );
    // Sorted by deadline, soonest (most overdue) first; decided ones after, newest decision first.
    kept.sort((a, b) => {
      const due = (row: BoardRow) => row.dueBy?.getTime() ?? Number.POSITIVE_INFINITY;
      if (due(a.row) !== due(b.row)) return due(a.row) - due(b.row);
      return (b.row.decidedAt?.getTime() ?? b.row.submittedAt.getTime()) - (a.row.decidedAt?.getTime() ?? a.row.submittedAt.getTime());
    });
    response.json(pageOf(kept.map(({ record, row }) => boardItem(record, row, now)), query.limit, query.cursor));
  }

  /**
   * DOMAIN.md §8 "Delivery is stated as it is", for the referrer: where the referral is and, until
   * it is delivered, the front door's contacts as every view shows them (night route first).
   */
  async function deliveryOf(record: ReferralRecord, now: Date) {
    const delivery = await referralService.deliveryOf(record);
    const area = areas.get(record.areaId);
    return {
      delivered: delivery === "delivered",
      deliveryText: deliveryLine(delivery, areaName(record.areaId)),
      contactSections: delivery === "delivered" || area === undefined ? [] : views.frontDoorContacts(area, now),
    };
  }

  async function mine(response: Response, user: ApiUser, query: z.infer<typeof MineQuery>): Promise<void> {
    const now = clock();
    const records = await referrals.list({ referrerId: user.userId }, LIST_READ_LIMIT);
    const deliveries = await Promise.all(records.map((record) => referralService.deliveryOf(record)));
    const items = records.map((record, index): MineItem => {
      const summary = record.summary as { category: Category; flags: Flag[] };
      const delivery = deliveries[index] ?? "no-channel";
      return {
        delivered: delivery === "delivered",
        deliveryText: deliveryLine(delivery, areaName(record.areaId)),
        id: record.id,
        reference: record.reference,
        areaName: areaName(record.areaId),
        submittedAt: record.submittedAt.toISOString(),
        submittedText: timeWords(record.submittedAt, now),
        status: record.status,
        statusText: STATUS_WORDS.get(record.status) ?? record.status,
        categoryText: categoryWords(summary.category, offenceFlagsOf(summary.flags ?? [])).title,
        waitingForYou: record.status === "awaiting-info",
      };
    });
    response.json(pageOf(items, query.limit, query.cursor));
  }

  /** A triage member's view: the channel card's facts and actions, the whole referral, its history and earlier referrals. */
  function triageView(details: Extract<DetailsOutcome, { kind: "details" }>, note?: string): TriageReferralAnswer {
    const { card, carried, history, earlier } = views.triage(details, clock(), note);
    return {
      view: "triage" as const,
      id: details.record.id,
      reference: details.record.reference,
      version: details.record.version,
      areaId: details.record.areaId,
      areaName: areaName(details.record.areaId),
      status: details.record.status,
      statusText: STATUS_WORDS.get(details.record.status) ?? details.record.status,
      note: note ?? "",
      card,
      carried,
      sections: readOnlySections(details.referral) ?? null,
      purged: details.referral === undefined ? PURGED_NOTE : "",
      history,
      earlier,
    };
  }

  router.get("/referrals", async (request, response) => {
    const query = parseOr400(response, ListQuery, request.query, "view");
    if (query === undefined) return;
    if (query.view === "mine") await mine(response, userOf(response), query);
    else await board(response, userOf(response), query);
  });

  router.get("/referrals/:id", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    if (id === undefined) return;
    const user = userOf(response);
    const record = await referrals.get(id);
    // A referral's existence is told only to its referrer and its area's triage team.
    if (record !== undefined && user.triageAreas.includes(record.areaId)) {
      const details = await triage.details(id, presserOf(user));
      if (details.kind === "details") {
        const view = triageView(details);
        await triage.recordViewed(id, presserOf(user), "tab");
        return void response.json(view);
      }
    }
    const mineOutcome = await triage.forReferrer(id, user.userId);
    if (mineOutcome.kind === "not-found") return fail(response, 404, "not-found", API_MESSAGES.noReferralOfYours);
    const now = clock();
    const { record: own, referral, events, question } = mineOutcome;
    response.json({
      view: "mine",
      id: own.id,
      reference: own.reference,
      areaName: areaName(own.areaId),
      status: own.status,
      statusText: STATUS_WORDS.get(own.status) ?? own.status,
      submittedText: timeWords(own.submittedAt, now),
      ...(await deliveryOf(own, now)),
      updates: events.map((event) => ({ at: event.at.toISOString(), text: referrerMessage(own, areaName(own.areaId), event, now, meetingWordOf(areas.get(own.areaId))) })),
      question: question ?? null,
      sections: readOnlySections(referral) ?? null,
      purged: referral === undefined ? PURGED_NOTE : "",
    } satisfies MyReferralAnswer);
  });

  router.post("/referrals/:id/actions", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    const body = id === undefined ? undefined : parseOr400(response, ActionBody, request.body, "body");
    if (id === undefined || body === undefined) return;
    const user = userOf(response);
    const record = await referrals.get(id);
    if (record === undefined || !user.triageAreas.includes(record.areaId)) return fail(response, record === undefined ? 404 : 403, record === undefined ? "not-found" : "not-triage", record === undefined ? API_MESSAGES.noReferral : API_MESSAGES.onlyTriageActs);
    const outcome = await triage.act({ referralId: id, version: body.version, verb: body.verb, presser: presserOf(user), inputs: body.inputs });
    if (outcome.kind === "not-found") return fail(response, 404, "not-found", API_MESSAGES.noReferral);
    if (outcome.kind === "not-triage") return fail(response, 403, "not-triage", API_MESSAGES.onlyTriageActs);
    let details: DetailsOutcome;
    try {
      details = await triage.details(id, presserOf(user));
    } catch (error) {
      if (!outcome.moved) throw error;
      // The move is committed: the API's plain "Something went wrong" would read as if nothing happened.
      logger.error({ err: error }, "a triage move was recorded, but the referral could not be shown again");
      return fail(response, 500, "recorded", API_MESSAGES.recordedNotShown);
    }
    if (details.kind !== "details") return fail(response, 404, "not-found", API_MESSAGES.noReferral);
    response.json(triageView(details, outcome.note));
  });

  router.post("/referrals/:id/answer", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    const body = id === undefined ? undefined : parseOr400(response, AnswerBody, request.body, "body");
    if (id === undefined || body === undefined) return;
    const outcome = await triage.answer(id, presserOf(userOf(response)), body.answer);
    switch (outcome.kind) {
      case "not-found":
      case "not-referrer":
        return fail(response, 404, "not-found", API_MESSAGES.noReferralOfYours);
      case "empty":
        return fail(response, 400, "bad-input", API_MESSAGES.answerEmpty, "answer");
      case "not-waiting":
        // What they typed is sent back, so it is not lost.
        return void response.status(409).json({ error: { code: "not-waiting", message: API_MESSAGES.answerNotWaiting, field: "answer" }, answer: body.answer });
      case "answered":
        return void response.json({ status: outcome.record.status, message: answerAddedFor(areaName(outcome.record.areaId)) } satisfies AnsweredAnswer);
    }
  });

  router.get("/referrals/:id/pdf", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    if (id === undefined) return;
    const user = userOf(response);
    const record = await referrals.get(id);
    if (record === undefined || !user.triageAreas.includes(record.areaId)) return fail(response, record === undefined ? 404 : 403, record === undefined ? "not-found" : "not-triage", record === undefined ? API_MESSAGES.noReferral : API_MESSAGES.onlyTriageDownloads);
    const at = clock();
    const details = await triage.exportFor(id, presserOf(user), at);
    if (details.kind !== "details") return fail(response, details.kind === "not-triage" ? 403 : 404, details.kind === "not-triage" ? "not-triage" : "not-found", details.kind === "not-triage" ? API_MESSAGES.onlyTriageDownloads : API_MESSAGES.noReferral);
    const summary = details.record.summary as { category: Category; flags: Flag[]; unconfirmed: boolean };
    const state = TriageState.parse(details.record.triage);
    // pdf-lib is loaded with the first download, not at start-up.
    const { referralPdf } = await import("../../export/referral-pdf.ts");
    const pdf = await referralPdf({
      referral: details.referral,
      reference: details.record.reference,
      area: { id: details.record.areaId, name: areaName(details.record.areaId), meeting: meetingWordOf(areas.get(details.record.areaId)) },
      submittedAt: details.record.submittedAt,
      result: { category: summary.category, flags: summary.flags, unconfirmed: summary.unconfirmed },
      triage: state,
      history: details.history.map((line) => ({ at: line.at, who: line.who, what: line.what, said: line.said })),
      printedAt: clock(),
    });
    // Audited once the file is made, and before it goes: a failed download is not in the history,
    // and no download leaves unaudited (a failed write answers 500 instead of the file).
    await triage.recordExport(id, presserOf(user), at);
    response
      .status(200)
      .type("application/pdf")
      .set("Content-Disposition", `attachment; filename="${details.record.reference}.pdf"`)
      .set("Cache-Control", "no-store")
      .send(Buffer.from(pdf));
  });

  router.get("/board.csv", async (request, response) => {
    const query = parseOr400(response, CsvQuery, request.query, "area");
    if (query === undefined) return;
    const areaIds = areasAsked(response, userOf(response), query.area);
    if (areaIds === undefined) return;
    const now = clock();
    const rows = rowsOf(await referrals.list({ areaIds }, LIST_READ_LIMIT), now).map(({ row }) => row);
    response.status(200).type("text/csv; charset=utf-8").set("Content-Disposition", 'attachment; filename="referral-board.csv"').set("Cache-Control", "no-store").send(boardCsv(rows));
  });

  // The board's filters in the channel card's words, so the page repeats none of them.
  router.get("/board-filters", (_request, response) => {
    if (areasAsked(response, userOf(response), undefined) === undefined) return;
    response.json({
      statuses: TRIAGE_STATUSES.map((value) => ({ value, title: STATUS_WORDS.get(value) ?? value })),
      categories: ([0, 1, 2, 3] as const).map((value) => ({ value: String(value), title: categoryWords(value).title })),
      flags: FLAGS.map((value) => ({ value, title: flagTitle(value) })),
    } satisfies BoardFiltersAnswer);
  });

  router.get("/insight", async (request, response) => {
    const query = parseOr400(response, InsightQuery, request.query, "area");
    if (query === undefined) return;
    const areaIds = areasAsked(response, userOf(response), query.area);
    if (areaIds === undefined) return;
    const until = clock();
    // The window's first month starts at most 31 days before its calendar start: read from a little earlier.
    const since = new Date(until.getTime() - (query.months + 1) * 31 * 24 * 3_600_000);
    response.set("Cache-Control", "no-store").json(maseInsight(await triage.forInsight(areaIds, since, LIST_READ_LIMIT), { months: query.months, until }));
  });

  return router;
}
