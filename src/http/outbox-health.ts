// The outbox's part of /readyz (issue 10, point 5): dead letters mean a referral or an update did
// not reach Teams and needs a person, so the service reports "degraded" with the count.
import type { CheckOutcome } from "./readiness.ts";
import type { OutboxStore } from "../services/referral-store.ts";

export async function checkOutbox(outbox: Pick<OutboxStore, "deadCount">): Promise<CheckOutcome> {
  const dead = await outbox.deadCount();
  if (dead === 0) return { state: "ok" };
  return { state: "degraded", reason: `${dead} dead letter${dead === 1 ? "" : "s"}: npm run outbox -- retry` };
}
