// My referrals (issue 11, point 2c): each referral I sent, where it is, what the front door told
// me, and the question they asked me, answerable here as in the chat. An answer that cannot be
// sent (they stopped waiting) is kept on the page, not lost.
import { Badge, Button, Caption1, Field, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { ApiFailure, apiCall, apiGet, messageOf, type Identity } from "./api.ts";
import { ContactSections, Notice, Problem, ReadOnlySections, useShared, type ContactSection, type ReadOnlySection } from "./ui.tsx";
import type { AnsweredAnswer, MineAnswer, MineItem, MyReferralAnswer } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

type Item = MineItem;
type Mine = MyReferralAnswer;

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: "none" },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start", textAlign: "start", width: "100%", height: "auto", padding: tokens.spacingHorizontalM, whiteSpace: "normal" },
});

function Detail({ identity, id, onBack, onChanged }: { identity: Identity | undefined; id: string; onBack: () => void; onChanged: () => void }) {
  const [referral, setReferral] = useState<Mine | undefined>(undefined);
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [told, setTold] = useState<string | undefined>(undefined);
  const shared = useShared();

  const load = useCallback(() => {
    apiGet<Mine>(identity, `/referrals/${id}`).then(setReferral, (error: unknown) => setFailed(messageOf(error, W.common.referralNotLoaded)));
  }, [identity, id]);
  useEffect(load, [load]);

  const send = () => {
    setBusy(true);
    setTold(undefined);
    apiCall<AnsweredAnswer>(identity, "POST", `/referrals/${id}/answer`, { answer })
      .then(
        (sent) => {
          setTold(sent.message);
          setAnswer("");
          setFailed(undefined);
          load();
          onChanged();
        },
        (error: unknown) => {
          // The answer stays in the box whatever happened.
          setFailed(messageOf(error, W.mine.answerNotSent));
          if (error instanceof ApiFailure && error.error.code === "not-waiting") load();
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="my-referral-title" className={shared.stack}>
      <div>
        <Button onClick={onBack}>{W.mine.back}</Button>
      </div>
      {referral === undefined ? (
        failed === undefined ? <Spinner label={W.common.loadingReferral} /> : <Problem>{failed}</Problem>
      ) : (
        <>
          <h2 id="my-referral-title" tabIndex={-1} className={shared.h2}>
            {referral.reference} to {referral.areaName}
          </h2>
          <Text>
            <strong>{referral.statusText}</strong> · submitted {referral.submittedText}
          </Text>
          {referral.delivered ? (
            <Text>{referral.deliveryText}</Text>
          ) : (
            <>
              <Notice intent="warning">{referral.deliveryText}</Notice>
              <ContactSections sections={referral.contactSections} level={3} />
            </>
          )}
          {told !== undefined && <Notice intent="success">{told}</Notice>}
          {referral.question !== null && (
            <form noValidate
              className={shared.stack}
              onSubmit={(event) => {
                event.preventDefault();
                send();
              }}
            >
              <Notice intent="warning">
                <strong>{W.mine.asks}</strong> {referral.question}
              </Notice>
              {failed !== undefined && <Problem>{failed}</Problem>}
              <Field label={W.mine.answer}>
                <Textarea value={answer} maxLength={2000} resize="vertical" onChange={(_event, data) => setAnswer(data.value)} />
              </Field>
              <div className={shared.row}>
                <Button appearance="primary" type="submit" disabled={busy || answer.trim() === ""}>
                  Send answer
                </Button>
                {busy && <Spinner size="tiny" label="Sending…" />}
              </div>
            </form>
          )}
          {referral.question === null && failed !== undefined && (
            <>
              <Problem>{failed}</Problem>
              {answer !== "" && (
                <Field label={W.mine.answerKept}>
                  <Textarea value={answer} readOnly resize="vertical" />
                </Field>
              )}
            </>
          )}
          <h3 className={shared.h3}>{W.mine.told}</h3>
          {referral.updates.length === 0 ? (
            <Text>{W.mine.nothingYet}</Text>
          ) : (
            <ol className={shared.list}>
              {referral.updates.map((update) => (
                <li key={update.at}>{update.text}</li>
              ))}
            </ol>
          )}
          {referral.purged !== "" && <Text>{referral.purged}</Text>}
          {referral.sections !== null && (
            <>
              <h3 className={shared.h3}>{W.mine.sent}</h3>
              <ReadOnlySections sections={referral.sections} level={4} />
            </>
          )}
        </>
      )}
    </section>
  );
}

export function MyReferrals({ identity, refreshKey }: { identity: Identity | undefined; refreshKey: number }) {
  const [items, setItems] = useState<readonly Item[] | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [changed, setChanged] = useState(0);
  const styles = useStyles();
  const shared = useShared();

  useEffect(() => {
    if (identity === undefined) return;
    apiGet<MineAnswer>(identity, "/referrals?view=mine&limit=100").then(
      (answer) => {
        setItems(answer.items);
        setFailed(undefined);
      },
      (error: unknown) => setFailed(messageOf(error, W.mine.notLoaded)),
    );
  }, [identity, refreshKey, changed, open]);

  if (open !== undefined) return <Detail identity={identity} id={open} onBack={() => setOpen(undefined)} onChanged={() => setChanged((count) => count + 1)} />;
  return (
    <section aria-labelledby="mine-title" className={shared.stack}>
      <h2 id="mine-title" className={shared.h2}>
        My referrals
      </h2>
      {failed !== undefined && <Problem>{failed}</Problem>}
      {items === undefined && failed === undefined && <Spinner label={W.mine.loading} />}
      {items !== undefined && items.length === 0 && <Text>{W.mine.none}</Text>}
      {items !== undefined && items.length > 0 && (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.id}>
              <Button className={styles.item} onClick={() => setOpen(item.id)} aria-label={W.mine.itemLabel(item.reference, item.areaName, item.delivered, item.statusText, item.waitingForYou)}>
                <Text weight="semibold">
                  {item.reference} · {item.areaName}
                </Text>
                <Text>
                  {item.statusText} · {item.categoryText}
                </Text>
                <Caption1>Submitted {item.submittedText}</Caption1>
                {!item.delivered && (
                  <>
                    <Badge appearance="filled" color="danger">
                      Not delivered
                    </Badge>
                    <Text>{item.deliveryText}</Text>
                  </>
                )}
                {item.waitingForYou && (
                  <Badge appearance="filled" color="warning">
                    {W.mine.question}
                  </Badge>
                )}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
