/** The areas of a workspace: the table and the form that adds one. */
import { useState } from "preact/hooks";
import { countryName } from "../components/common.js";
import { t } from "../i18n.js";
import { ProblemError, send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, TlpBadge } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { hypothesisName } from "./marks.js";
import { Empty, NotesField, NotesLine, present, Saved, Table, useAddForm, type TabProps } from "./homeParts.js";
import { contexts, countryOptions, enc, SelectField, watchBase, type WatchRecord } from "./shared.js";

export function AreasTab({ ws, items, canWrite, defaultMarking, onChange }: TabProps & { items: WatchRecord[] }) {
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [sub, setSub] = useState("");
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [context, setContext] = useState("");
  const [notes, setNotes] = useState("");
  const add = useAddForm(defaultMarking, async (marking) => {
    const point = lat.trim() || lon.trim() ? { lat: Number(lat), lon: Number(lon) } : undefined;
    if (point && (Number.isNaN(point.lat) || Number.isNaN(point.lon) || !lat.trim() || !lon.trim())) throw new ProblemError(400, t("watch.area.pointBoth"), [{ param: "body.point", message: t("watch.area.pointBoth") }]);
    const r = await send<{ title: string }>("POST", `${watchBase}/workspaces/${enc(ws)}/areas`, {
      name, marking, body: { country, ...present({ subnational: sub.trim(), context, notes }), ...(point ? { point } : {}) },
    });
    setName(""); setSub(""); setLat(""); setLon(""); setNotes("");
    return t("watch.savedItem", { name: r.title });
  }, onChange);
  const e = add.form.error;
  return (
    <section aria-labelledby="w-areas">
      <h2 id="w-areas">{t("watch.tab.areas")}</h2>
      {items.length === 0 ? <Empty /> : (
        <Table caption={t("watch.tab.areas")} head={[t("watch.name"), t("watch.area.country"), t("watch.area.context"), t("watch.leader"), t("record.marking")]}>
          {items.map((a) => {
            const b = a.body as { country: string; subnational?: string; context?: string; latest?: { leader: string; leader_name: string } };
            return (
              <tr key={a.id}>
                <th scope="row"><a href={`/watch/subjects/${enc(a.id)}`}><bdi>{a.title}</bdi></a><NotesLine record={a} /></th>
                <td>{countryName(b.country)}{b.subnational ? <> — <bdi>{b.subnational}</bdi></> : null}</td>
                <td>{b.context ? t(`watch.context.${b.context}`) : "—"}</td>
                <td>{b.latest && b.latest.leader !== "none" ? <bdi>{hypothesisName(b.latest.leader, b.latest.leader_name)}</bdi> : <span class="muted">{b.latest ? t("watch.notEnough") : t("watch.notAnalysed")}</span>}</td>
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
            <FormProblem error={e} fields={["name", "marking", "body.country", "body.subnational", "body.point", "body.context", "body.notes"]} />
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
            <NotesField id="area-notes" value={notes} onValue={setNotes} error={fieldError(e, "body.notes")} />
            <MarkingSelect id="area-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.area.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}
