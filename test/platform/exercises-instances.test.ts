/**
 * Live exercises on several instances (issue 14): two app instances, each with its own hub and
 * its own connections, share one PostgreSQL database, as two processes behind a load balancer
 * without sticky routing would. The facilitator is on one, participants are split across both,
 * and a participant reconnects to the other instance. Every screen must get every event it may
 * see once, in order, whichever instance wrote it.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import pg from "pg";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import type { ExerciseEvent } from "../../src/core/exercises/events.js";
import type { Scenario } from "../../src/core/knowledge/schema.js";
import { openDatabase, type Db } from "../../src/db/connection.js";
import { buildAppWithServices } from "../../src/server/app.js";
import { EVENTS_CHANNEL } from "../../src/server/exercises/hub.js";
import { engines } from "../support/databases.js";
import { Live } from "../support/live.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const kb = loadContent().kb;
const everyone = (d: Scenario["phases"][number]["decisions"][number]) => d.scope !== "role" && d.response === "single";
const sc = kb.scenarios.find((s) => s.phases[0].injects.filter((i) => i.release.mode !== "conditional").length >= 2 && s.phases[0].decisions.some(everyone))!;
const p1 = sc.phases[0];
const [inject1, inject2] = p1.injects.filter((i) => i.release.mode !== "conditional");
const decision = p1.decisions.find(everyone)!;
const postgres = engines.find((e) => e.name === "postgres")!;

/** Seqs received by a screen, in order: each once and without a gap, from its first snapshot on. */
function expectWhole(live: Live, upTo: number) {
  const snapshot = live.messages.find((m) => m.t === "snapshot")!.seq as number;
  const seqs = live.events().map((e: ExerciseEvent) => e.seq);
  expect(seqs).toEqual(Array.from({ length: upTo - snapshot }, (_, i) => snapshot + i + 1));
}

