// Card templates in cards/*.json, loaded and checked once, bound to data with the Adaptive Card
// templating library. `{ "$include": "name" }` stands for cards/partials/name.json, so a block used
// by several cards (a contact list) is written once.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// The package's own declarations import adaptivecards' TypeScript sources, which do not compile
// under this project's settings; it is loaded untyped and given the one shape we use. It is loaded,
// and each template made, at its first use: with its expression parser it is a fifth of the
// start-up, and /healthz needs none of it (issue 12). Every template is still read and checked
// before anything listens.
type Template = { expand(context: { $root: unknown }): unknown };
type Templating = { Template: new (payload: unknown) => Template };
let templating: Templating | undefined;
const loadTemplating = (): Templating => (templating ??= createRequire(import.meta.url)("adaptivecards-templating") as Templating);

export const DEFAULT_CARDS_DIR = fileURLToPath(new URL("../../cards/", import.meta.url));

export const CARD_NAMES = [
  "welcome", "signs-domains", "signs-domain", "area-picker", "area-contacts", "guidance", "no-match", "notice", "urgent",
  "check-context", "check-signs", "check-questions", "check-result", "check-summary",
  "referral-form", "referral-review", "referral-sent", "referral-channel", "referral-question", "referral-same-child",
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** Teams refuses big messages; we hold every card under 28 KB (DESIGN.md "Choices"). */
export const CARD_SIZE_LIMIT_BYTES = 28 * 1024;

export type AdaptiveCard = { type: "AdaptiveCard"; version: string; body: unknown[]; actions?: unknown[]; [key: string]: unknown };

function resolveIncludes(node: unknown, partials: ReadonlyMap<string, unknown>, file: string): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveIncludes(item, partials, file));
  if (node === null || typeof node !== "object") return node;
  const { $include, ...rest } = node as Record<string, unknown>;
  if ($include !== undefined) {
    const partial = partials.get(String($include));
    if (partial === undefined) throw new Error(`${file}: unknown partial "${String($include)}"`);
    return resolveIncludes({ ...(partial as object), ...rest }, partials, file);
  }
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolveIncludes(value, partials, file)]));
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

export type CardRenderer = (name: CardName, data: object) => AdaptiveCard;

/**
 * A renderer that keeps check cards. A kept check card holds no session, person or time, but it
 * does show a point of someone's check (an age, an area, the answers), so it is not kept
 * unused for long: `forgetUnusedCheckCards` drops those not used since its previous call and
 * says how many. The session sweeper calls it every 5 minutes, so a card goes at most 10 minutes
 * after its last use, far inside the 24 hours a check itself is kept.
 */
export type KeepingCardRenderer = CardRenderer & { readonly forgetUnusedCheckCards: () => number };

/**
 * Cards that are the same for everyone given the same data (no session, no person): rendered once
 * per distinct data and kept (issue 12: the templating library evaluates every binding on every
 * render). A card is a pure function of its template and its data, so the data is the key. Each
 * caller gets its own copy.
 */
const SHARED_CARDS: ReadonlySet<CardName> = new Set(["welcome", "signs-domains", "signs-domain", "area-picker", "area-contacts", "guidance", "no-match", "notice", "urgent"]);
export const SHARED_CARDS_KEPT = 256;

/**
 * A guided check's cards carry the check's session (`session: { id, version }`) only in their
 * buttons' data; everything else is the same for everyone at the same point of a check with the
 * same answers (the first step always is). They are rendered with stand-ins for the session and
 * kept, frozen: the most recently used CHECK_CARDS_KEPT (a kept signs card, the biggest, with its
 * key is about 31 KB of heap, so they stay under 5 MB). Each caller gets the card with its own
 * session in its buttons (withSessionAt). A template that uses the session in any other way than
 * a whole `${session.id}` or `${session.version}` value is never kept (templateUsesSessionPlainly);
 * nor is a render whose data already holds a stand-in.
 */
export const CHECK_CARDS_KEPT = 128;
const STAND_IN = { id: "~~session.id~~", version: "~~session.version~~" } as const;
const QUOTED_STAND_IN = { id: JSON.stringify(STAND_IN.id), version: JSON.stringify(STAND_IN.version) } as const;
type Session = { id: string; version: number | string };

