/**
 * The evidence-gap map (decision 0037) through the API, on both engines: JSON, CSV and PDF, and
 * the access rule — each viewer's map holds exactly the evidence they may read. A RED group's
 * observations change a cell only for its readers (and for them only with a reason); an
 * observation citing a source a member cannot read is left out of their cell; non-members get
 * 404 and anonymous callers 401.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/core/csv.js";
import { insertObservations } from "../../src/server/watch/watch.repository.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture, type Response } from "../support/platform.js";

const WHY = { headers: { "x-access-reason": encodeURIComponent("preparing the joint briefing") } };
const POVERTY = "env-economic.poverty";
const BORDER = "env-geography.border-proximity";
const COLLAPSE = "env-governance.state-collapse";
const PORTS = "env-geography.ungoverned-territory";
const pdfText = (r: Response) => execFileSync("pdftotext", ["-q", "-layout", "-", "-"], { input: r.raw }).toString();

interface Cell { state: string; observations: number; sources: number; reasons: { key: string }[]; priorities: string[] }
interface GapMapBody {
  areas: { id: string; name: string; withheld: boolean }[];
  factors: { id: string; rows: { indicator: string; statement: string; cells: Cell[] }[] }[];
  gaps: { area: string; indicator: string }[];
  collectNext: { area: string; indicator: string; score: number; explanation: { key: string }[] }[];
  priorities: { id: string; title: string; indicators: string[] }[];
  factorNames: Record<string, string>;
  marking: string;
}

describe.each(engines)("evidence-gap map on $name", ({ create }) => {
  let f: Fixture;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  const url = (q = "") => `/api/v1/watch/workspaces/${f.ids.ws}/gap-map${q}`;
  const map = async (who: string, opts = {}): Promise<GapMapBody> => {
    const r = await c[who].request("GET", url(), undefined, opts);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };
  const cellOf = (m: GapMapBody, indicator: string, area: string) => {
    const col = m.areas.findIndex((a) => a.id === area);
    expect(col, `area ${area} on the map`).toBeGreaterThanOrEqual(0);
    return m.factors.flatMap((x) => x.rows).find((r) => r.indicator === indicator)!.cells[col];
  };
  const cellsOnly = (m: GapMapBody) => JSON.stringify({ factors: m.factors, gaps: m.gaps, collectNext: m.collectNext });

  beforeAll(async () => {
    f = await platformFixture(create);
    for (const who of ["alice", "bob", "carol", "dave", "erin", "mallory", "olga"]) c[who] = await f.as(who);
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const post = async (who: string, path: string, body: unknown, opts = {}) => {
      const r = await c[who].request("POST", path, body, opts);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${r.text}`);
      return r.body.id as string;
    };
    id.s1 = await post("alice", `${W}/sources`, { name: "UN panel of experts", marking: "CLEAR", body: { type: "official", reliability: "A" } });
    id.s2 = await post("alice", `${W}/sources`, { name: "Border police liaison", marking: "GREEN", body: { type: "partner-agency", reliability: "B" } });
    id.north = await post("alice", `${W}/areas`, { name: "North district", marking: "GREEN", body: { country: "ML" } });
    // A name a spreadsheet would run as a formula.
    id.coast = await post("alice", `${W}/areas`, { name: "=HYPERLINK(\"http://example.org\")", marking: "AMBER", body: { country: "NE" } });
    const observe = (area: string, indicator: string, source: string, on = "2026-09-01") =>
      post("alice", `/api/v1/watch/subjects/${area}/observations`, { indicator, state: "present", observed_at: on, sources: [source], credibility: 2 });
    await observe(id.north, POVERTY, id.s1);
    await observe(id.north, POVERTY, id.s2, "2026-09-15");
    await observe(id.north, BORDER, id.s1);
  }, 120_000);
  afterAll(async () => { await f?.close(); });

  it("maps indicators by area: solid on two sources, weak on one, none without, with reasons and research priorities", async () => {
    const m = await map("alice");
    expect(m.areas.map((a) => a.name).sort()).toEqual(["=HYPERLINK(\"http://example.org\")", "North district"]);
    expect(cellOf(m, POVERTY, id.north)).toMatchObject({ state: "solid", observations: 2, sources: 2, priorities: [] });
    const weak = cellOf(m, BORDER, id.north);
    expect(weak).toMatchObject({ state: "weak", observations: 1, sources: 1 });
    expect(weak.reasons.map((r) => r.key)).toEqual(["watch.msg.gaps.reason.singleSource"]);
    expect(cellOf(m, POVERTY, id.coast)).toMatchObject({ state: "none", observations: 0 });
    // Each gap names the research priorities that list its indicator, with their titles.
    const asked = m.priorities.find((p) => p.indicators.length)!;
    const gap = cellOf(m, asked.indicators[0], id.coast);
    expect(gap.priorities).toContain(asked.id);
    expect(asked.title.length).toBeGreaterThan(5);
    expect(Object.values(m.factorNames)).toContain("Geography of operations");
    expect(m.collectNext.length).toBeGreaterThan(0);
    expect(m.collectNext[0].explanation[0].key).toMatch(/^watch\.msg\.gaps\.next\./);
    expect(m.marking).toBe("AMBER");
  });

  it("answers 404 to non-members (outsiders, revoked members, oversight), 401 to anonymous callers, and 400 to an unknown format", async () => {
    for (const who of ["dave", "erin", "mallory", "olga"]) {
      for (const q of ["", "?format=csv", "?format=pdf"]) expect((await c[who].get(url(q))).status, `${who} ${q}`).toBe(404);
    }
    expect((await f.anonymous.get(url())).status).toBe(401);
    const bad = await c.alice.get(url("?format=xls"));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("format");
  });

  it("changes a cell for a RED group's observation only for its readers, and for them only with a reason", async () => {
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const before = { alice: await map("alice"), carol: await map("carol"), bob: await map("bob") };
    // Bob records a RED group in the north, readable by him alone, and observes a sign on it from two sources.
    const g = await c.bob.request("POST", `${W}/groups`, { name: "Zq hidden cell", marking: "RED", recipients: [], body: { type: "terrorist", areas: [id.north] } }, WHY);
    expect(g.status, g.text).toBe(201);
    for (const s of [id.s1, id.s2]) {
      const o = await c.bob.request("POST", `/api/v1/watch/subjects/${g.body.id}/observations`, { indicator: COLLAPSE, state: "present", observed_at: "2026-10-01", sources: [s], credibility: 2 }, WHY);
      expect(o.status, o.text).toBe(201);
    }
    for (const who of ["alice", "carol"] as const) {
      const after = await map(who);
      expect(cellOf(after, COLLAPSE, id.north).state, who).toBe("none");
      expect(cellsOnly(after), who).toBe(cellsOnly(before[who]));
      // It says that something is not visible, never what.
      expect(after.areas.find((a) => a.id === id.north)!.withheld).toBe(true);
      for (const q of ["", "?format=csv"]) expect((await c[who].get(url(q))).text).not.toContain("Zq hidden");
      expect(pdfText(await c[who].get(url("?format=pdf")))).not.toContain("Zq hidden");
    }
    // Without a reason the RED group is withheld from bob too; with one it counts.
    expect(cellsOnly(await map("bob"))).toBe(cellsOnly(before.bob));
    expect(cellOf(await map("bob", WHY), COLLAPSE, id.north)).toMatchObject({ state: "solid", observations: 2, sources: 2 });
  });

  it("leaves out of a member's cell an observation citing a source they cannot read", async () => {
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const red = await c.bob.request("POST", `${W}/sources`, { name: "Bob's informant", marking: "RED", recipients: [], body: { type: "human", reliability: "A" } }, WHY);
    expect(red.status, red.text).toBe(201);
    // The API refuses such a citation on a GREEN area (the source must cover the subject); rows written before that
    // rule, or a source narrowed since, are still there, so the map must filter them itself.
    const u = (await f.t.db.query<{ id: string }>("select id from app_user where email = 'bob@example.org'")).rows[0];
    await insertObservations(f.t.db, [PORTS, PORTS].map((indicator, i) => ({
      id: `obs-gap-${i}`, subject_id: id.north, indicator, state: "present", trend: null, observed_at: `2026-10-0${i + 1}`, reported_at: "2026-10-05",
      source_ids: i ? [red.body.id] : [id.s1], credibility: 2, note: "", created_by: u.id,
    })));
    expect(cellOf(await map("carol"), PORTS, id.north)).toMatchObject({ state: "weak", observations: 1, sources: 1 });
    expect(cellOf(await map("alice"), PORTS, id.north)).toMatchObject({ state: "weak", observations: 1, sources: 1 });
    expect(cellOf(await map("bob"), PORTS, id.north)).toMatchObject({ state: "weak", observations: 1, sources: 1 });
    expect(cellOf(await map("bob", WHY), PORTS, id.north)).toMatchObject({ state: "solid", observations: 2, sources: 2 });
  });

  it("exports CSV with a header in the reader's language, one row per cell, formula-safe, audited", async () => {
    const r = await c.alice.get(url("?format=csv&lang=fr"));
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toMatch(/^text\/csv/);
    expect(String(r.headers["content-disposition"])).toContain("evidence-gaps.csv");
    const { rows } = parseCsv(r.text);
    expect(rows[0].slice(0, 4)).toEqual(["Point de vigilance", "Indicateur", "Zone", "Éléments"]);
    const m = await map("alice");
    const indicators = m.factors.reduce((n, x) => n + x.rows.length, 0);
    expect(rows.length - 1).toBe(indicators * m.areas.length);
    // The area named like a formula is written defused.
    expect(r.text).toContain(`"'=HYPERLINK(""http://example.org"")"`);
    expect(r.text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(rows.find((row) => row[9] === POVERTY && row[10] === id.north)![3]).toBe("Solide");
    const audit = await f.t.db.query<{ details: { format: string } }>("select details from audit_log where action = 'watch.gap-map-export' order by seq");
    expect(audit.rows.map((a) => a.details.format)).toContain("csv");
  });

  it("prints a landscape PDF with the matrix, its legend, the gaps and what to collect next, in the reader's language, audited", async () => {
    const seqBefore = (await f.t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'watch.gap-map-export'")).rows[0].n;
    const r = await c.alice.get(url("?format=pdf"));
    expect(r.status).toBe(200);
    expect(r.raw.subarray(0, 4).toString()).toBe("%PDF");
    const info = execFileSync("pdfinfo", ["-"], { input: r.raw }).toString();
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.27/);
    const text = pdfText(r).replace(/\s+/g, " ");
    for (const s of ["Evidence-gap map", "Indicators by area", "Legend: ● solid, ◐ weak, ○ no evidence.", "A1 = =HYPERLINK", "North district", "Indicators by manifestation",
      "Gaps and the research priorities they serve", "What to collect next", "TLP:AMBER"]) expect(text, s).toContain(s);
    const ar = await c.alice.get(url("?format=pdf&lang=ar"));
    // pdftotext marks bidirectional runs and spaces Arabic its own way: compare without either (as documents.test.ts does).
    const plain = execFileSync("pdftotext", ["-q", "-", "-"], { input: ar.raw }).toString().replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, "");
    expect(plain).toContain("خريطةثغراتالأدلة");
    expect(plain).toContain("المؤشراتحسبالمنطقة");
    const seqAfter = (await f.t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'watch.gap-map-export'")).rows[0].n;
    expect(seqAfter - seqBefore).toBe(2);
  });
});
