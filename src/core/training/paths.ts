/**
 * Learning paths per audience (docs/decisions/0038), assembled from the knowledge base and never
 * copied from it: a first module on the nexus itself (the six manifestations and the watch points),
 * then one module per framework area holding the practices whose actors include the audience's,
 * in framework order. Each module has objectives (message keys, decision 0025), reading (links to
 * the entries), a case study (the library scenario that shares the most practices with it, else a
 * manifestation's documented case) and its knowledge check (the bank's questions for the audience
 * on what the module covers). Pure: given the knowledge base in the reader's language, the texts
 * come out in that language.
 */
import { msg, type Msg } from "../i18n/messages.js";
import { practiceTitled } from "../i18n/practices.js";
import type { KnowledgeBase, Practice, Question } from "../knowledge/schema.js";
import { audienceActors, type Audience } from "./audiences.js";
import { citedEntry } from "./bank.js";

/** The id of the first module of every path. */
export const NEXUS_MODULE = "nexus";

export interface ReadingItem {
  kind: "practice" | "manifestation" | "watchpoint";
  id: string;
  title: string;
  /** the page it links to */
  href: string;
  framework?: Practice["framework"];
  number?: number;
}

export type CaseStudy =
  | { kind: "scenario"; id: string; title: string; summary: string; shared: string[] }
  | { kind: "manifestation-case"; manifestation: string; title: string; summary: string; href: string };

export interface LearningModule {
  /** "nexus" for the first module, else the framework area's id */
  id: string;
  title: Msg;
  objectives: Msg[];
  reading: ReadingItem[];
  caseStudy: CaseStudy | null;
  /** the practices the module holds (none for the first) */
  practices: string[];
  questions: Question[];
}

export interface LearningPath { audience: Audience; modules: LearningModule[] }

/** Whether a practice names one of the audience's actors. */
export const practiceForAudience = (p: Pick<Practice, "actors">, audience: Audience) => p.actors.some((a) => audienceActors[audience].includes(a));

const practiceOrder = { hague: 0, addendum: 1, icct: 2 } as const;

/** The library scenario sharing the most practices with a module (the first in id order on a tie), or none sharing any. */
function scenarioFor(kb: KnowledgeBase, practices: string[]): CaseStudy | null {
  let best: { sc: KnowledgeBase["scenarios"][number]; shared: string[] } | null = null;
  for (const sc of [...kb.scenarios].sort((a, b) => a.id.localeCompare(b.id))) {
    const shared = practices.filter((p) => sc.practices.includes(p));
    if (shared.length && (!best || shared.length > best.shared.length)) best = { sc, shared };
  }
  return best ? { kind: "scenario", id: best.sc.id, title: best.sc.title, summary: best.sc.summary, shared: best.shared } : null;
}

/** The first documented case of a manifestation (by the given preference, then in toolkit order). */
function manifestationCase(kb: KnowledgeBase, preferred: string[]): CaseStudy | null {
  const order = [...preferred, ...kb.manifestations.map((m) => m.id)];
  for (const id of order) {
    const m = kb.manifestations.find((x) => x.id === id);
    const c = m?.cases[0];
    if (m && c) return { kind: "manifestation-case", manifestation: m.id, title: m.name, summary: c.summary, href: `/manifestations/${m.id}` };
  }
  return null;
}

/** The manifestations a set of practices names, most named first (toolkit order on a tie). */
function manifestationsNamed(kb: KnowledgeBase, practices: Practice[]): string[] {
  const count = new Map<string, number>();
  for (const p of practices) for (const m of p.manifestations) count.set(m, (count.get(m) ?? 0) + 1);
  const rank = new Map<string, number>(kb.manifestations.map((m, i) => [m.id, i]));
  return [...count].sort((a, b) => b[1] - a[1] || (rank.get(a[0]) ?? 0) - (rank.get(b[0]) ?? 0)).map(([id]) => id);
}

/**
 * The learning path of an audience: the nexus module first, then a module per framework area (in
 * the frameworks' order) with the audience's practices in it; an area without any is left out.
 */
export function learningPath(kb: KnowledgeBase, audience: Audience): LearningPath {
  const bank = kb.questions.filter((q) => q.audience === audience);
  const about = (kinds: string[], ids?: Set<string>) => bank.filter((q) => { const c = citedEntry(q); return !!c && kinds.includes(c.kind) && (!ids || ids.has(c.id)); });

  const nexus: LearningModule = {
    id: NEXUS_MODULE,
    title: msg("training.msg.module.nexus"),
    objectives: [msg("training.msg.objective.manifestations", { count: kb.manifestations.length }), msg("training.msg.objective.watchpoints")],
    reading: [
      ...kb.manifestations.map((m): ReadingItem => ({ kind: "manifestation", id: m.id, title: m.name, href: `/manifestations/${m.id}` })),
      ...kb.factors.filter((f) => f.group !== "search").map((f): ReadingItem => ({ kind: "watchpoint", id: f.id, title: f.name, href: `/watchpoints/${f.id}` })),
    ],
    caseStudy: manifestationCase(kb, []),
    practices: [],
    questions: about(["manifestation", "indicator"]),
  };

  const modules: LearningModule[] = [nexus];
  const frameworks = [...kb.frameworks].sort((a, b) => practiceOrder[a.id] - practiceOrder[b.id]);
  for (const f of frameworks) {
    for (const area of [...f.areas].sort((a, b) => a.order - b.order)) {
      const practices = kb.practices
        .filter((p) => p.area === area.id && practiceForAudience(p, audience))
        .sort((a, b) => practiceOrder[a.framework] - practiceOrder[b.framework] || a.number - b.number);
      if (!practices.length) continue;
      const ids = practices.map((p) => p.id);
      modules.push({
        id: area.id,
        title: msg("common.msg.text", { text: area.name }),
        objectives: practices.map((p) => practiceTitled(p.id, p.title)),
        reading: practices.map((p) => ({ kind: "practice", id: p.id, title: p.title, href: `/practices/${p.id}`, framework: p.framework, number: p.number })),
        caseStudy: scenarioFor(kb, ids) ?? manifestationCase(kb, manifestationsNamed(kb, practices)),
        practices: ids,
        questions: about(["practice"], new Set(ids)),
      });
    }
  }
  return { audience, modules };
}
