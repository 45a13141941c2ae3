/**
 * The evidence-gap map as a generic document (src/server/documents/model.ts), printed by the
 * shared PDF renderer in the reader's language (Arabic right to left), on landscape pages: the
 * matrix of indicators by area with a legend, the indicators by manifestation, the gaps with the
 * research priorities they serve, and what to collect next (decision 0037). Pure.
 */
import { translator } from "../../core/i18n/catalogues.js";
import { formatDate, type Lang } from "../../core/i18n/format.js";
import type { CellState, GapCell } from "../../core/watch/gapMap.js";
import type { Marking } from "../../core/platform/markings.js";
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { GapMapView } from "./gapMap.service.js";

/** Colour is never the only cue: each state has its symbol, named in the legend. */
export const STATE_SYMBOL: Record<CellState, string> = { solid: "●", weak: "◐", none: "○" };
const FILL: Record<CellState, string> = { solid: "#D7EFD7", weak: "#FCEBB6", none: "#EEEEEE" };
const INK: Record<CellState, string> = { solid: "#145214", weak: "#6B4A00", none: "#444444" };
/** Area columns per table on a landscape page; more areas continue in another table. */
const AREAS_PER_TABLE = 10;

const cellText = (c: GapCell) => (c.observations ? `${STATE_SYMBOL[c.state]} ${c.observations}` : STATE_SYMBOL[c.state]);

