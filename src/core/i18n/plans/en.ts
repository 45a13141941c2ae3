/** Self-assessment and action-plan messages in English (decision 0025): ratings, gap reasons, the gap statement, drafted actions, timeline warnings. */
export const plansEn = {
  "inPlace.C": "Compliant", "inPlace.LC": "Largely compliant", "inPlace.PC": "Partially compliant", "inPlace.NC": "Non-compliant", "inPlace.N/A": "Not applicable",
  "working.High": "High", "working.Substantial": "Substantial", "working.Moderate": "Moderate", "working.Low": "Low",
  "notRated": "not rated",
  "stepStatus.not-started": "not started", "stepStatus.planned": "planned", "stepStatus.in-progress": "in progress", "stepStatus.done": "done", "stepStatus.not-applicable": "not applicable",
  "actionStatus.planned": "planned", "actionStatus.in-progress": "in progress", "actionStatus.done": "done", "actionStatus.blocked": "blocked", "actionStatus.cancelled": "cancelled",
  "reason.notApplicable": "rated not applicable",
  "reason.compliance": "{{gap}} of 3 short of fully in place",
  "reason.effectiveness": "{{gap}} of 3 short of working well",
  "reason.paper": "in place on paper but not working as well in practice",
  "reason.answers": "answers {{items}}, leading in the country's Nexus Watch assessments",
  "statement.complete": "Every practice in scope was rated both in place and working.",
  "statement.gaps": "{{parts}}. Gaps and priorities say nothing about these.",
  "statement.notAssessed": "{{count}} of {{total}} practices were not assessed ({{items}})",
  "statement.onlyOnPaper": "{{count}} were rated in place but not yet for how well they work ({{items}})",
  "statement.notAssessed_one": "{{count}} of {{total}} practices was not assessed ({{items}})",
  "statement.onlyOnPaper_one": "{{count}} was rated in place but not yet for how well it works ({{items}})",
  "action.why": "{{practice}}: step {{step}} is $t(plans.msg.stepStatus.{{status}}); {{reasons}}",
  "warn.startsBefore": "starts on {{start}}, before “{{title}}” is due on {{due}}",
  "gap": "in place: {{inPlace}}; working: {{working}}",
} satisfies Record<string, string>;
export type PlansKey = keyof typeof plansEn;
