// The guided check and the referral form as web forms (issue 11, point 2b): the same check and
// referral services the bot's cards call, with the same verbs and input ids, so a rule lives in
// one place. Each answer carries what the page shows next: for the check, the step's card data
// (cards/check-views.ts); for the referral, the fields of the section being written with what was
// typed and each problem beside its field, the review, or the confirmation.
import express, { type Response, type Router } from "express";
import { z } from "zod";
import type { Areas } from "../../content/load-areas.ts";
import { checkCard } from "../../cards/check-views.ts";
import { inputData } from "../../cards/referral-inputs.ts";
import { carriedLines, carriedOf, ENTRY_WORDS, fieldsIn, fullListWords, isListGroup, LIST_GROUPS, REFERRAL_CARD_SECTIONS, SECTION_WORDS, type ReferralSection } from "../../cards/referral-sections.ts";
import { maxEntriesOf } from "../../domain/referral-fields.ts";
import { sectionsOf } from "../../cards/referral-review-views.ts";
import { referralSentCard, sentViewOf } from "../../cards/referral-sent-views.ts";
import { NOTICES_FOR_REFERRALS } from "../../words/referral-notices.ts";
import { CHECK_VERBS, type CheckOutcome, type CheckService } from "../../services/check-service.ts";
import type { DraftView, ReferralOutcome, ReferralService } from "../../services/referral-service.ts";
import { sectionOfIssue } from "../../services/referral-draft.ts";
import { fail, parseOr400, userOf } from "./api-kit.ts";

const SessionId = z.string().uuid({ error: "expected a check id" });
const DraftId = z.string().uuid({ error: "expected a referral draft id" });
const Inputs = z.record(z.string().max(100), z.string().max(5_000, { error: "at most 5,000 characters" })).default({});
const CheckBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(CHECK_VERBS, { error: `expected one of ${CHECK_VERBS.join(", ")}` }),
  inputs: Inputs,
});
const StartBody = z.strictObject({ checkId: SessionId });
const DRAFT_VERBS = ["referral.section", "referral.review", "referral.edit", "referral.add", "referral.remove", "referral.submit"] as const;
const DraftBody = z.strictObject({
  version: z.number({ error: "expected the version the page showed" }).int().positive(),
  verb: z.enum(DRAFT_VERBS, { error: `expected one of ${DRAFT_VERBS.join(", ")}` }),
  section: z.enum(REFERRAL_CARD_SECTIONS, { error: "expected a section of the form" }).optional(),
  group: z.enum(LIST_GROUPS, { error: `expected one of ${LIST_GROUPS.join(", ")}` }).optional(),
  index: z.number().int().min(0).max(19).optional(),
  shown: z.strictObject({ from: z.number().int().min(0).max(20), to: z.number().int().min(0).max(20) }, { error: "expected the entries the page showed, { from, to }" }).optional(),
  inputs: Inputs,
});

const CHECK_GONE: Readonly<Record<Exclude<CheckOutcome["kind"], "ok" | "stale">, { status: number; message: string }>> = {
  "not-found": { status: 404, message: "This check could not be found: checks are kept for 24 hours. Start a new one." },
  expired: { status: 410, message: "This check has expired: checks are kept for 24 hours. Start a new one." },
  foreign: { status: 404, message: "This check could not be found: checks are kept for 24 hours. Start a new one." },
};

export type CheckRouteDependencies = { readonly checks: CheckService; readonly referralService: ReferralService; readonly areas: Areas };

