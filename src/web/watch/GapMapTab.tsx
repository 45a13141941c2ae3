/**
 * The "Evidence gaps" tab of a workspace's Nexus Watch (decision 0037): the evidence-gap map as an
 * accessible table (indicators by area, or by manifestation), each cell's state in words, colour
 * and a symbol; a cell opens its reasons and the research priorities it serves; the list of what
 * to collect next; CSV and PDF downloads. Loaded as its own chunk when the tab is opened.
 */
import { useState } from "preact/hooks";
import { msg, type Msg } from "../../core/watch/messages.js";
import { currentReason } from "../http.js";
import { t } from "../i18n.js";
import { withLang } from "../messages.js";
import { Show, useResource } from "../platform/ui.js";
import { formatDate } from "../platform/ui.js";
import { enc, useWatchMessages, watchBase, WatchText, watchText } from "./shared.js";
import "./gapMap.css";

type State = "none" | "weak" | "solid";
interface Cell { state: State; reasons: Msg[]; observations: number; sources: number; latest: string | null; priorities: string[] }
interface MCell { direction: "for" | "against"; strength: string; state: State; areas: Record<State, number>; reasons: Msg[] }
interface GapMapData {
  asOf: string;
  workspace: { id: string; name: string };
  areas: { id: string; name: string; leader: string | null; withheld: boolean }[];
  factors: { id: string; rows: { indicator: string; statement: string; cells: Cell[] }[] }[];
  manifestations: { columns: { id: string; name: Msg; linked: number; solid: number; summary: Msg }[]; factors: { id: string; rows: { indicator: string; statement: string; cells: (MCell | null)[] }[] }[] };
  collectNext: { area: string; indicator: string; state: State; score: number; flipsTo: string | null; explanation: Msg[] }[];
  totals: Record<State, number>;
  priorities: { id: string; title: string }[];
  factorNames: Record<string, string>;
}

const SYMBOL: Record<State, string> = { solid: "●", weak: "◐", none: "○" };
const stateWord = (s: State) => watchText(msg(`watch.msg.gaps.state.${s}`));

/** A download of the map in `format`, in the reader's language, with the reason given on this page. */
function href(ws: string, format: "csv" | "pdf") {
  const reason = currentReason();
  return withLang(`${watchBase}/workspaces/${enc(ws)}/gap-map?format=${format}${reason ? `&reason=${encodeURIComponent(reason)}` : ""}`);
}

export function GapMapTab({ ws }: { ws: string }) {
  useWatchMessages();
  const [data] = useResource<GapMapData>(withLang(`${watchBase}/workspaces/${enc(ws)}/gap-map`));
  return (
    <section aria-labelledby="w-gaps" class="gap-map">
      <h2 id="w-gaps">{t("watch.gaps.title")}</h2>
      <p class="lead">{t("watch.gaps.lead")}</p>
      <p class="actions">
        <a class="button" href={href(ws, "csv")} download>{t("watch.gaps.csv")}</a>
        <a class="button" href={href(ws, "pdf")} download>{t("watch.gaps.pdf")}</a>
      </p>
      <Show value={data}>{(d) => <GapMap data={d} />}</Show>
    </section>
  );
}

type Open = { view: "areas"; row: string; col: number } | { view: "manifestations"; row: string; col: number } | null;

