/**
 * Printable exercise documents as generic document models (rendered to PDF and DOCX): the
 * situation manual for players, the facilitator and evaluator handbook, and the after-action
 * report with its improvement plan, in the reader's language (decision 0025): the words from the
 * message catalogues, the scenario and the taxonomy from the knowledge base in that language,
 * practices by their short label. Pure.
 */
import { ratingLetters, type AfterActionReport } from "../../core/exercises/report.js";
import { translator, type Translate } from "../../core/i18n/catalogues.js";
import { formatDate, formatNumber, formatPercent, type Lang } from "../../core/i18n/format.js";
import { msg } from "../../core/i18n/messages.js";
import { practiceRef, practiceTitled } from "../../core/i18n/practices.js";
import type { KnowledgeBase, Scenario } from "../../core/knowledge/schema.js";
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { Improvement, ReportEdits } from "./outputs.js";

const names = (kb: KnowledgeBase, t: Translate) => ({
  practice: (id: string) => t(practiceTitled(id, kb.practices.find((p) => p.id === id)?.title ?? "")).replace(/:\s*$/, ""),
  short: (id: string) => t(practiceRef(id)),
  actor: (id: string) => kb.actors.find((a) => a.id === id)?.name ?? id,
  context: (id: string) => kb.contexts.find((c) => c.id === id)?.name ?? id,
  manifestation: (id: string) => kb.manifestations.find((m) => m.id === id)?.name ?? id,
  instrument: (id: string) => kb.instruments.find((i) => i.id === id)?.name ?? id,
});
const roleName = (sc: Scenario, r: string) => sc.roles.find((x) => x.id === r)?.name ?? r;
const audienceText = (sc: Scenario, a: "all" | string[], t: Translate) => (a === "all" ? t("docs.msg.ex.everyone") : a.map((r) => roleName(sc, r)).join(", "));

function background(sc: Scenario, kb: KnowledgeBase, t: Translate): Block[] {
  const n = names(kb, t);
  return [
    { kind: "heading", text: t("docs.msg.ex.h.scenario") },
    { kind: "paragraph", text: sc.summary },
    { kind: "paragraph", text: t("docs.msg.ex.region", { region: sc.region }) },
    { kind: "paragraph", text: t("docs.msg.ex.context", { context: n.context(sc.context), items: sc.manifestations.map((m) => msg("common.msg.text", { text: n.manifestation(m) })) }), note: true },
    { kind: "heading", text: t("docs.msg.ex.h.objectives") },
    { kind: "bullets", items: sc.objectives.map((o) => t("docs.msg.ex.objective", { text: o.text, items: o.practices.map(practiceRef) })) },
    { kind: "heading", text: t("docs.msg.ex.h.who") },
    { kind: "table", header: [t("docs.msg.col.role"), t("docs.msg.col.agency")], widths: [3, 2], rows: sc.roles.map((r) => [r.name, n.actor(r.actor)]) },
  ];
}

/** For every player: background, objectives, roles, and the situation of each main phase (branches stay a surprise). */
export function manualDoc(sc: Scenario, kb: KnowledgeBase, generatedOn: string, lang: Lang = "en"): DocModel {
  const t = translator(lang);
  return {
    language: lang, title: t("docs.msg.manual.title", { title: sc.title }), subtitle: t("docs.msg.manual.subtitle", { version: sc.version }), marking: "GREEN", generatedOn,
    blocks: [
      ...background(sc, kb, t),
      { kind: "heading", text: t("docs.msg.manual.h.how") },
      { kind: "bullets", items: [t("docs.msg.manual.how1"), t("docs.msg.manual.how2"), t("docs.msg.manual.how3"), t("docs.msg.manual.how4")] },
      ...sc.phases.filter((p) => !p.branch).flatMap((p, i): Block[] => [{ kind: "subheading", text: t("docs.msg.manual.phase", { n: i + 1, title: p.title }) }, { kind: "paragraph", text: p.situation }]),
      { kind: "heading", text: t("docs.msg.ex.h.hotwash") },
      { kind: "bullets", items: sc.hotwash.map((q) => q.question) },
    ],
  };
}

