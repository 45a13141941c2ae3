/**
 * The LRS client (decision 0041) with a real HTTP server standing in for the Learning Record Store:
 * the headers and bodies it receives, statements kept in the database with or without an LRS, a
 * failing LRS leaving them unsent for a later flush, and a bad id refused before anything is kept.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { engines, type TestDatabase } from "../../../test/support/databases.js";
import { migrate } from "../../db/migrate.js";
import { progressStatement, type Statement, type XapiScope } from "../../core/training/xapi.js";
import { flushStatements, lrsConfigFromEnv, recordStatements, xapiPseudonym } from "./lrs.js";

const scope: XapiScope = { homePage: "https://nexus.example.org", learner: xapiPseudonym("test-secret", "participant-1"), audience: "police", pathName: "Police and investigators", language: "en" };
const statements = (n: number): Statement[] => Array.from({ length: n }, (_, i) => progressStatement(scope, i % 2 ? "completed" : "attempted", { kind: "module", id: `m${i}`, name: `Module ${i}` }));

/** A stand-in LRS: records each request; answers with `status` (200 by default). */
function fakeLrs() {
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: text ? JSON.parse(text) : null });
      res.writeHead(status, { "content-type": "application/json", "x-experience-api-version": "1.0.3" });
      res.end(status === 200 ? JSON.stringify((JSON.parse(text) as Statement[]).map((s) => s.id)) : JSON.stringify({ message: "refused" }));
    });
  });
  return {
    received,
    setStatus: (s: number) => { status = s; },
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rows = async (t: TestDatabase) =>
  (await t.db.query<{ id: string; statement: Statement; cohort_id: string | null; participant_id: string | null; sent_at: string | null; attempts: number }>("select id, statement, cohort_id, participant_id, sent_at, attempts from xapi_statement order by created_at, id")).rows;

describe("the LRS settings", () => {
  it("reads XAPI_LRS_URL and XAPI_LRS_AUTH, none when unset, and names the variable when the address is wrong", () => {
    expect(lrsConfigFromEnv({})).toBeNull();
    expect(lrsConfigFromEnv({ XAPI_LRS_URL: "https://lrs.example.org/xapi/", XAPI_LRS_AUTH: "Basic dXNlcjpwYXNz" })).toEqual({ url: "https://lrs.example.org/xapi", auth: "Basic dXNlcjpwYXNz" });
    expect(() => lrsConfigFromEnv({ XAPI_LRS_URL: "lrs.example.org" })).toThrow(/XAPI_LRS_URL/);
    expect(() => lrsConfigFromEnv({ XAPI_LRS_URL: "ftp://lrs.example.org" })).toThrow(/XAPI_LRS_URL must start with https:\/\/ or http:\/\//);
  });

  it("makes a stable pseudonym that does not show the id", () => {
    const p = xapiPseudonym("secret", "user-42");
    expect(p).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(p).toBe(xapiPseudonym("secret", "user-42"));
    expect(p).not.toBe(xapiPseudonym("other-secret", "user-42"));
    expect(p).not.toContain("42");
  });
});

describe.each(engines)("xAPI statements kept and sent on $name", ({ create }) => {
  let t: TestDatabase;
  const lrs = fakeLrs();
  let url: string;
  beforeAll(async () => { url = await lrs.start(); });
  afterAll(async () => { await lrs.stop(); });
  beforeEach(async () => {
    t = await create();
    await migrate(t.db);
    lrs.received.length = 0;
    lrs.setStatus(200);
  });
  afterEach(async () => { await t?.drop(); });

  // Kept with a cohort's participant: test/platform/training-cohorts.test.ts (the columns reference them).
  it("without an LRS keeps the statements unsent in the database", async () => {
    const s = statements(3);
    expect(await recordStatements(t.db, s, { lrs: null })).toEqual({ stored: 3, sent: 0 });
    const kept = await rows(t);
    expect(kept.map((r) => r.id).sort()).toEqual(s.map((x) => x.id).sort());
    for (const r of kept) {
      expect(r.statement).toEqual(s.find((x) => x.id === r.id));
      expect([r.cohort_id, r.participant_id, r.sent_at, r.attempts]).toEqual([null, null, null, 0]);
    }
    expect(lrs.received).toEqual([]);
  });

  it("with an LRS POSTs them to /statements with the xAPI version and the authorization, and marks them sent", async () => {
    const s = statements(2);
    const out = await recordStatements(t.db, s, { lrs: { url: url.replace(/\/$/, ""), auth: "Basic bnhzOnNlY3JldA==" } });
    expect(out).toEqual({ stored: 2, sent: 2 });
    expect(lrs.received).toHaveLength(1);
    const [r] = lrs.received;
    expect([r.method, r.url]).toEqual(["POST", "/xapi/statements"]);
    expect(r.headers["x-experience-api-version"]).toBe("1.0.3");
    expect(r.headers.authorization).toBe("Basic bnhzOnNlY3JldA==");
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.body).toEqual(s);
    const kept = await rows(t);
    expect(kept.every((x) => x.sent_at !== null && x.attempts === 1)).toBe(true);
  });

  it("reads the LRS from the environment when none is given", async () => {
    const before = { ...process.env };
    process.env.XAPI_LRS_URL = url;
    delete process.env.XAPI_LRS_AUTH;
    try {
      expect(await recordStatements(t.db, statements(1))).toEqual({ stored: 1, sent: 1 });
      expect(lrs.received[0].url).toBe("/xapi/statements");
      expect(lrs.received[0].headers.authorization).toBeUndefined();
    } finally {
      process.env.XAPI_LRS_URL = before.XAPI_LRS_URL;
      if (before.XAPI_LRS_URL === undefined) delete process.env.XAPI_LRS_URL;
    }
  });

  it("keeps them unsent when the LRS fails, and a later flush sends them", async () => {
    lrs.setStatus(503);
    const s = statements(3);
    const out = await recordStatements(t.db, s, { lrs: { url } });
    expect(out).toEqual({ stored: 3, sent: 0, error: "the LRS answered 503" });
    expect((await rows(t)).map((r) => [r.sent_at, r.attempts])).toEqual([[null, 1], [null, 1], [null, 1]]);

    expect(await flushStatements(t.db, { url })).toEqual({ sent: 0, error: "the LRS answered 503" });
    lrs.setStatus(200);
    lrs.received.length = 0;
    expect(await flushStatements(t.db, { url })).toEqual({ sent: 3 });
    expect((lrs.received[0].body as Statement[]).map((x) => x.id).sort()).toEqual(s.map((x) => x.id).sort());
    expect((await rows(t)).every((r) => r.sent_at !== null && r.attempts === 3)).toBe(true);
    // Nothing left to send: no request at all.
    lrs.received.length = 0;
    expect(await flushStatements(t.db, { url })).toEqual({ sent: 0 });
    expect(lrs.received).toEqual([]);
  });

  it("keeps them when the LRS cannot be reached", async () => {
    const out = await recordStatements(t.db, statements(1), { lrs: { url: "http://127.0.0.1:9/xapi" } });
    expect(out.sent).toBe(0);
    expect(out.error).toMatch(/could not be reached/);
    expect((await rows(t)).map((r) => r.sent_at)).toEqual([null]);
  });

  it("keeps a statement once and sends only the new ones", async () => {
    const s = statements(2);
    await recordStatements(t.db, [s[0]], { lrs: { url } });
    lrs.received.length = 0;
    expect(await recordStatements(t.db, s, { lrs: { url } })).toEqual({ stored: 1, sent: 1 });
    expect((lrs.received[0].body as Statement[]).map((x) => x.id)).toEqual([s[1].id]);
    expect(await rows(t)).toHaveLength(2);
  });

  it("refuses a statement whose id is not a UUID v4 and keeps nothing of the call", async () => {
    const s = statements(2);
    const bad = { ...s[1], id: "statement-2" };
    await expect(recordStatements(t.db, [s[0], bad], { lrs: null })).rejects.toThrow(/statements\[1\]\.id: must be a UUID v4/);
    expect(await rows(t)).toEqual([]);
  });
});
