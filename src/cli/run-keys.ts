// `npm run keys -- status | rotate [--batch N] [--batches N]`: which key seals
// what the database holds, and a key rotation. A rotation: set REFERRAL_KEY to the new key and
// REFERRAL_KEY_PREVIOUS to the old one, on the bots too (they then open both); run `rotate` until it
// says nothing is left (it can stop and be run again); then unset REFERRAL_KEY_PREVIOUS.
import type { ReferralCrypto } from "../services/referral-crypto-port.ts";
import type { RotationProgress } from "../store/key-rotation.ts";

export const KEYS_USAGE =
  "usage: npm run keys -- status                          (which key seals what the database holds)\n" +
  "       npm run keys -- rotate [--batch N] [--batches N] (seal again with REFERRAL_KEY what REFERRAL_KEY_PREVIOUS sealed)";

export type KeysCliIo = {
  readonly argv: readonly string[];
  readonly crypto: () => Promise<Pick<ReferralCrypto, "keyId" | "previousKeyId">>;
  readonly counts: () => Promise<Record<string, Record<string, number>>>;
  readonly rotate: (options: { batch: number; maxBatches?: number }) => Promise<RotationProgress>;
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
  if ((command !== "status" && command !== "rotate") || (command === "status" && rest.length > 0) || typeof options === "string") {
    if (typeof options === "string" && command === "rotate") io.stderr(options);
    io.stderr(KEYS_USAGE);
    return 2;
  }
  const crypto = await io.crypto();
  const name = (keyId: string) => (keyId === crypto.keyId ? `${keyId} (REFERRAL_KEY)` : keyId === crypto.previousKeyId ? `${keyId} (REFERRAL_KEY_PREVIOUS)` : `${keyId} (neither key set here)`);
  if (command === "rotate") {
    if (crypto.previousKeyId === undefined) {
      io.stderr("REFERRAL_KEY_PREVIOUS: not set. To rotate, set REFERRAL_KEY to the new key and REFERRAL_KEY_PREVIOUS to the old one (README \"Keys\").");
      return 2;
    }
    const { resealed, left } = await io.rotate(options);
    io.stdout(`Sealed again with ${name(crypto.keyId)}: ${resealed} value${resealed === 1 ? "" : "s"}. ${left === 0 ? "Nothing sealed with the previous key is left: unset REFERRAL_KEY_PREVIOUS on every bot and worker." : `${left} still sealed with the previous key: run npm run keys -- rotate again.`}`);
    return 0;
  }
  const counts = await io.counts();
  for (const [column, byKey] of Object.entries(counts)) {
    const parts = Object.entries(byKey).map(([keyId, rows]) => `${rows} with key ${name(keyId)}`);
    io.stdout(`${column}: ${parts.length === 0 ? "nothing sealed" : parts.join("; ")}`);
  }
  return 0;
}
