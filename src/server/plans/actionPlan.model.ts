/**
 * The national action plan as a document: a summary, the heatmap, the gaps, the actions by
 * owner and a timeline, built from the assessment summary and the stored actions. Fit to hand
 * to a minister or parliament; the renderers add the TLP label to every page. Pure: the caller
 * passes the date.
 */
import { inPlaceLabel } from "../../core/plans/ratings.js";
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { Action } from "./actions.service.js";
import type { PlansService } from "./plans.service.js";

type Summary = Awaited<ReturnType<PlansService["summary"]>>;
type Plan = Awaited<ReturnType<import("./actions.service.js").ActionsService["list"]>>;
type Review = { number: number; name: string; mean_in_place: number | null; mean_working: number | null; rated: number };

/** 0 (nothing) … 3 (fully), light enough for black text. */
const SCALE = ["#F4A6A6", "#FAD7A0", "#D5E8B0", "#9CCB86"];
const scoreCell = (v: number | null): DocCell => (v === null ? { text: "not rated", colour: "#555555", align: "center" } : { text: v.toFixed(2), fill: SCALE[Math.min(3, Math.round(v))], align: "center" });
const BAR = "#4A78B5";
const LATE = "#D9534F";

export const countryName = (code: string) => new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Timeline periods: months up to a year, then quarters up to three years, then years. */
export function periods(months: string[]): { label: string; from: string; to: string }[] {
  const size = months.length <= 12 ? 1 : months.length <= 36 ? 3 : 12;
  const out: { label: string; from: string; to: string }[] = [];
  for (const m of months) {
    const [y, mo] = m.split("-").map(Number);
    const key = size === 1 ? `${MONTHS[mo - 1]} ${String(y).slice(2)}` : size === 3 ? `${y} Q${Math.ceil(mo / 3)}` : String(y);
    const last = out[out.length - 1];
    if (last?.label === key) last.to = m;
    else out.push({ label: key, from: m, to: m });
  }
  return out;
}

export function timelineRows(actions: Action[], months: string[]): DocCell[][] {
  const ps = periods(months);
  return actions.filter((a) => a.status !== "cancelled").map((a) => {
    const from = (a.start ?? a.due)?.slice(0, 7);
    const to = (a.due ?? a.start)?.slice(0, 7);
    const marks = a.milestones.map((m) => m.due.slice(0, 7));
    return [
      { text: a.title.length > 70 ? `${a.title.slice(0, 67)}…` : a.title },
      ...ps.map((p): DocCell => {
        const on = from && to && from <= p.to && to >= p.from;
        const mark = marks.some((m) => m >= p.from && m <= p.to) ? "◆" : "";
        return on ? { text: mark, fill: a.overdue ? LATE : BAR, colour: "#FFFFFF", align: "center" } : { text: mark, align: "center" };
      }),
    ];
  });
}

