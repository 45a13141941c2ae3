/** The regional dashboard: per practice, the spread of "in place" ratings across the countries that consented to share. */
import { countryName, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { Guard, Show, useResource } from "../platform/ui.js";
import { enc, formatScore, heatClass, inPlaceKey, inPlaceRatings, inPlaceText, plansBase, practiceName, Table, usePractices, type InPlace } from "./shared.js";

interface Spread { practice: string; countries: number; distribution: Partial<Record<InPlace, number>>; mean: number | null; byCountry?: { country: string; inPlace: InPlace }[] }
interface RegionData { consenting: number; practices: Spread[] }

export function RegionPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("plans.region.title")}>{() => <RegionView id={params.id} />}</Guard>;
}

function RegionView({ id }: { id: string }) {
  const [ws] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [data] = useResource<RegionData>(`${plansBase}/regions/${enc(id)}`);
  const practices = usePractices();
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? `${t("plans.region.title")} — ${name}` : t("plans.region.title"));
  return (
    <>
      <p class="eyebrow"><a href={`/plans/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : t("plans.title")}</a></p>
      <h1>{t("plans.region.title")}</h1>
      <p class="lead">{t("plans.region.lead")}</p>
      <p class="note">{t("plans.region.optIn")}</p>
      <Show value={data}>
        {(d) => (
          <>
            <p class="plan-consenting"><strong>{t("plans.region.consenting", { count: d.consenting })}</strong></p>
            {d.consenting === 0 || !d.practices.some((p) => p.countries > 0) ? <p class="muted">{t("plans.region.none")}</p> : (
              <>
                <p class="hint">{t("plans.region.minimum")}</p>
                <p class="hint">{t("plans.region.unrated", { count: d.practices.filter((p) => p.countries === 0).length })}</p>
                <Table caption={t("plans.region.table")} className="plan-region"
                  head={[t("plans.gaps.practice"), t("plans.region.countries"), t("plans.region.distribution"), t("plans.region.mean"), t("plans.region.byCountry")]}>
                  {d.practices.filter((p) => p.countries > 0).map((p) => (
                    <tr key={p.practice}>
                      <th scope="row">{practiceName(practices, p.practice)}</th>
                      <td class="plan-num">{p.countries}</td>
                      <td><Distribution spread={p} /></td>
                      <td class={heatClass(p.mean)}>{formatScore(p.mean)}</td>
                      <td>
                        {p.byCountry?.length ? (
                          <ul class="plan-compact">{p.byCountry.map((c) => <li key={c.country}>{countryName(c.country)}: {inPlaceText(c.inPlace)}</li>)}</ul>
                        ) : <span class="muted">{t("plans.region.noFull")}</span>}
                      </td>
                    </tr>
                  ))}
                </Table>
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}

/** A stacked bar of how many countries gave each rating, with the counts written out. */
function Distribution({ spread }: { spread: Spread }) {
  const total = inPlaceRatings.reduce((n, r) => n + (spread.distribution[r] ?? 0), 0);
  if (total === 0) return <span class="muted">{spread.countries > 0 ? t("plans.region.tooFew") : t("plans.region.notRated")}</span>;
  const parts = inPlaceRatings.filter((r) => spread.distribution[r]);
  return (
    <div class="plan-dist">
      <div class="plan-dist-bar" aria-hidden="true">
        {parts.map((r) => <span key={r} class={`plan-dist-seg plan-rating-${inPlaceKey(r)}`} style={{ width: `${((spread.distribution[r] ?? 0) / total) * 100}%` }} />)}
      </div>
      <ul class="plan-dist-list">
        {parts.map((r) => <li key={r}><span class={`swatch plan-rating-${inPlaceKey(r)}`} aria-hidden="true" /> {t("plans.region.count", { rating: r, n: spread.distribution[r] })}</li>)}
      </ul>
    </div>
  );
}
