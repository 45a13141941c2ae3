/**
 * The label of the workspace page's link to its training cohorts. The workspace page does not load
 * the training strings, so this one string lives here (locale/locale.test.ts checks that it matches
 * `listTitle` in each locale/cohort.<lang>.ts).
 */
export const cohortsLinkLabels: Record<string, string> = {
  en: "Training cohorts",
  fr: "Sessions de formation",
  ar: "مجموعات التدريب",
  es: "Grupos de formación",
  ru: "Учебные группы",
  zh: "培训班",
};
export const cohortsLinkLabel = (language: string) => cohortsLinkLabels[language] ?? cohortsLinkLabels.en;
