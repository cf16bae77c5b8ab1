// A team's triage channel behind a loopback Bot Connector, for the outbox worker run as its own
// process: every new thread (a referral's channel card) is recorded with the reference read off the
// card, and answered as Teams answers, "<channel>;messageid=<n>". A test decides, post by post,
// whether the answer goes at once, after something it does first (takes a lock), or never.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChannelReference } from "../../src/services/referral-store.ts";

export type ChannelPost = {
  /** 1, 2, 3… in the order the posts arrived. */
  readonly n: number;
  /** The referral's reference on the card (KIN-2026-00001). */
  readonly reference: string;
  readonly conversationId: string;
  readonly activityId: string;
  /** The answer reached the socket: the card exists and the worker could read where it went. */
  answered: boolean;
};

/** "hold": never answer (the request stays open until its connection closes). */
export type Intercept = (post: ChannelPost) => Promise<"answer" | "hold">;

export type TriageChannel = Awaited<ReturnType<typeof startTriageChannel>>;

const CHANNEL_ID = "19:triage@thread.tacv2";
const REFERENCE = /[A-Z]{3}-\d{4}-\d{5}/;

export async function startTriageChannel() {
  const posts: ChannelPost[] = [];
  const answered: ((post: ChannelPost) => void)[] = [];
  let intercept: Intercept = async () => "answer";

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { isGroup?: boolean; channelData?: { channel?: { id?: string } }; activity?: unknown };
      if (request.method !== "POST" || request.url !== "/v3/conversations" || body.isGroup !== true || body.channelData?.channel?.id !== CHANNEL_ID) {
        response.writeHead(404).end();
        return;
      }
      const n = posts.length + 1;
      const post: ChannelPost = { n, reference: REFERENCE.exec(JSON.stringify(body.activity))?.[0] ?? "none", conversationId: `${CHANNEL_ID};messageid=${n}`, activityId: String(n), answered: false };
      posts.push(post);
      void intercept(post).then((decision) => {
        if (decision === "hold") return;
        response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: post.conversationId, activityId: post.activityId }), () => {
          post.answered = true;
          answered.splice(0).forEach((wake) => wake(post));
        });
      });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    /** What the area's registration holds. */
    reference: { serviceUrl, tenantId: "tenant-1", teamId: "19:team@thread.tacv2", channelId: CHANNEL_ID } satisfies ChannelReference,
    posts,
    postsOf: (reference: string) => posts.filter((post) => post.reference === reference),
    /** Decides each later post's fate; the default answers at once. */
    setIntercept(next: Intercept) {
      intercept = next;
    },
    /** Resolves once this post's answer has been written to its connection. */
    answered(post: ChannelPost): Promise<void> {
      if (post.answered) return Promise.resolve();
      return new Promise((resolve) => {
        const wait = (done: ChannelPost) => (done === post ? resolve() : answered.push(wait));
        answered.push(wait);
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
