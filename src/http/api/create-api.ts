// The tab's JSON API under /api/v1 (issue 11, point 7), first part: the one error shape, the
// local sign-in's test users, and the guidance library. Every route needs a signed-in user: in
// local use (no credentials) one of the clearly marked test users, named by `X-Local-User`; with
// credentials, the Teams SSO token, which is not checked yet, so every route refuses (401).
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import type { GuidanceEntry } from "../../content/load-guidance.ts";

export type ApiErrorBody = { error: { code: string; message: string; field?: string } };

function fail(response: Response, status: number, code: string, message: string, field?: string): void {
  response.status(status).json({ error: { code, message, ...(field === undefined ? {} : { field }) } } satisfies ApiErrorBody);
}

/** The local sign-in's test users (issue 11, point 6); their roles come with the referral routes. */
export const LOCAL_USERS = [
  { id: "practitioner", name: "Alex Teacher", description: "a practitioner" },
  { id: "kingston-lead", name: "Sam Lead", description: "Kingston triage lead" },
  { id: "sutton-lead", name: "Kit Lead", description: "Sutton triage lead" },
] as const;

const GuidanceQuery = z.strictObject({
  q: z.string().max(200, { error: "at most 200 characters" }).optional(),
  limit: z.coerce.number({ error: "expected a number" }).int({ error: "expected a whole number" }).min(1, { error: "at least 1" }).max(100, { error: "at most 100" }).default(25),
  cursor: z.string().regex(/^\d{1,4}$/, { error: "expected the cursor a previous page gave" }).optional(),
});

export type ApiDependencies = {
  readonly guidance: readonly GuidanceEntry[];
  /** Whether the bot runs with credentials: then only Teams sign-in is accepted. */
  readonly authenticated: boolean;
  readonly logger: Logger;
};

export function createApi({ guidance, authenticated, logger }: ApiDependencies): Router {
  const api = express.Router();
  api.use(express.json({ limit: "64kb" }));

  api.get("/local-users", (_request, response) => {
    if (authenticated) return fail(response, 404, "not-found", "There is no local sign-in when the bot runs with credentials.");
    response.json({ users: LOCAL_USERS });
  });

  // Every other route: a signed-in user.
  api.use((request: Request, response: Response, next) => {
    if (authenticated) return fail(response, 401, "sign-in-not-available", "Signing in from Teams is not built yet.");
    const user = request.get("x-local-user");
    if (user === undefined || !LOCAL_USERS.some((candidate) => candidate.id === user)) return fail(response, 401, "not-signed-in", "Choose a test user on the local sign-in.", "X-Local-User");
    next();
  });

  api.get("/guidance", (request, response) => {
    const query = GuidanceQuery.safeParse(request.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      return fail(response, 400, "bad-input", `${String(issue?.path[0] ?? "query")}: ${issue?.message ?? "not understood"}`, String(issue?.path[0] ?? ""));
    }
    const { q, limit, cursor } = query.data;
    // Every word in the title, keywords or text (not yet the bot's ranked index: that comes with the rest of the tab).
    const words = q?.trim().toLowerCase().split(/\s+/).filter((word) => word.length > 1) ?? [];
    const matching = words.length === 0 ? guidance : guidance.filter((entry) => words.every((word) => `${entry.title} ${entry.keywords.join(" ")} ${entry.body}`.toLowerCase().includes(word)));
    const from = cursor === undefined ? 0 : Number(cursor);
    const page = matching.slice(from, from + limit);
    response.json({
      items: page.map((entry) => ({ id: entry.id, title: entry.title, topic: entry.topic, body: entry.body, source: entry.source, related: entry.related })),
      total: matching.length,
      ...(from + limit < matching.length ? { nextCursor: String(from + limit) } : {}),
    });
  });

  api.use((_request, response) => fail(response, 404, "not-found", "There is no such route in this API."));
  const onError: ErrorRequestHandler = (error, _request, response, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, "API request failed");
    if (!response.headersSent) fail(response, status, status === 500 ? "internal" : "bad-request", status === 500 ? "Something went wrong on the server." : "The request could not be read.");
  };
  api.use(onError);
  return api;
}
