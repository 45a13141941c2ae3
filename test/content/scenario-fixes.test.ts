/**
 * The scenario fixes of issue 11: scenarios for integration and transformation, a facilitator
 * caution on the controlled delivery of firearms (Addendum GP 12), the joint cross-border task
 * force rated as Hague GP 25 asks, and UNSCR 2133 in the ransom decision. The new scenarios are
 * also played from the lobby to the end with the exercise engine, along the aligned answers and
 * along the branching ones.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { initialState, nextPhases, reduce, type Actor, type Command, type SessionState } from "../../src/core/exercises/engine.js";
import type { Answer, ExerciseEvent } from "../../src/core/exercises/events.js";
import { afterAction } from "../../src/core/exercises/report.js";
import type { DecisionOption, DecisionPoint, Scenario } from "../../src/core/knowledge/schema.js";
import { handbookDoc, manualDoc } from "../../src/server/exercises/documents.js";
import { play } from "../support/exercises.js";

const { kb, problems } = loadContent();
const scenario = (id: string) => {
  const s = kb.scenarios.find((x) => x.id === id);
  expect(s, `scenario ${id}`).toBeDefined();
  return s!;
};
const decision = (sc: Scenario, id: string) => {
  const d = sc.phases.flatMap((p) => p.decisions).find((x) => x.id === id);
  expect(d, `${sc.id}/${id}`).toBeDefined();
  return d!;
};
const option = (d: DecisionPoint, id: string) => {
  const o = d.options.find((x) => x.id === id);
  expect(o, `${d.id}/${id}`).toBeDefined();
  return o!;
};

describe("scenario fixes (issue 11)", () => {
  it("the scenario library validates", () => {
    expect(problems.filter((p) => p.file.startsWith("scenarios/"))).toEqual([]);
  });

  it("has scenarios that exercise integration and transformation", () => {
    const listing = (m: string) => kb.scenarios.filter((s) => s.manifestations.includes(m)).map((s) => s.id);
    expect(listing("integration")).toContain("robbery-crew-joins-cell");
    expect(listing("transformation")).toContain("salt-coast-front-turns-to-profit");
  });

  it("grounds each new scenario in the toolkit's definition of its manifestation", () => {
    const cases: [string, string, RegExp][] = [
      ["robbery-crew-joins-cell", "integration", /Organizational nexus, c\. Integration/],
      ["salt-coast-front-turns-to-profit", "transformation", /Organizational nexus, e\. Transformation/],
    ];
    for (const [id, manifestation, locator] of cases) {
      const sc = scenario(id);
      const definition = kb.manifestations.find((m) => m.id === manifestation)!;
      expect(definition.citation.locator).toMatch(locator);
      expect(sc.grounding.some((g) => g.citation.source === "hague-toolkit-2019" && locator.test(g.citation.locator)), `${id} grounding`).toBe(true);
      expect(sc.citation.locator).toMatch(locator);
    }
  });

  it("cautions the facilitator on the controlled delivery of firearms with Addendum GP 12's own warning", () => {
    const deliveries = kb.scenarios.flatMap((s) => s.phases.flatMap((p) => p.decisions.filter((d) => /controlled delivery/i.test(d.prompt)).map((d) => ({ s, d }))));
    expect(deliveries.length).toBeGreaterThan(0);
    for (const { s, d } of deliveries) {
      // The options that let the goods run under control are the aligned ones; each carries the caution.
      const letRun = d.options.filter((o) => o.alignment === "aligned");
      expect(letRun.length, `${s.id}/${d.id}`).toBeGreaterThan(0);
      for (const o of letRun) {
        expect(o.caution, `${s.id}/${d.id}/${o.id}`).toBeDefined();
        expect(o.caution!.practices).toContain("addendum-12");
        // Step 8 is the practice's warning: take great care and limit the risk of losing control of the goods.
        expect(o.caution!.text).toMatch(/Addendum GP 12, steps? (?:\d+(?:, | and ))*8\b/);
        expect(o.caution!.text).toMatch(/los(e|ing) (sight|control|track)/i);
      }
    }
    expect(option(decision(scenario("firearms-broker-transit-route"), "d-controlled-delivery"), "agree-under-control").caution?.practices).toEqual(["addendum-12"]);
  });

  it("prints the caution and the instruments in the facilitator's handbook, and not in the players' manual", () => {
    const firearms = scenario("firearms-broker-transit-route");
    const caution = option(decision(firearms, "d-controlled-delivery"), "agree-under-control").caution!.text;
    const text = (doc: { blocks: unknown[] }) => JSON.stringify(doc.blocks);
    const inJson = (x: string) => JSON.stringify(x).slice(1, -1);
    expect(text(handbookDoc(firearms, kb, "2027-03-01"))).toContain(inJson(`Caution for the facilitator: ${caution}`));
    expect(text(manualDoc(firearms, kb, "2027-03-01"))).not.toContain(inJson(caution));
    const name = (id: string) => kb.instruments.find((i) => i.id === id)!.name;
    const kidnap = handbookDoc(scenario("kidnap-for-ransom-borderlands"), kb, "2027-03-01");
    expect(text(kidnap)).toContain(inJson(`Instruments: ${["unscr-1267", "unscr-1373", "unscr-2133"].map(name).join("; ")}.`));
  });

  it("rates the joint cross-border task force as aligned with Hague GP 25", () => {
    const o = option(decision(scenario("kidnap-for-ransom-borderlands"), "d-villages"), "border-task-force");
    expect(o.alignment).toBe("aligned");
    expect(o.practices).toContain("hague-25");
    expect(o.rationale).toMatch(/Hague GP 25, steps? /);
  });

  it("cites UNSCR 2133 (2014) on kidnapping for ransom in the ransom decision", () => {
    const unscr2133 = kb.instruments.find((i) => i.id === "unscr-2133");
    expect(unscr2133?.year).toBe(2014);
    const d = decision(scenario("kidnap-for-ransom-borderlands"), "d-ransom");
    const citing = d.options.filter((o) => o.instruments.includes("unscr-2133"));
    expect(citing.map((o) => o.id)).toContain("law-and-partnership");
    for (const o of citing) expect(o.rationale).toMatch(/resolution 2133 \(2014\)/);
  });
});

// ---- playing the new scenarios with the engine -------------------------------------------

const F: Actor = { kind: "facilitator" };
const at = "2027-03-01T09:00:00.000Z";
type Session = { state: SessionState; log: ExerciseEvent[] };

const apply = (sc: Scenario, s: Session, actor: Actor, c: Command) => play(sc, s, actor, c, at);

type Pick = (d: DecisionPoint) => DecisionOption[];
const alignedFirst: Pick = (d) => [...d.options].sort((a, b) => Number(b.alignment === "aligned") - Number(a.alignment === "aligned"));
const branchFirst: Pick = (d) => [...d.options].sort((a, b) => Number(Boolean(b.branch)) - Number(Boolean(a.branch)) || Number(b.alignment === "aligned") - Number(a.alignment === "aligned"));

function answerFor(d: DecisionPoint, pick: Pick): Answer {
  const ordered = pick(d);
  switch (d.response) {
    case "single": return { option: ordered[0].id };
    // One option, so that the room's choice is not a tie.
    case "multiple": return { options: [ordered[0].id] };
    case "rank": return { order: ordered.map((o) => o.id) };
    default: return { text: ordered[0].text };
  }
}

/** Plays a scenario from the lobby to the end, one member per role at one table, answering each decision with `pick`. */
function playThrough(sc: Scenario, pick: Pick) {
  const s: Session = { state: initialState(), log: [] };
  sc.roles.forEach((r, i) => {
    const e = { type: "member-joined", member: { id: `m${i}`, pseudonym: `M${i}`, role: r.id, table: "t1", language: "en", kind: "participant" }, seq: s.state.seq + 1, at } as ExerciseEvent;
    s.log.push(e);
    s.state = reduce(s.state, e);
  });
  const member = (role: string) => `m${sc.roles.findIndex((r) => r.id === role)}`;
  const P = (m: string): Actor => ({ kind: "participant", member: m, ballot: `ballot-${m}` });
  apply(sc, s, F, { type: "start-briefing" });
  const withheld: string[] = [];
  for (let guard = 0; guard < sc.phases.length; guard++) {
    const next = nextPhases(s.state, sc);
    if (!next.length) break;
    expect(next).toHaveLength(1);
    apply(sc, s, F, { type: "enter-phase", phase: next[0] });
    apply(sc, s, F, { type: "release-situation" });
    const phase = sc.phases.find((p) => p.id === next[0])!;
    const releasable = () => phase.injects.filter((i) => !s.state.injects.includes(i.id) && (i.release.mode === "manual" || s.state.tallies[i.release.decision]?.chosen === i.release.option));
    for (const inj of releasable()) apply(sc, s, F, { type: "release-inject", inject: inj.id });
    for (const d of phase.decisions) {
      apply(sc, s, F, { type: "open-decision", decision: d.id });
      const deciders = d.scope === "role" ? d.roles.map(member) : sc.roles.map((r) => member(r.id));
      for (const m of deciders) expect(apply(sc, s, P(m), { type: "respond", decision: d.id, answer: answerFor(d, pick), request: `${d.id}-${m}` })).toHaveLength(1);
      apply(sc, s, F, { type: "close-decision", decision: d.id });
      apply(sc, s, F, { type: "reveal", decision: d.id });
      expect(s.state.tallies[d.id].chosen, `${sc.id}/${d.id}`).not.toBeNull();
    }
    for (const inj of releasable()) apply(sc, s, F, { type: "release-inject", inject: inj.id });
    withheld.push(...phase.injects.filter((i) => !s.state.injects.includes(i.id)).map((i) => i.id));
  }
  apply(sc, s, F, { type: "open-hotwash" });
  for (const [i, r] of sc.roles.entries()) {
    const answers = Object.fromEntries(sc.hotwash.map((q) => [q.id, q.kind === "rating" ? 1 + (i % 5) : `Notes from ${r.name}`]));
    apply(sc, s, P(member(r.id)), { type: "hotwash", answers, anonymous: i % 2 === 0, request: `hw-${i}` });
  }
  apply(sc, s, F, { type: "end" });
  return { s, withheld };
}

