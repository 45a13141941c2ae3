import type { TrainingKey } from "./en.js";

/** Messages of the learning paths in French (draft). */
export const trainingFr: Record<TrainingKey, string> = {
  "audience.prosecutors": "Procureurs",
  "audience.judges": "Juges",
  "audience.police": "Police et enquêteurs",
  "audience.fiu": "Cellules de renseignement financier",
  "audience.prison-probation": "Administration pénitentiaire et probation",
  "audience.border-customs": "Frontières et douanes",
  "audience.policy-makers": "Décideurs politiques",
  "audience.civil-society": "Société civile",
  "module.nexus": "Comprendre le lien",
  "objective.manifestations": "Distinguer les six façons dont la criminalité et le terrorisme se rejoignent",
  "objective.watchpoints": "Connaître les points de vigilance qui signalent un lien et ce que chacun demande",
};
