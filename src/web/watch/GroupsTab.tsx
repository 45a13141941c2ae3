/**
 * The groups of a workspace: the table (type today and earlier types, motivations, areas) and
 * the form that adds one, with dated earlier types and motivations (kind, primary or secondary
 * aim, sources, credibility).
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, TlpBadge } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { earlierTypesText, motivationsText, type GroupBody } from "./groupText.js";
import { Empty, NotesField, NotesLine, present, Saved, Table, useAddForm, type TabProps } from "./homeParts.js";
import { CheckList, credibilities, enc, SelectField, watchBase, type WatchRecord } from "./shared.js";

const groupTypes = ["criminal", "terrorist", "other-armed", "unknown"] as const;
const motivationKinds = ["ideological", "political", "economic", "both"] as const;
const aims = ["primary", "secondary"] as const;

interface TypeRow { from: string; type: string }
interface MotivationDraft { from: string; kind: string; aim: string; sources: string[]; credibility: string }
const newMotivation = (): MotivationDraft => ({ from: "", kind: "economic", aim: "primary", sources: [], credibility: "" });

export function GroupsTab({ ws, items, areas, sources, canWrite, defaultMarking, onChange }: TabProps & { items: WatchRecord[]; areas: WatchRecord[]; sources: WatchRecord[] }) {
  const areaName = (id: string) => areas.find((a) => a.id === id)?.title ?? id;
  return (
    <section aria-labelledby="w-groups">
      <h2 id="w-groups">{t("watch.tab.groups")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.groups")} head={[t("watch.name"), t("watch.group.type"), t("watch.group.motivationsColumn"), t("watch.group.areas"), t("record.marking")]}>
          {items.map((g) => {
            const b = g.body as unknown as GroupBody;
            const earlier = earlierTypesText(b.types);
            const motives = motivationsText(b.motivations);
            return (
              <tr key={g.id}>
                <th scope="row">
                  <a href={`/watch/subjects/${enc(g.id)}`}><bdi>{g.title}</bdi></a>
                  {b.aliases?.length ? <p class="sub-line">{t("watch.group.alsoKnownAs")} <bdi>{b.aliases.join(", ")}</bdi></p> : null}
                  <NotesLine record={g} />
                </th>
                <td>{t(`watch.groupType.${b.type}`)}{earlier ? <p class="sub-line">{t("watch.group.earlier")} {earlier}</p> : null}</td>
                <td>{motives || <span class="muted">—</span>}</td>
                <td>{(b.areas ?? []).map((a, n) => <span key={a}>{n ? ", " : ""}<bdi>{areaName(a)}</bdi></span>)}</td>
                <td><TlpBadge marking={g.marking} /></td>
              </tr>
            );
          })}
        </Table>
      )}
      {canWrite && <GroupForm ws={ws} areas={areas} sources={sources} defaultMarking={defaultMarking} onChange={onChange} />}
    </section>
  );
}

function GroupForm({ ws, areas, sources, defaultMarking, onChange }: Omit<TabProps, "canWrite"> & { areas: WatchRecord[]; sources: WatchRecord[] }) {
  const [name, setName] = useState("");
  const [aliases, setAliases] = useState("");
  const [type, setType] = useState<string>("criminal");
  const [types, setTypes] = useState<TypeRow[]>([]);
  const [motivations, setMotivations] = useState<MotivationDraft[]>([]);
  const [groupAreas, setGroupAreas] = useState<string[]>([]);
  const [notes, setNotes] = useState("");
  const add = useAddForm(defaultMarking, async (marking) => {
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/groups`, {
      name, marking, body: {
        type, aliases: aliases.split(",").map((a) => a.trim()).filter(Boolean), types, areas: groupAreas,
        motivations: motivations.map((m) => ({ from: m.from, kind: m.kind, ...present({ aim: m.aim }), sources: m.sources, ...(m.credibility ? { credibility: Number(m.credibility) } : {}) })),
        ...present({ notes }),
      },
    });
    setName(""); setAliases(""); setTypes([]); setMotivations([]); setGroupAreas([]); setNotes("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  const setType_ = (i: number, patch: Partial<TypeRow>) => setTypes(types.map((x, n) => (n === i ? { ...x, ...patch } : x)));
  const setMotive = (i: number, patch: Partial<MotivationDraft>) => setMotivations(motivations.map((m, n) => (n === i ? { ...m, ...patch } : m)));
  const sourceItems = sources.map((s) => ({ id: s.id, text: s.title, label: <bdi>{s.title}</bdi> }));
  return (
    <div class="panel">
      <h3>{t("watch.group.add")}</h3>
      <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
        <FormProblem error={e} fields={["name", "marking", "body.type", "body.types", "body.aliases", "body.motivations", "body.areas", "body.notes"]} />
        <Field id="group-name" label={t("watch.group.name")} required value={name} onValue={setName} error={fieldError(e, "name")} />
        <Field id="group-aliases" label={t("watch.group.aliases")} hint={t("watch.group.aliasesHint")} value={aliases} onValue={setAliases} error={fieldError(e, "body.aliases")} />
        <SelectField id="group-type" label={t("watch.group.typeToday")} hint={t("watch.group.typeHint")} value={type} onValue={setType} error={fieldError(e, "body.type")}>
          {groupTypes.map((g) => <option key={g} value={g}>{t(`watch.groupType.${g}`)}</option>)}
        </SelectField>

        <fieldset class="field rows">
          <legend>{t("watch.group.types")}</legend>
          <p class="hint">{t("watch.group.typesHint")}</p>
          {types.map((x, i) => (
            <div class="dated-row" key={i}>
              <Field id={`type-from-${i}`} label={t("watch.group.from")} type="date" value={x.from} onValue={(v) => setType_(i, { from: v })} error={fieldError(e, `body.types.${i}.from`)} dir="ltr" />
              <SelectField id={`type-type-${i}`} label={t("watch.group.earlierType")} value={x.type} onValue={(v) => setType_(i, { type: v })} error={fieldError(e, `body.types.${i}.type`)}>
                {groupTypes.map((g) => <option key={g} value={g}>{t(`watch.groupType.${g}`)}</option>)}
              </SelectField>
              <button type="button" class="danger" onClick={() => setTypes(types.filter((_, n) => n !== i))}>
                {t("watch.group.removeType")}<span class="visually-hidden"> {i + 1}</span>
              </button>
            </div>
          ))}
          <p><button type="button" onClick={() => setTypes([...types, { from: "", type: "other-armed" }])}>{t("watch.group.addType")}</button></p>
        </fieldset>

        <fieldset class="field rows">
          <legend>{t("watch.group.motivations")}</legend>
          <p class="hint">{t("watch.group.motivationsHint")}</p>
          {motivations.map((m, i) => (
            <fieldset class="motivation" key={i}>
              <legend>{t("watch.group.motivationN", { n: i + 1 })}</legend>
              <div class="dated-row">
                <Field id={`mot-from-${i}`} label={t("watch.group.from")} type="date" value={m.from} onValue={(v) => setMotive(i, { from: v })} error={fieldError(e, `body.motivations.${i}.from`)} dir="ltr" />
                <SelectField id={`mot-kind-${i}`} label={t("watch.group.motivation")} value={m.kind} onValue={(v) => setMotive(i, { kind: v })} error={fieldError(e, `body.motivations.${i}.kind`)}>
                  {motivationKinds.map((k) => <option key={k} value={k}>{t(`watch.motivation.${k}`)}</option>)}
                </SelectField>
                <SelectField id={`mot-aim-${i}`} label={t("watch.group.aim")} value={m.aim} onValue={(v) => setMotive(i, { aim: v })} error={fieldError(e, `body.motivations.${i}.aim`)}>
                  {aims.map((a) => <option key={a} value={a}>{t(`watch.aim.${a}`)}</option>)}
                  <option value="">{t("watch.aim.whole")}</option>
                </SelectField>
                <SelectField id={`mot-cred-${i}`} label={t("watch.credibility")} value={m.credibility} onValue={(v) => setMotive(i, { credibility: v })} error={fieldError(e, `body.motivations.${i}.credibility`)}>
                  <option value="">{t("watch.group.notGraded")}</option>
                  {credibilities.map((c) => <option key={c} value={c}>{c} — {t(`watch.cred.${c}`)}</option>)}
                </SelectField>
              </div>
              <CheckList id={`mot-sources-${i}`} legend={t("watch.sources")} hint={t("watch.group.motivationSourcesHint")} items={sourceItems}
                value={m.sources} onValue={(v) => setMotive(i, { sources: v })} error={fieldError(e, `body.motivations.${i}.sources`)} empty={t("watch.noSources")} />
              <p>
                <button type="button" class="danger" onClick={() => setMotivations(motivations.filter((_, n) => n !== i))}>
                  {t("watch.group.removeRow")}<span class="visually-hidden"> {i + 1}</span>
                </button>
              </p>
            </fieldset>
          ))}
          <p><button type="button" onClick={() => setMotivations([...motivations, newMotivation()])}>{t("watch.group.addRow")}</button></p>
        </fieldset>

        <CheckList id="group-areas" legend={t("watch.group.areas")} items={areas.map((a) => ({ id: a.id, text: a.title, label: <bdi>{a.title}</bdi> }))}
          value={groupAreas} onValue={setGroupAreas} error={fieldError(e, "body.areas")} empty={t("watch.group.noAreas")} />
        <NotesField id="group-notes" value={notes} onValue={setNotes} error={fieldError(e, "body.notes")} />
        <MarkingSelect id="group-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
        <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.group.submit")}</button></p>
        <Saved text={add.saved} />
      </form>
    </div>
  );
}
