import type { ExercisesKey } from "./en.js";

export const exercisesFr: Record<ExercisesKey, string> = {
  "rating.P": "Réalisé sans difficulté", "rating.S": "Réalisé avec quelques difficultés", "rating.M": "Réalisé avec des difficultés majeures", "rating.U": "Impossible à réaliser",
  "level.strong": "solide", "level.mixed": "mitigé", "level.weak": "faible", "level.not exercised": "non exercée",
  "alignment.aligned": "conforme", "alignment.partial": "en partie conforme", "alignment.misaligned": "non conforme",
  "why.decision": "« {{prompt}} » : {{share}} des réponses ont choisi une option conforme ; l'option retenue par la salle est $t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "« {{prompt}} » : {{share}} des réponses ont choisi une option conforme ; aucune option ne l'a emporté",
  "why.evaluator": "évaluateur : {{rating}} ($t(exercises.msg.rating.{{rating}}))",
  "why.evaluatorNote": "évaluateur : {{rating}} ($t(exercises.msg.rating.{{rating}})), « {{note}} »",
  "why.notExercised": "aucune décision portant sur cette pratique n'a été dévoilée et aucun évaluateur ne l'a notée",
  "improve.strengthen": "Renforcer {{practice}} avant le prochain exercice",
  "improve.bring": "Associer « {{actor}} » au prochain exercice",
  "improve.bringWhy": "les pratiques exercées font appel à « {{actor}} », mais aucun rôle de ce type d'organisme n'a pris part à une décision",
  "participant": "participant", "anonymous": "anonyme", "evaluator": "évaluateur",
};
