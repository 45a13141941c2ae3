/**
 * The trainer kit of a learning-path module (issue 16, docs/decisions/0040): what a facilitator
 * needs to run the module in a room. An agenda of timed blocks adding up to a stated total;
 * facilitator notes (per objective the key points taken from the knowledge-base entries' own
 * fields, the case-study prompts, the knowledge-check answer key with explanations); and what the
 * participant handout holds (objectives, the entries with their summaries and reading links, the
 * case study, never an answer). Pure: fixed words are message keys (`training.msg.kit.*`), texts
 * come from the knowledge base given, so in its language; src/server/training/kit.document.ts
 * lays the kit out as PDF, DOCX and PPTX.
 */
import { msg, type Msg } from "../i18n/messages.js";
import { practiceRef, practiceTitled } from "../i18n/practices.js";
import type { KnowledgeBase } from "../knowledge/schema.js";
import type { Audience } from "./audiences.js";
import { learnerQuestion } from "./learnerQuestion.js";
import { NEXUS_MODULE, type LearningModule } from "./paths.js";

const k = (name: string, params?: Parameters<typeof msg>[1]) => msg(`training.msg.kit.${name}`, params);

export type AgendaKind = "opening" | "reading" | "break" | "case" | "exercise" | "check" | "wrap";
export interface AgendaBlock {
  kind: AgendaKind;
  /** minutes from the start of the module */
  start: number;
  minutes: number;
  title: Msg;
  /** what happens, one line each */
  detail: Msg[];
}

/** An entry the module reads: a practice, a manifestation or a watch point. */
export interface KitEntry {
  kind: "practice" | "manifestation" | "watchpoint";
  id: string;
  /** "Hague GP 4: title" for a practice, the name otherwise */
  label: Msg;
  /** the practice's summary, the manifestation's definition, the watch point's question */
  summary: string;
  /** the reading link (absolute when the app knows its public address) */
  href: string;
  /** the actors the practice names, by name */
  actors: string[];
  steps: { number: number; text: string; points: string[] }[];
  /** a manifestation's characteristics */
  characteristics: string[];
}

/** The facilitator's notes for one objective: the entry's own words, nothing added. */
export interface ObjectiveNote {
  objective: Msg;
  summary?: string;
  points: { text: string; sub: string[] }[];
  actors: string[];
  href?: string;
}

export interface KitCase {
  kind: "scenario" | "manifestation-case";
  title: string;
  summary: string;
  /** the scenario's page in the exercise library, or the manifestation's page */
  href: string;
  region?: string;
  /** scenario roles: the role's name and the agency (actor) playing it */
  roles: { name: string; agency: string }[];
  /** what the scenario trains (its objectives) */
  objectives: string[];
  /** the scenario's own questions for the debrief */
  debrief: string[];
  prompts: Msg[];
  /** the matching table-top exercise: only a library scenario has one */
  exercise?: { scenario: string; link: string };
}

export interface KitQuestion {
  n: number;
  type: "single" | "multiple" | "scenario" | "ordering";
  stem: string;
  case?: string;
  /** options as shown, labelled a, b, c… in the order shown (an ordering question's shuffled) */
  options: { label: string; text: string }[];
  /** the right labels (in order, for an ordering question) */
  answer: string[];
  explanation: string;
  href: string;
}

export interface TrainerKit {
  audience: Audience;
  module: { id: string; title: Msg };
  /** minutes, the sum of the agenda's blocks */
  total: number;
  agenda: AgendaBlock[];
  objectives: Msg[];
  entries: KitEntry[];
  notes: ObjectiveNote[];
  caseStudy: KitCase | null;
  questions: KitQuestion[];
  /** the module's page, where participants take the knowledge check on a phone */
  moduleLink: string;
}

