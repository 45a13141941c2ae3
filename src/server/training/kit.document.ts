/**
 * The trainer kit's files (docs/decisions/0040): the agenda with the facilitator notes and the
 * participant handout as generic documents (PDF and DOCX through src/server/documents), and the
 * slides as PPTX written by pptxgenjs. Everything in the reader's language: fixed words from the
 * `training.msg.kit.*` messages, texts from the knowledge base in that language; Arabic right to
 * left. The knowledge base is public, so every file is TLP:CLEAR.
 */
import pptxgen from "pptxgenjs";
import { translator, type Translate } from "../../core/i18n/catalogues.js";
import { msg } from "../../core/i18n/messages.js";
import { practiceRef } from "../../core/i18n/practices.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { Audience } from "../../core/training/audiences.js";
import { trainerKit, type KitQuestion, type TrainerKit } from "../../core/training/kit.js";
import type { LearningModule } from "../../core/training/paths.js";
import { renderDocumentDocx } from "../documents/docx.js";
import { ARABIC, CHINESE, LATIN } from "../documents/fonts.js";
import { tlpText, type Block, type DocLanguage, type DocModel } from "../documents/model.js";
import { renderDocumentPdf } from "../documents/pdf.js";
import { publicBase } from "../exercises/sessions.service.js";
import { contentTypes } from "../http/attachment.js";

// pptxgenjs ships ES-module types in a package typed as CommonJS: at run time the default import is the class itself.
type Pptx = typeof import("pptxgenjs").default;
type TextProps = import("pptxgenjs").default.TextProps;
type TableProps = import("pptxgenjs").default.TableProps;
const PptxGenJS = ((pptxgen as unknown as { default?: Pptx }).default ?? pptxgen) as unknown as Pptx;

export const kitFiles = ["agenda.pdf", "agenda.docx", "handout.pdf", "handout.docx", "slides.pptx"] as const;
export type KitFile = (typeof kitFiles)[number];
export const PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

