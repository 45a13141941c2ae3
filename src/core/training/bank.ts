/**
 * The checks of the training question bank (docs/decisions/0038) that the schema cannot make on
 * one question alone: the cited entry exists, the id and file name follow the audience and the
 * entry, each type has its right answers, option ids run a, b, c… in order, no two stems say the
 * same thing, and within an audience the objectives stay balanced. Pure; validate.ts calls it.
 */
import { learningObjectives, type KnowledgeBase, type Question } from "../knowledge/schema.js";

export interface BankProblem { file: string; entry: string; message: string }

/** What a question cites, as kind and id (undefined when it names none or more than one). */
export function citedEntry(q: Pick<Question, "about">): { kind: "practice" | "manifestation" | "indicator"; id: string } | undefined {
  const named = (["practice", "manifestation", "indicator"] as const).filter((k) => q.about[k] !== undefined);
  return named.length === 1 ? { kind: named[0], id: q.about[named[0]] as string } : undefined;
}

/** A stem reduced to what it says: lower case, no punctuation or symbols, single spaces. */
export const normalStem = (stem: string) =>
  stem.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}]/gu, " ").replace(/\s+/g, " ").trim();

const OPTION_IDS = ["a", "b", "c", "d", "e"];
/** A bank reaches this many questions per audience before the balance of objectives is asked for. */
export const BALANCE_FROM = 8;

/** The problems of one question against the knowledge base. */
export function questionProblems(q: Question, kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const named = (["practice", "manifestation", "indicator"] as const).filter((k) => q.about[k] !== undefined);
  if (named.length !== 1) out.push(`about names ${named.length ? named.join(" and ") : "nothing"}: name exactly one of practice, manifestation or indicator`);
  const cited = citedEntry(q);
  if (cited) {
    const exists = cited.kind === "practice" ? kb.practices.some((p) => p.id === cited.id)
      : cited.kind === "manifestation" ? kb.manifestations.some((m) => m.id === cited.id)
        : kb.factors.some((f) => f.indicators.some((i) => i.id === cited.id));
    if (!exists) out.push(`about.${cited.kind} refers to unknown ${cited.kind} "${cited.id}"`);
    const m = /^q-(.+)-([0-9]+)$/.exec(q.id);
    const expected = `q-${q.audience}-${cited.id}-`;
    if (!q.id.startsWith(expected) || !m || Number(m[2]) < 1 || q.id.length !== expected.length + m[2].length) {
      out.push(`id must be "${expected}" followed by a number (q-, the audience, the cited entry id and a number)`);
    }
  }
  q.options.forEach((o, i) => { if (o.id !== OPTION_IDS[i]) out.push(`options.${i}.id is "${o.id}", expected "${OPTION_IDS[i]}" (option ids run a, b, c, d, e in order)`); });
  const right = q.options.filter((o) => o.correct === true).length;
  const wrong = q.options.filter((o) => o.correct === false).length;
  const unmarked = q.options.map((o, i) => (o.correct === undefined ? i : -1)).filter((i) => i >= 0);
  if (q.type === "ordering") {
    const marked = q.options.map((o, i) => (o.correct !== undefined ? i : -1)).filter((i) => i >= 0);
    if (marked.length) out.push(`options.${marked[0]}.correct must be left out of an ordering question: list the options in the right order`);
  } else {
    if (unmarked.length) out.push(`options.${unmarked[0]}.correct is missing: say true or false for every option of a ${q.type} question`);
    if (q.type === "multiple") {
      if (right < 2) out.push(`a multiple question needs at least two correct options, found ${right}`);
      if (wrong < 1) out.push("a multiple question needs at least one wrong option");
    } else if (right !== 1) out.push(`a ${q.type} question needs exactly one correct option, found ${right}`);
  }
  if (q.type === "scenario" && !q.case) out.push("case is missing: a scenario question needs a short case");
  if (q.type !== "scenario" && q.case) out.push(`case is only for scenario questions, not ${q.type}`);
  return out;
}

/**
 * Every problem of the bank: each question's own (see questionProblems), its file named after its
 * audience, stems said twice anywhere in the bank, and per audience with at least BALANCE_FROM
 * questions, each objective (recognise, apply, judge) on at least a quarter of them.
 */
export function questionBankProblems(kb: KnowledgeBase, fileOf: (id: string) => string): BankProblem[] {
  const out: BankProblem[] = [];
  const stems = new Map<string, string>();
  for (const q of kb.questions) {
    const file = fileOf(q.id);
    for (const message of questionProblems(q, kb)) out.push({ file, entry: q.id, message });
    const expectedFile = `training/questions/${q.audience}.yaml`;
    if (file !== expectedFile) out.push({ file, entry: q.id, message: `audience is ${q.audience}, so the question belongs in content/${expectedFile}` });
    const stem = normalStem(q.stem);
    const earlier = stems.get(stem);
    if (earlier) out.push({ file, entry: q.id, message: `stem repeats the stem of ${earlier}: every question asks something of its own` });
    else stems.set(stem, q.id);
  }
  const audiences = [...new Set(kb.questions.map((q) => q.audience))];
  for (const a of audiences) {
    const mine = kb.questions.filter((q) => q.audience === a);
    if (mine.length < BALANCE_FROM) continue;
    for (const objective of learningObjectives) {
      const n = mine.filter((q) => q.objective === objective).length;
      if (n * 4 < mine.length) {
        out.push({ file: `training/questions/${a}.yaml`, entry: "(file)", message: `objective ${objective} covers ${n} of ${mine.length} questions: each of recognise, apply and judge needs at least a quarter (${Math.ceil(mine.length / 4)})` });
      }
    }
  }
  return out;
}
