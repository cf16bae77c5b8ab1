// Stops the HTTP server without cutting a reply short (issue 8, point 11): refuse new connections,
// let the requests in flight finish until a deadline, and only then close what they use.
import type { Server } from "node:http";
import type { Logger } from "pino";

export type InFlight = {
  /** Requests that have arrived and whose response has neither finished nor been cut. */
  readonly count: () => number;
  /** Resolves once no request is in flight. */
  readonly drained: () => Promise<void>;
};

/** Counts the server's requests from arrival to the response's close; call it before any arrive. */
export function trackInFlight(server: Server): InFlight {
  let count = 0;
  const waiting: (() => void)[] = [];
  server.on("request", (_request, response) => {
    count += 1;
    // "close" fires once, whether the response finished or its connection was cut.
    response.once("close", () => {
      count -= 1;
      if (count === 0) waiting.splice(0).forEach((wake) => wake());
    });
  });
  return {
    count: () => count,
    drained: () => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}

export type ShutdownOptions = {
  readonly server: Server;
  readonly inFlight: InFlight;
  readonly deadlineMs: number;
  readonly logger: Logger;
  /** Background work, stopped once no reply is being sent: the playground is where replies go. */
  readonly stopBackground: () => void;
  /** Runs last: requests and background work use the store until then. */
  readonly closeStore: () => Promise<void>;
  /** Told what each step waits for (the hard stop names it: stop-signals.ts). */
  readonly waitingFor?: (what: string) => void;
};

/** Resolves with the exit code: 0 when every request finished, 1 when the deadline cut some. */
export async function shutdown({ server, inFlight, deadlineMs, logger, stopBackground, closeStore, waitingFor = () => undefined }: ShutdownOptions): Promise<0 | 1> {
  waitingFor("the requests in flight");
  server.close();
  logger.info({ inFlight: inFlight.count(), deadlineMs }, "shutting down: new connections refused, finishing the requests in flight");
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    inFlight.drained().then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    }),
  ]);
  clearTimeout(timer);
  if (finished) {
    // Node 20 keeps a keep-alive connection open for 5 s after its last reply; nothing more will come.
    server.closeIdleConnections();
  } else {
    // A count only: a request's contents may describe a child.
    logger.error({ cut: inFlight.count(), deadlineMs }, "shutdown deadline passed: requests still in flight were cut");
    server.closeAllConnections();
  }
  waitingFor("the background work (the sweeper, the outbox worker, the playground) to stop");
  stopBackground();
  waitingFor("the store to close");
  await closeStore();
  logger.info("stopped");
  return finished ? 0 : 1;
}
