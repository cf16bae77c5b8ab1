// `npm run worker` run apart: /healthz (the process is up) and /readyz (the
// database answers and no message is dead), as the bot answers them, on WORKER_HEALTH_PORT, so a
// platform can probe the worker too. From the first stop signal /readyz answers 503 "stopping".
import { createServer, type Server } from "node:http";
import { checkReadiness, type ReadinessCheck } from "./readiness.ts";

export type WorkerHealth = { readonly server: Server; close(): Promise<void> };

export async function startWorkerHealth({ port, host, checks, stopping }: { port: number; host: string; checks: ReadonlyMap<string, ReadinessCheck>; stopping: () => boolean }): Promise<WorkerHealth> {
  const answer = (response: import("node:http").ServerResponse, status: number, body: object) => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...(status === 503 && stopping() ? { connection: "close" } : {}) });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "GET" || (path !== "/healthz" && path !== "/readyz")) return answer(response, 404, { error: "not found" });
    if (path === "/healthz") return answer(response, 200, { status: "ok" });
    if (stopping()) return answer(response, 503, { status: "stopping", checks: {} });
    void checkReadiness(checks).then(
      (report) => answer(response, report.ready ? 200 : 503, { status: !report.ready ? "not ready" : report.degraded ? "degraded" : "ready", checks: report.checks }),
      () => answer(response, 503, { status: "not ready", checks: {} }),
    );
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
