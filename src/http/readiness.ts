// What /readyz reports (issue 8, point 2): each named part of the service checked at once, under
// one deadline, so a part that hangs (a black-holed database) answers "not ready" in time instead
// of holding the probe. A part that later needs a middle state ("degraded": an outbox with dead
// letters) adds it to CheckOutcome; readiness fails only on "failed".

/** "degraded": working, but something needs a person (dead letters in the outbox); still ready. */
export type CheckOutcome = { readonly state: "ok" } | { readonly state: "failed" | "degraded"; readonly reason: string };

/** A short reason: the part that failed and an error code, never a raw error message. */
export type ReadinessCheck = () => Promise<CheckOutcome>;

export type ReadinessReport = {
  readonly ready: boolean;
  /** Ready, but a part needs attention. */
  readonly degraded: boolean;
  /** Each part's "ok", or the reason it is not. */
  readonly checks: Readonly<Record<string, string>>;
};

/** Under a probe's usual 1 s-10 s timeout, and long enough for a write on a busy database. */
export const READINESS_DEADLINE_MS = 2_000;

export async function checkReadiness(checks: ReadonlyMap<string, ReadinessCheck>, deadlineMs: number = READINESS_DEADLINE_MS): Promise<ReadinessReport> {
  const outcomes = await Promise.all([...checks].map(async ([name, check]) => [name, await withDeadline(check, deadlineMs)] as const));
  return {
    ready: outcomes.every(([, outcome]) => outcome.state !== "failed"),
    degraded: outcomes.some(([, outcome]) => outcome.state === "degraded"),
    checks: Object.fromEntries(outcomes.map(([name, outcome]) => [name, outcome.state === "ok" ? "ok" : outcome.reason])),
  };
}

// A check left behind by the deadline runs on to its own end (the database's time limits); its
// result is then ignored.
async function withDeadline(check: ReadinessCheck, deadlineMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ state: "failed", reason: `timed out after ${deadlineMs} ms` }), deadlineMs);
  });
  const outcome = Promise.resolve()
    .then(check)
    .catch((): CheckOutcome => ({ state: "failed", reason: "check failed unexpectedly" }));
  try {
    return await Promise.race([outcome, late]);
  } finally {
    clearTimeout(timer);
  }
}