/** Minutes per practice read, per manifestation, per watch point; fixed blocks. */
export const KIT_MINUTES = { opening: 10, practice: 10, manifestation: 5, watchpoint: 2, break: 15, case: 20, caseScenario: 25, exercise: 60, perQuestion: 2, wrap: 10 } as const;
/** Reading groups hold this many practices at most. */
export const PRACTICES_PER_GROUP = 3;
/** A break goes before the case study once the module has run this long. */
export const BREAK_AFTER = 75;

const roundUp5 = (n: number) => Math.ceil(n / 5) * 5;
const chunk = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export interface KitOptions {
  /** the app's public address (PUBLIC_URL) without a trailing slash, or "" for links relative to the app */
  base?: string;
}

/** The trainer kit of a module of an audience's path, from the knowledge base the path was assembled from. */
export function trainerKit(kb: KnowledgeBase, audience: Audience, m: LearningModule, o: KitOptions = {}): TrainerKit {
  const base = o.base ?? "";
  const actorName = (id: string) => kb.actors.find((a) => a.id === id)?.name ?? id;
  const nexus = m.id === NEXUS_MODULE;

  const practices = m.practices.map((id) => kb.practices.find((p) => p.id === id)).filter((p) => !!p);
  const manifestations = nexus ? kb.manifestations : [];
  const watchpoints = nexus ? kb.factors.filter((f) => f.group !== "search") : [];
  const entries: KitEntry[] = [
    ...manifestations.map((x): KitEntry => ({ kind: "manifestation", id: x.id, label: msg("common.msg.text", { text: x.name }), summary: x.definition, href: `${base}/manifestations/${x.id}`, actors: [], steps: [], characteristics: x.characteristics })),
    ...watchpoints.map((x): KitEntry => ({ kind: "watchpoint", id: x.id, label: msg("common.msg.text", { text: x.name }), summary: x.question, href: `${base}/watchpoints/${x.id}`, actors: [], steps: [], characteristics: [] })),
    ...practices.map((p): KitEntry => ({
      kind: "practice", id: p.id, label: practiceTitled(p.id, p.title), summary: p.summary, href: `${base}/practices/${p.id}`,
      actors: p.actors.map(actorName), steps: p.steps.map((s) => ({ number: s.number, text: s.text, points: s.points })), characteristics: [],
    })),
  ];

  // Notes per objective: a practice's summary and steps; the manifestations' definitions and characteristics; the watch points' questions.
  const notes: ObjectiveNote[] = nexus
    ? [
        { objective: m.objectives[0], points: manifestations.map((x) => ({ text: `${x.name}: ${x.definition}`, sub: x.characteristics })), actors: [] },
        { objective: m.objectives[1], points: watchpoints.map((x) => ({ text: `${x.name}: ${x.question}`, sub: [] })), actors: [] },
      ]
    : practices.map((p, i) => ({
        objective: m.objectives[i] ?? practiceTitled(p.id, p.title), summary: p.summary,
        points: p.steps.map((s) => ({ text: s.text, sub: s.points })), actors: p.actors.map(actorName), href: `${base}/practices/${p.id}`,
      }));

  const caseStudy = kitCase(kb, m, base, actorName);

  const questions: KitQuestion[] = m.questions.map((q, i) => {
    const l = learnerQuestion(q);
    const label = (id: string) => String.fromCharCode(97 + l.options.findIndex((x) => x.id === id));
    return {
      n: i + 1, type: q.type, stem: l.stem, ...(l.case ? { case: l.case } : {}),
      options: l.options.map((x, j) => ({ label: String.fromCharCode(97 + j), text: x.text })),
      answer: l.answer.map(label), explanation: l.explanation, href: `${base}${l.about.href}`,
    };
  });

  // The agenda: opening, reading by groups, (a break), the case study, the table-top exercise, the check, the wrap-up.
  const blocks: Omit<AgendaBlock, "start">[] = [];
  blocks.push({ kind: "opening", minutes: KIT_MINUTES.opening, title: k("block.opening"), detail: [k("block.openingNote")] });
  if (manifestations.length) blocks.push({ kind: "reading", minutes: KIT_MINUTES.manifestation * manifestations.length, title: k("block.manifestations"), detail: manifestations.map((x) => msg("common.msg.text", { text: x.name })) });
  if (watchpoints.length) blocks.push({ kind: "reading", minutes: roundUp5(KIT_MINUTES.watchpoint * watchpoints.length), title: k("block.watchpoints"), detail: watchpoints.map((x) => msg("common.msg.text", { text: x.name })) });
  for (const group of chunk(practices, PRACTICES_PER_GROUP)) {
    blocks.push({ kind: "reading", minutes: KIT_MINUTES.practice * group.length, title: k("block.practices", { items: group.map((p) => practiceRef(p.id)) }), detail: group.map((p) => practiceTitled(p.id, p.title)) });
  }
  if (blocks.reduce((n, b) => n + b.minutes, 0) >= BREAK_AFTER) blocks.push({ kind: "break", minutes: KIT_MINUTES.break, title: k("block.break"), detail: [] });
  if (caseStudy) {
    blocks.push({ kind: "case", minutes: caseStudy.kind === "scenario" ? KIT_MINUTES.caseScenario : KIT_MINUTES.case, title: k("block.case", { title: caseStudy.title }), detail: [k("block.caseNote", { n: caseStudy.prompts.length })] });
    if (caseStudy.exercise) blocks.push({ kind: "exercise", minutes: KIT_MINUTES.exercise, title: k("block.exercise", { title: caseStudy.title }), detail: [k("block.exerciseNote"), msg("common.msg.text", { text: caseStudy.exercise.link })] });
  }
  if (questions.length) blocks.push({ kind: "check", minutes: roundUp5(KIT_MINUTES.perQuestion * questions.length), title: k("block.check"), detail: [k("block.checkNote", { n: questions.length })] });
  blocks.push({ kind: "wrap", minutes: KIT_MINUTES.wrap, title: k("block.wrap"), detail: [k("block.wrapNote")] });
  let start = 0;
  const agenda = blocks.map((b): AgendaBlock => { const a = { ...b, start }; start += b.minutes; return a; });

  return {
    audience, module: { id: m.id, title: m.title }, total: start, agenda, objectives: m.objectives, entries, notes, caseStudy, questions,
    moduleLink: `${base}/training/${audience}/${m.id}`,
  };
}