/** For facilitators and evaluators: everything, phase by phase, with the evaluation guide and role cards. */
export function handbookDoc(sc: Scenario, kb: KnowledgeBase, generatedOn: string, lang: Lang = "en"): DocModel {
  const t = translator(lang);
  const n = names(kb, t);
  const optionText = (decision: string, option: string) => sc.phases.flatMap((p) => p.decisions).find((d) => d.id === decision)?.options.find((o) => o.id === option)?.text ?? option;
  const phaseTitle = (id: string) => sc.phases.find((p) => p.id === id)?.title ?? id;
  const blocks: Block[] = [
    { kind: "paragraph", text: t("docs.msg.handbook.note"), note: true },
    ...background(sc, kb, t),
    { kind: "heading", text: t("docs.msg.ex.h.practices") },
    { kind: "bullets", items: sc.practices.map(n.practice) },
  ];
  for (const p of sc.phases) {
    blocks.push({ kind: "heading", text: t(p.branch ? "docs.msg.handbook.branchPhase" : "docs.msg.handbook.phase", { title: p.title }) }, { kind: "paragraph", text: p.situation });
    if (p.branch) {
      const leading = sc.phases.flatMap((x) => x.decisions.flatMap((d) => d.options.filter((o) => o.branch === p.id).map((o) => msg("common.msg.text", { text: `“${o.text}”` }))));
      blocks.push({ kind: "paragraph", text: t("docs.msg.handbook.branchNote", { items: leading }), note: true });
    }
    blocks.push({
      kind: "table", header: [t("docs.msg.col.inject"), t("docs.msg.col.for"), t("docs.msg.col.release"), t("docs.msg.col.notes")], widths: [4, 2, 2, 4], fontSize: 8,
      rows: p.injects.map((i) => [
        t("docs.msg.handbook.inject", { title: i.title, kind: i.kind, text: i.text }), audienceText(sc, i.audience, t),
        i.release.mode === "manual" ? t("docs.msg.handbook.manual") : t("docs.msg.handbook.when", { option: optionText(i.release.decision, i.release.option) }), i.facilitator_notes,
      ]),
    });
    for (const d of p.decisions) {
      blocks.push(
        { kind: "subheading", text: t("docs.msg.handbook.decision", { prompt: d.prompt }) },
        { kind: "paragraph", text: t("docs.msg.handbook.scope", { scope: d.scope, roles: d.roles.length ? ` (${d.roles.map((r) => roleName(sc, r)).join(", ")})` : "", response: d.response }), note: true },
      );
      blocks.push({
        kind: "table", header: [t("docs.msg.col.option"), t("docs.msg.col.alignment"), t("docs.msg.col.why"), t("docs.msg.col.practicesActors"), t("docs.msg.col.leadsTo")], widths: [4, 2, 4, 3, 2], fontSize: 8,
        rows: d.options.map((o) => [
          o.text, { text: t(`exercises.msg.alignment.${o.alignment}`), fill: o.alignment === "aligned" ? "#D5E8B0" : o.alignment === "partial" ? "#FAD7A0" : "#F4A6A6" },
          [o.rationale, o.instruments.length ? t("docs.msg.handbook.instruments", { items: o.instruments.map((i) => msg("common.msg.text", { text: n.instrument(i) })) }) : "", o.caution ? t("docs.msg.handbook.caution", { text: o.caution.text }) : ""].filter(Boolean).join(" "),
          `${o.practices.map(n.short).join(", ")}; ${o.actors.map(n.actor).join(", ")}`, o.branch ? phaseTitle(o.branch) : "—",
        ]),
      });
    }
  }
  blocks.push(
    { kind: "heading", text: t("docs.msg.handbook.h.guide") },
    { kind: "paragraph", text: t("docs.msg.handbook.guideIntro") },
    { kind: "table", header: [t("docs.msg.col.rating"), t("docs.msg.col.meaning")], widths: [1, 5], rows: ratingLetters.map((k) => [k, t(`exercises.msg.rating.${k}`)]) },
    { kind: "table", header: [t("docs.msg.col.objective"), t("docs.msg.col.practices"), t("docs.msg.col.ratingPSMU"), t("docs.msg.col.saw")], widths: [4, 2, 1.5, 4], rows: sc.objectives.map((o) => [o.text, o.practices.map(n.short).join(", "), "", ""]) },
  );
  for (const r of sc.roles) blocks.push({ kind: "pageBreak" }, { kind: "heading", text: t("docs.msg.handbook.roleCard", { name: r.name }) }, { kind: "paragraph", text: t("docs.msg.handbook.agency", { actor: n.actor(r.actor) }), note: true }, { kind: "paragraph", text: r.briefing });
  return { language: lang, title: t("docs.msg.handbook.title", { title: sc.title }), subtitle: t("docs.msg.handbook.subtitle", { version: sc.version }), marking: "AMBER", generatedOn, blocks };
}

const LEVEL_FILL: Record<string, string> = { strong: "#9CCB86", mixed: "#FAD7A0", weak: "#F4A6A6", "not exercised": "#E8E8E8" };