export function gapMapDocument(m: GapMapView, lang: Lang, marking: Marking, generatedOn: string): DocModel {
  const t = translator(lang);
  const w = (k: string, p?: Record<string, string | number>) => t(`watch.msg.gaps.${k}`, p);
  const blocks: Block[] = [{ kind: "paragraph", text: w("doc.intro"), note: true }, { kind: "paragraph", text: w("doc.legend") }];
  if (m.areas.some((a) => a.withheld)) blocks.push({ kind: "paragraph", text: w("doc.withheld"), note: true });
  const areaName = new Map(m.areas.map((a) => [a.id, a.name]));
  const indicatorName = new Map(m.factors.flatMap((f) => f.rows.map((r) => [r.indicator, r.statement])));
  const priorityTitle = new Map(m.priorities.map((p) => [p.id, p.title]));

  blocks.push({ kind: "heading", text: w("doc.h.matrix") });
  if (!m.areas.length) blocks.push({ kind: "paragraph", text: w("doc.noAreas") });
  for (let start = 0; start < m.areas.length; start += AREAS_PER_TABLE) {
    const areas = m.areas.slice(start, start + AREAS_PER_TABLE);
    const short = areas.map((_, i) => `A${start + i + 1}`);
    const rows: DocCell[][] = [];
    for (const f of m.factors) {
      rows.push([{ text: m.factorNames[f.id] ?? f.id, bold: true, fill: "#DDE4EE" }, ...areas.map(() => ({ text: "", fill: "#DDE4EE" }))]);
      for (const r of f.rows) {
        rows.push([r.statement, ...areas.map((_, i): DocCell => {
          const c = r.cells[start + i];
          return { text: cellText(c), align: "center", fill: FILL[c.state], colour: INK[c.state], bold: c.state === "solid" };
        })]);
      }
    }
    blocks.push(
      { kind: "table", header: [w("col.indicator"), ...short], widths: [9, ...areas.map(() => 1.1)], fontSize: 7, rows },
      { kind: "paragraph", text: areas.map((a, i) => w("doc.areaKey", { short: short[i], name: a.name })).join("; "), note: true },
    );
  }

  // Indicators by manifestation: the direction of each link and the best evidence the indicator has anywhere.
  const cols = m.manifestations.columns;
  blocks.push({ kind: "heading", text: w("doc.h.manifestations") }, { kind: "paragraph", text: w("doc.manifestationIntro"), note: true });
  const mrows: DocCell[][] = [];
  for (const f of m.manifestations.factors) {
    mrows.push([{ text: m.factorNames[f.id] ?? f.id, bold: true, fill: "#DDE4EE" }, ...cols.map(() => ({ text: "", fill: "#DDE4EE" }))]);
    for (const r of f.rows) {
      mrows.push([r.statement, ...r.cells.map((c): DocCell => (c
        ? { text: `${c.direction === "for" ? "+" : "−"} ${STATE_SYMBOL[c.state]}`, align: "center", fill: FILL[c.state], colour: INK[c.state], bold: c.state === "solid" }
        : ""))]);
    }
  }
  mrows.push([{ text: w("col.state"), bold: true }, ...cols.map((c): DocCell => ({ text: `${c.solid}/${c.linked}`, align: "center", bold: true }))]);
  blocks.push(
    { kind: "table", header: [w("col.indicator"), ...cols.map((_, i) => `H${i + 1}`)], widths: [9, ...cols.map(() => 1.1)], fontSize: 7, rows: mrows },
    { kind: "paragraph", text: [...cols.map((c, i) => `H${i + 1} = ${t(c.name)}`), ...cols.map((c, i) => `H${i + 1}: ${t(c.summary)}`)].join("; "), note: true },
  );

  // Gaps by indicator: which areas lack evidence or have weak evidence, and the research priorities that ask for it.
  blocks.push({ kind: "heading", text: w("doc.h.gaps") });
  const byIndicator = new Map<string, { none: string[]; weak: string[]; priorities: string[] }>();
  for (const g of m.gaps) {
    const e = byIndicator.get(g.indicator) ?? { none: [], weak: [], priorities: g.priorities };
    e[g.state].push(areaName.get(g.area) ?? "");
    byIndicator.set(g.indicator, e);
  }
  if (!byIndicator.size) blocks.push({ kind: "paragraph", text: m.areas.length ? w("doc.noGaps") : w("doc.noAreas") });
  else {
    // Indicators a research priority asks about first.
    const gaps = [...byIndicator].sort((a, b) => Number(!!b[1].priorities.length) - Number(!!a[1].priorities.length));
    blocks.push({
      kind: "table", header: [w("col.indicator"), `${STATE_SYMBOL.none} ${w("state.none")}`, `${STATE_SYMBOL.weak} ${w("state.weak")}`, w("col.priorities")], widths: [5, 3.5, 3.5, 4], fontSize: 7,
      rows: gaps.map(([id, g]) => [indicatorName.get(id) ?? id, g.none.join("; "), g.weak.join("; "),
        g.priorities.length ? g.priorities.map((p) => priorityTitle.get(p) ?? p).join("; ") : { text: w("doc.noPriority"), colour: "#555555" }]),
    });
  }

  blocks.push({ kind: "heading", text: w("doc.h.next") });
  if (!m.collectNext.length) blocks.push({ kind: "paragraph", text: m.areas.length ? w("doc.noGaps") : w("doc.noAreas") });
  else {
    blocks.push({
      kind: "table", header: [w("col.rank"), w("col.area"), w("col.indicator"), w("col.state"), w("col.score"), w("col.reasons")], widths: [0.6, 2.6, 4.5, 1.5, 1, 6], fontSize: 7,
      rows: m.collectNext.map((s, i): DocCell[] => [String(i + 1), areaName.get(s.area) ?? "", indicatorName.get(s.indicator) ?? s.indicator,
        { text: `${STATE_SYMBOL[s.state]} ${w(`state.${s.state}`)}`, fill: FILL[s.state], colour: INK[s.state] }, { text: String(s.score), align: "right" },
        s.explanation.map((x) => t(x)).join(" ")]),
    });
  }
  return {
    language: lang, title: w("doc.title"), subtitle: w("doc.subtitle", { workspace: m.workspace.name, date: formatDate(lang, m.asOf) }),
    marking, generatedOn, orientation: "landscape", blocks,
  };
}
