/**
 * Calibration report for the Nexus Watch analysis: each documented case of the calibration set
 * (test/fixtures/calibration) is analysed and its leader compared with the manifestation the
 * literature names. Prints JSON: top-1 and top-2 rates, the confusion matrix (rows: expected,
 * columns: ranked first) and each case's ranking. A benchmark, not a timed test.
 * `npx tsx bench/calibration.ts`
 */
import { loadContent } from "../src/content/readContent.js";
import { analyse } from "../src/core/watch/analysis.js";
import { buildWatchModel } from "../src/core/watch/model.js";
import { loadCalibration } from "../test/support/calibration.js";

export function calibrationBench() {
  const model = buildWatchModel(loadContent().kb);
  const hypotheses = [...model.manifestations.map((m) => m.id), "no-nexus"];
  const cases = loadCalibration();
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(hypotheses.map((h) => [h, Object.fromEntries(hypotheses.map((k) => [k, 0]))]));
  let top1 = 0;
  let top2 = 0;
  const results = cases.map((c) => {
    const r = analyse(model, c.input);
    const order = r.ranking.map((h) => h.id);
    const rank = order.indexOf(c.expected) + 1;
    if (rank === 1) top1++;
    if (rank >= 1 && rank <= 2) top2++;
    confusion[c.expected][order[0]]++;
    return { id: c.id, expected: c.expected, first: order[0], second: order[1], rank, margin: Math.round((r.ranking[0].score - r.ranking[1].score) * 100) / 100, confidence: r.confidence.level, scores: Object.fromEntries(r.ranking.map((h) => [h.id, h.score])) };
  });
  return {
    cases: cases.length,
    top1: { hits: top1, rate: Math.round((top1 / cases.length) * 1000) / 1000 },
    top2: { hits: top2, rate: Math.round((top2 / cases.length) * 1000) / 1000 },
    perHypothesis: Object.fromEntries(hypotheses.map((h) => {
      const of = results.filter((x) => x.expected === h);
      return [h, { cases: of.length, top1: of.filter((x) => x.rank === 1).length }];
    })),
    confusion,
    results,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(calibrationBench(), null, 2));
}
