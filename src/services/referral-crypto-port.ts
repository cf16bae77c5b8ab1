// The port for sealing a referral's personal fields and hashing a child's identifiers, as the
// services use it (src/services imported it from src/store). src/store/
// referral-crypto.ts implements it.

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export type MatchKind = "name-dob" | "nhs" | "upn";
export type MatchKey = { readonly kind: MatchKind; readonly hash: string };

/** The child's identifiers as typed; any may be missing. `dateOfBirth` is ISO, YYYY-MM-DD. */
export type ChildIdentifiers = {
  readonly forename?: string | undefined;
  readonly surname?: string | undefined;
  readonly dateOfBirth?: string | undefined;
  readonly nhsNumber?: string | undefined;
  readonly upn?: string | undefined;
};

export type ReferralCrypto = {
  /** Hex; names the master key in logs and in every sealed value, and reveals nothing of it. */
  readonly keyId: string;
  /**
   * `aad` binds the ciphertext to where it is stored, so a copy pasted into another row fails to
   * open: use the row and the column, e.g. `referral:<id>:child`.
   */
  sealJson(value: Json, options: { readonly aad: string }): string;
  /** Throws SealError for a tampered, truncated or foreign value, or one sealed for another `aad`. */
  openJson(sealed: string, options: { readonly aad: string }): Json;
  /** Keyed hashes for duplicate matching and search; only those the identifiers allow. */
  matchKeys(child: ChildIdentifiers): readonly MatchKey[];
  /** During a key rotation, the previous key's id: what it sealed still opens; nothing is sealed with it. */
  readonly previousKeyId?: string | undefined;
  /** The hashes to look a child up by: the current key's and, during a rotation, the previous key's too. */
  lookupKeys(child: ChildIdentifiers): readonly MatchKey[];
};
