/**
 * The assessment report as data: everything the PDF and DOCX renderers print, in reading
 * order, built from the stored assessment, the sources the reader may see and the watch model.
 * Pure: no I/O, no clock (the caller passes the generation date).
 */
import type { Marking } from "../../core/platform/markings.js";
import { NO_NEXUS } from "../../core/watch/analysis.js";
import { gradeWeight, reliabilityMeaning, type Credibility, type Reliability } from "../../core/watch/grades.js";
import { textOf } from "../../core/watch/messages.js";
import type { WatchModel } from "../../core/watch/model.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { AssessmentBody } from "./assessments.service.js";

/** TLP 2.0 colours: the label is printed in its colour on a black background. */
export const tlpColour: Record<Marking, string> = { RED: "#FF2B2B", AMBER: "#FFC000", "AMBER+STRICT": "#FFC000", GREEN: "#33FF00", CLEAR: "#FFFFFF" };
export const TLP_BACKGROUND = "#000000";

export type Cell = "+" | "−" | "";
export interface ReportSource { ref: string; title: string; type: string; reliability: string; meaning: string }
export interface MatrixRow { statement: string; state: string; date: string; grade: string; sources: string; cells: Cell[] }

export interface ReportModel {
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
  matrix: { columns: { id: string; short: string; name: string }[]; rows: MatrixRow[] };
  warnings: string[];
  sources: ReportSource[];
  practices: { title: string; reason: string; steps: string[] }[];
  filename: string;
}

const EXPLANATION_LINES = 3;
const shortNames: Record<string, string> = {
  alliance: "ALL", "appropriation-of-tactics": "APP", integration: "INT", hybrid: "HYB", transformation: "TRA", "black-hole": "BH", [NO_NEXUS]: "NN",
};
const stateWords: Record<string, string> = { present: "Present", absent: "Absent", unknown: "Unknown" };
const statusWords: Record<string, string> = { draft: "Draft", review: "In review", published: "Published" };
/** Joins of sentence-like statements leave a full stop before ";", ")" or another full stop. */
const tidy = (text: string) => text.replace(/\.(?=[;)]|\.(?!\.))/g, "");
const fixed = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

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

export function buildReportModel(row: RecordRow & { body: AssessmentBody }, sources: Map<string, RecordRow>, model: WatchModel, generatedOn: string): ReportModel {
  const a = row.body;
  const analysis = a.analysis;
  const leader = analysis.evidenceCount ? analysis.ranking[0] : undefined;
  const nameOf = (id: string) => textOf(analysis.ranking.find((h) => h.id === id)?.name) || id;

  // Sources in the order the evidence cites them, numbered S1, S2, …
  const cited: string[] = [];
  const indicatorIds = Object.keys(a.states).sort((x, y) => (model.indicators.get(x)?.statement ?? x).localeCompare(model.indicators.get(y)?.statement ?? y));
  for (const i of indicatorIds) for (const s of a.states[i].sources) if (!cited.includes(s)) cited.push(s);
  const refOf = new Map(cited.map((id, n) => [id, `S${n + 1}`]));
  const reportSources: ReportSource[] = cited.map((id) => {
    const s = sources.get(id);
    const body = (s?.body ?? {}) as { type?: string; reliability?: Reliability };
    return s && body.reliability
      ? { ref: refOf.get(id)!, title: s.title, type: (body.type ?? "unknown").replace(/-/g, " "), reliability: body.reliability, meaning: reliabilityMeaning[body.reliability] }
      : { ref: refOf.get(id)!, title: "Source not available to you", type: "—", reliability: "—", meaning: "not shown" };
  });

  const columns = [...model.manifestations, { id: NO_NEXUS, name: "No nexus evident" }].map((m) => ({ id: m.id, short: shortNames[m.id] ?? m.id.slice(0, 3).toUpperCase(), name: m.name }));
  const rows: MatrixRow[] = indicatorIds.map((i) => {
    const st = a.states[i];
    const ind = model.indicators.get(i);
    const grades = st.sources.map((s) => (sources.get(s)?.body as { reliability?: Reliability } | undefined)?.reliability ?? "F");
    const best = grades.sort((x, y) => gradeWeight(y, st.credibility as Credibility) - gradeWeight(x, st.credibility as Credibility))[0] ?? "F";
    return {
      statement: ind?.statement ?? i, state: stateWords[st.state] ?? st.state, date: st.observed_at, grade: `${best}${st.credibility}`,
      sources: st.sources.map((s) => refOf.get(s)!).join(", "), cells: columns.map((c) => cellFor(ind?.links ?? [], st.state, c.id)),
    };
  });

  const j = a.judgement;
  const judgement = !j
    ? { text: "The analyst has not recorded a judgement yet.", reason: null }
    : leader && j.manifestation !== leader.id
      ? { text: `The analyst judges that ${nameOf(j.manifestation)} fits best. This differs from the computed leader, ${textOf(leader.name)}.`, reason: j.reason?.trim() || null }
      : { text: `The analyst judges that ${nameOf(j.manifestation)} fits best, in line with the computed ranking.`, reason: j.reason?.trim() || null };

  const stepsOf = new Map(model.practices.map((p) => [p.id, p.steps]));
  const tlp = `TLP:${row.marking}`;
  const slug = a.subject_name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "subject";
  return {
    tlp, tlpColour: tlpColour[row.marking],
    title: a.subject_name, subtitle: `Assessment of ${a.as_of}`,
    status: statusWords[a.status] ?? a.status, author: a.author_name, generatedOn,
    confidence: textOf(analysis.confidence.statement), judgement,
    whyFirstHeading: leader ? `Why ${textOf(leader.name)} ranks first` : "Why no hypothesis leads",
    whyFirst: textOf(analysis.whyFirst),
    ranking: analysis.ranking.map((h) => ({
      rank: h.rank, name: textOf(h.name), score: fixed(h.score), support: fixed(h.support), inconsistency: fixed(h.inconsistency), explanation: (h.explanation as unknown[]).slice(0, EXPLANATION_LINES).map((l) => textOf(l)),
    })),
    matrix: { columns, rows },
    warnings: analysis.warnings.map((w) => tidy(textOf(w.message))),
    sources: reportSources,
    practices: analysis.practices.map((p) => ({ title: p.title, reason: tidy(textOf(p.reason)), steps: stepsOf.get(p.id) ?? [] })),
    filename: `assessment-${slug}-${a.as_of}`,
  };
}

/** Plain-English captions shared by both formats. */
export const captions = {
  matrixIntro: "Each row is an indicator assessed for this subject, with its latest state, the date observed, its Admiralty grade (source reliability A-F, information credibility 1-6) and the sources. A + means the observation is consistent with the hypothesis, a − that it counts against it; a blank means the indicator does not bear on it.",
  legend: (cols: { short: string; name: string }[]) => cols.map((c) => `${c.short} = ${c.name}`).join("; "),
  noWarnings: "The analysis raised no warnings.",
  noPractices: "No practice is recommended on the evidence so far.",
  noSources: "No sources are cited.",
  noEvidence: "No indicator has been assessed.",
};
