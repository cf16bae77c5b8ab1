// MASE insight (issue 11, point 5; seed 002's MASE terms of reference): the people, vehicles,
// online names and places that appear in more than one referral, each with buttons to open those
// referrals, and the referrals of each month as charts with their numbers in tables. It shows
// only what the API computed (src/services/mase-insight.ts), and says how a match was made.
import { Button, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { InsightAnswer as MaseInsight, InsightMonth } from "../../src/http/api/contract.ts";
import { InsightBreakdown, type Series } from "./InsightBreakdown.tsx";
import { categoryWords, flagWords, kindWords, monthWords, outcomeWords, outcomeWordsIn } from "../../src/words/insight-words.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, minWidth: 0 },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: 0, margin: 0, listStyle: "none" },
  link: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  value: { overflowWrap: "anywhere" },
  kind: { color: tokens.colorNeutralForeground2 },
  references: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, padding: 0, margin: 0, listStyle: "none" },
  breakdowns: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

// Keys come from the data, so a key is read only when it is the record's own ("constructor" is an agency's name, not a method).
const countOf = (record: Readonly<Record<string, number>>, key: string) => (Object.hasOwn(record, key) ? (record[key] ?? 0) : 0);
const keysOf = (months: readonly InsightMonth[], pick: (month: InsightMonth) => Readonly<Record<string, number>>) => Object.keys(months[0] === undefined ? {} : pick(months[0]));
const anyIn = (months: readonly InsightMonth[], pick: (month: InsightMonth) => Readonly<Record<string, number>>, key: string) => months.some((month) => countOf(pick(month), key) > 0);

type Breakdown = { id: string; title: string; note?: string; pick: (month: InsightMonth) => Readonly<Record<string, number>>; words: (key: string) => string; shown?: (key: string) => boolean };

const BREAKDOWNS: readonly Breakdown[] = [
  // Categories 0 to 3 always; "no category" and "18 or over" only in a window that has them.
  { id: "insight-category", title: W.insight.byCategory, pick: (month) => month.byCategory, words: categoryWords, shown: (key) => ["0", "1", "2", "3"].includes(key) },
  { id: "insight-flag", title: W.insight.byFlag, note: W.insight.flagNote, pick: (month) => month.byFlag, words: flagWords },
  { id: "insight-outcome", title: W.insight.byOutcome, note: W.insight.outcomeNote, pick: (month) => month.byOutcome, words: outcomeWords },
  { id: "insight-agency", title: W.insight.byAgency, note: W.insight.agencyNote, pick: (month) => month.byAgency, words: (key) => key },
];

function seriesOf(months: readonly InsightMonth[], breakdown: Breakdown): Series[] {
  return keysOf(months, breakdown.pick)
    .filter((key) => (breakdown.shown?.(key) ?? false) || anyIn(months, breakdown.pick, key))
    .map((key) => ({ key, label: breakdown.words(key) }));
}


export function Insight({ insight, onOpen, meetingWord }: { insight: MaseInsight; onOpen?: (referralId: string) => void; meetingWord?: string | undefined }) {
  const styles = useStyles();
  const { links, monthly, counts } = insight;
  const inWindow = monthly.reduce((sum, month) => sum + month.total, 0);
  const range = monthly.length === 0 ? "" : `${monthWords(monthly[0]?.month ?? "")} to ${monthWords(monthly.at(-1)?.month ?? "")}`;

  return (
    <div className={styles.page}>
      <section aria-labelledby="insight-links-title">
        <h2 id="insight-links-title" style={{ fontSize: tokens.fontSizeBase500 }}>
          {W.insight.linksTitle}
        </h2>
        <Text as="p">
          {W.insight.linksHow}
        </Text>
        {counts.purged > 0 && (
          <Text as="p">
            {W.insight.purged(counts.purged)}
          </Text>
        )}
        {links.length === 0 ? (
          <Text as="p">{W.insight.noLinks(counts.referrals - counts.purged)}</Text>
        ) : (
          <ul className={styles.list}>
            {links.map((link) => (
              <li key={`${link.kind}:${link.value}`} className={styles.link}>
                <Text weight="semibold" className={styles.value}>
                  {link.value} <Caption1 className={styles.kind}>({kindWords(link.kind).toLowerCase()}, in {link.referrals.length} referrals: {link.why})</Caption1>
                </Text>
                <ul className={styles.references} aria-label={W.insight.mentioning(link.value)}>
                  {link.referrals.map((referral) => (
                    <li key={referral.id}>
                      {onOpen === undefined ? (
                        <Text>{referral.reference}</Text>
                      ) : (
                        <Button size="small" onClick={() => onOpen(referral.id)} aria-label={`Open referral ${referral.reference}`}>
                          {referral.reference}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="insight-months-title">
        <h2 id="insight-months-title" style={{ fontSize: tokens.fontSizeBase500 }}>
          {W.insight.byMonth}
        </h2>
        {inWindow === 0 ? (
          <Text as="p">{W.insight.noneInWindow(range)}</Text>
        ) : (
          <>
            <Text as="p">
              {W.insight.inWindow(inWindow, range)}
            </Text>
            <div className={styles.breakdowns}>
              {BREAKDOWNS.map((breakdown) => (
                <InsightBreakdown
                  key={breakdown.id}
                  id={breakdown.id}
                  title={breakdown.title}
                  {...(breakdown.note === undefined ? {} : { note: breakdown.note })}
                  months={monthly}
                  series={seriesOf(monthly, breakdown.id === "insight-outcome" ? { ...breakdown, words: outcomeWordsIn(meetingWord) } : breakdown)}
                  count={(month, key) => countOf(breakdown.pick(month), key)}
                />
              ))}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
