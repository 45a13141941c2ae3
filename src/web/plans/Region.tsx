/** The regional dashboard: per practice, the spread of "in place" ratings across the countries that consented to share. */
import { countryName, useTitle } from "../components/common.js";
import { tp, withPlanStrings } from "./strings.js";
import { Guard, Show, useResource } from "../platform/ui.js";
import { enc, formatScore, heatClass, inPlaceKey, inPlaceRatings, inPlaceText, plansBase, practiceName, Table, usePractices, type InPlace } from "./shared.js";

interface Spread { practice: string; countries: number; distribution: Partial<Record<InPlace, number>>; mean: number | null; byCountry?: { country: string; inPlace: InPlace }[] }
interface RegionData { consenting: number; practices: Spread[] }

export function RegionPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={tp("region.title")}>{() => <RegionView id={params.id} />}</Guard>;
}

function RegionView({ id }: { id: string }) {
  const [ws] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [data] = useResource<RegionData>(`${plansBase}/regions/${enc(id)}`);
  const practices = usePractices();
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? `${tp("region.title")} — ${name}` : tp("region.title"));
  return (
    <>
      <p class="eyebrow"><a href={`/plans/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : tp("title")}</a></p>
      <h1>{tp("region.title")}</h1>
      <p class="lead">{tp("region.lead")}</p>
      <p class="note">{tp("region.optIn")}</p>
      <Show value={data}>
        {(d) => (
          <>
            <p class="plan-consenting"><strong>{tp("region.consenting", { count: d.consenting })}</strong></p>
            {d.consenting === 0 || !d.practices.some((p) => p.countries > 0) ? <p class="muted">{tp("region.none")}</p> : (
              <>
                <p class="hint">{tp("region.minimum")}</p>
                <p class="hint">{tp("region.unrated", { count: d.practices.filter((p) => p.countries === 0).length })}</p>
                <Table caption={tp("region.table")} className="plan-region"
                  head={[tp("gaps.practice"), tp("region.countries"), tp("region.distribution"), tp("region.mean"), tp("region.byCountry")]}>
                  {d.practices.filter((p) => p.countries > 0).map((p) => (
                    <tr key={p.practice}>
                      <th scope="row">{practiceName(practices, p.practice)}</th>
                      <td class="plan-num">{p.countries}</td>
                      <td><Distribution spread={p} /></td>
                      <td class={heatClass(p.mean)}>{formatScore(p.mean)}</td>
                      <td>
                        {p.byCountry?.length ? (
                          <ul class="plan-compact">{p.byCountry.map((c) => <li key={c.country}>{countryName(c.country)}: {inPlaceText(c.inPlace)}</li>)}</ul>
                        ) : <span class="muted">{tp("region.noFull")}</span>}
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
  if (total === 0) return <span class="muted">{spread.countries > 0 ? tp("region.tooFew") : tp("region.notRated")}</span>;
  const parts = inPlaceRatings.filter((r) => spread.distribution[r]);
  return (
    <div class="plan-dist">
      <div class="plan-dist-bar" aria-hidden="true">
        {parts.map((r) => <span key={r} class={`plan-dist-seg plan-rating-${inPlaceKey(r)}`} style={{ width: `${((spread.distribution[r] ?? 0) / total) * 100}%` }} />)}
      </div>
      <ul class="plan-dist-list">
        {parts.map((r) => <li key={r}><span class={`swatch plan-rating-${inPlaceKey(r)}`} aria-hidden="true" /> {tp("region.count", { rating: r, n: spread.distribution[r] })}</li>)}
      </ul>
    </div>
  );
}

export const load = () => withPlanStrings(["plans"], RegionPage);
