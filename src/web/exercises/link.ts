/**
 * The label of the workspace page's link to its exercises. The workspace page does not load the
 * exercise strings, so its one exercise string lives here (locale/locale.test.ts checks that it
 * matches `library.open` in locale/{en,fr,ar}.ts).
 */
export const exercisesLinkLabels: Record<string, string> = {
  en: "Exercises for this workspace",
  fr: "Exercices de cet espace de travail",
  ar: "تمارين مساحة العمل هذه",
};
export const exercisesLinkLabel = (language: string) => exercisesLinkLabels[language] ?? exercisesLinkLabels.en;
