import type { TrainingKey } from "./en.js";

/** Messages of the learning paths in Arabic (draft). */
export const trainingAr: Record<TrainingKey, string> = {
  "audience.prosecutors": "أعضاء النيابة العامة",
  "audience.judges": "القضاة",
  "audience.police": "الشرطة والمحققون",
  "audience.fiu": "وحدات الاستخبارات المالية",
  "audience.prison-probation": "السجون والمراقبة",
  "audience.border-customs": "الحدود والجمارك",
  "audience.policy-makers": "صانعو السياسات",
  "audience.civil-society": "المجتمع المدني",
  "module.nexus": "فهم الصلة",
  "objective.manifestations": "التمييز بين الأشكال الستة لالتقاء الجريمة والإرهاب",
  "objective.watchpoints": "معرفة مؤشرات الإنذار التي تدل على وجود صلة وما يطرحه كل منها",
};
