import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { audienceIds } from "./audiences.js";
import { KIT_MINUTES, trainerKit } from "./kit.js";
import { learningPath, NEXUS_MODULE } from "./paths.js";

const { kb } = loadContent();
const all = audienceIds.flatMap((a) => learningPath(kb, a).modules.map((m) => ({ a, m, kit: trainerKit(kb, a, m, { base: "https://nexus.example.org" }) })));

describe("trainer kit", () => {
  it("times every module's agenda in blocks that follow on and add up to the stated total", () => {
    for (const { m, kit } of all) {
      let at = 0;
      for (const b of kit.agenda) { expect(b.start, `${m.id} ${b.kind}`).toBe(at); expect(b.minutes).toBeGreaterThan(0); at += b.minutes; }
      expect(kit.total).toBe(at);
      const kinds = kit.agenda.map((b) => b.kind);
      expect(kinds[0]).toBe("opening");
      expect(kinds.at(-1)).toBe("wrap");
      expect(kinds.includes("exercise"), m.id).toBe(m.caseStudy?.kind === "scenario");
      expect(kinds.includes("check"), m.id).toBe(m.questions.length > 0);
      expect(kit.agenda.filter((b) => b.kind === "reading").reduce((n, b) => n + b.minutes, 0)).toBeGreaterThanOrEqual(KIT_MINUTES.practice * m.practices.length);
    }
  });

  it("takes the facilitator's key points from the practices' own summary and steps, word for word", () => {
    const { m, kit } = all.find((x) => x.m.id !== NEXUS_MODULE && x.m.practices.length >= 2)!;
    expect(kit.notes).toHaveLength(m.practices.length);
    kit.notes.forEach((n, i) => {
      const p = kb.practices.find((x) => x.id === m.practices[i])!;
      expect(n.summary).toBe(p.summary);
      expect(n.points).toEqual(p.steps.map((s) => ({ text: s.text, sub: s.points })));
      expect(n.href).toBe(`https://nexus.example.org/practices/${p.id}`);
    });
    const nexus = all.find((x) => x.m.id === NEXUS_MODULE)!.kit;
    expect(nexus.notes[0].points.map((p) => p.text)).toEqual(kb.manifestations.map((x) => `${x.name}: ${x.definition}`));
  });

  it("links a scenario's table-top exercise and gives a manifestation's case no exercise", () => {
    const scenario = all.find((x) => x.m.caseStudy?.kind === "scenario")!;
    expect(scenario.kit.caseStudy!.exercise).toEqual({ scenario: (scenario.m.caseStudy as { id: string }).id, link: `https://nexus.example.org/exercises/scenarios/${(scenario.m.caseStudy as { id: string }).id}` });
    expect(scenario.kit.caseStudy!.prompts.length).toBeGreaterThanOrEqual(2);
    const manifestation = all.find((x) => x.m.caseStudy?.kind === "manifestation-case")!;
    expect(manifestation.kit.caseStudy!.exercise).toBeUndefined();
  });

  it("labels the answer key by the options as shown, in the right order for an ordering question", () => {
    for (const { m, kit } of all) {
      m.questions.forEach((q, i) => {
        const k = kit.questions[i];
        const shown = (label: string) => k.options.find((o) => o.label === label)!.text;
        const right = q.type === "ordering" ? q.options.map((o) => o.text) : q.options.filter((o) => o.correct).map((o) => o.text);
        expect(k.answer.map(shown), q.id).toEqual(right);
        expect(k.options.map((o) => o.label)).toEqual(k.options.map((_, j) => "abcde"[j]));
      });
    }
  });
});
