/**
 * A workspace's institutions and partnerships (decision 0035): the directory, the network map
 * (drawn by a lazily loaded chunk), its gaps and who should be at the table. Everything shown
 * comes from the network API, which reads through the records kernel for the reader.
 */
import { lazy, Suspense } from "preact/compat";
import { useState } from "preact/hooks";
import { countryName, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { msgText, useMessages, type Msg } from "../messages.js";
import { navigate } from "../router.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { getJson, send, type Session } from "../platform/session.js";
import { Field, fieldError, FormProblem, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit, type Marking } from "../platform/ui.js";
import { CheckList, countryOptions, enc, practiceName, practiceShort, Select, Table, useActors, usePractices, type ActorInfo, type PracticeInfo } from "../plans/shared.js";
import { tn, withNetworkStrings } from "./strings.js";
import "./network.css";

const api = "/api/v1/network";
const NetworkGraph = lazy(() => import("./NetworkGraph.js").then((m) => ({ default: m.NetworkGraph })));

export const institutionKinds = ["ministry", "police", "prosecution", "court", "fiu", "customs-border", "prison-probation", "intelligence", "regulator", "oversight", "local-authority", "ngo", "academia", "private-company", "regional-body", "international-body", "other"] as const;
const partnershipKinds = ["mou", "joint-task-force", "liaison-officer", "secure-channel", "fusion-centre", "network"] as const;
const networks = ["interpol", "europol", "afripol", "ameripol", "aseanapol", "egmont", "gctf", "other"] as const;
const statuses = ["planned", "active", "suspended", "ended"] as const;
const tabs = ["directory", "map", "gaps", "table"] as const;
type Tab = (typeof tabs)[number];

export interface InstitutionEntry { id: string; name: string; marking: string; body: { kind: string; country?: string; mandate?: string; actors: string[]; mailbox?: string; parent?: string; migrated_from?: { kind: string } } }
interface PartnershipEntry { id: string; name: string; marking: string; body: { kind: string; members: string[]; network?: string; network_name?: string; status: string; start?: string; end?: string; practices: string[]; notes?: string } }
interface Directory { institutions: InstitutionEntry[]; partnerships: PartnershipEntry[]; withheld: number }

export function NetworkHome({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  return <Guard permission="records.read" title={tn("title")}>{(s) => <NetworkView id={params.id} session={s} tab={(tabs as readonly string[]).includes(query.get("tab") ?? "") ? (query.get("tab") as Tab) : "directory"} query={query} />}</Guard>;
}

const actorName = (actors: ActorInfo[] | null, id: string) => actors?.find((a) => a.id === id)?.title ?? id;

function NetworkView({ id, session, tab, query }: { id: string; session: Session; tab: Tab; query: URLSearchParams }) {
  useMessages();
  const [ws] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [refresh, setRefresh] = useState(0);
  const [dir] = useResource<Directory>(`${api}/workspaces/${enc(id)}`, refresh);
  const reload = () => setRefresh((n) => n + 1);
  const practices = usePractices();
  const actors = useActors();
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? tn("titleFor", { name }) : tn("title"));
  const canWrite = session.permissions.includes("records.write");
  return (
    <>
      <p class="eyebrow no-print"><a href={`/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : t("ws.workspace")}</a></p>
      <h1>{tn("title")}</h1>
      <p class="lead">{tn("lead")}</p>
      <nav class="tabs no-print" aria-label={tn("tabs.label")}>
        <ul>
          {tabs.map((k) => (
            <li key={k}><a href={`/network/workspaces/${enc(id)}?tab=${k}`} aria-current={k === tab ? "page" : undefined}>{tn(`tabs.${k}`)}</a></li>
          ))}
        </ul>
      </nav>
      <Show value={dir}>
        {(d) => (
          <>
            {d.withheld > 0 ? <p class="muted" role="note">{tn("withheld", { count: d.withheld })}</p> : null}
            {tab === "directory" && <DirectoryTab ws={id} d={d} practices={practices} actors={actors} canWrite={canWrite} onChange={reload} />}
            {tab === "map" && <MapTab ws={id} practices={practices} actors={actors} query={query} />}
            {tab === "gaps" && <GapsTab ws={id} practices={practices} actors={actors} query={query} />}
            {tab === "table" && <TableTab ws={id} practices={practices} actors={actors} />}
          </>
        )}
      </Show>
    </>
  );
}

function DirectoryTab({ ws, d, practices, actors, canWrite, onChange }: { ws: string; d: Directory; practices: PracticeInfo[] | null; actors: ActorInfo[] | null; canWrite: boolean; onChange: () => void }) {
  const names = new Map(d.institutions.map((i) => [i.id, i.name]));
  const [editing, setEditing] = useState<InstitutionEntry | null>(null);
  const [editingPart, setEditingPart] = useState<PartnershipEntry | null>(null);
  return (
    <>
      <section aria-labelledby="net-institutions">
        <h2 id="net-institutions">{tn("inst.list")}</h2>
        {d.institutions.length === 0 ? <p class="muted">{tn("inst.none")}</p> : (
          <Table caption={tn("inst.list")} head={[tn("inst.name"), tn("inst.kind"), tn("inst.country"), tn("inst.actors"), tn("inst.mailbox"), t("record.marking"), ...(canWrite ? [<span class="visually-hidden">{tn("inst.edit")}</span>] : [])]}>
            {d.institutions.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <bdi>{i.name}</bdi>
                  {i.body.parent && names.has(i.body.parent) ? <span class="muted"> · {tn("inst.parent")}: <bdi>{names.get(i.body.parent)}</bdi></span> : null}
                  {i.body.mandate ? <p class="muted small"><bdi>{i.body.mandate}</bdi></p> : null}
                  {i.body.migrated_from ? <p class="hint small">{tn("inst.migrated", { what: tn(i.body.migrated_from.kind === "source" ? "inst.fromSource" : "inst.fromUnit") })}</p> : null}
                </th>
                <td>{tn(`kind.${i.body.kind}`)}</td>
                <td>{i.body.country ? countryName(i.body.country) : "—"}</td>
                <td>{i.body.actors.map((a) => actorName(actors, a)).join(", ")}</td>
                <td>{i.body.mailbox ? <a href={`mailto:${i.body.mailbox}`} dir="ltr">{i.body.mailbox}</a> : "—"}</td>
                <td><TlpBadge marking={i.marking} /></td>
                {canWrite ? <td><button type="button" onClick={() => setEditing(i)}>{tn("inst.edit")}<span class="visually-hidden"> <bdi>{i.name}</bdi></span></button></td> : null}
              </tr>
            ))}
          </Table>
        )}
      </section>
      {canWrite && editing ? <InstitutionForm key={editing.id} ws={ws} entry={editing} institutions={d.institutions} actors={actors} onDone={() => { setEditing(null); onChange(); }} onCancel={() => setEditing(null)} /> : null}
      <section aria-labelledby="net-partnerships">
        <h2 id="net-partnerships">{tn("part.list")}</h2>
        {d.partnerships.length === 0 ? <p class="muted">{tn("part.none")}</p> : (
          <Table caption={tn("part.list")} head={[tn("part.what"), tn("part.members"), tn("part.status"), tn("part.dates"), tn("part.practices"), t("record.marking"), ...(canWrite ? [<span class="visually-hidden">{tn("inst.edit")}</span>] : [])]}>
            {d.partnerships.map((p) => (
              <tr key={p.id}>
                <th scope="row">{tn(`pkind.${p.body.kind}`)}{p.body.network || p.body.network_name ? <> — <bdi>{p.body.network_name ?? tn(`network.${p.body.network}`)}</bdi></> : null}</th>
                <td>{p.body.members.map((m) => names.get(m) ?? "—").join(" · ")}</td>
                <td>{tn(`status.${p.body.status}`)}</td>
                <td class="nowrap">{[p.body.start ?? "", p.body.end ?? ""].filter(Boolean).join(" – ") || "—"}</td>
                <td>{p.body.practices.map((x) => practiceShort(x)).join(", ") || "—"}</td>
                <td><TlpBadge marking={p.marking} /></td>
                {canWrite ? <td><button type="button" onClick={() => setEditingPart(p)}>{tn("inst.edit")}<span class="visually-hidden"> <bdi>{p.name}</bdi></span></button></td> : null}
              </tr>
            ))}
          </Table>
        )}
      </section>
      {canWrite && editingPart ? <PartnershipForm key={editingPart.id} ws={ws} entry={editingPart} institutions={d.institutions} practices={practices} onDone={() => { setEditingPart(null); onChange(); }} onCancel={() => setEditingPart(null)} /> : null}
      {canWrite ? (
        <>
          <InstitutionForm ws={ws} institutions={d.institutions} actors={actors} onDone={onChange} />
          <PartnershipForm ws={ws} institutions={d.institutions} practices={practices} onDone={onChange} />
        </>
      ) : <p class="muted">{tn("readOnly")}</p>}
      <CsvSection ws={ws} canWrite={canWrite} onDone={onChange} />
    </>
  );
}

/** Adds an institution, or with `entry` changes it (the same checks; widening its marking asks for a reason). */
function InstitutionForm({ ws, entry, institutions, actors, onDone, onCancel }: { ws: string; entry?: InstitutionEntry; institutions: InstitutionEntry[]; actors: ActorInfo[] | null; onDone: () => void; onCancel?: () => void }) {
  const [name, setName] = useState(entry?.name ?? "");
  const [kind, setKind] = useState(entry?.body.kind ?? "");
  const [country, setCountry] = useState(entry?.body.country ?? "");
  const [mandate, setMandate] = useState(entry?.body.mandate ?? "");
  const [played, setPlayed] = useState<string[]>(entry?.body.actors ?? []);
  const [mailbox, setMailbox] = useState(entry?.body.mailbox ?? "");
  const [parent, setParent] = useState(entry?.body.parent ?? "");
  const [marking, setMarking] = useState<Marking>((entry?.marking as Marking) ?? "AMBER");
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    setDone(false);
    const body = { kind, actors: played, ...(country ? { country } : {}), ...(mandate.trim() ? { mandate } : {}), ...(mailbox.trim() ? { mailbox: mailbox.trim() } : {}), ...(parent ? { parent } : {}) };
    if (entry) await send("PATCH", `${api}/entries/${enc(entry.id)}`, { name, marking, body });
    else await send("POST", `${api}/workspaces/${enc(ws)}/institutions`, { name, marking, body });
    if (!entry) { setName(""); setMandate(""); setPlayed([]); setMailbox(""); setParent(""); }
    setDone(true);
    onDone();
  });
  const e = form.error;
  const p = entry ? "edit" : "inst"; // ids unique when both forms are open
  const heading = entry ? tn("inst.editing", { name: entry.name }) : tn("inst.add");
  return (
    <section aria-labelledby={entry ? "net-edit-inst" : "net-add-inst"}>
      <h2 id={entry ? "net-edit-inst" : "net-add-inst"}><bdi>{heading}</bdi></h2>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["name", "marking", "body.kind", "body.country", "body.mandate", "body.actors", "body.mailbox", "body.parent"]} />
        <Field id={`${p}-name`} label={tn("inst.name")} hint={tn("inst.nameHint")} required value={name} onValue={setName} error={fieldError(e, "name")} />
        <Select id={`${p}-kind`} label={tn("inst.kind")} value={kind} onValue={setKind} error={fieldError(e, "body.kind")} required>
          <option value="">—</option>
          {institutionKinds.map((k) => <option key={k} value={k}>{tn(`kind.${k}`)}</option>)}
        </Select>
        <Select id={`${p}-country`} label={tn("inst.country")} value={country} onValue={setCountry} error={fieldError(e, "body.country")}>
          <option value="">{tn("inst.noCountry")}</option>
          {countryOptions().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </Select>
        <Field id={`${p}-mandate`} label={tn("inst.mandate")} hint={tn("inst.mandateHint")} value={mandate} onValue={setMandate} error={fieldError(e, "body.mandate")} />
        <CheckList id={`${p}-actors`} legend={tn("inst.actors")} hint={tn("inst.actorsHint")} items={(actors ?? []).map((a) => ({ id: a.id, label: a.title, text: a.title }))}
          value={played} onValue={setPlayed} error={fieldError(e, "body.actors") ?? fieldError(e, "body.actors.0")} empty="—" />
        <Field id={`${p}-mailbox`} type="email" label={tn("inst.mailbox")} hint={tn("inst.mailboxHint")} value={mailbox} onValue={setMailbox} error={fieldError(e, "body.mailbox")} dir="ltr" />
        <Select id={`${p}-parent`} label={tn("inst.parent")} value={parent} onValue={setParent} error={fieldError(e, "body.parent")}>
          <option value="">{tn("inst.noParent")}</option>
          {institutions.filter((i) => i.id !== entry?.id).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </Select>
        <MarkingSelect id={`${p}-marking`} value={marking} onValue={setMarking} error={fieldError(e, "marking")} />
        <p class="actions">
          <button class="primary" type="submit" disabled={form.busy}>{entry ? tn("inst.save") : tn("inst.add")}</button>
          {onCancel ? <button type="button" onClick={onCancel}>{tn("inst.cancel")}</button> : null}
        </p>
        {done ? <p class="ok" role="status">{entry ? tn("inst.saved") : tn("inst.added")}</p> : null}
      </form>
    </section>
  );
}

/** Adds a partnership, or with `entry` changes it (its status when it ends, its dates, members, practices). */
function PartnershipForm({ ws, entry, institutions, practices, onDone, onCancel }: { ws: string; entry?: PartnershipEntry; institutions: InstitutionEntry[]; practices: PracticeInfo[] | null; onDone: () => void; onCancel?: () => void }) {
  const [kind, setKind] = useState(entry?.body.kind ?? "");
  const [members, setMembers] = useState<string[]>(entry?.body.members ?? []);
  const [network, setNetwork] = useState(entry?.body.network ?? "");
  const [networkName, setNetworkName] = useState(entry?.body.network_name ?? "");
  const [status, setStatus] = useState(entry?.body.status ?? "active");
  const [start, setStart] = useState(entry?.body.start ?? "");
  const [end, setEnd] = useState(entry?.body.end ?? "");
  const [served, setServed] = useState<string[]>(entry?.body.practices ?? []);
  const [marking, setMarking] = useState<Marking>((entry?.marking as Marking) ?? "AMBER");
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    setDone(false);
    const body = { kind, members, status, practices: served, ...(network ? { network } : {}), ...(networkName.trim() ? { network_name: networkName.trim() } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}), ...(entry?.body.notes ? { notes: entry.body.notes } : {}) };
    if (entry) await send("PATCH", `${api}/entries/${enc(entry.id)}`, { marking, body });
    else await send("POST", `${api}/workspaces/${enc(ws)}/partnerships`, { marking, body });
    if (!entry) { setMembers([]); setServed([]); setNetworkName(""); }
    setDone(true);
    onDone();
  });
  const e = form.error;
  const hub = kind === "network" || kind === "fusion-centre";
  const p = entry ? "edit-part" : "part"; // ids unique when both forms are open
  const heading = entry ? tn("inst.editing", { name: entry.name }) : tn("part.add");
  return (
    <section aria-labelledby={`${p}-h`}>
      <h2 id={`${p}-h`}><bdi>{heading}</bdi></h2>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["marking", "body.kind", "body.members", "body.network", "body.network_name", "body.status", "body.start", "body.end", "body.practices"]} />
        <Select id={`${p}-kind`} label={tn("part.kind")} value={kind} onValue={setKind} error={fieldError(e, "body.kind")} required>
          <option value="">—</option>
          {partnershipKinds.map((k) => <option key={k} value={k}>{tn(`pkind.${k}`)}</option>)}
        </Select>
        <CheckList id={`${p}-members`} legend={tn("part.members")} hint={tn("part.membersHint")} items={institutions.map((i) => ({ id: i.id, label: <bdi>{i.name}</bdi>, text: i.name }))}
          value={members} onValue={setMembers} error={fieldError(e, "body.members") ?? fieldError(e, "body.members.0") ?? fieldError(e, "body.members.1")} empty={tn("inst.none")} />
        {hub ? (
          <>
            <Select id={`${p}-network`} label={tn("part.network")} value={network} onValue={setNetwork} error={fieldError(e, "body.network")}>
              <option value="">—</option>
              {networks.map((n) => <option key={n} value={n}>{tn(`network.${n}`)}</option>)}
            </Select>
            <Field id={`${p}-network-name`} label={tn("part.networkName")} value={networkName} onValue={setNetworkName} error={fieldError(e, "body.network_name")} />
          </>
        ) : null}
        <Select id={`${p}-status`} label={tn("part.status")} value={status} onValue={setStatus} error={fieldError(e, "body.status")}>
          {statuses.map((s) => <option key={s} value={s}>{tn(`status.${s}`)}</option>)}
        </Select>
        <Field id={`${p}-start`} type="date" label={tn("part.start")} value={start} onValue={setStart} error={fieldError(e, "body.start")} />
        <Field id={`${p}-end`} type="date" label={tn("part.end")} value={end} onValue={setEnd} error={fieldError(e, "body.end")} />
        <CheckList id={`${p}-practices`} legend={tn("part.practices")} hint={tn("part.practicesHint")} items={(practices ?? []).map((p) => ({ id: p.id, label: `${practiceShort(p.id)} — ${p.title}`, text: `${practiceShort(p.id)} ${p.title}` }))}
          value={served} onValue={setServed} error={fieldError(e, "body.practices") ?? fieldError(e, "body.practices.0")} empty="—" />
        <MarkingSelect id={`${p}-marking`} value={marking} onValue={setMarking} error={fieldError(e, "marking")} />
        <p class="actions">
          <button class="primary" type="submit" disabled={form.busy}>{entry ? tn("inst.save") : tn("part.add")}</button>
          {onCancel ? <button type="button" onClick={onCancel}>{tn("inst.cancel")}</button> : null}
        </p>
        {done ? <p class="ok" role="status">{entry ? tn("inst.saved") : tn("part.added")}</p> : null}
      </form>
    </section>
  );
}

interface ImportResult { imported: number; rejected?: number; errors?: { row: number; line: number; field: string; message: string }[] }

function CsvSection({ ws, canWrite, onDone }: { ws: string; canWrite: boolean; onDone: () => void }) {
  const [what, setWhat] = useState<"institutions" | "partnerships">("institutions");
  const [file, setFile] = useState<File | null>(null);
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [result, setResult] = useState<ImportResult | null>(null);
  const form = useSubmit(async () => {
    setResult(null);
    const csv = file ? await file.text() : "";
    try {
      setResult(await send<ImportResult>("POST", `${api}/workspaces/${enc(ws)}/${what}/import`, { csv, marking }));
      onDone();
    } catch (err) {
      const body = (err as { body?: ImportResult }).body;
      if (body?.errors && typeof body.rejected === "number") setResult(body);
      else throw err;
    }
  });
  return (
    <section aria-labelledby="net-csv" class="no-print">
      <h2 id="net-csv">{tn("csv.title")}</h2>
      <p class="actions">
        <a class="button" href={`${api}/workspaces/${enc(ws)}/institutions.csv`} download>{tn("csv.exportInstitutions")}</a>
        <a class="button" href={`${api}/workspaces/${enc(ws)}/partnerships.csv`} download>{tn("csv.exportPartnerships")}</a>
      </p>
      {canWrite ? (
        <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
          <FormProblem error={form.error} fields={["csv", "marking"]} />
          <Select id="csv-what" label={tn("csv.what")} value={what} onValue={(v) => setWhat(v as typeof what)}>
            <option value="institutions">{tn("inst.list")}</option>
            <option value="partnerships">{tn("part.list")}</option>
          </Select>
          <div class="field">
            <label for="csv-file">{tn("csv.file")}</label>
            <p id="csv-file-hint" class="hint">{tn("csv.fileHint")}</p>
            <input id="csv-file" type="file" accept=".csv,text/csv" aria-describedby="csv-file-hint" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
            {fieldError(form.error, "csv") ? <p class="field-error" role="alert">{fieldError(form.error, "csv")}</p> : null}
          </div>
          <MarkingSelect id="csv-marking" value={marking} onValue={setMarking} error={fieldError(form.error, "marking")} />
          <p><button type="submit" disabled={form.busy || !file}>{tn("csv.import")}</button></p>
          {result ? (
            <div role="status">
              {result.errors?.length ? (
                <>
                  <p class="field-error">{tn("csv.refused", { count: result.rejected ?? result.errors.length })}</p>
                  <ul>{result.errors.map((r) => <li key={`${r.row}-${r.field}`}>{tn("csv.row", { row: r.row, line: r.line, field: r.field, message: r.message })}</li>)}</ul>
                </>
              ) : <p class="ok">{tn("csv.imported", { count: result.imported })}</p>}
            </div>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

/** The filters of the map and the gaps, kept in the address so a filtered view can be shared and printed. */
function Filters({ ws, tab, practices, actors, query }: { ws: string; tab: Tab; practices: PracticeInfo[] | null; actors: ActorInfo[] | null; query: URLSearchParams }) {
  const [practice, setPractice] = useState(query.get("practice") ?? "");
  const [actor, setActor] = useState(query.get("actor") ?? "");
  const [country, setCountry] = useState(query.get("country") ?? "");
  const apply = () => {
    const q = new URLSearchParams({ tab, ...(practice ? { practice } : {}), ...(actor ? { actor } : {}), ...(country ? { country } : {}) });
    navigate(`/network/workspaces/${enc(ws)}?${q}`);
  };
  return (
    <form class="form net-filters no-print" onSubmit={onSubmit(apply)} aria-label={tn("map.filters")}>
      <Select id="f-practice" label={tn("map.practice")} value={practice} onValue={setPractice}>
        <option value="">{tn("map.any")}</option>
        {(practices ?? []).map((p) => <option key={p.id} value={p.id}>{practiceShort(p.id)} — {p.title}</option>)}
      </Select>
      <Select id="f-actor" label={tn("map.actor")} value={actor} onValue={setActor}>
        <option value="">{tn("map.any")}</option>
        {(actors ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
      </Select>
      <Select id="f-country" label={tn("map.country")} value={country} onValue={setCountry}>
        <option value="">{tn("map.any")}</option>
        {countryOptions().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
      </Select>
      <p><button type="submit">{tn("map.apply")}</button></p>
    </form>
  );
}

const filterQuery = (query: URLSearchParams) => {
  const q = new URLSearchParams();
  for (const k of ["practice", "actor", "country"]) if (query.get(k)) q.set(k, query.get(k)!);
  return q.toString();
};

export interface Graph { nodes: { id: string; label: string; kind: "institution" | "hub"; institutionKind?: string; country?: string }[]; edges: { id: string; from: string; to: string; kind: string; live: boolean }[] }

function MapTab({ ws, practices, actors, query }: { ws: string; practices: PracticeInfo[] | null; actors: ActorInfo[] | null; query: URLSearchParams }) {
  const [graph] = useResource<Graph>(`${api}/workspaces/${enc(ws)}/graph?${filterQuery(query)}`);
  return (
    <section aria-labelledby="net-map">
      <h2 id="net-map">{tn("tabs.map")}</h2>
      <Filters ws={ws} tab="map" practices={practices} actors={actors} query={query} />
      <Show value={graph}>
        {(g) => g.nodes.length === 0 ? <p class="muted">{tn("map.empty")}</p> : (
          <>
            <p class="hint">{tn("map.legend")}</p>
            <p class="no-print"><button type="button" onClick={() => print()}>{tn("map.print")}</button></p>
            <Suspense fallback={<p class="muted" role="status">{tn("map.loading")}</p>}>
              <NetworkGraph graph={g} label={tn("map.label", { nodes: g.nodes.length, edges: g.edges.length })} hubName={(n) => tn(`network.${n}`)} />
            </Suspense>
            <Table caption={tn("map.links")} hideCaption={false} head={[tn("map.from"), tn("map.to"), tn("part.kind"), tn("part.status")]}>
              {g.edges.map((e) => {
                const label = (id: string) => { const n = g.nodes.find((x) => x.id === id); return n?.kind === "hub" ? tn(`network.${n.label}`, { defaultValue: n.label }) : n?.label ?? "—"; };
                return <tr key={e.id}><th scope="row"><bdi>{label(e.from)}</bdi></th><td><bdi>{label(e.to)}</bdi></td><td>{tn(`pkind.${e.kind}`)}</td><td>{e.live ? tn("part.live") : tn("part.notLive")}</td></tr>;
              })}
            </Table>
          </>
        )}
      </Show>
    </section>
  );
}

interface GapItem { kind: "no-institution" | "no-channel"; practice: string; message: Msg }

function GapsTab({ ws, practices, actors, query }: { ws: string; practices: PracticeInfo[] | null; actors: ActorInfo[] | null; query: URLSearchParams }) {
  const [gaps] = useResource<{ items: GapItem[] }>(`${api}/workspaces/${enc(ws)}/gaps?${filterQuery(query)}`);
  return (
    <section aria-labelledby="net-gaps">
      <h2 id="net-gaps">{tn("tabs.gaps")}</h2>
      <p>{tn("gaps.lead")}</p>
      <Filters ws={ws} tab="gaps" practices={practices} actors={actors} query={query} />
      <Show value={gaps}>
        {(d) => {
          if (d.items.length === 0) return <p class="ok">{tn("gaps.none")}</p>;
          // One row per practice, its gaps listed.
          const byPractice = new Map<string, GapItem[]>();
          for (const g of d.items) byPractice.set(g.practice, [...(byPractice.get(g.practice) ?? []), g]);
          return (
            <Table caption={tn("tabs.gaps")} head={[tn("gaps.practice"), tn("gaps.gap")]}>
              {[...byPractice].map(([practice, list]) => (
                <tr key={practice}>
                  <th scope="row"><a href={`/practices/${enc(practice)}`}>{practiceName(practices, practice)}</a></th>
                  <td><ul class="plain">{list.map((g, i) => <li key={i} class={`net-gap net-gap-${g.kind}`}>{msgText(g.message)}</li>)}</ul></td>
                </tr>
              ))}
            </Table>
          );
        }}
      </Show>
    </section>
  );
}

interface Seat { actor: string; institutions: { id: string; name: string; country?: string }[]; why: Msg }

function TableTab({ ws, practices, actors }: { ws: string; practices: PracticeInfo[] | null; actors: ActorInfo[] | null }) {
  const [scenarios] = useResource<{ items: { id: string; title: string }[] }>("/api/v1/exercises/scenarios");
  const [scenario, setScenario] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [audience, setAudience] = useState<string[]>([]);
  const [country, setCountry] = useState("");
  const [seats, setSeats] = useState<Seat[] | null>(null);
  const form = useSubmit(async () => {
    const q = new URLSearchParams({ ...(scenario ? { scenario } : {}), ...(chosen.length ? { practices: chosen.join(",") } : {}), ...(audience.length ? { actors: audience.join(",") } : {}), ...(country ? { country } : {}) });
    const r = await getJson<{ seats: Seat[] }>(`${api}/workspaces/${enc(ws)}/table?${q}`);
    setSeats(r.seats);
  });
  const e = form.error;
  return (
    <section aria-labelledby="net-table">
      <h2 id="net-table">{tn("tabs.table")}</h2>
      <p>{tn("table.lead")}</p>
      <form class="form no-print" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["scenario", "practices", "actors", "country"]} />
        <Select id="t-scenario" label={tn("table.scenario")} value={scenario} onValue={setScenario} error={fieldError(e, "scenario")}>
          <option value="">{tn("table.noScenario")}</option>
          {scenarios.state === "ready" ? scenarios.data.items.map((s) => <option key={s.id} value={s.id}>{s.title}</option>) : null}
        </Select>
        <CheckList id="t-practices" legend={tn("table.practices")} items={(practices ?? []).map((p) => ({ id: p.id, label: `${practiceShort(p.id)} — ${p.title}`, text: `${practiceShort(p.id)} ${p.title}` }))} value={chosen} onValue={setChosen} empty="—" />
        <CheckList id="t-actors" legend={tn("table.actors")} items={(actors ?? []).map((a) => ({ id: a.id, label: a.title, text: a.title }))} value={audience} onValue={setAudience} empty="—" />
        <Select id="t-country" label={tn("table.country")} value={country} onValue={setCountry} error={fieldError(e, "country")}>
          <option value="">{tn("map.any")}</option>
          {countryOptions().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </Select>
        <p><button class="primary" type="submit" disabled={form.busy}>{tn("table.show")}</button></p>
      </form>
      {seats ? (
        <Table caption={tn("tabs.table")} head={[tn("table.seat"), tn("table.institutions")]}>
          {seats.map((s) => (
            <tr key={s.actor} class={s.institutions.length ? "" : "net-seat-empty"}>
              <th scope="row">{actorName(actors, s.actor)}</th>
              <td>
                {s.institutions.length ? <ul class="plain">{s.institutions.map((i) => <li key={i.id}><bdi>{i.name}</bdi>{i.country ? <span class="muted"> ({countryName(i.country)})</span> : null}</li>)}</ul> : <strong>{tn("table.empty")}</strong>}
                <p class="hint small">{msgText(s.why)}</p>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}

export const load = () => withNetworkStrings(["network"], NetworkHome);