export function createCheckRoutes({ checks, referralService, areas }: CheckRouteDependencies): Router {
  const router = express.Router();

  function sendCheck(response: Response, outcome: CheckOutcome): void {
    if (outcome.kind !== "ok" && outcome.kind !== "stale") {
      const gone = CHECK_GONE[outcome.kind];
      return fail(response, gone.status, outcome.kind === "expired" ? "expired" : "not-found", gone.message);
    }
    const { view } = outcome;
    const notice = outcome.kind === "stale" ? "This page was out of date (the check moved on elsewhere): here it is as it is now." : view.state.notice;
    response.json({ checkId: view.sessionId, version: view.version, step: view.state.step, card: checkCard(view, areas, notice).data });
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

  /** The form for the draft's section: its fields (each entry's, in a list), what was typed, each problem beside its field. */
  function formOf(view: DraftView, notice = "") {
    const { state } = view;
    const section: ReferralSection = state.section === "review" ? "essentials" : state.section;
    const issueOf = (id: string) => view.issues.find((issue) => issue.field === id)?.message ?? "";
    const fieldsOf = (prefix: (group: string) => string) => fieldsIn(section).map((field) => {
      const id = `${prefix(field.group)}.${field.key}`;
      // Marked required only when always required: "email or phone" and "only if you chose no" say so in their hints.
      return { ...inputData(field, id, state.values[id], issueOf(id)), required: field.required && field.or === undefined && field.when === undefined };
    });
    const entries = isListGroup(section)
      ? Array.from({ length: state.entries[section] }, (_, index) => ({ title: `${ENTRY_WORDS[section].one} ${index + 1}`, index, fields: fieldsOf((group) => `${group}.${index}`) }))
      : [];
    const area = areas.get(state.fromCheck.area);
    return {
      draftId: view.draftId,
      version: view.version,
      stage: "form" as const,
      notice,
      section,
      sections: REFERRAL_CARD_SECTIONS.map((id) => ({ id, title: SECTION_WORDS[id].title, issues: view.issues.filter((issue) => sectionOfIssue(issue.field) === id).length })),
      carried: carriedLines(carriedOf(state.fromCheck, area?.name ?? state.fromCheck.area, state.checkedAt)).map((line) => line.text),
      fields: isListGroup(section) ? [] : fieldsOf((group) => group),
      list: isListGroup(section) ? { group: section, add: `Add ${ENTRY_WORDS[section].a}`, entries, max: maxEntriesOf(section), full: fullListWords(section) } : null,
      issues: view.issues,
    };
  }

  function sendDraft(response: Response, outcome: ReferralOutcome): void {
    switch (outcome.kind) {
      case "form":
        return void response.json(formOf(outcome.view));
      case "stale":
        return void response.json(formOf(outcome.view, "This page was out of date (the referral changed elsewhere): here it is as it is now. Check your last changes."));
      case "review": {
        const { state } = outcome.view;
        const area = areas.get(state.fromCheck.area);
        const sections = sectionsOf({ draftId: outcome.view.draftId, version: outcome.view.version, section: "essentials", values: state.values, issues: [], entries: state.entries, carried: undefined });
        return void response.json({
          draftId: outcome.view.draftId,
          version: outcome.view.version,
          stage: "review",
          carried: carriedLines(carriedOf(state.fromCheck, area?.name ?? state.fromCheck.area, state.checkedAt)).map((line) => line.text),
          review: sections.map((section) => ({ section: section.section, title: section.title, groups: section.groups, entries: section.entries })),
        });
      }
      case "sent":
        return void response.json({ stage: "sent", referralId: outcome.sent.record.id, sent: referralSentCard(sentViewOf(outcome.sent)).data });
      case "no-result":
        return fail(response, 409, "no-result", NOTICES_FOR_REFERRALS["no-result"]);
      case "not-found":
      case "foreign":
        return fail(response, 404, "not-found", NOTICES_FOR_REFERRALS["not-found"]);
      case "expired":
        return fail(response, 410, "expired", NOTICES_FOR_REFERRALS.expired);
    }
  }

  router.post("/referral-drafts", async (request, response) => {
    const body = parseOr400(response, StartBody, request.body, "body");
    if (body === undefined) return;
    const user = userOf(response);
    sendDraft(response, await referralService.start(user.userId, body.checkId, { name: user.name }));
  });

  router.get("/referral-drafts/unfinished", async (_request, response) => {
    const draft = await referralService.unfinished(userOf(response).userId);
    if (draft === undefined) return fail(response, 404, "not-found", "You have no unfinished referral.");
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
