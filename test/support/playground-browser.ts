// The whole local Teams experience, for tests: the real app on a free port (temp SQLite, fixed
// clock), Microsoft's Agents Playground pointed at it, and Debian's chromium (playwright-core)
// with the playground's page open. Selectors are those of playground 0.2.28.
import { OUTBOX_POLL_MS } from "../../src/compose-worker.ts";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { composeApp } from "../../src/compose-app.ts";
import { startPlayground } from "../../src/dev/start-playground.ts";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Browser tests are skipped on a developer's machine without chromium; under CI they must run
 * (.ci/run installs it), so there a missing chromium fails them instead.
 */
export const SKIP_WITHOUT_CHROMIUM = !existsSync(CHROMIUM) && (process.env.CI ?? "") === "";

/** Fails, with what to do, when chromium is missing where it may not be skipped. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing, and under CI this test may not be skipped: install Debian's chromium (.ci/run does)`);
}

// A developer's own `npm start` may hold, or later want, the playground's default port.
const DEVELOPER_PLAYGROUND_PORT = 56150;

export type PlaygroundBrowser = {
  readonly page: Page;
  /** Stops everything that was started; safe to call once whatever failed. */
  readonly close: () => Promise<void>;
};

async function freePort(): Promise<number> {
  for (;;) {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    if (port !== DEVELOPER_PLAYGROUND_PORT) return port;
  }
}

export async function openPlayground({ now }: { now: Date }): Promise<PlaygroundBrowser> {
  const dir = mkdtempSync(join(tmpdir(), "safeguard-playground-"));
  const stops: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    // Last started, first stopped; one failing stop must not leave the others running.
    for (const stop of stops.splice(0).reverse()) await Promise.resolve().then(stop).catch(() => undefined);
  };

  try {
    const config = loadConfig({ DATABASE_URL: join(dir, "bot.sqlite"), LOG_LEVEL: "silent", PLAYGROUND: "off", PORT: String(await freePort()) });
    const composed = await composeApp({ config, logger: pino({ level: "silent" }), clock: () => now });
    stops.push(() => composed.close());
    // The outbox, as `npm start` runs it: a referral reaches the triage channel registered in the playground.
    composed.worker.start(OUTBOX_POLL_MS);
    const server = composed.app.listen(config.port, "127.0.0.1");
    stops.push(() => new Promise((resolve) => server.close(resolve)));
    await once(server, "listening");

    // The playground's own log goes here, to explain a failed start.
    const playgroundLog: string[] = [];
    const playground = await startPlayground({
      endpoint: `http://127.0.0.1:${config.port}/api/messages`,
      port: await freePort(),
      logger: pino({ level: "warn" }, { write: (line: string) => void playgroundLog.push(line) }),
      workDir: join(dir, "playground"),
    });
    if (playground === undefined) throw new Error(`the Agents Playground did not start:\n${playgroundLog.join("")}`);
    stops.push(() => playground.stop());

    const context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
      // Tall, so the whole result card fits on the screenshot: the chat pane scrolls, the page does not.
      viewport: { width: 1400, height: 2400 },
    });
    stops.push(() => context.close());
    context.setDefaultTimeout(30_000);
    const page = context.pages()[0] ?? (await context.newPage());
    // Not "networkidle": the page asks a CDN for fonts, which never answers offline.
    await page.goto(playground.url, { waitUntil: "domcontentloaded" });
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Opens the playground before a describe block's tests and closes it after them (call it inside
 * the block); the getter gives the open playground to each test.
 */
export function usePlayground(now: Date): () => PlaygroundBrowser {
  let playground: PlaygroundBrowser | undefined;
  beforeAll(async () => {
    requireChromium();
    playground = await openPlayground({ now });
  }, 120_000);
  afterAll(async () => {
    await playground?.close();
  }, 60_000);
  return () => {
    if (playground === undefined) throw new Error("the Agents Playground did not open (see the error before this one)");
    return playground;
  };
}

/** Every Adaptive Card in the open chat, oldest first. */
export function cardsIn(page: Page): Locator {
  return page.locator(".ac-adaptiveCard");
}

/** Types a message in the chat's compose box and sends it. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"][role="textbox"]').click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: "Send Message" }).click();
}

/** Picks a choice in a compact Input.ChoiceSet: a combobox whose list opens outside the card. */
export async function chooseOption(card: Locator, label: string, option: string): Promise<void> {
  await card.getByRole("combobox", { name: label }).click();
  await card.page().getByRole("option", { name: option, exact: true }).click();
}

/** Presses a card's Action.Execute button. */
export async function press(card: Locator, title: string): Promise<void> {
  await card.getByRole("button", { name: title, exact: true }).click();
}

/** Picks one answer of a question (a compact Input.ChoiceSet), found by its label. */
export async function answer(card: Locator, question: string | RegExp, choice: string): Promise<void> {
  await card.getByRole("combobox", { name: question }).click();
  await card.page().getByRole("option", { name: choice, exact: true }).click();
}

/** Gives `choice` to every shown question on the card with no answer yet; returns how many there were. */
export async function answerTheRest(card: Locator, choice: string): Promise<number> {
  let answered = 0;
  for (const box of await card.getByRole("combobox").all()) {
    if (!(await box.isVisible()) || (await box.inputValue().catch(() => box.innerText())).trim() !== "") continue;
    await box.click();
    await card.page().getByRole("option", { name: choice, exact: true }).click();
    answered += 1;
  }
  return answered;
}

/** Opens a folded SAFEGUARD area on step 2 by its "Show" button (areas in SAFEGUARD order, from 0). */
export async function showArea(card: Locator, index: number): Promise<void> {
  await card.getByRole("button", { name: "Show", exact: true }).nth(index).click();
}
