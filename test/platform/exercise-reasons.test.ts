/**
 * Reasons for restricted exercise sessions (issue 10, point 6; docs/decisions/0020). Sessions
 * marked AMBER+STRICT or RED were read by their members without a reason, because the service
 * asked the kernel as for a write. Now:
 * - every HTTP read of such a session (console details, QR, report, exports, and the writes that
 *   answer with the session) needs a real reason, and each read is audited as `record.read` with it;
 * - the live channel's hello from a signed-in facilitator is accepted only when that same user
 *   stated a reason for that session in the last REASON_GRANT_HOURS; each accepted connection is
 *   audited with that reason, and reconnecting does not extend the grant;
 * - participants and evaluators who join with a code are not platform users and are let in as before.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { REASON_GRANT_HOURS } from "../../src/server/exercises/sessions.service.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const WHY = "preparing the regional drill debrief";
const withWhy = (why = WHY) => ({ headers: { "x-access-reason": encodeURIComponent(why) } });
interface Msg { t: string; [k: string]: any }

/** A socket and everything it received. */
class Live {
  readonly messages: Msg[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on("message", (raw) => { this.messages.push(JSON.parse(String(raw))); this.wake(); });
    ws.on("close", () => this.wake());
  }
  private wake() { this.waiters.splice(0).forEach((w) => w()); }
  /** The first snapshot or error after hello. */
  async answer(): Promise<Msg> {
    for (;;) {
      const found = this.messages.find((m) => m.t === "snapshot" || m.t === "error");
      if (found) return found;
      if (this.ws.readyState >= WebSocket.CLOSING) return { t: "closed" };
      await new Promise<void>((resolve, reject) => { const t = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(this.messages)}`)), 5000); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
}

describe.each(engines)("reasons for restricted exercise sessions on $name", ({ create }) => {
  let f: Fixture;
  let url: string;
  const c: Record<string, Client> = {};
  const sockets: Live[] = [];
  /** sessions by marking, created by alice */
  const s: Record<string, { id: string; name: string; join_code: string; evaluator_code: string }> = {};

  const hello = async (session: string, opts: { cookie?: string; token?: string } = {}) => {
    const live = new Live(new WebSocket(url, { headers: { "x-forwarded-for": `192.0.2.${sockets.length + 10}`, ...(opts.cookie ? { cookie: opts.cookie } : {}) } }));
    sockets.push(live);
    await once(live.ws, "open");
    live.ws.send(JSON.stringify({ t: "hello", session, ...(opts.token ? { token: opts.token } : {}) }));
    return { live, answer: await live.answer() };
  };
  const reads = async (id: string, actor: string) => (await f.t.db.query<{ reason: string | null; details: Record<string, unknown> }>(
    "select reason, details from audit_log where action = 'record.read' and target_id = $1 and actor_id = $2 order by seq", [id, f.ids[actor]])).rows;

  beforeAll(async () => {
    f = await platformFixture(create);
    for (const who of ["alice", "bob", "carol"]) c[who] = await f.as(who);
    const scenario = (await c.alice.get("/api/v1/exercises/scenarios")).body.items[0].id;
    for (const marking of ["AMBER", "AMBER+STRICT", "RED"]) {
      const name = `Drill ${marking} Zq77Xv`;
      // Creating shows the session back to its creator without a reason, as creating any record does.
      const r = await c.alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario, name, marking });
      expect(r.status, r.text).toBe(201);
      expect(r.body.name).toBe(name);
      s[marking] = { ...r.body, name };
    }
    await f.app.listen({ port: 0, host: "127.0.0.1" });
    url = `ws://127.0.0.1:${(f.app.server.address() as AddressInfo).port}/api/v1/exercises/live`;
  });
  afterAll(async () => {
    for (const l of sockets) l.ws.terminate();
    await f?.close();
  });

  it("asks for a reason before any HTTP read of an AMBER+STRICT or RED session, and audits the read with it", async () => {
    for (const marking of ["AMBER+STRICT", "RED"]) {
      const { id, name } = s[marking];
      const base = `/api/v1/exercises/sessions/${id}`;
      for (const path of [base, `${base}/qr.svg`, `${base}/report`, `${base}/export/events.json`, `${base}/export/report.pdf`]) {
        for (const opts of [{}, withWhy(".")]) {
          const r = await c.alice.request("GET", path, undefined, opts);
          expect([r.status, r.body?.code], `${marking} ${path}`).toEqual([400, "access.reason_needed"]);
          expect(r.text).not.toContain(name);
          expect(r.text).not.toContain(s[marking].join_code);
        }
      }
      const before = (await reads(id, "alice")).length;
      const r = await c.alice.request("GET", base, undefined, withWhy());
      expect(r.status, r.text).toBe(200);
      expect([r.body.name, r.body.marking, r.body.join_code]).toEqual([name, marking, s[marking].join_code]);
      const after = await reads(id, "alice");
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ reason: WHY, details: { level: "content", marking, kind: "exercise-session" } });
      const report = await c.alice.request("GET", `${base}/report`, undefined, withWhy());
      expect([report.status, report.body.name]).toEqual([200, name]);
    }
  });

  it("refuses writes that answer with the session until the reason is given, and changes nothing meanwhile", async () => {
    const { id } = s["AMBER+STRICT"];
    const closed = await c.alice.request("POST", `/api/v1/exercises/sessions/${id}/joining`, { open: false });
    expect([closed.status, closed.body.code]).toEqual([400, "access.reason_needed"]);
    const edits = { summary: "Zq78Xv", lessons: [], improvements: [] };
    const saved = await c.alice.request("PUT", `/api/v1/exercises/sessions/${id}/report`, edits);
    expect([saved.status, saved.body.code]).toEqual([400, "access.reason_needed"]);
    const state = await f.t.db.query<{ joining_open: boolean }>("select joining_open from exercise_session where id = $1", [id]);
    expect(state.rows[0].joining_open).toBe(true);
    expect((await f.t.db.query("select 1 from exercise_report where session_id = $1", [id])).rows).toEqual([]);
    const withReason = await c.alice.request("PUT", `/api/v1/exercises/sessions/${id}/report`, edits, withWhy());
    expect([withReason.status, withReason.body.edits?.summary]).toEqual([200, "Zq78Xv"]);
  });

  it("keeps the rule of who may read: another organisation gets 404 with or without a reason; an AMBER session needs none", async () => {
    for (const marking of ["AMBER+STRICT", "RED"]) {
      expect((await c.carol.request("GET", `/api/v1/exercises/sessions/${s[marking].id}`, undefined, withWhy())).status, marking).toBe(404);
    }
    // bob is not among the RED session's readers (its creator only), even with a reason.
    expect((await c.bob.request("GET", `/api/v1/exercises/sessions/${s.RED.id}`, undefined, withWhy())).status).toBe(404);
    const amber = await c.bob.get(`/api/v1/exercises/sessions/${s.AMBER.id}`);
    expect([amber.status, amber.body.name]).toEqual([200, s.AMBER.name]);
  });

  it("lets a facilitator's live channel into a restricted session only after that user stated a reason for it", async () => {
    const { id, name } = s["AMBER+STRICT"];
    // bob (a member of the same organisation) has never given a reason for this session: refused, with the key the console translates.
    const refused = await hello(id, { cookie: c.bob.cookie! });
    expect(refused.answer).toMatchObject({ t: "error", field: "reason", code: "reason-needed", params: { marking: "AMBER+STRICT", hours: REASON_GRANT_HOURS } });
    expect(refused.live.messages.some((m) => m.t === "welcome" || m.t === "snapshot")).toBe(false);
    expect(JSON.stringify(refused.live.messages)).not.toContain(name);
    // alice's reason (given in the first test) is hers: it does not let bob in.
    expect((await reads(id, "alice")).some((r) => r.reason === WHY)).toBe(true);
    expect((await hello(id, { cookie: c.bob.cookie! })).answer.code).toBe("reason-needed");

    // bob opens the console page with a reason; then the live channel lets him in, and the connection is audited with that reason.
    const bobWhy = "checking the injects before the session";
    expect((await c.bob.request("GET", `/api/v1/exercises/sessions/${id}`, undefined, withWhy(bobWhy))).status).toBe(200);
    const admitted = await hello(id, { cookie: c.bob.cookie! });
    expect(admitted.answer.t).toBe("snapshot");
    const live = (await reads(id, "bob")).filter((r) => r.details.via === "live");
    expect(live.length).toBe(1);
    expect(live[0]).toMatchObject({ reason: bobWhy, details: { level: "content", marking: "AMBER+STRICT" } });
    // The RED session: only its creator, and also only with a reason of hers for it.
    expect((await hello(s.RED.id, { cookie: c.bob.cookie! })).answer).toMatchObject({ t: "error", field: "session" });
    expect((await hello(s.RED.id, { cookie: c.alice.cookie! })).answer.t).toBe("snapshot");
  });

  it("lets an AMBER session's facilitator in without a reason, and code holders into a RED session without an account", async () => {
    expect((await hello(s.AMBER.id, { cookie: c.bob.cookie! })).answer.t).toBe("snapshot");
    const joined = await f.anonymous.request("POST", "/api/v1/exercises/join", { code: s.RED.evaluator_code, pseudonym: "Owl", language: "en", consent: true }, { headers: { "x-forwarded-for": "192.0.2.200" } });
    expect(joined.status, joined.text).toBe(201);
    expect((await hello(s.RED.id, { token: joined.body.token })).answer.t).toBe("snapshot");
  });

  it(`ends the grant ${REASON_GRANT_HOURS} hours after the reason was stated; reconnecting does not extend it, stating it again does`, async () => {
    const { id } = s["AMBER+STRICT"];
    const stated = Date.now();
    try {
      // Only Date moves (the audit dates its entries and the grant is measured with it); timers run as usual.
      vi.useFakeTimers({ toFake: ["Date"], now: stated + (REASON_GRANT_HOURS - 1) * 3_600_000 });
      const bob = await f.as("bob"); // the earlier sign-in has ended by now
      expect((await hello(id, { cookie: bob.cookie! })).answer.t).toBe("snapshot"); // still within the grant (an audited live read)
      vi.setSystemTime(stated + (REASON_GRANT_HOURS + 1) * 3_600_000);
      const later = await f.as("bob");
      expect((await hello(id, { cookie: later.cookie! })).answer.code).toBe("reason-needed");
      expect((await later.request("GET", `/api/v1/exercises/sessions/${id}`, undefined, withWhy("second day of the drill"))).status).toBe(200);
      expect((await hello(id, { cookie: later.cookie! })).answer.t).toBe("snapshot");
    } finally {
      vi.useRealTimers();
    }
  });
});
