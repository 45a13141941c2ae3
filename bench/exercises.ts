/**
 * Live exercise load: 300 simulated participants on loopback, each on its own WebSocket to a
 * real server process. The facilitator releases every inject of the played phases and opens a
 * decision all participants answer; between releases a share of the participants lose their
 * socket and reconnect with the last sequence number they saw. Reports the latency from the
 * facilitator's release to delivery at each participant (p50/p99) and, per participant, the
 * events lost or duplicated against the events it may see (both must be zero).
 *
 * Two runs: one server on the embedded PGlite, and two server processes sharing PostgreSQL
 * (decision 0011) with participants split across both, the facilitator on the first, and every
 * reconnect landing on the other instance (a load balancer without sticky routing). The second
 * run needs the PostgreSQL that `node scripts/setup-test-deps.mjs` starts (or BENCH_DATABASE_URL,
 * a server where a database may be created); without one it reports why it did not run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { loadContent } from "../src/content/readContent.js";
import type { ExerciseEvent } from "../src/core/exercises/events.js";
import { visibleTo } from "../src/core/exercises/visibility.js";
import pg from "pg";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 300);
const RECONNECT_SHARE = 0.2;
const PORT = Number(process.env.BENCH_EX_PORT ?? 8298);
const POSTGRES = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
const PASSWORD = "tidal-ember-quarry-42";
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Msg { t: string; [k: string]: any }
class Client {
  ws!: WebSocket;
  events = new Map<number, number>(); // seq -> times received
  received: { seq: number; at: number; type: string; port: number }[] = [];
  viewer: any = null;
  lastSeq = 0;
  /** the sequence number of the first snapshot: events up to it arrived folded into that snapshot */
  firstSnapshot: number | null = null;
  private waiting = new Map<string, (m: Msg) => void>();
  constructor(readonly session: string, readonly hello: Record<string, unknown>, readonly headers: Record<string, string> = {}, public port = PORT) {}
  connect(lastSeq: number | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(`ws://127.0.0.1:${this.port}/api/v1/exercises/live`, { headers: this.headers });
      this.ws.on("open", () => this.ws.send(JSON.stringify({ t: "hello", session: this.session, ...this.hello, ...(lastSeq !== null ? { last_seq: lastSeq } : {}) })));
      this.ws.on("error", reject);
      this.ws.on("message", (raw) => {
        const m = JSON.parse(String(raw)) as Msg;
        const now = performance.now();
        if (m.t === "welcome") this.viewer = m.viewer;
        if (m.t === "snapshot") { if (lastSeq === null) { this.lastSeq = m.seq; this.firstSnapshot ??= m.seq; } resolve(); }
        const evs: ExerciseEvent[] = m.t === "event" ? [m.event] : m.t === "missed" ? m.events : [];
        for (const e of evs) {
          this.events.set(e.seq, (this.events.get(e.seq) ?? 0) + 1);
          this.received.push({ seq: e.seq, at: now, type: e.type, port: this.port });
          this.lastSeq = Math.max(this.lastSeq, e.seq);
        }
        if ((m.t === "ack" || m.t === "error") && this.waiting.has(m.id)) { this.waiting.get(m.id)!(m); this.waiting.delete(m.id); }
      });
    });
  }
  private n = 0;
  cmd(cmd: Record<string, unknown>): Promise<Msg> {
    const id = `m${++this.n}`;
    return new Promise((resolve) => { this.waiting.set(id, resolve); this.ws.send(JSON.stringify({ t: "cmd", id, cmd })); });
  }
}

