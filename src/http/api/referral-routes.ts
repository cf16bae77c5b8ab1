// The tab's referral routes (issue 11, points 2c, 3, 4 and 7): my referrals, the area's board, a
// referral's detail, the triage actions, the referrer's answer, the PDF and the board's CSV. Every
// move goes through the triage service the channel card uses, so the board and the card cannot
// disagree; this file only checks who may ask, reads the input and words the answer.
import express, { type Response, type Router } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import type { Areas } from "../../content/load-areas.ts";
import { FLAGS, offenceFlagsOf, type Category, type Flag } from "../../domain/category.ts";
import { TRIAGE_STATUSES, TriageState } from "../../domain/triage.ts";
import { referrerMessage, timeWords } from "../../domain/triage-text.ts";
import type { Referral } from "../../domain/referral.ts";
import { referralChannelCard, STATUS_WORDS } from "../../cards/referral-channel-views.ts";
import { channelViewOf, detailsViewOf } from "../../cards/referral-channel-data.ts";
import { sectionsOf } from "../../cards/referral-review-views.ts";
import { categoryWords, flagTitle } from "../../words/result-words.ts";
import { PURGED_NOTE } from "../../cards/referral-details-views.ts";
import { deliveryLine } from "../../cards/referral-sent-views.ts";
import { areaContactsSections } from "../../cards/area-contacts-view.ts";
import type { ReferralService } from "../../services/referral-service.ts";
import { boardCsv, boardRowOf, type BoardRow } from "../../export/board-csv.ts";
import { draftValuesOf } from "../../services/referral-draft.ts";
import { maseInsight } from "../../services/mase-insight.ts";
import type { ReferralRecord, ReferralStore } from "../../services/referral-store.ts";
import { ANSWER_LIMIT, TRIAGE_VERBS, type DetailsOutcome, type Presser, type TriageService } from "../../services/triage-service.ts";
import { fail, Page, pageOf, parseOr400, userOf, type ApiUser } from "./api-kit.ts";

/** The most referrals a list reads before filtering and sorting: far beyond an area's open ones. */
export const LIST_READ_LIMIT = 1_000;

const MineQuery = z.strictObject({ view: z.literal("mine"), ...Page });
const BoardQuery = z.strictObject({
  view: z.literal("board"),
  area: z.string().max(50).optional(),
  status: z.enum(TRIAGE_STATUSES, { error: `expected one of ${TRIAGE_STATUSES.join(", ")}` }).optional(),
  category: z.enum(["0", "1", "2", "3"], { error: "expected 0, 1, 2 or 3" }).optional(),
  flag: z.enum(FLAGS, { error: `expected one of ${FLAGS.join(", ")}` }).optional(),
  overdue: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
  ...Page,
});
const ListQuery = z.discriminatedUnion("view", [MineQuery, BoardQuery], { error: "view: expected mine or board" });
const CsvQuery = z.strictObject({ area: z.string().max(50).optional() });
const InsightQuery = z.strictObject({
  area: z.string().max(50).optional(),
  months: z.coerce.number({ error: "expected a number" }).int({ error: "expected a whole number" }).min(1, { error: "at least 1" }).max(24, { error: "at most 24" }).default(12),
});
const ReferralId = z.string().uuid({ error: "expected a referral id" });
const ActionBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(TRIAGE_VERBS, { error: `expected one of ${TRIAGE_VERBS.join(", ")}` }),
  inputs: z.record(z.string(), z.string().max(5_000, { error: "at most 5,000 characters" })).default({}),
});
const AnswerBody = z.strictObject({ answer: z.string({ error: "expected text" }).max(ANSWER_LIMIT, { error: `at most ${ANSWER_LIMIT} characters` }) });

