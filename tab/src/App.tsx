// The tab (issue 11): for everyone, the guided check with its referral, my referrals and the
// guidance library; for a triage lead, also the area's board and MASE insight. The personal tab
// opens on the check; the team tab (`?view=board`) on the board; `/tab/configure` is the team
// tab's configuration page. Fluent UI v9 gives Teams' look, its light, dark and high-contrast
// themes (following Teams' theme as it changes), and accessible parts.
import { FluentProvider, MessageBar, MessageBarBody, Spinner, Tab, TabList, Title2, makeStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { apiGet, messageOf, type Identity } from "./api.ts";
import { Board } from "./Board.tsx";
import { CheckForm } from "./CheckForm.tsx";
import { Configure } from "./Configure.tsx";
import { GuidanceLibrary } from "./GuidanceLibrary.tsx";
import { LocalSignIn } from "./LocalSignIn.tsx";
import { MyReferrals } from "./MyReferrals.tsx";
import { ReferralForm } from "./ReferralForm.tsx";
import { connectToTeams, type TeamsHost, type ThemeName } from "./teams.ts";
import { Problem } from "./ui.tsx";
import type { MeAnswer } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

// Chart.js is most of the page's weight and only triage leads see the charts: loaded when opened.
const InsightPage = lazy(() => import("./InsightPage.tsx").then((module) => ({ default: module.InsightPage })));

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  page: { minHeight: "100vh", padding: tokens.spacingHorizontalL, boxSizing: "border-box", maxWidth: "60rem", marginInline: "auto", "@media (max-width: 480px)": { padding: tokens.spacingHorizontalS } },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
  tabs: { flexWrap: "wrap", marginBottom: tokens.spacingVerticalM },
});

type Me = MeAnswer;
type Section = "check" | "mine" | "guidance" | "board" | "insight";

const initialSection = (): Section => (new URLSearchParams(window.location.search).get("view") === "board" ? "board" : "check");

export function App() {
  const [theme, setTheme] = useState<ThemeName>("default");
  const [host, setHost] = useState<TeamsHost | undefined>(undefined);
  const [identity, setIdentity] = useState<Identity | undefined>(undefined);
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [section, setSection] = useState<Section>(initialSection);
  const [referral, setReferral] = useState<{ checkId: string } | { unfinished: true } | undefined>(undefined);
  const [boardOpen, setBoardOpen] = useState<string | undefined>(undefined);
  const [sentCount, setSentCount] = useState(0);
  const styles = useStyles();
  const configuring = window.location.pathname.replace(/\/$/, "").endsWith("/configure");

  useEffect(() => {
    void connectToTeams(setTheme).then((connected) => {
      setHost(connected);
      setTheme(connected.theme);
      if (connected.inTeams) setIdentity({ kind: "teams" });
    });
  }, []);

  useEffect(() => {
    if (identity === undefined) return;
    setMe(undefined);
    setBoardOpen(undefined);
    setReferral(undefined);
    apiGet<Me>(identity, "/me").then(
      (answer) => {
        setMe(answer);
        setFailed(undefined);
      },
      (error: unknown) => setFailed(messageOf(error, W.app.signInFailed)),
    );
  }, [identity]);

  const onLocal = useCallback((next: Identity | undefined) => setIdentity(next), []);
  const isLead = (me?.triageAreas.length ?? 0) > 0;
  // DOMAIN.md §9 "MASE or MACE": the insight is named in the lead's areas' word for their meeting.
  const meetingWords = (me?.triageAreas ?? []).map((area) => area.meeting.word);
  const shown: Section = !isLead && (section === "board" || section === "insight") ? "check" : section;

  return (
    <FluentProvider theme={THEMES[theme]}>
      <main className={styles.page}>
        <header className={styles.header}>
          <Title2 as="h1">SAFEGUARD</Title2>
          {/* DOMAIN.md §5: every card, and every page, carries the 999 line. */}
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{W.app.emergency}</MessageBarBody>
          </MessageBar>
        </header>
        {host === undefined ? (
          <Spinner label="Opening…" />
        ) : configuring ? (
          <Configure inTeams={host.inTeams} />
        ) : (
          <>
            {!host.inTeams && <LocalSignIn identity={identity} onChange={onLocal} />}
            {failed !== undefined && <Problem>{failed}</Problem>}
            <nav aria-label={W.app.sections}>
              <TabList
                className={styles.tabs}
                selectedValue={shown}
                onTabSelect={(_event, data) => {
                  // "Triage board" pressed with a referral open goes back to the board.
                  if (data.value === "board") setBoardOpen(undefined);
                  setSection(data.value as Section);
                }}
              >
                <Tab value="check">{W.app.nav.check}</Tab>
                <Tab value="mine">{W.app.nav.mine}</Tab>
                <Tab value="guidance">{W.app.nav.guidance}</Tab>
                {isLead && <Tab value="board">{W.app.nav.board}</Tab>}
                {isLead && <Tab value="insight">{W.app.nav.insight(meetingWords)}</Tab>}
              </TabList>
            </nav>
            {shown === "check" &&
              (referral === undefined ? (
                <CheckForm identity={identity} onReferral={(checkId) => setReferral({ checkId })} />
              ) : (
                <ReferralForm
                  identity={identity}
                  start={referral}
                  onSent={() => setSentCount((count) => count + 1)}
                  onMyReferrals={() => {
                    setReferral(undefined);
                    setSection("mine");
                  }}
                />
              ))}
            {shown === "mine" && <MyReferrals identity={identity} refreshKey={sentCount} />}
            {shown === "guidance" && <GuidanceLibrary identity={identity} />}
            {shown === "board" && me !== undefined && <Board identity={identity} areas={me.triageAreas} openId={boardOpen} onOpen={setBoardOpen} />}
            {shown === "insight" && me !== undefined && (
              <Suspense fallback={<Spinner label={W.insight.loading(meetingWords)} />}>
              <InsightPage
                identity={identity}
                areas={me.triageAreas}
                onOpen={(id) => {
                  setBoardOpen(id);
                  setSection("board");
                }}
              />
              </Suspense>
            )}
          </>
        )}
      </main>
    </FluentProvider>
  );
}
