// Time limits on everything the bot sends to the Bot Connector (issue 8, point 2).
//
// botbuilder's HTTP pipeline (Azure core-rest-pipeline) retries a failed send three times with
// exponential back-off, and waits as long as a 429's Retry-After says: a connector answering 500
// held a turn for 12 s, a 429 with "Retry-After: 30" for about 4 minutes, and a hanging one for
// ever, while Teams gives up on a bot after about 15 s. Here each send gets a total deadline,
// retries included; only answers that say "not processed, try later" (429, 503) are retried, and
// only when the wait they ask for ends before the deadline, so a card is never posted twice; and
// every send in one turn shares the turn's budget, so a failed card and the apology after it
// still end well inside Teams' limit.
import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { ConnectorFactory, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from "botframework-connector";
import { UserTokenClientOnFirstUse, connectorClientOnFirstUse } from "./clients-on-first-use.ts";

export type SendLimits = {
  /** Total time for one send, retries and waits included. */
  readonly sendMs: number;
  /** Total time for every send in one turn (one connector client is made per turn, at its first send). */
  readonly turnMs: number;
  /** Attempts for one send, the first included. */
  readonly attempts: number;
};

export const DEFAULT_SEND_LIMITS: SendLimits = { sendMs: 5_000, turnMs: 10_000, attempts: 3 };

/** Statuses that say the request was not processed and may be sent again. */
const RETRYABLE = new Set([429, 503]);
const BACKOFF_MS = 250;

// The parts of core-rest-pipeline's policy interface used here, typed locally rather than
// importing a transitive package.
type PipelineRequest = { abortSignal?: AbortSignal };
type PipelineResponse = { status: number; headers: { get(name: string): string | undefined } };
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
type PipelinePolicy = { name: string; sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> };
type Pipeline = { removePolicy(options: { name: string }): unknown; addPolicy(policy: PipelinePolicy, options: { phase: "Retry" }): void };

export class SendDeadlineError extends Error {
  constructor(readonly limitMs: number) {
    super(`the Bot Connector did not answer within ${limitMs} ms`);
    this.name = "SendDeadlineError";
  }
}

/** The policy that replaces core-rest-pipeline's default retry policy on one connector client; the turn's budget counts from `turnStartedAt`. */
export function sendDeadlinePolicy(limits: SendLimits, now: () => number = Date.now, turnStartedAt: number = now()): PipelinePolicy {
  const turnEnds = turnStartedAt + limits.turnMs;
  return {
    name: "sendDeadlinePolicy",
    async sendRequest(request, next) {
      const deadline = Math.min(now() + limits.sendMs, turnEnds);
      for (let attempt = 1; ; attempt += 1) {
        const remaining = deadline - now();
        if (remaining <= 0) throw new SendDeadlineError(limits.sendMs);
        const timer = AbortSignal.timeout(remaining);
        request.abortSignal = request.abortSignal === undefined ? timer : AbortSignal.any([request.abortSignal, timer]);
        let response: PipelineResponse;
        try {
          response = await next(request);
        } catch (error) {
          if (timer.aborted) throw new SendDeadlineError(limits.sendMs);
          throw error;
        }
        if (!RETRYABLE.has(response.status) || attempt >= limits.attempts) return response;
        const wait = retryAfterMs(response.headers.get("retry-after"), now()) ?? BACKOFF_MS * 2 ** (attempt - 1);
        if (now() + wait >= deadline) return response;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Puts the deadline policy in place of the default retry policy on a connector client. The
 * client's pipeline is not part of botbuilder's typed surface: if a botbuilder update moves it,
 * this throws at the first turn (and the fault tests fail) rather than silently sending without limits.
 */
export function limitSends(client: ConnectorClient, limits: SendLimits, turnStartedAt: number = Date.now()): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Partial<Pipeline> } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== "function" || typeof pipeline.addPolicy !== "function") {
    throw new Error("botbuilder's ConnectorClient has no pipeline where expected: the send deadlines cannot be applied (see src/bot/send-deadline.ts)");
  }
  pipeline.removePolicy({ name: "defaultRetryPolicy" });
  pipeline.addPolicy(sendDeadlinePolicy(limits, Date.now, turnStartedAt), { phase: "Retry" });
  return client;
}

class LimitedConnectorFactory extends ConnectorFactory {
  readonly #inner: ConnectorFactory;
  readonly #limits: SendLimits;

  constructor(inner: ConnectorFactory, limits: SendLimits) {
    super();
    this.#inner = inner;
    this.#limits = limits;
  }

  // Made at the turn's first send (clients-on-first-use.ts); its budget still counts from the turn's start.
  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const turnStartedAt = Date.now();
    return connectorClientOnFirstUse(async () => limitSends(await this.#inner.create(serviceUrl, audience), this.#limits, turnStartedAt));
  }
}

/** The configured authentication, with every connector client it makes held to `limits`. */
export class TimeLimitedAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #limits: SendLimits;

  constructor(configuration: ConfigurationBotFrameworkAuthenticationOptions, limits: SendLimits) {
    super(configuration);
    this.#limits = limits;
  }

  // A turn's connector comes from the factory that authenticating the request returns; a
  // proactive send's (createConversationAsync) from createConnectorFactory. Both are wrapped.
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory === undefined ? result : { ...result, connectorFactory: new LimitedConnectorFactory(result.connectorFactory, this.#limits) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new LimitedConnectorFactory(super.createConnectorFactory(claimsIdentity), this.#limits);
  }

  override async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return new UserTokenClientOnFirstUse(() => super.createUserTokenClient(claimsIdentity));
  }
}