const MARKING = "CLEAR" as const;
const clock = (min: number) => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, "0")}`;
const text = (s: string) => msg("common.msg.text", { text: s });

/** The agenda and the facilitator notes, answer key included: for the facilitator only. */
export function agendaDoc(kit: TrainerKit, lang: DocLanguage, generatedOn: string, audienceName: string): DocModel {
  const t = translator(lang);
  const module = t(kit.module.title);
  const blocks: Block[] = [
    { kind: "paragraph", text: t("training.msg.kit.notesNote"), note: true },
    { kind: "heading", text: t("training.msg.kit.h.agenda") },
    {
      kind: "table", header: [t("training.msg.kit.col.time"), t("training.msg.kit.col.minutes"), t("training.msg.kit.col.activity")], widths: [1.3, 1, 6], fontSize: 9,
      rows: kit.agenda.map((b) => [`${clock(b.start)}–${clock(b.start + b.minutes)}`, String(b.minutes), [t(b.title), ...(b.kind === "reading" ? [] : b.detail.map((d) => t(d)))].join(" · ")]),
    },
    { kind: "paragraph", text: t("training.msg.kit.total", { minutes: kit.total }) },
    { kind: "heading", text: t("training.msg.kit.h.objectives") },
    { kind: "bullets", items: kit.objectives.map((o) => t(o)) },
    { kind: "heading", text: t("training.msg.kit.h.notes") },
  ];
  kit.notes.forEach((n, i) => {
    blocks.push({ kind: "subheading", text: t("training.msg.kit.h.objective", { n: i + 1, objective: n.objective }) });
    if (n.summary) blocks.push({ kind: "paragraph", text: n.summary });
    blocks.push({ kind: "paragraph", text: t("training.msg.kit.keyPoints"), note: true });
    blocks.push({ kind: "bullets", items: n.points.flatMap((p) => [p.text, ...p.sub.map((s) => `– ${s}`)]) });
    if (n.actors.length) blocks.push({ kind: "paragraph", text: t("training.msg.kit.who", { items: n.actors.map(text) }), note: true });
    if (n.href) blocks.push({ kind: "paragraph", text: t("training.msg.kit.readMore", { href: n.href }), note: true });
  });
  blocks.push(...caseBlocks(kit, t));
  const c = kit.caseStudy;
  if (c?.exercise) {
    blocks.push({ kind: "heading", text: t("training.msg.kit.h.exercise") }, { kind: "paragraph", text: t("training.msg.kit.exercise.intro") }, { kind: "paragraph", text: c.exercise.link });
    if (c.objectives.length) blocks.push({ kind: "subheading", text: t("training.msg.kit.exercise.trains") }, { kind: "bullets", items: c.objectives });
    if (c.debrief.length) blocks.push({ kind: "subheading", text: t("training.msg.kit.exercise.debrief") }, { kind: "bullets", items: c.debrief });
  }
  if (kit.questions.length) {
    blocks.push({ kind: "heading", text: t("training.msg.kit.h.answers") });
    for (const q of kit.questions) {
      blocks.push({ kind: "subheading", text: t("training.msg.kit.question", { n: q.n }) });
      if (q.case) blocks.push({ kind: "paragraph", text: q.case, note: true });
      blocks.push({ kind: "paragraph", text: q.stem }, { kind: "bullets", items: q.options.map((o) => `${o.label}. ${o.text}`) });
      blocks.push({ kind: "paragraph", text: t("training.msg.kit.answer", { answer: answerText(q) }) }, { kind: "paragraph", text: q.explanation, note: true });
      blocks.push({ kind: "paragraph", text: t("training.msg.kit.readMore", { href: q.href }), note: true });
    }
  }
  return { language: lang, title: t("training.msg.kit.agendaTitle", { module }), subtitle: t("training.msg.kit.docSubtitle", { audience: audienceName, minutes: kit.total }), marking: MARKING, generatedOn, blocks };
}

/** The participant handout: objectives, what the module reads with links, the case study and its questions; no answer. */
export function handoutDoc(kit: TrainerKit, lang: DocLanguage, generatedOn: string, audienceName: string): DocModel {
  const t = translator(lang);
  const blocks: Block[] = [
    { kind: "paragraph", text: t("training.msg.kit.handoutNote"), note: true },
    { kind: "heading", text: t("training.msg.kit.h.objectives") },
    { kind: "bullets", items: kit.objectives.map((o) => t(o)) },
    { kind: "heading", text: t("training.msg.kit.h.reading") },
  ];
  for (const e of kit.entries) {
    blocks.push({ kind: "subheading", text: t(e.label) }, { kind: "paragraph", text: e.summary });
    if (e.actors.length) blocks.push({ kind: "paragraph", text: t("training.msg.kit.who", { items: e.actors.map(text) }), note: true });
    blocks.push({ kind: "paragraph", text: t("training.msg.kit.readMore", { href: e.href }), note: true });
  }
  blocks.push(...caseBlocks(kit, t));
  if (kit.questions.length) blocks.push({ kind: "heading", text: t("training.msg.kit.h.check") }, { kind: "paragraph", text: t("training.msg.kit.onlineCheck") }, { kind: "paragraph", text: kit.moduleLink });
  return { language: lang, title: t("training.msg.kit.handoutTitle", { module: t(kit.module.title) }), subtitle: t("training.msg.kit.docSubtitle", { audience: audienceName, minutes: kit.total }), marking: MARKING, generatedOn, blocks };
}

function caseBlocks(kit: TrainerKit, t: Translate): Block[] {
  const c = kit.caseStudy;
  if (!c) return [];
  const out: Block[] = [{ kind: "heading", text: t("training.msg.kit.h.case") }, { kind: "subheading", text: c.title }, { kind: "paragraph", text: c.summary }];
  if (c.region) out.push({ kind: "paragraph", text: t("training.msg.kit.region", { region: c.region }), note: true });
  if (c.roles.length) out.push({ kind: "table", header: [t("training.msg.kit.col.role"), t("training.msg.kit.col.agency")], widths: [3, 2], fontSize: 9, rows: c.roles.map((r) => [r.name, r.agency]) });
  out.push({ kind: "subheading", text: t("training.msg.kit.h.prompts") }, { kind: "bullets", items: c.prompts.map((p) => t(p)) });
  return out;
}

const answerText = (q: KitQuestion) => q.answer.join(q.type === "ordering" ? " → " : ", ");

// ---- Slides ----------------------------------------------------------------------------------

const W = 13.333;
const MARGIN = 0.5;
const BODY = { x: MARGIN, y: 1.35, w: W - 2 * MARGIN, h: 5.55 };
const fontFor = (lang: DocLanguage) => (lang === "ar" ? ARABIC : lang === "zh" ? CHINESE : LATIN);
const langTag: Record<DocLanguage, string> = { en: "en-GB", fr: "fr-FR", es: "es-ES", ar: "ar-SA", ru: "ru-RU", zh: "zh-CN" };
/** Amiri draws small: Arabic slides are set larger (as the PDFs are, fonts.ts sizeFactor). */
const scale = (lang: DocLanguage) => (lang === "ar" ? 1.15 : 1);

/**
 * How many lines a text takes across the body at a size (points): a deliberately generous guess
 * (Noto Sans averages about half an em a character; Chinese a whole em), so that slides never
 * overflow; long lists go on to a "continued" slide instead.
 */
export function linesOf(s: string, size: number, lang: DocLanguage, width = BODY.w): number {
  const em = lang === "zh" ? 1 : lang === "ar" ? 0.45 : 0.52;
  const perLine = Math.max(10, Math.floor((width * 72) / (size * em)));
  return s.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}
/** Lines that fit in a height (inches) at a size, with the space between paragraphs. */
const capacity = (h: number, size: number) => Math.floor((h * 72) / (size * 1.4));

/** Splits items into pages that each fit `lines` lines at `size`. */
export function paginate<T>(items: T[], textOf: (x: T) => string, size: number, lang: DocLanguage, lines: number, width = BODY.w): T[][] {
  const pages: T[][] = [[]];
  let used = 0;
  for (const it of items) {
    const n = linesOf(textOf(it), size, lang, width);
    if (used + n > lines && pages[pages.length - 1].length) { pages.push([]); used = 0; }
    pages[pages.length - 1].push(it);
    used += n;
  }
  return pages.filter((p) => p.length);
}

/** The slides: title, agenda, objectives, the entries, the case study and its questions, the table-top exercise, the knowledge check, then its answers. */
export async function slidesPptx(kit: TrainerKit, lang: DocLanguage, audienceName: string): Promise<Buffer> {
  const t = translator(lang);
  const rtl = lang === "ar";
  const face = fontFor(lang);
  const k = scale(lang);
  const size = { title: Math.round(28 * k), body: Math.round(18 * k), small: Math.round(14 * k) };
  const module = t(kit.module.title);
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.rtlMode = rtl;
  pptx.title = module;
  pptx.subject = t("training.msg.kit.slidesSubtitle", { audience: audienceName });
  pptx.company = "Nexus Toolkit";
  pptx.theme = { headFontFace: face, bodyFontFace: face };
  const align = rtl ? "right" : "left";
  /** Each paragraph says its direction (pptxgenjs takes it from the runs of a list of runs). */
  const dir = { rtlMode: rtl, align } as const;
  /** A text with no Arabic letter in an Arabic deck (a question not translated yet, a link) runs left to right. */
  const dirOf = (s: string) => (rtl && !/[\u0600-\u06FF]/.test(s) ? ({ rtlMode: false, align: "left" } as const) : dir);
  const para = (text: string, options: TextProps["options"] = {}): TextProps => ({ text, options: { ...dirOf(text), ...options } });
  const base = { fontFace: face, color: "1F2933", rtlMode: rtl, align, lang: langTag[lang], valign: "top" } as const;

  pptx.defineSlideMaster({
    title: "KIT",
    background: { color: "FFFFFF" },
    objects: [
      { rect: { x: 0, y: 0, w: W, h: 0.12, fill: { color: "1D4E89" } } },
      { text: { text: tlpText(MARKING), options: { x: rtl ? MARGIN : W - MARGIN - 1.6, y: 0.22, w: 1.6, h: 0.34, fontFace: LATIN, fontSize: 11, bold: true, color: "FFFFFF", fill: { color: "000000" }, align: "center", valign: "middle" } } },
      { text: { text: module, options: { x: MARGIN, y: 7.02, w: W - 2 * MARGIN - 1, h: 0.3, fontFace: face, fontSize: 10, color: "6B7280", align, rtlMode: rtl } } },
    ],
    slideNumber: { x: rtl ? MARGIN : W - MARGIN - 0.6, y: 7.02, w: 0.6, h: 0.3, fontFace: LATIN, fontSize: 10, color: "6B7280" },
  });

  const slide = (title: string, notes?: string) => {
    const s = pptx.addSlide({ masterName: "KIT" });
    s.addText(title, { ...base, x: MARGIN, y: 0.62, w: BODY.w, h: 0.7, fontSize: size.title, bold: true, color: "1D4E89", valign: "middle", fit: "shrink" });
    if (notes) s.addNotes(notes);
    return s;
  };
  const bodyLines = capacity(BODY.h, size.body);
  /** A list of items over as many slides as it needs, the later ones titled "(continued)". */
  const listSlides = (title: string, items: string[], o: { numbered?: boolean; notes?: string; intro?: string } = {}) => {
    const introLines = o.intro ? linesOf(o.intro, size.body, lang) + 1 : 0;
    const pages = paginate(items.map((x, n) => ({ x, n })), (e) => e.x, size.body, lang, bodyLines - introLines);
    pages.forEach((page, i) => {
      const s = slide(i ? t("training.msg.kit.continued", { title }) : title, o.notes);
      const runs: TextProps[] = [];
      if (o.intro && !i) runs.push(para(o.intro, { breakLine: true, paraSpaceAfter: 10 }));
      page.forEach(({ x, n }) => runs.push(para(x, { bullet: o.numbered ? { type: "number", numberStartAt: n + 1 } : { indent: 18 }, breakLine: true, paraSpaceAfter: 6 })));
      s.addText(runs, { ...base, ...BODY, fontSize: size.body });
    });
  };

  // Title
  const first = pptx.addSlide({ masterName: "KIT" });
  first.addText(module, { ...base, x: MARGIN, y: 2.2, w: BODY.w, h: 1.4, fontSize: Math.round(40 * k), bold: true, color: "1D4E89", valign: "bottom", fit: "shrink" });
  first.addText(t("training.msg.kit.slidesSubtitle", { audience: audienceName }), { ...base, x: MARGIN, y: 3.8, w: BODY.w, h: 0.6, fontSize: Math.round(22 * k) });
  first.addText(t("training.msg.kit.total", { minutes: kit.total }), { ...base, x: MARGIN, y: 4.5, w: BODY.w, h: 0.5, fontSize: size.small, color: "6B7280" });

  // Agenda
  const agenda = slide(t("training.msg.kit.h.agenda"));
  const head = (s: string) => para(s, { bold: true, color: "FFFFFF", fill: { color: "1D4E89" } });
  const order = <T,>(cells: T[]) => (rtl ? [...cells].reverse() : cells);
  const agendaRows = kit.agenda.map((b) => order([`${clock(b.start)}–${clock(b.start + b.minutes)}`, String(b.minutes), t(b.title)]).map((c) => ({ text: c })));
  const agendaSize = kit.agenda.length > 9 ? size.small : Math.round(16 * k);
  agenda.addTable([order([t("training.msg.kit.col.time"), t("training.msg.kit.col.minutes"), t("training.msg.kit.col.activity")]).map(head), ...agendaRows], {
    ...BODY, h: undefined, colW: order([1.8, 1.4, BODY.w - 3.2]), fontFace: face, fontSize: agendaSize, color: "1F2933", align, border: { type: "solid", pt: 0.5, color: "CBD2D9" }, rtlMode: rtl, valign: "middle",
  } as TableProps);

  listSlides(t("training.msg.kit.h.objectives"), kit.objectives.map((o) => t(o)));

  // The entries: a practice gets its summary, then its steps (sub-points in the speaker notes); the nexus module's manifestations one each, the watch points as a list.
  for (const e of kit.entries.filter((x) => x.kind !== "watchpoint")) {
    const label = t(e.label);
    const notes = e.kind === "practice"
      ? [e.summary, ...e.steps.flatMap((s) => [`${s.number}. ${s.text}`, ...s.points.map((p) => `– ${p}`)]), t("training.msg.kit.who", { items: e.actors.map(text) }), t("training.msg.kit.readMore", { href: e.href })].join("\n")
      : [e.summary, ...e.characteristics.map((p) => `– ${p}`), t("training.msg.kit.readMore", { href: e.href })].join("\n");
    const s = slide(label, notes);
    const summarySize = linesOf(e.summary, size.body, lang) > bodyLines - 2 ? size.small : size.body;
    s.addText([para(e.summary, { breakLine: true, paraSpaceAfter: 12 }), para(t("training.msg.kit.readMore", { href: e.href }), { fontSize: size.small, color: "1D4E89" })], { ...base, ...BODY, fontSize: summarySize });
    if (e.kind === "practice") listSlides(t("training.msg.kit.steps", { label: t(practiceRef(e.id)) }), e.steps.map((x) => x.text), { numbered: true, notes });
  }
  const watch = kit.entries.filter((x) => x.kind === "watchpoint");
  if (watch.length) listSlides(t("training.msg.kit.block.watchpoints"), watch.map((w) => `${t(w.label)}: ${w.summary}`));

  // Case study, its questions, the table-top exercise
  const c = kit.caseStudy;
  if (c) {
    const s = slide(t("training.msg.kit.block.case", { title: c.title }));
    const caseSize = linesOf(c.summary, size.body, lang) > bodyLines - 2 ? size.small : size.body;
    s.addText([para(c.summary, { breakLine: true, paraSpaceAfter: 12 }), ...(c.region ? [para(t("training.msg.kit.region", { region: c.region }), { fontSize: size.small, color: "6B7280" })] : [])], { ...base, ...BODY, fontSize: caseSize });
    listSlides(t("training.msg.kit.h.prompts"), c.prompts.map((p) => t(p)), { numbered: true });
    if (c.exercise) {
      const link = c.exercise.link;
      const ex = slide(t("training.msg.kit.block.exercise", { title: c.title }), c.debrief.length ? [t("training.msg.kit.exercise.debrief"), ...c.debrief.map((q) => `– ${q}`)].join("\n") : undefined);
      ex.addText([
        para(t("training.msg.kit.exercise.intro"), { breakLine: true, paraSpaceAfter: 8 }),
        para(link, { breakLine: true, color: "1D4E89", underline: { style: "sng" }, ...(/^https?:\/\//.test(link) ? { hyperlink: { url: link } } : {}), paraSpaceAfter: 14 }),
        ...c.roles.slice(0, 8).map((r) => para(`${r.name} — ${r.agency}`, { bullet: { indent: 18 }, breakLine: true, fontSize: size.small })),
      ], { ...base, ...BODY, fontSize: size.body });
      if (c.objectives.length) listSlides(t("training.msg.kit.exercise.trains"), c.objectives);
    }
  }

  // The knowledge check: one slide a question, no mark of the answer; the answers after them all.
  for (const q of kit.questions) {
    const how = t(`training.msg.kit.how.${q.type}`);
    const parts = [q.case ?? "", q.stem, how, ...q.options.map((o) => `${o.label}. ${o.text}`)];
    let qs = size.body;
    while (qs > 11 && parts.reduce((n, p) => n + (p ? linesOf(p, qs, lang) : 0), 0) + 2 > capacity(BODY.h, qs)) qs -= 1;
    const s = slide(`${t("training.msg.kit.h.check")} · ${t("training.msg.kit.question", { n: q.n })}`);
    s.addText([
      ...(q.case ? [para(q.case, { italic: true, breakLine: true, paraSpaceAfter: 8, color: "3E4C59" })] : []),
      para(q.stem, { bold: true, breakLine: true, paraSpaceAfter: 4 }),
      para(how, { breakLine: true, fontSize: Math.max(10, qs - 4), color: "6B7280", paraSpaceAfter: 8 }),
      ...q.options.map((o) => para(`${o.label}. ${o.text}`, { breakLine: true, paraSpaceAfter: 6 })),
    ], { ...base, ...BODY, fontSize: qs });
  }
  if (kit.questions.length) {
    const small = size.small;
    const items = kit.questions.map((q) => ({ q, text: `${t("training.msg.kit.question", { n: q.n })} — ${t("training.msg.kit.answer", { answer: answerText(q) })}\n${q.explanation}` }));
    const pages = paginate(items, (x) => x.text, small, lang, capacity(BODY.h, small) - 1);
    pages.forEach((page, i) => {
      const title = t("training.msg.kit.h.answers");
      const s = slide(i ? t("training.msg.kit.continued", { title }) : title, page.map((x) => `${t("training.msg.kit.readMore", { href: x.q.href })}`).join("\n"));
      s.addText(page.flatMap(({ q }) => [
        para(`${t("training.msg.kit.question", { n: q.n })} — ${t("training.msg.kit.answer", { answer: answerText(q) })}`, { bold: true, breakLine: true }),
        para(q.explanation, { breakLine: true, paraSpaceAfter: 10, color: "3E4C59" }),
      ]), { ...base, ...BODY, fontSize: small });
    });
  }

  return Buffer.from((await pptx.write({ outputType: "nodebuffer" })) as Uint8Array);
}

/** One file of the kit, rendered. */
export async function kitFile(kit: TrainerKit, file: KitFile, lang: DocLanguage, audienceName: string, generatedOn = new Date().toISOString().slice(0, 10)) {
  const [name, ext] = file.split(".") as ["agenda" | "handout" | "slides", "pdf" | "docx" | "pptx"];
  const filename = `${kit.audience}-${kit.module.id}-${file}`;
  if (ext === "pptx") return { body: await slidesPptx(kit, lang, audienceName), contentType: PPTX_TYPE, filename };
  const doc = name === "agenda" ? agendaDoc(kit, lang, generatedOn, audienceName) : handoutDoc(kit, lang, generatedOn, audienceName);
  return { body: ext === "pdf" ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc), contentType: contentTypes[ext], filename };
}

/** A file of the trainer kit of an audience's module, in the reader's language, its links absolute when PUBLIC_URL is set. */
export async function trainerKitFile(source: { audience: Audience; module: LearningModule; kb: KnowledgeBase }, file: KitFile, lang: DocLanguage) {
  const kit = trainerKit(source.kb, source.audience, source.module, { base: publicBase() ?? "" });
  return kitFile(kit, file, lang, translator(lang)(`training.msg.audience.${source.audience}`));
}
