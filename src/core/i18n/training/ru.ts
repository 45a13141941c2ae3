import type { TrainingKey } from "./en.js";

/** Messages of the learning paths in Russian (draft). */
export const trainingRu: Record<TrainingKey, string> = {
  "audience.prosecutors": "Прокуроры",
  "audience.judges": "Судьи",
  "audience.police": "Полиция и следователи",
  "audience.fiu": "Подразделения финансовой разведки",
  "audience.prison-probation": "Пенитенциарная система и пробация",
  "audience.border-customs": "Пограничная и таможенная службы",
  "audience.policy-makers": "Лица, определяющие политику",
  "audience.civil-society": "Гражданское общество",
  "module.nexus": "Понимание взаимосвязи",
  "objective.manifestations": "Различать шесть форм взаимосвязи преступности и терроризма",
  "objective.watchpoints": "Знать признаки, указывающие на взаимосвязь, и вопросы, которые ставит каждый из них",
};
