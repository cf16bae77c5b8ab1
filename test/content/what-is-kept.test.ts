// The README's "What is kept, and for how long" states the same figures as the code and
// the privacy page, so a change to one that forgets the others fails here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { SESSION_TTL_MS } from "../../src/services/check-service.ts";
import { DRAFT_TTL_MS } from "../../src/services/referral-service.ts";
import { privacyParagraphs } from "../../src/words/legal-pages.ts";

const README = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const SECTION = /### What is kept, and for how long\n([\s\S]*?)\n### /.exec(README)?.[1] ?? "";
const HOUR = 60 * 60 * 1000;

describe("README: what is kept, and for how long", () => {
  it("is there", () => {
    expect(SECTION).toContain("| what | kept | then |");
  });

  it("states the check's, the draft's and the retention period's figures as the code has them", () => {
    expect(SECTION).toContain(`${SESSION_TTL_MS / HOUR} hours after its last step`);
    expect(SECTION).toContain(`${DRAFT_TTL_MS / (24 * HOUR)} days after it was last changed`);
    const retentionDays = loadConfig({}).retentionDays;
    expect(SECTION).toContain(`\`RETENTION_DAYS\` (${retentionDays} by default)`);
  });

  it("says what the privacy page says: the retention period, the words of the history, Forget my details", () => {
    const privacy = privacyParagraphs(365).join("\n");
    expect(privacy).toContain("365 days after the front door decides it");
    expect(privacy).toContain("deleted 24 hours after the last step");
    expect(privacy).toContain("7 days after you last changed it");
    expect(privacy).toContain("Forget my details");
    for (const words of ["with the words of its history", "Forget my details", "never the text of a message"]) expect(SECTION).toContain(words);
  });
});