export function buildActionPlanDoc(s: Summary, plan: Plan, reviews: Review[], nameOf: { practice: (id: string) => string; area: (id: string) => string; framework: (id: string) => string }, generatedOn: string): DocModel {
  const g = s.gaps;
  const rated = g.rows.filter((r) => r.inPlace || r.working).length;
  const owners = new Set(plan.actions.map((a) => a.owner_unit ?? ""));
  const blocks: Block[] = [
    { kind: "heading", text: "Summary" },
    {
      kind: "paragraph",
      text: `${countryName(s.country)} rated ${rated} of the ${s.practices.length} practices in scope in its ${s.review.name.toLowerCase()} (review ${s.review.number}). `
        + `${g.priorities.length} practices show a gap. The plan holds ${plan.progress.total} actions for ${[...owners].filter(Boolean).length} responsible units`
        + (plan.timeline.from ? `, from ${plan.timeline.from} to ${plan.timeline.to}` : "")
        + `; ${plan.progress.done} are done and ${plan.progress.overdue} are overdue.`,
    },
    { kind: "paragraph", text: g.statement, note: true },
  ];
  if (s.leading_manifestations.length) blocks.push({ kind: "paragraph", text: `Priorities are raised for practices that answer the manifestations leading in the country's Nexus Watch assessments: ${s.leading_manifestations.join(", ")}.`, note: true });
  if (s.disagreements.length) blocks.push({ kind: "paragraph", text: `${s.disagreements.length} practices still have ratings on which contributors disagree: ${s.disagreements.map((d) => d.practice).join(", ")}.`, note: true });

  blocks.push(
    { kind: "heading", text: "Where the country stands" },
    { kind: "paragraph", text: "Mean scores from 0 (non-compliant, or low effectiveness) to 3 (compliant, or high effectiveness), by framework and area. \"In place\" and \"working\" are rated apart.", note: true },
    { kind: "table", header: ["Framework", "Area", "Assessed", "In place", "Working"], widths: [3, 6, 2, 2, 2], rows: g.heatmap.map((c) => [nameOf.framework(c.framework), nameOf.area(c.area), `${c.assessed} of ${c.total}`, scoreCell(c.meanInPlace), scoreCell(c.meanWorking)]) },
    { kind: "heading", text: "Gaps, most pressing first" },
    g.priorities.length
      ? { kind: "table", header: ["Practice", "In place", "Working", "Why it matters"], widths: [5, 2, 2, 6], fontSize: 8, rows: g.priorities.map((r) => [`${r.practice}: ${r.title}`, r.inPlace ? inPlaceLabel[r.inPlace] : "not rated", r.working ?? "not rated", r.reasons.join("; ")]) }
      : { kind: "paragraph", text: "No gap was found among the practices rated." },
  );
  const onPaper = g.rows.filter((r) => r.paperGap);
  if (onPaper.length) blocks.push({ kind: "subheading", text: "In place on paper, not yet working" }, { kind: "bullets", items: onPaper.map((r) => `${r.practice}: ${r.title} (${r.inPlace}, working ${r.working})`) });

  blocks.push({ kind: "heading", text: "Actions by owner" });
  const byOwner = new Map<string, Action[]>();
  for (const a of plan.actions) byOwner.set(a.owner ? `${a.owner.name} (${a.owner.actor})` : "No owner yet", [...(byOwner.get(a.owner ? `${a.owner.name} (${a.owner.actor})` : "No owner yet") ?? []), a]);
  if (!plan.actions.length) blocks.push({ kind: "paragraph", text: "No actions have been planned yet." });
  const titleOf = new Map(plan.actions.map((a) => [a.id, a.title]));
  for (const [owner, list] of byOwner) {
    blocks.push({ kind: "subheading", text: owner }, {
      kind: "table", header: ["Action", "Practice", "Start", "Due", "Status", "Depends on"], widths: [6, 2, 2, 2, 2, 3], fontSize: 8,
      rows: list.map((a) => [a.title, `${a.practice}${a.step ? ` step ${a.step}` : ""}`, a.start ?? "—", a.due ?? "—", a.overdue ? { text: `${a.status}, overdue`, colour: LATE, bold: true } : a.status, a.depends_on.map((d) => titleOf.get(d) ?? d).join("; ") || "—"]),
    });
  }
  if (plan.timeline.months.length) {
    const ps = periods(plan.timeline.months);
    blocks.push(
      { kind: "heading", text: "Timeline" },
      { kind: "paragraph", text: "Each bar runs from an action's start to its due date; ◆ marks a milestone; red bars are overdue.", note: true },
      { kind: "table", header: ["Action", ...ps.map((p) => p.label)], widths: [Math.max(4, ps.length / 2), ...ps.map(() => 1)], fontSize: 7, rows: timelineRows(plan.actions, plan.timeline.months) },
    );
  }
  if (reviews.length > 1) {
    blocks.push({ kind: "heading", text: "Progress across reviews" }, {
      kind: "table", header: ["Review", "Practices rated", "In place (mean)", "Working (mean)"], widths: [5, 2, 2, 2],
      rows: reviews.map((r) => [`${r.number}. ${r.name}`, String(r.rated), scoreCell(r.mean_in_place), scoreCell(r.mean_working)]),
    });
  }
  blocks.push({ kind: "heading", text: "Practices in scope" }, { kind: "paragraph", text: s.practices.map((p) => `${p} ${nameOf.practice(p)}`).join(" · "), note: true });
  return { title: `National action plan: ${s.name}`, subtitle: `${countryName(s.country)} · review ${s.review.number}, ${s.review.name}`, marking: s.marking as DocModel["marking"], generatedOn, blocks };
}
