/** The overview of areas: a world map coloured by leading manifestation (or indicators present) and the sortable comparison table. */
import { useEffect, useState } from "preact/hooks";
import { countryName, useTitle } from "../components/common.js";
import { i18next, t } from "../i18n.js";
import { navigate } from "../router.js";
import { formatDate, Guard, Show, TlpBadge, useResource } from "../platform/ui.js";
import type { MapArea, MapMode } from "./WorldMap.js";
import { HypothesisMark, hypothesisName } from "./marks.js";
import { enc, SelectField, useWatchMessages, watchBase, type Latest } from "./shared.js";
import "./watch.css";

interface OverviewItem {
  id: string; name: string; workspace_id: string; marking: string; country: string; subnational: string | null;
  point: { lat: number; lon: number } | null; context: string | null; latest: Latest | null;
}
type SortKey = "name" | "country" | "context" | "leader" | "score" | "present" | "analysed";

type MapModule = typeof import("./WorldMap.js");
let mapModule: Promise<MapModule> | null = null;

export function Overview({ query }: { query: URLSearchParams }) {
  useTitle(t("watch.overview.title"));
  return <Guard permission="records.read" title={t("watch.overview.title")}>{() => <OverviewView workspace={query.get("workspace") ?? ""} />}</Guard>;
}

function OverviewView({ workspace }: { workspace: string }) {
  const [data] = useResource<{ items: OverviewItem[] }>(`${watchBase}/overview${workspace ? `?workspace=${enc(workspace)}` : ""}`);
  const [workspaces] = useResource<{ items: { id: string; name: string }[] }>("/api/v1/workspaces");
  const [mode, setMode] = useState<MapMode>("leader");
  const [whole, setWhole] = useState(false);
  // Hypothesis names in the reader's language.
  useWatchMessages();
  return (
    <>
      <h1>{t("watch.overview.title")}</h1>
      <p class="lead">{t("watch.overview.lead")}</p>
      {workspaces.state === "ready" && workspaces.data.items.length > 0 && (
        <div class="short">
          <SelectField id="overview-ws" label={t("watch.overview.workspace")} value={workspace}
            onValue={(v) => navigate(`/watch/overview${v ? `?workspace=${enc(v)}` : ""}`, true)}>
            <option value="">{t("watch.overview.allWorkspaces")}</option>
            {workspaces.data.items.map((w) => <option key={w.id} value={w.id} dir="auto">{w.name}</option>)}
          </SelectField>
          {workspace ? <p><a href={`/watch/workspaces/${enc(workspace)}`}>{t("watch.overview.backToWorkspace")}</a></p> : null}
        </div>
      )}
      <Show value={data}>
        {(d) => d.items.length === 0 ? <p class="muted">{t("watch.overview.none")}</p> : (
          <>
            <section aria-labelledby="map-h">
              <h2 id="map-h">{t("watch.overview.map")}</h2>
              <div class="tabs" role="group" aria-label={t("watch.overview.colourBy")}>
                <button type="button" aria-pressed={mode === "leader" ? "true" : "false"} onClick={() => setMode("leader")}>{t("watch.overview.byLeader")}</button>
                <button type="button" aria-pressed={mode === "present" ? "true" : "false"} onClick={() => setMode("present")}>{t("watch.overview.byPresent")}</button>
              </div>
              <p class="map-zoom">
                <button type="button" aria-pressed={whole ? "true" : "false"} onClick={() => setWhole(!whole)}>{t("watch.overview.wholeWorld")}</button>
              </p>
              <MapFigure items={d.items} mode={mode} whole={whole} />
            </section>
            <section aria-labelledby="table-h">
              <h2 id="table-h">{t("watch.overview.table")}</h2>
              <AreaTable items={d.items} />
            </section>
          </>
        )}
      </Show>
    </>
  );
}

