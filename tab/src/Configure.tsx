// The team tab's configuration page (issue 11, point 3): Teams shows it when the tab is added to a
// channel; saving points the tab at the triage board. Nothing to choose: the board shows the areas
// of whoever opens it (their roles), so the page only says what the tab will show.
import { Text } from "@fluentui/react-components";
import { pages } from "@microsoft/teams-js";
import { useEffect, useState } from "react";
import { Problem, useShared } from "./ui.tsx";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

export function Configure({ inTeams }: { inTeams: boolean }) {
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const shared = useShared();
  useEffect(() => {
    if (!inTeams) return;
    try {
      const base = `${window.location.origin}/tab/`;
      pages.config.registerOnSaveHandler((save) => {
        pages.config
          .setConfig({ entityId: "safeguard-board", contentUrl: `${base}?view=board`, websiteUrl: base, suggestedDisplayName: "Triage board" })
          .then(() => save.notifySuccess(), (error: unknown) => save.notifyFailure(error instanceof Error ? error.message : "not saved"));
      });
      pages.config.setValidityState(true);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : W.configure.notAccepted);
    }
  }, [inTeams]);
  return (
    <section aria-labelledby="configure-title" className={shared.stack}>
      <h2 id="configure-title" className={shared.h2}>
        {W.configure.title}
      </h2>
      <Text>{W.configure.intro}</Text>
      {!inTeams && <Text>{W.configure.notInTeams}</Text>}
      {failed !== undefined && <Problem>{failed}</Problem>}
    </section>
  );
}
