/**
 * Gap analysis of a self-assessment: per practice, how far it is from fully in place and from
 * fully working, the gap between the two ("on paper, not in practice"), a heatmap by framework
 * and area, priorities that rise for practices answering the country's leading Nexus Watch
 * manifestations, and a plain statement of what was not assessed. Pure.
 */
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
  reasons: string[];
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
    const reasons: string[] = [];
    let priority = 0;
    if (ip === "N/A") reasons.push("rated not applicable");
    if (complianceGap) { priority += complianceGap; reasons.push(`${complianceGap} of 3 short of fully in place`); }
    if (effectivenessGap) { priority += effectivenessGap; reasons.push(`${effectivenessGap} of 3 short of working well`); }
    if (paperGap) reasons.push("in place on paper but not working as well in practice");
    const answers = leadingManifestations.filter((m) => p.manifestations.includes(m));
    if (answers.length && (complianceGap || effectivenessGap)) {
      const boost = leadingManifestations.indexOf(answers[0]) === 0 ? 2 : 1;
      priority += boost;
      reasons.push(`answers ${answers.join(" and ")}, leading in the country's Nexus Watch assessments`);
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
  const statement = notAssessed.length === 0 && onlyOnPaper.length === 0
    ? "Every practice in scope was rated both in place and working."
    : [notAssessed.length ? `${notAssessed.length} of ${rows.length} practices were not assessed (${notAssessed.join(", ")})` : "",
       onlyOnPaper.length ? `${onlyOnPaper.length} were rated in place but not yet for how well they work (${onlyOnPaper.join(", ")})` : ""]
      .filter(Boolean).join("; ") + ". Gaps and priorities say nothing about these.";
  const priorities = rows.filter((r) => r.priority > 0).sort((a, b) => b.priority - a.priority || a.practice.localeCompare(b.practice));
  return { rows, heatmap, priorities, notAssessed, statement };
}
