import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { textOf } from "../../src/core/watch/messages.js";

/**
 * Assessment reports: PDF text is read back with poppler's pdftotext, DOCX parts with unzip
 * (scripts/setup-test-deps.mjs installs poppler-utils when it is missing).
 */
const dir = mkdtempSync(join(tmpdir(), "nexus-report-"));
let n = 0;
const save = (buf: Buffer, ext: string) => { const file = join(dir, `r${n++}.${ext}`); writeFileSync(file, buf); return file; };
const pdfText = (buf: Buffer) => execFileSync("pdftotext", ["-layout", save(buf, "pdf"), "-"], { encoding: "utf8", maxBuffer: 32 << 20 });
const zipPart = (file: string, part: string) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 32 << 20 });
const zipParts = (file: string) => execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).split("\n").filter(Boolean);
/** The visible text of a WordprocessingML part: the runs' text, entities decoded. */
const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const count = (text: string, s: string) => text.split(s).length - 1;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)("assessment reports on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, mallory: Client, dave: Client;
  const id: Record<string, string> = {};
  let assessment: { id: string; body: { analysis: { ranking: { id: string; name: string }[]; practices: { title: string }[] } } };
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const fetchRaw = async (who: Client, url: string) => {
    const r = await f.app.inject({ method: "GET", url, headers: { cookie: who.cookie!, "x-csrf-token": who.csrf! } });
    return { status: r.statusCode, headers: r.headers, raw: r.rawPayload };
  };

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, mallory, dave] = await Promise.all(["alice", "mallory", "dave"].map((w) => f.as(w)));
    const src = async (name: string, type: string, reliability: string) => (await alice.post(`${W()}/sources`, { name, marking: "AMBER", body: { type, reliability } })).body.id;
    id.s1 = await src("Border police liaison", "partner-agency", "B");
    id.s2 = await src("UN panel of experts", "official", "A");
    id.s3 = await src("Regional newspaper", "media", "D");
    const area = await alice.post(`${W()}/areas`, { name: "Liptako-Gourma border zone", marking: "AMBER", body: { country: "ML", context: "post-conflict" } });
    id.area = area.body.id;
    const obs: [string, string, string[]][] = [
      ["env-geography.ungoverned-territory", "present", [id.s1]],
      ["env-governance.eroding-state-institutions", "present", [id.s2]],
      ["env-economic.illicit-economy-dominance", "present", [id.s1, id.s3]],
      ["env-geography.border-proximity", "present", [id.s2]],
      ["org-leadership.factions-forming", "absent", [id.s3]],
      ["org-recruitment.economic-incentives", "present", [id.s1]],
    ];
    for (const [indicator, state, sources] of obs) {
      const r = await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator, state, observed_at: "2026-09-15", sources, credibility: 2 });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const leader = (await alice.get(`/api/v1/watch/subjects/${id.area}`)).body.analysis.ranking[0].id;
    const other = leader === "hybrid" ? "alliance" : "hybrid";
    const a = await alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "AMBER", judgement: { manifestation: other, reason: "Liaison reporting points to a joint command" } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    assessment = a.body;
  });
  afterAll(async () => { await f?.close(); });

  it("renders a PDF with the contents in order and the TLP label on every page", async () => {
    const r = await fetchRaw(alice, `/api/v1/watch/assessments/${assessment.id}/report.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    expect(String(r.headers["content-disposition"])).toMatch(/^attachment; filename="assessment-liptako-gourma-border-zone-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(r.raw.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pageObjects = count(r.raw.toString("latin1").replace(/\/Type \/Pages/g, ""), "/Type /Page");
    const text = pdfText(r.raw);
    const pages = text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBe(pageObjects);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      // header and footer on every page, and the big label on the first
      expect(count(p, "TLP:AMBER"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      expect(p).toMatch(new RegExp(`Generated by Nexus Toolkit on \\d{1,2} \\w+ \\d{4}\\. Page ${i + 1} of ${pages.length}`));
    });
    const flat = text.replace(/\s+/g, " ");
    const leader = assessment.body.analysis.ranking[0];
    const order = ["Liptako-Gourma border zone", "Assessment of ", "Status: Draft", "Author: Alice", "Confidence", "Analyst's judgement", "differs from the computed leader",
      "Liaison reporting points to a joint command", `Why ${textOf(leader.name)} ranks first`, "Ranking of hypotheses", "Evidence matrix", "Warnings", "Sources", "Recommended practices"];
    let at = -1;
    for (const s of order) {
      const next = flat.indexOf(s, at + 1);
      expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(flat).toContain("UN panel of experts");
    expect(flat).toContain("A (completely reliable)");
    expect(flat).toMatch(/H1 = Alliance; H2 = Appropriation of tactics/);
    expect(flat).toContain(assessment.body.analysis.practices[0].title.replace(/\s+/g, " ").slice(0, 40));
  });

  it("renders a DOCX with the TLP label in the body, header and footer, and page numbers", async () => {
    const r = await fetchRaw(alice, `/api/v1/watch/assessments/${assessment.id}/report.docx`);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(String(r.headers["content-disposition"])).toMatch(/filename="assessment-liptako-gourma-border-zone-.*\.docx"$/);
    expect(r.raw.subarray(0, 2).toString("latin1")).toBe("PK");
    const file = save(r.raw, "docx");
    const body = xmlText(zipPart(file, "word/document.xml"));
    const leader = assessment.body.analysis.ranking[0];
    expect(body).toContain("Liptako-Gourma border zone");
    expect(body).toContain("TLP:AMBER");
    expect(body).toContain(`Why ${textOf(leader.name)} ranks first`);
    expect(body).toContain(textOf(leader.name));
    expect(body).toContain(assessment.body.analysis.practices[0].title);
    expect(body).toContain("Border police liaison");
    const parts = zipParts(file);
    const headers = parts.filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = parts.filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(headers.length).toBeGreaterThan(0);
    expect(footers.length).toBeGreaterThan(0);
    for (const p of [...headers, ...footers]) expect(xmlText(zipPart(file, p)), p).toContain("TLP:AMBER");
    const footer = footers.map((p) => zipPart(file, p)).join("");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    // The label is the TLP amber on black.
    expect(zipPart(file, "word/document.xml")).toMatch(/<w:shd [^>]*w:fill="000000"[^>]*\/>(?:(?!<\/w:r>).)*<w:color w:val="FFC000"\/>|<w:color w:val="FFC000"\/>(?:(?!<\/w:r>).)*w:fill="000000"/s);
  });

  it("prints the report in the reader's language (lang, else Accept-Language), with no English heading left", async () => {
    const english = ["Assessment of", "Status:", "Confidence", "Analyst's judgement", "ranks first", "Ranking of hypotheses", "Evidence matrix", "Warnings",
      "Recommended practices", "What drives each score", "completely reliable", "Hypothesis", "Inconsistency", "Why:", "fits best"];
    const fr = pdfText((await fetchRaw(alice, `/api/v1/watch/assessments/${assessment.id}/report.pdf?lang=fr`)).raw).replace(/\s+/g, " ");
    for (const w of ["Évaluation au", "Degré de confiance", "Jugement de l'analyste", "Classement des hypothèses", "Matrice des éléments", "Avertissements", "Pratiques recommandées", "entièrement fiable"]) expect(fr, w).toContain(w);
    const r = await f.app.inject({ method: "GET", url: `/api/v1/watch/assessments/${assessment.id}/report.docx`, headers: { cookie: alice.cookie!, "x-csrf-token": alice.csrf!, "accept-language": "ar" } });
    const ar = xmlText(zipPart(save(r.rawPayload, "docx"), "word/document.xml"));
    for (const w of ["درجة الثقة", "حكم المحلل", "ترتيب الفرضيات", "مصفوفة الأدلة", "الممارسات الموصى بها"]) expect(ar, w).toContain(w);
    for (const [name, text] of [["fr", fr], ["ar", ar]]) {
      for (const w of english) expect(text, `${name}: ${w}`).not.toContain(w);
      expect(text, name).not.toMatch(/\b(hague|addendum|icct)-\d/);
    }
  });

  it("audits each export with its format", async () => {
    const { rows } = await f.t.db.query<{ actor_id: string; target_id: string; details: { format: string } }>(
      "select actor_id, target_id, details from audit_log where action = 'watch.report-export' order by seq");
    expect(rows.map((x) => [x.actor_id, x.target_id, x.details.format])).toEqual([[f.ids.alice, assessment.id, "pdf"], [f.ids.alice, assessment.id, "docx"], [f.ids.alice, assessment.id, "pdf"], [f.ids.alice, assessment.id, "docx"]]);
  });

  it("gives users outside the workspace a 404 for both reports, and audits nothing for them", async () => {
    for (const who of [mallory, dave]) {
      for (const format of ["pdf", "docx"]) {
        const r = await fetchRaw(who, `/api/v1/watch/assessments/${assessment.id}/report.${format}`);
        expect(r.status, format).toBe(404);
        expect(r.raw.toString("utf8")).not.toContain("Liptako");
      }
    }
    const { rows } = await f.t.db.query("select 1 from audit_log where action = 'watch.report-export' and actor_id <> $1", [f.ids.alice]);
    expect(rows).toHaveLength(0);
  });
});
