import type { CommonKey } from "./en.js";

export const commonRu: Record<CommonKey, string> = {
  "practice.hague": "Гаагская НП {{n}}",
  "practice.addendum": "НП Дополнения {{n}}",
  "practice.icct": "Рек. МЦКТ {{n}}",
  "titled": "{{label}}: {{title}}",
  "none": "нет",
  "text": "{{text}}",
  "percent": "{{n}} %",
};
