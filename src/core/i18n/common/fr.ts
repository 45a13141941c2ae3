import type { CommonKey } from "./en.js";

export const commonFr: Record<CommonKey, string> = {
  "practice.hague": "BP La Haye {{n}}",
  "practice.addendum": "BP Addendum {{n}}",
  "practice.icct": "Rec. ICCT {{n}}",
  "titled": "{{label}} : {{title}}",
  "none": "aucun",
  "text": "{{text}}",
  "percent": "{{n}} %",
};
