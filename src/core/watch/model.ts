/**
 * The slice of the knowledge base the analysis needs, built once from content: each
 * indicator's links to the manifestations, the contexts' typical manifestations, and which
 * practices respond to which indicators and manifestations.
 */
import type { KnowledgeBase } from "../knowledge/schema.js";

export type Strength = "weak" | "moderate" | "strong";
export interface IndicatorLink { manifestation: string; direction: "for" | "against"; strength: Strength; reasoning: string }
export interface IndicatorModel { id: string; statement: string; factor: string; group: "environmental" | "organizational" | "search"; links: IndicatorLink[] }
export interface PracticeModel { id: string; title: string; manifestations: string[]; indicators: string[]; steps: string[] }

export interface WatchModel {
  indicators: Map<string, IndicatorModel>;
  manifestations: { id: string; name: string; continuum: number }[];
  contexts: { id: string; name: string; manifestations: string[] }[];
  practices: PracticeModel[];
}

export function buildWatchModel(kb: KnowledgeBase): WatchModel {
  const indicators = new Map<string, IndicatorModel>();
  const respondedBy = new Map<string, Set<string>>();
  for (const f of kb.factors) {
    for (const i of f.indicators) {
      indicators.set(i.id, { id: i.id, statement: i.statement, factor: f.id, group: f.group, links: i.links });
      for (const p of i.practices) respondedBy.set(p, (respondedBy.get(p) ?? new Set()).add(i.id));
    }
  }
  return {
    indicators,
    manifestations: [...kb.manifestations].sort((a, b) => a.continuum - b.continuum).map((m) => ({ id: m.id, name: m.name, continuum: m.continuum })),
    contexts: kb.contexts.map((c) => ({ id: c.id, name: c.name, manifestations: c.manifestations })),
    practices: kb.practices.map((p) => ({
      id: p.id, title: p.title, manifestations: p.manifestations,
      indicators: [...new Set([...p.indicators, ...(respondedBy.get(p.id) ?? [])])],
      steps: p.steps.map((s) => s.text),
    })),
  };
}
