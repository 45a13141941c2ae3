import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

/**
 * Action plans, outputs and the regional view of implementation self-assessments. Outputs are
 * read back as a person's tools would: pdftotext for the PDF, unzip for DOCX and XLSX.
 */
const dir = mkdtempSync(join(tmpdir(), "nexus-plans-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let saved = 0;
const save = (buf: Buffer, ext: string) => { const file = join(dir, `out-${saved++}.${ext}`); writeFileSync(file, buf); return file; };
const pdfText = (buf: Buffer) => execFileSync("pdftotext", ["-layout", save(buf, "pdf"), "-"], { encoding: "utf8", maxBuffer: 32 << 20 });
const zipPart = (file: string, part: string) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 32 << 20 });
/** The visible text of a WordprocessingML part: the runs' text, entities decoded. */
const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&amp;/g, "&");

describe.each(engines)("action plans, outputs and the regional view on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, dave: Client, mallory: Client;
  let id: string;
  let base: string;
  const action = (list: { title: string; id: string }[], title: RegExp) => list.find((a) => title.test(a.title))!;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, dave, mallory] = await Promise.all(["alice", "bob", "dave", "mallory"].map((w) => f.as(w)));
    id = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "National review 2026", country: "KE", area: "hague-a", marking: "AMBER" })).body.id;
    base = `/api/v1/plans/self-assessments/${id}`;
    await alice.request("PUT", `${base}/ratings/hague-1`, { institution: "Ministry of Justice", in_place: "PC", working: "Low", steps: { "1": "done" } });
    await alice.request("PUT", `${base}/ratings/hague-2`, { institution: "Ministry of Justice", in_place: "LC", working: "Moderate" });
    await alice.request("PUT", `${base}/units`, { units: [{ id: "moj-leg", name: "Ministry of Justice, legislative unit", actor: "policy-makers" }, { id: "dpp", name: "Office of the Director of Public Prosecutions", actor: "prosecutors" }] });
  });
  afterAll(async () => { await f?.close(); });

  it("drafts actions from the gaps and stores them, skipping steps already planned", async () => {
    const draft = await alice.post(`${base}/action-plan/draft`, {});
    expect(draft.status).toBe(200);
    const forHague1 = draft.body.actions.filter((a: { practice: string }) => a.practice === "hague-1");
    expect(forHague1.map((a: { step: number }) => a.step)).not.toContain(1);
    expect(forHague1.length).toBeGreaterThan(0);
    const stored = await alice.post(`${base}/actions/from-draft`, {});
    expect(stored.status).toBe(201);
    expect(stored.body.created).toBe(draft.body.actions.length);
    expect((await alice.post(`${base}/actions/from-draft`, {})).body.created).toBe(0);
    const owners = new Set(stored.body.actions.map((a: { owner_unit: string | null }) => a.owner_unit));
    expect([...owners].every((o) => o === null || o === "moj-leg" || o === "dpp")).toBe(true);
    const bad = await alice.post(`${base}/action-plan/draft`, { units: [{ id: "x", name: "X", actor: "astronauts" }] });
    expect(bad.body.errors[0].param).toBe("units");
  });

  it("keeps owners, dates, status, dependencies and milestones, and builds the timeline", async () => {
    const law = await alice.post(`${base}/actions`, { practice: "hague-1", step: 2, title: "Table the harmonisation bill", owner_unit: "moj-leg", start: "2027-01-15", due: "2027-06-30", milestones: [{ title: "Cabinet approval", due: "2027-03-31", done: false }] });
    expect(law.status).toBe(201);
    expect(law.body).toMatchObject({ owner: { name: "Ministry of Justice, legislative unit", actor: "policy-makers" }, status: "planned", overdue: false });
    const train = await alice.post(`${base}/actions`, { practice: "hague-2", title: "Train prosecutors on the new offences", owner_unit: "dpp", start: "2027-05-01", due: "2027-12-15", depends_on: [law.body.id] });
    expect(train.body.warnings).toEqual([{ key: "plans.msg.warn.startsBefore", params: { start: "2027-05-01", title: "Table the harmonisation bill", due: "2027-06-30" } }]);
    const late = await bob.post(`${base}/actions`, { practice: "hague-1", title: "Publish the review body's first report", start: "2020-01-01", due: "2020-03-01" });
    expect(late.body.overdue).toBe(true);
    const moved = await bob.patch(`${base}/actions/${train.body.id}`, { start: "2027-07-01", status: "in-progress" });
    expect(moved.body).toMatchObject({ start: "2027-07-01", status: "in-progress", warnings: [] });
    const plan = await alice.get(`${base}/actions`);
    expect(plan.body.timeline.from).toBe("2020-01");
    expect(plan.body.timeline.to).toBe("2027-12");
    expect(plan.body.progress).toMatchObject({ overdue: 1 });
    // A dependency cannot be removed from under another action.
    const refused = await alice.del(`${base}/actions/${law.body.id}`);
    expect(refused.body.errors[0]).toMatchObject({ param: "action" });
    expect((await alice.del(`${base}/actions/${late.body.id}`)).status).toBe(204);
  });

  it("rejects bad actions with the field and the reason, changing nothing", async () => {
    const list = (await alice.get(`${base}/actions`)).body.actions;
    const law = action(list, /harmonisation bill/);
    const train = action(list, /Train prosecutors/);
    const cases: [string, string, unknown, string][] = [
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", start: "2027-03-01", due: "2027-01-01" }, "due"],
      ["POST", `${base}/actions`, { practice: "hague-9", title: "x" }, "practice"],
      ["POST", `${base}/actions`, { practice: "hague-99", title: "x" }, "practice"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", step: 40 }, "step"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", owner_unit: "nobody" }, "owner_unit"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", due: "2027-02-30" }, "due"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", status: "finished" }, "status"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", depends_on: ["ghost"] }, "depends_on"],
      ["POST", `${base}/actions`, { practice: "hague-1", title: "x", start: "2027-01-01", due: "2027-02-01", milestones: [{ title: "m", due: "2027-05-01" }] }, "milestones.0.due"],
      ["PATCH", `${base}/actions/${law.id}`, { due: "2026-01-01" }, "due"],
      ["PATCH", `${base}/actions/${law.id}`, { depends_on: [train.id] }, "depends_on"],
      ["PATCH", `${base}/actions/${law.id}`, { depends_on: [law.id] }, "depends_on"],
    ];
    for (const [method, url, body, param] of cases) {
      const r = await alice.request(method, url, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(body)).toBe(param);
    }
    const after = (await alice.get(`${base}/actions`)).body.actions;
    expect(after).toEqual(list);
    const units = await alice.request("PUT", `${base}/units`, { units: [] });
    expect(units.body.errors[0].param).toBe("units");
  });

  it("generates the action plan as PDF and DOCX with summary, heatmap, gaps, actions by owner and timeline", async () => {
    const pdf = await alice.get(`${base}/export/action-plan.pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.raw.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf.raw);
    for (const s of ["National action plan: National review 2026", "Kenya", "TLP:AMBER", "Summary", "Where the country stands", "Gaps, most pressing first", "Actions by owner",
      "Ministry of Justice, legislative unit (Policy", "Table the harmonisation bill", "Timeline", "Jan 27", "Dec 27", "Legal considerations"]) expect(text, s).toContain(s);
    const pages = text.split("\f").filter((p) => p.trim());
    for (const page of pages) expect(page).toContain("TLP:AMBER");
    const docx = await alice.get(`${base}/export/action-plan.docx`);
    const file = save(docx.raw, "docx");
    const xml = zipPart(file, "word/document.xml");
    for (const s of ["National action plan: National review 2026", "Actions by owner", "Train prosecutors on the new offences", "Timeline"]) expect(xml, s).toContain(s);
    expect(xml).toContain('w:fill="4A78B5"');
  });

  it("prints the action plan and the assistance report in the reader's language, naming no practice by its id", async () => {
    const english = ["Summary", "Where the country stands", "Gaps, most pressing first", "Actions by owner", "Timeline", "Practices in scope", "In place", "not rated", "step ", "National action plan", "Technical-assistance needs"];
    const fr = pdfText((await alice.get(`${base}/export/action-plan.pdf?lang=fr`)).raw);
    for (const s of ["Plan d'action national : National review 2026", "Synthèse", "Où en est le pays", "Actions par responsable", "Calendrier", "BP La Haye 1"]) expect(fr, s).toContain(s);
    const ar = xmlText(zipPart(save((await alice.get(`${base}/export/action-plan.docx?lang=ar`)).raw, "docx"), "word/document.xml"));
    for (const s of ["خطة العمل الوطنية", "الملخص", "الإجراءات حسب الجهة المسؤولة", "ممارسة لاهاي 1"]) expect(ar, s).toContain(s);
    const assistFr = pdfText((await alice.get(`${base}/export/assistance.pdf?lang=fr`)).raw);
    expect(assistFr).toContain("Besoins d'assistance technique : National review 2026");
    for (const [name, text] of [["fr", fr], ["ar", ar], ["assistance fr", assistFr]]) {
      for (const s of english) expect(text, `${name}: ${s}`).not.toContain(s);
      expect(text, name).not.toMatch(/\b(hague|addendum|icct)-\d/);
    }
    // The query's language wins over Accept-Language; a language the product does not speak is refused.
    const wrong = await alice.get(`${base}/export/action-plan.pdf?lang=xx`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].param).toBe("lang");
  });

  it("exports ratings and actions as CSV and XLSX, and the due dates as ICS", async () => {
    const ratings = await alice.get(`${base}/export/ratings.csv`);
    expect(ratings.text.split("\r\n")[0]).toBe("Practice,Title,Review,Rated by,In place,Working,Comment or reason");
    expect(ratings.text).toContain("hague-1,");
    expect(ratings.text).toContain("Ministry of Justice,PC,Low");
    const actions = await alice.get(`${base}/export/actions.csv`);
    expect(actions.text).toContain("Table the harmonisation bill,Ministry of Justice, legislative unit".replace("Ministry of Justice, legislative unit", '"Ministry of Justice, legislative unit"'));
    const xlsx = await alice.get(`${base}/export/plan.xlsx`);
    const file = save(xlsx.raw, "xlsx");
    expect(zipPart(file, "xl/workbook.xml")).toMatch(/name="Ratings".*name="Actions".*name="Gaps"/s);
    expect(zipPart(file, "xl/worksheets/sheet2.xml")).toContain("Table the harmonisation bill");
    const ics = await alice.get(`${base}/export/due-dates.ics`);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.text).toContain("DTSTART;VALUE=DATE:20270630");
    expect(ics.text).toContain("SUMMARY:Milestone: Cabinet approval");
    expect(ics.text.replace(/\r\n /g, "")).toContain("SUMMARY:Due: Train prosecutors on the new offences");
    const audited = await f.t.db.query<{ n: string }>("select count(*) as n from audit_log where action = 'plans.export' and target_id = $1", [id]);
    expect(Number(audited.rows[0].n)).toBe(9);
    expect((await alice.get(`${base}/export/plan.exe`)).body.errors[0].param).toBe("file");
  });

  it("groups the technical-assistance needs by the international organisations the practices point to", async () => {
    await alice.request("PUT", `${base}/practices/hague-1`, { actors: ["policy-makers"], assistance_requested: true, assistance_note: "help with the legal gap review" });
    const r = await alice.get(`${base}/assistance`);
    expect(r.body.requested).toBe(1);
    const all = [...r.body.groups.flatMap((g: { practices: { practice: string }[] }) => g.practices), ...r.body.unassigned];
    expect(all.every((p: { practice: string }) => p.practice === "hague-1")).toBe(true);
    expect(all[0]).toMatchObject({ note: "help with the legal gap review", gap: { key: "plans.msg.gap", params: { inPlace: { key: "plans.msg.inPlace.PC" } } } });
    const pdf = pdfText((await alice.get(`${base}/export/assistance.pdf`)).raw);
    expect(pdf).toContain("Technical-assistance needs: National review 2026");
    expect(pdf).toContain("help with the legal gap review");
    if (r.body.groups.length) expect(pdf).toContain(r.body.groups[0].organisation.slice(0, 30));
  });

  it("shows a region the spread of ratings of consenting countries only, and nothing of the others", async () => {
    const region = (await alice.post("/api/v1/workspaces", { name: "East Africa regional platform" })).body.id;
    const country = async (code: string, inPlace: string) => {
      const a = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: `Review ${code}`, country: code, framework: "hague", marking: "AMBER" })).body.id;
      await alice.post(`/api/v1/plans/self-assessments/${a}/agreed/hague-1`, { in_place: inPlace, reason: "validated nationally" });
      return a;
    };
    const [ke, tz, ug, rw, bi] = [await country("KE", "C"), await country("TZ", "PC"), await country("UG", "NC"), await country("RW", "LC"), await country("BI", "LC")];
    for (const [a, consent] of [[ke, "full"], [tz, "full"], [ug, "full"], [bi, "aggregate"]] as const) {
      expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${a}/share`, { region, consent })).status).toBe(200);
    }
    const spread = await alice.get(`/api/v1/plans/regions/${region}`);
    expect(spread.body.consenting).toBe(4);
    const h1 = spread.body.practices.find((p: { practice: string }) => p.practice === "hague-1");
    expect(h1.countries).toBe(4);
    // One aggregate-only country among three shared in full could be recovered by subtraction: no distribution.
    expect(h1.distribution).toEqual({});
    expect(h1.byCountry.map((c: { country: string }) => c.country).sort()).toEqual(["KE", "TZ", "UG"]);
    const text = JSON.stringify(spread.body);
    expect(text).not.toContain("RW");
    expect(text).not.toContain("BI");
    // Withdrawing consent removes the country at once; without the aggregate one the distribution shows.
    await alice.request("PUT", `/api/v1/plans/self-assessments/${bi}/share`, { region, consent: "none" });
    const after = (await alice.get(`/api/v1/plans/regions/${region}`)).body;
    expect(after.consenting).toBe(3);
    expect(after.practices.find((p: { practice: string }) => p.practice === "hague-1").distribution).toEqual({ C: 1, PC: 1, NC: 1 });
    // Only members of the regional workspace see it; RED or AMBER+STRICT assessments cannot be shared.
    expect((await dave.get(`/api/v1/plans/regions/${region}`)).status).toBe(404);
    expect((await mallory.get(`/api/v1/plans/regions/${region}`)).status).toBe(404);
    const strict = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "Closed review", country: "SS", marking: "AMBER+STRICT" })).body.id;
    expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${strict}/share`, { region, consent: "aggregate" })).body.errors[0].param).toBe("consent");
    // Consent is the coordinator's to give, and only towards a regional workspace they belong to.
    expect((await bob.request("PUT", `/api/v1/plans/self-assessments/${rw}/share`, { region, consent: "full" })).status).toBe(403);
    expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${rw}/share`, { region: f.ids.ws, consent: "full" })).body.errors[0].param).toBe("region");
    const elsewhere = (await mallory.post("/api/v1/workspaces", { name: "Not Alice's region" })).body.id;
    expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${rw}/share`, { region: elsewhere, consent: "full" })).body.errors[0].param).toBe("region");
    expect((await alice.request("PUT", `/api/v1/plans/self-assessments/${rw}/share`, { region, consent: "everything" })).body.errors[0].param).toBe("consent");
    expect(JSON.stringify((await alice.get(`/api/v1/plans/regions/${region}`)).body)).not.toContain("RW");
  });
});
