// botbuilder's CloudAdapter makes a Bot Connector client and a user-token client for every turn,
// before the bot runs. Building their HTTP pipelines was about 8% of a guided check's CPU (issue
// 12's profile), and most turns use neither: a card press is answered in the invoke's own
// response, and the bot never signs anyone in. Here each client is made at its first use, by the
// same factory as before, once per turn; a turn that sends nothing builds neither.
import { UserTokenClient, type ConnectorClient } from "botframework-connector";

/** The operation groups botbuilder and TeamsInfo call on a turn's connector client. */
const OPERATION_GROUPS = new Set<PropertyKey>(["conversations", "attachments"]);

/**
 * A ConnectorClient that `make`s the real one when an operation is first called, and reuses it.
 * Only operations (`client.conversations.x(...)`, `client.attachments.x(...)`) are offered:
 * they are all asynchronous, so waiting for the client costs the caller nothing. Anything else
 * read from it throws, naming the property, so a botbuilder update that reads more fails loudly
 * in the tests rather than quietly.
 */
export function connectorClientOnFirstUse(make: () => Promise<ConnectorClient>): ConnectorClient {
  let client: Promise<ConnectorClient> | undefined;
  const groups = new Map<PropertyKey, unknown>();
  const group = (name: PropertyKey) =>
    new Proxy(
      {},
      {
        get: (_target, operation) =>
          async (...args: unknown[]) => {
            client ??= make();
            const operations = (await client)[name as keyof ConnectorClient] as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>;
            return operations[operation]!(...args);
          },
      },
    );
  return new Proxy({} as ConnectorClient, {
    get(_target, property) {
      // A promise's resolution asks every value for `then`: this one is not a promise.
      if (property === "then") return undefined;
      if (!OPERATION_GROUPS.has(property)) throw new Error(`the turn's Bot Connector client is made at its first operation; "${String(property)}" was read from it instead (src/bot/clients-on-first-use.ts)`);
      let operations = groups.get(property);
      if (operations === undefined) groups.set(property, (operations = group(property)));
      return operations;
    },
  });
}

/** A UserTokenClient that makes the real one at its first call (the bot signs nobody in, so normally never). */
export class UserTokenClientOnFirstUse extends UserTokenClient {
  readonly #make: () => Promise<UserTokenClient>;
  #client: Promise<UserTokenClient> | undefined;

  constructor(make: () => Promise<UserTokenClient>) {
    super();
    this.#make = make;
  }

  #real(): Promise<UserTokenClient> {
    return (this.#client ??= this.#make());
  }

  async getUserToken(...args: Parameters<UserTokenClient["getUserToken"]>) {
    return (await this.#real()).getUserToken(...args);
  }
  async getSignInResource(...args: Parameters<UserTokenClient["getSignInResource"]>) {
    return (await this.#real()).getSignInResource(...args);
  }
  async signOutUser(...args: Parameters<UserTokenClient["signOutUser"]>) {
    return (await this.#real()).signOutUser(...args);
  }
  async getTokenStatus(...args: Parameters<UserTokenClient["getTokenStatus"]>) {
    return (await this.#real()).getTokenStatus(...args);
  }
  async getAadTokens(...args: Parameters<UserTokenClient["getAadTokens"]>) {
    return (await this.#real()).getAadTokens(...args);
  }
  async exchangeToken(...args: Parameters<UserTokenClient["exchangeToken"]>) {
    return (await this.#real()).exchangeToken(...args);
  }
}
