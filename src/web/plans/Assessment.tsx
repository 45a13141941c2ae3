/** One self-assessment: rate the practices, read the gaps, plan actions, follow up in reviews, share and export. */
import { countryName, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { tp, withPlanStrings } from "./strings.js";
import { navigate } from "../router.js";
import type { Session } from "../platform/session.js";
import { Guard, Show, TlpBadge, useResource } from "../platform/ui.js";
import { ActionPlanTab } from "./ActionPlanTab.js";
import { GapsTab } from "./GapsTab.js";
import { RateTab } from "./RateTab.js";
import { ReviewsTab } from "./ReviewsTab.js";
import { ShareTab } from "./ShareTab.js";
import { enc, saBase, scopeText, type Summary } from "./shared.js";

const tabs = ["rate", "gaps", "plan", "reviews", "share"] as const;
type Tab = (typeof tabs)[number];

export function AssessmentPage({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  return <Guard permission="records.read" title={tp("assessment")}>{(s) => <AssessmentView id={params.id} query={query} session={s} />}</Guard>;
}

function AssessmentView({ id, query, session }: { id: string; query: URLSearchParams; session: Session }) {
  const [summary, reload] = useResource<Summary>(saBase(id));
  const tab: Tab = (tabs as readonly string[]).includes(query.get("tab") ?? "") ? (query.get("tab") as Tab) : "rate";
  const s = summary.state === "ready" ? summary.data : null;
  useTitle(s ? `${s.name} — ${tp(`tab.${tab}`)}` : tp("assessment"));
  /** Changes the address (tab, practice) without a new history entry per click. */
  const go = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v === null) q.delete(k); else q.set(k, v);
    navigate(`/plans/self-assessments/${enc(id)}?${q}`, true);
  };
  const workspace = s?.workspace_id ?? query.get("workspace");
  if (!s) return <><h1>{tp("assessment")}</h1><Show value={summary}>{() => null}</Show></>;
  const canWrite = session.permissions.includes("records.write");
  /** Agreed ratings, follow-up reviews and regional sharing belong to the coordinator. */
  const canCoordinate = session.permissions.includes("plans.coordinate");
  return (
    <>
      <p class="eyebrow">
        {workspace ? <a href={`/plans/workspaces/${enc(workspace)}`}>{tp("title")}</a> : <a href="/workspaces">{t("ws.title")}</a>}
      </p>
      <h1><bdi>{s.name}</bdi></h1>
      <p class="record-meta">
        <TlpBadge marking={s.marking} />
        <span>{countryName(s.country)}</span>
        <span>{scopeText(s.scope)} ({tp("practiceCount", { count: s.practices.length })})</span>
        {s.review ? <span>{tp("review.number", { n: s.review.number })}{s.review.name ? <> — <bdi>{s.review.name}</bdi></> : null}</span> : null}
      </p>
      <div class="tabs" role="group" aria-label={tp("sections")}>
        {tabs.map((k) => (
          <button key={k} type="button" aria-pressed={tab === k ? "true" : "false"} onClick={() => go({ tab: k })}>{tp(`tab.${k}`)}</button>
        ))}
      </div>
      {tab === "rate" && <RateTab summary={s} me={session.user.id} canWrite={canWrite} canCoordinate={canCoordinate} practice={query.get("practice")} view={query.get("view")}
        onPractice={(p) => go({ practice: p })} onView={(v) => go({ view: v === "grid" ? "grid" : null })} onChange={reload} />}
      {tab === "gaps" && <GapsTab summary={s} />}
      {tab === "plan" && <ActionPlanTab summary={s} canWrite={canWrite} onChange={reload} />}
      {tab === "reviews" && <ReviewsTab summary={s} canCoordinate={canCoordinate} onChange={reload} />}
      {tab === "share" && <ShareTab summary={s} canCoordinate={canCoordinate} onChange={reload} />}
    </>
  );
}

export const load = () => withPlanStrings(["plans"], AssessmentPage);
