/**
 * The world map of the overview: countries-110m from world-atlas (bundled, no network tiles),
 * projected with d3-geo. Its own lazy chunk: the home page never loads it.
 */
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json" with { type: "json" };
import { t } from "../i18n.js";
import { isoNumeric } from "./isoNumeric.js";
import { enc, leadClass } from "./shared.js";

export interface MapArea { id: string; name: string; country: string; point: { lat: number; lon: number } | null; leader: string | null; leaderName: string; present: number }
export type MapMode = "leader" | "present";

const W = 960, H = 480;
const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const projection = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: "Sphere" });
const path = geoPath(projection);
const outline = path({ type: "Sphere" }) ?? "";
const shapes = countries.features.map((f) => ({ id: String(f.id ?? ""), d: path(f) ?? "" }));

/** Buckets of "indicators present" for the second colouring. */
export const presentBucket = (n: number) => (n <= 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : 3);

/** The leading manifestation of a country: the most frequent among its areas, the best score on ties. */
function countryFill(areas: MapArea[], mode: MapMode): string {
  if (mode === "present") return `present-${presentBucket(Math.max(...areas.map((a) => a.present)))}`;
  const counts = new Map<string, number>();
  for (const a of areas) counts.set(a.leader ?? "none", (counts.get(a.leader ?? "none") ?? 0) + 1);
  const best = [...counts.entries()].sort((x, y) => y[1] - x[1])[0][0];
  return leadClass(best);
}

export function WorldMap({ areas, mode }: { areas: MapArea[]; mode: MapMode }) {
  const byCountry = new Map<string, MapArea[]>();
  for (const a of areas) {
    const num = isoNumeric.get(a.country);
    if (num) byCountry.set(num, [...(byCountry.get(num) ?? []), a]);
  }
  return (
    <svg class="world-map" viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby="map-title map-desc">
      <title id="map-title">{t("watch.overview.mapTitle")}</title>
      <desc id="map-desc">{t("watch.overview.mapDesc", { count: areas.length })}</desc>
      <g aria-hidden="true">
        <path class="sphere" d={outline} />
        {shapes.map((s, i) => {
          const inArea = byCountry.get(s.id);
          return <path key={`${s.id}-${i}`} d={s.d} class={inArea ? `country watched ${countryFill(inArea, mode)}` : "country"} />;
        })}
      </g>
      {areas.filter((a) => a.point).map((a) => {
        const xy = projection([a.point!.lon, a.point!.lat]);
        if (!xy) return null;
        const label = `${a.name}: ${a.leaderName}`;
        return (
          <a key={a.id} href={`/watch/subjects/${enc(a.id)}`} aria-label={label}>
            <circle class={`area-point ${mode === "leader" ? leadClass(a.leader) : `present-${presentBucket(a.present)}`}`} cx={xy[0]} cy={xy[1]} r="6">
              <title>{`${label} — ${t("watch.overview.presentCount", { count: a.present })}`}</title>
            </circle>
          </a>
        );
      })}
    </svg>
  );
}
