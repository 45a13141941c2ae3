/**
 * The analysis speaks in message keys with parameters, never in finished sentences, so every
 * reader gets it in their language. A parameter is a string or number (user data such as a group
 * name, or knowledge-base text such as an indicator statement), another message, or a list of
 * messages. `renderMessage` fills a catalogue's templates (`{{name}}` placeholders, i18next style,
 * and `$t(key)` for a nested key); the English catalogue below is the reference every locale
 * translates, and the one the reports use until their language has one.
 */
export type MsgParam = string | number | Msg | Msg[];
export interface Msg { key: string; params?: Record<string, MsgParam> }

export const msg = (key: string, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key });

/** English templates, keyed without the `watch.msg.` prefix that every analysis key carries. */
export const watchMessagesEn: Record<string, string> = {
  "hypothesis.alliance": "Alliance",
  "hypothesis.appropriation-of-tactics": "Appropriation of tactics",
  "hypothesis.integration": "Integration",
  "hypothesis.hybrid": "Hybrid",
  "hypothesis.transformation": "Transformation",
  "hypothesis.black-hole": "Black hole",
  "hypothesis.no-nexus": "No nexus evident",
  "strength.weak": "weak", "strength.moderate": "moderate", "strength.strong": "strong", "strength.defining": "defining",
  "state.present": "present", "state.absent": "absent", "state.direct": "direct evidence",
  "trend.rising": "rising", "trend.stable": "stable", "trend.falling": "falling",
  "side.political": "political or ideological", "side.economic": "economic", "side.both": "political and economic at once",
  "type.criminal": "criminal group", "type.terrorist": "terrorist group", "type.other-armed": "other armed group", "type.unknown": "group of unknown type",
  "relKind.alliance": "lasting alliance", "relKind.transaction": "one-off transaction", "relKind.service-provision": "service provision",
  "relKind.financing": "financing", "relKind.intermediary": "tie through an intermediary", "relKind.integration": "integration (one group joined the other)",
  "relKind.competition": "competition", "relKind.successor": "successor group", "relKind.splinter": "splinter group",
  "grade.judgement": "analyst judgement, {{grade}}",

  // Evidence labels
  "ev.indicator": "{{statement}}",
  "ev.indicatorOn": "{{statement}} (observed on {{subjects}})",
  "ev.relationship": "{{from}} – {{to}}: $t(watch.msg.relKind.{{kind}})",
  "ev.motiveShift": "{{group}}: main aim shifted from $t(watch.msg.side.{{from}}) to $t(watch.msg.side.{{to}}) (since {{since}})",
  "ev.motiveBoth": "{{group}}: pursues political or ideological and economic aims at once (since {{since}})",
  "ev.motiveFundraising": "{{group}}: political or ideological aims first, profit as a secondary aim (since {{since}})",
  "ev.motiveVeneer": "{{group}}: profit first, with political demands as a secondary aim (since {{since}})",
  "ev.motiveStable": "{{group}}: the same $t(watch.msg.side.{{side}}) aim throughout, nothing else recorded (since {{since}})",
  "ev.typeShift": "{{group}}: changed from $t(watch.msg.type.{{from}}) to $t(watch.msg.type.{{to}}) (since {{since}})",
  "ev.onlyCriminal": "Only criminal groups are recorded here ({{count}}); no terrorist or other armed group",
  "ev.onlyArmed": "Only terrorist or other armed groups are recorded here ({{count}}); no criminal group",
  "ev.bothKinds": "Criminal groups ({{criminal}}) and terrorist or armed groups ({{armed}}) are recorded in the same place",
  "ev.blackHolePattern": "Territory without state control is held and run by armed or criminal groups",

  // Why a piece of evidence counts for or against a hypothesis
  "why.linkFor": "$t(watch.msg.strength.{{strength}}) sign of it: {{reasoning}}",
  "why.linkAgainst": "$t(watch.msg.strength.{{strength}}) sign against it: {{reasoning}}",
  "why.absentExpected": "an expected $t(watch.msg.strength.{{strength}}) sign is absent",
  "why.absentAgainst": "a sign against it is absent",
  "why.trend": "{{reason}} (trend $t(watch.msg.trend.{{trend}}))",
  "why.nexusGroup": "the group shows a sign of a nexus",
  "why.nexusSurroundings": "the surroundings favour a nexus",
  "why.nexusAbsent": "a sign of a nexus was looked for and is absent",
  "why.ended": "{{reason}} (the relationship ended on {{end}} and counts {{share}})",
  "why.rel.alliance.alliance": "a lasting tie between a criminal and a terrorist or armed group is the alliance form itself",
  "why.rel.alliance.integration": "lasting alliances can deepen into integration",
  "why.rel.transaction.alliance": "a one-off deal between the two kinds of group is what an alliance is: alliances are usually short and ad hoc",
  "why.rel.transaction.integration": "a deal at arm's length is not a merger",
  "why.rel.service-provision.alliance": "buying a service (laundering, documents, smuggling access) from the other kind of group is a transactional alliance",
  "why.rel.service-provision.appropriation-of-tactics": "using the service may be a first step towards acquiring the skill",
  "why.rel.financing.alliance": "one group financing the other is a transactional tie",
  "why.rel.financing.hybrid": "financing ties are common where groups blur",
  "why.rel.intermediary.alliance": "a broker between the groups is a transactional tie",
  "why.rel.integration.integration": "one group joining the other as a group, or a merger, is integration itself",
  "why.rel.integration.hybrid": "merged groups can become hybrid",
  "why.rel.integration.alliance": "the groups no longer deal at arm's length",
  "why.rel.competition.alliance": "competing groups are not allied",
  "why.rel.competition.integration": "competing groups have not merged",
  "why.rel.succession.transformation": "an organisation that continues as a group of the other kind has crossed the divide: transformation",
  "why.rel.succession.hybrid": "groups often pass through a hybrid phase while changing",
  "why.rel.noNexus": "the groups are tied to each other",
  "why.motive.shift.transformation": "a group whose main aim moved across the crime-terror divide has transformed",
  "why.motive.shift.hybrid": "a group that has fully changed its aim no longer pursues both",
  "why.motive.shift.appropriation-of-tactics": "appropriation borrows methods but keeps the original aims",
  "why.motive.both.hybrid": "a group pursuing political aims and profit at the same time is the hybrid form",
  "why.motive.both.transformation": "mixed aims can be a stage of transformation",
  "why.motive.fundraising.appropriation-of-tactics": "a political group running crime itself to finance its cause has appropriated criminal methods",
  "why.motive.fundraising.hybrid": "profit beside political aims leans towards the hybrid form",
  "why.motive.veneer.appropriation-of-tactics": "a profit-driven group making political demands that serve its business borrows the methods of terrorism",
  "why.motive.veneer.transformation": "political demands may be the start of a change of aims",
  "why.motive.veneer.hybrid": "a secondary political aim is a weak form of mixed aims",
  "why.motive.stable.hybrid": "a group with a single kind of aim throughout is not pursuing both",
  "why.motive.stable.transformation": "the group's aim has not changed",
  "why.type.transformation": "a group that became a group of the other kind has transformed",
  "why.type.hybrid": "the group now sits on one side of the divide",
  "why.type.appropriation-of-tactics": "appropriation keeps the group what it was",
  "why.absorbed": "the group changed by joining another group as a whole: that is integration, not a transformation of its own",
  "why.crossed": "the group has crossed the crime-terror divide",
  "why.mixed": "the group spans both sides of the divide",
  "why.onlyCriminal.no-nexus": "crime alone is not a nexus: no terrorist or armed actor is recorded",
  "why.onlyCriminal.partner": "an alliance or an integration needs a terrorist or armed partner, and none is recorded",
  "why.onlyCriminal.black-hole": "a black hole is where criminal and armed groups converge; no armed group is recorded",
  "why.onlyArmed.partner": "no criminal partner is recorded (one may be unknown)",
  "why.bothKinds.no-nexus": "both kinds of group operate in the same place",
  "why.blackHolePattern": "the toolkit's black hole: a weak or absent state where armed and criminal groups hold territory",
  "why.blackHolePattern.hybrid": "holding territory for profit is also a trait of the hybrid form",

  "gate.hybrid": "Cannot lead yet: no group is recorded with political and economic aims at once, and no territory is held. These define the hybrid form; indicators alone do not establish it.",
  "gate.partner": "Cannot lead: it needs both a criminal and a terrorist or armed actor, and the evidence says no armed actor is present (or only criminal groups are recorded, with no tie).",
  "gate.blackHole": "Cannot lead: the state is observed not to have collapsed or withdrawn from the area, and a black hole is an area without effective government or security.",
  "gate.transformation": "Cannot lead: the groups' aims are recorded, and none moved across the crime-terror divide; no group changed type or gave rise to a group of the other kind.",
  "gate.subsumed": "Ranks after $t(watch.msg.hypothesis.{{form}}): direct evidence establishes that organisational form, and groups that far along the continuum keep transactional ties as part of it.",
  "gate.ties": "Cannot lead: {{count}} tie(s) between a criminal and a terrorist or armed group are recorded.",

  // Summaries
  "whyFirst.none": "No evidence has been recorded yet, so no hypothesis leads.",
  "whyFirst.lead": "$t(watch.msg.hypothesis.{{leader}}) ranks first with {{score}} points (support {{support}}, inconsistency {{inconsistency}}) ahead of $t(watch.msg.hypothesis.{{runnerUp}}) with {{runnerUpScore}}.",
  "whyFirst.separates": "What separates them most: {{items}}.",
  "item.points": "{{label}} ({{points}})",
  "line": "{{points}} {{label}} ($t(watch.msg.state.{{state}}), {{grade}}): {{reason}}",
  "diag.separates": "separates $t(watch.msg.hypothesis.{{high}}) ({{highPoints}}) from $t(watch.msg.hypothesis.{{low}}) ({{lowPoints}})",
  "diag.flat": "bears equally on every hypothesis, so it does not help choose",
  "confidence.none": "Low confidence: there is no evidence yet.",
  "confidence.low": "Low confidence that the evidence fits $t(watch.msg.hypothesis.{{leader}}) best: {{pieces}} pieces of evidence from {{sources}} sources, a lead of {{margin}} points.",
  "confidence.moderate": "Moderate confidence that the evidence fits $t(watch.msg.hypothesis.{{leader}}) best: {{pieces}} pieces of evidence from {{sources}} sources, a lead of {{margin}} points.",
  "confidence.high": "High confidence that the evidence fits $t(watch.msg.hypothesis.{{leader}}) best: {{pieces}} pieces of evidence from {{sources}} sources, a lead of {{margin}} points.",
  "confidence.warnings": "Warnings lower it: {{codes}}.",
  "context.set": "Set by the analyst.",
  "context.present": "{{label}} (present, {{grade}})",
  "context.absent": "no sign that: {{label}} (absent, {{grade}})",
  "context.typical": "$t(watch.msg.hypothesis.{{hypothesis}}) is typical of this context",
  "practice.responds": "responds to {{count}} indicators present here ({{items}})",
  "practice.addresses": "addresses $t(watch.msg.hypothesis.{{hypothesis}}), {{position}}",
  "practice.leading": "the leading hypothesis",
  "practice.runnerUp": "a leading hypothesis",
  "practice.context": "fits the context set for this area ($t(watch.msg.context.{{context}}))",
  "context.politically-stable": "politically stable state", "context.transitional": "transitional state", "context.post-conflict": "(post-)conflict state",

  // Sensitivity
  "sens.flipByRemoval": "Without {{count}} piece(s) of evidence ({{items}}), $t(watch.msg.hypothesis.{{to}}) would lead instead.",
  "sens.robust": "No set of up to five pieces of evidence, taken away, changes the leader.",
  "sens.flipByAddition": "If {{items}} were observed present (graded B2), $t(watch.msg.hypothesis.{{to}}) would lead.",
  "sens.noAddition": "No single indicator not yet assessed, observed present, would change the leader.",
  "sens.margin": "The leader is {{margin}} points ahead of the runner-up.",

  // Warnings
  "warn.no-evidence": "No indicator has been assessed as present or absent; the ranking means nothing yet.",
  "warn.unknown-indicator": "Observation of {{indicator}}, which is not a watch-point indicator, was ignored.",
  "warn.single-source": "The case for $t(watch.msg.hypothesis.{{leader}}) rests on one source; corroborate it with an independent source.",
  "warn.single-source.none": "The case for $t(watch.msg.hypothesis.{{leader}}) rests on unsourced judgement; corroborate it with a source.",
  "warn.only-confirming": "Only confirming evidence was recorded. Look for signs that would count against $t(watch.msg.hypothesis.{{leader}}), and record indicators found absent.",
  "warn.stale": "{{stale}} of {{total}} pieces of evidence are more than a year old (before {{cutoff}}); re-observe them.",
  "warn.low-grade": "{{low}} of {{total}} observations come from unreliable sources or doubtful information (grades D-F or 4-6); treat the ranking as tentative.",
  "warn.unassessed": "Key indicators not yet assessed: {{items}}.",
  "warn.environment-only": "The lead of $t(watch.msg.hypothesis.{{leader}}) rests only on the surroundings (environmental factors); nothing about the groups themselves supports it yet.",
  "warn.undiscriminating": "$t(watch.msg.hypothesis.{{leader}}) gains from {{gaining}} of {{total}} indicators present: evidence that fits every reading does not choose between them. Look for evidence that is inconsistent with it.",
  "warn.withheld": "Some evidence exists that you may not read; this reading leaves it out.",
};

