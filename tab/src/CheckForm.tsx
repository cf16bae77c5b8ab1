// The guided check as a web form (issue 11, point 2b): the same check service and the same steps
// as the bot's cards, fed with the card's own data (cards/check-views.ts) so every word, choice and
// rule comes from the server. Whatever was typed stays on the page until the server answers, and
// the server keeps it (with the problem beside its field) when it does not validate.
import { Button, Caption1, Checkbox, Field, Input, Radio, RadioGroup, Select, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { apiCall, messageOf, type Identity } from "./api.ts";
import { ContactLines, Notice, Problem, useShared, type Contact } from "./ui.tsx";
import type { CheckAnswer, CheckCardData, CheckQuestion, CheckStep } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

type Question = CheckQuestion;
type Step = CheckStep;
type Card = CheckCardData;
export type CheckView = CheckAnswer;

const ANSWERS = [
  { value: "yes", title: "Yes" },
  { value: "no", title: "No" },
  { value: "unsure", title: "Not sure" },
] as const;

const useStyles = makeStyles({
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  step: { borderInlineStartWidth: "4px", borderInlineStartStyle: "solid", borderInlineStartColor: tokens.colorBrandStroke1, paddingInlineStart: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  category: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

function QuestionField({ question, value, onChange }: { question: Question; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={question.text} {...(question.error === "" ? {} : { validationState: "error" as const, validationMessage: question.error })}>
      <RadioGroup layout="horizontal" value={value} onChange={(_event, data) => onChange(data.value)}>
        {ANSWERS.map((answer) => (
          <Radio key={answer.value} value={answer.value} label={answer.title} />
        ))}
      </RadioGroup>
    </Field>
  );
}

function StepList({ steps, start }: { steps: readonly Step[]; start: number }) {
  const styles = useStyles();
  return (
    <ol start={start} style={{ margin: 0, paddingInlineStart: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM }}>
      {steps.map((step) => (
        <li key={step.number} className={styles.step}>
          <Text weight="semibold">
            {step.number}. {step.urgencyText}: {step.serviceName}
          </Text>
          <Text>{step.text}</Text>
          {step.contacts.length > 0 && <ContactLines contacts={step.contacts} />}
          {step.note !== "" && <Caption1>{step.note}</Caption1>}
        </li>
      ))}
    </ol>
  );
}

function Result({ card }: { card: Card }) {
  const styles = useStyles();
  const shared = useShared();
  return (
    <div className={shared.stack}>
      {(card.offences ?? []).map((offence) => (
        <Notice key={offence.title} intent="warning">
          <strong>{offence.title}</strong> {offence.text}
        </Notice>
      ))}
      <div>
        <Caption1 block>{W.check.resultFor} {card.areaName}</Caption1>
        <Text className={styles.category} as="p" block>
          {card.categoryText}
        </Text>
        {card.categoryMeaning !== "" && <Text block>{card.categoryMeaning}</Text>}
        {card.localLabel !== "" && <Text block>{card.localLabel}</Text>}
        {card.unconfirmed !== "" && <Text block weight="semibold">{card.unconfirmed}</Text>}
        <Caption1 block>{card.noticesInBrief}</Caption1>
      </div>
      <h3 className={shared.h3}>{W.check.whatToDo}</h3>
      <StepList steps={card.firstSteps ?? []} start={1} />
      {(card.flags ?? []).length > 0 && (
        <>
          <h3 className={shared.h3}>Also</h3>
          <ul className={shared.list}>
            {(card.flags ?? []).map((flag) => (
              <li key={flag.title}>
                <strong>{flag.title}</strong> {flag.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {(card.laterSteps ?? []).length > 0 && (
        <>
          <h3 className={shared.h3}>Then</h3>
          <StepList steps={card.laterSteps ?? []} start={(card.firstSteps ?? []).length + 1} />
        </>
      )}
      <h3 className={shared.h3}>{W.check.whatever}</h3>
      <ul className={shared.list}>
        {(card.alwaysDo ?? []).map((line) => (
          <li key={line.id}>{line.text}</li>
        ))}
      </ul>
      {card.notices !== "" && <Caption1 block>{card.notices}</Caption1>}
      {card.source !== "" && <Caption1 block>{card.source}</Caption1>}
    </div>
  );
}

/** The inputs a step sends, from the card's data: what the server last held, then what was typed since. */
function initialInputs(view: CheckView): Record<string, string> {
  const { card } = view;
  const inputs: Record<string, string> = {};
  if (view.step === "context" && card.fields !== undefined) {
    for (const id of ["area", "age", "lookedAfter", "placedOutOfArea", "missingEpisodes90d"]) inputs[id] = card.fields[id]?.value ?? "";
    if (card.fields.immediateDanger !== undefined) inputs["q_immediateDanger"] = card.fields.immediateDanger.answer;
  }
  if (view.step === "signs") for (const domain of card.domains ?? []) inputs[`signs_${domain.id}`] = domain.selected;
  if (view.step === "questions") for (const question of [...(card.questions ?? []), ...(card.followUps ?? [])]) inputs[`q_${question.id}`] = question.answer;
  return inputs;
}

export function CheckForm({ identity, onReferral }: { identity: Identity | undefined; onReferral: (checkId: string) => void }) {
  const [view, setView] = useState<CheckView | undefined>(undefined);
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const styles = useStyles();
  const shared = useShared();

  const show = useCallback((next: CheckView) => {
    setView(next);
    setInputs(initialInputs(next));
    setFailed(undefined);
    document.getElementById("check-progress")?.focus();
  }, []);

  const start = useCallback(() => {
    if (identity === undefined) return;
    setBusy(true);
    apiCall<CheckView>(identity, "POST", "/checks")
      .then(show, (error: unknown) => setFailed(messageOf(error, W.check.notStarted)))
      .finally(() => setBusy(false));
  }, [identity, show]);

  useEffect(() => {
    setView(undefined);
  }, [identity]);

  const press = (verb: string) => {
    if (identity === undefined || view === undefined) return;
    setBusy(true);
    // What was typed stays on the page if the call fails.
    apiCall<CheckView>(identity, "POST", `/checks/${view.checkId}/actions`, { version: view.version, verb, inputs: verb === "check.restart" ? {} : inputs })
      .then(show, (error: unknown) => setFailed(messageOf(error, W.common.notThrough)))
      .finally(() => setBusy(false));
  };
  const set = (id: string, value: string) => setInputs((current) => ({ ...current, [id]: value }));

  if (view === undefined) {
    return (
      <section aria-labelledby="check-title" className={shared.stack}>
        <h2 id="check-title" className={shared.h2}>
          {W.check.title}
        </h2>
        <Text>{W.check.intro}</Text>
        {failed !== undefined && <Problem>{failed}</Problem>}
        <div>
          <Button appearance="primary" onClick={start} disabled={busy || identity === undefined}>
            {W.check.start}
          </Button>
        </div>
      </section>
    );
  }

  const { card } = view;
  const fields = card.fields;
  return (
    <section aria-labelledby="check-title" className={shared.stack}>
      <h2 id="check-title" className={shared.h2}>
        {W.check.title}
      </h2>
      <Subtitle2 id="check-progress" tabIndex={-1} as="p">
        {card.progress}
      </Subtitle2>
      {card.notice !== "" && <Notice intent="warning">{card.notice}</Notice>}
      {failed !== undefined && <Problem>{failed}</Problem>}
      <form noValidate
        className={shared.stack}
        onSubmit={(event) => {
          event.preventDefault();
          press(`check.${view.step}`);
        }}
      >
        {view.step === "context" && fields !== undefined && (
          <>
            {fields.immediateDanger !== undefined && <QuestionField question={fields.immediateDanger} value={inputs["q_immediateDanger"] ?? ""} onChange={(value) => set("q_immediateDanger", value)} />}
            <Text>{W.check.aboutChild}</Text>
            <Field label={W.check.area} {...(fields["area"]?.error ? { validationState: "error" as const, validationMessage: fields["area"].error } : {})}>
              <Select className={shared.shrink} value={inputs["area"] ?? ""} onChange={(_event, data) => set("area", data.value)}>
                <option value="">{W.check.chooseArea}</option>
                {(card.areas ?? []).map((area) => (
                  <option key={area.value} value={area.value}>
                    {area.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={W.check.age} {...(fields["age"]?.error ? { validationState: "error" as const, validationMessage: fields["age"].error } : {})}>
              <Input inputMode="numeric" value={inputs["age"] ?? ""} maxLength={3} onChange={(_event, data) => set("age", data.value)} />
            </Field>
            <Checkbox label={W.check.lookedAfter} checked={inputs["lookedAfter"] === "true"} onChange={(_event, data) => set("lookedAfter", data.checked === true ? "true" : "false")} />
            <Checkbox label={W.check.placedOutOfArea} checked={inputs["placedOutOfArea"] === "true"} onChange={(_event, data) => set("placedOutOfArea", data.checked === true ? "true" : "false")} />
            <Field label={W.check.missing} {...(fields["missingEpisodes90d"]?.error ? { validationState: "error" as const, validationMessage: fields["missingEpisodes90d"].error } : {})}>
              <Input inputMode="numeric" value={inputs["missingEpisodes90d"] ?? ""} maxLength={3} onChange={(_event, data) => set("missingEpisodes90d", data.value)} />
            </Field>
          </>
        )}
        {view.step === "signs" && (
          <>
            {fields?.["signs"]?.error ? <Problem>{fields["signs"].error}</Problem> : null}
            <Text>{W.check.signsHint}</Text>
            {(card.domains ?? []).map((domain) => {
              const ticked = new Set((inputs[`signs_${domain.id}`] ?? "").split(",").filter((id) => id !== ""));
              return (
                <fieldset key={domain.id} className={styles.fieldset}>
                  <legend className={styles.legend}>
                    {domain.letter}: {domain.title}
                  </legend>
                  {domain.signs.map((sign) => (
                    <Checkbox
                      key={sign.id}
                      label={sign.label}
                      checked={ticked.has(sign.id)}
                      onChange={(_event, data) => {
                        const next = new Set(ticked);
                        if (data.checked === true) next.add(sign.id);
                        else next.delete(sign.id);
                        set(`signs_${domain.id}`, [...next].join(","));
                      }}
                    />
                  ))}
                </fieldset>
              );
            })}
          </>
        )}
        {view.step === "questions" && (
          <>
            {(card.questions ?? []).map((question) => (
              <QuestionField key={question.id} question={question} value={inputs[`q_${question.id}`] ?? ""} onChange={(value) => set(`q_${question.id}`, value)} />
            ))}
            {(card.followUps ?? []).length > 0 && <Subtitle2 as="h3">{W.check.followUps}</Subtitle2>}
            {(card.followUps ?? []).map((question) => (
              <QuestionField key={question.id} question={question} value={inputs[`q_${question.id}`] ?? ""} onChange={(value) => set(`q_${question.id}`, value)} />
            ))}
          </>
        )}
        {view.step === "result" && <Result card={card} />}
        <div className={shared.row}>
          {view.step !== "result" && (
            <Button appearance="primary" type="submit" disabled={busy}>
              Continue
            </Button>
          )}
          {view.step === "result" && (
            <Button appearance="primary" onClick={() => onReferral(view.checkId)} disabled={busy}>
              {W.check.makeReferral}
            </Button>
          )}
          {view.step !== "context" && (
            <Button onClick={() => press("check.back")} disabled={busy}>
              Back
            </Button>
          )}
          <Button onClick={() => press("check.restart")} disabled={busy}>
            Start again
          </Button>
          {busy && <Spinner size="tiny" label="Sending…" />}
        </div>
      </form>
    </section>
  );
}
