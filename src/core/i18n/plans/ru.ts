import type { Translated } from "../messages.js";
import type { PlansKey } from "./en.js";

export const plansRu: Translated<PlansKey> = {
  "inPlace.C": "Соответствует", "inPlace.LC": "В основном соответствует", "inPlace.PC": "Частично соответствует", "inPlace.NC": "Не соответствует", "inPlace.N/A": "Неприменимо",
  "working.High": "Высокая", "working.Substantial": "Значительная", "working.Moderate": "Умеренная", "working.Low": "Низкая",
  "notRated": "без оценки",
  "stepStatus.not-started": "не начат", "stepStatus.planned": "запланирован", "stepStatus.in-progress": "выполняется", "stepStatus.done": "выполнен", "stepStatus.not-applicable": "неприменим",
  "actionStatus.planned": "запланировано", "actionStatus.in-progress": "выполняется", "actionStatus.done": "выполнено", "actionStatus.blocked": "заблокировано", "actionStatus.cancelled": "отменено",
  "reason.notApplicable": "оценена как неприменимая",
  "reason.compliance": "не хватает {{gap}} из 3 до полного внедрения",
  "reason.effectiveness": "не хватает {{gap}} из 3 до полной эффективности",
  "reason.paper": "внедрена на бумаге, но на практике работает хуже",
  "reason.answers": "отвечает на: {{items}} — ведущие проявления в оценках Nexus Watch по стране",
  "statement.complete": "Каждая практика в охвате оценена и по внедрению, и по эффективности.",
  "statement.gaps": "{{parts}}. Пробелы и приоритеты ничего не говорят об этих практиках.",
  "statement.notAssessed": "Не оценено практик: {{count}} из {{total}} ({{items}})",
  "statement.onlyOnPaper": "оценено по внедрению, но ещё не по эффективности: {{count}} ({{items}})",
  "statement.notAssessed_one": "Не оценена {{count}} практика из {{total}} ({{items}})",
  "statement.notAssessed_few": "Не оценены {{count}} практики из {{total}} ({{items}})",
  "statement.notAssessed_many": "Не оценено {{count}} практик из {{total}} ({{items}})",
  "statement.onlyOnPaper_one": "{{count}} практика оценена по внедрению, но ещё не по эффективности ({{items}})",
  "statement.onlyOnPaper_few": "{{count}} практики оценены по внедрению, но ещё не по эффективности ({{items}})",
  "statement.onlyOnPaper_many": "{{count}} практик оценено по внедрению, но ещё не по эффективности ({{items}})",
  "action.why": "{{practice}}: шаг {{step}} — $t(plans.msg.stepStatus.{{status}}); {{reasons}}",
  "warn.startsBefore": "начинается {{start}}, раньше срока «{{title}}» ({{due}})",
  "gap": "внедрение: {{inPlace}}; эффективность: {{working}}",
};
