/**
 * The assessment report as data: everything the PDF and DOCX renderers print, in reading
 * order, built from the stored assessment, the sources the reader may see and the watch model.
 * Every word is in the reader's language (decision 0025): the analysis's messages and the
 * report's own words from the catalogues, the indicator statements from the watch model of that
 * language, dates and numbers with Intl. Pure: no I/O, no clock (the caller passes the date).
 */
import { catalogueFor, translator } from "../../core/i18n/catalogues.js";
import { formatDate, formatNumber, type Lang } from "../../core/i18n/format.js";
import type { Marking } from "../../core/platform/markings.js";
import { tlpColour } from "../documents/model.js";
import { NO_NEXUS } from "../../core/watch/analysis.js";
import { gradeWeight, type Credibility, type Reliability } from "../../core/watch/grades.js";
import { textOf } from "../../core/watch/messages.js";
import type { WatchModel } from "../../core/watch/model.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { AssessmentBody } from "./assessments.service.js";

/** The TLP colours belong to the documents (src/server/documents/model.ts); re-exported for older imports. */
export { TLP_BACKGROUND, tlpColour } from "../documents/model.js";

export type Cell = "+" | "−" | "";
export interface ReportSource { ref: string; title: string; type: string; reliability: string; meaning: string }
export interface MatrixRow { statement: string; state: string; date: string; grade: string; sources: string; cells: Cell[] }

export interface ReportModel {
  language: Lang;
  marking: Marking;
  tlp: string;
  tlpColour: string;
  title: string;
  subtitle: string;
  status: string;
  author: string;
  generatedOn: string;
  confidence: string;
  judgement: { text: string; reason: string | null };
  whyFirstHeading: string;
  whyFirst: string;
  ranking: { rank: number; name: string; score: string; support: string; inconsistency: string; explanation: string[] }[];
  matrix: { columns: { id: string; short: string; name: string }[]; rows: MatrixRow[]; intro: string; legend: string };
  warnings: string[];
  sources: ReportSource[];
  practices: { title: string; reason: string; steps: string[] }[];
  filename: string;
  /** the report's own words in its language */
  words: Record<"confidence" | "judgement" | "ranking" | "drives" | "matrix" | "warnings" | "sources" | "practices" | "noWarnings" | "noPractices" | "noSources" | "noEvidence"
    | "rank" | "hypothesis" | "score" | "support" | "inconsistency" | "indicator" | "state" | "observed" | "gradeSources" | "ref" | "source" | "type" | "reliability" | "meta" | "reason", string>;
}

const EXPLANATION_LINES = 3;
/** Joins of sentence-like statements leave a full stop before ";", ")" or another full stop. */
const tidy = (text: string) => text.replace(/\.(?=[;)]|\.(?!\.))/g, "");

/**
 * The sign of one assessed indicator for one hypothesis, as the analysis counts it: a sign for
 * a hypothesis seen present supports it (+), seen absent counts against it (−), and the
 * reverse for a sign against. "No nexus" is contradicted by any sign of a nexus found present.
 */
export function cellFor(links: { manifestation: string; direction: "for" | "against" }[], state: string, hypothesis: string): Cell {
  if (state !== "present" && state !== "absent") return "";
  const present = state === "present";
  if (hypothesis === NO_NEXUS) {
    if (!links.some((l) => l.direction === "for")) return "";
    return present ? "−" : "+";
  }
  const link = links.find((l) => l.manifestation === hypothesis);
  if (!link) return "";
  return (link.direction === "for") === present ? "+" : "−";
}

