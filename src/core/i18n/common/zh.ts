import type { CommonKey } from "./en.js";

export const commonZh: Record<CommonKey, string> = {
  "practice.hague": "海牙良好做法 {{n}}",
  "practice.addendum": "增编良好做法 {{n}}",
  "practice.icct": "ICCT 建议 {{n}}",
  "titled": "{{label}}：{{title}}",
  "none": "无",
  "text": "{{text}}",
  "percent": "{{n}}%",
};
