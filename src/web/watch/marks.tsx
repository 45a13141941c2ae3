/**
 * Each hypothesis has a colour (the lead-* classes in styles.css: the Okabe–Ito palette, safe for
 * the common colour-vision deficiencies) and a shape, so the map and its legend never rely on
 * colour alone: alliance is a blue circle, appropriation of tactics an orange square.
 */
import { hypothesisIds, leadClass, watchText } from "./shared.js";

/**
 * A hypothesis's name in the reader's language (the analysis messages, loaded by useWatchMessages);
 * `fallback` (the English name stored with a reading) for anything else.
 */
export function hypothesisName(id: string | null | undefined, fallback: string): string {
  return id && (hypothesisIds as readonly string[]).includes(id) ? watchText({ key: `watch.msg.hypothesis.${id}` }) : fallback;
}

const shapes: Record<string, "circle" | "square" | "triangle" | "diamond" | "triangle-down" | "hexagon" | "plus" | "ring"> = {
  alliance: "circle",
  "appropriation-of-tactics": "square",
  integration: "triangle",
  hybrid: "diamond",
  transformation: "triangle-down",
  "black-hole": "hexagon",
  "no-nexus": "plus",
  none: "ring",
};

const f = (n: number) => n.toFixed(1);

/** The outline of a hypothesis's mark, centred on (x, y), about 2r across. */
export function markPath(id: string | null | undefined, x: number, y: number, r: number): string {
  const shape = shapes[id ?? "none"] ?? "ring";
  switch (shape) {
    case "square": { const s = r * 0.85; return `M${f(x - s)},${f(y - s)}h${f(2 * s)}v${f(2 * s)}h${f(-2 * s)}Z`; }
    case "triangle": return `M${f(x)},${f(y - r * 1.15)}L${f(x + r * 1.1)},${f(y + r * 0.8)}L${f(x - r * 1.1)},${f(y + r * 0.8)}Z`;
    case "triangle-down": return `M${f(x)},${f(y + r * 1.15)}L${f(x + r * 1.1)},${f(y - r * 0.8)}L${f(x - r * 1.1)},${f(y - r * 0.8)}Z`;
    case "diamond": return `M${f(x)},${f(y - r * 1.2)}L${f(x + r * 1.2)},${f(y)}L${f(x)},${f(y + r * 1.2)}L${f(x - r * 1.2)},${f(y)}Z`;
    case "hexagon": return `M${[0, 1, 2, 3, 4, 5].map((i) => `${f(x + r * Math.cos((Math.PI / 3) * i + Math.PI / 6))},${f(y + r * Math.sin((Math.PI / 3) * i + Math.PI / 6))}`).join("L")}Z`;
    case "plus": { const a = r, b = r * 0.4; return `M${f(x - b)},${f(y - a)}h${f(2 * b)}v${f(a - b)}h${f(a - b)}v${f(2 * b)}h${f(b - a)}v${f(a - b)}h${f(-2 * b)}v${f(b - a)}h${f(b - a)}v${f(-2 * b)}h${f(a - b)}Z`; }
    case "ring": return `M${f(x - r * 0.8)},${f(y)}a${f(r * 0.8)},${f(r * 0.8)} 0 1,0 ${f(r * 1.6)},0a${f(r * 0.8)},${f(r * 0.8)} 0 1,0 ${f(-r * 1.6)},0`;
    default: return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0`;
  }
}

/** The mark of a hypothesis as a small inline picture, for legends and tables; the name beside it says the same in words. */
export function HypothesisMark({ id }: { id: string | null | undefined }) {
  return (
    <svg class="mark" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={markPath(id, 10, 10, 7.5)} class={`mark-shape ${leadClass(id)}`} />
    </svg>
  );
}
