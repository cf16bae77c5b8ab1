// The seed documents by number (shared/seeds/README.md), so a card can name its source.
export const SOURCE_TITLES: Readonly<Record<string, string>> = {
  "000": "Lambeth LSCB, Prevention of CSE Strategy 2014-17",
  "001": "Havering Safeguarding Children Board, CSE Strategy 2016-19",
  "002": "Kingston & Richmond LSCB, CSE strategy, referral pathways, forms and practice guidance (2017)",
  "003": "LB Sutton, CSE Practice Toolkit practice directive (February 2018)",
  "004": "Lewisham, CSE update to the Children and Young People Select Committee (March 2016)",
};

export function describeSources(codes: readonly string[]): string {
  const titles = codes.map((code) => SOURCE_TITLES[code] ?? code);
  return titles.length === 0 ? "No local source document." : `Source: ${titles.join("; ")}.`;
}