/** A key's template in a catalogue (catalogues are keyed without the `watch.msg.` prefix). */
export const lookup = (catalogue: Record<string, string>, key: string): string | undefined => catalogue[key.startsWith("watch.msg.") ? key.slice(10) : key];

/** Fills a message from a catalogue (the English one by default); an unknown key renders as itself. */
export function renderMessage(m: Msg, catalogue: Record<string, string> = watchMessagesEn): string {
  const template = lookup(catalogue, m.key) ?? lookup(watchMessagesEn, m.key) ?? m.key;
  const value = (p: MsgParam): string =>
    Array.isArray(p) ? p.map((x) => renderMessage(x, catalogue)).join("; ") : typeof p === "object" ? renderMessage(p, catalogue) : String(p);
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (m.params && name in m.params ? value(m.params[name]) : `{{${name}}}`));
  return filled.replace(/\$t\(([^)]+)\)/g, (_, key: string) => renderMessage({ key }, catalogue));
}

/** One line of a hypothesis's explanation, as stored by the analysis. */
export interface LineLike { points: number; label: Msg; state: string; grade: string; reason: Msg }
export const lineMessage = (l: LineLike): Msg =>
  msg("watch.msg.line", { points: l.points >= 0 ? `+${l.points}` : `${l.points}`, label: l.label, state: l.state, grade: l.grade, reason: l.reason });

/**
 * Text of something the analysis said, for a document: a message, a list of them, an explanation
 * line, or (in assessments stored before the analysis spoke in keys) the English sentence itself.
 */
export function textOf(x: unknown, catalogue: Record<string, string> = watchMessagesEn): string {
  if (typeof x === "string") return x;
  if (Array.isArray(x)) return x.map((y) => textOf(y, catalogue)).join(" ");
  if (x && typeof x === "object" && "key" in x) return renderMessage(x as Msg, catalogue);
  if (x && typeof x === "object" && "reason" in x && "label" in x) return renderMessage(lineMessage(x as LineLike), catalogue);
  return "";
}
