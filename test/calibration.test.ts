/**
 * The calibration set (test/fixtures/calibration): the cases the sources themselves document must
 * rank the manifestation the source names first; every case must rank it first or second. The
 * full report (confusion matrix, top-1 and top-2 rates) is in `npx tsx bench/calibration.ts`.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/readContent.js";
import { analyse } from "../src/core/watch/analysis.js";
import { buildWatchModel } from "../src/core/watch/model.js";
import { loadCalibration } from "./support/calibration.js";

const model = buildWatchModel(loadContent().kb);
const cases = loadCalibration();

describe("calibration set", () => {
  it("covers every hypothesis at least twice, with references", () => {
    for (const h of [...model.manifestations.map((m) => m.id), "no-nexus"]) expect(cases.filter((c) => c.expected === h).length, h).toBeGreaterThanOrEqual(2);
    for (const c of cases) expect(c.references.length, c.id).toBeGreaterThan(0);
  });

  it.each(cases.filter((c) => c.basis === "source"))("$id: the source's manifestation leads", (c) => {
    const r = analyse(model, c.input);
    expect(r.ranking[0].id, r.ranking.map((h) => `${h.id} ${h.score}`).join(", ")).toBe(c.expected);
  });

  it.each(cases)("$id: the literature's manifestation is first or second", (c) => {
    const r = analyse(model, c.input);
    expect(r.ranking.slice(0, 2).map((h) => h.id), r.ranking.map((h) => `${h.id} ${h.score}`).join(", ")).toContain(c.expected);
  });
});
