// The port for sealing a referral's personal fields and hashing a child's identifiers, as the
// services use it (src/services imported it from src/store). src/store/
// referral-crypto.ts implements it: what is sealed for a referral (an aad `referral:<id>:…`) is
// sealed with that referral's own data key, so that erasing the referral is deleting its key.

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export type MatchKind = "name-dob" | "nhs" | "upn";
/** `keyId`: the master key that made the hash, so that a key rotation finds the hashes it must make again. */
export type MatchKey = { readonly kind: MatchKind; readonly hash: string; readonly keyId?: string | undefined };

/** The child's identifiers as typed; any may be missing. `dateOfBirth` is ISO, YYYY-MM-DD. */
export type ChildIdentifiers = {
  readonly forename?: string | undefined;
  readonly surname?: string | undefined;
  readonly dateOfBirth?: string | undefined;
  readonly nhsNumber?: string | undefined;
  readonly upn?: string | undefined;
};

export type SealOptions = {
  readonly aad: string;
  /**
   * Sealed with the master key itself, not the referral's data key: for what the history keeps
   * after the referral is erased (who did what, and when, its words replaced).
   */
  readonly outlivesErasure?: boolean | undefined;
};

export type ReferralCrypto = {
  /** Hex; names the master key in logs and in every sealed value, and reveals nothing of it. */
  readonly keyId: string;
  /**
   * `aad` binds the ciphertext to where it is stored, so a copy pasted into another row fails to
   * open: use the row and the column, e.g. `referral:<id>:child`.
   */
  sealJson(value: Json, options: SealOptions): string;
  /** Throws SealError for a tampered, truncated or foreign value, or one sealed for another `aad`. */
  openJson(sealed: string, options: { readonly aad: string }): Json;
  /**
   * Forgets any copy in memory of the referral's data key: its stored copy is being erased, and
   * nothing sealed after the erasure may use the erased key.
   */
  forget(referralId: string): void;
  /** Keyed hashes for duplicate matching and search; only those the identifiers allow. */
  matchKeys(child: ChildIdentifiers): readonly MatchKey[];
  /** During a key rotation, the previous key's id: what it sealed still opens; nothing is sealed with it. */
  readonly previousKeyId?: string | undefined;
  /** The hashes to look a child up by: the current key's and, during a rotation, the previous key's too. */
  lookupKeys(child: ChildIdentifiers): readonly MatchKey[];
};
