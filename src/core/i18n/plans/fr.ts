import type { Translated } from "../messages.js";
import type { PlansKey } from "./en.js";

export const plansFr: Translated<PlansKey> = {
  "inPlace.C": "Conforme", "inPlace.LC": "En grande partie conforme", "inPlace.PC": "Partiellement conforme", "inPlace.NC": "Non conforme", "inPlace.N/A": "Sans objet",
  "working.High": "Élevé", "working.Substantial": "Substantiel", "working.Moderate": "Modéré", "working.Low": "Faible",
  "notRated": "non évalué",
  "stepStatus.not-started": "non commencée", "stepStatus.planned": "prévue", "stepStatus.in-progress": "en cours", "stepStatus.done": "achevée", "stepStatus.not-applicable": "sans objet",
  "actionStatus.planned": "prévue", "actionStatus.in-progress": "en cours", "actionStatus.done": "achevée", "actionStatus.blocked": "bloquée", "actionStatus.cancelled": "annulée",
  "reason.notApplicable": "évaluée sans objet",
  "reason.compliance": "à {{gap}} point(s) sur 3 d'une mise en place complète",
  "reason.effectiveness": "à {{gap}} point(s) sur 3 d'une pleine effectivité",
  "reason.paper": "en place sur le papier mais moins effective dans les faits",
  "reason.answers": "répond à : {{items}}, en tête des évaluations Nexus Watch du pays",
  "statement.complete": "Chaque pratique du périmètre a été évaluée à la fois pour sa mise en place et pour son effectivité.",
  "statement.gaps": "{{parts}}. Les écarts et les priorités ne disent rien de ces pratiques.",
  "statement.notAssessed": "{{count}} des {{total}} pratiques n'ont pas été évaluées ({{items}})",
  "statement.onlyOnPaper": "{{count}} ont été évaluées pour leur mise en place mais pas encore pour leur effectivité ({{items}})",
  "statement.notAssessed_one": "{{count}} des {{total}} pratiques n'a pas été évaluée ({{items}})",
  "statement.onlyOnPaper_one": "{{count}} a été évaluée pour sa mise en place mais pas encore pour son effectivité ({{items}})",
  "action.why": "{{practice}} : l'étape {{step}} est $t(plans.msg.stepStatus.{{status}}) ; {{reasons}}",
  "warn.startsBefore": "commence le {{start}}, avant l'échéance de « {{title}} » le {{due}}",
  "gap": "en place : {{inPlace}} ; effectivité : {{working}}",
};
