// Who is calling the tab's API from Teams (issue 11, point 6): the tab asks Teams for the user's SSO
// token (authentication.getAuthToken) and sends it as `Authorization: Bearer <token>`; this checks
// it with jose against the tenant's published signing keys, requires a signed-in user's token for
// the tab's scope (never an app's own), and maps it to the user.
// Nothing here logs, and no answer holds token text or a claim's value: a token names a person.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { SIGN_IN_MESSAGES, TOKEN_REFUSALS, scopeRefusal, tokenRefused } from "../../words/sign-in-messages.ts";

export type TabUser = { readonly aadObjectId: string; readonly name: string; readonly tenantId: string };

export type Identified =
  | { readonly ok: true; readonly user: TabUser }
  | { readonly ok: false; readonly code: "not-signed-in" | "token-refused" | "keys-unavailable"; readonly message: string };

export type TeamsIdentityOptions = {
  /** The tab's Application ID URI (api://host/<appId>, v1 tokens) and/or the app id (v2 tokens). */
  audience: string | readonly string[];
  /** The Entra tenant (a GUID) whose users may call: MicrosoftAppTenantId. */
  tenantId: string;
  /** The tenant's signing keys; defaults to its published key set, fetched and cached by jose. */
  jwks?: JWTVerifyGetKey;
  /** Allowed clock skew for exp and nbf; 60 seconds unless set. */
  clockToleranceSeconds?: number;
  now?: () => Date;
};

/** The scope the tab's app registration exposes and Teams asks for (README, TAB_AUDIENCE). */
export const TAB_SCOPE = "access_as_user";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Entra tokens are a few kilobytes; a much longer header is not worth parsing.
const MAX_TOKEN_LENGTH = 16_384;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

/** Raised around a failure to get the key set, so it is told apart from a bad token. */
class KeysUnavailable extends Error {}

// Faults of the token, not of the key set: no key of the tenant has its kid (or several match it),
// or its algorithm has no key type. Anything else thrown while getting a key means the set could
// not be fetched or read (network error, timeout, not 200, not JSON, not a key set).
const TOKEN_FAULTS_IN_KEY_LOOKUP = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported];

// Why a token was refused, in words safe to show and log: jose's claim names, never claim values.
const CLAIM_REASONS = new Map<string, string>([
  ["aud", TOKEN_REFUSALS.aud],
  ["iss", TOKEN_REFUSALS.iss],
  ["nbf", TOKEN_REFUSALS.nbf],
  ["exp", TOKEN_REFUSALS.exp],
  ["oid", TOKEN_REFUSALS.oid],
  ["tid", TOKEN_REFUSALS.tid],
]);

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return TOKEN_REFUSALS.expired;
  if (error instanceof errors.JWTClaimValidationFailed) return CLAIM_REASONS.get(error.claim) ?? TOKEN_REFUSALS.claim;
  if (error instanceof errors.JOSEAlgNotAllowed) return TOKEN_REFUSALS.algorithm;
  if (error instanceof errors.JWSSignatureVerificationFailed) return TOKEN_REFUSALS.signature;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return TOKEN_REFUSALS.key;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return TOKEN_REFUSALS.malformed;
  return TOKEN_REFUSALS.unchecked;
}

const refused = (reason: string): Identified => ({ ok: false, code: "token-refused", message: tokenRefused(reason) });

export function createTeamsIdentity(options: TeamsIdentityOptions): (authorization: string | undefined) => Promise<Identified> {
  if (!GUID.test(options.tenantId)) throw new TypeError("createTeamsIdentity: tenantId must be the tenant's id, a GUID");
  const tenantId = options.tenantId.toLowerCase();
  const audience = typeof options.audience === "string" ? [options.audience] : [...options.audience];
  if (audience.length === 0 || audience.some((value) => value === "")) throw new TypeError("createTeamsIdentity: audience must name the tab's Application ID URI or app id");
  const keys = options.jwks ?? createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`));
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  // v2.0 tokens name the first issuer, v1.0 tokens (what Teams gives unless the app registration
  // sets accessTokenAcceptedVersion 2) the second; both are signed with the same keys.
  const issuer = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (TOKEN_FAULTS_IN_KEY_LOOKUP.some((fault) => error instanceof fault)) throw error;
      throw new KeysUnavailable("the tenant's signing keys could not be fetched", { cause: error });
    }
  };

  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === "") return { ok: false, code: "not-signed-in", message: SIGN_IN_MESSAGES.noToken };
    const token = authorization.length <= MAX_TOKEN_LENGTH ? BEARER.exec(authorization.trim())?.[1] : undefined;
    if (token === undefined) return { ok: false, code: "not-signed-in", message: SIGN_IN_MESSAGES.notBearer };

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms: ["RS256"],
        audience,
        issuer,
        requiredClaims: ["exp", "oid", "tid"],
        currentDate: now(),
        clockTolerance,
      }));
    } catch (error) {
      if (error instanceof KeysUnavailable) return { ok: false, code: "keys-unavailable", message: SIGN_IN_MESSAGES.keysUnavailable };
      return refused(reasonFor(error));
    }

    const { oid, tid, name, preferred_username: username, idtyp, scp } = payload;
    if (typeof tid !== "string" || tid.toLowerCase() !== tenantId) return refused(TOKEN_REFUSALS.otherTenant);
    // Only a token a signed-in user's Teams asked for, for the tab: an app's own token (client
    // credentials: `idtyp` app, roles and no `scp`) names a service principal, not a person, and a
    // user's token for another of the app's scopes was granted for something else.
    if (idtyp === "app" || typeof scp !== "string") return refused(TOKEN_REFUSALS.appToken);
    if (!scp.split(" ").includes(TAB_SCOPE)) return refused(scopeRefusal(TAB_SCOPE));
    if (typeof oid !== "string" || !GUID.test(oid)) return refused(TOKEN_REFUSALS.oid);
    // A display name only; empty when the token has neither claim (Teams' tokens carry `name`).
    const displayName = typeof name === "string" && name !== "" ? name : typeof username === "string" ? username : "";
    return { ok: true, user: { aadObjectId: oid.toLowerCase(), name: displayName, tenantId } };
  };
}
