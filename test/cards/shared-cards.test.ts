// Issue 12: a card that is the same for everyone given its data (the menu, the signs, guidance,
// an area's contacts) is rendered once per distinct data; each caller gets its own copy, so one
// that changes it changes nobody else's; cards of a check or a referral are rendered every time.
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCardRenderer } from "../../src/cards/render-card.ts";
import { noticeCard, signsDomainCard, welcomeCard } from "../../src/cards/menu-views.ts";

// The very module the renderer loads (require's cache), so a spy on its prototype sees every render.
const { Template } = createRequire(import.meta.url)("adaptivecards-templating") as { Template: { prototype: { expand: (...args: unknown[]) => unknown } } };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("shared cards", () => {
  it("renders the menu once for the same data; each caller gets its own copy", () => {
    const render = createCardRenderer();
    const expand = vi.spyOn(Template.prototype, "expand");
    const welcome = welcomeCard();
    const first = render(welcome.name, welcome.data);
    first.body.push({ type: "TextBlock", text: "changed by one caller" });
    const second = render(welcome.name, welcome.data);
    expect(expand).toHaveBeenCalledTimes(1);
    expect(second).not.toBe(first);
    expect(JSON.stringify(second)).not.toContain("changed by one caller");
    expect(second.body.length).toBe(first.body.length - 1);
  });

  it("other data is another card", () => {
    const render = createCardRenderer();
    const expand = vi.spyOn(Template.prototype, "expand");
    const sexual = signsDomainCard("sexual");
    const absent = signsDomainCard("absent");
    expect(JSON.stringify(render(sexual.name, sexual.data))).not.toEqual(JSON.stringify(render(absent.name, absent.data)));
    render(absent.name, absent.data);
    expect(expand).toHaveBeenCalledTimes(2);
  });

  it("a card of a person's check is rendered every time", () => {
    const render = createCardRenderer();
    const notice = noticeCard("error");
    render(notice.name, notice.data);
    const expand = vi.spyOn(Template.prototype, "expand");
    const data = { reference: "KIN-2026-00001", referralId: "r1", areaName: "Kingston upon Thames", question: "Which bus stop?", state: { kind: "asking" } };
    render("referral-question", data);
    render("referral-question", data);
    expect(expand).toHaveBeenCalledTimes(2);
  });
});
