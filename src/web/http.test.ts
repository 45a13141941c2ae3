import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onReasonNeeded, ProblemError, request, textBody } from "./http.js";

/** What the test server saw of the last request. */
interface Seen { method: string; url: string; headers: IncomingMessage["headers"]; body: string }
let seen: Seen;
let server: Server;
let base = "";

const problem = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers: { "content-type": "application/problem+json", ...headers } });
const answers: Record<string, (s: Seen) => { status: number; body?: unknown; headers?: Record<string, string> }> = {
  "/echo": () => ({ status: 200, body: { ok: true } }),
  "/empty": () => ({ status: 204 }),
  "/invalid": () => problem(400, { title: "Bad request", detail: "body.name: Required", errors: [{ param: "body.name", message: "Required" }] }),
  "/import": () => problem(422, { imported: 0, rejected: 1, errors: [{ row: 1, line: 2, field: "state", message: "unknown state" }] }),
  "/offline": () => problem(503, { title: "Offline" }, { "x-nexus-offline": "1" }),
  "/down": () => problem(503, { title: "Service unavailable" }),
  "/strict": (s) => (s.headers["x-access-reason"]
    ? { status: 200, body: { reason: decodeURIComponent(String(s.headers["x-access-reason"])) } }
    : problem(400, { code: "access.reason_needed", detail: "A reason is needed", errors: [{ param: "x-access-reason", message: "A reason is needed" }] })),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      const answer = answers[new URL(req.url ?? "/", "http://x").pathname]?.(seen) ?? { status: 404, body: { title: "Not found" } };
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as ProblemError);

describe("request", () => {
  it("asks for JSON in the reader's language, or the language the caller fixes, or none", async () => {
    expect(await request(`${base}/echo`)).toEqual({ ok: true });
    expect(seen.headers.accept).toBe("application/json");
    expect(seen.headers["accept-language"]).toBe("en");
    await request(`${base}/echo`, { language: "fr" });
    expect(seen.headers["accept-language"]).toBe("fr");
    // None of ours: the client's own default (Node's fetch sends "*", a browser the reader's settings).
    await request(`${base}/echo`, { language: null });
    expect(seen.headers["accept-language"]).toBe("*");
  });

  it("sends the CSRF token with writes only, and a JSON or text body with its content type", async () => {
    await request(`${base}/echo`, { csrf: "tok" });
    expect(seen.headers["x-csrf-token"]).toBeUndefined();
    await request(`${base}/echo`, { method: "POST", csrf: "tok", body: { name: "Delta creeks" } });
    expect(seen).toMatchObject({ method: "POST", body: '{"name":"Delta creeks"}' });
    expect(seen.headers).toMatchObject({ "x-csrf-token": "tok", "content-type": "application/json" });
    await request(`${base}/echo`, { method: "POST", csrf: "tok", body: textBody("subject,indicator\nA,b\n", "text/csv") });
    expect(seen.body).toBe("subject,indicator\nA,b\n");
    expect(seen.headers["content-type"]).toBe("text/csv");
    await request(`${base}/echo`, { method: "DELETE" });
    expect(seen.headers["content-type"]).toBeUndefined();
    expect(await request(`${base}/empty`, { method: "DELETE" })).toBeUndefined();
  });

  it("turns a problem into a ProblemError with its status, detail, title and field errors", async () => {
    const e = await failure(request(`${base}/invalid`, { method: "POST", body: {} }));
    expect(e).toBeInstanceOf(ProblemError);
    expect(e).toMatchObject({ status: 400, message: "body.name: Required", title: "Bad request" });
    expect(e.field("body")).toBe("Required");
    expect(e.field("name")).toBeUndefined();
  });

  it("keeps an answer's own error list (the CSV import's rejected rows) in the body, not as field errors", async () => {
    const e = await failure(request(`${base}/import`, { method: "POST", body: textBody("x", "text/csv") }));
    expect(e.status).toBe(422);
    expect(e.errors).toEqual([]);
    expect(e.body).toMatchObject({ rejected: 1, errors: [{ row: 1, field: "state" }] });
  });

  it("reports an unreachable server as status 0, or answers from the offline fallback", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/echo`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(request(gone))).toMatchObject({ status: 0 });

    const states: boolean[] = [];
    const offline = { answer: async (url: string) => ({ from: "bundle", url }), onState: (o: boolean) => states.push(o) };
    expect(await request(gone, { offline })).toEqual({ from: "bundle", url: gone });
    expect(await request(`${base}/offline`, { offline })).toEqual({ from: "bundle", url: `${base}/offline` });
    expect(await request(`${base}/echo`, { offline })).toEqual({ ok: true });
    // A 503 without the service worker's mark is the server's own answer.
    expect(await failure(request(`${base}/down`, { offline }))).toMatchObject({ status: 503, message: "Service unavailable" });
    expect(states).toEqual([true, true, false, false]);
  });

  it("asks once for a reason when the server needs one, and sends it with the page's later requests", async () => {
    (globalThis as { location?: unknown }).location = { pathname: "/records/r-1" };
    try {
      expect((await failure(request(`${base}/strict`, { reason: true }))).status).toBe(400);
      let asked = 0;
      const stop = onReasonNeeded(async () => { asked++; return "Checking a lead — café"; });
      expect(await request(`${base}/strict`, { reason: true })).toEqual({ reason: "Checking a lead — café" });
      expect(await request(`${base}/strict`, { reason: true })).toEqual({ reason: "Checking a lead — café" });
      expect(asked).toBe(1);
      // Without reason: true no reason is sent.
      expect((await failure(request(`${base}/strict`))).status).toBe(400);
      stop();
    } finally {
      delete (globalThis as { location?: unknown }).location;
    }
  });
});
