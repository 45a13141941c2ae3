import { api, useLoad, type Entry } from "../api.js";
import { Load, practiceLabel, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";

const facets = ["framework", "area", "actor", "instrument", "manifestation", "indicator", "q"] as const;
const areasOf: Record<string, string[]> = {
  hague: ["hague-a", "hague-b", "hague-c", "hague-d"],
  addendum: ["addendum-i", "addendum-ii", "addendum-iii", "addendum-iv", "addendum-v"],
  icct: ["icct"],
};

function useOptions(collection: string) {
  return useLoad(`options:${collection}`, () => api.list(collection, { limit: 200 }));
}

function setFacet(query: URLSearchParams, name: string, value: string) {
  const next = new URLSearchParams(query);
  if (value) next.set(name, value); else next.delete(name);
  if (name === "framework") next.delete("area");
  navigate(`/practices${next.size ? `?${next}` : ""}`, true);
}

export function Practices({ query }: { query: URLSearchParams }) {
  useTitle(t("practices.title"));
  const filters = Object.fromEntries(facets.map((f) => [f, query.get(f) ?? undefined]));
  const list = useLoad(`practices?${query}`, () => api.list("practices", { ...filters, limit: 200 }));
  const actors = useOptions("actors");
  const instruments = useOptions("instruments");
  const manifestations = useOptions("manifestations");
  const framework = query.get("framework") ?? "";

  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <label class="facet">
      <span>{label}</span>
      <select name={name} value={query.get(name) ?? ""} onChange={(e) => setFacet(query, name, (e.target as HTMLSelectElement).value)}>
        <option value="">{t("practices.any")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  const opts = (v: typeof actors) => (v.state === "ready" ? v.data.items.map((i) => ({ value: i.id, label: (i.parent ? "— " : "") + i.title })) : []);

  return (
    <>
      <h1>{t("practices.title")}</h1>
      <p class="lead">{t("practices.lead")}</p>
      <div class="tabs" role="group" aria-label={t("practices.framework")}>
        {["", "hague", "addendum", "icct"].map((fw) => (
          <button key={fw} type="button" aria-pressed={framework === fw} onClick={() => setFacet(query, "framework", fw)}>
            {fw ? t(`framework.${fw}`) : t("practices.allFrameworks")}
          </button>
        ))}
      </div>
      <form class="facets" aria-label={t("practices.filters")} onSubmit={(e) => e.preventDefault()}>
        {framework && select("area", t("practices.area"), areasOf[framework].map((a) => ({ value: a, label: t(`area.${a}`) })))}
        {select("actor", t("practices.actor"), opts(actors))}
        {select("instrument", t("practices.instrument"), opts(instruments))}
        {select("manifestation", t("practices.manifestation"), opts(manifestations))}
        <label class="facet">
          <span>{t("practices.text")}</span>
          <input type="search" name="q" value={query.get("q") ?? ""} onChange={(e) => setFacet(query, "q", (e.target as HTMLInputElement).value.trim())} />
        </label>
        {query.size > 0 && <button type="button" class="link" onClick={() => navigate("/practices", true)}>{t("practices.clear")}</button>}
      </form>
      <Load value={list}>
        {(data) => <PracticeGroups items={data.items} total={data.total} />}
      </Load>
    </>
  );
}

function PracticeGroups({ items, total }: { items: Entry[]; total: number }) {
  if (!items.length) return <p role="status">{t("practices.none")}</p>;
  const groups = new Map<string, Entry[]>();
  for (const p of items) groups.set(String(p.area), [...(groups.get(String(p.area)) ?? []), p]);
  return (
    <>
      <p role="status" class="muted">{t("practices.count", { count: total })}</p>
      {[...groups].map(([area, ps]) => (
        <section key={area} aria-labelledby={`area-${area}`}>
          <h2 id={`area-${area}`}>{t(`framework.${String(ps[0].framework)}`)} · {t(`area.${area}`)}</h2>
          <ul class="practice-list">
            {ps.map((p) => (
              <li key={p.id}>
                <a href={`/practices/${p.id}`}><span class="num">{practiceLabel(p)}</span> {p.title}</a>
                {p.merged_with ? <span class="badge">{t("practice.merged")}</span> : null}
                <p>{p.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
