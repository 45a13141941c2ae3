/**
 * Gap analysis of a self-assessment: per practice, how far it is from fully in place and from
 * fully working, the gap between the two ("on paper, not in practice"), a heatmap by framework
 * and area, priorities that rise for practices answering the country's leading Nexus Watch
 * manifestations, and a plain statement of what was not assessed. Reasons and the statement are
 * messages (plans.msg.*) naming practices by their short label, never by id. Pure.
 */
import { msg, type Msg } from "../i18n/messages.js";
import { practiceRef } from "../i18n/practices.js";
import { inPlaceScore, workingScore, type InPlace, type Working } from "./ratings.js";

export interface PracticeInfo { id: string; framework: string; area: string; title: string; manifestations: string[] }
export interface Rating { practice: string; inPlace?: InPlace; working?: Working }
export interface GapRow {
  practice: string;
  title: string;
  framework: string;
  area: string;
  inPlace: InPlace | null;
  working: Working | null;
  /** 0..3: how much is missing on paper */
  complianceGap: number | null;
  /** 0..3: how much is missing in practice */
  effectivenessGap: number | null;
  /** in place on paper but not working: compliance score minus effectiveness score, when positive */
  paperGap: number | null;
  priority: number;
  reasons: Msg[];
}
export interface HeatCell { framework: string; area: string; assessed: number; total: number; meanInPlace: number | null; meanWorking: number | null }

export function gapAnalysis(practices: PracticeInfo[], ratings: Rating[], leadingManifestations: string[] = []) {
  const byPractice = new Map(ratings.map((r) => [r.practice, r]));
  const rows: GapRow[] = practices.map((p) => {
    const r = byPractice.get(p.id);
    const ip = r?.inPlace ?? null;
    const wk = r?.working ?? null;
    const ipScore = ip && ip !== "N/A" ? inPlaceScore[ip] : null;
    const wkScore = wk ? workingScore[wk] : null;
    const complianceGap = ipScore === null ? null : 3 - ipScore;
    const effectivenessGap = wkScore === null ? null : 3 - wkScore;
    const paperGap = ipScore !== null && wkScore !== null && ipScore > wkScore ? ipScore - wkScore : ipScore !== null && wkScore !== null ? 0 : null;
    const reasons: Msg[] = [];
    let priority = 0;
    if (ip === "N/A") reasons.push(msg("plans.msg.reason.notApplicable"));
    if (complianceGap) { priority += complianceGap; reasons.push(msg("plans.msg.reason.compliance", { gap: complianceGap })); }
    if (effectivenessGap) { priority += effectivenessGap; reasons.push(msg("plans.msg.reason.effectiveness", { gap: effectivenessGap })); }
    if (paperGap) reasons.push(msg("plans.msg.reason.paper"));
    const answers = leadingManifestations.filter((m) => p.manifestations.includes(m));
    if (answers.length && (complianceGap || effectivenessGap)) {
      const boost = leadingManifestations.indexOf(answers[0]) === 0 ? 2 : 1;
      priority += boost;
      reasons.push(msg("plans.msg.reason.answers", { items: answers.map((m) => msg(`watch.msg.hypothesis.${m}`)) }));
    }
    return { practice: p.id, title: p.title, framework: p.framework, area: p.area, inPlace: ip, working: wk, complianceGap, effectivenessGap, paperGap, priority, reasons };
  });
  const heatmap: HeatCell[] = [];
  for (const key of [...new Set(practices.map((p) => `${p.framework}|${p.area}`))]) {
    const [framework, area] = key.split("|");
    const inArea = rows.filter((r) => r.framework === framework && r.area === area);
    const ip = inArea.filter((r) => r.inPlace && r.inPlace !== "N/A").map((r) => inPlaceScore[r.inPlace as Exclude<InPlace, "N/A">]);
    const wk = inArea.filter((r) => r.working).map((r) => workingScore[r.working!]);
    const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
    heatmap.push({ framework, area, assessed: inArea.filter((r) => r.inPlace || r.working).length, total: inArea.length, meanInPlace: mean(ip), meanWorking: mean(wk) });
  }
  const notAssessed = rows.filter((r) => !r.inPlace && !r.working).map((r) => r.practice);
  const onlyOnPaper = rows.filter((r) => r.inPlace && r.inPlace !== "N/A" && !r.working).map((r) => r.practice);
  const names = (ids: string[]) => ids.map(practiceRef);
  const statement: Msg = notAssessed.length === 0 && onlyOnPaper.length === 0
    ? msg("plans.msg.statement.complete")
    : msg("plans.msg.statement.gaps", { parts: [
      ...(notAssessed.length ? [msg("plans.msg.statement.notAssessed", { count: notAssessed.length, total: rows.length, items: names(notAssessed) })] : []),
      ...(onlyOnPaper.length ? [msg("plans.msg.statement.onlyOnPaper", { count: onlyOnPaper.length, items: names(onlyOnPaper) })] : []),
    ] });
  const priorities = rows.filter((r) => r.priority > 0).sort((a, b) => b.priority - a.priority || a.practice.localeCompare(b.practice));
  return { rows, heatmap, priorities, notAssessed, statement };
}
