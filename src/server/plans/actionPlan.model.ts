/**
 * The national action plan as a document: a summary, the heatmap, the gaps, the actions by
 * owner and a timeline, built from the assessment summary and the stored actions, in the
 * reader's language (decision 0025): every heading and word from the message catalogues, the
 * practices and areas from the knowledge base in that language, dates and numbers with Intl.
 * Fit to hand to a minister or parliament; the renderers add the TLP label to every page.
 * Pure: the caller passes the date.
 */
import { translator, type Translate } from "../../core/i18n/catalogues.js";
import { countryIn, formatDate, formatMonth, formatNumber, type Lang } from "../../core/i18n/format.js";
import { msg } from "../../core/i18n/messages.js";
import { practiceRef, practiceTitled } from "../../core/i18n/practices.js";
import { inPlaceMsg, workingMsg } from "../../core/plans/ratings.js";
import type { Block, DocCell, DocModel } from "../documents/model.js";
import type { Action } from "./actions.service.js";
import type { PlansService } from "./plans.service.js";

type Summary = Awaited<ReturnType<PlansService["summary"]>>;
type Plan = Awaited<ReturnType<import("./actions.service.js").ActionsService["list"]>>;
type Review = { number: number; name: string; mean_in_place: number | null; mean_working: number | null; rated: number };

/** 0 (nothing) … 3 (fully), light enough for black text. */
const SCALE = ["#F4A6A6", "#FAD7A0", "#D5E8B0", "#9CCB86"];
const scoreCell = (t: Translate, lang: string, v: number | null): DocCell =>
  (v === null ? { text: t("plans.msg.notRated"), colour: "#555555", align: "center" } : { text: formatNumber(lang, v, { min: 2 }), fill: SCALE[Math.min(3, Math.round(v))], align: "center" });
const BAR = "#4A78B5";
const LATE = "#D9534F";

/** The country's name in a language (English by default). */
export const countryName = (code: string, lang = "en") => countryIn(lang, code);

/** Timeline periods: months up to a year, then quarters up to three years, then years. */
export function periods(months: string[], lang = "en"): { label: string; from: string; to: string }[] {
  const size = months.length <= 12 ? 1 : months.length <= 36 ? 3 : 12;
  const t = translator(lang);
  const out: { label: string; from: string; to: string }[] = [];
  for (const m of months) {
    const [y, mo] = m.split("-").map(Number);
    const key = size === 1 ? formatMonth(lang, m) : size === 3 ? t("docs.msg.quarter", { year: String(y), q: String(Math.ceil(mo / 3)) }) : String(y);
    const last = out[out.length - 1];
    if (last?.label === key) last.to = m;
    else out.push({ label: key, from: m, to: m });
  }
  return out;
}

