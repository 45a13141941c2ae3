/**
 * The Nexus Watch home of a workspace: one tab each for areas, groups, sources, relationships,
 * watch rules, the CSV import, the STIX exchange (each in its own file) and the evidence-gap map (its own chunk). New records start with the
 * workspace's default marking (homeParts.defaultMarkingOf).
 */
import { useEffect, useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import type { Session } from "../platform/session.js";
import { Guard, Show, useResource } from "../platform/ui.js";
import { AreasTab } from "./AreasTab.js";
import { GroupsTab } from "./GroupsTab.js";
import { defaultMarkingOf } from "./homeParts.js";
import { ImportTab } from "./ImportTab.js";
import { ExchangeTab } from "./ExchangeTab.js";
import { RelationshipsTab } from "./RelationshipsTab.js";
import { RulesTab } from "./RulesTab.js";
import { SourcesTab } from "./SourcesTab.js";
import { enc, useFactors, useWatchMessages, watchBase, type WatchRecord } from "./shared.js";
import "./watch.css";

const tabs = ["areas", "groups", "sources", "relationships", "rules", "import", "exchange", "gaps"] as const;
type Tab = (typeof tabs)[number];
const tabKind: Record<Tab, string> = { areas: "area", groups: "group", sources: "source", relationships: "relationship", rules: "watch-rule", import: "", exchange: "", gaps: "" };
type GapModule = typeof import("./GapMapTab.js");
let gapModule: Promise<GapModule> | null = null;

/** The evidence-gap map, in its own chunk: loaded when the tab is opened (decision 0037). */
function GapsTab({ ws }: { ws: string }) {
  const [mod, setMod] = useState<GapModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    gapModule ??= import("./GapMapTab.js");
    gapModule.then((m) => live && setMod(m), () => { gapModule = null; if (live) setFailed(true); });
    return () => { live = false; };
  }, []);
  if (failed) return <p class="error" role="alert">{t("common.loadFailed")}</p>;
  return mod ? <mod.GapMapTab ws={ws} /> : <p class="muted" role="status">{t("common.loading")}</p>;
}

export function WatchHome({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("watch.title")}>{(s) => <WatchHomeView id={params.id} session={s} />}</Guard>;
}

function WatchHomeView({ id, session }: { id: string; session: Session }) {
  const [ws] = useResource<{ id: string; name: string; default_marking?: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [records, reload] = useResource<{ items: WatchRecord[] }>(`${watchBase}/workspaces/${enc(id)}/records`);
  const [tab, setTab] = useState<Tab>("areas");
  const factors = useFactors();
  // Hypothesis names (the areas' leaders) in the reader's language.
  useWatchMessages();
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? t("watch.titleFor", { name }) : t("watch.title"));
  const canWrite = session.permissions.includes("records.write");
  const of = (kind: string) => (records.state === "ready" ? records.data.items.filter((r) => r.kind === kind) : []);
  const common = { ws: id, canWrite, defaultMarking: defaultMarkingOf(ws.state === "ready" ? ws.data : null), onChange: reload };
  return (
    <>
      <p class="eyebrow"><a href={`/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : t("ws.workspace")}</a></p>
      <h1>{t("watch.title")}</h1>
      <p class="lead">{t("watch.lead")}</p>
      <p class="actions">
        <a class="button" href={`/watch/overview?workspace=${enc(id)}`}>{t("watch.openOverview")}</a>
        <a class="button" href="/watch/alerts">{t("watch.alerts.title")}</a>
      </p>
      <div class="tabs" role="group" aria-label={t("watch.sections")}>
        {tabs.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k ? "true" : "false"} onClick={() => setTab(k)}>
            {t(`watch.tab.${k}`)}{tabKind[k] && records.state === "ready" ? ` (${of(tabKind[k]).length})` : ""}
          </button>
        ))}
      </div>
      {/* Wait for the workspace too: the forms take their default marking from it. */}
      <Show value={ws}>
        {() => (
          <Show value={records}>
            {() => (
              <>
                {tab === "areas" && <AreasTab {...common} items={of("area")} />}
                {tab === "groups" && <GroupsTab {...common} items={of("group")} areas={of("area")} sources={of("source")} />}
                {tab === "sources" && <SourcesTab {...common} items={of("source")} />}
                {tab === "relationships" && <RelationshipsTab {...common} items={of("relationship")} groups={of("group")} sources={of("source")} />}
                {tab === "rules" && <RulesTab {...common} items={of("watch-rule")} factors={factors} />}
                {tab === "import" && (canWrite ? <ImportTab ws={id} onDone={reload} /> : <p class="muted">{t("watch.readOnly")}</p>)}
                {tab === "exchange" && <ExchangeTab ws={id} canWrite={canWrite} onDone={reload} />}
                {tab === "gaps" && <GapsTab ws={id} />}
              </>
            )}
          </Show>
        )}
      </Show>
    </>
  );
}
