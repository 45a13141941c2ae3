/**
 * Printable exercise documents as generic document models (rendered to PDF and DOCX): the
 * situation manual for players, the facilitator and evaluator handbook, and the after-action
 * report with its improvement plan. Pure.
 */
import { ratingWords, type AfterActionReport } from "../../core/exercises/report.js";
import type { KnowledgeBase, Scenario } from "../../core/knowledge/schema.js";
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { ReportEdits } from "./outputs.js";

const names = (kb: KnowledgeBase) => ({
  practice: (id: string) => `${id} ${kb.practices.find((p) => p.id === id)?.title ?? ""}`.trim(),
  actor: (id: string) => kb.actors.find((a) => a.id === id)?.name ?? id,
  context: (id: string) => kb.contexts.find((c) => c.id === id)?.name ?? id,
  manifestation: (id: string) => kb.manifestations.find((m) => m.id === id)?.name ?? id,
  instrument: (id: string) => kb.instruments.find((i) => i.id === id)?.name ?? id,
});
const audienceText = (sc: Scenario, a: "all" | string[]) => (a === "all" ? "everyone" : a.map((r) => sc.roles.find((x) => x.id === r)?.name ?? r).join(", "));

function background(sc: Scenario, kb: KnowledgeBase): Block[] {
  const n = names(kb);
  return [
    { kind: "heading", text: "The scenario" },
    { kind: "paragraph", text: sc.summary },
    { kind: "paragraph", text: `Region: ${sc.region}` },
    { kind: "paragraph", text: `Regional context: ${n.context(sc.context)}. Manifestations: ${sc.manifestations.map(n.manifestation).join(", ")}.`, note: true },
    { kind: "heading", text: "Objectives" },
    { kind: "bullets", items: sc.objectives.map((o) => `${o.text} (${o.practices.join(", ")})`) },
    { kind: "heading", text: "Who takes part" },
    { kind: "table", header: ["Role", "Agency type"], widths: [3, 2], rows: sc.roles.map((r) => [r.name, n.actor(r.actor)]) },
  ];
}

/** For every player: background, objectives, roles, and the situation of each main phase (branches stay a surprise). */
export function manualDoc(sc: Scenario, kb: KnowledgeBase, generatedOn: string): DocModel {
  return {
    title: `Situation manual: ${sc.title}`, subtitle: `Table-top exercise, scenario version ${sc.version}`, marking: "GREEN", generatedOn,
    blocks: [
      ...background(sc, kb),
      { kind: "heading", text: "How the exercise runs" },
      { kind: "bullets", items: [
        "The facilitator sets the pace: the situation of each phase, then updates (injects) as they come.",
        "At each decision point you answer on your phone or laptop, alone, as your role or as a table, as the facilitator asks.",
        "Results are shown only when the facilitator reveals them. There are no trick questions: answer as your agency would.",
        "Everything you say stays in the room. Use a pseudonym; the report names roles, not people.",
      ] },
      ...sc.phases.filter((p) => !p.branch).flatMap((p, i): Block[] => [{ kind: "subheading", text: `Phase ${i + 1}: ${p.title}` }, { kind: "paragraph", text: p.situation }]),
      { kind: "heading", text: "Hot wash" },
      { kind: "bullets", items: sc.hotwash.map((q) => q.question) },
    ],
  };
}

/** For facilitators and evaluators: everything, phase by phase, with the evaluation guide and role cards. */
export function handbookDoc(sc: Scenario, kb: KnowledgeBase, generatedOn: string): DocModel {
  const n = names(kb);
  const blocks: Block[] = [
    { kind: "paragraph", text: "For facilitators and evaluators only: it holds the injects, the aligned options and the branches.", note: true },
    ...background(sc, kb),
    { kind: "heading", text: "Practices exercised" },
    { kind: "bullets", items: sc.practices.map(n.practice) },
  ];
  for (const p of sc.phases) {
    blocks.push({ kind: "heading", text: `${p.branch ? "Branch phase" : "Phase"}: ${p.title}` }, { kind: "paragraph", text: p.situation });
    if (p.branch) blocks.push({ kind: "paragraph", text: `Played only when the room chooses an option that leads here (${sc.phases.flatMap((x) => x.decisions.flatMap((d) => d.options.filter((o) => o.branch === p.id).map((o) => `${d.id}/${o.id}`))).join(", ")}).`, note: true });
    blocks.push({
      kind: "table", header: ["Inject", "For", "Release", "Facilitator notes"], widths: [4, 2, 2, 4], fontSize: 8,
      rows: p.injects.map((i) => [`${i.title} (${i.kind}): ${i.text}`, audienceText(sc, i.audience), i.release.mode === "manual" ? "manual" : `when ${i.release.decision} → ${i.release.option}`, i.facilitator_notes]),
    });
    for (const d of p.decisions) {
      blocks.push({ kind: "subheading", text: `Decision ${d.id}: ${d.prompt}` }, { kind: "paragraph", text: `Scope: ${d.scope}${d.roles.length ? ` (${d.roles.join(", ")})` : ""}; answer: ${d.response}.`, note: true });
      blocks.push({
        kind: "table", header: ["Option", "Alignment", "Why", "Practices, actors", "Leads to"], widths: [4, 2, 4, 3, 2], fontSize: 8,
        rows: d.options.map((o) => [o.text, { text: o.alignment, fill: o.alignment === "aligned" ? "#D5E8B0" : o.alignment === "partial" ? "#FAD7A0" : "#F4A6A6" },
          [o.rationale, o.instruments.length ? `Instruments: ${o.instruments.map(n.instrument).join("; ")}.` : "", o.caution ? `Caution for the facilitator: ${o.caution.text}` : ""].filter(Boolean).join(" "),
          `${o.practices.join(", ")}; ${o.actors.map(n.actor).join(", ")}`, o.branch ?? "—"]),
      });
    }
  }
  blocks.push(
    { kind: "heading", text: "Evaluation guide" },
    { kind: "paragraph", text: "Rate what you observe against an objective or a practice:" },
    { kind: "table", header: ["Rating", "Meaning"], widths: [1, 5], rows: (Object.keys(ratingWords) as (keyof typeof ratingWords)[]).map((k) => [k, ratingWords[k]]) },
    { kind: "table", header: ["Objective", "Practices", "Rating (P/S/M/U)", "What you saw"], widths: [4, 2, 1.5, 4], rows: sc.objectives.map((o) => [o.text, o.practices.join(", "), "", ""]) },
  );
  for (const r of sc.roles) blocks.push({ kind: "pageBreak" }, { kind: "heading", text: `Role card: ${r.name}` }, { kind: "paragraph", text: `Agency type: ${n.actor(r.actor)}`, note: true }, { kind: "paragraph", text: r.briefing });
  return { title: `Facilitator and evaluator handbook: ${sc.title}`, subtitle: `Scenario version ${sc.version}`, marking: "AMBER", generatedOn, blocks };
}

