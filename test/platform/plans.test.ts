import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

describe.each(engines)("implementation self-assessment API on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, carol: Client, mallory: Client;
  let id: string;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, carol, mallory] = await Promise.all(["alice", "bob", "carol", "mallory"].map((w) => f.as(w)));
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
    // Contributors rate; only a coordinator settles.
    expect((await carol.post(`/api/v1/plans/self-assessments/${id}/agreed/hague-2`, { in_place: "PC", reason: "I think so" })).status).toBe(403);
    const agreed = await alice.post(`/api/v1/plans/self-assessments/${id}/agreed/hague-2`, { in_place: "PC", working: "Low", reason: "agreed at the validation workshop of 3 November" });
    expect(agreed.status).toBe(201);
    expect(agreed.body.disagreements).toEqual([]);
    const row = agreed.body.gaps.rows.find((r: { practice: string }) => r.practice === "hague-2");
    expect(row).toMatchObject({ inPlace: "PC", working: "Low", complianceGap: 2, effectivenessGap: 3 });
  });

  it("keeps the history of follow-up reviews: contributors rate afresh, earlier agreed ratings stay", async () => {
    await alice.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/hague-5`, { institution: "Ministry of Justice", in_place: "C", working: "High" });
    const started = await alice.post(`/api/v1/plans/self-assessments/${id}/reviews`, { name: "Follow-up review 2027" });
    expect(started.status).toBe(201);
    expect(started.body.review).toMatchObject({ number: 2, name: "Follow-up review 2027" });
    // Before re-rating, the agreed rating of the first review still counts.
    expect(started.body.ratings).toEqual([]);
    expect(started.body.gaps.rows.find((r: { practice: string }) => r.practice === "hague-2")).toMatchObject({ inPlace: "PC", working: "Low" });
    // A practice one contributor rated in the first review keeps that rating until it is re-rated.
    expect(started.body.gaps.rows.find((r: { practice: string }) => r.practice === "hague-5")).toMatchObject({ inPlace: "C", working: "High" });
    await alice.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/hague-2`, { institution: "Ministry of Justice", in_place: "LC", working: "Moderate" });
    await alice.post(`/api/v1/plans/self-assessments/${id}/agreed/hague-2`, { in_place: "LC", working: "Moderate", reason: "follow-up review, June 2027" });
    const h = await alice.get(`/api/v1/plans/self-assessments/${id}/history/hague-2`);
    expect(h.body.cycles.map((c: { cycle: number; in_place: string }) => [c.cycle, c.in_place])).toEqual([[1, "PC"], [2, "LC"]]);
    const all = await alice.get(`/api/v1/plans/self-assessments/${id}/history`);
    expect(all.body.reviews.map((r: { number: number; mean_in_place: number; mean_working: number }) => [r.number, r.mean_in_place, r.mean_working])).toEqual([[1, 1, 0], [2, 2, 1]]);
    expect(all.body.practices["hague-2"].map((c: { review: number }) => c.review)).toEqual([1, 2]);
  });

  it("records responsible actors and units, assistance requested, and evidence links and files", async () => {
    const base = `/api/v1/plans/self-assessments/${id}`;
    expect((await alice.request("PUT", `${base}/units`, { units: [{ id: "moj-leg", name: "Ministry of Justice, legislative unit", actor: "policy-makers" }] })).body.units).toHaveLength(1);
    const d = await alice.request("PUT", `${base}/practices/hague-2`, { actors: ["policy-makers", "prosecutors"], units: ["moj-leg"], assistance_requested: true, assistance_note: "drafting support for the asset-recovery bill" });
    expect(d.status).toBe(200);
    expect(d.body.details).toEqual([expect.objectContaining({ practice: "hague-2", actors: ["policy-makers", "prosecutors"], units: ["moj-leg"], assistance_requested: true })]);
    const link = await alice.post(`${base}/evidence/hague-2`, { kind: "link", label: "Gazette notice", url: "https://example.org/gazette/2026-14" });
    expect(link.status).toBe(201);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2000, 32)]);
    const file = await carol.post(`${base}/evidence/hague-2`, { kind: "file", filename: "minutes.pdf", content_type: "application/pdf", data: pdf.toString("base64") });
    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({ kind: "file", size: pdf.length, filename: "minutes.pdf" });
    const back = await bob.get(`${base}/evidence/${file.body.id}/file`);
    expect(back.headers["content-type"]).toBe("application/pdf");
    expect(back.headers["content-disposition"]).toContain("minutes.pdf");
    expect(back.raw.equals(pdf)).toBe(true);
    const s = await alice.get(base);
    expect(s.body.evidence.map((e: { kind: string }) => e.kind)).toEqual(["link", "file"]);
    expect(JSON.stringify(s.body.evidence)).not.toContain("data_base64");
    expect((await alice.del(`${base}/evidence/${link.body.id}`)).status).toBe(204);
    expect((await alice.get(base)).body.evidence).toHaveLength(1);
    expect((await mallory.get(`${base}/evidence/${file.body.id}/file`)).status).toBe(404);
  });

  it("refuses oversized, mistyped and disguised uploads, naming the field, and stores nothing", async () => {
    const base = `/api/v1/plans/self-assessments/${id}/evidence/hague-3`;
    const b64 = (b: Buffer) => b.toString("base64");
    const cases: [unknown, number, string][] = [
      [{ kind: "file", filename: "big.pdf", content_type: "application/pdf", data: b64(Buffer.concat([Buffer.from("%PDF-"), Buffer.alloc(2 * 1024 * 1024)])) }, 413, "data"],
      [{ kind: "file", filename: "tool.exe", content_type: "application/x-msdownload", data: b64(Buffer.from("MZ\x90")) }, 415, "content_type"],
      [{ kind: "file", filename: "report.pdf", content_type: "application/pdf", data: b64(Buffer.from("MZ this is not a pdf")) }, 415, "data"],
      [{ kind: "file", filename: "report.png", content_type: "application/pdf", data: b64(Buffer.from("%PDF-1.4")) }, 400, "filename"],
      [{ kind: "file", filename: "notes.txt", content_type: "text/plain", data: b64(Buffer.from([0x00, 0x01, 0xff])) }, 415, "data"],
      [{ kind: "file", filename: "notes.txt", content_type: "text/plain", data: "not base64!" }, 400, "data"],
      [{ kind: "link", label: "x", url: "javascript:alert(1)" }, 400, "url"],
      [{ kind: "video", label: "x" }, 400, "kind"],
    ];
    for (const [body, status, param] of cases) {
      const r = await alice.post(base, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.body.errors[0].param, JSON.stringify(body).slice(0, 80)).toBe(param);
    }
    const huge = await alice.post(base, { kind: "file", filename: "huge.pdf", content_type: "application/pdf", data: "A".repeat(4 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].param).toBe("body");
    const n = await f.t.db.query<{ n: string }>("select count(*) as n from plan_evidence where practice = 'hague-3'");
    expect(Number(n.rows[0].n)).toBe(0);
  });

  it("starts a new assessment from an earlier one: agreed ratings, units and details carry over, with where they came from", async () => {
    const r = await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "National review 2028", country: "KE", framework: "hague", marking: "AMBER", copy_from: id });
    expect(r.status).toBe(201);
    const s = await alice.get(`/api/v1/plans/self-assessments/${r.body.id}`);
    expect(s.body.agreed).toEqual([expect.objectContaining({ practice: "hague-2", cycle: 1, in_place: "LC", working: "Moderate", reason: expect.stringMatching(/^carried over from "National review 2026" \(review 2\): /) })]);
    expect(s.body.units.map((u: { id: string }) => u.id)).toEqual(["moj-leg"]);
    expect(s.body.details.find((d: { practice: string }) => d.practice === "hague-2")).toMatchObject({ assistance_requested: true });
    expect(s.body.ratings).toEqual([]);
    // Nothing of another workspace can be copied, and a refusal creates nothing.
    const before = await f.t.db.query<{ n: string }>("select count(*) as n from record where kind = 'self-assessment'");
    const other = await mallory.post("/api/v1/workspaces", { name: "Elsewhere" });
    const refused = await mallory.post(`/api/v1/plans/workspaces/${other.body.id}/self-assessments`, { name: "Copy", country: "KE", marking: "AMBER", copy_from: id });
    expect(refused.body.errors[0].param).toBe("copy_from");
    expect((await f.t.db.query<{ n: string }>("select count(*) as n from record where kind = 'self-assessment'")).rows[0].n).toBe(before.rows[0].n);
  });

  it("rejects bad input with the field and the reason, writing nothing", async () => {
    const cases: [string, unknown, string][] = [
      [`/ratings/hague-99`, { institution: "MoJ", in_place: "C" }, "practice"],
      [`/ratings/addendum-1`, { institution: "MoJ", in_place: "C" }, "practice"],
      [`/ratings/hague-1`, { institution: "MoJ", in_place: "Mostly" }, "in_place"],
      [`/ratings/hague-1`, { institution: "MoJ", working: "Great" }, "working"],
      [`/ratings/hague-1`, { institution: "MoJ", steps: { "9": "done" } }, "steps.9"],
      [`/ratings/hague-1`, { in_place: "C" }, "institution"],
      [`/practices/hague-1`, { actors: ["astronauts"] }, "actors.0"],
      [`/practices/hague-1`, { units: ["no-such-unit"] }, "units.0"],
      [`/units`, { units: [{ id: "u1", name: "Unit", actor: "astronauts" }] }, "units.0.actor"],
      [`/units`, { units: [{ id: "Bad Id", name: "Unit", actor: "prosecutors" }] }, "units.0.id"],
    ];
    for (const [path, body, param] of cases) {
      const r = await alice.request("PUT", `/api/v1/plans/self-assessments/${id}${path}`, body);
      expect(r.status, path).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(body)).toBe(param);
    }
    const n = await f.t.db.query<{ n: string }>("select (select count(*) from plan_rating where practice in ('hague-1', 'hague-99', 'addendum-1')) + (select count(*) from plan_practice where practice = 'hague-1') as n");
    expect(Number(n.rows[0].n)).toBe(0);
    expect((await alice.get(`/api/v1/plans/self-assessments/${id}`)).body.units.map((u: { id: string }) => u.id)).toEqual(["moj-leg"]);
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