function sessionOf(data: object): Session | undefined {
  const session = (data as { session?: unknown }).session;
  if (session === null || typeof session !== "object") return undefined;
  const { id, version, ...rest } = session as Record<string, unknown>;
  if (typeof id !== "string" || (typeof version !== "number" && typeof version !== "string") || Object.keys(rest).length > 0) return undefined;
  return { id, version };
}

/** True when every mention of `session` in the template is a whole `${session.id}` or `${session.version}` string. */
function templateUsesSessionPlainly(node: unknown): boolean {
  if (typeof node === "string") return !node.includes("session") || node === "${session.id}" || node === "${session.version}";
  if (Array.isArray(node)) return node.every(templateUsesSessionPlainly);
  if (node !== null && typeof node === "object") return Object.entries(node).every(([key, value]) => !key.includes("${") && templateUsesSessionPlainly(value));
  return true;
}

const countOf = (text: string, part: string) => text.split(part).length - 1;

/** Where in a kept card the session goes: the keys to follow, down to "id" or "version". */
type SessionAt = Map<string, SessionAt | "id" | "version">;
type KeptCard = { readonly card: AdaptiveCard; readonly sessionAt: SessionAt; readonly bytes: number; readonly ids: number; readonly versions: number };

/** A card rendered with the stand-ins, frozen, with where they are; undefined when a stand-in is part of a longer string. */
function keep(card: AdaptiveCard): KeptCard | undefined {
  let ids = 0;
  let versions = 0;
  const sessionAt: SessionAt = new Map();
  const find = (node: unknown, at: SessionAt): boolean => {
    if (node === null || typeof node !== "object") return false;
    let found = false;
    for (const [key, value] of Object.entries(node)) {
      if (value === STAND_IN.id) {
        at.set(key, "id");
        ids += 1;
      } else if (value === STAND_IN.version) {
        at.set(key, "version");
        versions += 1;
      } else {
        const below: SessionAt = new Map();
        if (!find(value, below)) continue;
        at.set(key, below);
      }
      found = true;
    }
    return found;
  };
  find(card, sessionAt);
  const json = JSON.stringify(card);
  if (countOf(json, "~~session.") !== ids + versions) return undefined;
  return { card: deepFreeze(card), sessionAt, bytes: Buffer.byteLength(json), ids, versions };
}

function deepFreeze<T>(node: T): T {
  if (node !== null && typeof node === "object" && !Object.isFrozen(node)) {
    for (const value of Object.values(node)) deepFreeze(value);
    Object.freeze(node);
  }
  return node;
}

/**
 * The kept card with `session` in its place: only the objects and arrays on the way to a session
 * value are copied; the rest is shared, frozen, with every other caller (a copy of a 12 KB card
 * for each press cost more than all the rest of rendering it).
 */
function withSessionAt(node: unknown, at: SessionAt, session: Session): unknown {
  const copy = (Array.isArray(node) ? [...node] : { ...(node as object) }) as Record<string, unknown>;
  for (const [key, next] of at) copy[key] = next === "id" ? session.id : next === "version" ? session.version : withSessionAt(copy[key], next, session);
  return copy;
}

/** The size in bytes of a card this module made as JSON text, so limitCardSize need not write it again. */
const sizes = new WeakMap<AdaptiveCard, number>();

/** How often the kept cards were used, for the bench (process-wide). */
export const cardsKept = { hits: 0, misses: 0 };

