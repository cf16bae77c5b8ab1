// One breakdown of MASE insight's months (by category, flag, outcome or agency): a stacked bar
// chart and, below it, a table with the same numbers, since a chart is not readable by everyone.
// The table scrolls sideways inside a focusable region, so it works at 320 px and by keyboard.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { useLayoutEffect, useRef, useState } from "react";
import { Bar } from "react-chartjs-2";
import type { InsightMonth } from "../../src/http/api/contract.ts";
import { monthWords } from "../../src/words/insight-words.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

// Only what a bar chart with a legend and tooltips needs (react-chartjs-2's Bar registers its controller).
ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Okabe and Ito's colours, told apart with the common kinds of colour blindness; black is grey,
// to show on a dark theme. Past eight series the colours repeat: the table tells them apart.
const COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];

const useStyles = makeStyles({
  chart: { position: "relative", height: "18rem", maxWidth: "100%" },
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    marginTop: tokens.spacingVerticalS,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: tokens.strokeWidthThin },
  },
  table: { tableLayout: "auto", width: "auto", minWidth: "100%" },
  caption: { textAlign: "start", paddingBlock: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  number: { textAlign: "end", whiteSpace: "nowrap" },
  heading: { whiteSpace: "nowrap" },
  note: { display: "block", color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalS },
});

export type Series = { readonly key: string; readonly label: string };

/** The chart's one-line summary: what it shows, over which months, and the largest series. */
function summaryOf(title: string, months: readonly InsightMonth[], series: readonly Series[], count: (month: InsightMonth, key: string) => number): string {
  const range = months.length === 1 ? monthWords(months[0]?.month ?? "") : `${monthWords(months[0]?.month ?? "")} to ${monthWords(months.at(-1)?.month ?? "")}`;
  const total = months.reduce((sum, month) => sum + month.total, 0);
  const sums = series.map((item) => ({ label: item.label, sum: months.reduce((sum, month) => sum + count(month, item.key), 0) }));
  const most = Math.max(0, ...sums.map((item) => item.sum));
  const top = sums.filter((item) => item.sum === most).map((item) => item.label);
  const largest = most === 0 ? "" : W.insight.mostOften(top, most);
  return W.insight.chartSummary(title, range, total, largest);
}

/** The theme's text colour, read from the page, since a canvas cannot use Fluent's CSS variables. */
function useTextColour() {
  const ref = useRef<HTMLElement>(null);
  const [colour, setColour] = useState<string | undefined>(undefined);
  useLayoutEffect(() => {
    const current = ref.current === null ? undefined : getComputedStyle(ref.current).color;
    if (current !== colour) setColour(current);
  });
  return { ref, colour };
}

/** Whether a box is wider inside than it shows (a table that scrolls sideways), kept up to date as the window changes. */
function useOverflowing() {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, overflowing };
}

/** "rgb(36, 36, 36)" as a faint line colour for the grid; another form of colour is left to Chart.js's default. */
function faint(colour: string): string | undefined {
  const [red, green, blue] = colour.match(/\d+(?:\.\d+)?/g) ?? [];
  return blue === undefined ? undefined : `rgba(${red}, ${green}, ${blue}, 0.2)`;
}

export function InsightBreakdown(props: {
  id: string;
  title: string;
  note?: string;
  months: readonly InsightMonth[];
  series: readonly Series[];
  count: (month: InsightMonth, key: string) => number;
}) {
  const { id, title, note, months, series, count } = props;
  const styles = useStyles();
  const scroll = useOverflowing();
  const { ref, colour } = useTextColour();
  const data: ChartData<"bar", number[], string> = {
    labels: months.map((month) => monthWords(month.month, "short")),
    datasets: series.map((item, index) => ({
      label: item.label,
      data: months.map((month) => count(month, item.key)),
      backgroundColor: COLOURS[index % COLOURS.length],
    })),
  };
  const grid = colour === undefined ? undefined : { color: faint(colour) };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: colour,
    scales: {
      x: { stacked: true, ticks: { color: colour }, grid },
      y: { stacked: true, beginAtZero: true, ticks: { color: colour, precision: 0 }, grid },
    },
    plugins: { legend: { position: "bottom", labels: { color: colour, boxWidth: 12 } } },
  };
  const caption = W.insight.chartCaption(title);

  return (
    <section aria-labelledby={`${id}-title`} ref={ref}>
      <h3 id={`${id}-title`} style={{ fontSize: tokens.fontSizeBase400 }}>
        {title}
      </h3>
      {note !== undefined && <Text className={styles.note}>{note}</Text>}
      <div className={styles.chart}>
        <Bar data={data} options={options} aria-label={summaryOf(title, months, series, count)} fallbackContent={W.insight.chartFallback(title)} />
      </div>
      {/* On a narrow screen the table scrolls sideways; say so. */}
      {scroll.overflowing && <Text className={styles.note}>{W.insight.scrollCue}</Text>}
      <div ref={scroll.ref} className={styles.scroll} role="region" aria-label={W.insight.tableLabel(caption)} tabIndex={0}>
        <Table size="small" className={styles.table}>
          <caption className={styles.caption}>{caption}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col" className={styles.heading}>
                Month
              </TableHeaderCell>
              {series.map((item) => (
                <TableHeaderCell key={item.key} scope="col">
                  {item.label}
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col">All referrals</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {months.map((month) => (
              <TableRow key={month.month}>
                <TableHeaderCell scope="row" className={styles.heading}>
                  {monthWords(month.month)}
                </TableHeaderCell>
                {series.map((item) => (
                  <TableCell key={item.key} className={styles.number}>
                    {count(month, item.key)}
                  </TableCell>
                ))}
                <TableCell className={styles.number}>{month.total}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
