import type { TrainingKey } from "./en.js";

/** Messages of the learning paths in Spanish (draft). */
export const trainingEs: Record<TrainingKey, string> = {
  "audience.prosecutors": "Fiscales",
  "audience.judges": "Jueces",
  "audience.police": "Policía e investigadores",
  "audience.fiu": "Unidades de inteligencia financiera",
  "audience.prison-probation": "Prisiones y libertad condicional",
  "audience.border-customs": "Fronteras y aduanas",
  "audience.policy-makers": "Responsables de políticas",
  "audience.civil-society": "Sociedad civil",
  "module.nexus": "Comprender el nexo",
  "objective.manifestations": "Distinguir las seis formas en que el delito y el terrorismo se unen",
  "objective.watchpoints": "Conocer los puntos de alerta que señalan un nexo y lo que pregunta cada uno",
};
