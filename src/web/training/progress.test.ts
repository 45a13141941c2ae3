import { describe, expect, it } from "vitest";
import { isRight, markModule, readProgress, saveAnswer } from "./progress.js";

class MemoryStore { data = new Map<string, string>(); getItem(k: string) { return this.data.get(k) ?? null; } setItem(k: string, v: string) { this.data.set(k, v); } }

describe("a learner's progress", () => {
  // [type, chosen, answer, right?]
  const table: [string, string[], string[], boolean][] = [
    ["single", ["b"], ["b"], true],
    ["single", ["a"], ["b"], false],
    ["multiple", ["c", "a"], ["a", "c"], true],
    ["multiple", ["a"], ["a", "c"], false],
    ["multiple", ["a", "b", "c"], ["a", "c"], false],
    ["ordering", ["a", "b", "c"], ["a", "b", "c"], true],
    ["ordering", ["b", "a", "c"], ["a", "b", "c"], false],
  ];
  it.each(table)("checks a %s answer %j against %j", (type, chosen, answer, right) => {
    expect(isRight(type, chosen, answer)).toBe(right);
  });

  it("keeps answers and finished modules per audience, and clears a module's answers to take it again", () => {
    const store = new MemoryStore();
    saveAnswer("prosecutors", "q-1", { chosen: ["a"], right: false }, store);
    saveAnswer("prosecutors", "q-2", { chosen: ["b"], right: true }, store);
    markModule("prosecutors", "nexus", true, [], store);
    expect(readProgress("prosecutors", store)).toEqual({ answers: { "q-1": { chosen: ["a"], right: false }, "q-2": { chosen: ["b"], right: true } }, done: { nexus: true } });
    expect(readProgress("judges", store)).toEqual({ answers: {}, done: {} });
    expect(markModule("prosecutors", "nexus", false, ["q-1"], store)).toEqual({ answers: { "q-2": { chosen: ["b"], right: true } }, done: {} });
  });

  it("starts afresh from unreadable storage", () => {
    const store = new MemoryStore();
    store.setItem("nexus.training.police", "{not json");
    expect(readProgress("police", store)).toEqual({ answers: {}, done: {} });
  });
});
