// Template data for the cards outside the guided check: welcome, warning signs, contacts,
// guidance answers and notices.
import { DOMAINS, INDICATORS, domainOf, type DomainId } from "../domain/catalogue.ts";
import type { Area } from "../domain/area.ts";
import type { Areas } from "../content/load-areas.ts";
import type { GuidanceEntry } from "../content/load-guidance.ts";
import { SOURCE_TITLES } from "../content/source-titles.ts";
import { areaChoices, type CardToSend } from "./check-views.ts";
import { areaContactsSections, atText } from "./area-contacts-view.ts";
import { contactsSource } from "./contact-data.ts";
import { deliveryLine } from "../words/referral-words.ts";
import type { Delivery } from "../services/referral-service.ts";
import { CHECK_NOTICES, signsSourceLine, undeliveredLine, whoToContactIn } from "../words/chat-words.ts";

/** What the menu shows of a user's own referrals in their 1:1 chat. */
export type MenuState = {
  /** A first button back to the user's unsent referral draft (issue 10, point 1). */
  readonly continueReferral: boolean;
  /** Referrals submitted but not delivered to a triage channel (DOMAIN.md §8), newest first. */
  readonly undelivered: readonly { readonly reference: string; readonly areaId: string; readonly areaName: string; readonly delivery: Exclude<Delivery, "delivered"> }[];
};
const NO_MENU_STATE: MenuState = { continueReferral: false, undelivered: [] };

/** The menu, with a notice on top and, in the 1:1 chat, the user's referral draft and referrals not delivered. */
export function welcomeCard(notice = "", { continueReferral, undelivered }: MenuState = NO_MENU_STATE): CardToSend {
  return {
    name: "welcome",
    data: {
      notice,
      continueReferral,
      // DOMAIN.md §8: the menu says a referral is not delivered, with the way to the area's contacts.
      undelivered: undelivered.map(({ reference, areaId, areaName, delivery }) => ({
        text: undeliveredLine(reference, deliveryLine(delivery, areaName)),
        area: areaId,
        button: whoToContactIn(areaName),
      })),
    },
  };
}

export function signsDomainsCard(): CardToSend {
  return { name: "signs-domains", data: { domains: DOMAINS.map(({ id, letter, title }) => ({ title: `${letter}: ${title}`, verb: "signs.domain", data: { domain: id } })) } };
}

export function signsDomainCard(domainId: DomainId): CardToSend {
  const domain = DOMAINS.find((candidate) => candidate.id === domainId);
  if (domain === undefined) throw new Error(`unknown domain ${domainId}`);
  return {
    name: "signs-domain",
    data: {
      letter: domain.letter,
      title: domain.title,
      signs: INDICATORS.filter((indicator) => domainOf(indicator.id) === domainId).map(({ label, looksLike }) => ({ label, looksLike })),
      // The SAFEGUARD list is in seeds 001-003; the wording here is the project's own.
      source: signsSourceLine([SOURCE_TITLES["001"], SOURCE_TITLES["002"], SOURCE_TITLES["003"]]),
    },
  };
}

export function areaPickerCard(areas: Areas, notice = "", area = ""): CardToSend {
  return { name: "area-picker", data: { areas: areaChoices(areas), notice, area } };
}

/**
 * An area's contacts, open or closed at `at`, with the night route placed by DOMAIN.md §6
 * (area-contacts-view.ts). `unreadable`: the question named a day or time that could not be read;
 * the card says so above the contacts, which are for now.
 */
export function areaContactsCard(area: Area, at: Date, timeNamed = false, unreadable?: string): CardToSend {
  return {
    name: "area-contacts",
    data: {
      areaName: area.name,
      atText: atText(at, timeNamed, unreadable),
      sections: areaContactsSections(area, at, timeNamed),
      source: contactsSource(area),
    },
  };
}

/** Markdown paragraphs, each its own TextBlock, so lists and spacing survive in Teams. */
function paragraphs(body: string): { text: string }[] {
  return body.split(/\n\s*\n/).map((text) => ({ text: text.trim() })).filter((paragraph) => paragraph.text !== "");
}

/** A guidance entry as a link row (cards/partials/link-row.json): a long title wraps, never cut off. */
export const guidanceLink = ({ id, title }: GuidanceEntry) => ({ title, verb: "guidance.show", data: { id } });

/** What a free-text answer adds to an entry (answer-views.ts): the runners-up, the message's context, and a prefilled check. */
export type GuidanceExtras = { readonly alternatives: readonly GuidanceEntry[]; readonly context: object; readonly check: Readonly<Record<string, string>> };

const NO_EXTRAS: GuidanceExtras = { alternatives: [], context: { shown: false }, check: {} };

export function guidanceCard(entry: GuidanceEntry, related: readonly GuidanceEntry[], extras: GuidanceExtras = NO_EXTRAS): CardToSend {
  return {
    name: "guidance",
    data: {
      title: entry.title,
      paragraphs: paragraphs(entry.body),
      source: entry.source,
      related: related.map(guidanceLink),
      alternatives: extras.alternatives.map(guidanceLink),
      context: extras.context,
      check: extras.check,
    },
  };
}

export function noMatchCard(nearest: readonly GuidanceEntry[]): CardToSend {
  return { name: "no-match", data: { nearest: nearest.map(guidanceLink) } };
}

export const NOTICES = CHECK_NOTICES;

export function noticeCard(kind: keyof typeof NOTICES): CardToSend {
  return { name: "notice", data: NOTICES[kind] };
}
