import { describe, expect, it } from "vitest";
import { syncRequest } from "./cohortSync.js";
import { isRight, markModule, progressPayload, readProgress, saveAnswer } from "./progress.js";

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
    markModule("prosecutors", "nexus", true, [], store, new Date("2026-11-11T09:00:00Z"));
    expect(readProgress("prosecutors", store)).toEqual({
      answers: { "q-1": { chosen: ["a"], right: false }, "q-2": { chosen: ["b"], right: true } }, done: { nexus: true },
      finished: { nexus: { at: "2026-11-11T09:00:00.000Z", right: 0, of: 0 } },
    });
    expect(readProgress("judges", store)).toEqual({ answers: {}, done: {} });
    expect(markModule("prosecutors", "nexus", false, ["q-1"], store)).toEqual({ answers: { "q-2": { chosen: ["b"], right: true } }, done: {}, finished: { nexus: { at: "2026-11-11T09:00:00.000Z", right: 0, of: 0 } } });
  });

  it("starts afresh from unreadable storage", () => {
    const store = new MemoryStore();
    store.setItem("nexus.training.police", "{not json");
    expect(readProgress("police", store)).toEqual({ answers: {}, done: {} });
  });

  it("records when a module was finished and its check's score, keeping the first finish and the best score", () => {
    const store = new MemoryStore();
    saveAnswer("prosecutors", "q-1", { chosen: ["a"], right: true, module: "nexus" }, store);
    saveAnswer("prosecutors", "q-2", { chosen: ["b"], right: false, module: "nexus" }, store);
    saveAnswer("prosecutors", "q-9", { chosen: ["c"], right: true, module: "hague" }, store);
    const first = markModule("prosecutors", "nexus", true, [], store, new Date("2026-11-11T09:00:00Z"));
    expect(first.finished).toEqual({ nexus: { at: "2026-11-11T09:00:00.000Z", right: 1, of: 2 } });
    // Taken again later and done worse: the first finish and the better score stay.
    markModule("prosecutors", "nexus", false, ["q-1", "q-2"], store);
    saveAnswer("prosecutors", "q-1", { chosen: ["d"], right: false, module: "nexus" }, store);
    const again = markModule("prosecutors", "nexus", true, [], store, new Date("2026-11-12T09:00:00Z"));
    expect(again.finished!.nexus).toEqual({ at: "2026-11-11T09:00:00.000Z", right: 1, of: 2 });
    // Taken again and done better: the better score, still the first finish.
    markModule("prosecutors", "nexus", false, ["q-1"], store);
    saveAnswer("prosecutors", "q-1", { chosen: ["a"], right: true, module: "nexus" }, store);
    saveAnswer("prosecutors", "q-2", { chosen: ["b"], right: true, module: "nexus" }, store);
    expect(markModule("prosecutors", "nexus", true, [], store, new Date("2026-11-13T09:00:00Z")).finished!.nexus).toEqual({ at: "2026-11-11T09:00:00.000Z", right: 2, of: 2 });
  });

  it("sends every done module to the cohort of the same path, and nothing otherwise", () => {
    const store = new MemoryStore();
    const now = new Date("2026-11-14T10:00:00Z");
    saveAnswer("prosecutors", "q-1", { chosen: ["a"], right: true, module: "nexus" }, store);
    markModule("prosecutors", "nexus", true, [], store, new Date("2026-11-11T09:00:00Z"));
    // A module marked done before finishes were recorded: its answers, and now.
    store.setItem("nexus.training.prosecutors", JSON.stringify({ ...readProgress("prosecutors", store), done: { nexus: true, "hague-a": true } }));
    saveAnswer("prosecutors", "q-2", { chosen: ["b"], right: false, module: "hague-a" }, store);
    const p = readProgress("prosecutors", store);
    expect(progressPayload(p, now)).toEqual([
      { module: "hague-a", done_at: "2026-11-14T10:00:00.000Z", right: 0, of: 1 },
      { module: "nexus", done_at: "2026-11-11T09:00:00.000Z", right: 1, of: 1 },
    ]);
    const place = { token: "secret", audience: "prosecutors", cohort: "[Synthetic] Course" };
    expect(syncRequest(place, "prosecutors", p, now)).toEqual({ token: "secret", body: { modules: progressPayload(p, now) } });
    expect(syncRequest(place, "judges", p, now)).toBeNull();
    expect(syncRequest(null, "prosecutors", p, now)).toBeNull();
    expect(syncRequest(place, "prosecutors", { answers: {}, done: {} }, now)).toBeNull();
  });
});
