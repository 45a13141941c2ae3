import type { CommonKey } from "./en.js";

export const commonEs: Record<CommonKey, string> = {
  "practice.hague": "BP de La Haya {{n}}",
  "practice.addendum": "BP del Addendum {{n}}",
  "practice.icct": "Rec. ICCT {{n}}",
  "titled": "{{label}}: {{title}}",
  "none": "ninguno",
  "text": "{{text}}",
  "percent": "{{n}} %",
};
