// The express app: health and readiness now; the bot endpoint arrives with the bot capability.
import express, { type Express } from "express";
import type { Areas } from "../content/load-areas.ts";

export type AppDependencies = {
  readonly areas: Areas;
};

export function createApp({ areas }: AppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  app.get("/readyz", (_request, response) => {
    response.json({ status: "ready", areas: areas.size });
  });
  return app;
}