function GapMap({ data: d }: { data: GapMapData }) {
  const [view, setView] = useState<"areas" | "manifestations">("areas");
  const [open, setOpen] = useState<Open>(null);
  if (!d.areas.length) return <p class="muted">{t("watch.gaps.noAreas")}</p>;
  const statement = new Map(d.factors.flatMap((f) => f.rows.map((r) => [r.indicator, r.statement])));
  const areaName = new Map(d.areas.map((a) => [a.id, a.name]));
  const priorityTitle = new Map(d.priorities.map((p) => [p.id, p.title]));
  const isOpen = (row: string, col: number) => !!open && open.view === view && open.row === row && open.col === col;
  const toggle = (row: string, col: number) => setOpen(isOpen(row, col) ? null : { view, row, col });
  const cols = view === "areas" ? d.areas.length : d.manifestations.columns.length;
  return (
    <>
      {d.areas.some((a) => a.withheld) && <p class="notice">{t("watch.gaps.withheld")}</p>}
      <p>{t("watch.gaps.totals", { solid: d.totals.solid, weak: d.totals.weak, none: d.totals.none })}</p>
      <fieldset class="gap-view">
        <legend>{t("watch.gaps.view")}</legend>
        {(["areas", "manifestations"] as const).map((v) => (
          <label key={v}><input type="radio" name="gap-view" value={v} checked={view === v} onChange={() => { setView(v); setOpen(null); }} /> {t(v === "areas" ? "watch.gaps.byArea" : "watch.gaps.byManifestation")}</label>
        ))}
      </fieldset>
      <Legend />
      <p class="hint gap-scroll-hint">{t("watch.gaps.scroll")}</p>
      <div class="gap-scroll" role="region" aria-labelledby="gap-caption" tabIndex={0}>
        <table class="gap-matrix">
          <caption id="gap-caption"><span class="gap-pinned">{t(view === "areas" ? "watch.gaps.captionAreas" : "watch.gaps.captionManifestations")}</span></caption>
          <thead>
            <tr>
              <th scope="col">{t("watch.gaps.indicator")}</th>
              {view === "areas"
                ? d.areas.map((a) => <th key={a.id} scope="col"><bdi>{a.name}</bdi>{a.leader && <span class="gap-leader">{t("watch.gaps.leading", { name: watchText(msg(`watch.msg.hypothesis.${a.leader}`)) })}</span>}</th>)
                : d.manifestations.columns.map((c) => <th key={c.id} scope="col"><WatchText value={c.name} /></th>)}
            </tr>
          </thead>
          {(view === "areas" ? d.factors : d.manifestations.factors).map((f) => (
            <tbody key={f.id}>
              <tr class="gap-factor"><th scope="colgroup" colSpan={cols + 1}><span class="gap-pinned">{d.factorNames[f.id] ?? ""}</span></th></tr>
              {f.rows.map((r) => (
                <tr key={r.indicator}>
                  <th scope="row">{r.statement}</th>
                  {view === "areas"
                    ? (r.cells as Cell[]).map((c, i) => (
                      <td key={i} class={`gap-cell gap-${c.state}`}>
                        <button type="button" aria-expanded={isOpen(r.indicator, i) ? "true" : "false"} aria-controls="gap-details" onClick={() => toggle(r.indicator, i)}>
                          <span aria-hidden="true" class="gap-symbol">{SYMBOL[c.state]}</span> {stateWord(c.state)}{c.observations ? <span class="gap-n"> ({c.observations})</span> : null}
                        </button>
                      </td>
                    ))
                    : (r.cells as (MCell | null)[]).map((c, i) => (c ? (
                      <td key={i} class={`gap-cell gap-${c.state}`}>
                        <button type="button" aria-expanded={isOpen(r.indicator, i) ? "true" : "false"} aria-controls="gap-details" onClick={() => toggle(r.indicator, i)}>
                          {c.direction === "for" ? "+" : "−"} {t(`watch.gaps.${c.direction}`)}, <span aria-hidden="true" class="gap-symbol">{SYMBOL[c.state]}</span> {stateWord(c.state)}
                        </button>
                      </td>
                    ) : <td key={i} class="gap-cell gap-unlinked" />))}
                </tr>
              ))}
            </tbody>
          ))}
          {view === "manifestations" && (
            <tfoot>
              <tr><th scope="row">{t("watch.gaps.summaryRow")}</th>{d.manifestations.columns.map((c) => <td key={c.id} title={watchText(c.summary)}>{c.solid} / {c.linked}</td>)}</tr>
            </tfoot>
          )}
        </table>
      </div>
      <div id="gap-details" aria-live="polite">
        {open && open.view === view && (
          <Details data={d} open={open} statement={statement.get(open.row) ?? ""} priorityTitle={priorityTitle} onClose={() => setOpen(null)} />
        )}
      </div>
      <h3>{t("watch.gaps.next")}</h3>
      <p class="hint">{t("watch.gaps.nextLead")}</p>
      <ol class="gap-next">
        {d.collectNext.map((s) => (
          <li key={`${s.area} ${s.indicator}`}>
            <p><strong>{t("watch.gaps.details", { indicator: statement.get(s.indicator) ?? "", area: areaName.get(s.area) ?? "" })}</strong>{" "}
              <span class={`gap-tag gap-${s.state}`}><span aria-hidden="true">{SYMBOL[s.state]}</span> {stateWord(s.state)}</span>{" "}
              <span class="muted">{t("watch.gaps.points", { points: s.score })}</span></p>
            <p class="gap-why"><WatchText value={s.explanation} /></p>
          </li>
        ))}
      </ol>
    </>
  );
}

