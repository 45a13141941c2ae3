/** The Nexus Watch home of a workspace: areas, groups, sources, relationships, watch rules and the CSV import. */
import { useState } from "preact/hooks";
import { countryName, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { ProblemError, send, type Session } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit, type Marking } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import {
  alertsChanged, CheckList, contexts, countryOptions, CredibilitySelect, enc, IndicatorSelect, indicatorName, ReliabilitySelect, SelectField, useFactors, watchBase,
  type Factor, type WatchRecord,
} from "./shared.js";

const tabs = ["areas", "groups", "sources", "relationships", "rules", "import"] as const;
type Tab = (typeof tabs)[number];

export function WatchHome({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("watch.title")}>{(s) => <WatchHomeView id={params.id} session={s} />}</Guard>;
}

function WatchHomeView({ id, session }: { id: string; session: Session }) {
  const [ws] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [records, reload] = useResource<{ items: WatchRecord[] }>(`${watchBase}/workspaces/${enc(id)}/records`);
  const [tab, setTab] = useState<Tab>("areas");
  const factors = useFactors();
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? t("watch.titleFor", { name }) : t("watch.title"));
  const canWrite = session.permissions.includes("records.write");
  const of = (kind: string) => (records.state === "ready" ? records.data.items.filter((r) => r.kind === kind) : []);
  return (
    <>
      <p class="eyebrow"><a href={`/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : t("ws.workspace")}</a></p>
      <h1>{t("watch.title")}</h1>
      <p class="lead">{t("watch.lead")}</p>
      <p class="actions">
        <a class="button" href={`/watch/overview?workspace=${enc(id)}`}>{t("watch.openOverview")}</a>
        <a class="button" href="/watch/alerts">{t("watch.alerts.title")}</a>
      </p>
      <Show value={ws}>{() => null}</Show>
      <div class="tabs" role="group" aria-label={t("watch.sections")}>
        {tabs.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k ? "true" : "false"} onClick={() => setTab(k)}>
            {t(`watch.tab.${k}`)}{k !== "import" && records.state === "ready" ? ` (${of(tabKind[k]).length})` : ""}
          </button>
        ))}
      </div>
      <Show value={records}>
        {() => (
          <>
            {tab === "areas" && <Areas ws={id} items={of("area")} canWrite={canWrite} onChange={reload} />}
            {tab === "groups" && <Groups ws={id} items={of("group")} areas={of("area")} canWrite={canWrite} onChange={reload} />}
            {tab === "sources" && <Sources ws={id} items={of("source")} canWrite={canWrite} onChange={reload} />}
            {tab === "relationships" && <Relationships ws={id} items={of("relationship")} groups={of("group")} sources={of("source")} canWrite={canWrite} onChange={reload} />}
            {tab === "rules" && <Rules ws={id} items={of("watch-rule")} factors={factors} canWrite={canWrite} onChange={reload} />}
            {tab === "import" && (canWrite ? <Import ws={id} csrf={session.csrf} onDone={reload} /> : <p class="muted">{t("watch.readOnly")}</p>)}
          </>
        )}
      </Show>
    </>
  );
}

const tabKind: Record<Tab, string> = { areas: "area", groups: "group", sources: "source", relationships: "relationship", rules: "watch-rule", import: "" };

function Empty() { return <p class="muted">{t("watch.none")}</p>; }

function Table({ caption, head, children }: { caption: string; head: string[]; children: preact.ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function Saved({ text }: { text: string }) { return <p class="ok" role="status">{text}</p>; }

/** Shared state of the "add" forms: marking, the success line, the submit with its error. */
function useAddForm(action: (marking: Marking) => Promise<string>, onChange: () => void) {
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    setSaved(await action(marking));
    onChange();
  });
  return { marking, setMarking, saved, form };
}

function Areas({ ws, items, canWrite, onChange }: { ws: string; items: WatchRecord[]; canWrite: boolean; onChange: () => void }) {
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [sub, setSub] = useState("");
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [context, setContext] = useState("");
  const add = useAddForm(async (marking) => {
    const point = lat.trim() || lon.trim() ? { lat: Number(lat), lon: Number(lon) } : undefined;
    if (point && (Number.isNaN(point.lat) || Number.isNaN(point.lon) || !lat.trim() || !lon.trim())) throw new ProblemError(400, t("watch.area.pointBoth"), [{ param: "body.point", message: t("watch.area.pointBoth") }]);
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/areas`, {
      name, marking, body: { country, ...(sub.trim() ? { subnational: sub.trim() } : {}), ...(point ? { point } : {}), ...(context ? { context } : {}) },
    });
    setName(""); setSub(""); setLat(""); setLon("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  return (
    <section aria-labelledby="w-areas">
      <h2 id="w-areas">{t("watch.tab.areas")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.areas")} head={[t("watch.name"), t("watch.area.country"), t("watch.area.context"), t("watch.leader"), t("record.marking")]}>
          {items.map((a) => {
            const b = a.body as { country: string; subnational?: string; context?: string; latest?: { leader_name: string; score: number } };
            return (
              <tr key={a.id}>
                <th scope="row"><a href={`/watch/subjects/${enc(a.id)}`}><bdi>{a.title}</bdi></a></th>
                <td>{countryName(b.country)}{b.subnational ? <> — <bdi>{b.subnational}</bdi></> : null}</td>
                <td>{b.context ? t(`watch.context.${b.context}`) : "—"}</td>
                <td>{b.latest ? <bdi>{b.latest.leader_name}</bdi> : <span class="muted">{t("watch.notAnalysed")}</span>}</td>
                <td><TlpBadge marking={a.marking} /></td>
              </tr>
            );
          })}
        </Table>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.area.add")}</h3>
          <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
            <FormProblem error={e} fields={["name", "marking", "body.country", "body.subnational", "body.point", "body.context"]} />
            <Field id="area-name" label={t("watch.area.name")} required value={name} onValue={setName} error={fieldError(e, "name")} />
            <SelectField id="area-country" label={t("watch.area.country")} value={country} onValue={setCountry} error={fieldError(e, "body.country")} required>
              <option value="">{t("watch.area.chooseCountry")}</option>
              {countryOptions().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </SelectField>
            <Field id="area-sub" label={t("watch.area.subnational")} hint={t("watch.area.subnationalHint")} value={sub} onValue={setSub} error={fieldError(e, "body.subnational")} />
            <div class="row">
              <Field id="area-lat" label={t("watch.area.lat")} type="number" value={lat} onValue={setLat} error={fieldError(e, "body.point.lat") ?? fieldError(e, "body.point")} dir="ltr" hint={t("watch.area.latHint")} />
              <Field id="area-lon" label={t("watch.area.lon")} type="number" value={lon} onValue={setLon} error={fieldError(e, "body.point.lon")} dir="ltr" hint={t("watch.area.lonHint")} />
            </div>
            <SelectField id="area-context" label={t("watch.area.context")} hint={t("watch.area.contextHint")} value={context} onValue={setContext} error={fieldError(e, "body.context")}>
              <option value="">{t("watch.area.contextUnknown")}</option>
              {contexts.map((c) => <option key={c} value={c}>{t(`watch.context.${c}`)}</option>)}
            </SelectField>
            <MarkingSelect id="area-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.area.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}

const groupTypes = ["criminal", "terrorist", "other-armed", "unknown"] as const;
const motivationKinds = ["ideological", "economic", "both"] as const;

function Groups({ ws, items, areas, canWrite, onChange }: { ws: string; items: WatchRecord[]; areas: WatchRecord[]; canWrite: boolean; onChange: () => void }) {
  const [name, setName] = useState("");
  const [aliases, setAliases] = useState("");
  const [type, setType] = useState<string>("criminal");
  const [motivations, setMotivations] = useState<{ from: string; kind: string }[]>([]);
  const [groupAreas, setGroupAreas] = useState<string[]>([]);
  const add = useAddForm(async (marking) => {
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/groups`, {
      name, marking, body: { type, aliases: aliases.split(",").map((a) => a.trim()).filter(Boolean), motivations, areas: groupAreas },
    });
    setName(""); setAliases(""); setMotivations([]); setGroupAreas([]);
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  const setRow = (i: number, patch: Partial<{ from: string; kind: string }>) => setMotivations(motivations.map((m, n) => (n === i ? { ...m, ...patch } : m)));
  const areaName = (id: string) => areas.find((a) => a.id === id)?.title ?? id;
  return (
    <section aria-labelledby="w-groups">
      <h2 id="w-groups">{t("watch.tab.groups")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.groups")} head={[t("watch.name"), t("watch.group.type"), t("watch.group.aliases"), t("watch.group.areas"), t("record.marking")]}>
          {items.map((g) => {
            const b = g.body as { type: string; aliases?: string[]; areas?: string[] };
            return (
              <tr key={g.id}>
                <th scope="row"><a href={`/watch/subjects/${enc(g.id)}`}><bdi>{g.title}</bdi></a></th>
                <td>{t(`watch.groupType.${b.type}`)}</td>
                <td><bdi>{(b.aliases ?? []).join(", ")}</bdi></td>
                <td>{(b.areas ?? []).map((a, n) => <span key={a}>{n ? ", " : ""}<bdi>{areaName(a)}</bdi></span>)}</td>
                <td><TlpBadge marking={g.marking} /></td>
              </tr>
            );
          })}
        </Table>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.group.add")}</h3>
          <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
            <FormProblem error={e} fields={["name", "marking", "body.type", "body.aliases", "body.motivations", "body.areas"]} />
            <Field id="group-name" label={t("watch.group.name")} required value={name} onValue={setName} error={fieldError(e, "name")} />
            <Field id="group-aliases" label={t("watch.group.aliases")} hint={t("watch.group.aliasesHint")} value={aliases} onValue={setAliases} error={fieldError(e, "body.aliases")} />
            <SelectField id="group-type" label={t("watch.group.type")} hint={t("watch.group.typeHint")} value={type} onValue={setType} error={fieldError(e, "body.type")}>
              {groupTypes.map((g) => <option key={g} value={g}>{t(`watch.groupType.${g}`)}</option>)}
            </SelectField>
            <fieldset class="field">
              <legend>{t("watch.group.motivations")}</legend>
              <p class="hint">{t("watch.group.motivationsHint")}</p>
              {motivations.map((m, i) => (
                <div class="motivation-row" key={i}>
                  <Field id={`mot-from-${i}`} label={t("watch.group.from")} type="date" value={m.from} onValue={(v) => setRow(i, { from: v })} error={fieldError(e, `body.motivations.${i}.from`)} dir="ltr" />
                  <SelectField id={`mot-kind-${i}`} label={t("watch.group.motivation")} value={m.kind} onValue={(v) => setRow(i, { kind: v })} error={fieldError(e, `body.motivations.${i}.kind`)}>
                    {motivationKinds.map((k) => <option key={k} value={k}>{t(`watch.motivation.${k}`)}</option>)}
                  </SelectField>
                  <button type="button" class="danger" onClick={() => setMotivations(motivations.filter((_, n) => n !== i))}>
                    {t("watch.group.removeRow")}<span class="visually-hidden"> {i + 1}</span>
                  </button>
                </div>
              ))}
              <p><button type="button" onClick={() => setMotivations([...motivations, { from: "", kind: "ideological" }])}>{t("watch.group.addRow")}</button></p>
            </fieldset>
            <CheckList id="group-areas" legend={t("watch.group.areas")} items={areas.map((a) => ({ id: a.id, label: <bdi>{a.title}</bdi> }))}
              value={groupAreas} onValue={setGroupAreas} error={fieldError(e, "body.areas")} empty={t("watch.group.noAreas")} />
            <MarkingSelect id="group-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.group.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}

const sourceTypes = ["human", "official", "partner-agency", "open-source", "media", "academic", "ngo", "technical"] as const;

function Sources({ ws, items, canWrite, onChange }: { ws: string; items: WatchRecord[]; canWrite: boolean; onChange: () => void }) {
  const [name, setName] = useState("");
  const [type, setType] = useState<string>("open-source");
  const [reliability, setReliability] = useState("F");
  const add = useAddForm(async (marking) => {
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/sources`, { name, marking, body: { type, reliability } });
    setName("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  return (
    <section aria-labelledby="w-sources">
      <h2 id="w-sources">{t("watch.tab.sources")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.sources")} head={[t("watch.name"), t("watch.source.type"), t("watch.reliability"), t("record.marking")]}>
          {items.map((s) => {
            const b = s.body as { type: string; reliability: string };
            return (
              <tr key={s.id}>
                <th scope="row"><bdi>{s.title}</bdi></th>
                <td>{t(`watch.sourceType.${b.type}`)}</td>
                <td>{b.reliability} — {t(`watch.relGrade.${b.reliability}`)}</td>
                <td><TlpBadge marking={s.marking} /></td>
              </tr>
            );
          })}
        </Table>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.source.add")}</h3>
          <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
            <FormProblem error={e} fields={["name", "marking", "body.type", "body.reliability"]} />
            <Field id="source-name" label={t("watch.source.name")} required value={name} onValue={setName} error={fieldError(e, "name")} />
            <SelectField id="source-type" label={t("watch.source.type")} value={type} onValue={setType} error={fieldError(e, "body.type")}>
              {sourceTypes.map((s) => <option key={s} value={s}>{t(`watch.sourceType.${s}`)}</option>)}
            </SelectField>
            <ReliabilitySelect id="source-reliability" value={reliability} onValue={setReliability} error={fieldError(e, "body.reliability")} />
            <MarkingSelect id="source-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.source.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}

const relationshipKinds = ["alliance", "service-provision", "financing", "intermediary", "integration", "competition"] as const;

function Relationships({ ws, items, groups, sources, canWrite, onChange }: {
  ws: string; items: WatchRecord[]; groups: WatchRecord[]; sources: WatchRecord[]; canWrite: boolean; onChange: () => void;
}) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [kind, setKind] = useState<string>("alliance");
  const [service, setService] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [credibility, setCredibility] = useState("3");
  const add = useAddForm(async (marking) => {
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/relationships`, {
      marking, body: { from, to, kind, ...(service.trim() ? { service: service.trim() } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}), sources: chosen, credibility: Number(credibility) },
    });
    setService(""); setStart(""); setEnd(""); setChosen([]);
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  const groupOptions = [<option key="" value="">{t("watch.rel.chooseGroup")}</option>, ...groups.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)];
  return (
    <section aria-labelledby="w-rels">
      <h2 id="w-rels">{t("watch.tab.relationships")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.relationships")} head={[t("watch.relationship"), t("watch.rel.kind"), t("watch.rel.period"), t("record.marking")]}>
          {items.map((r) => {
            const b = r.body as { kind: string; start?: string; end?: string | null };
            return (
              <tr key={r.id}>
                <th scope="row"><bdi>{r.title}</bdi></th>
                <td>{t(`watch.relKind.${b.kind}`)}</td>
                <td>{b.start ? formatDate(b.start) : "…"} – {b.end ? formatDate(b.end) : "…"}</td>
                <td><TlpBadge marking={r.marking} /></td>
              </tr>
            );
          })}
        </Table>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.rel.add")}</h3>
          {groups.length < 2 ? <p class="muted">{t("watch.rel.needGroups")}</p> : (
            <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
              <FormProblem error={e} fields={["marking", "body.from", "body.to", "body.kind", "body.service", "body.start", "body.end", "body.sources", "body.credibility"]} />
              <div class="row">
                <SelectField id="rel-from" label={t("watch.rel.from")} value={from} onValue={setFrom} error={fieldError(e, "body.from")} required>{groupOptions}</SelectField>
                <SelectField id="rel-to" label={t("watch.rel.to")} value={to} onValue={setTo} error={fieldError(e, "body.to")} required>{groupOptions}</SelectField>
              </div>
              <SelectField id="rel-kind" label={t("watch.rel.kind")} value={kind} onValue={setKind} error={fieldError(e, "body.kind")}>
                {relationshipKinds.map((k) => <option key={k} value={k}>{t(`watch.relKind.${k}`)}</option>)}
              </SelectField>
              <Field id="rel-service" label={t("watch.rel.service")} hint={t("watch.rel.serviceHint")} value={service} onValue={setService} error={fieldError(e, "body.service")} />
              <div class="row">
                <Field id="rel-start" label={t("watch.rel.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "body.start")} dir="ltr" />
                <Field id="rel-end" label={t("watch.rel.end")} type="date" value={end} onValue={setEnd} error={fieldError(e, "body.end")} dir="ltr" />
              </div>
              <CheckList id="rel-sources" legend={t("watch.sources")} items={sources.map((s) => ({ id: s.id, label: <bdi>{s.title}</bdi> }))}
                value={chosen} onValue={setChosen} error={fieldError(e, "body.sources")} empty={t("watch.noSources")} />
              <CredibilitySelect id="rel-credibility" value={credibility} onValue={setCredibility} error={fieldError(e, "body.credibility")} />
              <MarkingSelect id="rel-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
              <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.rel.submit")}</button></p>
              <Saved text={add.saved} />
            </form>
          )}
        </div>
      )}
    </section>
  );
}

function Rules({ ws, items, factors, canWrite, onChange }: { ws: string; items: WatchRecord[]; factors: Factor[] | null; canWrite: boolean; onChange: () => void }) {
  const [rule, setRule] = useState("indicator-present");
  const [indicator, setIndicator] = useState("");
  const add = useAddForm(async (marking) => {
    await send("POST", `${watchBase}/workspaces/${enc(ws)}/rules`, { marking, body: rule === "indicator-present" ? { rule, indicator } : { rule } });
    alertsChanged();
    return t("watch.rule.saved");
  }, onChange);
  const e = add.form.error;
  const describe = (r: WatchRecord) => {
    const b = r.body as { rule: string; indicator?: string };
    return b.rule === "indicator-present" ? t("watch.rule.whenPresent", { indicator: indicatorName(factors, b.indicator ?? "") }) : t("watch.rule.whenLeader");
  };
  return (
    <section aria-labelledby="w-rules">
      <h2 id="w-rules">{t("watch.tab.rules")}</h2>
      <p class="hint">{t("watch.rule.lead")}</p>
      {items.length === 0 ? <Empty /> : (
        <ul>{items.map((r) => <li key={r.id}>{describe(r)} <TlpBadge marking={r.marking} /></li>)}</ul>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.rule.add")}</h3>
          <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
            <FormProblem error={e} fields={["marking", "body.indicator", "body"]} />
            <SelectField id="rule-kind" label={t("watch.rule.kind")} value={rule} onValue={setRule}>
              <option value="indicator-present">{t("watch.rule.indicatorPresent")}</option>
              <option value="leader-changed">{t("watch.rule.leaderChanged")}</option>
            </SelectField>
            {rule === "indicator-present" && <IndicatorSelect id="rule-indicator" value={indicator} onValue={setIndicator} factors={factors} error={fieldError(e, "body.indicator")} />}
            <MarkingSelect id="rule-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.rule.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}

interface ImportResult { imported: number; rejected: number; errors: { row: number; line: number; field: string; message: string }[] }
const csvHeader = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";

function Import({ ws, csrf, onDone }: { ws: string; csrf: string | null; onDone: () => void }) {
  const [csv, setCsv] = useState("");
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true); setResult(null); setProblem("");
    try {
      const headers: Record<string, string> = { "content-type": "text/csv", accept: "application/json" };
      if (csrf) headers["x-csrf-token"] = csrf;
      const res = await fetch(`${watchBase}/workspaces/${enc(ws)}/observations/import`, { method: "POST", headers, body: csv, credentials: "same-origin" });
      const body = await res.json().catch(() => ({}));
      if (res.ok || res.status === 422) {
        setResult(body as ImportResult);
        if (res.ok) { onDone(); alertsChanged(); }
      } else setProblem(body.errors?.[0]?.message ?? body.detail ?? res.statusText);
    } catch {
      setProblem(t("form.network"));
    } finally { setBusy(false); }
  };
  const readFile = async (file: File | undefined) => { if (file) setCsv(await file.text()); };
  return (
    <section aria-labelledby="w-import">
      <h2 id="w-import">{t("watch.import.title")}</h2>
      <p class="hint">{t("watch.import.lead")}</p>
      <p><code dir="ltr" class="csv-head">{csvHeader}</code></p>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <div class="field">
          <label for="import-file">{t("watch.import.file")}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
        </div>
        <Field id="import-csv" label={t("watch.import.text")} hint={t("watch.import.textHint")} multiline value={csv} onValue={setCsv} dir="ltr" error={problem || undefined} />
        <p><button class="primary" type="submit" disabled={busy || !csv.trim()}>{t("watch.import.submit")}</button></p>
      </form>
      {result && result.rejected === 0 && <p class="ok" role="status">{t("watch.import.done", { count: result.imported })}</p>}
      {result && result.rejected > 0 && (
        <div class="import-errors">
          <p class="error form-problem" role="alert">{t("watch.import.rejected", { count: result.rejected })}</p>
          <div class="table-wrap">
            <table>
              <caption>{t("watch.import.report")}</caption>
              <thead><tr><th scope="col">{t("watch.import.row")}</th><th scope="col">{t("watch.import.line")}</th><th scope="col">{t("watch.import.field")}</th><th scope="col">{t("watch.import.message")}</th></tr></thead>
              <tbody>
                {result.errors.map((r) => (
                  <tr key={`${r.row}-${r.field}`}><th scope="row">{r.row}</th><td>{r.line}</td><td><code>{r.field}</code></td><td lang="en" dir="ltr">{r.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
