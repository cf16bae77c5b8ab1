// `npm run keys -- status | rotate | upgrade [--batch N] [--batches N]`: which key seals what the
// database holds, a key rotation, and the one-off move of referrals sealed before they had their own
// data keys. A rotation: set REFERRAL_KEY to the new key and REFERRAL_KEY_PREVIOUS to the old one,
// on the bots too (they then open both); run `rotate` until it says nothing is left (it can stop and
// be run again); then unset REFERRAL_KEY_PREVIOUS. It wraps each referral's data key again rather
// than sealing its values again.
import type { ReferralCrypto } from "../services/referral-crypto-port.ts";
import { OWN_DATA_KEY, type RotationProgress, UNRECORDED_KEY } from "../store/key-rotation.ts";

export const KEYS_USAGE =
  "usage: npm run keys -- status                           (which key seals what the database holds)\n" +
  "       npm run keys -- rotate [--batch N] [--batches N]  (wrap again with REFERRAL_KEY what REFERRAL_KEY_PREVIOUS wrapped or sealed)\n" +
  "       npm run keys -- upgrade [--batch N] [--batches N] (seal with each referral's own data key what REFERRAL_KEY sealed before referrals had one)";

export type KeysCliIo = {
  readonly argv: readonly string[];
  readonly crypto: () => Promise<Pick<ReferralCrypto, "keyId" | "previousKeyId">>;
  readonly counts: () => Promise<Record<string, Record<string, number>>>;
  readonly rotate: (options: { batch: number; maxBatches?: number }) => Promise<RotationProgress>;
  readonly upgrade: (options: { batch: number; maxBatches?: number }) => Promise<RotationProgress>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
};

function optionsOf(rest: readonly string[]): { batch: number; maxBatches?: number } | string {
  const options: { batch: number; maxBatches?: number } = { batch: 200 };
  for (let index = 0; index < rest.length; index += 2) {
    const [name, value] = [rest[index], rest[index + 1]];
    const number = Number(value);
    if ((name !== "--batch" && name !== "--batches") || value === undefined || !Number.isInteger(number) || number < 1 || number > 100_000) return `${name ?? ""}: expected --batch N or --batches N, N a whole number from 1 to 100000`;
    if (name === "--batch") options.batch = number;
    else options.maxBatches = number;
  }
  return options;
}

export async function runKeys(io: KeysCliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  const options = optionsOf(rest);
  if ((command !== "status" && command !== "rotate" && command !== "upgrade") || (command === "status" && rest.length > 0) || typeof options === "string") {
    if (typeof options === "string" && (command === "rotate" || command === "upgrade")) io.stderr(options);
    io.stderr(KEYS_USAGE);
    return 2;
  }
  const crypto = await io.crypto();
  const name = (keyId: string) => (keyId === crypto.keyId ? `${keyId} (REFERRAL_KEY)` : keyId === crypto.previousKeyId ? `${keyId} (REFERRAL_KEY_PREVIOUS)` : `${keyId} (neither key set here)`);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const withKey = (keyId: string) => (keyId === OWN_DATA_KEY ? "with their referral's own data key" : keyId === UNRECORDED_KEY ? "with a key not recorded (made before hashes named their key)" : `with key ${name(keyId)}`);
  if (command === "upgrade") {
    const { resealed, left } = await io.upgrade(options);
    io.stdout(`Sealed with their referral's own data key: ${plural(resealed, "value")}. ${left === 0 ? "Every referral's values are sealed with its own data key: erasing one is deleting its key." : `${left} still sealed with REFERRAL_KEY itself: run npm run keys -- upgrade again.`}`);
    return 0;
  }
  if (command === "rotate") {
    if (crypto.previousKeyId === undefined) {
      io.stderr("REFERRAL_KEY_PREVIOUS: not set. To rotate, set REFERRAL_KEY to the new key and REFERRAL_KEY_PREVIOUS to the old one (README \"Keys\").");
      return 2;
    }
    const { rewrapped, resealed, left } = await io.rotate(options);
    io.stdout(`Wrapped again with ${name(crypto.keyId)}: ${plural(rewrapped, "data key")}; sealed again: ${plural(resealed, "value")}. ${left === 0 ? "Nothing sealed with the previous key is left: unset REFERRAL_KEY_PREVIOUS on every bot and worker." : `${left} still sealed with the previous key: run npm run keys -- rotate again.`}`);
    return 0;
  }
  const counts = await io.counts();
  for (const [column, byKey] of Object.entries(counts)) {
    const parts = Object.entries(byKey).map(([keyId, rows]) => `${rows} ${withKey(keyId)}`);
    io.stdout(`${column}: ${parts.length === 0 ? "nothing sealed" : parts.join("; ")}`);
  }
  return 0;
}