/** A fresh database for the run: a PGlite folder, or a new database on the PostgreSQL server. */
export async function freshDatabase(shared: boolean): Promise<{ env: Record<string, string>; drop: () => Promise<void> } | { skipped: string }> {
  if (!shared) {
    const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-ex-"));
    return { env: { DATA_DIR: dataDir, DATABASE_URL: "" }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `nexus_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  try { await admin.connect(); } catch (e) { return { skipped: `no PostgreSQL at ${POSTGRES.replace(/\/\/[^@]*@/, "//")} (${(e as Error).message}); run node scripts/setup-test-deps.mjs or set BENCH_DATABASE_URL` }; }
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function main(instances: 1 | 2 = 1) {
  const { kb } = loadContent();
  const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.options.some((o) => o.branch) && d.scope !== "role"))!;
  const fresh = await freshDatabase(instances > 1);
  if ("skipped" in fresh) return { instances, skipped: fresh.skipped };
  const db = await openDatabase({ databaseUrl: fresh.env.DATABASE_URL || undefined, dataDir: fresh.env.DATA_DIR ?? "" });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('bench', 'Bench training centre')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "trainer@bench.example", name: "Bench Trainer", organisationId: "bench", roles: ["trainer"], password: PASSWORD }));
  await db.close();
  const ports = Array.from({ length: instances }, (_, i) => PORT + i);
  const children: ChildProcess[] = ports.map((port) => spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent", ...fresh.env }, stdio: ["ignore", "ignore", "inherit"],
  }));
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (const port of ports) for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* starting */ } await sleep(50); }
    const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "trainer@bench.example", password: PASSWORD }) });
    const cookie = String(login.headers.get("set-cookie")).split(";")[0];
    const csrf = (await login.json()).csrf_token as string;
    const post = (url: string, body: unknown, auth = true) => fetch(`${base}${url}`, { method: "POST", headers: { "content-type": "application/json", ...(auth ? { cookie, "x-csrf-token": csrf } : {}) }, body: JSON.stringify(body) }).then((r) => r.json());
    const ws = await post("/api/v1/workspaces", { name: "Bench exercise" });
    const session = await post(`/api/v1/exercises/workspaces/${ws.id}/sessions`, { scenario: sc.id, max_participants: 1000 });
    const tokens: { token: string; member: string; role: string }[] = [];
    for (let i = 0; i < PARTICIPANTS; i++) {
      const role = sc.roles[i % sc.roles.length].id;
      const j = await post("/api/v1/exercises/join", { code: session.join_code, pseudonym: `Player ${i + 1}`, role, table: `T${(i % 30) + 1}`, language: "en", consent: true }, false);
      if (!j.token) throw new Error(JSON.stringify(j));
      tokens.push({ token: j.token, member: j.member.id, role });
    }
    const facilitator = new Client(session.id, {}, { cookie });
    await facilitator.connect(null);
    // Participants alternate between the instances.
    const players = tokens.map((t, i) => new Client(session.id, { token: t.token }, {}, ports[i % instances]));
    const t0 = performance.now();
    await Promise.all(players.map((p) => p.connect(null)));
    const connectMs = performance.now() - t0;

    const releases: { seq: number; sentAt: number }[] = [];
    let reconnects = 0;
    const churn = async () => {
      // Drop a share of the sockets, then reconnect them with the last sequence number they saw.
      const dropped = players.filter((_, i) => (i + reconnects) % Math.round(1 / RECONNECT_SHARE) === 0);
      for (const p of dropped) p.ws.terminate();
      // Without sticky routing, a phone that reconnects lands on another instance.
      for (const p of dropped) p.port = ports[(ports.indexOf(p.port) + 1) % instances];
      await sleep(20);
      await Promise.all(dropped.map((p) => p.connect(p.lastSeq)));
      reconnects += dropped.length;
    };
    const release = async (cmd: Record<string, unknown>) => {
      const sentAt = performance.now();
      const ack = await facilitator.cmd(cmd);
      if (ack.t !== "ack") throw new Error(`${JSON.stringify(cmd)}: ${JSON.stringify(ack)}`);
      for (const seq of ack.seqs) releases.push({ seq, sentAt });
      await sleep(150);
    };
    const p1 = sc.phases[0];
    const d1 = p1.decisions.find((d) => d.options.some((o) => o.branch))!;
    await release({ type: "start-briefing" });
    await release({ type: "enter-phase", phase: p1.id });
    await release({ type: "release-situation" });
    for (const i of p1.injects.filter((x) => x.release.mode === "manual")) { await release({ type: "release-inject", inject: i.id }); await churn(); }
    await release({ type: "open-decision", decision: d1.id });
    const answer = (o: string) => (d1.response === "single" ? { option: o } : d1.response === "multiple" ? { options: [o] } : d1.response === "rank" ? { order: [o, ...d1.options.filter((x) => x.id !== o).map((x) => x.id)] } : { text: "we act" });
    const branching = d1.options.find((o) => o.branch)!;
    const answerStart = performance.now();
    const acks = await Promise.all(players.map((p, i) => p.cmd({ type: "respond", decision: d1.id, answer: answer(i % 3 ? branching.id : d1.options[0].id), request: `bench-${i}-0001` })));
    const answerMs = performance.now() - answerStart;
    await churn();
    await release({ type: "close-decision", decision: d1.id });
    await release({ type: "reveal", decision: d1.id });
    const next = (await fetch(`${base}/api/v1/exercises/sessions/${session.id}/report`, { headers: { cookie } }).then((r) => r.json())).generated.decisions[0]?.branch ?? sc.phases.find((p, i) => i > 0 && !p.branch)!.id;
    await release({ type: "enter-phase", phase: next });
    await release({ type: "release-situation" });
    for (const i of sc.phases.find((p) => p.id === next)!.injects.filter((x) => x.release.mode === "manual" || x.release.option === branching.id)) { await release({ type: "release-inject", inject: i.id }); await churn(); }
    for (let k = 0; k < 5; k++) { await release({ type: "timer-start", seconds: 60 * (k + 1) }); }
    await release({ type: "end" });
    await sleep(500);

    // Delivery latency: from the facilitator's send to each participant's receipt of a released event it may see.
    const sentAt = new Map(releases.map((r) => [r.seq, r.sentAt]));
    const latencies: number[] = [];
    /** deliveries by an instance the facilitator's command did not go through (through PostgreSQL's NOTIFY) */
    const relayed: number[] = [];
    let lost = 0, duplicated = 0;
    const log = [...facilitator.events.keys()].sort((a, b) => a - b);
    const full = new Map(facilitator.received.map((r) => [r.seq, r]));
    const facilitatorEvents = await fetch(`${base}/api/v1/exercises/sessions/${session.id}/export/events.json`, { headers: { cookie } }).then((r) => r.json()) as ExerciseEvent[];
    for (const [i, p] of players.entries()) {
      const viewer = { kind: "participant" as const, member: tokens[i].member, role: tokens[i].role };
      const expected = facilitatorEvents.filter((e) => e.seq > p.firstSnapshot! && visibleTo(e, viewer)).map((e) => e.seq);
      for (const seq of expected) if (!p.events.has(seq)) lost++;
      for (const [, n] of p.events) if (n > 1) duplicated += n - 1;
      for (const r of p.received) {
        const s = sentAt.get(r.seq);
        // Count live deliveries only: an event replayed after a reconnect measures the outage, not delivery.
        if (s !== undefined && r.at - s < 5000 && p.received.filter((x) => x.seq === r.seq).length === 1) {
          latencies.push(r.at - s);
          if (r.port !== PORT) relayed.push(r.at - s);
        }
      }
    }
    return {
      database: instances > 1 ? "postgres" : "pglite", instances, scenario: sc.id, participants: PARTICIPANTS, connectAllMs: round(connectMs, 0),
      releases: releases.length, events: log.length, eventsInLog: facilitatorEvents.length, facilitatorSawEveryLaterEvent: facilitatorEvents.filter((e) => e.seq > facilitator.firstSnapshot!).every((e) => full.has(e.seq)),
      deliveries: latencies.length, latencyP50Ms: round(q(latencies, 0.5)), latencyP99Ms: round(q(latencies, 0.99)), latencyMaxMs: round(Math.max(...latencies)), budgetP99Ms: 250,
      ...(relayed.length ? { relayedDeliveries: relayed.length, relayedLatencyP50Ms: round(q(relayed, 0.5)), relayedLatencyP99Ms: round(q(relayed, 0.99)) } : {}),
      answers: { submitted: acks.length, acknowledged: acks.filter((a) => a.t === "ack").length, allAnsweredMs: round(answerMs, 0) },
      forcedReconnects: reconnects, lostMessages: lost, duplicatedMessages: duplicated,
    };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((r) => child.once("exit", r))));
    await fresh.drop();
  }
}

/** One instance on PGlite, then two instances sharing PostgreSQL. */
export const exercisesBench = async () => ({ oneInstance: await main(1), twoInstances: await main(2) });
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await exercisesBench(), null, 2));
  process.exit(0);
}
