/**
 * The world map of the overview: countries-110m from world-atlas (bundled, no network tiles),
 * projected with d3-geo and zoomed to the areas shown (the bounds of their marks, with a margin).
 * Every area has a mark: at its map point, or at the middle of its country's main land when it
 * has none. Marks carry the hypothesis's shape as well as its colour (marks.tsx); coloured by
 * indicators present, they carry the count. Its own lazy chunk: the home page never loads it.
 */
import { geoCentroid, geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import { useMemo } from "preact/hooks";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json" with { type: "json" };
import { t } from "../i18n.js";
import { isoNumeric } from "./isoNumeric.js";
import { markPath } from "./marks.js";
import { enc, leadClass } from "./shared.js";

export interface MapArea { id: string; name: string; country: string; point: { lat: number; lon: number } | null; leader: string | null; leaderName: string; present: number }
export type MapMode = "leader" | "present";

const W = 960, H = 480;
const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const byNumeric = new Map(countries.features.map((f) => [String(f.id ?? ""), f]));

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

/** Planar area of a ring in degrees, enough to find a country's largest polygon. */
const ringArea = (ring: number[][]) => Math.abs(ring.reduce((s, [x, y], i) => { const [x2, y2] = ring[(i + 1) % ring.length]; return s + x * y2 - x2 * y; }, 0)) / 2;

/** The middle of a country's largest polygon (France's mainland rather than a point between it and French Guiana). */
function countryMiddle(iso: string): [number, number] | null {
  const f = byNumeric.get(isoNumeric.get(iso) ?? "");
  if (!f) return null;
  const g = f.geometry as Polygon | MultiPolygon;
  const polygons = g.type === "MultiPolygon" ? g.coordinates : g.type === "Polygon" ? [g.coordinates] : [];
  if (!polygons.length) return null;
  const main = [...polygons].sort((a, b) => ringArea(b[0]) - ringArea(a[0]))[0];
  return geoCentroid({ type: "Polygon", coordinates: main } as Polygon);
}

/** Where each area's mark goes, in longitude and latitude. */
export function markPositions(areas: MapArea[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const a of areas) {
    const at: [number, number] | null = a.point ? [a.point.lon, a.point.lat] : countryMiddle(a.country);
    if (at) out.set(a.id, at);
  }
  return out;
}

/**
 * The projection that shows all the marks: their bounding box with a margin of a fifth of its
 * size on each side (at least 6° of longitude and 4° of latitude, so one area is not shown at
 * street level), or the whole world when there is nothing to show or `world` is asked for.
 */
export function projectionFor(marks: [number, number][], whole = false): GeoProjection {
  const p = geoNaturalEarth1();
  if (whole || marks.length === 0) return p.fitExtent([[4, 4], [W - 4, H - 4]], { type: "Sphere" });
  const lons = marks.map((m) => m[0]), lats = marks.map((m) => m[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const padX = Math.max((x1 - x0) * 0.2, 6), padY = Math.max((y1 - y0) * 0.2, 4);
  const box = {
    type: "MultiPoint" as const,
    coordinates: [[Math.max(x0 - padX, -180), Math.max(y0 - padY, -89)], [Math.min(x1 + padX, 180), Math.min(y1 + padY, 89)], [Math.max(x0 - padX, -180), Math.min(y1 + padY, 89)], [Math.min(x1 + padX, 180), Math.max(y0 - padY, -89)]],
  };
  return p.fitExtent([[12, 12], [W - 12, H - 12]], box);
}

export function WorldMap({ areas, mode, whole = false }: { areas: MapArea[]; mode: MapMode; whole?: boolean }) {
  const byCountry = new Map<string, MapArea[]>();
  for (const a of areas) {
    const num = isoNumeric.get(a.country);
    if (num) byCountry.set(num, [...(byCountry.get(num) ?? []), a]);
  }
  const positions = markPositions(areas);
  // On a phone the map is drawn at about a third of its size: marks twice as large stay visible and easy to tap.
  const r = typeof matchMedia === "function" && matchMedia("(max-width: 40rem)").matches ? 2 : 1;
  const key = `${whole}|${[...positions.values()].map((m) => m.join(",")).join(";")}`;
  const { projection, outline, shapes } = useMemo(() => {
    const projection = projectionFor([...positions.values()], whole);
    const path = geoPath(projection);
    return { projection, outline: path({ type: "Sphere" }) ?? "", shapes: countries.features.map((f: Feature<Geometry, { name: string }>) => ({ id: String(f.id ?? ""), d: path(f) ?? "" })) };
  }, [key]);
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
      {areas.map((a) => {
        const at = positions.get(a.id);
        const xy = at ? projection(at) : null;
        if (!xy) return null;
        const label = `${a.name}: ${a.leaderName} — ${t("watch.overview.presentCount", { count: a.present })}`;
        return (
          <a key={a.id} href={`/watch/subjects/${enc(a.id)}`} aria-label={label} class={a.point ? "area-link" : "area-link in-country"}>
            {mode === "leader" ? (
              <path class={`area-point ${leadClass(a.leader)}`} d={markPath(a.leader, xy[0], xy[1], 8 * r)}><title>{label}</title></path>
            ) : (
              <>
                <circle class={`area-point present-${presentBucket(a.present)}`} cx={xy[0]} cy={xy[1]} r={10 * r}><title>{label}</title></circle>
                <text class={`area-count bucket-${presentBucket(a.present)}`} x={xy[0]} y={xy[1]} font-size={11 * r} text-anchor="middle" dominant-baseline="central" aria-hidden="true">{a.present}</text>
              </>
            )}
          </a>
        );
      })}
    </svg>
  );
}