export function timelineRows(actions: Action[], months: string[], lang = "en"): DocCell[][] {
  const ps = periods(months, lang);
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

export interface PlanNames { practice: (id: string) => string; area: (id: string) => string; framework: (id: string) => string; actor: (id: string) => string }

export function buildActionPlanDoc(s: Summary, plan: Plan, reviews: Review[], nameOf: PlanNames, generatedOn: string, lang: Lang = "en"): DocModel {
  const t = translator(lang);
  const g = s.gaps;
  const date = (d: string | null) => (d ? formatDate(lang, d, "short") : "—");
  const country = countryName(s.country, lang);
  const rated = g.rows.filter((r) => r.inPlace || r.working).length;
  const owners = new Set(plan.actions.map((a) => a.owner_unit ?? ""));
  const titled = (id: string) => t(practiceTitled(id, nameOf.practice(id)));
  const blocks: Block[] = [
    { kind: "heading", text: t("docs.msg.h.summary") },
    {
      kind: "paragraph",
      text: t("docs.msg.plan.summary", {
        country, rated, total: s.practices.length, number: s.review.number, review: s.review.name, gaps: g.priorities.length, actions: plan.progress.total,
        owners: [...owners].filter(Boolean).length, span: plan.timeline.from ? msg("docs.msg.plan.span", { from: formatMonth(lang, plan.timeline.from), to: formatMonth(lang, plan.timeline.to!) }) : "",
        done: plan.progress.done, overdue: plan.progress.overdue,
      }),
    },
    { kind: "paragraph", text: t(g.statement), note: true },
  ];
  if (s.leading_manifestations.length) blocks.push({ kind: "paragraph", text: t("docs.msg.plan.leading", { items: s.leading_manifestations.map((m) => msg(`watch.msg.hypothesis.${m}`)) }), note: true });
  if (s.disagreements.length) blocks.push({ kind: "paragraph", text: t("docs.msg.plan.disagreements", { count: s.disagreements.length, items: s.disagreements.map((d) => practiceRef(d.practice)) }), note: true });

  blocks.push(
    { kind: "heading", text: t("docs.msg.plan.h.stands") },
    { kind: "paragraph", text: t("docs.msg.plan.scaleNote"), note: true },
    {
      kind: "table", header: [t("docs.msg.col.framework"), t("docs.msg.col.area"), t("docs.msg.col.assessed"), t("docs.msg.col.inPlace"), t("docs.msg.col.working")], widths: [3, 6, 2, 2, 2],
      rows: g.heatmap.map((c) => [nameOf.framework(c.framework), nameOf.area(c.area), t("docs.msg.ofTotal", { n: c.assessed, total: c.total }), scoreCell(t, lang, c.meanInPlace), scoreCell(t, lang, c.meanWorking)]),
    },
    { kind: "heading", text: t("docs.msg.plan.h.gaps") },
    g.priorities.length
      ? {
        kind: "table", header: [t("docs.msg.col.practice"), t("docs.msg.col.inPlace"), t("docs.msg.col.working"), t("docs.msg.col.whyMatters")], widths: [5, 2, 2, 6], fontSize: 8,
        rows: g.priorities.map((r) => [titled(r.practice), t(inPlaceMsg(r.inPlace)), t(workingMsg(r.working)), t(r.reasons)]),
      }
      : { kind: "paragraph", text: t("docs.msg.plan.noGap") },
  );
  const onPaper = g.rows.filter((r) => r.paperGap);
  if (onPaper.length) {
    blocks.push({ kind: "subheading", text: t("docs.msg.plan.h.onPaper") }, {
      kind: "bullets", items: onPaper.map((r) => t("docs.msg.plan.onPaperItem", { practice: practiceTitled(r.practice, nameOf.practice(r.practice)), inPlace: r.inPlace ?? "", working: r.working ?? "" })),
    });
  }

  blocks.push({ kind: "heading", text: t("docs.msg.plan.h.byOwner") });
  const ownerOf = (a: Action) => (a.owner ? t("docs.msg.plan.owner", { name: a.owner.name, actor: nameOf.actor(a.owner.actor) }) : t("docs.msg.plan.noOwner"));
  const byOwner = new Map<string, Action[]>();
  for (const a of plan.actions) byOwner.set(ownerOf(a), [...(byOwner.get(ownerOf(a)) ?? []), a]);
  if (!plan.actions.length) blocks.push({ kind: "paragraph", text: t("docs.msg.plan.noActions") });
  const titleOf = new Map(plan.actions.map((a) => [a.id, a.title]));
  for (const [owner, list] of byOwner) {
    blocks.push({ kind: "subheading", text: owner }, {
      kind: "table", header: [t("docs.msg.col.action"), t("docs.msg.col.practice"), t("docs.msg.col.start"), t("docs.msg.col.due"), t("docs.msg.col.status"), t("docs.msg.col.dependsOn")], widths: [6, 2, 2, 2, 2, 3], fontSize: 8,
      rows: list.map((a) => [
        a.title, a.step ? t("docs.msg.plan.step", { practice: practiceRef(a.practice), step: a.step }) : t(practiceRef(a.practice)), date(a.start), date(a.due),
        a.overdue ? { text: t("docs.msg.plan.overdue", { status: a.status }), colour: LATE, bold: true } : t(`plans.msg.actionStatus.${a.status}`),
        a.depends_on.map((d) => titleOf.get(d) ?? d).join("; ") || "—",
      ]),
    });
  }
  if (plan.timeline.months.length) {
    const ps = periods(plan.timeline.months, lang);
    blocks.push(
      { kind: "heading", text: t("docs.msg.plan.h.timeline") },
      { kind: "paragraph", text: t("docs.msg.plan.timelineNote"), note: true },
      { kind: "table", header: [t("docs.msg.col.action"), ...ps.map((p) => p.label)], widths: [Math.max(4, ps.length / 2), ...ps.map(() => 1)], fontSize: 7, rows: timelineRows(plan.actions, plan.timeline.months, lang) },
    );
  }
  if (reviews.length > 1) {
    blocks.push({ kind: "heading", text: t("docs.msg.plan.h.progress") }, {
      kind: "table", header: [t("docs.msg.col.review"), t("docs.msg.col.rated"), t("docs.msg.col.meanInPlace"), t("docs.msg.col.meanWorking")], widths: [5, 2, 2, 2],
      rows: reviews.map((r) => [`${r.number}. ${r.name}`, formatNumber(lang, r.rated), scoreCell(t, lang, r.mean_in_place), scoreCell(t, lang, r.mean_working)]),
    });
  }
  blocks.push({ kind: "heading", text: t("docs.msg.plan.h.scope") }, { kind: "paragraph", text: s.practices.map(titled).join(" · "), note: true });
  return {
    language: lang, title: t("docs.msg.plan.title", { name: s.name }), subtitle: t("docs.msg.plan.subtitle", { country, number: s.review.number, review: s.review.name }),
    marking: s.marking as DocModel["marking"], generatedOn, blocks,
  };
}
