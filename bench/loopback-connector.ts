// A stand-in for the Bot Connector service on 127.0.0.1: it accepts what a bot sends to
// /v3/conversations/:id/activities, keeps the last activity per conversation so a virtual user
// can read the bot's reply, and answers 201 as the real one does. node:http, not express, so the
// stand-in costs the load generator as little as possible.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";

export type ConnectorActivity = { type?: string; text?: string; attachments?: { contentType?: string; content?: unknown }[] };

export type LoopbackConnector = {
  /** With the trailing slash, as Teams sends `serviceUrl`. */
  readonly serviceUrl: string;
  /** Takes the last activity the bot sent to a conversation since the last take, or undefined. */
  readonly takeLast: (conversationId: string) => ConnectorActivity | undefined;
  readonly received: () => number;
  readonly close: () => Promise<void>;
};

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

export async function startLoopbackConnector(): Promise<LoopbackConnector> {
  const last = new Map<string, ConnectorActivity>();
  let received = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const match = ACTIVITIES.exec(request.url ?? "");
    if (match === null || (request.method !== "POST" && request.method !== "PUT")) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received += 1;
      last.set(decodeURIComponent(match[1]!), JSON.parse(Buffer.concat(chunks).toString("utf8")) as ConnectorActivity);
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `activity-${received}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");

  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    takeLast: (conversationId) => {
      const activity = last.get(conversationId);
      last.delete(conversationId);
      return activity;
    },
    received: () => received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
