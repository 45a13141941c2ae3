import fc from "fast-check";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvError, readCsvRows, readCsvTable, toCsv } from "../../src/core/csv.js";
import { StreamedBody } from "../../src/server/http/uploads.js";
import { CSV_IMPORT_LIMIT, MAX_LISTED_ERRORS } from "../../src/server/watch/csvList.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

/**
 * The observation import read as a stream (decision 0030): the same answers as when the CSV was
 * read whole, all rows or none with the faulty row last in a file of thousands, an early answer
 * to a CSV error before the rest of the body has arrived, the size limit, and the capped list of
 * rejected rows. On PGlite and PostgreSQL.
 */
const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
const spec = { columns: ["subject", "indicator", "state", "trend", "observed_at", "reported_at", "sources", "credibility", "note"], required: ["subject"] };

/** Everything readCsvRows gives for a text sent in the given chunks: the rows, or the error it throws. */
async function streamed(chunks: Buffer[]) {
  const rows: { record: Record<string, string>; line: number }[] = [];
  try {
    for await (const batch of readCsvRows(Readable.from(chunks), spec)) rows.push(...batch);
    return { rows };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { error: { message: e.message, line: e.line, row: e.row, field: e.field } };
  }
}
function whole(text: string) {
  try {
    const t = readCsvTable(text, spec);
    return { rows: t.records.map((record, i) => ({ record, line: t.lines[i] })) };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { error: { message: e.message, line: e.line, row: e.row, field: e.field } };
  }
}
/** The text's bytes cut at the given offsets (a multi-byte character or a CRLF may be cut in two). */
const cut = (bytes: Buffer, at: number[]) => {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) { out.push(bytes.subarray(last, p)); last = p; }
  out.push(bytes.subarray(last));
  return out.filter((b) => b.length);
};

