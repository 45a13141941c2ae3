import type { ExercisesKey } from "./en.js";

export const exercisesEs: Record<ExercisesKey, string> = {
  "rating.P": "Realizado sin dificultades", "rating.S": "Realizado con algunas dificultades", "rating.M": "Realizado con grandes dificultades", "rating.U": "No se pudo realizar",
  "level.strong": "sólido", "level.mixed": "desigual", "level.weak": "débil", "level.not exercised": "no ejercitada",
  "alignment.aligned": "alineada", "alignment.partial": "parcialmente alineada", "alignment.misaligned": "no alineada",
  "why.decision": "«{{prompt}}»: el {{share}} de las respuestas eligió una opción alineada; la opción elegida por la sala está $t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "«{{prompt}}»: el {{share}} de las respuestas eligió una opción alineada; ninguna opción se impuso",
  "why.evaluator": "evaluador: {{rating}} ($t(exercises.msg.rating.{{rating}}))",
  "why.evaluatorNote": "evaluador: {{rating}} ($t(exercises.msg.rating.{{rating}})), «{{note}}»",
  "why.notExercised": "no se reveló ninguna decisión que pusiera a prueba esta práctica y ningún evaluador la calificó",
  "improve.strengthen": "Reforzar {{practice}} antes del próximo ejercicio",
  "improve.bring": "Incorporar «{{actor}}» al próximo ejercicio",
  "improve.bringWhy": "las prácticas ejercitadas requieren «{{actor}}», pero ningún rol de ese tipo de organismo participó en una decisión",
  "participant": "participante", "anonymous": "anónimo", "evaluator": "evaluador",
};
