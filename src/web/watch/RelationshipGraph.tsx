/**
 * The relationship graph of a workspace: groups as nodes (shape and colour by type), relationships
 * as edges labelled with their kind, dashed once ended, with an arrow from `from` to `to` where
 * the direction means something. Hand-written SVG with a small force layout (graphLayout.ts);
 * its own lazy chunk, loaded only on the relationships tab.
 */
import { useMemo } from "preact/hooks";
import { i18next, t } from "../i18n.js";
import { forceLayout, type Point } from "./graphLayout.js";
import { enc, today, type WatchRecord } from "./shared.js";

const W = 760;
const R = 13;
/** Kinds that read the same both ways: no arrow. */
const symmetric = new Set(["alliance", "competition"]);
const groupTypes = ["criminal", "terrorist", "other-armed", "unknown"] as const;

/** The node's outline: a circle, square, diamond or (unknown) hexagon, centred on (x, y). */
export function nodePath(type: string, x: number, y: number, r = R): string {
  switch (type) {
    case "terrorist": return `M${x - r * 0.9},${y - r * 0.9}h${r * 1.8}v${r * 1.8}h${-r * 1.8}Z`;
    case "other-armed": return `M${x},${y - r * 1.2}L${x + r * 1.2},${y}L${x},${y + r * 1.2}L${x - r * 1.2},${y}Z`;
    case "unknown": return `M${[0, 1, 2, 3, 4, 5].map((i) => { const a = Math.PI / 3 * i; return `${(x + r * Math.cos(a)).toFixed(1)},${(y + r * Math.sin(a)).toFixed(1)}`; }).join("L")}Z`;
    default: return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

const short = (s: string, n = 26) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Edge { id: string; from: string; to: string; kind: string; ended: boolean; title: string }

export function RelationshipGraph({ groups, relationships }: { groups: WatchRecord[]; relationships: WatchRecord[] }) {
  const edges: Edge[] = relationships.map((r) => {
    const b = r.body as { from: string; to: string; kind: string; end?: string | null };
    return { id: r.id, from: b.from, to: b.to, kind: b.kind, ended: !!b.end && b.end < today(), title: r.title };
  }).filter((e) => groups.some((g) => g.id === e.from) && groups.some((g) => g.id === e.to));
  const H = groups.length > 12 ? 560 : 420;
  const key = `${groups.map((g) => g.id).join()}|${edges.map((e) => `${e.from}>${e.to}`).join()}`;
  const pos = useMemo(() => forceLayout(groups.map((g) => g.id), edges.map((e) => [e.from, e.to]), W, H, { x: 100, y: 40 }), [key]);
  // Edges between the same two groups bend apart so their labels do not overlap.
  const pairs = new Map<string, Edge[]>();
  for (const e of edges) {
    const k = [e.from, e.to].sort().join("|");
    pairs.set(k, [...(pairs.get(k) ?? []), e]);
  }
  const curve = (e: Edge) => {
    const same = pairs.get([e.from, e.to].sort().join("|"))!;
    const i = same.indexOf(e);
    const p = pos.get(e.from)!, q = pos.get(e.to)!;
    // The bend is measured on the pair's own orientation, so two edges in opposite directions still part.
    const flip = e.from < e.to ? 1 : -1;
    const bend = (i - (same.length - 1) / 2) * 46 * flip;
    const dx = q.x - p.x, dy = q.y - p.y, d = Math.max(Math.hypot(dx, dy), 1);
    const c: Point = { x: (p.x + q.x) / 2 - (dy / d) * bend, y: (p.y + q.y) / 2 + (dx / d) * bend };
    // Stop short of the target node so the arrow head shows.
    const ex = q.x - ((q.x - c.x) / Math.max(Math.hypot(q.x - c.x, q.y - c.y), 1)) * (R + 4);
    const ey = q.y - ((q.y - c.y) / Math.max(Math.hypot(q.x - c.x, q.y - c.y), 1)) * (R + 4);
    return { d: `M${p.x.toFixed(1)},${p.y.toFixed(1)}Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`, label: { x: (p.x + 2 * c.x + q.x) / 4, y: (p.y + 2 * c.y + q.y) / 4 } };
  };
  const typeOf = (g: WatchRecord) => ((g.body as { type?: string }).type ?? "unknown");
  return (
    <figure class="rel-graph" dir="ltr">
      <div class="graph-wrap">
        <svg class="rel-graph-svg" viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby="graph-title graph-desc">
          <title id="graph-title">{t("watch.graph.title")}</title>
          <desc id="graph-desc">{t("watch.graph.desc", { groups: groups.length, count: edges.length })}</desc>
          <defs>
            <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10Z" class="graph-arrow" />
            </marker>
          </defs>
          <g aria-hidden="true">
            {edges.map((e) => {
              const c = curve(e);
              return <path key={e.id} d={c.d} class={`graph-edge${e.ended ? " ended" : ""}`} marker-end={symmetric.has(e.kind) ? undefined : "url(#graph-arrow)"}><title>{e.title}</title></path>;
            })}
            {edges.map((e) => {
              const c = curve(e);
              return <text key={`l-${e.id}`} x={c.label.x} y={c.label.y} class="graph-edge-label" text-anchor="middle" dominant-baseline="middle">{t(`watch.relKind.${e.kind}`)}</text>;
            })}
          </g>
          {groups.map((g) => {
            const p = pos.get(g.id)!;
            const type = typeOf(g);
            return (
              <a key={g.id} href={`/watch/subjects/${enc(g.id)}`} aria-label={`${g.title} (${t(`watch.groupType.${type}`)})`}>
                <path d={nodePath(type, p.x, p.y)} class={`graph-node type-${type}`}><title>{g.title}</title></path>
                <text x={p.x} y={p.y + R + 14} class="graph-node-label" text-anchor="middle" aria-hidden="true">{short(g.title)}</text>
              </a>
            );
          })}
        </svg>
      </div>
      <figcaption dir={i18next.dir()}>
        <ul class="legend">
          {groupTypes.map((type) => (
            <li key={type}>
              <svg class="legend-mark" viewBox="0 0 24 24" aria-hidden="true"><path d={nodePath(type, 12, 12, 8)} class={`graph-node type-${type}`} /></svg> {t(`watch.groupType.${type}`)}
            </li>
          ))}
          <li><svg class="legend-line" viewBox="0 0 36 12" aria-hidden="true"><path d="M2,6H30" class="graph-edge" marker-end="url(#graph-arrow)" /></svg> {t("watch.graph.ongoing")}</li>
          <li><svg class="legend-line" viewBox="0 0 36 12" aria-hidden="true"><path d="M2,6H30" class="graph-edge ended" /></svg> {t("watch.graph.ended")}</li>
        </ul>
        <p class="hint">{t("watch.graph.hint")}</p>
      </figcaption>
    </figure>
  );
}