export type ReferralRouteDependencies = {
  readonly referrals: ReferralStore;
  /** Whether a referral is delivered to a triage channel (DOMAIN.md §8). */
  readonly referralService: Pick<ReferralService, "deliveryOf">;
  readonly triage: TriageService;
  readonly areas: Areas;
  readonly clock: () => Date;
  readonly logger: Logger;
};

const presserOf = (user: ApiUser): Presser => ({ userId: user.userId, aadObjectId: user.aadObjectId, name: user.name });
const isoOf = (at: Date | undefined) => (at === undefined ? null : at.toISOString());

/** The referral's typed fields, read-only, by section as the review card shows them. */
function readOnlySections(referral: Referral | undefined) {
  if (referral === undefined) return undefined;
  const { values, entries } = draftValuesOf(referral);
  return sectionsOf({ draftId: "", version: 0, section: "essentials", values, issues: [], entries, carried: undefined })
    .map((section) => ({ title: section.title, groups: section.groups, entries: section.entries }))
    .filter((section) => section.groups.length > 0 || section.entries.length > 0);
}

export function createReferralRoutes({ referrals, referralService, triage, areas, clock, logger }: ReferralRouteDependencies): Router {
  const router = express.Router();
  const areaName = (areaId: string) => areas.get(areaId)?.name ?? areaId;

  /** The areas a triage lead asks for: one of theirs, or all of theirs; undefined (after a 403) when not theirs. */
  function areasAsked(response: Response, user: ApiUser, area: string | undefined): readonly string[] | undefined {
    if (user.triageAreas.length === 0) {
      fail(response, 403, "not-triage", "Only an area's triage team can see its referrals.");
      return undefined;
    }
    if (area === undefined) return user.triageAreas;
    if (!user.triageAreas.includes(area)) {
      fail(response, 403, "not-triage", `You are not in ${areaName(area)}'s triage team.`, "area");
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

  function boardItem(record: ReferralRecord, row: BoardRow, now: Date) {
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
      categoryText: `${categoryWords(row.category, offenceFlagsOf(row.flags)).title}${row.unconfirmed ? " (unconfirmed)" : ""}`,
      flags: row.flags.map((flag) => ({ id: flag, title: flagTitle(flag) })),
      ageBand: row.ageBand,
      assignee: row.assignee ?? null,
      dueBy: isoOf(row.dueBy),
      dueText: row.dueBy === undefined ? "" : timeWords(row.dueBy, now),
      overdue: row.overdue,
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
      (query.overdue === undefined || row.overdue === (query.overdue === "true")),
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
      contactSections: delivery === "delivered" || area === undefined ? [] : areaContactsSections(area, now, false, true),
    };
  }

  async function mine(response: Response, user: ApiUser, query: z.infer<typeof MineQuery>): Promise<void> {
    const now = clock();
    const records = await referrals.list({ referrerId: user.userId }, LIST_READ_LIMIT);
    const deliveries = await Promise.all(records.map((record) => referralService.deliveryOf(record)));
    const items = records.map((record, index) => {
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
  function triageView(details: Extract<DetailsOutcome, { kind: "details" }>, note?: string) {
    const now = clock();
    const view = detailsViewOf(details, areas, now);
    const card = referralChannelCard(channelViewOf(details.record, areas, now, note, details.people)).data as Record<string, unknown>;
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
      card: {
        categoryLine: card["categoryLine"],
        offences: card["offences"],
        urgencyText: card["urgencyText"],
        facts: card["facts"],
        assignee: card["assignee"],
        actions: card["actions"],
        canAssignTo: card["canAssignTo"],
        colleagues: card["colleagues"],
        canAsk: card["canAsk"],
        canDecide: card["canDecide"],
        outcomes: card["outcomes"],
      },
      carried: view.carried,
      sections: readOnlySections(details.referral) ?? null,
      purged: details.referral === undefined ? PURGED_NOTE : "",
      history: view.history,
      earlier: view.earlier,
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
      if (details.kind === "details") return void response.json(triageView(details));
    }
    const mineOutcome = await triage.forReferrer(id, user.userId);
    if (mineOutcome.kind === "not-found") return fail(response, 404, "not-found", "There is no referral of yours with this id.");
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
      updates: events.map((event) => ({ at: event.at.toISOString(), text: referrerMessage(own, areaName(own.areaId), event, now) })),
      question: question ?? null,
      sections: readOnlySections(referral) ?? null,
      purged: referral === undefined ? PURGED_NOTE : "",
    });
  });

  router.post("/referrals/:id/actions", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    const body = id === undefined ? undefined : parseOr400(response, ActionBody, request.body, "body");
    if (id === undefined || body === undefined) return;
    const user = userOf(response);
    const record = await referrals.get(id);
    if (record === undefined || !user.triageAreas.includes(record.areaId)) return fail(response, record === undefined ? 404 : 403, record === undefined ? "not-found" : "not-triage", record === undefined ? "There is no referral with this id." : "Only the area's triage team can act on its referrals. Nothing was changed.");
    const outcome = await triage.act({ referralId: id, version: body.version, verb: body.verb, presser: presserOf(user), inputs: body.inputs });
    if (outcome.kind === "not-found") return fail(response, 404, "not-found", "There is no referral with this id.");
    if (outcome.kind === "not-triage") return fail(response, 403, "not-triage", "Only the area's triage team can act on its referrals. Nothing was changed.");
    let details: DetailsOutcome;
    try {
      details = await triage.details(id, presserOf(user));
    } catch (error) {
      if (!outcome.moved) throw error;
      // The move is committed: the API's plain "Something went wrong" would read as if nothing happened.
      logger.error({ err: error }, "a triage move was recorded, but the referral could not be shown again");
      return fail(response, 500, "recorded", "Done: this was recorded, but the referral could not be shown again just now. Reload it before doing anything more.");
    }
    if (details.kind !== "details") return fail(response, 404, "not-found", "There is no referral with this id.");
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
        return fail(response, 404, "not-found", "There is no referral of yours with this id.");
      case "empty":
        return fail(response, 400, "bad-input", "answer: write your answer first.", "answer");
      case "not-waiting":
        // What they typed is sent back, so it is not lost.
        return void response.status(409).json({ error: { code: "not-waiting", message: "The front door is no longer waiting for an answer (they marked the information received, or decided): your answer was not sent. It is kept below if you want to copy it.", field: "answer" }, answer: body.answer });
      case "answered":
        return void response.json({ status: outcome.record.status, message: `Your answer was added to the referral, for ${areaName(outcome.record.areaId)}'s triage team.` });
    }
  });

  router.get("/referrals/:id/pdf", async (request, response) => {
    const id = parseOr400(response, ReferralId, request.params["id"], "id");
    if (id === undefined) return;
    const user = userOf(response);
    const record = await referrals.get(id);
    if (record === undefined || !user.triageAreas.includes(record.areaId)) return fail(response, record === undefined ? 404 : 403, record === undefined ? "not-found" : "not-triage", record === undefined ? "There is no referral with this id." : "Only the area's triage team can download a referral.");
    const at = clock();
    const details = await triage.exportFor(id, presserOf(user), at);
    if (details.kind !== "details") return fail(response, details.kind === "not-triage" ? 403 : 404, details.kind === "not-triage" ? "not-triage" : "not-found", details.kind === "not-triage" ? "Only the area's triage team can download a referral." : "There is no referral with this id.");
    const summary = details.record.summary as { category: Category; flags: Flag[]; unconfirmed: boolean };
    const state = TriageState.parse(details.record.triage);
    // pdf-lib is loaded with the first download, not at start-up.
    const { referralPdf } = await import("../../export/referral-pdf.ts");
    const pdf = await referralPdf({
      referral: details.referral,
      reference: details.record.reference,
      area: { id: details.record.areaId, name: areaName(details.record.areaId) },
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
    });
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
