// The guidance library (issue 11, point 2a): every guidance entry, searchable with the same index
// the bot answers questions from, each naming its source.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, Card, CardHeader, Field, SearchBox, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useDeferredValue, useEffect, useState } from "react";
import { apiGet, type Identity } from "./api.ts";
import { GuidanceText } from "./markdown.tsx";
import type { GuidanceAnswer, GuidanceItem, SignArea, SignsAnswer } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

export type { GuidanceItem };

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalM, padding: 0, listStyle: "none" },
  source: { color: tokens.colorNeutralForeground2 },
});


/** The nine SAFEGUARD areas with every sign and what it can look like, as the bot's "Warning signs" cards. */
function WarningSigns({ identity }: { identity: Identity | undefined }) {
  const [areas, setAreas] = useState<readonly SignArea[] | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (identity === undefined) return;
    apiGet<SignsAnswer>(identity, "/signs").then(
      (answer) => setAreas(answer.areas),
      (error: unknown) => setFailed(error instanceof Error ? error.message : W.guidance.signsNotLoaded),
    );
  }, [identity]);
  return (
    <section aria-labelledby="signs-title">
      <h3 id="signs-title" style={{ fontSize: tokens.fontSizeBase400 }}>
        {W.guidance.signsTitle}
      </h3>
      {failed !== undefined && <Text role="alert">{failed}</Text>}
      {areas !== undefined && (
        <Accordion multiple collapsible>
          {areas.map((area) => (
            <AccordionItem key={area.id} value={area.id}>
              <AccordionHeader as="h4">
                {area.letter}: {area.title}
              </AccordionHeader>
              <AccordionPanel>
                <ul style={{ margin: 0, paddingInlineStart: tokens.spacingHorizontalXL }}>
                  {area.signs.map((sign) => (
                    <li key={sign.label}>
                      <strong>{sign.label}</strong>. {sign.looksLike}
                    </li>
                  ))}
                </ul>
                <Caption1>{area.source}</Caption1>
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </section>
  );
}

export function GuidanceLibrary({ identity }: { identity: Identity | undefined }) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const [items, setItems] = useState<readonly GuidanceItem[] | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const styles = useStyles();

  useEffect(() => {
    if (identity === undefined) return;
    let current = true;
    const search = deferred.trim() === "" ? "" : `&q=${encodeURIComponent(deferred.trim())}`;
    apiGet<GuidanceAnswer>(identity, `/guidance?limit=100${search}`).then(
      (answer) => {
        if (!current) return;
        setItems(answer.items);
        setFailed(undefined);
      },
      (error: unknown) => current && setFailed(error instanceof Error ? error.message : W.guidance.notLoaded),
    );
    return () => {
      current = false;
    };
  }, [identity, deferred]);

  return (
    <section aria-labelledby="guidance-title">
      <h2 id="guidance-title" style={{ fontSize: tokens.fontSizeBase500 }}>
        Guidance library
      </h2>
      <WarningSigns identity={identity} />
      <h3 style={{ fontSize: tokens.fontSizeBase400 }}>{W.guidance.everyEntry}</h3>
      <Field label={W.guidance.search}>
        <SearchBox value={query} onChange={(_event, data) => setQuery(data.value)} placeholder={W.guidance.searchExample} />
      </Field>
      {failed !== undefined && <Text role="alert">{failed}</Text>}
      {items === undefined && failed === undefined ? (
        <Spinner label={W.guidance.loading} />
      ) : (
        <ul className={styles.list} aria-live="polite">
          {(items ?? []).map((item) => (
            <li key={item.id}>
              <Card>
                <CardHeader header={<Subtitle2 as="h4">{item.title}</Subtitle2>} />
                <div style={{ fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 }}>
                  <GuidanceText body={item.body} />
                </div>
                <Caption1 className={styles.source}>Source: {item.source}</Caption1>
              </Card>
            </li>
          ))}
          {items !== undefined && items.length === 0 && <li>{W.guidance.noMatch}</li>}
        </ul>
      )}
    </section>
  );
}
