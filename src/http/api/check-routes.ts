// The guided check and the referral form as web forms (issue 11, point 2b): the same check and
// referral services the bot's cards call, with the same verbs and input ids, so a rule lives in
// one place. Each answer carries what the page shows next: for the check, the step's card data
// (the views port, api-views.ts); for the referral, the fields of the section being written with what was
// typed and each problem beside its field, the review, or the confirmation.
import express, { type Response, type Router } from "express";
import type { CheckOutcome, CheckService } from "../../services/check-service.ts";
import type { DraftView, ReferralOutcome, ReferralService } from "../../services/referral-service.ts";
import { NOTICES_FOR_REFERRALS } from "../../words/referral-notices.ts";
import { API_MESSAGES } from "../../words/api-messages.ts";
import type { ApiViews } from "./api-views.ts";
import { fail, parseOr400, userOf } from "./api-kit.ts";
import { CheckBody, DraftBody, DraftId, SessionId, StartDraftBody, type CheckAnswer, type DraftAnswer } from "./contract.ts";

const CHECK_GONE: Readonly<Record<Exclude<CheckOutcome["kind"], "ok" | "stale">, { status: number; message: string }>> = {
  "not-found": { status: 404, message: API_MESSAGES.checkNotFound },
  expired: { status: 410, message: API_MESSAGES.checkExpired },
  foreign: { status: 404, message: API_MESSAGES.checkNotFound },
};

export type CheckRouteDependencies = { readonly checks: CheckService; readonly referralService: ReferralService; readonly views: ApiViews };

export function createCheckRoutes({ checks, referralService, views }: CheckRouteDependencies): Router {
  const router = express.Router();

  function sendCheck(response: Response, outcome: CheckOutcome): void {
    if (outcome.kind !== "ok" && outcome.kind !== "stale") {
      const gone = CHECK_GONE[outcome.kind];
      return fail(response, gone.status, outcome.kind === "expired" ? "expired" : "not-found", gone.message);
    }
    const { view } = outcome;
    const notice = outcome.kind === "stale" ? API_MESSAGES.checkStale : view.state.notice;
    response.json({ checkId: view.sessionId, version: view.version, step: view.state.step, card: views.checkCard(view, notice) } satisfies CheckAnswer);
  }

  router.post("/checks", async (_request, response) => {
    const view = await checks.start(userOf(response).userId);
    sendCheck(response, { kind: "ok", view });
  });

  router.get("/checks/:id", async (request, response) => {
    const id = parseOr400(response, SessionId, request.params["id"], "id");
    if (id !== undefined) sendCheck(response, await checks.open(id, userOf(response).userId));
  });

  router.post("/checks/:id/actions", async (request, response) => {
    const id = parseOr400(response, SessionId, request.params["id"], "id");
    const body = id === undefined ? undefined : parseOr400(response, CheckBody, request.body, "body");
    if (id === undefined || body === undefined) return;
    sendCheck(response, await checks.act({ sessionId: id, version: body.version, userId: userOf(response).userId, verb: body.verb, inputs: body.inputs }));
  });

  const formOf = (view: DraftView, notice = ""): DraftAnswer => views.referralForm(view, notice);

  function sendDraft(response: Response, outcome: ReferralOutcome): void {
    switch (outcome.kind) {
      case "form":
        return void response.json(formOf(outcome.view));
      case "stale":
        return void response.json(formOf(outcome.view, API_MESSAGES.draftStale));
      case "review":
        return void response.json(views.referralReview(outcome.view) satisfies DraftAnswer);
      case "sent":
        return void response.json({ stage: "sent", referralId: outcome.sent.record.id, sent: views.referralSent(outcome.sent) } satisfies DraftAnswer);
      case "no-result":
        return fail(response, 409, "no-result", NOTICES_FOR_REFERRALS["no-result"]);
      case "not-found":
      case "foreign":
        return fail(response, 404, "not-found", NOTICES_FOR_REFERRALS["not-found"]);
      case "expired":
        return fail(response, 410, "expired", NOTICES_FOR_REFERRALS.expired);
      case "too-many-drafts":
      case "too-many-referrals":
        return fail(response, 429, outcome.kind, NOTICES_FOR_REFERRALS[outcome.kind]);
    }
  }

  router.post("/referral-drafts", async (request, response) => {
    const body = parseOr400(response, StartDraftBody, request.body, "body");
    if (body === undefined) return;
    const user = userOf(response);
    sendDraft(response, await referralService.start(user.userId, body.checkId, { name: user.name }));
  });

  router.get("/referral-drafts/unfinished", async (_request, response) => {
    const draft = await referralService.unfinished(userOf(response).userId);
    if (draft === undefined) return fail(response, 404, "not-found", API_MESSAGES.noUnfinishedDraft);
    sendDraft(response, { kind: "form", view: draft });
  });

  router.post("/referral-drafts/:id/actions", async (request, response) => {
    const id = parseOr400(response, DraftId, request.params["id"], "id");
    const body = id === undefined ? undefined : parseOr400(response, DraftBody, request.body, "body");
    if (id === undefined || body === undefined) return;
    const { section, group, index, shown } = body;
    sendDraft(
      response,
      await referralService.act({
        draftId: id,
        version: body.version,
        userId: userOf(response).userId,
        verb: body.verb,
        inputs: body.inputs,
        // The entries of a list the page showed (it shows them all): an input of theirs left out is read as cleared, as on the card.
        ...(shown === undefined ? {} : { shown }),
        ...(section === undefined ? {} : { section }),
        ...(group === undefined ? {} : { group }),
        ...(index === undefined ? {} : { index }),
      }),
    );
  });

  return router;
}
