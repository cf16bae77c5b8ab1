// What the tab is told when its Teams sign-in token is refused: why, in words safe to show and to
// log (claim names, never claim values), and what to do.

/** Why a token was refused, completing "The Teams sign-in token was refused: …". */
export const TOKEN_REFUSALS = {
  aud: "it is not meant for this app",
  iss: "it was not issued by this organisation's Microsoft Entra tenant",
  nbf: "it is not valid yet",
  exp: "it has no expiry time",
  oid: "it does not name a user",
  tid: "it does not name a tenant",
  expired: "it has expired",
  claim: "one of its claims is not accepted",
  algorithm: "it is not signed with RS256",
  signature: "its signature does not match",
  key: "it was not signed with one of the tenant's keys",
  malformed: "it is not a well-formed token",
  unchecked: "it could not be checked",
  otherTenant: "it was issued for another organisation",
  appToken: "it was issued to an app, not to a signed-in user",
} as const;

export const scopeRefusal = (scope: string): string => `it does not grant the tab's scope (${scope})`;

export const tokenRefused = (reason: string): string => `The Teams sign-in token was refused: ${reason}. Close the tab and open it again.`;

export const SIGN_IN_MESSAGES = {
  noToken: "Sign in through Teams: the request carries no sign-in token.",
  notBearer: "Sign in through Teams: the Authorization header must be Bearer and a token.",
  keysUnavailable: "Sign-in cannot be checked just now: Microsoft's signing keys could not be fetched. Try again in a minute.",
} as const;
