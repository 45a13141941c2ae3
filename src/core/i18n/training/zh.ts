import type { TrainingKey } from "./en.js";

/** Messages of the learning paths in Chinese (draft). */
export const trainingZh: Record<TrainingKey, string> = {
  "audience.prosecutors": "检察官",
  "audience.judges": "法官",
  "audience.police": "警察和调查人员",
  "audience.fiu": "金融情报机构",
  "audience.prison-probation": "监狱和缓刑",
  "audience.border-customs": "边境和海关",
  "audience.policy-makers": "政策制定者",
  "audience.civil-society": "民间社会",
  "module.nexus": "理解关联",
  "objective.manifestations": "区分犯罪与恐怖主义结合的六种方式",
  "objective.watchpoints": "了解预示关联的观察点及每个观察点提出的问题",
};
