// What every route of the tab's API shares (issue 11, point 7): the one error shape, reading input
// with zod (the first problem named by its field) and the signed-in user. Express 5 hands an async
// handler's rejection to the API's error handler, so a failure answers 500 and never ends the server.
import type { Response } from "express";
import type { z } from "zod";

import type { ApiErrorBody } from "./contract.ts";

export { Page } from "./contract.ts";

export function fail(response: Response, status: number, code: string, message: string, field?: string): void {
  response.status(status).json({ error: { code, message, ...(field === undefined || field === "" ? {} : { field }) } } satisfies ApiErrorBody);
}

/** Who is calling: a Teams user (their token checked) or, in local use, a clearly marked test user. */
export type ApiUser = {
  /** As the bot keys its users: `msteams:<AAD object id>`, so the tab and the chat are the same person. */
  readonly userId: string;
  readonly aadObjectId: string;
  readonly name: string;
  /** The areas whose referrals they may see and act on (the roles file; fixed for the local test users). */
  readonly triageAreas: readonly string[];
  readonly local: boolean;
};

export function userOf(response: Response): ApiUser {
  const user = response.locals["user"] as ApiUser | undefined;
  if (user === undefined) throw new Error("an API route ran before sign-in was checked");
  return user;
}

/** Parses `value` with `schema`; on failure answers 400 naming the field and returns undefined. */
export function parseOr400<S extends z.ZodType>(response: Response, schema: S, value: unknown, where: string): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? where : issue.path.map(String).join(".");
  const message = issue?.code === "unrecognized_keys" ? `not a field this route takes: ${(issue as { keys?: string[] }).keys?.join(", ") ?? ""}` : (issue?.message ?? "not understood");
  fail(response, 400, "bad-input", `${field}: ${message}`, field);
  return undefined;
}

/** `items` from the cursor, with the total and the next page's cursor while there is one. */
export function pageOf<T>(items: readonly T[], limit: number, cursor: string | undefined) {
  const from = cursor === undefined ? 0 : Number(cursor);
  return { items: items.slice(from, from + limit), total: items.length, ...(from + limit < items.length ? { nextCursor: String(from + limit) } : {}) };
}
