import { describe, expect, it } from "vitest";
import { forceLayout } from "./graphLayout.js";

describe("the relationship graph's force layout", () => {
  const ids = ["a", "b", "c", "d", "e", "f"];
  const edges: [string, string][] = [["a", "b"], ["b", "c"], ["a", "c"], ["d", "e"]];
  const dist = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

  it("keeps every node inside the margins, apart from the others", () => {
    const pos = forceLayout(ids, edges, 760, 420, 60);
    expect([...pos.keys()]).toEqual(ids);
    for (const p of pos.values()) {
      expect(p.x).toBeGreaterThanOrEqual(60); expect(p.x).toBeLessThanOrEqual(700);
      expect(p.y).toBeGreaterThanOrEqual(60); expect(p.y).toBeLessThanOrEqual(360);
    }
    for (const a of ids) for (const b of ids) if (a < b) expect(dist(pos.get(a)!, pos.get(b)!), `${a}-${b}`).toBeGreaterThan(30);
  });

  it("draws linked groups closer together than unlinked ones, the same way every time", () => {
    const pos = forceLayout(ids, edges, 760, 420, 60);
    const linked = edges.map(([a, b]) => dist(pos.get(a)!, pos.get(b)!));
    const unlinked = [["a", "d"], ["b", "e"], ["c", "f"], ["a", "f"]].map(([a, b]) => dist(pos.get(a)!, pos.get(b)!));
    expect(Math.max(...linked)).toBeLessThan(Math.min(...unlinked) * 1.05);
    expect(linked.reduce((s, x) => s + x, 0) / linked.length).toBeLessThan(unlinked.reduce((s, x) => s + x, 0) / unlinked.length);
    expect(forceLayout(ids, edges, 760, 420, 60)).toEqual(pos);
  });

  it("places one group in the middle and ignores edges to unknown groups", () => {
    expect(forceLayout(["a"], [["a", "z"]], 760, 420)).toEqual(new Map([["a", { x: 380, y: 210 }]]));
    expect(forceLayout([], [], 760, 420).size).toBe(0);
  });
});
