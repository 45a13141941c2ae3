/**
 * A learner's progress on this device (decision 0038): per audience, the answer given to each
 * question (the options chosen, and whether it was right) and the modules finished. Kept in
 * localStorage, so it survives reloads and offline use. A learner who joined a cohort (cohortSync.ts)
 * also sends the modules they finished, with when and how well, to the cohort's trainer.
 */
export interface Answer { chosen: string[]; right: boolean; /** the module the question was answered in */ module?: string }
/** When a module was finished (ISO date and time) and its check's right answers out of those answered. */
export interface Finished { at: string; right: number; of: number }
export interface Progress { answers: Record<string, Answer>; done: Record<string, true>; finished?: Record<string, Finished> }

const key = (audience: string) => `nexus.training.${audience}`;
const empty = (): Progress => ({ answers: {}, done: {} });

/** Whether the options chosen are the right answer: the same set for choice questions, the same order for ordering. */
export function isRight(type: string, chosen: readonly string[], answer: readonly string[]): boolean {
  if (type === "ordering") return chosen.length === answer.length && chosen.every((x, i) => x === answer[i]);
  return chosen.length === answer.length && answer.every((x) => chosen.includes(x));
}

/** The saved progress of an audience (empty when none or unreadable). */
export function readProgress(audience: string, store: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): Progress {
  try {
    const raw = store?.getItem(key(audience));
    const p = raw ? (JSON.parse(raw) as Partial<Progress>) : {};
    const answers = p.answers && typeof p.answers === "object" ? p.answers : {};
    const done = p.done && typeof p.done === "object" ? p.done : {};
    return p.finished && typeof p.finished === "object" ? { answers, done, finished: p.finished } : { answers, done };
  } catch {
    return empty();
  }
}

function write(audience: string, p: Progress, store: Pick<Storage, "setItem"> | undefined) {
  try { store?.setItem(key(audience), JSON.stringify(p)); } catch { /* storage full or refused: progress lives for this visit only */ }
}

/** Records an answer and returns the new progress. */
export function saveAnswer(audience: string, question: string, answer: Answer, store: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage): Progress {
  const p = readProgress(audience, store);
  const next = { ...p, answers: { ...p.answers, [question]: answer } };
  write(audience, next, store);
  return next;
}

/** A module's check as answered: the right answers among the questions answered in it. */
export function scoreOf(p: Progress, module: string): { right: number; of: number } {
  const mine = Object.values(p.answers).filter((a) => a.module === module);
  return { right: mine.filter((a) => a.right).length, of: mine.length };
}

/**
 * Marks a module done, recording when and its check's score (or not done, to take its check again,
 * clearing its answers; the first finish stays recorded, as the server keeps the earliest).
 */
export function markModule(audience: string, module: string, done: boolean, questions: string[] = [], store: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage, now = new Date()): Progress {
  const p = readProgress(audience, store);
  const doneMap: Record<string, true> = { ...p.done };
  const answers = { ...p.answers };
  const finished = { ...p.finished };
  if (done) {
    doneMap[module] = true;
    const score = scoreOf(p, module);
    const before = finished[module];
    // Taken again: the first finish and the better score are kept.
    finished[module] = before ? { at: before.at < now.toISOString() ? before.at : now.toISOString(), ...(before.right >= score.right ? { right: before.right, of: before.of } : score) } : { at: now.toISOString(), ...score };
  } else { delete doneMap[module]; for (const q of questions) delete answers[q]; }
  const next: Progress = Object.keys(finished).length ? { answers, done: doneMap, finished } : { answers, done: doneMap };
  write(audience, next, store);
  return next;
}

/**
 * What a phone sends to its cohort: every module done, with when it was finished and its score.
 * A module marked done before finishes were recorded counts its answers and `now`.
 */
export function progressPayload(p: Progress, now = new Date()): { module: string; done_at: string; right: number; of: number }[] {
  return Object.keys(p.done).sort().map((module) => {
    const f = p.finished?.[module];
    return f ? { module, done_at: f.at, right: f.right, of: f.of } : { module, done_at: now.toISOString(), ...scoreOf(p, module) };
  });
}
