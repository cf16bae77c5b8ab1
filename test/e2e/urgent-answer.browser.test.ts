// An urgent disclosure typed in the Agents Playground, read off the card chromium renders: the
// urgent card first, with the lines of the area the message named open now.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cardsIn, sendMessage, SKIP_WITHOUT_CHROMIUM, usePlayground } from "../support/playground-browser.ts";

// A Tuesday, 10:00 in London: Kingston's Single Point of Access day line is open.
const TUESDAY_MORNING = new Date("2026-12-08T10:00:00Z");
const SCREENSHOT = fileURLToPath(new URL("../../test-results/playground-urgent.png", import.meta.url));

describe.skipIf(SKIP_WITHOUT_CHROMIUM)("an urgent disclosure in the Agents Playground", () => {
  const playground = usePlayground(TUESDAY_MORNING);

  it("a 15 year old was raped last night in Kingston: the urgent card, with the Kingston lines open now", async () => {
    const page = playground().page;
    const cards = cardsIn(page);
    await cards.first().getByRole("button", { name: "Check a concern" }).waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });
    await sendMessage(page, "a 15 year old was raped last night in Kingston");
    const card = cards.filter({ hasText: "This sounds urgent: act now" }).first();
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain("Call 999 now if the child is in danger now");
    expect(text).toContain("Tell your designated safeguarding lead (DSL) now");
    expect(text).toContain("Who to contact in Kingston upon Thames");
    expect(text).toMatch(/Single Point of Access\s+Open now/);
    expect(text).toContain("020 8547 5008");
    expect(text).toContain("so that evidence can be kept");
    expect(text).toContain("If a child is in immediate danger, call 999.");
    await expect(card.getByRole("button", { name: "Check a concern" }).isVisible()).resolves.toBe(true);
    // The title is what the practitioner sees first when the card arrives.
    await card.getByText("This sounds urgent: act now").scrollIntoViewIfNeeded();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  }, 120_000);
});