/** The case study with its discussion prompts; a library scenario brings its roles, objectives, debrief questions and the table-top link. */
function kitCase(kb: KnowledgeBase, m: LearningModule, base: string, actorName: (id: string) => string): KitCase | null {
  const c = m.caseStudy;
  if (!c) return null;
  if (c.kind === "scenario") {
    const sc = kb.scenarios.find((s) => s.id === c.id);
    const roles = (sc?.roles ?? []).map((r) => ({ name: r.name, agency: actorName(r.actor) }));
    const agencies = [...new Set(roles.map((r) => r.agency))];
    const link = `${base}/exercises/scenarios/${c.id}`;
    return {
      kind: "scenario", title: c.title, summary: c.summary, href: link, region: sc?.region, roles,
      objectives: (sc?.objectives ?? []).map((o) => o.text), debrief: (sc?.hotwash ?? []).map((h) => h.question),
      prompts: [
        k("prompt.signals"),
        ...c.shared.map((p) => k("prompt.practice", { practice: practiceTitled(p, kb.practices.find((x) => x.id === p)?.title ?? "") })),
        ...(agencies.length ? [k("prompt.actors", { items: agencies.map((a) => msg("common.msg.text", { text: a })) })] : []),
      ],
      exercise: { scenario: c.id, link },
    };
  }
  return {
    kind: "manifestation-case", title: c.title, summary: c.summary, href: `${base}${c.href}`, roles: [], objectives: [], debrief: [],
    prompts: [
      k("prompt.manifestation", { manifestation: c.title }),
      k("prompt.signals"),
      m.id === NEXUS_MODULE ? k("prompt.watchpoints") : k("prompt.response"),
    ],
  };
}
