// The privacy and terms pages the Teams app manifest links to (developer.privacyUrl, termsOfUseUrl),
// laid out; their words are in src/words/legal-pages.ts.
import { PRIVACY_TITLE, TERMS_PARAGRAPHS, TERMS_TITLE, privacyParagraphs } from "../words/legal-pages.ts";

const page = (title: string, paragraphs: readonly string[]) =>
  `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${title}</h1>${paragraphs.map((text) => `<p>${text}</p>`).join("")}</body></html>`;

/** The privacy page; `retentionDays` is RETENTION_DAYS, how long a decided referral's personal details are kept. */
export const privacyPage = (retentionDays: number) => page(PRIVACY_TITLE, privacyParagraphs(retentionDays));

export const TERMS_PAGE = page(TERMS_TITLE, TERMS_PARAGRAPHS);