describe("live exercises on two instances sharing PostgreSQL", () => {
  let f: Fixture;
  let alice: Client;
  let db2: Db;
  let app2: Awaited<ReturnType<typeof buildAppWithServices>>["app"];
  const urls: string[] = [];
  const sockets: Live[] = [];

  const connect = async (instance: 0 | 1, hello: Record<string, unknown>, cookie?: string) => {
    const live = new Live(new WebSocket(urls[instance], { headers: cookie ? { cookie } : {} }));
    sockets.push(live);
    await once(live.ws, "open");
    live.ws.send(JSON.stringify({ t: "hello", ...hello }));
    await live.next((m) => m.t === "snapshot" || m.t === "error");
    return live;
  };
  /** Joins over HTTP on one instance or the other. */
  const join = async (instance: 0 | 1, code: string, pseudonym: string) => {
    const payload = { code, pseudonym, language: "en", consent: true, role: sc.roles[0].id };
    const r = instance === 0 ? (await f.anonymous.post("/api/v1/exercises/join", payload)) : await app2.inject({ method: "POST", url: "/api/v1/exercises/join", payload }).then((x) => ({ status: x.statusCode, body: x.json() }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { token: string; member: { id: string } };
  };
  const lastSeq = async (session: string) => Number((await f.t.db.query<{ n: number }>("select max(seq) as n from exercise_event where session_id = $1", [session])).rows[0].n);

  beforeAll(async () => {
    const t = await postgres.create();
    f = await platformFixture(async () => t);
    alice = await f.as("alice");
    db2 = await openDatabase({ databaseUrl: t.url!, dataDir: "" });
    app2 = (await buildAppWithServices({ db: db2, kb, webDir: "/nonexistent/", trustProxy: true })).app;
    for (const app of [f.app, app2]) {
      await app.listen({ port: 0, host: "127.0.0.1" });
      urls.push(`ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/exercises/live`);
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await app2?.close();
    await db2?.close();
    await f?.close();
  });

  it("delivers every event once to screens on both instances, takes answers on either, and a reconnect on the other instance misses nothing", async () => {
    const s = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 20 })).body as { id: string; join_code: string };
    const people = [] as { token: string; member: { id: string } }[];
    for (let i = 0; i < 6; i++) people.push(await join((i % 2) as 0 | 1, s.join_code, `Player ${i + 1}`));
    const facilitator = await connect(0, { session: s.id }, alice.cookie!);
    const screens = [] as Live[];
    for (const [i, p] of people.entries()) screens.push(await connect((i % 2) as 0 | 1, { session: s.id, token: p.token }));
    // A second facilitator screen on the other instance, as a co-facilitator's laptop would be.
    const cofacilitator = await connect(1, { session: s.id }, alice.cookie!);

    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "release-situation" }, { type: "release-inject", inject: inject1.id }, { type: "open-decision", decision: decision.id }]) {
      expect((await facilitator.cmd(cmd)).t, JSON.stringify(cmd)).toBe("ack");
    }
    for (const screen of screens) await screen.next((m) => m.t === "event" && m.event.type === "decision-opened");

    // Everyone answers, half of them through the other instance; both facilitator screens see every answer.
    const acks = await Promise.all(screens.map((screen, i) => screen.cmd({ type: "respond", decision: decision.id, answer: { option: decision.options[i % decision.options.length].id }, request: `req-answer-${i}` })));
    for (const ack of acks) expect(ack).toMatchObject({ t: "ack", duplicate: false });
    let seq = await lastSeq(s.id);
    for (const screen of [facilitator, cofacilitator]) {
      await screen.next((m) => m.t === "event" && m.event.seq === seq);
      expect(screen.events().filter((e: ExerciseEvent) => e.type === "response-recorded")).toHaveLength(6);
    }
    // A repeated answer sent through the other instance is recognised as a repeat.
    const again = await connect(1, { session: s.id, token: people[0].token });
    expect(await again.cmd({ type: "respond", decision: decision.id, answer: { option: decision.options[0].id }, request: "req-answer-0" })).toMatchObject({ t: "ack", duplicate: true, seqs: acks[0].seqs });
    again.ws.close();

    // Player 1 (on the first instance) loses the connection; the facilitator goes on; the phone reconnects to the second instance.
    const gone = screens[0];
    const seenBefore = gone.events().at(-1)!.seq as number;
    gone.ws.close();
    await gone.closed;
    expect((await facilitator.cmd({ type: "close-decision", decision: decision.id })).t).toBe("ack");
    expect((await facilitator.cmd({ type: "release-inject", inject: inject2.id })).t).toBe("ack");
    const back = await connect(1, { session: s.id, token: people[0].token, last_seq: seenBefore });
    const missed = back.messages.find((m) => m.t === "missed")!;
    expect(missed.events.map((e: ExerciseEvent) => e.type)).toEqual(expect.arrayContaining(["decision-closed", "inject-released"]));
    expect(missed.events.every((e: ExerciseEvent) => e.seq > seenBefore)).toBe(true);
    // Then live again, from an instance the command did not come through.
    expect((await cofacilitator.cmd({ type: "pause" })).t).toBe("ack");
    seq = await lastSeq(s.id);
    await back.next((m) => m.t === "event" && m.event.type === "paused");
    expect(back.events().filter((e: ExerciseEvent) => e.type === "inject-released")).toHaveLength(1);

    // Every screen that stayed got every event it may see, once, in order (facilitators see them all).
    for (const screen of [facilitator, cofacilitator]) { await screen.next((m) => m.t === "event" && m.event.seq === seq); expectWhole(screen, seq); }
    for (const screen of screens.slice(1)) {
      await screen.next((m) => m.t === "event" && m.event.type === "paused");
      const seqs = screen.events().map((e: ExerciseEvent) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    }

    // The session list on either instance reads the status and counts the hub wrote.
    const listed = (await alice.get(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`)).body.items.find((x: { id: string }) => x.id === s.id);
    expect(listed).toMatchObject({ status: "paused", participants: 6 });
  });

  it("decides commands sent at once through both instances on the whole log: no seq twice, no gap", async () => {
    const s = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 40 })).body as { id: string; join_code: string };
    // Joining through both instances at once: each lands once, with its own seq.
    const joined = await Promise.all(Array.from({ length: 20 }, (_, i) => join((i % 2) as 0 | 1, s.join_code, `Racer ${i + 1}`)));
    expect(new Set(joined.map((j) => j.member.id)).size).toBe(20);
    const [a, b] = [await connect(0, { session: s.id }, alice.cookie!), await connect(1, { session: s.id }, alice.cookie!)];
    expect((await a.cmd({ type: "start-briefing" })).t).toBe("ack");
    // Both facilitator screens try to enter the first phase at the same moment: one wins, the other is told it is out of turn.
    const raced = await Promise.all([a.cmd({ type: "enter-phase", phase: p1.id }), b.cmd({ type: "enter-phase", phase: p1.id })]);
    expect(raced.map((r) => r.t).sort()).toEqual(["ack", "error"]);
    const rows = (await f.t.db.query<{ seq: number; type: string }>("select seq, type from exercise_event where session_id = $1 order by seq", [s.id])).rows;
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.type === "member-joined")).toHaveLength(20);
    expect(rows.filter((r) => r.type === "phase-entered")).toHaveLength(1);
    const seq = rows.at(-1)!.seq;
    for (const screen of [a, b]) { await screen.next((m) => m.t === "event" && m.event.seq === seq); expectWhole(screen, seq); }
  });

  it("fires a scheduled inject once although both instances hold the session and set a timer", async () => {
    const s = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 5 })).body as { id: string; join_code: string };
    const [a, b] = [await connect(0, { session: s.id }, alice.cookie!), await connect(1, { session: s.id }, alice.cookie!)];
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "schedule-inject", inject: inject1.id, after_seconds: 1 }]) expect((await a.cmd(cmd)).t).toBe("ack");
    for (const screen of [a, b]) await screen.next((m) => m.t === "event" && m.event.type === "inject-released", 0, 5000);
    await new Promise((r) => setTimeout(r, 500));
    const released = (await f.t.db.query("select seq from exercise_event where session_id = $1 and type = 'inject-released'", [s.id])).rows;
    expect(released).toHaveLength(1);
    for (const screen of [a, b]) expect(screen.events().filter((e: ExerciseEvent) => e.type === "inject-released")).toHaveLength(1);
  });

  it("catches up after its listening connection to PostgreSQL is cut", async () => {
    const s = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 5 })).body as { id: string; join_code: string };
    const p = await join(1, s.join_code, "Kestrel");
    const facilitator = await connect(0, { session: s.id }, alice.cookie!);
    const phone = await connect(1, { session: s.id, token: p.token });
    expect((await facilitator.cmd({ type: "start-briefing" })).t).toBe("ack");
    await phone.event("briefing-started");
    // Cut every listening connection, as a database restart or a network drop would; the facilitator goes on meanwhile.
    const admin = new pg.Client({ connectionString: f.t.url });
    await admin.connect();
    try {
      const cut = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = $1", [`listen ${EVENTS_CHANNEL}`]);
      expect(cut.rows.length).toBe(2);
    } finally {
      await admin.end();
    }
    expect((await facilitator.cmd({ type: "enter-phase", phase: p1.id })).t).toBe("ack");
    // The phone's instance reconnects its listener and reads what it missed.
    const entered = await phone.next((m) => m.t === "event" && m.event.type === "phase-entered", 0, 15_000);
    expect(entered.event.phase).toBe(p1.id);
  }, 30_000);
});
