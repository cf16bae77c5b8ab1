// MASE insight (in the area's word for its meeting, DOMAIN.md §9) for a triage lead's areas: loads /insight and shows it; a
// referral's reference opens it on the board.
import { Field, Select, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { InsightAnswer as MaseInsight, MeArea } from "../../src/http/api/contract.ts";
import { apiGet, messageOf, type Identity } from "./api.ts";
import { Insight } from "./Insight.tsx";
import { Problem, useShared } from "./ui.tsx";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

export function InsightPage({ identity, areas, onOpen }: { identity: Identity | undefined; areas: readonly MeArea[]; onOpen: (referralId: string) => void }) {
  const [area, setArea] = useState(areas[0]?.id ?? "");
  const [insight, setInsight] = useState<MaseInsight | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const shared = useShared();
  const chosen = areas.find((candidate) => candidate.id === area);
  const words = (chosen === undefined ? areas : [chosen]).map((candidate) => candidate.meeting.word);

  useEffect(() => {
    setInsight(undefined);
    apiGet<MaseInsight>(identity, `/insight?months=12${area === "" ? "" : `&area=${encodeURIComponent(area)}`}`).then(
      (answer) => {
        setInsight(answer);
        setFailed(undefined);
      },
      (error: unknown) => setFailed(messageOf(error, W.insight.notLoaded(words))),
    );
  }, [identity, area]);

  return (
    <section aria-labelledby="insight-title" className={shared.stack}>
      <h2 id="insight-title" className={shared.h2}>
        {W.insight.title(words)}
      </h2>
      <Text>{W.insight.intro(chosen?.meeting.name ?? W.insight.seedsMeeting, chosen?.name ?? W.insight.yourArea)}</Text>
      {areas.length > 1 && (
        <Field label="Area">
          <Select className={shared.shrink} value={area} onChange={(_event, data) => setArea(data.value)}>
            {areas.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {failed !== undefined && <Problem>{failed}</Problem>}
      {insight === undefined ? failed === undefined && <Spinner label={W.insight.loading(words)} /> : <Insight insight={insight} onOpen={onOpen} meetingWord={chosen?.meeting.word} />}
    </section>
  );
}