const LEVEL_FILL: Record<string, string> = { strong: "#9CCB86", mixed: "#FAD7A0", weak: "#F4A6A6", "not exercised": "#E8E8E8" };
const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

export function afterActionDoc(r: { name: string; marking: string; scenario: { title: string; version: number }; generated: AfterActionReport; edits: ReportEdits | null; improvements: ReportEdits["improvements"] }, kb: KnowledgeBase, generatedOn: string): DocModel {
  const n = names(kb);
  const g = r.generated;
  const blocks: Block[] = [
    { kind: "heading", text: "Summary" },
    { kind: "paragraph", text: r.edits?.summary || `${g.participants} participants played ${g.phasesPlayed.length} ${g.phasesPlayed.length === 1 ? "phase" : "phases"}${g.branchesTaken.length ? `, taking the branch ${g.branchesTaken.map((b) => b.branch).join(", ")}` : ""}. ${g.decisions.length === 1 ? "1 decision was" : `${g.decisions.length} decisions were`} revealed; ${g.decisions.filter((d) => d.chosenAlignment === "aligned").length} went to an aligned option.` },
    { kind: "heading", text: "Practices exercised" },
    { kind: "table", header: ["Practice", "Decisions", "Aligned answers", "Evaluators", "Level", "Why"], widths: [4, 1.2, 1.5, 1.5, 1.5, 6], fontSize: 8,
      rows: g.heatmap.map((h): DocCell[] => [n.practice(h.practice), String(h.decisions), pct(h.alignedShare), h.observationMean === null ? "—" : `${h.observationMean.toFixed(1)} of 3 (${h.observations})`, { text: h.level, fill: LEVEL_FILL[h.level] }, h.why.join("; ")]) },
    { kind: "heading", text: "Decisions against the aligned options" },
  ];
  for (const d of g.decisions) {
    blocks.push({ kind: "subheading", text: `${d.decision}: ${d.prompt}` }, {
      kind: "table", header: ["Option", "Alignment", "Answers", "Chosen"], widths: [6, 2, 1.5, 1.5], fontSize: 8,
      rows: d.options.map((o) => [o.text, o.alignment, String(o.count), o.chosen ? { text: "chosen", bold: true } : ""]),
    });
  }
  blocks.push(
    { kind: "heading", text: "Agencies at the table" },
    { kind: "table", header: ["Role", "Agency type", "People", "Decisions answered"], widths: [4, 3, 1, 2], rows: g.agencies.roles.map((x) => [x.name, n.actor(x.actor), String(x.members), String(x.answers)]) },
    { kind: "paragraph", text: g.agencies.missing.length ? `The practices exercised also expect: ${g.agencies.missing.map(n.actor).join(", ")}. None of these took part in a decision.` : "Every actor the exercised practices expect took part." },
    { kind: "heading", text: "Evaluator observations" },
    g.observations.length
      ? { kind: "table", header: ["Rating", "Against", "Note", "By"], widths: [1, 3, 6, 2], fontSize: 8, rows: g.observations.map((o) => [o.rating, o.practice ?? o.objective ?? "", o.note, o.by]) }
      : { kind: "paragraph", text: "No observations were recorded." },
    { kind: "heading", text: "Hot wash" },
    ...g.hotwash.flatMap((q): Block[] => [
      { kind: "subheading", text: q.question },
      { kind: "paragraph", text: q.kind === "rating" ? (q.mean === null ? "No answers." : `Mean ${q.mean} of 5 from ${q.count} answers.`) : q.texts.length ? "" : "No answers." },
      ...(q.texts.length ? [{ kind: "bullets" as const, items: q.texts.map((t) => `${t.text} (${t.by})`) }] : []),
    ]),
  );
  if (r.edits?.lessons.length) blocks.push({ kind: "heading", text: "Lessons" }, { kind: "bullets", items: r.edits.lessons });
  blocks.push({ kind: "heading", text: "Improvement plan" }, r.improvements.length
    ? { kind: "table", header: ["Item", "Practice", "Owner", "Due", "Why"], widths: [4, 1.5, 2, 1.5, 5], fontSize: 8, rows: r.improvements.map((i) => [i.title, i.practice || "—", i.owner || i.actors.map(n.actor).join(", ") || "—", i.due ?? "—", i.why]) }
    : { kind: "paragraph", text: "No improvement items." });
  return { title: `After-action report: ${r.name}`, subtitle: `${r.scenario.title}, scenario version ${r.scenario.version}`, marking: r.marking as DocModel["marking"], generatedOn, blocks };
}
