import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

describe.each(engines)("implementation self-assessment API on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, carol: Client, mallory: Client;
  let id: string;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, carol, mallory] = await Promise.all(["alice", "carol", "mallory"].map((w) => f.as(w)));
    const r = await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "National review 2026", country: "KE", framework: "hague", marking: "AMBER" });
    expect(r.status).toBe(201);
    id = r.body.id;
  });
  afterAll(async () => { await f?.close(); });

  it("scopes the assessment to the chosen framework", async () => {
    const s = await alice.get(`/api/v1/plans/self-assessments/${id}`);
    expect(s.body.practices).toHaveLength(25);
    expect(s.body.gaps.notAssessed).toHaveLength(25);
  });

  it("takes ratings from two institutions, shows where they disagree, and records the agreed rating with its reason", async () => {
    expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/hague-2`, { institution: "Ministry of Justice", in_place: "LC", working: "Moderate", steps: { "1": "done", "2": "in-progress" } })).status).toBe(200);
    const second = await carol.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/hague-2`, { institution: "Parliamentary committee", in_place: "PC", working: "Low", comment: "the law exists but is rarely used" });
    expect(second.body.disagreements).toEqual([expect.objectContaining({ practice: "hague-2" })]);
    const agreed = await alice.post(`/api/v1/plans/self-assessments/${id}/agreed/hague-2`, { in_place: "PC", working: "Low", reason: "agreed at the validation workshop of 3 November" });
    expect(agreed.status).toBe(201);
    expect(agreed.body.disagreements).toEqual([]);
    const row = agreed.body.gaps.rows.find((r: { practice: string }) => r.practice === "hague-2");
    expect(row).toMatchObject({ inPlace: "PC", working: "Low", complianceGap: 2, effectivenessGap: 3 });
  });

  it("keeps the history of follow-up cycles", async () => {
    await alice.post(`/api/v1/plans/self-assessments/${id}/agreed/hague-2`, { in_place: "LC", working: "Moderate", reason: "follow-up review, June 2027" });
    const h = await alice.get(`/api/v1/plans/self-assessments/${id}/history/hague-2`);
    expect(h.body.cycles.map((c: { cycle: number; in_place: string }) => [c.cycle, c.in_place])).toEqual([[1, "PC"], [2, "LC"]]);
  });

  it("drafts actions from unfinished steps with owners mapped to key actors", async () => {
    const d = await alice.post(`/api/v1/plans/self-assessments/${id}/action-plan/draft`, { units: [{ id: "moj-leg", name: "Ministry of Justice, legislative unit", actor: "policy-makers" }] });
    expect(d.status).toBe(200);
    const forHague2 = d.body.actions.filter((a: { practice: string }) => a.practice === "hague-2");
    expect(forHague2.map((a: { step: number }) => a.step)).not.toContain(1);
    expect(forHague2.length).toBeGreaterThan(0);
    const bad = await alice.post(`/api/v1/plans/self-assessments/${id}/action-plan/draft`, { units: [{ id: "x", name: "X", actor: "astronauts" }] });
    expect(bad.body.errors[0].param).toBe("units");
  });

  it("rejects bad input with the field and the reason, writing nothing", async () => {
    const cases: [string, unknown, string][] = [
      [`/ratings/hague-99`, { institution: "MoJ", in_place: "C" }, "practice"],
      [`/ratings/addendum-1`, { institution: "MoJ", in_place: "C" }, "practice"],
      [`/ratings/hague-1`, { institution: "MoJ", in_place: "Mostly" }, "in_place"],
      [`/ratings/hague-1`, { institution: "MoJ", working: "Great" }, "working"],
      [`/ratings/hague-1`, { institution: "MoJ", steps: { "9": "done" } }, "steps.9"],
      [`/ratings/hague-1`, { in_place: "C" }, "institution"],
    ];
    for (const [path, body, param] of cases) {
      const r = await alice.request("PUT", `/api/v1/plans/self-assessments/${id}${path}`, body);
      expect(r.status, path).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(body)).toBe(param);
    }
    const n = await f.t.db.query<{ n: string }>("select count(*) as n from plan_rating where practice in ('hague-1', 'hague-99', 'addendum-1')");
    expect(Number(n.rows[0].n)).toBe(0);
    const badScope = await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "x", country: "KE", framework: "unicri", marking: "AMBER" });
    expect(badScope.body.errors[0].param).toBe("framework");
  });

  it("shows nothing to users outside the workspace, and the generic record routes cannot create or rewrite it", async () => {
    expect((await mallory.get(`/api/v1/plans/self-assessments/${id}`)).status).toBe(404);
    expect((await mallory.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/hague-3`, { institution: "Customs HQ", in_place: "C" })).status).toBe(404);
    const generic = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "self-assessment", title: "x", body: {}, marking: "AMBER" });
    expect(generic.body.errors[0].param).toBe("kind");
    expect((await alice.patch(`/api/v1/records/${id}`, { body: { practices: [] } })).body.errors[0].param).toBe("body");
  });
});
