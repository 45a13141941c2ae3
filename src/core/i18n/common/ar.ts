import type { CommonKey } from "./en.js";

export const commonAr: Record<CommonKey, string> = {
  "practice.hague": "ممارسة لاهاي {{n}}",
  "practice.addendum": "ممارسة الملحق {{n}}",
  "practice.icct": "توصية ICCT {{n}}",
  "titled": "{{label}}: {{title}}",
  "none": "لا أحد",
  "text": "{{text}}",
  "percent": "{{n}}٪",
};