function MapFigure({ items, mode, whole }: { items: OverviewItem[]; mode: MapMode; whole: boolean }) {
  const [mod, setMod] = useState<MapModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    mapModule ??= import("./WorldMap.js");
    mapModule.then((m) => live && setMod(m), () => { mapModule = null; if (live) setFailed(true); });
    return () => { live = false; };
  }, []);
  const areas: MapArea[] = items.map((i) => ({
    id: i.id, name: i.name, country: i.country, point: i.point, leader: i.latest?.leader ?? null,
    leaderName: i.latest && i.latest.leader !== "none" ? hypothesisName(i.latest.leader, i.latest.leader_name) : t("watch.notEnough"), present: i.latest?.present ?? 0,
  }));
  const leaders = new Map<string, string>();
  for (const a of areas) leaders.set(a.leader ?? "none", a.leader && a.leader !== "none" ? a.leaderName : t("watch.notEnough"));
  return (
    <figure class="map" dir="ltr" aria-describedby="map-alt">
      {failed ? <p class="error" role="alert">{t("common.loadFailed")}</p> : mod ? <mod.WorldMap areas={areas} mode={mode} whole={whole} /> : <p class="muted" role="status">{t("common.loading")}</p>}
      <figcaption dir={i18next.dir()}>
        <ul class="legend">
          {mode === "leader"
            ? [...leaders.entries()].map(([id, name]) => <li key={id}><HypothesisMark id={id} /> <bdi>{name}</bdi></li>)
            : [0, 1, 2, 3].map((b) => <li key={b}><span class={`swatch present-${b}`} aria-hidden="true" /> {t(`watch.overview.bucket${b}`)}</li>)}
          <li><span class="swatch country-plain" aria-hidden="true" /> {t("watch.overview.noArea")}</li>
        </ul>
        <p class="hint">{mode === "leader" ? t("watch.overview.marksLeader") : t("watch.overview.marksPresent")}</p>
        <p id="map-alt" class="hint">{t("watch.overview.mapAlt")}</p>
      </figcaption>
    </figure>
  );
}

function AreaTable({ items }: { items: OverviewItem[] }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "name", dir: 1 });
  const collator = new Intl.Collator(i18next.language);
  const value = (i: OverviewItem, k: SortKey): string | number => ({
    name: i.name, country: countryName(i.country), context: i.context ? t(`watch.context.${i.context}`) : "",
    leader: i.latest ? hypothesisName(i.latest.leader, i.latest.leader_name) : "", score: i.latest?.score ?? -Infinity, present: i.latest?.present ?? -1, analysed: i.latest?.analysed_at ?? "",
  })[k];
  const sorted = [...items].sort((a, b) => {
    const x = value(a, sort.key), y = value(b, sort.key);
    return sort.dir * (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)));
  });
  const cols: [SortKey, string][] = [
    ["name", t("watch.overview.area")], ["country", t("watch.area.country")], ["context", t("watch.area.context")], ["leader", t("watch.leader")],
    ["score", t("watch.score")], ["present", t("watch.overview.present")], ["analysed", t("watch.overview.analysed")],
  ];
  return (
    <div class="table-wrap" role="region" aria-labelledby="table-h" tabIndex={0}>
      <table class="overview">
        <caption class="visually-hidden">{t("watch.overview.sortHint")}</caption>
        <thead>
          <tr>
            {cols.map(([k, label]) => (
              <th key={k} scope="col" aria-sort={sort.key === k ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
                <button type="button" class="sort" onClick={() => setSort({ key: k, dir: sort.key === k ? (-sort.dir as 1 | -1) : 1 })}>
                  {label}<span aria-hidden="true" class="sort-mark">{sort.key === k ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((i) => (
            <tr key={i.id}>
              <th scope="row"><a href={`/watch/subjects/${enc(i.id)}`}><bdi>{i.name}</bdi></a> <TlpBadge marking={i.marking} /></th>
              <td>{countryName(i.country)}{i.subnational ? <> — <bdi>{i.subnational}</bdi></> : null}</td>
              <td>{i.context ? t(`watch.context.${i.context}`) : "—"}</td>
              <td>{i.latest && i.latest.leader !== "none" ? <><HypothesisMark id={i.latest.leader} /> <bdi>{hypothesisName(i.latest.leader, i.latest.leader_name)}</bdi></> : <span class="muted">{t("watch.notEnough")}</span>}</td>
              <td dir="ltr">{i.latest ? i.latest.score : "—"}</td>
              <td>{i.latest?.present ?? 0}</td>
              <td class="nowrap">{i.latest ? formatDate(i.latest.analysed_at, true) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