describe("the new scenarios in the exercise engine", () => {
  it.each(["robbery-crew-joins-cell", "salt-coast-front-turns-to-profit"])("%s plays from the lobby to the end, along the aligned answers and along the branches", (id) => {
    const sc = scenario(id);
    const mainPhases = sc.phases.filter((p) => !p.branch).map((p) => p.id);
    const branchPhases = sc.phases.filter((p) => p.branch).map((p) => p.id);
    expect(branchPhases.length).toBeGreaterThan(0);

    const good = playThrough(sc, alignedFirst);
    expect(good.s.state.status).toBe("ended");
    expect(good.s.state.played).toEqual(mainPhases);
    const goodReport = afterAction(sc, good.s.log, Object.fromEntries(kb.practices.map((p) => [p.id, p.actors])));
    expect(goodReport.decisions.length).toBe(sc.phases.filter((p) => !p.branch).flatMap((p) => p.decisions).length);
    expect(goodReport.decisions.every((d) => d.chosenAlignment === "aligned"), JSON.stringify(goodReport.decisions.map((d) => [d.decision, d.chosenAlignment]))).toBe(true);
    // Aligned play releases every inject that waits on an aligned choice.
    const waitingOnAligned = sc.phases.filter((p) => !p.branch).flatMap((p) => p.injects).filter((i) => i.release.mode === "conditional" && decision(sc, i.release.decision).options.find((o) => o.id === (i.release as { option: string }).option)?.alignment === "aligned");
    expect(waitingOnAligned.length).toBeGreaterThan(0);
    for (const i of waitingOnAligned) expect(good.s.state.injects).toContain(i.id);
    expect(goodReport.hotwash.length).toBe(sc.hotwash.length);

    const risky = playThrough(sc, branchFirst);
    expect(risky.s.state.status).toBe("ended");
    for (const b of branchPhases) expect(risky.s.state.played).toContain(b);
    expect(risky.s.state.played.filter((p) => mainPhases.includes(p))).toEqual(mainPhases);
    // A conditional inject whose option was not chosen stays back.
    expect(risky.withheld.length).toBeGreaterThan(0);
    expect(new Set([...good.s.state.played, ...risky.s.state.played])).toEqual(new Set(sc.phases.map((p) => p.id)));
  });
});
