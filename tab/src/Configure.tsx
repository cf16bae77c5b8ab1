// The team tab's configuration page (issue 11, point 3): Teams shows it when the tab is added to a
// channel; saving points the tab at the triage board. Nothing to choose: the board shows the areas
// of whoever opens it (their roles), so the page only says what the tab will show.
import { Text } from "@fluentui/react-components";
import { pages } from "@microsoft/teams-js";
import { useEffect, useState } from "react";
import { Problem, useShared } from "./ui.tsx";

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
      setFailed(error instanceof Error ? error.message : "Teams did not accept the tab.");
    }
  }, [inTeams]);
  return (
    <section aria-labelledby="configure-title" className={shared.stack}>
      <h2 id="configure-title" className={shared.h2}>
        Add the triage board to this channel
      </h2>
      <Text>The tab shows the referrals of the areas whose triage team you are in, with their filters and actions. Anyone else who opens it sees that it is for triage teams only.</Text>
      {!inTeams && <Text>This page is for Teams: open it by adding the SAFEGUARD app's tab to a channel.</Text>}
      {failed !== undefined && <Problem>{failed}</Problem>}
    </section>
  );
}
