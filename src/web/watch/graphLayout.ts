/**
 * A small force layout (Fruchterman and Reingold, 1991) for the relationship graph: nodes repel
 * each other, edges pull their ends together, a weak pull to the centre keeps unconnected groups
 * in view, and the step shrinks each round. Deterministic: the same graph gets the same picture.
 */
export interface Point { x: number; y: number }

/** `margin` keeps nodes (and their labels) off the edges: one number, or { x, y } for labels wider than tall. */
export function forceLayout(ids: string[], edges: [string, string][], width: number, height: number, margin: number | { x: number; y: number } = 40, rounds = 300): Map<string, Point> {
  const n = ids.length;
  const mx = typeof margin === "number" ? margin : margin.x, my = typeof margin === "number" ? margin : margin.y;
  const pos = new Map<string, Point>();
  const cx = width / 2, cy = height / 2;
  if (n === 0) return pos;
  if (n === 1) return pos.set(ids[0], { x: cx, y: cy });
  // Start on a circle, in the given order.
  ids.forEach((id, i) => {
    const a = (2 * Math.PI * i) / n - Math.PI / 2;
    pos.set(id, { x: cx + (width / 2 - mx) * 0.8 * Math.cos(a), y: cy + (height / 2 - my) * 0.8 * Math.sin(a) });
  });
  const links = edges.filter(([a, b]) => a !== b && pos.has(a) && pos.has(b));
  const k = Math.sqrt(((width - 2 * mx) * (height - 2 * my)) / n);
  let step = Math.min(width, height) / 8;
  const cool = step / rounds;
  for (let round = 0; round < rounds; round++) {
    const move = new Map<string, Point>(ids.map((id) => [id, { x: 0, y: 0 }]));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const p = pos.get(ids[i])!, q = pos.get(ids[j])!;
        let dx = p.x - q.x, dy = p.y - q.y;
        // Two nodes on the same spot are pushed apart along a fixed direction.
        if (dx === 0 && dy === 0) { dx = 0.01 * (j - i); dy = 0.01; }
        const d = Math.hypot(dx, dy);
        const f = (k * k) / d;
        const mi = move.get(ids[i])!, mj = move.get(ids[j])!;
        mi.x += (dx / d) * f; mi.y += (dy / d) * f;
        mj.x -= (dx / d) * f; mj.y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const p = pos.get(a)!, q = pos.get(b)!;
      const dx = p.x - q.x, dy = p.y - q.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / k;
      const ma = move.get(a)!, mb = move.get(b)!;
      ma.x -= (dx / d) * f; ma.y -= (dy / d) * f;
      mb.x += (dx / d) * f; mb.y += (dy / d) * f;
    }
    for (const id of ids) {
      const p = pos.get(id)!, m = move.get(id)!;
      m.x += (cx - p.x) * 0.3; m.y += (cy - p.y) * 0.3;
      const d = Math.hypot(m.x, m.y);
      if (d > 0) { p.x += (m.x / d) * Math.min(d, step); p.y += (m.y / d) * Math.min(d, step); }
      p.x = Math.min(width - mx, Math.max(mx, p.x));
      p.y = Math.min(height - my, Math.max(my, p.y));
    }
    step = Math.max(step - cool, 0.5);
  }
  return pos;
}
