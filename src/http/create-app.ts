// The express app: the Bot Framework endpoint and health checks.
import express, { type ErrorRequestHandler, type Express } from "express";
import type { Logger } from "pino";
import { TERMS_PAGE, privacyPage } from "./legal-pages.ts";
import { tabPages } from "./tab-pages.ts";
import { securityHeaders } from "./security-headers.ts";
import type { Router } from "express";
import type { ReadinessReport } from "./readiness.ts";

export type BotEndpoint = {
  /** Processes one Bot Framework activity (CloudAdapter.process bound to the bot). */
  readonly process: (request: express.Request, response: express.Response) => Promise<void>;
  /** With credentials: a request without a bearer token is refused (401) before its body is read. */
  readonly tokenRequired: boolean;
};

export type AppDependencies = {
  readonly bot: BotEndpoint;
  /** Checks each part within a deadline (readiness.ts); 503 unless every part is ready. */
  readonly ready: () => Promise<ReadinessReport>;
  readonly logger: Logger;
  /** RETENTION_DAYS, which the privacy page states. */
  readonly retentionDays: number;
  /** The tab's JSON API, mounted at /api/v1 (src/http/api/create-api.ts). */
  readonly api?: Router;
  /** True once a stop signal came: /readyz then answers 503 at once, also on a connection kept open. */
  readonly stopping?: () => boolean;
};

export function createApp({ bot, ready, logger, retentionDays, api, stopping = () => false }: AppDependencies): Express {
  const privacy = privacyPage(retentionDays);
  const app = express();
  app.disable("x-powered-by");
  // Before every route, so that each page and answer carries them, errors included.
  app.use(securityHeaders());
  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  app.get("/readyz", async (_request, response) => {
    // Draining: a load balancer must send nothing new here, whatever the parts would say.
    if (stopping()) return void response.status(503).set("connection", "close").json({ status: "stopping", checks: {} });
    const report = await ready().catch((error: unknown): ReadinessReport => {
      logger.error({ err: error }, "the readiness check itself failed");
      return { ready: false, degraded: false, checks: {} };
    });
    const status = !report.ready ? "not ready" : report.degraded ? "degraded" : "ready";
    response.status(report.ready ? 200 : 503).json({ status, checks: report.checks });
  });
  app.get("/privacy", (_request, response) => {
    response.type("html").send(privacy);
  });
  app.get("/terms", (_request, response) => {
    response.type("html").send(TERMS_PAGE);
  });
  app.use("/tab", tabPages());
  if (api !== undefined) app.use("/api/v1", api);
  // The token first, then the body: an anonymous caller is told 401, never why its body is wrong.
  const tokenFirst: express.RequestHandler = (request, response, next) => {
    if (!bot.tokenRequired || /^Bearer \S+$/i.test(request.headers.authorization ?? "")) return next();
    logger.info({ reason: "no bearer token" }, "refused an activity that was not authenticated");
    response.status(401).json({ error: { code: "unauthorized", message: "the request's token was missing or not valid" } });
  };
  app.post("/api/messages", tokenFirst, express.json({ limit: "1mb" }), async (request, response) => {
    await bot.process(request, response);
  });
  // Express's own "not found" page brings its own Content-Security-Policy, without frame-ancestors.
  app.use((_request, response) => {
    response.status(404).type("text").send("Not found.");
  });
  // A malformed body is the sender's mistake: say so plainly, and never echo it back.
  const onError: ErrorRequestHandler = (error, _request, response, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, "request failed");
    if (!response.headersSent) response.status(status).json({ error: status === 500 ? "internal error" : "bad request" });
  };
  app.use(onError);
  return app;
}
