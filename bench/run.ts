// `npm run bench`: every benchmark, each printed against a baseline measured in the same run.
import { benchAnswer } from "./answer.bench.ts";
import { benchAssess } from "./assess.bench.ts";
import { benchBot } from "./bot.bench.ts";
import { benchOutbox } from "./outbox.bench.ts";
import { benchReferralDelivery } from "./referral-delivery.bench.ts";
import { benchScale } from "./scale.bench.ts";

const suites: [string, () => Promise<string[]>][] = [
  ["assess", benchAssess],
  ["free-text answers", benchAnswer],
  ["bot", benchBot],
  ["referrals and outbox", benchOutbox],
  ["submit to channel card", benchReferralDelivery],
  ["memory, PostgreSQL, and two processes", benchScale],
];

for (const [name, run] of suites) {
  const lines = await run();
  process.stdout.write(`\n== ${name}\n${lines.map((line) => `  ${line}`).join("\n")}\n`);
}