export function afterActionDoc(
  r: { name: string; marking: string; scenario: { title: string; version: number }; generated: AfterActionReport; edits: ReportEdits | null; improvements: Improvement[]; institutions?: { name: string; roles: string[] }[] },
  kb: KnowledgeBase, generatedOn: string, lang: Lang = "en",
): DocModel {
  const t = translator(lang);
  const n = names(kb, t);
  const g = r.generated;
  const pct = (x: number | null) => (x === null ? "—" : formatPercent(lang, x));
  const blocks: Block[] = [
    { kind: "heading", text: t("docs.msg.h.summary") },
    {
      kind: "paragraph", text: r.edits?.summary || t("docs.msg.aar.summary", {
        participants: g.participants, phases: g.phasesPlayed.length, decisions: g.decisions.length, aligned: g.decisions.filter((d) => d.chosenAlignment === "aligned").length,
        branches: g.branchesTaken.length ? msg("docs.msg.aar.branches", { items: g.branchesTaken.map((b) => msg("common.msg.text", { text: b.branch ?? "" })) }) : "",
      }),
    },
    { kind: "heading", text: t("docs.msg.ex.h.practices") },
    {
      kind: "table", header: [t("docs.msg.col.practice"), t("docs.msg.col.decisions"), t("docs.msg.col.alignedAnswers"), t("docs.msg.col.evaluators"), t("docs.msg.col.level"), t("docs.msg.col.why")], widths: [4, 1.2, 1.5, 1.5, 1.5, 6], fontSize: 8,
      rows: g.heatmap.map((h): DocCell[] => [
        n.practice(h.practice), formatNumber(lang, h.decisions), pct(h.alignedShare),
        h.observationMean === null ? "—" : t("docs.msg.aar.obsMean", { mean: formatNumber(lang, h.observationMean, { min: 1, max: 1 }), count: h.observations }),
        { text: t(`exercises.msg.level.${h.level}`), fill: LEVEL_FILL[h.level] }, t(h.why),
      ]),
    },
    { kind: "heading", text: t("docs.msg.aar.h.decisions") },
  ];
  for (const d of g.decisions) {
    blocks.push({ kind: "subheading", text: d.prompt }, {
      kind: "table", header: [t("docs.msg.col.option"), t("docs.msg.col.alignment"), t("docs.msg.col.answers"), t("docs.msg.col.chosen")], widths: [6, 2, 1.5, 1.5], fontSize: 8,
      rows: d.options.map((o) => [o.text, t(`exercises.msg.alignment.${o.alignment}`), formatNumber(lang, o.count), o.chosen ? { text: t("docs.msg.aar.chosen"), bold: true } : ""]),
    });
  }
  blocks.push(
    { kind: "heading", text: t("docs.msg.aar.h.agencies") },
    { kind: "table", header: [t("docs.msg.col.role"), t("docs.msg.col.agency"), t("docs.msg.col.people"), t("docs.msg.col.answered")], widths: [4, 3, 1, 2], rows: g.agencies.roles.map((x) => [x.name, n.actor(x.actor), formatNumber(lang, x.members), formatNumber(lang, x.answers)]) },
    { kind: "paragraph", text: g.agencies.missing.length ? t("docs.msg.aar.missing", { items: g.agencies.missing.map((a) => msg("common.msg.text", { text: n.actor(a) })) }) : t("docs.msg.aar.allPresent") },
    // The institutions of the directory that sat at the table (decision 0035), with the roles they played.
    ...(r.institutions?.length ? [{ kind: "paragraph" as const, text: t("docs.msg.aar.institutions", { items: r.institutions.map((i) => msg("common.msg.text", { text: i.roles.length ? `${i.name} (${i.roles.join(", ")})` : i.name })) }) }] : []),
    { kind: "heading", text: t("docs.msg.aar.h.observations") },
    g.observations.length
      ? {
        kind: "table", header: [t("docs.msg.col.rating"), t("docs.msg.col.against"), t("docs.msg.col.note"), t("docs.msg.col.by")], widths: [1, 3, 6, 2], fontSize: 8,
        rows: g.observations.map((o) => [o.rating, o.practice ? n.short(o.practice) : o.objective ?? "", o.note, t(o.by)]),
      }
      : { kind: "paragraph", text: t("docs.msg.aar.noObservations") },
    { kind: "heading", text: t("docs.msg.ex.h.hotwash") },
    ...g.hotwash.flatMap((q): Block[] => [
      { kind: "subheading", text: q.question },
      { kind: "paragraph", text: q.kind === "rating" ? (q.mean === null ? t("docs.msg.aar.noAnswers") : t("docs.msg.aar.mean", { mean: formatNumber(lang, q.mean), count: q.count })) : q.texts.length ? "" : t("docs.msg.aar.noAnswers") },
      ...(q.texts.length ? [{ kind: "bullets" as const, items: q.texts.map((x) => `${x.text} (${t(x.by)})`) }] : []),
    ]),
  );
  if (r.edits?.lessons.length) blocks.push({ kind: "heading", text: t("docs.msg.aar.h.lessons") }, { kind: "bullets", items: r.edits.lessons });
  blocks.push({ kind: "heading", text: t("docs.msg.aar.h.improvements") }, r.improvements.length
    ? {
      kind: "table", header: [t("docs.msg.col.item"), t("docs.msg.col.practice"), t("docs.msg.col.owner"), t("docs.msg.col.due"), t("docs.msg.col.why")], widths: [4, 1.5, 2, 1.5, 5], fontSize: 8,
      rows: r.improvements.map((i) => [t(i.title), i.practice ? n.short(i.practice) : "—", i.owner || i.actors.map(n.actor).join(", ") || "—", i.due ? formatDate(lang, i.due, "short") : "—", t(i.why)]),
    }
    : { kind: "paragraph", text: t("docs.msg.aar.noImprovements") });
  return { language: lang, title: t("docs.msg.aar.title", { name: r.name }), subtitle: t("docs.msg.aar.subtitle", { title: r.scenario.title, version: r.scenario.version }), marking: r.marking as DocModel["marking"], generatedOn, blocks };
}
