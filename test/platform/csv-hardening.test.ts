import JSZip from "jszip";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

/**
 * Issue 10, points 10, 15 and 16 and the upload checks, through the API: CSV exports never
 * carry a cell a spreadsheet would run; the observations import is strict CSV and writes
 * nothing when refused; crafted input (NUL, deep JSON) gets a 400 naming the field, not a 500;
 * evidence files that are archive bombs or PDFs with scripts are refused.
 */
const PAYLOAD = "-1+1+cmd|' /C calc'!A0";
const FORMULAS = [PAYLOAD, "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1 and more"];
/** What a spreadsheet would run, as a cell stands in the file. */
const runnable = (cell: string) => /^(?:[=+@\t\r\uFF1D\uFF0B\uFF20\uFF0D]|-(?!\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$))/.test(cell);
/** Every cell of a CSV file exactly as written (no apostrophe taken off). */
const cellsOf = (text: string) => (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).flat();

describe.each(engines)("CSV and crafted input on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let olga: Client;
  const id: Record<string, string> = {};
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const SA = () => `/api/v1/plans/self-assessments/${id.sa}`;
  const count = async (table: string) => Number((await f.t.db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0].n);
  const csvImport = (text: string) => alice.request("POST", `${W()}/observations/import`, text, { headers: { "content-type": "text/csv" } });

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
    olga = await f.as("olga");
    const rec = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: PAYLOAD, body: { text: "x" }, marking: "GREEN" });
    expect(rec.status, rec.text).toBe(201);
    id.record = rec.body.id;
    await alice.post(`/api/v1/records/${id.record}/removal-requests`, { reason: `${PAYLOAD} is why this should go` });
    await alice.post(`/api/v1/records/${id.record}/removal-requests`, { reason: PAYLOAD });
    id.source = (await alice.post(`${W()}/sources`, { name: "Panel report", marking: "GREEN", body: { type: "official", reliability: "B" } })).body.id;
    id.area = (await alice.post(`${W()}/areas`, { name: "Border zone", marking: "GREEN", body: { country: "NE" } })).body.id;
    const obs = await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-02", sources: [id.source], credibility: 2, note: PAYLOAD });
    expect(obs.status, obs.text).toBe(201);
    id.sa = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "Review", country: "KE", marking: "GREEN" })).body.id;
    expect((await alice.request("PUT", `${SA()}/ratings/hague-1`, { institution: FORMULAS[1], in_place: "C", comment: PAYLOAD })).status).toBe(200);
    expect((await alice.post(`${SA()}/actions`, { practice: "hague-1", title: PAYLOAD })).status).toBe(201);
    const scenario = (await alice.get("/api/v1/exercises/scenarios")).body.items[0].id;
    id.session = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario, name: "Drill" })).body.id;
    const edit = await alice.request("PUT", `/api/v1/exercises/sessions/${id.session}/report`, { summary: "s", lessons: [], improvements: FORMULAS.map((title) => ({ title, why: PAYLOAD, owner: FORMULAS[2] })) });
    expect(edit.status, edit.text).toBe(200);
  });
  afterAll(async () => { await f?.close(); });

  describe("formula injection (point 10)", () => {
    const exports = () => [
      ["records", alice, "/api/v1/records/export.csv"],
      ["observations", alice, `/api/v1/watch/subjects/${id.area}/observations.csv`],
      ["ratings", alice, `${SA()}/export/ratings.csv`],
      ["actions", alice, `${SA()}/export/actions.csv`],
      ["improvements", alice, `/api/v1/exercises/sessions/${id.session}/export/improvements.csv`],
      ["audit", olga, "/api/v1/audit?format=csv&limit=10000"],
    ] as const;

    it("defuses the payload in every CSV export: no cell starts with = + - @ tab or CR", async () => {
      for (const [name, who, url] of exports()) {
        const r = await who.get(url);
        expect(r.status, `${name}: ${r.text.slice(0, 200)}`).toBe(200);
        expect(r.headers["content-type"], name).toMatch(/^text\/csv/);
        const cells = cellsOf(r.text);
        expect(cells.filter(runnable), name).toEqual([]);
        expect(cells, name).toContain(`'${PAYLOAD}`);
        expect(r.text, name).not.toMatch(/(^|,|\r\n)"?-1\+1\+cmd/);
      }
    });

    it("writes text into XLSX as inline strings, never as formulas", async () => {
      const r = await alice.get(`${SA()}/export/plan.xlsx`);
      expect(r.status).toBe(200);
      const zip = await JSZip.loadAsync(r.raw);
      const sheets = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/")).map((n) => zip.file(n)!.async("string")));
      const xml = sheets.join("");
      expect(xml).not.toMatch(/<f[ >]/);
      expect(xml).toContain(`t="inlineStr"><is><t xml:space="preserve">${PAYLOAD.replace(/'/g, "'")}</t>`);
    });

    it("an exported observations CSV imports back with the text as it was", async () => {
      const exported = (await alice.get(`/api/v1/watch/subjects/${id.area}/observations.csv`)).text;
      const before = await count("watch_observation");
      const r = await csvImport(exported);
      expect(r.status, r.text).toBe(200);
      expect(await count("watch_observation")).toBe(before + 1);
      const notes = (await alice.get(`/api/v1/watch/subjects/${id.area}/observations`)).body.items.map((o: { note: string }) => o.note);
      expect(notes).toEqual([PAYLOAD, PAYLOAD]);
    });
  });

  describe("strict CSV import (point 16)", () => {
    const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
    const row = (over: Partial<Record<string, string>> = {}) => {
      const v = { subject: id.area, indicator: "env-economic.poverty", state: "present", trend: "", observed_at: "2026-02-01", reported_at: "", sources: id.source, credibility: "2", note: "fine", ...over };
      return [v.subject, v.indicator, v.state, v.trend, v.observed_at, v.reported_at, v.sources, v.credibility, v.note].join(",");
    };

    it.each([
      ["an unterminated quote that would swallow the next row", () => [header, row({ note: '"never closed' }), row({ note: "second" }), row({ note: "third" })].join("\n"),
        { param: "csv", line: 2, row: 1, field: "row", message: expect.stringMatching(/^line 2: a quoted cell in this row is never closed/) }],
      ["a quote inside an unquoted cell", () => [header, row(), row({ note: 'say "hi"' })].join("\r\n"),
        { line: 3, row: 2, message: expect.stringMatching(/^line 3: a quote in the middle of an unquoted cell/) }],
      ["a row with more cells than the header", () => [header, row(), `${row()},extra`].join("\n"),
        { line: 3, row: 2, message: "line 3: this row has 10 cells but the header names 9 columns" }],
      ["a duplicate header", () => [`${header},note`, `${row()},again`].join("\n"),
        { line: 1, row: 0, field: "note", message: expect.stringMatching(/"note" appears twice in the header \(columns 9 and 10\)/) }],
      ["an empty header", () => [`${header},`, `${row()},`].join("\n"),
        { line: 1, row: 0, field: "10", message: expect.stringMatching(/column 10 of the header has no name/) }],
      ["a NUL character in a cell (point 15)", () => [header, row(), row({ note: "a\u0000b" })].join("\n"),
        { line: 3, row: 2, field: "note", message: 'line 3, column "note": contains a NUL character, which cannot be stored' }],
    ])("refuses %s with a 400 naming the line, and writes nothing", async (_what, text, error) => {
      const [obs, audit] = [await count("watch_observation"), await count("audit_log")];
      const r = await csvImport(text());
      expect(r.status, r.text).toBe(400);
      expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(r.body.errors[0]).toMatchObject(error);
      expect([await count("watch_observation"), await count("audit_log")]).toEqual([obs, audit]);
    });

    it("reads credibility as a whole number only: 0x3, 3e0, 3.0 and an empty cell are rejected rows, in CSV and JSON", async () => {
      const obs = await count("watch_observation");
      const r = await csvImport([header, row({ credibility: "0x3" }), row({ credibility: "3e0" }), row({ credibility: "3.0" }), row({ credibility: "" }), row({ credibility: "3" })].join("\n"));
      expect(r.status, r.text).toBe(422);
      expect(r.body.errors).toEqual([2, 3, 4, 5].map((line) => ({ row: line - 1, line, field: "credibility", message: "must be an information credibility grade 1-6" })));
      expect(await count("watch_observation")).toBe(obs);
      const json = await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-02", sources: [id.source], credibility: "0x3" });
      expect(json.status).toBe(400);
      expect(json.body.errors[0]).toEqual({ param: "body.credibility", message: "must be an information credibility grade 1-6" });
    });

    it("still accepts quoted commas, line breaks, CRLF, a byte-order mark and short rows", async () => {
      const obs = await count("watch_observation");
      const r = await csvImport(`\uFEFF${[header, row({ note: '"a, b and ""c""\nacross lines"' }), `${id.area},env-economic.poverty,absent,,2026-02-03,,${id.source},3`].join("\r\n")}\r\n`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.imported).toBe(2);
      expect(await count("watch_observation")).toBe(obs + 2);
    });
  });

  describe("crafted input gets a 400, never a 500 (point 15)", () => {
    it.each([
      ["/api/v1/practices/%00", "path"],
      ["/api/v1/practices?q=%00", "q"],
      ["/api/v1/search?q=nexus%00", "q"],
      ["/api/v1/knowledge%00/x", "path"],
      ["/practices/hague-1%00", "path"],
      ["/%00", "path"],
    ])("%s (public)", async (url, param) => {
      const r = await f.anonymous.get(url);
      expect(r.status, r.text).toBe(400);
      expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(r.body.errors[0]).toMatchObject({ param, message: expect.stringMatching(/NUL/) });
    });

    it("NUL in a signed-in user's path or query", async () => {
      expect((await alice.get(`/api/v1/records?q=a%00`)).body.errors[0].param).toBe("q");
      expect((await alice.get(`/api/v1/records/${id.record}%00`)).status).toBe(400);
    });

    it("NUL in a JSON string or key, and JSON nested 5,000 deep, name the field and write nothing", async () => {
      const [records, audit] = [await count("record"), await count("audit_log")];
      const post = (raw: string) => alice.request("POST", `/api/v1/workspaces/${f.ids.ws}/records`, raw, { headers: { "content-type": "application/json" } });
      const cases: [string, string][] = [
        [JSON.stringify({ kind: "note", title: "a\u0000b", body: {}, marking: "GREEN" }), "title"],
        [JSON.stringify({ kind: "note", title: "t", body: { text: ["ok", "x\u0000"] }, marking: "GREEN" }), "body.text.1"],
        [JSON.stringify({ kind: "note", title: "t", body: { ["k\u0000"]: 1 }, marking: "GREEN" }), "body.k"],
        [`{"kind":"note","title":"t","marking":"GREEN","body":{"d":${"[".repeat(5000)}${"]".repeat(5000)}}}`, "body.d.0"],
        [`{"kind":"note","title":"t","marking":"GREEN","body":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`, "body.a.a"],
      ];
      for (const [raw, param] of cases) {
        const r = await post(raw);
        expect(r.status, r.text).toBe(400);
        expect(r.body.errors[0].param).toBe(param);
      }
      expect([await count("record"), await count("audit_log")]).toEqual([records, audit]);
    });
  });

  describe("evidence uploads are checked for their structure", () => {
    const upload = (filename: string, content_type: string, bytes: Buffer) =>
      alice.post(`${SA()}/evidence/hague-1`, { kind: "file", filename, content_type, data: bytes.toString("base64") });
    const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    it("accepts the toolkit's own PDF, DOCX and XLSX exports", async () => {
      for (const [file, type] of [["action-plan.pdf", "application/pdf"], ["action-plan.docx", DOCX], ["plan.xlsx", XLSX]] as const) {
        const out = await alice.get(`${SA()}/export/${file}`);
        const r = await upload(file, type, out.raw);
        expect(r.status, `${file}: ${r.text}`).toBe(201);
      }
    });

    it("refuses an archive bomb and a PDF with JavaScript, naming the field, and stores nothing", async () => {
      const z = new JSZip();
      z.file("word/document.xml", Buffer.alloc(16 * 1024 * 1024), { createFolders: false });
      const bomb = await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      const objStm = deflateSync("4 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>");
      const scripted = Buffer.concat([
        Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction 4 0 R >>\nendobj\n2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${objStm.length} >>\nstream\n`, "latin1"),
        objStm, Buffer.from("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1"),
      ]);
      const evidence = await count("plan_evidence");
      for (const [name, type, bytes, message] of [["bomb.docx", DOCX, bomb, /compressed more than 100 to 1/], ["scripted.pdf", "application/pdf", scripted, /JavaScript/]] as const) {
        const r = await upload(name, type, bytes);
        expect(r.status, r.text).toBe(400);
        expect(r.body.errors[0]).toMatchObject({ param: "data", message: expect.stringMatching(message) });
      }
      expect(await count("plan_evidence")).toBe(evidence);
    });
  });
});
