/**
 * A question as a self-paced learner's phone receives it (docs/decisions/0038): the answer and its
 * explanation come with it, because the phone checks answers itself, offline. An ordering
 * question's options come in a shuffled order that is the same on every request (seeded by the
 * question's id, never the right order), with the right order given apart.
 */
import type { Question } from "../knowledge/schema.js";
import { citedEntry } from "./bank.js";

export interface LearnerQuestion {
  id: string;
  type: Question["type"];
  objective: Question["objective"];
  /** the cited entry and the page that explains the answer */
  about: { kind: "practice" | "manifestation" | "indicator"; id: string; href: string };
  stem: string;
  case?: string;
  options: { id: string; text: string }[];
  /** the right option ids: the correct ones for single, multiple and scenario; all of them in the right order for ordering */
  answer: string[];
  explanation: string;
  citation: Question["citation"];
}

/** A small deterministic hash (FNV-1a) of a string, seeding the shuffle. */
function seed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

/** A permutation of `xs` fixed by `key`, never the identity when there are two or more items. */
export function stableShuffle<T>(xs: readonly T[], key: string): T[] {
  const out = [...xs];
  let s = seed(key) || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  for (let i = out.length - 1; i > 0; i--) { const j = next() % (i + 1); [out[i], out[j]] = [out[j], out[i]]; }
  if (out.length > 1 && out.every((x, i) => x === xs[i])) out.push(out.shift() as T);
  return out;
}

const hrefOf = (kind: string, id: string) => (kind === "practice" ? `/practices/${id}` : kind === "manifestation" ? `/manifestations/${id}` : `/indicators/${id}`);

/** The learner's form of a question (texts as given, so in the reader's language when the knowledge base was localized). */
export function learnerQuestion(q: Question): LearnerQuestion {
  const cited = citedEntry(q) ?? { kind: "practice" as const, id: "" };
  const options = q.options.map((o) => ({ id: o.id, text: o.text }));
  return {
    id: q.id,
    type: q.type,
    objective: q.objective,
    about: { ...cited, href: hrefOf(cited.kind, cited.id) },
    stem: q.stem,
    ...(q.case ? { case: q.case } : {}),
    options: q.type === "ordering" ? stableShuffle(options, q.id) : options,
    answer: q.type === "ordering" ? q.options.map((o) => o.id) : q.options.filter((o) => o.correct).map((o) => o.id),
    explanation: q.explanation,
    citation: q.citation,
  };
}
