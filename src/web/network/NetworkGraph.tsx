/**
 * The network map, in its own chunk (loaded only when the map is opened): a force layout from
 * d3-force (a maintained library of about 12 KB gzipped), run to rest before drawing, so the same
 * network always looks the same and nothing moves under the reader. Institutions are circles,
 * networks and fusion centres squares; live channels solid, the others dashed. The list of links
 * beside it says the same in words for screen readers and print.
 */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from "d3-force";
import type { Graph } from "./NetworkHome.js";

interface Node extends SimulationNodeDatum { id: string; label: string; hub: boolean }
type Link = SimulationLinkDatum<Node> & { id: string; live: boolean };

/** The drawing's size, and the room kept at the sides for labels (up to 34 characters) and below them. */
const W = 900, H = 560, MX = 120, MY = 40;

export function NetworkGraph({ graph, label, hubName }: { graph: Graph; label: string; hubName: (network: string) => string }) {
  // Seeded on a circle in the given order: the simulation is deterministic from there.
  const nodes: Node[] = graph.nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / graph.nodes.length;
    return { id: n.id, label: n.kind === "hub" ? hubName(n.label) : n.label, hub: n.kind === "hub", x: W / 2 + 200 * Math.cos(a), y: H / 2 + 200 * Math.sin(a) };
  });
  const links: Link[] = graph.edges.map((e) => ({ id: e.id, source: e.from, target: e.to, live: e.live }));
  const sim = forceSimulation(nodes)
    .force("link", forceLink<Node, Link>(links).id((d) => d.id).distance(150))
    .force("charge", forceManyBody().strength(-650))
    .force("collide", forceCollide(34))
    .force("center", forceCenter(W / 2, H / 2))
    // A gentle pull to the middle keeps institutions with no channel near the others, not in a corner.
    .force("x", forceX(W / 2).strength(0.04))
    .force("y", forceY(H / 2).strength(0.08))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  for (const n of nodes) { n.x = clamp(n.x ?? W / 2, MX, W - MX); n.y = clamp(n.y ?? H / 2, MY / 2, H - MY); }
  const at = (x: string | number | Node) => (typeof x === "object" ? x : nodes.find((n) => n.id === x)!);
  return (
    <svg class="net-graph" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <g>
        {links.map((l) => {
          const a = at(l.source), b = at(l.target);
          return <line key={l.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} class={l.live ? "net-live" : "net-not-live"} />;
        })}
      </g>
      <g>
        {nodes.map((n) => (
          <g key={n.id} transform={`translate(${n.x},${n.y})`}>
            {n.hub ? <rect x={-11} y={-11} width={22} height={22} /> : <circle r={10} />}
            <text y={26} text-anchor="middle">{n.label.length > 34 ? `${n.label.slice(0, 33)}…` : n.label}</text>
          </g>
        ))}
      </g>
    </svg>
  );
}
