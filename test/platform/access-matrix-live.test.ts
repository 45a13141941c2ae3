/**
 * The access matrix for the live exercise channel, generated from the socket registry: every
 * message type the server accepts (`routes.sockets[].messages`) is sent by every kind of
 * connection that is not session A's: a participant, an evaluator and the projector of another
 * session B of the same workspace, and the facilitator of session C of another organisation.
 * Each says hello to its own session, then sends every type. Checked:
 * - hello to session A with B's or C's credentials (token, projector key, another
 *   organisation's sign-in) is refused;
 * - a type the connection's kind may not send is refused as forbidden (the declared senders);
 * - nothing any of them receives names session A or carries its marker, and session A's event
 *   log does not move.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Fixture } from "../support/platform.js";

const MARKER = "Zq99LiveXv";
interface Msg { t: string; [k: string]: any }

class Live {
  readonly messages: Msg[] = [];
  private waiters: (() => void)[] = [];
  private n = 0;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (raw) => { this.messages.push(JSON.parse(String(raw))); this.wake(); });
    ws.on("close", () => this.wake());
  }
  private wake() { this.waiters.splice(0).forEach((w) => w()); }
  async next(pred: (m: Msg) => boolean, from = 0): Promise<Msg> {
    for (;;) {
      const found = this.messages.slice(from).find(pred);
      if (found) return found;
      if (this.ws.readyState >= WebSocket.CLOSING) return { t: "closed" };
      await new Promise<void>((resolve, reject) => { const t = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(this.messages.slice(-3))}`)), 5000); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
  async send(payload: Record<string, unknown>, id: string | null): Promise<Msg> {
    const from = this.messages.length;
    this.ws.send(JSON.stringify(payload));
    return this.next((m) => ((m.t === "ack" || m.t === "error") && m.id === id) || (m.t === "error" && m.id == null) || m.t === "snapshot", from);
  }
  cmd(type: string) { const id = `c${++this.n}`; return this.send({ t: "cmd", id, cmd: { type } }, id); }
}

describe.each(engines)("live channel access matrix on $name", ({ create }) => {
  let f: Fixture;
  let url: string;
  const sockets: Live[] = [];
  type Session = { id: string; join_code: string; evaluator_code: string; projector_key: string };
  const s: Record<string, Session> = {};
  const cookies: Record<string, string> = {};

  const connect = async (hello: Record<string, unknown>, cookie?: string) => {
    const live = new Live(new WebSocket(url, { headers: { "x-forwarded-for": `192.0.2.${sockets.length + 10}`, ...(cookie ? { cookie } : {}) } }));
    sockets.push(live);
    await once(live.ws, "open");
    return { live, answer: await live.send({ t: "hello", ...hello }, null) };
  };
  const join = async (code: string, pseudonym: string, extra: Record<string, unknown>) => {
    const r = await f.anonymous.request("POST", "/api/v1/exercises/join", { code, pseudonym, language: "en", consent: true, ...extra }, { headers: { "x-forwarded-for": "192.0.2.200" } });
    if (r.status !== 201) throw new Error(`join: ${r.text}`);
    return r.body.token as string;
  };
  const eventsOf = async (id: string) => (await f.t.db.query<{ n: number }>("select count(*)::int as n from exercise_event where session_id = $1", [id])).rows[0].n;

  beforeAll(async () => {
    f = await platformFixture(create);
    const alice = await f.as("alice");
    const mallory = await f.as("mallory");
    cookies.alice = alice.cookie!;
    cookies.mallory = mallory.cookie!;
    const scenario = (await alice.get("/api/v1/exercises/scenarios")).body.items[0];
    const role = scenario.roles?.[0]?.id;
    const make = async (c: typeof alice, ws: string, name: string) => {
      const r = await c.post(`/api/v1/exercises/workspaces/${ws}/sessions`, { scenario: scenario.id, name, marking: "AMBER" });
      if (r.status !== 201) throw new Error(`session: ${r.text}`);
      return r.body as Session;
    };
    s.A = await make(alice, f.ids.ws, MARKER);
    s.B = await make(alice, f.ids.ws, "Other session");
    const customs = await mallory.post("/api/v1/workspaces", { name: "Customs drills" });
    s.C = await make(mallory, customs.body.id, "Customs session");
    s.tokenB = { token: await join(s.B.join_code, "Falcon", role ? { role } : {}) } as never;
    s.evaluatorB = { token: await join(s.B.evaluator_code, "Owl", {}) } as never;
    s.tokenC = { token: await join(s.C.join_code, "Heron", role ? { role } : {}) } as never;
    await f.app.listen({ port: 0, host: "127.0.0.1" });
    url = `ws://127.0.0.1:${(f.app.server.address() as AddressInfo).port}/api/v1/exercises/live`;
  });
  afterAll(async () => {
    for (const l of sockets) l.ws.terminate();
    await f?.close();
  });

  const token = (k: string) => (s[k] as unknown as { token: string }).token;

  it("refuses hello to a session with another session's or organisation's credentials", async () => {
    const attempts: [string, Record<string, unknown>, string?][] = [
      ["participant of B", { session: s.A.id, token: token("tokenB") }],
      ["evaluator of B", { session: s.A.id, token: token("evaluatorB") }],
      ["participant of C (other organisation)", { session: s.A.id, token: token("tokenC") }],
      ["projector of B", { session: s.A.id, projector: s.B.projector_key }],
      ["facilitator of C (other organisation)", { session: s.A.id }, cookies.mallory],
      ["anonymous facilitator", { session: s.A.id }],
    ];
    for (const [who, hello, cookie] of attempts) {
      const { live, answer } = await connect(hello, cookie);
      expect(answer.t, who).not.toBe("snapshot");
      expect(JSON.stringify(live.messages), who).not.toContain(MARKER);
    }
    // The real facilitator is let in (the refusals above are not a broken channel).
    expect((await connect({ session: s.A.id }, cookies.alice)).answer.t).toBe("snapshot");
  });

  it("every message type from every outside kind of connection: refused unless declared for it, and never reaching session A", async () => {
    const [socket] = f.routes.sockets.filter((x) => x.url === "/api/v1/exercises/live");
    const types = socket.messages.filter((m) => m.type !== "hello");
    expect(types.length).toBeGreaterThan(10);
    const before = await eventsOf(s.A.id);
    const outsiders: [string, Record<string, unknown>, string?][] = [
      ["participant", { session: s.B.id, token: token("tokenB") }],
      ["evaluator", { session: s.B.id, token: token("evaluatorB") }],
      ["projector", { session: s.B.id, projector: s.B.projector_key }],
      ["facilitator", { session: s.C.id }, cookies.mallory],
    ];
    const wrong: string[] = [];
    for (const [kind, hello, cookie] of outsiders) {
      const { live, answer } = await connect(hello, cookie);
      expect(answer.t, kind).toBe("snapshot");
      for (const m of types) {
        const r = await live.cmd(m.type);
        // Refused for who sends it (before its content is even read), and never a server error.
        if (!m.senders.includes(kind) && !(r.t === "error" && r.code === "forbidden")) wrong.push(`${kind} sent ${m.type}: ${JSON.stringify(r)}`);
        if (r.code === "internal") wrong.push(`${kind} sent ${m.type}: server error`);
      }
      const seen = JSON.stringify(live.messages);
      if (seen.includes(MARKER) || seen.includes(s.A.id)) wrong.push(`${kind} received session A`);
    }
    expect(wrong).toEqual([]);
    expect(await eventsOf(s.A.id)).toBe(before);
  });
});