describe("readCsvRows reads a stream as readCsvTable reads the whole text", () => {
  const tricky = fc.constantFrom('"', ",", "\n", "\r", "\r\n", "\u0000", "=", "'", "\uFEFF", "é", "中", "\u{1F600}", "a", "1", " ");
  const cellText = fc.oneof(fc.array(tricky, { maxLength: 8 }).map((p) => p.join("")), fc.string({ maxLength: 10 }));
  const texts = fc.oneof(
    // well-formed tables (some with NUL, too many cells, an unknown column)
    fc.tuple(fc.subarray(spec.columns, { minLength: 1 }), fc.array(fc.array(cellText, { minLength: 1, maxLength: 10 }), { maxLength: 6 }))
      .map(([head, rows]) => toCsv([head, ...rows])),
    // anything: open quotes, stray quotes, blank lines
    fc.array(fc.oneof(tricky, fc.constantFrom("subject,note\n", '"x"', "a,b", "\r\n\r\n")), { maxLength: 40 }).map((p) => p.join("")),
  );

  it("the same rows and lines, or the same error, however the bytes are cut", async () => {
    await fc.assert(fc.asyncProperty(texts, fc.array(fc.nat(), { maxLength: 8 }), async (text, at) => {
      const expected = whole(text);
      const got = await streamed(cut(Buffer.from(text), at));
      expect(got).toEqual(expected);
    }), { numRuns: 600 });
  });

  it("refuses a CSV error found late over a NUL character or a long row found earlier, as the whole text does", async () => {
    const text = `subject,note\nx,a\u0000b\ny,1,2\nz,"open\n`;
    expect(whole(text).error?.message).toMatch(/^line 4: a quoted cell in this row is never closed/);
    expect(await streamed(cut(Buffer.from(text), [5, 17, 25]))).toEqual(whole(text));
  });

  it("passes the source's own error through unchanged", async () => {
    const failing = new Readable({ read() { this.push("subject,note\nx,1\n"); this.destroy(Object.assign(new Error("Request body is too large"), { statusCode: 413 })); } });
    const rows = readCsvRows(failing, spec);
    await expect((async () => { for await (const _ of rows) { /* read */ } })()).rejects.toMatchObject({ statusCode: 413 });
  });

  it("counts a streamed body's bytes, refuses more than its limit with a 413, and knows when it was empty", async () => {
    expect(() => new StreamedBody(Readable.from([]), 10, "11")).toThrow(expect.objectContaining({ statusCode: 413 }));
    const body = new StreamedBody(Readable.from([Buffer.from("subject\n"), Buffer.from("123456\n")]), 10);
    const read = async () => { for await (const _ of body.stream()) { /* read */ } };
    await expect(read()).rejects.toMatchObject({ statusCode: 413, message: "Request body is too large" });
    // Empty only once read to its end: a body nobody read is not taken for an empty one.
    const nothing = new StreamedBody(Readable.from([]), 10);
    expect(nothing.empty).toBe(false);
    for await (const _ of nothing.stream()) { /* read */ }
    expect(nothing.empty).toBe(true);
    const short = new StreamedBody(Readable.from([Buffer.from("subject\nx\n")]), 100, "50");
    await expect((async () => { for await (const _ of short.stream()) { /* read */ } })()).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe.each(engines)("streamed observation import on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let area: string, group: string, source: string;
  let origin: string;
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const count = async (table: string) => Number((await f.t.db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0].n);
  const counts = async () => [await count("watch_observation"), await count("audit_log"), await count("watch_alert")];
  const csvImport = (text: string) => alice.request("POST", `${W()}/observations/import`, text, { headers: { "content-type": "text/csv" } });
  const row = (i: number, over: Partial<Record<string, string>> = {}) => {
    const v = { subject: i % 2 ? area : group, indicator: "env-economic.poverty", state: ["present", "absent", "unknown"][i % 3], trend: "", observed_at: `2025-${String(1 + (i % 12)).padStart(2, "0")}-15`, reported_at: "", sources: source, credibility: String(1 + (i % 6)), note: `row ${i} é 中`, ...over };
    return [v.subject, v.indicator, v.state, v.trend, v.observed_at, v.reported_at, v.sources, v.credibility, v.note].join(",");
  };
  const rows = (n: number, last?: string) => [header, ...Array.from({ length: n - (last ? 1 : 0) }, (_, i) => row(i + 1)), ...(last ? [last] : [])].join("\r\n");

  /**
   * Posts over a real socket, the body in chunks as given (transfer-encoding: chunked); resolves
   * with the answer as soon as it arrives, whether or not all chunks were sent.
   */
  function post(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, headers: Record<string, string> = {}) {
    const req = httpRequest(`${origin}${W()}/observations/import`, {
      method: "POST",
      headers: { "content-type": "text/csv", cookie: alice.cookie!, "x-csrf-token": alice.csrf!, ...headers },
    });
    const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      req.on("response", (res: IncomingMessage) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => { text += c; });
        res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      });
      req.on("error", reject);
    });
    const sending = (async () => {
      for await (const c of chunks) if (!req.destroyed) req.write(c);
      if (!req.destroyed) req.end();
    })();
    return { answer, sending, req };
  }

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
    source = (await alice.post(`${W()}/sources`, { name: "Stream source", marking: "AMBER", body: { type: "media", reliability: "B" } })).body.id;
    area = (await alice.post(`${W()}/areas`, { name: "Stream area", marking: "AMBER", body: { country: "NE" } })).body.id;
    group = (await alice.post(`${W()}/groups`, { name: "Stream group", marking: "AMBER", body: { type: "criminal", areas: [area], motivations: [{ from: "2015-01-01", kind: "economic" }] } })).body.id;
    await f.app.listen({ port: 0, host: "127.0.0.1" });
    origin = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await f?.close(); });

  it("is still a registry route: registered, documented as text/csv, and refused to callers before the body is read", async () => {
    expect(f.registered).toContainEqual({ method: "POST", url: "/api/v1/watch/workspaces/:workspace/observations/import" });
    const doc = (await alice.get("/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths["/api/v1/watch/workspaces/{workspace}/observations/import"].post.requestBody.content)).toEqual(["text/csv"]);
    const mallory = await f.as("mallory"); // signing in is audited: before counting
    const before = await counts();
    const anonymous = await f.anonymous.request("POST", `${W()}/observations/import`, rows(3), { headers: { "content-type": "text/csv" } });
    expect(anonymous.status).toBe(401);
    const outsider = await mallory.request("POST", `${W()}/observations/import`, rows(3), { headers: { "content-type": "text/csv" } });
    expect(outsider.status, outsider.text).toBe(404);
    expect(outsider.text).not.toContain("Stream area");
    expect(await counts()).toEqual(before);
  });

  it("lands every row of a 3,000-row file sent in small chunks over a socket, text intact", async () => {
    const [obs, audit] = await counts();
    const text = rows(3000);
    const r = await post(cut(Buffer.from(text), Array.from({ length: 3000 }, (_, i) => i * 997 + (i % 3)))).answer;
    expect([r.status, r.body]).toEqual([200, { imported: 3000, rejected: 0, errors: [] }]);
    expect(await count("watch_observation")).toBe(obs + 3000);
    expect(await count("audit_log")).toBe(audit + 1);
    const notes = (await f.t.db.query<{ note: string; source_ids: string[] }>("select note, source_ids from watch_observation where note in ('row 1 é 中', 'row 3000 é 中') order by note")).rows;
    expect(notes).toEqual([{ note: "row 1 é 中", source_ids: [source] }, { note: "row 3000 é 中", source_ids: [source] }]);
  });

  it("writes nothing when only row 5,000, the last, is wrong", async () => {
    const before = await counts();
    const r = await csvImport(rows(5000, row(5000, { credibility: "7" })));
    expect([r.status, r.body]).toEqual([422, { imported: 0, rejected: 1, errors: [{ row: 5000, line: 5001, field: "credibility", message: "must be an information credibility grade 1-6" }] }]);
    expect(await counts()).toEqual(before);
  });

  it("writes nothing and names the line when the last row opens a quote it never closes", async () => {
    const before = await counts();
    const r = await csvImport(`${rows(5000, row(5000, { note: '"never closed' }))}\r\n`);
    expect(r.status, r.text).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ param: "csv", row: 5000, line: 5001, field: "row", message: expect.stringMatching(/^line 5001: a quoted cell in this row is never closed/) });
    expect(await counts()).toEqual(before);
    // A CSV error at the end wins over rejected rows before it, as when the text was read whole.
    const both = await csvImport(`${[header, row(1, { credibility: "9" }), row(2), row(3, { note: '"open' })].join("\n")}\n`);
    expect([both.status, both.body.errors[0].line]).toEqual([400, 4]);
    expect(await counts()).toEqual(before);
  });

  it("answers a CSV error before the rest of the body has arrived, and the connection still serves", async () => {
    const before = await counts();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    async function* body() {
      yield Buffer.from(`${header}\n${row(1)}\n${row(2, { note: 'say "hi"' })}\n`);
      await held; // the rest only after the answer
      for (let i = 0; i < 200; i++) yield Buffer.from(`${row(i + 3)}\n`);
    }
    const { answer, sending } = post(body());
    const r = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
    release();
    expect(r, "no answer while the body was still open").not.toBeNull();
    expect(r!.status).toBe(400);
    expect(r!.body.errors[0]).toMatchObject({ param: "csv", line: 3, row: 2, message: expect.stringMatching(/^line 3: a quote in the middle of an unquoted cell/) });
    await sending.catch(() => undefined);
    expect(await counts()).toEqual(before);
    const next = await post([Buffer.from(rows(3))]).answer;
    expect([next.status, next.body.imported]).toEqual([200, 3]);
  });

  it(`refuses a body declared larger than ${CSV_IMPORT_LIMIT / 1024 / 1024} MB at once with a 413, and an empty one with a 400`, async () => {
    const before = await counts();
    const { answer, req } = post([], { "content-length": String(CSV_IMPORT_LIMIT + 1) });
    const r = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
    req.destroy();
    expect(r?.status).toBe(413);
    expect(r?.body.errors[0]).toMatchObject({ param: "body" });
    const empty = await csvImport("");
    expect([empty.status, empty.body.errors[0]]).toEqual([400, { param: "body", message: "the CSV is empty" }]);
    const json = await alice.post(`${W()}/observations/import`, { csv: "x" });
    expect([json.status, json.body.errors[0].message]).toEqual([400, "send the CSV as text/csv"]);
    expect((await counts()).slice(0, 2)).toEqual(before.slice(0, 2));
  });

  it(`lists the first ${MAX_LISTED_ERRORS} rejected rows, counts them all and says the list is cut`, async () => {
    const before = await counts();
    const bad = (n: number) => [header, ...Array.from({ length: n }, (_, i) => row(i + 1, { sources: "Nobody" }))].join("\n");
    const many = await csvImport(bad(2500));
    expect(many.status).toBe(422);
    expect(many.body).toMatchObject({ imported: 0, rejected: 2500, truncated: true });
    expect(many.body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(many.body.errors.map((e: { row: number }) => e.row)).toEqual(Array.from({ length: MAX_LISTED_ERRORS }, (_, i) => i + 1));
    expect(many.body.errors[MAX_LISTED_ERRORS - 1]).toEqual({ row: MAX_LISTED_ERRORS, line: MAX_LISTED_ERRORS + 1, field: "sources", message: 'no source "Nobody" in this workspace' });
    const exact = await csvImport(bad(MAX_LISTED_ERRORS));
    expect(exact.body.rejected).toBe(MAX_LISTED_ERRORS);
    expect(exact.body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(exact.body).not.toHaveProperty("truncated");
    expect(await counts()).toEqual(before);
  });

  it("raises a watch rule's alert once per subject, dated by the first row that observes the indicator present", async () => {
    expect((await alice.post(`${W()}/rules`, { marking: "AMBER", body: { rule: "indicator-present", indicator: "org-recruitment.economic-incentives" } })).status).toBe(201);
    const alerts = await count("watch_alert");
    const on = (subject: string, state: string, day: string) => row(0, { subject, indicator: "org-recruitment.economic-incentives", state, observed_at: day });
    const r = await csvImport([header, on(area, "absent", "2025-01-01"), on(area, "present", "2025-02-02"), row(7), on(area, "present", "2025-03-03"), on(group, "present", "2025-04-04")].join("\n"));
    expect([r.status, r.body.imported]).toEqual([200, 5]);
    const raised = (await f.t.db.query<{ subject_id: string; message: string }>("select subject_id, message from watch_alert order by created_at, id")).rows.slice(alerts);
    const dates = Object.fromEntries(raised.map((a) => [a.subject_id, (JSON.parse(a.message) as { params: { date: string } }).params.date]));
    expect(dates).toEqual({ [area]: "2025-02-02", [group]: "2025-04-04" });
  });
});
