// A TCP proxy in front of a real server that a test can turn into a black hole, as a dropped
// route or a dead load balancer does: connections are accepted and nothing ever comes back.
import { once } from "node:events";
import { type Socket, connect, createServer } from "node:net";

export type BlackHoleProxy = {
  readonly port: number;
  /** Bytes swallowed so far: a test waits on it to know a query has gone into the hole. */
  dropped(): number;
  /** Swallows everything: bytes on open connections are dropped, new connections accepted and never answered. */
  blackHole(): void;
  /**
   * Forwards again, for new connections and for open ones whose bytes were not dropped. One that
   * lost bytes stays stuck, as after a partition longer than TCP keeps retrying.
   */
  heal(): void;
  /** Resets every open connection without a word, as a restarted load balancer does. */
  cut(): void;
  close(): Promise<void>;
};

export async function startBlackHoleProxy(target: { readonly host: string; readonly port: number }): Promise<BlackHoleProxy> {
  let swallowing = false;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (swallowing) {
      client.on("data", (chunk: Buffer) => void (dropped += chunk.length));
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    const forward = (to: Socket) => (chunk: Buffer) => void (swallowing ? (dropped += chunk.length) : to.write(chunk));
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    // A close still passes through, so that the test's database is not left with stray sessions.
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no TCP port");
  return {
    port: address.port,
    dropped: () => dropped,
    blackHole: () => void (swallowing = true),
    heal: () => void (swallowing = false),
    cut: () => sockets.forEach((socket) => socket.resetAndDestroy()),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** `url` (a postgres:// URL) with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: BlackHoleProxy): string {
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  return proxied.toString();
}
