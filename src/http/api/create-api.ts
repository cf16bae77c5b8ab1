// The tab's JSON API under /api/v1 (issue 11, point 7). Every route needs a signed-in user: in
// Teams, the SSO token the tab sends (checked by teams-identity.ts: signature, audience, issuer,
// expiry, tenant, a user's token for the tab's scope), mapped to the areas of ROLES_FILE; in local use (no credentials), one of the
// clearly marked test users, named by `X-Local-User`. One error shape for every failure; input
// read with zod; the routes call the same services as the bot's cards.
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { GuidanceEntry } from "../../content/load-guidance.ts";
import { DOMAINS } from "../../domain/catalogue.ts";
import { meetingOf } from "../../domain/area.ts";
import { API_MESSAGES, UNNAMED_TEAMS_USER } from "../../words/api-messages.ts";
import type { Areas } from "../../content/load-areas.ts";
import type { Roles } from "../../config/load-roles.ts";
import { fail, pageOf, parseOr400, type ApiUser } from "./api-kit.ts";
import { GuidanceQuery, type GuidanceAnswer, type LocalUsersAnswer, type MeAnswer, type SignsAnswer } from "./contract.ts";
import type { Identified } from "./teams-identity.ts";
import { createReferralRoutes, type ReferralRouteDependencies } from "./referral-routes.ts";
import { createCheckRoutes, type CheckRouteDependencies } from "./check-routes.ts";

export type { ApiErrorBody } from "./contract.ts";

/**
 * The local sign-in's test users (issue 11, point 6), for local use only: a practitioner, and a
 * triage lead for Kingston and one for Sutton. Fixed ids, so their referrals are theirs across restarts.
 */
export const LOCAL_USERS = [
  { id: "practitioner", name: "Alex Teacher", description: "a practitioner", aadObjectId: "00000000-0000-4000-8000-00000000a1e0", triageAreas: [] },
  { id: "kingston-lead", name: "Sam Lead", description: "Kingston triage lead", aadObjectId: "00000000-0000-4000-8000-00000000c1a0", triageAreas: ["kingston"] },
  { id: "sutton-lead", name: "Kit Lead", description: "Sutton triage lead", aadObjectId: "00000000-0000-4000-8000-00000000c1a1", triageAreas: ["sutton"] },
  // Issue 21, point 8: the Agents Playground's own user (its default currentUser), so the referrals
  // made in the playground's chat are in this user's "My referrals".
  { id: "playground-user", name: "Alex Wilber", description: "the Agents Playground's user: referrals made in its chat", aadObjectId: "00000000-0000-0000-0000-0000000000020", triageAreas: [] },
] as const;

export type ApiDependencies = {
  readonly guidance: readonly GuidanceEntry[];
  /** The bot's ranked guidance index (services/answer-question.ts), so the tab finds what the chat finds. */
  readonly searchGuidance: (text: string) => readonly string[];
  readonly areas: Areas;
  readonly roles: Roles;
  /** Whether the bot runs with credentials: then only Teams sign-in is accepted. */
  readonly authenticated: boolean;
  /** Checks a Teams SSO token; undefined when TAB_AUDIENCE is not set (with credentials every route then refuses). */
  readonly identify: ((authorization: string | undefined) => Promise<Identified>) | undefined;
  readonly logger: Logger;
} & ReferralRouteDependencies & CheckRouteDependencies;

export function createApi(dependencies: ApiDependencies): Router {
  const { guidance, searchGuidance, areas, roles, authenticated, identify, logger, views } = dependencies;
  const byId = new Map(guidance.map((entry) => [entry.id, entry]));
  const api = express.Router();
  // Answers name children and the people around them: no browser or proxy may keep a copy. First,
  // so that every answer has it, refusals and errors too.
  api.use((_request, response, next) => {
    response.setHeader("Cache-Control", "no-store");
    next();
  });
  api.use(express.json({ limit: "64kb" }));

  api.get("/local-users", (_request, response) => {
    if (authenticated) return fail(response, 404, "not-found", API_MESSAGES.noLocalSignIn);
    response.json({ users: LOCAL_USERS.map(({ id, name, description }) => ({ id, name, description })) } satisfies LocalUsersAnswer);
  });

  // Every other route: a signed-in user.
  api.use(async (request: Request, response: Response, next) => {
    if (!authenticated) {
      const local = LOCAL_USERS.find((candidate) => candidate.id === request.get("x-local-user"));
      if (local === undefined) return fail(response, 401, "not-signed-in", API_MESSAGES.chooseTestUser, "X-Local-User");
      response.locals["user"] = { userId: `msteams:${local.aadObjectId}`, aadObjectId: local.aadObjectId, name: local.name, triageAreas: local.triageAreas, local: true } satisfies ApiUser;
      return next();
    }
    if (identify === undefined) return fail(response, 401, "sign-in-not-available", API_MESSAGES.teamsSignInNotSetUp);
    const identified = await identify(request.get("authorization"));
    if (!identified.ok) {
      // The token's text and claims are never logged.
      if (identified.code === "keys-unavailable") {
        logger.warn("tab sign-in: the tenant's signing keys could not be fetched");
        return fail(response, 503, identified.code, API_MESSAGES.signInUnavailable);
      }
      return fail(response, 401, identified.code, identified.message);
    }
    const { aadObjectId, name } = identified.user;
    response.locals["user"] = { userId: `msteams:${aadObjectId}`, aadObjectId, name: name === "" ? UNNAMED_TEAMS_USER : name, triageAreas: roles.triageAreasOf(aadObjectId), local: false } satisfies ApiUser;
    next();
  });

  api.get("/me", (_request, response) => {
    const user = response.locals["user"] as ApiUser;
    response.json({ name: user.name, local: user.local, triageAreas: user.triageAreas.map((id) => ({ id, name: areas.get(id)?.name ?? id, meeting: meetingOf(areas.get(id) ?? { meeting: "MASE" }) })) } satisfies MeAnswer);
  });

  api.get("/guidance", (request, response) => {
    const query = parseOr400(response, GuidanceQuery, request.query, "query");
    if (query === undefined) return;
    const { q, limit, cursor } = query;
    const matching = q === undefined || q.trim() === "" ? guidance : searchGuidance(q).flatMap((id) => byId.get(id) ?? []);
    const items = matching.map((entry) => ({ id: entry.id, title: entry.title, topic: entry.topic, body: entry.body, source: entry.source, related: [...entry.related] }));
    response.json(pageOf(items, limit, cursor) satisfies GuidanceAnswer);
  });

  // The nine SAFEGUARD areas with every sign, as the bot's "Warning signs" cards give them.
  api.get("/signs", (_request, response) => {
    response.json({ areas: DOMAINS.map((domain) => ({ id: domain.id, ...views.signArea(domain.id) })) } satisfies SignsAnswer);
  });

  api.use(createReferralRoutes(dependencies));
  api.use(createCheckRoutes(dependencies));

  api.use((_request, response) => fail(response, 404, "not-found", API_MESSAGES.noSuchRoute));
  const onError: ErrorRequestHandler = (error, _request, response, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, "API request failed");
    if (!response.headersSent) fail(response, status, status === 500 ? "internal" : "bad-request", status === 500 ? API_MESSAGES.serverFailed : API_MESSAGES.requestUnreadable);
  };
  api.use(onError);
  return api;
}
