// `npm run outbox -- status | retry`: how many outbox messages are dead letters, and putting them
// back in the queue once the cause is fixed (issue 10, point 5). The running bot's worker then
// sends them; nothing is sent from here.
import type { OutboxStore } from "../services/referral-store.ts";

export const OUTBOX_USAGE = "usage: npm run outbox -- status   (how many messages could not be sent)\n       npm run outbox -- retry    (send the dead letters again)";

export type OutboxCliIo = {
  readonly argv: readonly string[];
  readonly outbox: () => Promise<Pick<OutboxStore, "deadCount" | "retryDead">>;
  readonly now: () => Date;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
};

const plural = (count: number) => `${count} message${count === 1 ? "" : "s"}`;

export async function runOutbox(io: OutboxCliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if ((command !== "status" && command !== "retry") || rest.length > 0) {
    io.stderr(OUTBOX_USAGE);
    return 2;
  }
  const outbox = await io.outbox();
  if (command === "status") {
    const dead = await outbox.deadCount();
    io.stdout(dead === 0 ? "No dead letters: every message was sent or is waiting its turn." : `${plural(dead)} could not be sent and wait in the dead letters: fix the cause, then npm run outbox -- retry`);
    return 0;
  }
  const retried = await outbox.retryDead(io.now());
  io.stdout(retried === 0 ? "No dead letters to retry." : `${plural(retried)} put back in the queue: the bot sends them within a few seconds.`);
  return 0;
}