function Legend() {
  return (
    <p class="gap-legend">
      <span>{t("watch.gaps.legend")}:</span>
      {(["solid", "weak", "none"] as const).map((s) => <span key={s} class={`gap-tag gap-${s}`}><span aria-hidden="true">{SYMBOL[s]}</span> {stateWord(s)}</span>)}
    </p>
  );
}

function Details({ data: d, open, statement, priorityTitle, onClose }: { data: GapMapData; open: Exclude<Open, null>; statement: string; priorityTitle: Map<string, string>; onClose: () => void }) {
  if (open.view === "areas") {
    const row = d.factors.flatMap((f) => f.rows).find((r) => r.indicator === open.row);
    const cell = row?.cells[open.col];
    const area = d.areas[open.col];
    if (!cell || !area) return null;
    return (
      <div class="panel gap-details">
        <h3>{t("watch.gaps.details", { indicator: statement, area: area.name })}</h3>
        <p><span class={`gap-tag gap-${cell.state}`}><span aria-hidden="true">{SYMBOL[cell.state]}</span> {stateWord(cell.state)}</span></p>
        <ul>{cell.reasons.map((r, i) => <li key={i}><WatchText value={r} /></li>)}</ul>
        {cell.latest && <p class="muted">{t("watch.gaps.counts", { observations: cell.observations, sources: cell.sources, latest: formatDate(cell.latest) })}</p>}
        {cell.state !== "solid" && (
          <>
            <h4>{t("watch.gaps.priorities")}</h4>
            {cell.priorities.length
              ? <ul>{cell.priorities.map((p) => <li key={p}><a href={`/research/priorities/${enc(p)}`}>{priorityTitle.get(p) ?? ""}</a></li>)}</ul>
              : <p class="muted">{t("watch.gaps.noPriorities")}</p>}
          </>
        )}
        <p><button type="button" onClick={onClose}>{t("watch.gaps.close")}</button></p>
      </div>
    );
  }
  const row = d.manifestations.factors.flatMap((f) => f.rows).find((r) => r.indicator === open.row);
  const cell = row?.cells[open.col];
  const col = d.manifestations.columns[open.col];
  if (!cell || !col) return null;
  return (
    <div class="panel gap-details">
      <h3>{t("watch.gaps.details", { indicator: statement, area: watchText(col.name) })}</h3>
      <p>{cell.direction === "for" ? "+" : "−"} {t(`watch.gaps.${cell.direction}`)}, {t(`strength.${cell.strength}`)}</p>
      <ul>{cell.reasons.map((r, i) => <li key={i}><WatchText value={r} /></li>)}</ul>
      <p><button type="button" onClick={onClose}>{t("watch.gaps.close")}</button></p>
    </div>
  );
}
