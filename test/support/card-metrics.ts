// Measures an Adaptive Card as the Agents Playground renders it (issue 9): its height, buttons whose
// title is cut off, and text whose colour is below 4.5:1 against what is behind it (WCAG AA).
import type { Locator } from "playwright-core";

export type CardMetrics = {
  readonly height: number;
  readonly cutButtons: readonly string[];
  readonly lowContrast: readonly { text: string; ratio: number; color: string; background: string }[];
};

export async function measureCard(card: Locator): Promise<CardMetrics> {
  return card.evaluate((root) => {
    const rgb = (value: string): [number, number, number, number] => {
      const parts = (value.match(/[\d.]+/g) ?? ["0", "0", "0"]).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts.length > 3 ? (parts[3] ?? 1) : 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    const backgroundOf = (element: Element | null): string => {
      for (let node = element; node !== null; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (rgb(colour)[3] > 0) return colour;
      }
      return "rgb(255, 255, 255)";
    };
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null || getComputedStyle(element).position === "fixed";

    const lowContrast: { text: string; ratio: number; color: string; background: string }[] = [];
    for (const element of root.querySelectorAll("*")) {
      const ownText = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent ?? "").join("").trim();
      if (ownText === "" || !visible(element)) continue;
      // WCAG 1.4.3 exempts inactive controls: the playground greys a card's buttons while an invoke is answered.
      const control = element.closest("button, [role='button']");
      if (control !== null && (control.hasAttribute("disabled") || control.getAttribute("aria-disabled") === "true")) continue;
      const color = getComputedStyle(element).color;
      const background = backgroundOf(element);
      const [a, b] = [luminance(rgb(color)), luminance(rgb(background))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) lowContrast.push({ text: ownText.slice(0, 60), ratio: Math.round(ratio * 100) / 100, color, background });
    }

    const cutButtons: string[] = [];
    for (const button of root.querySelectorAll("button, [role='button']")) {
      if (!visible(button)) continue;
      const clipped = [button, ...button.querySelectorAll("*")].some((node) => (node as HTMLElement).scrollWidth > (node as HTMLElement).clientWidth + 1);
      if (clipped) cutButtons.push((button.textContent ?? "").trim());
    }
    return { height: Math.round(root.getBoundingClientRect().height), cutButtons, lowContrast };
  });
}

/** How far below the card's top the first element with this text starts, in pixels. */
export async function offsetInCard(card: Locator, text: string | RegExp): Promise<number> {
  const target = card.getByText(text).first();
  const [cardBox, box] = await Promise.all([card.boundingBox(), target.boundingBox()]);
  if (cardBox === null || box === null) throw new Error(`"${String(text)}" is not shown on the card`);
  return Math.round(box.y - cardBox.y);
}

/**
 * Whether the card's top line can be seen: a point just inside its top edge is on screen and not
 * covered by the page's header. Issue 9: a card that replaces the pressed one must show its top.
 */
export async function topInView(card: Locator): Promise<boolean> {
  return card.evaluate((root) => {
    const box = root.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + 8;
    if (y < 0 || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && root.contains(hit);
  });
}

/**
 * The card measured once the playground has finished with it: after a press it greys the card's
 * buttons for a moment, so the measure is repeated until two in a row find no contrast problem,
 * or five seconds pass (then the last measure stands, and a lasting problem is reported).
 */
export async function measureSettled(card: Locator): Promise<CardMetrics> {
  const page = card.page();
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const deadline = Date.now() + 5_000;
  let clean = 0;
  for (;;) {
    const metrics = await measureCard(card);
    clean = metrics.lowContrast.length === 0 ? clean + 1 : 0;
    if (clean >= 2 || Date.now() > deadline) return metrics;
    await page.waitForTimeout(100);
  }
}

/**
 * What a person would meet on each measured card, one line each: a button cut off, text too faint,
 * a card taller than `maxHeight`, and (from `inView`) a card whose `what` is out of view.
 */
export function cardProblems(measured: Readonly<Record<string, CardMetrics>>, { maxHeight, inView = {}, what = "heading" }: { maxHeight?: number; inView?: Readonly<Record<string, boolean>>; what?: string } = {}): string[] {
  return [
    ...Object.entries(measured).flatMap(([step, metrics]) => [
      ...(maxHeight !== undefined && metrics.height > maxHeight ? [`${step}: ${metrics.height} px high (target ${maxHeight})`] : []),
      ...metrics.cutButtons.map((title) => `${step}: button cut off: ${title}`),
      ...metrics.lowContrast.map(({ text, ratio, color, background }) => `${step}: "${text}" ${ratio}:1 (${color} on ${background})`),
    ]),
    ...Object.entries(inView).flatMap(([step, shown]) => (shown ? [] : [`${step}: its ${what} is out of view at 1400x900`])),
  ];
}
