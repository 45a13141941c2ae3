/**
 * A learner's progress on this device (decision 0038): per audience, the answer given to each
 * question (the options chosen, and whether it was right) and the modules finished. Kept in
 * localStorage, so it survives reloads and offline use; nothing is sent to the server.
 */
export interface Answer { chosen: string[]; right: boolean; /** the module the question was answered in */ module?: string }
export interface Progress { answers: Record<string, Answer>; done: Record<string, true> }

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
    return { answers: p.answers && typeof p.answers === "object" ? p.answers : {}, done: p.done && typeof p.done === "object" ? p.done : {} };
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

/** Marks a module done (or not, to take its check again, clearing its answers). */
export function markModule(audience: string, module: string, done: boolean, questions: string[] = [], store: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage): Progress {
  const p = readProgress(audience, store);
  const doneMap: Record<string, true> = { ...p.done };
  const answers = { ...p.answers };
  if (done) doneMap[module] = true;
  else { delete doneMap[module]; for (const q of questions) delete answers[q]; }
  const next = { answers, done: doneMap };
  write(audience, next, store);
  return next;
}
