// Issue 7: every text describes only what the product does today. Guidance, area notes and every
// rendered card are searched for phrases that promise an action no code performs.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadGuidance } from "../../src/content/load-guidance.ts";
import { AREAS } from "../support/assessment.ts";
import { unkeptPromises } from "../support/promise-phrases.ts";

const CARDS_DIR = new URL("../../cards/", import.meta.url);

describe("no promise the product cannot keep", () => {
  it.each(loadGuidance().map((entry) => [entry.id, entry] as const))("guidance %s", (_id, entry) => {
    expect(unkeptPromises(`${entry.title}\n${entry.body}`)).toEqual([]);
  });

  it.each([...AREAS.values()].map((area) => [area.id, area] as const))("area %s", (_id, area) => {
    const words = [area.noContactsNote ?? "", ...area.contacts.flatMap((contact) => [contact.name, contact.note ?? "", contact.hoursNote ?? ""])];
    expect(unkeptPromises(words.join("\n"))).toEqual([]);
  });

  it.each(readdirSync(CARDS_DIR).filter((file) => file.endsWith(".json")))("card template %s", (file) => {
    expect(unkeptPromises(readFileSync(new URL(file, CARDS_DIR), "utf8"))).toEqual([]);
  });

  it.each([
    ["the bot tells you", "The bot tells you in your chat when your referral is acknowledged."],
    ["you will be notified", "You will be notified of the decision."],
    ["we will", "We will send you the outcome."],
  ])("catches %j", (_phrase, text) => {
    expect(unkeptPromises(text)).not.toEqual([]);
  });
});
