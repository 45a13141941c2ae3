import type { ExercisesKey } from "./en.js";

export const exercisesAr: Record<ExercisesKey, string> = {
  "rating.P": "نُفِّذ دون صعوبات", "rating.S": "نُفِّذ مع بعض الصعوبات", "rating.M": "نُفِّذ مع صعوبات كبيرة", "rating.U": "تعذّر تنفيذه",
  "level.strong": "قوي", "level.mixed": "متفاوت", "level.weak": "ضعيف", "level.not exercised": "لم تُختبر",
  "alignment.aligned": "متوافق", "alignment.partial": "متوافق جزئياً", "alignment.misaligned": "غير متوافق",
  "why.decision": "«{{prompt}}»: اختار {{share}} من الإجابات خياراً متوافقاً؛ والخيار الذي اختارته القاعة $t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "«{{prompt}}»: اختار {{share}} من الإجابات خياراً متوافقاً؛ ولم يفز أي خيار بمفرده",
  "why.evaluator": "المقيِّم: {{rating}} ($t(exercises.msg.rating.{{rating}}))",
  "why.evaluatorNote": "المقيِّم: {{rating}} ($t(exercises.msg.rating.{{rating}}))، «{{note}}»",
  "why.notExercised": "لم يُكشف عن أي قرار يختبر هذه الممارسة ولم يقيّمها أي مقيِّم",
  "improve.strengthen": "تعزيز {{practice}} قبل التمرين القادم",
  "improve.bring": "إشراك «{{actor}}» في التمرين القادم",
  "improve.bringWhy": "الممارسات التي اختُبرت تستدعي «{{actor}}»، لكن لم يشارك أي دور من هذا النوع من الجهات في قرار",
  "participant": "مشارك", "anonymous": "مجهول الهوية", "evaluator": "مقيِّم",
};
