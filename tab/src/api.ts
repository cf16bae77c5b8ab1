// The tab's calls to the server's JSON API (/api/v1): in Teams with the user's SSO token; in local
// use as the test user picked on the clearly marked local sign-in. Every failure comes back in the
// API's one error shape, and is shown as its message.
import type { ApiError } from "../../src/http/api/contract.ts";
import { getTeamsToken } from "./teams.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

export type { ApiError };

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly error: ApiError) {
    super(error.message);
  }
}

export type Identity = { readonly kind: "teams" } | { readonly kind: "local"; readonly userId: string };

async function headersFor(identity: Identity): Promise<Record<string, string>> {
  if (identity.kind === "local") return { "x-local-user": identity.userId };
  const token = await getTeamsToken();
  if (token === undefined) throw new ApiFailure(401, { code: "no-teams-token", message: W.api.noTeamsToken });
  return { authorization: `Bearer ${token}` };
}

/** A file from the API (a PDF, a CSV), saved under the name the server gives it. */
export async function apiDownload(identity: Identity | undefined, path: string): Promise<void> {
  const headers = identity === undefined ? {} : await headersFor(identity);
  const response = await fetch(`/api/v1${path}`, { headers });
  if (!response.ok) {
    const json = (await response.json().catch(() => undefined)) as { error?: ApiError } | undefined;
    throw new ApiFailure(response.status, json?.error ?? { code: "unknown", message: W.api.serverAnswered(response.status) });
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "download";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The message to show for a failed call. */
export const messageOf = (error: unknown, fallback: string): string => (error instanceof Error && error.message !== "" ? error.message : fallback);

export async function apiGet<T>(identity: Identity | undefined, path: string): Promise<T> {
  return apiCall<T>(identity, "GET", path);
}

export async function apiCall<T>(identity: Identity | undefined, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...(identity === undefined ? {} : await headersFor(identity)) };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await response.json().catch(() => undefined)) as { error?: ApiError } | undefined;
  if (!response.ok) throw new ApiFailure(response.status, json?.error ?? { code: "unknown", message: W.api.serverAnswered(response.status) });
  return json as T;
}
