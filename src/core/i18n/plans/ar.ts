import type { Translated } from "../messages.js";
import type { PlansKey } from "./en.js";

export const plansAr: Translated<PlansKey> = {
  "inPlace.C": "ممتثل", "inPlace.LC": "ممتثل إلى حد كبير", "inPlace.PC": "ممتثل جزئياً", "inPlace.NC": "غير ممتثل", "inPlace.N/A": "لا ينطبق",
  "working.High": "عالية", "working.Substantial": "كبيرة", "working.Moderate": "متوسطة", "working.Low": "منخفضة",
  "notRated": "لم يُقيَّم",
  "stepStatus.not-started": "لم تبدأ", "stepStatus.planned": "مخطط لها", "stepStatus.in-progress": "قيد التنفيذ", "stepStatus.done": "منجزة", "stepStatus.not-applicable": "لا تنطبق",
  "actionStatus.planned": "مخطط له", "actionStatus.in-progress": "قيد التنفيذ", "actionStatus.done": "منجز", "actionStatus.blocked": "متعثر", "actionStatus.cancelled": "ملغى",
  "reason.notApplicable": "قُيِّمت بأنها لا تنطبق",
  "reason.compliance": "ينقصها {{gap}} من 3 لتكون قائمة بالكامل",
  "reason.effectiveness": "ينقصها {{gap}} من 3 لتكون ناجعة تماماً",
  "reason.paper": "قائمة على الورق لكنها أقل نجاعة في الواقع",
  "reason.answers": "تستجيب لـ: {{items}}، وهي الصدارة في تقييمات Nexus Watch للبلد",
  "statement.complete": "قُيِّمت كل ممارسة في النطاق من حيث وجودها ومن حيث نجاعتها.",
  "statement.gaps": "{{parts}}. لا تقول الفجوات والأولويات شيئاً عن هذه الممارسات.",
  "statement.notAssessed": "لم تُقيَّم {{count}} من أصل {{total}} ممارسة ({{items}})",
  "statement.onlyOnPaper": "قُيِّمت {{count}} من حيث وجودها ولم تُقيَّم بعد من حيث نجاعتها ({{items}})",
  "action.why": "{{practice}}: الخطوة {{step}} $t(plans.msg.stepStatus.{{status}})؛ {{reasons}}",
  "warn.startsBefore": "يبدأ في {{start}}، قبل الموعد النهائي لـ «{{title}}» في {{due}}",
  "gap": "الوجود: {{inPlace}}؛ النجاعة: {{working}}",
};
