// Shortens texts so that together they fit a byte budget on a card, as fairly as it can: short
// texts stay whole and the long ones are cut to one common length, each ending in "…". A card's
// size is what its JSON takes in UTF-8, so a text costs its escaped bytes, not its characters.

const ELLIPSIS = "…";

/** What a text adds to a card's JSON: UTF-8 bytes once escaped (a quote or a newline takes two). */
export function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), "utf8") - 2;
}

/** The longest start of `text`, whole characters only, costing at most `budget` bytes with the "…" after it. */
function cut(text: string, budget: number): string {
  const room = budget - jsonBytes(ELLIPSIS);
  let used = 0;
  let end = 0;
  for (const character of text) {
    const cost = jsonBytes(character);
    if (used + cost > room) break;
    used += cost;
    end += character.length;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * The texts, each cut to at most the largest common length that keeps their total within `budget`
 * bytes; unchanged when they fit already. `shortened` says whether any was cut.
 */
export function shortenToFit(texts: readonly string[], budget: number): { texts: string[]; shortened: boolean } {
  const costs = texts.map(jsonBytes);
  const total = (cap: number) => costs.reduce((sum, cost) => sum + Math.min(cost, cap), 0);
  if (total(Number.POSITIVE_INFINITY) <= budget) return { texts: [...texts], shortened: false };
  let [low, high] = [0, Math.max(...costs)];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (total(middle) <= budget) low = middle;
    else high = middle - 1;
  }
  // Below the "…" itself a text has no room left: it is shown as the "…" alone.
  const cap = Math.max(low, jsonBytes(ELLIPSIS));
  return { texts: texts.map((text, index) => ((costs[index] ?? 0) <= cap ? text : cut(text, cap))), shortened: true };
}
