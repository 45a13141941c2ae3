/**
 * Synthetic sample documents in the six languages, for the tests, the benchmark and for looking
 * at the pages (decision 0023): an after-action report with a heading, an answer that quotes a
 * resolution and a Latin name in the middle of the line, a note, a list and a table.
 */
import type { Block, DocLanguage, DocModel } from "./model.js";

export interface SampleTexts {
  title: string; subtitle: string; heading: string;
  /** One line that mixes the language with "UNSCR 2195" and "John Smith". */
  answer: string;
  note: string; bullets: [string, string]; header: [string, string, string]; row: [string, string, string];
}

export const sampleTexts: Record<DocLanguage, SampleTexts> = {
  en: {
    title: "After-action report: border cooperation exercise", subtitle: "Draft for the evaluators", heading: "Hot-wash answers",
    answer: "The team confirmed that the exchange with the financial intelligence unit was three days late, as John Smith noted when citing UNSCR 2195.",
    note: "Answers are quoted as the participants gave them.", bullets: ["Coordinate the border agencies", "Share financial intelligence"],
    header: ["Action", "Lead", "Due"], row: ["Review the inspection procedures", "Ministry of Interior", "2027-03"],
  },
  fr: {
    title: "Rapport après action : exercice de coopération aux frontières", subtitle: "Projet pour les évaluateurs", heading: "Réponses du débriefing à chaud",
    answer: "L’équipe a confirmé que l’échange avec la cellule de renseignement financier a pris trois jours de retard, comme l’a relevé John Smith en citant la résolution UNSCR 2195.",
    note: "Les réponses sont citées telles que les participants les ont données.", bullets: ["Coordonner les services frontaliers", "Partager le renseignement financier"],
    header: ["Mesure", "Responsable", "Échéance"], row: ["Réviser les procédures de contrôle", "Ministère de l’Intérieur", "2027-03"],
  },
  es: {
    title: "Informe posterior a la acción: ejercicio de cooperación fronteriza", subtitle: "Borrador para los evaluadores", heading: "Respuestas de la evaluación en caliente",
    answer: "El equipo confirmó que el intercambio con la unidad de inteligencia financiera se retrasó tres días, como señaló John Smith al citar la resolución UNSCR 2195.",
    note: "Las respuestas se citan tal como las dieron los participantes.", bullets: ["Coordinar los servicios fronterizos", "Compartir inteligencia financiera"],
    header: ["Medida", "Responsable", "Plazo"], row: ["Revisar los procedimientos de control", "Ministerio del Interior", "2027-03"],
  },
  ru: {
    title: "Отчёт по итогам учения: пограничное сотрудничество", subtitle: "Проект для оценщиков", heading: "Ответы на разборе",
    answer: "Группа подтвердила, что обмен с подразделением финансовой разведки задержался на три дня, как отметил John Smith со ссылкой на UNSCR 2195.",
    note: "Ответы приводятся так, как их дали участники.", bullets: ["Координация пограничных служб", "Обмен финансовой информацией"],
    header: ["Мера", "Ответственный", "Срок"], row: ["Пересмотр порядка досмотра", "Министерство внутренних дел", "2027-03"],
  },
  ar: {
    title: "تقرير ما بعد العمل: تمرين التعاون على الحدود", subtitle: "مسودة للمقيمين", heading: "إجابات جلسة التقييم الفوري",
    answer: "أكد الفريق أن تبادل المعلومات مع وحدة الاستخبارات المالية تأخر ثلاثة أيام، كما ذكر John Smith مستشهدا بالقرار UNSCR 2195 في الاجتماع.",
    note: "الإجابات منقولة كما قدمها المشاركون.", bullets: ["تنسيق أجهزة الحدود", "تبادل المعلومات المالية"],
    header: ["الإجراء", "الجهة المسؤولة", "الموعد"], row: ["مراجعة إجراءات التفتيش", "وزارة الداخلية", "2027-03"],
  },
  zh: {
    title: "行动后报告：边境合作演练", subtitle: "供评估人员审阅的草稿", heading: "即时复盘答复",
    answer: "小组确认，与金融情报机构的信息交换延迟了三天，John Smith 在会上引用 UNSCR 2195 时指出了这一点。",
    note: "答复按参与者的原话引用。", bullets: ["协调边境机构", "共享金融情报"],
    header: ["行动", "负责单位", "期限"], row: ["审查检查程序", "内政部", "2027-03"],
  },
};

/** A sample document in `lang`; `sections` repeats the body (about 4 sections a page). */
export function sampleDoc(lang: DocLanguage, sections = 1): DocModel {
  const t = sampleTexts[lang];
  const section = (i: number): Block[] => [
    { kind: "heading", text: sections > 1 ? `${t.heading} ${i + 1}` : t.heading },
    { kind: "paragraph", text: t.answer },
    { kind: "paragraph", text: t.note, note: true },
    { kind: "bullets", items: t.bullets },
    { kind: "table", header: t.header, widths: [4, 3, 1], rows: [t.row, [t.row[0], t.row[1], { text: t.row[2], fill: "#FB6A4A", colour: "#FFFFFF", align: "center" }]] },
  ];
  return {
    language: lang, title: t.title, subtitle: t.subtitle, marking: "AMBER", generatedOn: "2026-10-05",
    blocks: Array.from({ length: sections }, (_, i) => section(i)).flat(),
  };
}
