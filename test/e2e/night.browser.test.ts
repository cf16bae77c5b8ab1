// DOMAIN.md §6 at 03:00 on a Sunday, in the Agents Playground, read off the cards chromium renders:
// a contact question and an urgent disclosure in Lambeth (no out-of-hours line of its own) put the
// night route first, before any mailbox; in Kingston the out-of-hours line is open and the day line
// closed. (`LOCAL_CLOCK=2026-11-29T03:00:00Z npm start` shows the same by hand: README "Configure".)
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cardsIn, sendMessage, SKIP_WITHOUT_CHROMIUM, usePlayground } from "../support/playground-browser.ts";

const SUNDAY_03 = new Date("2026-11-29T03:00:00Z");
const SCREENSHOT = fileURLToPath(new URL("../../test-results/playground-night.png", import.meta.url));
const NIGHT_ROUTE = "If the front door is closed or does not answer";

describe.skipIf(SKIP_WITHOUT_CHROMIUM)("the Agents Playground at 03:00 on a Sunday", () => {
  const playground = usePlayground(SUNDAY_03);

  it("Lambeth's contacts and an urgent disclosure there put the night route first; Kingston's out-of-hours line is open", async () => {
    const page = playground().page;
    const cards = cardsIn(page);
    await cards.first().getByRole("button", { name: "Check a concern" }).waitFor();
    await page.setViewportSize({ width: 1400, height: 1400 });

    await sendMessage(page, "who do I call in Lambeth");
    const contacts = cards.filter({ hasText: "Lambeth: who to contact" }).first();
    await contacts.waitFor();
    const contactsText = await contacts.innerText();
    expect(contactsText).toContain("Sunday 29 November at 03:00");
    expect(contactsText.indexOf(NIGHT_ROUTE)).toBeGreaterThan(-1);
    expect(contactsText.indexOf(NIGHT_ROUTE)).toBeLessThan(contactsText.indexOf("Front door:"));
    expect(contactsText).toContain("101");

    await sendMessage(page, "a 14 year old girl was raped tonight in Lambeth");
    const urgent = cards.filter({ hasText: "This sounds urgent: act now" }).first();
    await urgent.waitFor();
    const urgentText = await urgent.innerText();
    expect(urgentText.indexOf(NIGHT_ROUTE)).toBeGreaterThan(-1);
    expect(urgentText.indexOf(NIGHT_ROUTE)).toBeLessThan(urgentText.indexOf("duty.manager@lambeth.cjsm.net"));
    expect(urgentText).toContain("If a child is in immediate danger, call 999.");

    await sendMessage(page, "who do I call in Kingston");
    const kingston = cards.filter({ hasText: "Kingston upon Thames: who to contact" }).first();
    await kingston.waitFor();
    const kingstonText = await kingston.innerText();
    expect(kingstonText).toMatch(/Out-of-hours line\s+Open now/);
    expect(kingstonText).toMatch(/Single Point of Access\s+Closed now/);
    expect(kingstonText.indexOf("020 8770 5000")).toBeLessThan(kingstonText.indexOf("020 8547 5008"));

    await urgent.scrollIntoViewIfNeeded();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  }, 180_000);
});
