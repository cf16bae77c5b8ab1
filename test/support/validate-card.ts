// Checks a rendered card with the real Adaptive Cards library (run under happy-dom): unknown
// element or action types, validation errors, and properties the library does not know (found by
// a parse → serialise round trip: what the library does not recognise, it drops).
import { Window } from "happy-dom";
import { CARD_SIZE_LIMIT_BYTES } from "../../src/cards/render-card.ts";

const window = new Window();
const globals = globalThis as Record<string, unknown>;
globals.window ??= window;
globals.document ??= window.document;
globals.HTMLElement ??= window.HTMLElement;
const AC = await import("adaptivecards");


function droppedKeys(original: unknown, roundTripped: unknown, path: string, problems: string[]): void {
  if (Array.isArray(original)) {
    const other = Array.isArray(roundTripped) ? roundTripped : [];
    original.forEach((item, index) => droppedKeys(item, other[index], `${path}[${index}]`, problems));
    return;
  }
  if (original === null || typeof original !== "object") return;
  const other = (roundTripped ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(original)) {
    // "$schema" is for editors; the library does not keep it.
    if (key === "$schema") continue;
    // Teams' `refresh` (Universal Actions, user-specific views) came after this library: checked by shape here.
    if (key === "refresh" && path === "card") {
      const refresh = value as { action?: { type?: unknown; verb?: unknown }; userIds?: unknown };
      const ids = refresh.userIds;
      if (refresh.action?.type !== "Action.Execute" || typeof refresh.action.verb !== "string") problems.push("card.refresh.action: expected an Action.Execute with a verb");
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 60 || !ids.every((id) => typeof id === "string" && id !== "")) problems.push("card.refresh.userIds: expected 1 to 60 user ids");
      continue;
    }
    if (!(key in other)) {
      // The library leaves out values equal to its defaults; those are known, not dropped.
      if (value === false || value === "" || value === "default" || value === "Default" || value === "auto") continue;
      // Element defaults by name: shown (isVisible true), a choice set's compact style.
      if ((key === "isVisible" && value === true) || (key === "style" && value === "compact")) continue;
      problems.push(`${path}.${key}: not a property the Adaptive Cards library knows`);
      continue;
    }
    droppedKeys(value, other[key], `${path}.${key}`, problems);
  }
}

export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const size = Buffer.byteLength(JSON.stringify(json), "utf8");
  if (size > CARD_SIZE_LIMIT_BYTES) problems.push(`card is ${size} bytes, over ${CARD_SIZE_LIMIT_BYTES}`);
  const text = JSON.stringify(json);
  if (text.includes("${")) problems.push(`an unbound template expression is left: ${text.slice(text.indexOf("${"), text.indexOf("${") + 60)}`);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  droppedKeys(json, card.toJSON(), "card", problems);
  return problems;
}
