// The referral as a web form (issue 11, point 2b): the referral service the bot's cards use, one
// section at a time as the server describes it (labels, hints, limits, what was typed, each problem
// beside its field); then the review, then the confirmation with the reference and who to phone.
// Moving between sections saves what was typed; nothing typed is lost when a call fails.
import { Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { apiCall, messageOf, type Identity } from "./api.ts";
import { ContactSections, FieldInput, Notice, Problem, ReadOnlySections, useShared, type ContactSection, type FieldData, type ReadOnlySection } from "./ui.tsx";
import type { DraftAnswer, FormStage, ReviewStage, SentStage } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

export type DraftStage = DraftAnswer;

const useStyles = makeStyles({
  sections: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, padding: 0, margin: 0, listStyle: "none" },
  entry: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

const valuesOf = (stage: FormStage): Record<string, string> =>
  Object.fromEntries([...stage.fields, ...(stage.list?.entries.flatMap((entry) => entry.fields) ?? [])].map((field) => [field.id, field.value]));

export function ReferralForm({ identity, start, onSent, onMyReferrals }: { identity: Identity | undefined; start: { checkId: string } | { unfinished: true }; onSent: () => void; onMyReferrals: () => void }) {
  const [stage, setStage] = useState<DraftStage | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const styles = useStyles();
  const shared = useShared();

  const show = (next: DraftStage) => {
    setStage(next);
    if (next.stage === "form") setValues(valuesOf(next));
    if (next.stage === "sent") onSent();
    setFailed(undefined);
    document.getElementById("referral-heading")?.focus();
  };

  useEffect(() => {
    if (identity === undefined) return;
    const call = "checkId" in start ? apiCall<DraftStage>(identity, "POST", "/referral-drafts", { checkId: start.checkId }) : apiCall<DraftStage>(identity, "GET", "/referral-drafts/unfinished");
    call.then(show, (error: unknown) => setFailed(messageOf(error, W.referral.notOpened)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, start]);

  const act = (body: Record<string, unknown>) => {
    if (identity === undefined || stage === undefined || stage.stage === "sent") return;
    setBusy(true);
    const inputs = stage.stage === "form" ? Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== "")) : {};
    // A list's entries are all on the page: each one's empty fields are read as cleared.
    const shown = stage.stage === "form" && stage.list !== null ? { shown: { from: 0, to: stage.list.entries.length } } : {};
    apiCall<DraftStage>(identity, "POST", `/referral-drafts/${stage.draftId}/actions`, { version: stage.version, inputs, ...shown, ...body })
      .then(show, (error: unknown) => setFailed(messageOf(error, W.common.notThrough)))
      .finally(() => setBusy(false));
  };

  const heading = (
    <h2 id="referral-heading" tabIndex={-1} className={shared.h2}>
      {W.referral.title}
    </h2>
  );
  if (stage === undefined) {
    return (
      <section aria-labelledby="referral-heading" className={shared.stack}>
        {heading}
        {failed === undefined ? <Spinner label={W.referral.opening} /> : <Problem>{failed}</Problem>}
      </section>
    );
  }

  if (stage.stage === "sent") {
    const { sent } = stage;
    return (
      <section aria-labelledby="referral-heading" className={shared.stack}>
        {heading}
        <Notice intent="success">
          Your referral {sent.reference} was submitted. {sent.where}
        </Notice>
        {sent.warnings.map((warning) => (
          <Notice key={warning.text} intent="warning">
            {warning.text}
          </Notice>
        ))}
        <Subtitle2 as="h3">{W.referral.frontDoorOf(sent.areaName)}</Subtitle2>
        {sent.noContact !== "" && <Text>{sent.noContact}</Text>}
        <ContactSections sections={sent.sections} />
        <div>
          <Button appearance="primary" onClick={onMyReferrals}>
            {W.referral.seeMine}
          </Button>
        </div>
      </section>
    );
  }

  const carried = (
    <Caption1 block>
      {W.referral.fromCheck} {stage.carried.join(" · ")}
    </Caption1>
  );

  if (stage.stage === "review") {
    return (
      <section aria-labelledby="referral-heading" className={shared.stack}>
        {heading}
        <Subtitle2 as="p">{W.referral.checkThenSend}</Subtitle2>
        {carried}
        {failed !== undefined && <Problem>{failed}</Problem>}
        <ReadOnlySections sections={stage.review} />
        <div className={shared.row}>
          <Button appearance="primary" onClick={() => act({ verb: "referral.submit" })} disabled={busy}>
            Submit referral
          </Button>
          <Button onClick={() => act({ verb: "referral.edit", section: "essentials" })} disabled={busy}>
            Change something
          </Button>
          {busy && <Spinner size="tiny" label="Sending…" />}
        </div>
      </section>
    );
  }

  const current = stage.sections.find((section) => section.id === stage.section);
  const set = (id: string, value: string) => setValues((before) => ({ ...before, [id]: value }));
  return (
    <section aria-labelledby="referral-heading" className={shared.stack}>
      {heading}
      {carried}
      <nav aria-label={W.referral.sections}>
        <ul className={styles.sections}>
          {stage.sections.map((section) => (
            <li key={section.id}>
              <Button
                size="small"
                appearance={section.id === stage.section ? "primary" : "secondary"}
                aria-current={section.id === stage.section ? "step" : undefined}
                onClick={() => act({ verb: "referral.section", section: section.id })}
                disabled={busy}
              >
                {section.title}
                {section.issues > 0 ? ` (${section.issues} to fix)` : ""}
              </Button>
            </li>
          ))}
        </ul>
      </nav>
      <Subtitle2 as="h3">{current?.title}</Subtitle2>
      {stage.notice !== "" && <Notice intent="warning">{stage.notice}</Notice>}
      {stage.issues.length > 0 && <Problem>{W.referral.toFix(stage.issues.length, stage.sections.some((section) => section.id !== stage.section && section.issues > 0))}</Problem>}
      {failed !== undefined && <Problem>{failed}</Problem>}
      <form noValidate
        className={shared.stack}
        onSubmit={(event) => {
          event.preventDefault();
          act({ verb: "referral.review" });
        }}
      >
        {stage.fields.map((field) => (
          <FieldInput key={field.id} field={{ ...field }} value={values[field.id] ?? ""} onChange={(value) => set(field.id, value)} />
        ))}
        {stage.list !== null && (
          <>
            {stage.list.entries.length === 0 && <Text>{W.referral.noneAdded}</Text>}
            {stage.list.entries.map((entry) => (
              <fieldset key={entry.index} className={styles.entry}>
                <legend>
                  <Text weight="semibold">{entry.title}</Text>
                </legend>
                {entry.fields.map((field) => (
                  <FieldInput key={field.id} field={field} value={values[field.id] ?? ""} onChange={(value) => set(field.id, value)} />
                ))}
                <div>
                  <Button size="small" onClick={() => act({ verb: "referral.remove", group: stage.list?.group, index: entry.index })} disabled={busy}>
                    Remove {entry.title.toLowerCase()}
                  </Button>
                </div>
              </fieldset>
            ))}
            {stage.list.entries.length < stage.list.max ? (
              <div>
                <Button onClick={() => act({ verb: "referral.add", group: stage.list?.group })} disabled={busy}>
                  {stage.list.add}
                </Button>
              </div>
            ) : (
              <Text>{stage.list.full}</Text>
            )}
          </>
        )}
        <div className={shared.row}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {W.referral.review}
          </Button>
          {busy && <Spinner size="tiny" label="Saving…" />}
        </div>
        <Caption1>{W.referral.saved}</Caption1>
      </form>
    </section>
  );
}
