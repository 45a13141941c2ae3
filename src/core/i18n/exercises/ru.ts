import type { ExercisesKey } from "./en.js";

export const exercisesRu: Record<ExercisesKey, string> = {
  "rating.P": "Выполнено без затруднений", "rating.S": "Выполнено с некоторыми затруднениями", "rating.M": "Выполнено с серьёзными затруднениями", "rating.U": "Выполнить не удалось",
  "level.strong": "высокий", "level.mixed": "неоднородный", "level.weak": "низкий", "level.not exercised": "не отработана",
  "alignment.aligned": "соответствует", "alignment.partial": "соответствует частично", "alignment.misaligned": "не соответствует",
  "why.decision": "«{{prompt}}»: {{share}} ответов выбрали соответствующий вариант; вариант, выбранный залом, — $t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "«{{prompt}}»: {{share}} ответов выбрали соответствующий вариант; ни один вариант не победил",
  "why.evaluator": "оценщик: {{rating}} ($t(exercises.msg.rating.{{rating}}))",
  "why.evaluatorNote": "оценщик: {{rating}} ($t(exercises.msg.rating.{{rating}})), «{{note}}»",
  "why.notExercised": "ни одно решение, проверяющее эту практику, не было раскрыто, и ни один оценщик её не оценил",
  "improve.strengthen": "Укрепить {{practice}} до следующего учения",
  "improve.bring": "Привлечь «{{actor}}» к следующему учению",
  "improve.bringWhy": "отработанные практики предполагают участие «{{actor}}», но ни одна роль такого ведомства не участвовала в решении",
  "participant": "участник", "anonymous": "аноним", "evaluator": "оценщик",
};
