// A guided check as a practitioner does it locally: the real app behind Microsoft's Agents
// Playground, driven in chromium by clicking and typing, reading the cards the playground renders.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, answerTheRest, cardsIn, chooseOption, CHROMIUM, openPlayground, press, sendMessage, type PlaygroundBrowser } from "../support/playground-browser.ts";

// A Tuesday, 10:00 in London: Kingston's Single Point of Access day line is open.
const TUESDAY_MORNING = new Date("2026-11-24T10:00:00Z");
const SCREENSHOT = fileURLToPath(new URL("../../test-results/playground-result.png", import.meta.url));

const chromiumMissing = !existsSync(CHROMIUM);
// On a developer's machine without chromium this is skipped; in CI it must run (.ci/run installs it).
const inCi = (process.env.CI ?? "") !== "";

describe.skipIf(chromiumMissing && !inCi)("a guided check in the Agents Playground", () => {
  let playground: PlaygroundBrowser | undefined;

  beforeAll(async () => {
    if (chromiumMissing) throw new Error(`${CHROMIUM} is missing, and under CI this test may not be skipped: install Debian's chromium (.ci/run does)`);
    playground = await openPlayground({ now: TUESDAY_MORNING });
  }, 120_000);

  afterAll(async () => {
    await playground?.close();
  }, 60_000);

  it("runs from \"hi\" to a Category 2 result, replacing one card in place", async () => {
    const page = playground!.page;
    const cards = cardsIn(page);

    // Opening the page installs the bot, and its conversationUpdate brings a first welcome card.
    await cards.first().getByRole("button", { name: "Check a concern" }).waitFor();
    await sendMessage(page, "hi");
    const check = cards.nth(1);
    await press(check, "Check a concern");

    await check.getByText("Step 1 of 4").waitFor();
    await chooseOption(check, "Which area does the child live in?", "Kingston upon Thames");
    await check.getByRole("textbox", { name: "Child's age (whole years)" }).fill("14");
    await press(check, "Continue");

    await check.getByText("Step 2 of 4").waitFor();
    await check.getByRole("checkbox", { name: "Unexplained money, phones, clothes, jewellery or other items" }).check();
    await press(check, "Continue");

    await check.getByText("Step 3 of 4").waitFor();
    await answer(check, /in exchange for sexual activity/, "Not sure");
    expect(await answerTheRest(check, "No")).toBe(5);
    await press(check, "Continue");

    // DOMAIN.md §4: "not sure" counts as a possible yes, so the exchange answer is evidence of
    // exploitation and the four follow-up questions join the card, the earlier answers kept.
    await check.getByText("Follow-up questions").waitFor();
    expect(await answerTheRest(check, "No")).toBe(4);
    await press(check, "Continue");

    await check.getByText("Step 4 of 4").waitFor();
    const result = await check.innerText();
    for (const words of ["Category 2", "Unconfirmed", "020 8547 5008", "Open now"]) expect(result).toContain(words);
    // "Open now" on the SPA's own contact, not only on the police's 101 line: the fixed clock decides it.
    const spaContact = check.locator(".ac-container").filter({ hasText: "Phone: 020 8547 5008" }).last();
    expect(await spaContact.innerText()).toMatch(/^Single Point of Access\s+Open now\s+Phone: 020 8547 5008/);

    // Every step replaced the pressed card: the chat holds the first welcome and this one card.
    expect(await cards.count()).toBe(2);
    expect(await cards.first().innerText()).toContain("SAFEGUARD");

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await check.getByText("Step 4 of 4").scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 120_000);
});
