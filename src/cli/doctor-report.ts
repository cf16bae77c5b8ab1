// The checklist `npm run doctor` prints: one line per check, ✓ or ✗ (or ! for something to look at,
// - for a check that does not apply here), with what to do under each line that needs it; or the
// same as one JSON object for monitoring. Exit 0 only when no check failed.
export const DOCTOR_CHECKS = [
  "settings",
  "database",
  "migrations",
  "referral-key",
  "roles",
  "triage-channels",
  "outbox",
  "heartbeat",
  "tenant",
  "tab-audience",
  "app-base-url",
  "app-package",
  "bot-token",
] as const;

export type CheckId = (typeof DOCTOR_CHECKS)[number];

/** `warning`: works, but a person should look; `skipped`: does not apply to this configuration. Neither fails the run. */
export type CheckState = "ok" | "failed" | "warning" | "skipped";

export type CheckResult = Readonly<{ id: CheckId; state: CheckState; summary: string; action?: string }>;

export type DoctorReport = Readonly<{ ok: boolean; checks: readonly CheckResult[] }>;

export const ok = (id: CheckId, summary: string): CheckResult => ({ id, state: "ok", summary });
export const failed = (id: CheckId, summary: string, action?: string): CheckResult => ({ id, state: "failed", summary, ...(action === undefined ? {} : { action }) });
export const warning = (id: CheckId, summary: string, action?: string): CheckResult => ({ id, state: "warning", summary, ...(action === undefined ? {} : { action }) });
export const skipped = (id: CheckId, summary: string): CheckResult => ({ id, state: "skipped", summary });

export function reportOf(checks: readonly CheckResult[]): DoctorReport {
  // In the order of DOCTOR_CHECKS, whatever order they finished in.
  const ordered = [...checks].sort((a, b) => DOCTOR_CHECKS.indexOf(a.id) - DOCTOR_CHECKS.indexOf(b.id));
  return { ok: ordered.every((check) => check.state !== "failed"), checks: ordered };
}

const MARKS: Readonly<Record<CheckState, string>> = { ok: "✓", failed: "✗", warning: "!", skipped: "-" };

const TITLES: Readonly<Record<CheckId, string>> = {
  settings: "settings",
  database: "database",
  migrations: "migrations",
  "referral-key": "referral key",
  roles: "roles",
  "triage-channels": "triage channels",
  outbox: "outbox",
  heartbeat: "heartbeat",
  tenant: "tenant",
  "tab-audience": "tab sign-in",
  "app-base-url": "app address",
  "app-package": "app package",
  "bot-token": "Bot Framework token",
};

export function renderText(report: DoctorReport): string {
  const lines = report.checks.flatMap((check) => [
    `${MARKS[check.state]} ${TITLES[check.id]}: ${check.summary}`,
    ...(check.action === undefined ? [] : [`    → ${check.action}`]),
  ]);
  const failures = report.checks.filter((check) => check.state === "failed").length;
  const warnings = report.checks.filter((check) => check.state === "warning").length;
  const ending = failures === 0 ? `All checks hold${warnings === 0 ? "." : `; ${warnings} to look at (!).`}` : `${failures} check${failures === 1 ? "" : "s"} failed (✗): fix ${failures === 1 ? "it" : "them"}, then run npm run doctor again.`;
  return [...lines, "", ending].join("\n");
}

export const renderJson = (report: DoctorReport): string => JSON.stringify(report, null, 2);