/** `keepCheckCards: false` renders every check card afresh (the tests' reference). */
export function createCardRenderer(dir: string = DEFAULT_CARDS_DIR, options: { keepCheckCards?: boolean } = {}): KeepingCardRenderer {
  const partialsDir = join(dir, "partials");
  const partials = new Map(
    readdirSync(partialsDir).filter((file) => file.endsWith(".json")).map((file) => [file.slice(0, -".json".length), readJson(join(partialsDir, file))]),
  );
  const templates = new Map(
    CARD_NAMES.map((name) => {
      const file = `${name}.json`;
      const json = resolveIncludes(readJson(join(dir, file)), partials, file) as AdaptiveCard;
      if (json.type !== "AdaptiveCard" || json.version !== "1.5") throw new Error(`${file}: expected an AdaptiveCard of version 1.5`);
      return [name, json] as const;
    }),
  );
  const sessionKeepable = new Set(options.keepCheckCards === false ? [] : CARD_NAMES.filter((name) => !SHARED_CARDS.has(name) && templateUsesSessionPlainly(templates.get(name))));
  const made = new Map<CardName, Template>();
  const templateOf = (name: CardName): Template | undefined => {
    const existing = made.get(name);
    if (existing !== undefined) return existing;
    const json = templates.get(name);
    if (json === undefined) return undefined;
    const template = new (loadTemplating().Template)(json);
    made.set(name, template);
    return template;
  };
  const expand = (name: CardName, data: object): AdaptiveCard => {
    const template = templateOf(name);
    if (template === undefined) throw new Error(`no card template "${name}"`);
    const card = template.expand({ $root: data }) as AdaptiveCard;
    // A card whose buttons all depend on its state may have none: no empty "actions" then (the schema has none).
    if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
    // A Teams refresh (Universal Actions' user-specific views) for nobody in particular is not sent.
    const refresh = card["refresh"] as { userIds?: unknown } | undefined;
    if (refresh !== undefined && (!Array.isArray(refresh.userIds) || refresh.userIds.length === 0)) delete card["refresh"];
    return card;
  };

  const shared = new Map<string, AdaptiveCard>();
  const sharedCard = (name: CardName, data: object): AdaptiveCard => {
    const key = `${name}\u0000${JSON.stringify(data)}`;
    let card = shared.get(key);
    if (card === undefined) {
      card = expand(name, data);
      if (shared.size >= SHARED_CARDS_KEPT) shared.delete(shared.keys().next().value as string);
      shared.set(key, card);
    }
    return structuredClone(card);
  };

  // In order of use, the most recent last; `usedIn` is the number of forgetUnused calls before the last use.
  const kept = new Map<string, { card: KeptCard; usedIn: number }>();
  let forgets = 0;
  const withSession = (name: CardName, data: object, session: Session): AdaptiveCard => {
    const key = `${name}\u0000${JSON.stringify({ ...data, session: STAND_IN })}`;
    let card = kept.get(key)?.card;
    if (card !== undefined) {
      cardsKept.hits += 1;
      kept.delete(key); // to the most recently used end
    } else {
      if (countOf(key, "~~session.") !== 2) return expand(name, data); // the data holds a stand-in of its own
      cardsKept.misses += 1;
      card = keep(expand(name, { ...data, session: STAND_IN }));
      // Every stand-in must be a whole value, or it could not be put back: render this one afresh.
      if (card === undefined) return expand(name, data);
      if (kept.size >= CHECK_CARDS_KEPT) kept.delete(kept.keys().next().value as string);
    }
    kept.set(key, { card, usedIn: forgets });
    const own = withSessionAt(card.card, card.sessionAt, session) as AdaptiveCard;
    sizes.set(own, card.bytes + card.ids * (Buffer.byteLength(JSON.stringify(session.id)) - QUOTED_STAND_IN.id.length) + card.versions * (Buffer.byteLength(JSON.stringify(session.version)) - QUOTED_STAND_IN.version.length));
    return own;
  };

  const render: CardRenderer = (name, data) => {
    if (SHARED_CARDS.has(name)) return sharedCard(name, data);
    const session = sessionKeepable.has(name) ? sessionOf(data) : undefined;
    return session === undefined ? expand(name, data) : withSession(name, data, session);
  };
  return Object.assign(render, {
    forgetUnusedCheckCards(): number {
      let forgotten = 0;
      for (const [key, entry] of kept) {
        if (entry.usedIn === forgets) break; // used since the last call, and so is everything after it
        kept.delete(key);
        forgotten += 1;
      }
      forgets += 1;
      return forgotten;
    },
  });
}

/**
 * A renderer that holds the product's promise at send time, whatever the data: a card over 28 KB
 * is never sent; the `fallback` card is, and `onOversize` is told (issue 8, point 6). The card's
 * maxLength hints are only hints; this is the guarantee.
 */
export function limitCardSize(render: CardRenderer, fallback: { name: CardName; data: object }, onOversize: (name: CardName, bytes: number) => void): CardRenderer {
  return (name, data) => {
    const rendered = render(name, data);
    const bytes = sizes.get(rendered) ?? Buffer.byteLength(JSON.stringify(rendered));
    if (bytes <= CARD_SIZE_LIMIT_BYTES) return rendered;
    onOversize(name, bytes);
    return render(fallback.name, fallback.data);
  };
}