export function buildReportModel(row: RecordRow & { body: AssessmentBody }, sources: Map<string, RecordRow>, model: WatchModel, generatedOn: string, lang: Lang = "en"): ReportModel {
  const t = translator(lang);
  const catalogue = catalogueFor(lang);
  const say = (x: unknown) => textOf(x, catalogue);
  const fixed = (n: number) => formatNumber(lang, Math.round(n * 100) / 100, { min: 2 });
  const a = row.body;
  const analysis = a.analysis;
  const leader = analysis.evidenceCount ? analysis.ranking[0] : undefined;

  // Sources in the order the evidence cites them, numbered S1, S2, …
  const cited: string[] = [];
  const indicatorIds = Object.keys(a.states).sort((x, y) => (model.indicators.get(x)?.statement ?? x).localeCompare(model.indicators.get(y)?.statement ?? y));
  for (const i of indicatorIds) for (const s of a.states[i].sources) if (!cited.includes(s)) cited.push(s);
  const refOf = new Map(cited.map((id, n) => [id, `S${n + 1}`]));
  const reportSources: ReportSource[] = cited.map((id) => {
    const s = sources.get(id);
    const body = (s?.body ?? {}) as { type?: string; reliability?: Reliability };
    return s && body.reliability
      ? { ref: refOf.get(id)!, title: s.title, type: t(`docs.msg.sourceType.${body.type ?? "unknown"}`), reliability: body.reliability, meaning: t(`docs.msg.reliability.${body.reliability}`) }
      : { ref: refOf.get(id)!, title: t("docs.msg.watch.sourceHidden"), type: "—", reliability: "—", meaning: t("docs.msg.watch.notShown") };
  });

  // Columns numbered H1…H7 (no language's abbreviations), named in the legend.
  const columns = [...model.manifestations.map((m) => m.id), NO_NEXUS].map((id, i) => ({ id, short: `H${i + 1}`, name: t(`watch.msg.hypothesis.${id}`) }));
  const rows: MatrixRow[] = indicatorIds.map((i) => {
    const st = a.states[i];
    const ind = model.indicators.get(i);
    const grades = st.sources.map((s) => (sources.get(s)?.body as { reliability?: Reliability } | undefined)?.reliability ?? "F");
    const best = grades.sort((x, y) => gradeWeight(y, st.credibility as Credibility) - gradeWeight(x, st.credibility as Credibility))[0] ?? "F";
    return {
      statement: ind?.statement ?? i, state: t(`docs.msg.watch.state.${st.state}`), date: formatDate(lang, st.observed_at, "short"), grade: `${best}${st.credibility}`,
      sources: st.sources.map((s) => refOf.get(s)!).join(", "), cells: columns.map((c) => cellFor(ind?.links ?? [], st.state, c.id)),
    };
  });

  const j = a.judgement;
  const judgement = !j
    ? { text: t("docs.msg.watch.judgement.none"), reason: null }
    : leader && j.manifestation !== leader.id
      ? { text: t("docs.msg.watch.judgement.differs", { chosen: j.manifestation, leader: leader.id }), reason: j.reason?.trim() || null }
      : { text: t("docs.msg.watch.judgement.agrees", { chosen: j.manifestation }), reason: j.reason?.trim() || null };

  const stepsOf = new Map(model.practices.map((p) => [p.id, p.steps]));
  const tlp = `TLP:${row.marking}`;
  const slug = a.subject_name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "subject";
  const titleOf = new Map(model.practices.map((p) => [p.id, p.title]));
  const w = (key: string) => t(`docs.msg.${key}`);
  return {
    language: lang, marking: row.marking, tlp, tlpColour: tlpColour[row.marking],
    title: a.subject_name, subtitle: t("docs.msg.watch.subtitle", { date: a.as_of }),
    status: t(`docs.msg.watch.status.${a.status}`), author: a.author_name, generatedOn,
    confidence: say(analysis.confidence.statement), judgement,
    whyFirstHeading: leader ? t("docs.msg.watch.h.whyFirst", { leader: leader.id }) : t("docs.msg.watch.h.noLeader"),
    whyFirst: say(analysis.whyFirst),
    ranking: analysis.ranking.map((h) => ({
      rank: h.rank, name: t(`watch.msg.hypothesis.${h.id}`), score: fixed(h.score), support: fixed(h.support), inconsistency: fixed(h.inconsistency), explanation: (h.explanation as unknown[]).slice(0, EXPLANATION_LINES).map(say),
    })),
    matrix: { columns, rows, intro: w("watch.matrixIntro"), legend: columns.map((c) => t("docs.msg.watch.legendItem", { short: c.short, id: c.id })).join("; ") },
    warnings: analysis.warnings.map((x) => tidy(say(x.message))),
    sources: reportSources,
    practices: analysis.practices.map((p) => ({ title: titleOf.get(p.id) ?? p.title, reason: t("docs.msg.watch.why", { reason: tidy(say(p.reason)) }), steps: stepsOf.get(p.id) ?? [] })),
    filename: `assessment-${slug}-${a.as_of}`,
    words: {
      confidence: w("watch.h.confidence"), judgement: w("watch.h.judgement"), ranking: w("watch.h.ranking"), drives: w("watch.drives"), matrix: w("watch.h.matrix"),
      warnings: w("watch.h.warnings"), sources: w("watch.h.sources"), practices: w("watch.h.practices"),
      noWarnings: w("watch.noWarnings"), noPractices: w("watch.noPractices"), noSources: w("watch.noSources"), noEvidence: w("watch.noEvidence"),
      rank: w("col.rank"), hypothesis: w("col.hypothesis"), score: w("col.score"), support: w("col.support"), inconsistency: w("col.inconsistency"),
      indicator: w("col.indicator"), state: w("col.state"), observed: w("col.observed"), gradeSources: w("col.gradeSources"),
      ref: w("col.ref"), source: w("col.source"), type: w("col.type"), reliability: w("col.reliability"),
      meta: t("docs.msg.watch.meta", { status: a.status, author: a.author_name }), reason: w("watch.reason"),
    },
  };
}
