// The triage board (issue 11, point 3): every referral of the lead's areas, sorted by deadline,
// with filters; each opens its full detail with the same actions as the channel card (the same
// triage service answers both), its history, possible earlier referrals, and the PDF download.
import { Badge, Button, Caption1, Checkbox, Field, Input, Select, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { apiCall, apiDownload, apiGet, messageOf, type Identity } from "./api.ts";
import { Notice, Problem, ReadOnlySections, useShared, type ReadOnlySection } from "./ui.tsx";
import type { BoardAnswer, BoardFiltersAnswer, BoardItem, Option as ContractOption, TriageReferralAnswer } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";

type Option = ContractOption;
type Filters = BoardFiltersAnswer;
type Item = BoardItem;
type Page = BoardAnswer;
type TriageDetail = TriageReferralAnswer;

const useStyles = makeStyles({
  // Grid items and selects may shrink below their longest option, so nothing is wider than a 320 px screen.
  filters: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(min(11rem, 100%), 1fr))", gap: tokens.spacingHorizontalM, alignItems: "end", "& > *": { minWidth: 0 } },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: "none" },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start", textAlign: "start", width: "100%", height: "auto", padding: tokens.spacingHorizontalM, whiteSpace: "normal" },
  panel: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

function FilterSelect({ label, any, value, options, onChange }: { label: string; any: string; value: string; options: readonly Option[]; onChange: (event: unknown, data: { value: string }) => void }) {
  const shared = useShared();
  return (
    <Field label={label}>
      <Select className={shared.shrink} value={value} onChange={onChange}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.title}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function Detail({ identity, id, onBack }: { identity: Identity | undefined; id: string; onBack: () => void }) {
  const [detail, setDetail] = useState<TriageDetail | undefined>(undefined);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const shared = useShared();
  const styles = useStyles();

  useEffect(() => {
    apiGet<TriageDetail>(identity, `/referrals/${id}`).then(setDetail, (error: unknown) => setFailed(messageOf(error, W.common.referralNotLoaded)));
  }, [identity, id]);

  const act = (verb: string, keys: readonly string[] = []) => {
    if (detail === undefined) return;
    setBusy(true);
    const inputs = Object.fromEntries(keys.map((key) => [key, typed[key] ?? ""]));
    apiCall<TriageDetail>(identity, "POST", `/referrals/${id}/actions`, { version: detail.version, verb, inputs })
      .then(
        (next) => {
          setDetail(next);
          setFailed(undefined);
          // What was typed for a move that went through is done with; a refused one keeps it.
          if (next.version !== detail.version) setTyped((before) => Object.fromEntries(Object.entries(before).filter(([key]) => !keys.includes(key))));
        },
        (error: unknown) => setFailed(messageOf(error, W.common.notThrough)),
      )
      .finally(() => setBusy(false));
  };
  const download = () => {
    setBusy(true);
    apiDownload(identity, `/referrals/${id}/pdf`)
      .then(() => apiGet<TriageDetail>(identity, `/referrals/${id}`).then(setDetail))
      .catch((error: unknown) => setFailed(messageOf(error, W.board.pdfNotMade)))
      .finally(() => setBusy(false));
  };
  const set = (key: string) => (value: string) => setTyped((before) => ({ ...before, [key]: value }));

  return (
    <section aria-labelledby="triage-title" className={shared.stack}>
      <div>
        <Button onClick={onBack}>{W.board.back}</Button>
      </div>
      {detail === undefined ? (
        failed === undefined ? <Spinner label={W.common.loadingReferral} /> : <Problem>{failed}</Problem>
      ) : (
        <>
          <h2 id="triage-title" className={shared.h2}>
            {detail.reference} · {detail.areaName}
          </h2>
          {detail.note !== "" && <Notice intent="warning">{detail.note}</Notice>}
          {failed !== undefined && <Problem>{failed}</Problem>}
          {detail.card.offences.map((offence) => (
            <Notice key={offence.text} intent="warning">
              {offence.text}
            </Notice>
          ))}
          <Text weight="semibold">{detail.card.categoryLine}</Text>
          <Text>{detail.card.urgencyText}</Text>
          <dl className={shared.dl}>
            {detail.card.facts.map((fact) => (
              <div key={fact.title} style={{ display: "contents" }}>
                <dt className={shared.dt}>{fact.title}</dt>
                <dd className={shared.dd}>{fact.value}</dd>
              </div>
            ))}
            {detail.card.assignee !== "" && (
              <>
                <dt className={shared.dt}>Assigned to</dt>
                <dd className={shared.dd}>{detail.card.assignee}</dd>
              </>
            )}
          </dl>
          <div className={shared.row}>
            {detail.card.actions.map((action) => (
              <Button key={action.verb} appearance="primary" onClick={() => act(action.verb)} disabled={busy}>
                {action.title}
              </Button>
            ))}
            <Button onClick={download} disabled={busy}>
              {W.board.downloadPdf}
            </Button>
            {busy && <Spinner size="tiny" label="Working…" />}
          </div>
          {detail.card.canAssignTo && (
            <form noValidate className={styles.panel} onSubmit={(event) => (event.preventDefault(), act("triage.assign-to", ["assignee"]))}>
              <Field label={W.board.assignTo}>
                <Select className={shared.shrink} value={typed["assignee"] ?? ""} onChange={(_event, data) => set("assignee")(data.value)}>
                  <option value="">{W.board.chooseColleague}</option>
                  {detail.card.colleagues.map((colleague) => (
                    <option key={colleague.value} value={colleague.value}>
                      {colleague.title}
                    </option>
                  ))}
                </Select>
              </Field>
              <div>
                <Button type="submit" disabled={busy || (typed["assignee"] ?? "") === ""}>
                  Assign
                </Button>
              </div>
            </form>
          )}
          {detail.card.canAsk && (
            <form noValidate className={styles.panel} onSubmit={(event) => (event.preventDefault(), act("triage.ask", ["question"]))}>
              <Field label={W.board.ask}>
                <Textarea value={typed["question"] ?? ""} maxLength={1000} resize="vertical" onChange={(_event, data) => set("question")(data.value)} />
              </Field>
              <div>
                <Button type="submit" disabled={busy || (typed["question"] ?? "").trim() === ""}>
                  Send question
                </Button>
              </div>
            </form>
          )}
          {detail.card.canDecide && (
            <form noValidate className={styles.panel} onSubmit={(event) => (event.preventDefault(), act("triage.decide", ["outcome", "reason", "teamNote", "transferArea"]))}>
              <Field label="Outcome">
                <Select className={shared.shrink} value={typed["outcome"] ?? ""} onChange={(_event, data) => set("outcome")(data.value)}>
                  <option value="">{W.board.chooseOutcome}</option>
                  {detail.card.outcomes.map((outcome) => (
                    <option key={outcome.value} value={outcome.value}>
                      {outcome.title}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={W.board.transferTo}>
                <Input value={typed["transferArea"] ?? ""} maxLength={100} onChange={(_event, data) => set("transferArea")(data.value)} />
              </Field>
              <Field label={W.board.reason}>
                <Textarea value={typed["reason"] ?? ""} maxLength={2000} resize="vertical" onChange={(_event, data) => set("reason")(data.value)} />
              </Field>
              <Field label={W.board.note}>
                <Textarea value={typed["teamNote"] ?? ""} maxLength={2000} resize="vertical" onChange={(_event, data) => set("teamNote")(data.value)} />
              </Field>
              <div>
                <Button type="submit" disabled={busy}>
                  {W.board.recordDecision}
                </Button>
              </div>
            </form>
          )}
          {detail.earlier.length > 0 && (
            <>
              <h3 className={shared.h3}>{W.board.earlier}</h3>
              <ul className={shared.list}>
                {detail.earlier.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
          <h3 className={shared.h3}>History</h3>
          <ol className={shared.list}>
            {detail.history.map((line, index) => (
              <li key={`${line.when}-${index}`}>
                {line.when} · {line.text}
                {line.said !== undefined && (
                  <>
                    : <q>{line.said}</q>
                  </>
                )}
              </li>
            ))}
          </ol>
          <h3 className={shared.h3}>The referral</h3>
          <Caption1 block>
            {W.board.fromCheck} {detail.carried.areaName} · age {detail.carried.ageText} · {detail.carried.resultLines.join(" · ")}
          </Caption1>
          {detail.purged !== "" && <Text>{detail.purged}</Text>}
          {detail.sections !== null && <ReadOnlySections sections={detail.sections} level={4} />}
        </>
      )}
    </section>
  );
}

export function Board({ identity, areas, openId, onOpen }: { identity: Identity | undefined; areas: readonly { id: string; name: string }[]; openId: string | undefined; onOpen: (id: string | undefined) => void }) {
  const [filters, setFilters] = useState<Filters | undefined>(undefined);
  const [query, setQuery] = useState({ area: "", status: "", category: "", flag: "", overdue: false, reviewDue: false });
  const [page, setPage] = useState<Page | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const styles = useStyles();
  const shared = useShared();

  useEffect(() => {
    apiGet<Filters>(identity, "/board-filters").then(setFilters, (error: unknown) => setFailed(messageOf(error, W.board.notLoaded)));
  }, [identity]);

  const search = useCallback(
    (cursor?: string) => {
      const parameters = new URLSearchParams({ view: "board", limit: "25" });
      if (query.area !== "") parameters.set("area", query.area);
      if (query.status !== "") parameters.set("status", query.status);
      if (query.category !== "") parameters.set("category", query.category);
      if (query.flag !== "") parameters.set("flag", query.flag);
      if (query.overdue) parameters.set("overdue", "true");
      if (query.reviewDue) parameters.set("review", "due");
      if (cursor !== undefined) parameters.set("cursor", cursor);
      setBusy(true);
      apiGet<Page>(identity, `/referrals?${parameters}`)
        .then(
          (next) => {
            setPage((before) => (cursor === undefined || before === undefined ? next : { ...next, items: [...before.items, ...next.items] }));
            setFailed(undefined);
          },
          (error: unknown) => setFailed(messageOf(error, W.board.notLoaded)),
        )
        .finally(() => setBusy(false));
    },
    [identity, query],
  );
  useEffect(() => {
    if (openId === undefined) search();
  }, [search, openId]);

  if (openId !== undefined) return <Detail identity={identity} id={openId} onBack={() => onOpen(undefined)} />;
  const choose = (key: "area" | "status" | "category" | "flag") => (_event: unknown, data: { value: string }) => setQuery((before) => ({ ...before, [key]: data.value }));
  return (
    <section aria-labelledby="board-title" className={shared.stack}>
      <h2 id="board-title" className={shared.h2}>
        Triage board
      </h2>
      <Text>{W.board.intro(areas.map((area) => area.name).join(" and "))}</Text>
      <div className={styles.filters} role="search" aria-label={W.board.filter}>
        {areas.length > 1 && (
          <Field label="Area">
            <Select className={shared.shrink} value={query.area} onChange={choose("area")}>
              <option value="">{W.board.allAreas}</option>
              {areas.map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <FilterSelect label="Status" any="Any status" value={query.status} options={filters?.statuses ?? []} onChange={choose("status")} />
        <FilterSelect label="Category" any="Any category" value={query.category} options={filters?.categories ?? []} onChange={choose("category")} />
        <FilterSelect label="Flag" any="Any flag" value={query.flag} options={filters?.flags ?? []} onChange={choose("flag")} />
        <Checkbox label="Overdue only" checked={query.overdue} onChange={(_event, data) => setQuery((before) => ({ ...before, overdue: data.checked === true }))} />
        <Checkbox label={W.board.reviewDueOnly} checked={query.reviewDue} onChange={(_event, data) => setQuery((before) => ({ ...before, reviewDue: data.checked === true }))} />
      </div>
      <div className={shared.row}>
        <Button onClick={() => apiDownload(identity, `/board.csv${query.area === "" ? "" : `?area=${encodeURIComponent(query.area)}`}`).catch((error: unknown) => setFailed(messageOf(error, W.board.csvNotMade)))}>{W.board.csv}</Button>
      </div>
      {failed !== undefined && <Problem>{failed}</Problem>}
      <div aria-live="polite">
        {page === undefined ? (
          busy && <Spinner label={W.board.loading} />
        ) : (
          <>
            <Caption1 block>{page.total === 1 ? "1 referral" : `${page.total} referrals`}</Caption1>
            {page.items.length === 0 && <Text>{W.board.noMatch}</Text>}
            <ul className={styles.list}>
              {page.items.map((item) => (
                <li key={item.id}>
                  <Button className={styles.item} onClick={() => onOpen(item.id)} aria-label={`${item.reference}: ${item.statusText}${item.overdue ? ", overdue" : ""}${item.reviewOverdue ? W.board.reviewDueLabel : ""}`}>
                    <Text weight="semibold">
                      {item.reference} · {item.statusText}
                    </Text>
                    <Text>
                      {item.categoryText} · age {item.ageBand}
                      {item.flags.length > 0 ? ` · ${item.flags.map((flag) => flag.title).join(", ")}` : ""}
                    </Text>
                    <Caption1>
                      Sent {item.submittedText}
                      {item.dueText !== "" ? ` · next deadline ${item.dueText}` : ""}
                      {item.assignee !== null ? ` · assigned to ${item.assignee}` : ""}
                    </Caption1>
                    {item.overdue && (
                      <Badge appearance="filled" color="danger">
                        Overdue
                      </Badge>
                    )}
                    {item.reviewDue !== null &&
                      (item.reviewOverdue ? (
                        <Badge appearance="filled" color="warning">
                          {W.board.reviewOverdue(item.reviewText)}
                        </Badge>
                      ) : (
                        <Caption1>{W.board.reviewDue(item.reviewText)}</Caption1>
                      ))}
                  </Button>
                </li>
              ))}
            </ul>
            {page.nextCursor !== undefined && (
              <Button onClick={() => search(page.nextCursor)} disabled={busy}>
                Show more
              </Button>
            )}
          </>
        )}
      </div>
    </section>
  );
}
