/**
 * The relationships between groups: the graph (its own lazy chunk), the table and the form,
 * which explains each kind and, for integration, successor and splinter, which way it runs.
 */
import { useEffect, useState } from "preact/hooks";
import { relationshipKinds } from "../../core/watch/evidence.js";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, TlpBadge } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { dateOrDots, Empty, NotesField, NotesLine, present, Saved, Table, useAddForm, type TabProps } from "./homeParts.js";
import { CheckList, CredibilitySelect, enc, SelectField, watchBase, type WatchRecord } from "./shared.js";

/** Kinds whose direction changes their meaning: the form says which group does what. */
const directed = new Set(["integration", "successor", "splinter"]);

type GraphModule = typeof import("./RelationshipGraph.js");
let graphModule: Promise<GraphModule> | null = null;

export function RelationshipsTab({ ws, items, groups, sources, canWrite, defaultMarking, onChange }: TabProps & { items: WatchRecord[]; groups: WatchRecord[]; sources: WatchRecord[] }) {
  return (
    <section aria-labelledby="w-rels">
      <h2 id="w-rels">{t("watch.tab.relationships")}</h2>
      {items.length === 0 ? <Empty /> : (
        <>
          <GraphFigure groups={groups} relationships={items} />
          <Table caption={t("watch.tab.relationships")} head={[t("watch.relationship"), t("watch.rel.kind"), t("watch.rel.period"), t("record.marking")]}>
            {items.map((r) => {
              const b = r.body as { kind: string; start?: string; end?: string | null };
              return (
                <tr key={r.id}>
                  <th scope="row"><bdi>{r.title}</bdi><NotesLine record={r} /></th>
                  <td>{t(`watch.relKind.${b.kind}`)}</td>
                  <td class="nowrap">{dateOrDots(b.start)} – {dateOrDots(b.end)}</td>
                  <td><TlpBadge marking={r.marking} /></td>
                </tr>
              );
            })}
          </Table>
        </>
      )}
      {canWrite && <RelationshipForm ws={ws} groups={groups} sources={sources} defaultMarking={defaultMarking} onChange={onChange} />}
    </section>
  );
}

/** The graph, loaded only when the tab shows relationships: it adds nothing to the first view. */
function GraphFigure({ groups, relationships }: { groups: WatchRecord[]; relationships: WatchRecord[] }) {
  const [mod, setMod] = useState<GraphModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    graphModule ??= import("./RelationshipGraph.js");
    graphModule.then((m) => live && setMod(m), () => { graphModule = null; if (live) setFailed(true); });
    return () => { live = false; };
  }, []);
  if (failed) return <p class="error" role="alert">{t("common.loadFailed")}</p>;
  return mod ? <mod.RelationshipGraph groups={groups} relationships={relationships} /> : <p class="muted" role="status">{t("common.loading")}</p>;
}

function RelationshipForm({ ws, groups, sources, defaultMarking, onChange }: Omit<TabProps, "canWrite"> & { groups: WatchRecord[]; sources: WatchRecord[] }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [kind, setKind] = useState<string>("alliance");
  const [service, setService] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [credibility, setCredibility] = useState("3");
  const [notes, setNotes] = useState("");
  const add = useAddForm(defaultMarking, async (marking) => {
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/relationships`, {
      marking, body: { from, to, kind, ...present({ service: service.trim(), start, end, notes }), sources: chosen, credibility: Number(credibility) },
    });
    setService(""); setStart(""); setEnd(""); setChosen([]); setNotes("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  const title = (id: string) => groups.find((g) => g.id === id)?.title;
  const groupOptions = [<option key="" value="">{t("watch.rel.chooseGroup")}</option>, ...groups.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)];
  const direction = directed.has(kind)
    ? t(`watch.relDirection.${kind}`, { from: title(from) ?? t("watch.rel.fromGroup"), to: title(to) ?? t("watch.rel.toGroup") })
    : null;
  return (
    <div class="panel">
      <h3>{t("watch.rel.add")}</h3>
      {groups.length < 2 ? <p class="muted">{t("watch.rel.needGroups")}</p> : (
        <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
          <FormProblem error={e} fields={["marking", "body.from", "body.to", "body.kind", "body.service", "body.start", "body.end", "body.sources", "body.credibility", "body.notes"]} />
          <div class="row">
            <SelectField id="rel-from" label={t("watch.rel.from")} value={from} onValue={setFrom} error={fieldError(e, "body.from")} required>{groupOptions}</SelectField>
            <SelectField id="rel-to" label={t("watch.rel.to")} value={to} onValue={setTo} error={fieldError(e, "body.to")} required>{groupOptions}</SelectField>
          </div>
          <SelectField id="rel-kind" label={t("watch.rel.kind")} value={kind} onValue={setKind} error={fieldError(e, "body.kind")}
            hint={<>{t(`watch.relKindHint.${kind}`)}{direction ? <><br /><strong class="direction">{direction}</strong></> : null}</>}>
            {relationshipKinds.map((k) => <option key={k} value={k}>{t(`watch.relKind.${k}`)}</option>)}
          </SelectField>
          <details class="kinds-help">
            <summary>{t("watch.rel.kindsHelp")}</summary>
            <dl>
              {relationshipKinds.map((k) => (
                <div key={k}><dt>{t(`watch.relKind.${k}`)}</dt><dd>{t(`watch.relKindHint.${k}`)}</dd></div>
              ))}
            </dl>
          </details>
          <Field id="rel-service" label={t("watch.rel.service")} hint={t("watch.rel.serviceHint")} value={service} onValue={setService} error={fieldError(e, "body.service")} />
          <div class="row">
            <Field id="rel-start" label={t("watch.rel.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "body.start")} dir="ltr" />
            <Field id="rel-end" label={t("watch.rel.end")} type="date" value={end} onValue={setEnd} error={fieldError(e, "body.end")} dir="ltr" hint={t("watch.rel.endHint")} />
          </div>
          <CheckList id="rel-sources" legend={t("watch.sources")} items={sources.map((s) => ({ id: s.id, text: s.title, label: <bdi>{s.title}</bdi> }))}
            value={chosen} onValue={setChosen} error={fieldError(e, "body.sources")} empty={t("watch.noSources")} />
          <CredibilitySelect id="rel-credibility" value={credibility} onValue={setCredibility} error={fieldError(e, "body.credibility")} />
          <NotesField id="rel-notes" value={notes} onValue={setNotes} error={fieldError(e, "body.notes")} />
          <MarkingSelect id="rel-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
          <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.rel.submit")}</button></p>
          <Saved text={add.saved} />
        </form>
      )}
    </div>
  );
}
