// The personal tab (issue 11): the guidance library, searchable, each entry naming its source.
// Fluent UI v9 gives Teams' look, its light, dark and high-contrast themes, and accessible parts.
import {
  FluentProvider, MessageBar, MessageBarBody, Spinner, Tab, TabList, Title2, makeStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Identity } from "./api.ts";
import { GuidanceLibrary } from "./GuidanceLibrary.tsx";
import { LocalSignIn } from "./LocalSignIn.tsx";
import { connectToTeams, type TeamsHost, type ThemeName } from "./teams.ts";

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  page: { minHeight: "100vh", padding: tokens.spacingHorizontalL, boxSizing: "border-box", maxWidth: "60rem", marginInline: "auto" },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
});

export function App() {
  const [theme, setTheme] = useState<ThemeName>("default");
  const [host, setHost] = useState<TeamsHost | undefined>(undefined);
  const [identity, setIdentity] = useState<Identity | undefined>(undefined);
  const styles = useStyles();

  useEffect(() => {
    void connectToTeams(setTheme).then((connected) => {
      setHost(connected);
      setTheme(connected.theme);
      if (connected.inTeams) setIdentity({ kind: "teams" });
    });
  }, []);

  return (
    <FluentProvider theme={THEMES[theme]}>
      <main className={styles.page}>
        <header className={styles.header}>
          <Title2 as="h1">SAFEGUARD</Title2>
          {/* DOMAIN.md §5: every card, and every page, carries the 999 line. */}
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>If a child is in immediate danger, call 999.</MessageBarBody>
          </MessageBar>
        </header>
        {host === undefined ? (
          <Spinner label="Opening…" />
        ) : (
          <>
            {!host.inTeams && <LocalSignIn identity={identity} onChange={setIdentity} />}
            <TabList selectedValue="guidance" aria-label="Sections">
              <Tab value="guidance">Guidance library</Tab>
            </TabList>
            <GuidanceLibrary identity={identity} />
          </>
        )}
      </main>
    </FluentProvider>
  );
}
