/** After-action report messages in English (decision 0025): rating words, why a practice scored as it did, improvement items. */
export const exercisesEn = {
  "rating.P": "Performed without challenges", "rating.S": "Performed with some challenges", "rating.M": "Performed with major challenges", "rating.U": "Unable to be performed",
  "level.strong": "strong", "level.mixed": "mixed", "level.weak": "weak", "level.not exercised": "not exercised",
  "alignment.aligned": "aligned", "alignment.partial": "partly aligned", "alignment.misaligned": "not aligned",
  "why.decision": "“{{prompt}}”: {{share}} of the answers chose an aligned option; the option the room chose is $t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "“{{prompt}}”: {{share}} of the answers chose an aligned option; no single option won",
  "why.evaluator": "evaluator: {{rating}} ($t(exercises.msg.rating.{{rating}}))",
  "why.evaluatorNote": "evaluator: {{rating}} ($t(exercises.msg.rating.{{rating}})), “{{note}}”",
  "why.notExercised": "no decision testing this practice was revealed and no evaluator rated it",
  "improve.strengthen": "Strengthen {{practice}} before the next exercise",
  "improve.bring": "Bring {{actor}} into the next exercise",
  "improve.bringWhy": "the practices exercised expect {{actor}}, but no role of that agency took part in a decision",
  "participant": "participant", "anonymous": "anonymous", "evaluator": "evaluator",
} satisfies Record<string, string>;
export type ExercisesKey = keyof typeof exercisesEn;
