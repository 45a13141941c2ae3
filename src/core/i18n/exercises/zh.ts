import type { ExercisesKey } from "./en.js";

export const exercisesZh: Record<ExercisesKey, string> = {
  "rating.P": "顺利执行", "rating.S": "执行中遇到一些困难", "rating.M": "执行中遇到重大困难", "rating.U": "无法执行",
  "level.strong": "强", "level.mixed": "参差", "level.weak": "弱", "level.not exercised": "未演练",
  "alignment.aligned": "一致", "alignment.partial": "部分一致", "alignment.misaligned": "不一致",
  "why.decision": "“{{prompt}}”：{{share}} 的回答选择了一致的选项；全场选定的选项$t(exercises.msg.alignment.{{alignment}})",
  "why.decisionNoWinner": "“{{prompt}}”：{{share}} 的回答选择了一致的选项；没有单一选项胜出",
  "why.evaluator": "评估员：{{rating}}（$t(exercises.msg.rating.{{rating}})）",
  "why.evaluatorNote": "评估员：{{rating}}（$t(exercises.msg.rating.{{rating}})），“{{note}}”",
  "why.notExercised": "没有揭晓检验这项做法的决定，也没有评估员为其评级",
  "improve.strengthen": "在下次演练前加强{{practice}}",
  "improve.bring": "让“{{actor}}”参加下次演练",
  "improve.bringWhy": "所演练的做法需要“{{actor}}”参与，但没有该类机构的角色参与任何决定",
  "participant": "参与者", "anonymous": "匿名", "evaluator": "评估员",
};
