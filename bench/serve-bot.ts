// Runs one bot under load in a process of its own, so the load generator does not share its
// event loop and the bot's CPU time and RSS are its own. Spawned by bot.bench.ts with an IPC
// channel: `node --import tsx bench/serve-bot.ts <subject|subject-afresh <database-url> | echo>`
// (subject-afresh: the app with every check card rendered afresh, not kept). It reports
// { port } once listening, answers "usage" with its CPU time and RSS, and exits when the parent
// goes away.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { pino } from "pino";
import { loadConfig } from "../src/config/load-config.ts";
import { composeApp } from "../src/compose-app.ts";
import { cardsKept } from "../src/cards/render-card.ts";
import { createEchoBotApp } from "./echo-bot.ts";

export type ServerUsage = { readonly cpuMicros: number; readonly rssBytes: number; readonly cardsKept: { readonly hits: number; readonly misses: number } };

async function build(kind: string, databaseUrl: string | undefined): Promise<{ app: Express; close: () => Promise<void> }> {
  if (kind === "echo") return { app: createEchoBotApp(), close: async () => {} };
  if ((kind !== "subject" && kind !== "subject-afresh") || databaseUrl === undefined) throw new Error("usage: serve-bot.ts <subject|subject-afresh <database-url> | echo>");
  // The real app, as main.ts builds it, with a throwaway database and no log output.
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", PLAYGROUND: "off" });
  const composed = await composeApp({ config, logger: pino({ level: "silent" }), keepCheckCards: kind === "subject" });
  return { app: composed.app, close: composed.close };
}

if (process.send === undefined) throw new Error("serve-bot.ts is spawned by bot.bench.ts with an IPC channel");
const [kind = "", databaseUrl] = process.argv.slice(2);
const { app, close } = await build(kind, databaseUrl);
const server = app.listen(0, "127.0.0.1");
await once(server, "listening");
process.send({ port: (server.address() as AddressInfo).port });
process.on("message", (message) => {
  if (message !== "usage") return;
  const cpu = process.cpuUsage();
  process.send?.({ cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage().rss, cardsKept: { ...cardsKept } } satisfies ServerUsage);
});
process.once("disconnect", () => {
  server.closeAllConnections();
  server.close();
  void close().finally(() => process.exit(0));
});
