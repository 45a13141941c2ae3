/** The sources of a workspace, with their Admiralty reliability grade: the table and the form that adds one. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, TlpBadge, useResource } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { Empty, NotesField, NotesLine, present, Saved, Table, useAddForm, type TabProps } from "./homeParts.js";
import { enc, ReliabilitySelect, SelectField, watchBase, type WatchRecord } from "./shared.js";

const sourceTypes = ["human", "official", "partner-agency", "open-source", "media", "academic", "ngo", "technical"] as const;
/** Sources that are organisations may name their institution in the directory (decision 0035); a person never. */
const organisations = new Set(["official", "partner-agency", "academic", "ngo"]);

export function SourcesTab({ ws, items, canWrite, defaultMarking, onChange }: TabProps & { items: WatchRecord[] }) {
  const [name, setName] = useState("");
  const [type, setType] = useState<string>("open-source");
  const [reliability, setReliability] = useState("F");
  const [notes, setNotes] = useState("");
  const [institution, setInstitution] = useState("");
  const [dir] = useResource<{ institutions: { id: string; name: string }[] }>(`/api/v1/network/workspaces/${enc(ws)}`);
  const institutions = dir.state === "ready" ? dir.data.institutions : [];
  const add = useAddForm(defaultMarking, async (marking) => {
    const body = { type, reliability, ...present({ notes }), ...(institution && organisations.has(type) ? { institution } : {}) };
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/sources`, { name, marking, body });
    setName(""); setNotes(""); setInstitution("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  return (
    <section aria-labelledby="w-sources">
      <h2 id="w-sources">{t("watch.tab.sources")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.sources")} head={[t("watch.name"), t("watch.source.type"), t("watch.reliability"), t("record.marking")]}>
          {items.map((s) => {
            const b = s.body as { type: string; reliability: string; institution?: string };
            const org = institutions.find((i) => i.id === b.institution)?.name;
            return (
              <tr key={s.id}>
                <th scope="row"><bdi>{s.title}</bdi>{org ? <span class="muted"> · <bdi>{org}</bdi></span> : null}<NotesLine record={s} /></th>
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
            <FormProblem error={e} fields={["name", "marking", "body.type", "body.reliability", "body.notes", "body.institution"]} />
            <Field id="source-name" label={t("watch.source.name")} required value={name} onValue={setName} error={fieldError(e, "name")} />
            <SelectField id="source-type" label={t("watch.source.type")} value={type} onValue={setType} error={fieldError(e, "body.type")}>
              {sourceTypes.map((s) => <option key={s} value={s}>{t(`watch.sourceType.${s}`)}</option>)}
            </SelectField>
            {organisations.has(type) && institutions.length > 0 && (
              <SelectField id="source-institution" label={t("watch.source.institution")} hint={t("watch.source.institutionHint")} value={institution} onValue={setInstitution} error={fieldError(e, "body.institution")}>
                <option value="">{t("watch.source.noInstitution")}</option>
                {institutions.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
              </SelectField>
            )}
            <ReliabilitySelect id="source-reliability" value={reliability} onValue={setReliability} error={fieldError(e, "body.reliability")} />
            <NotesField id="source-notes" value={notes} onValue={setNotes} error={fieldError(e, "body.notes")} />
            <MarkingSelect id="source-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.source.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}
