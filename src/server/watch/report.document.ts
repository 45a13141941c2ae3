/**
 * The Nexus Watch assessment report as a generic document (src/server/documents/model.ts), so it
 * prints through the same PDF and Word renderers as every other document, in the reader's
 * language with Arabic right to left (decisions 0023, 0025).
 */
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { ReportModel } from "./report.model.js";

const PLUS = "#006400";
const MINUS = "#B00000";

export function reportDocument(m: ReportModel): DocModel {
  const w = m.words;
  const cols = m.matrix.columns;
  const blocks: Block[] = [
    { kind: "paragraph", text: w.meta },
    { kind: "heading", text: w.confidence }, { kind: "paragraph", text: m.confidence },
    { kind: "heading", text: w.judgement }, { kind: "paragraph", text: m.judgement.text },
    ...(m.judgement.reason ? [{ kind: "paragraph" as const, text: w.reason.replace("{{reason}}", m.judgement.reason) }] : []),
    { kind: "heading", text: m.whyFirstHeading }, { kind: "paragraph", text: m.whyFirst },
    { kind: "heading", text: w.ranking },
    {
      kind: "table", header: [w.rank, w.hypothesis, w.score, w.support, w.inconsistency], widths: [0.6, 5, 1.6, 1.6, 2], fontSize: 9,
      rows: m.ranking.map((h): DocCell[] => [String(h.rank), { text: h.name, bold: h.rank === 1 }, { text: h.score, align: "right" }, { text: h.support, align: "right" }, { text: h.inconsistency, align: "right" }]),
    },
    { kind: "subheading", text: w.drives },
    ...m.ranking.filter((h) => h.explanation.length).flatMap((h): Block[] => [{ kind: "paragraph", text: `${h.rank}. ${h.name}` }, { kind: "bullets", items: h.explanation }]),
    { kind: "heading", text: w.matrix },
  ];
  if (m.matrix.rows.length) {
    blocks.push(
      { kind: "paragraph", text: m.matrix.intro, note: true },
      {
        kind: "table", header: [w.indicator, w.state, w.observed, w.gradeSources, ...cols.map((c) => c.short)], widths: [6, 1.6, 2, 1.8, ...cols.map(() => 0.9)], fontSize: 8,
        rows: m.matrix.rows.map((r): DocCell[] => [r.statement, r.state, r.date, `${r.grade} ${r.sources}`.trim(), ...r.cells.map((c): DocCell => ({ text: c, align: "center", bold: true, colour: c === "+" ? PLUS : MINUS }))]),
      },
      { kind: "paragraph", text: m.matrix.legend, note: true },
    );
  } else blocks.push({ kind: "paragraph", text: w.noEvidence });
  blocks.push({ kind: "heading", text: w.warnings }, m.warnings.length ? { kind: "bullets", items: m.warnings } : { kind: "paragraph", text: w.noWarnings });
  blocks.push({ kind: "heading", text: w.sources }, m.sources.length
    ? { kind: "table", header: [w.ref, w.source, w.type, w.reliability], widths: [1, 6, 2.5, 3.5], fontSize: 9, rows: m.sources.map((s) => [s.ref, s.title, s.type, `${s.reliability} (${s.meaning})`]) }
    : { kind: "paragraph", text: w.noSources });
  blocks.push({ kind: "heading", text: w.practices });
  if (!m.practices.length) blocks.push({ kind: "paragraph", text: w.noPractices });
  m.practices.forEach((p, i) => blocks.push(
    { kind: "subheading", text: `${i + 1}. ${p.title}` },
    { kind: "paragraph", text: p.reason },
    ...(p.steps.length ? [{ kind: "bullets" as const, items: p.steps.map((s, n) => `${n + 1}. ${s}`) }] : []),
  ));
  return { language: m.language, title: m.title, subtitle: m.subtitle, marking: m.marking, generatedOn: m.generatedOn, blocks };
}
