import type { Translated } from "../messages.js";
import type { PlansKey } from "./en.js";

export const plansEs: Translated<PlansKey> = {
  "inPlace.C": "Conforme", "inPlace.LC": "Mayormente conforme", "inPlace.PC": "Parcialmente conforme", "inPlace.NC": "No conforme", "inPlace.N/A": "No aplicable",
  "working.High": "Alta", "working.Substantial": "Considerable", "working.Moderate": "Moderada", "working.Low": "Baja",
  "notRated": "sin calificar",
  "stepStatus.not-started": "sin iniciar", "stepStatus.planned": "prevista", "stepStatus.in-progress": "en curso", "stepStatus.done": "terminada", "stepStatus.not-applicable": "no aplicable",
  "actionStatus.planned": "prevista", "actionStatus.in-progress": "en curso", "actionStatus.done": "terminada", "actionStatus.blocked": "bloqueada", "actionStatus.cancelled": "cancelada",
  "reason.notApplicable": "calificada como no aplicable",
  "reason.compliance": "a {{gap}} de 3 de estar plenamente implantada",
  "reason.effectiveness": "a {{gap}} de 3 de funcionar bien",
  "reason.paper": "implantada sobre el papel pero menos eficaz en la práctica",
  "reason.answers": "responde a: {{items}}, a la cabeza en las evaluaciones Nexus Watch del país",
  "statement.complete": "Todas las prácticas del ámbito se calificaron tanto en implantación como en eficacia.",
  "statement.gaps": "{{parts}}. Las brechas y las prioridades no dicen nada de estas prácticas.",
  "statement.notAssessed": "{{count}} de {{total}} prácticas no se evaluaron ({{items}})",
  "statement.onlyOnPaper": "{{count}} se calificaron en implantación pero aún no en eficacia ({{items}})",
  "statement.notAssessed_one": "{{count}} de {{total}} prácticas no se evaluó ({{items}})",
  "statement.onlyOnPaper_one": "{{count}} se calificó en implantación pero aún no en eficacia ({{items}})",
  "action.why": "{{practice}}: el paso {{step}} está $t(plans.msg.stepStatus.{{status}}); {{reasons}}",
  "warn.startsBefore": "empieza el {{start}}, antes del vencimiento de «{{title}}» el {{due}}",
  "gap": "implantación: {{inPlace}}; eficacia: {{working}}",
};
