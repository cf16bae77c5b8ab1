// The HTTP server listens before the app is built (issue 12): loading botbuilder, the card
// templates and the store takes most of a second, and a platform's liveness probe should not wait
// for it. Until the app is ready, /healthz answers 200 (the process is up), /readyz 503
// "starting" (send no traffic yet), and any other request waits and is then served by the app.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";

export type EarlyServer = {
  readonly server: Server;
  /** From now on every request goes to `app`, the waiting ones first. */
  readonly serve: (app: RequestListener) => void;
};

const json = (response: ServerResponse, status: number, body: object) => {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify(body));
};

export function createEarlyServer(): EarlyServer {
  let app: RequestListener | undefined;
  const waiting: [IncomingMessage, ServerResponse][] = [];
  const server = createServer((request, response) => {
    if (app !== undefined) return void app(request, response);
    const path = (request.url ?? "").split("?")[0];
    if (request.method === "GET" && path === "/healthz") return json(response, 200, { status: "ok" });
    if (request.method === "GET" && path === "/readyz") return json(response, 503, { status: "starting" });
    waiting.push([request, response]);
  });
  return {
    server,
    serve: (ready) => {
      app = ready;
      for (const [request, response] of waiting.splice(0)) void ready(request, response);
    },
  };
}
