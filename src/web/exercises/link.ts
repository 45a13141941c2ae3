/**
 * The label of the workspace page's link to its exercises. The workspace page does not load the
 * exercise strings, so its one exercise string lives here (locale/locale.test.ts checks that it
 * matches `library.open` in each locale/<lang>.ts).
 */
export const exercisesLinkLabels: Record<string, string> = {
  en: "Exercises for this workspace",
  fr: "Exercices de cet espace de travail",
  ar: "تمارين مساحة العمل هذه",
  es: "Ejercicios de este espacio de trabajo",
  ru: "Учения этого рабочего пространства",
  zh: "本工作区的演练",
};
export const exercisesLinkLabel = (language: string) => exercisesLinkLabels[language] ?? exercisesLinkLabels.en;
