/**
 * Live exercise load: 300 simulated participants on loopback, each on its own WebSocket to a
 * real server process (PGlite). The facilitator releases every inject of the played phases and
 * opens a decision all participants answer; between releases a share of the participants lose
 * their socket and reconnect with the last sequence number they saw. Reports the latency from
 * the facilitator's release to delivery at each participant (p50/p99) and, per participant,
 * the events lost or duplicated against the events it may see (both must be zero).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { loadContent } from "../src/content/readContent.js";
import type { ExerciseEvent } from "../src/core/exercises/events.js";
import { visibleTo } from "../src/core/exercises/visibility.js";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 300);
const RECONNECT_SHARE = 0.2;
const PORT = Number(process.env.BENCH_EX_PORT ?? 8298);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = "tidal-ember-quarry-42";
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Msg { t: string; [k: string]: any }
class Client {
  ws!: WebSocket;
  events = new Map<number, number>(); // seq -> times received
  received: { seq: number; at: number; type: string }[] = [];
  viewer: any = null;
  lastSeq = 0;
  /** the sequence number of the first snapshot: events up to it arrived folded into that snapshot */
  firstSnapshot: number | null = null;
  private waiting = new Map<string, (m: Msg) => void>();
  constructor(readonly session: string, readonly hello: Record<string, unknown>, readonly headers: Record<string, string> = {}) {}
  connect(lastSeq: number | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(`ws://127.0.0.1:${PORT}/api/v1/exercises/live`, { headers: this.headers });
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
          this.received.push({ seq: e.seq, at: now, type: e.type });
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

async function main() {
  const { kb } = loadContent();
  const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.options.some((o) => o.branch) && d.scope !== "role"))!;
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-ex-"));
  const db = await openDatabase({ dataDir });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('bench', 'Bench training centre')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "trainer@bench.example", name: "Bench Trainer", organisationId: "bench", roles: ["trainer"], password: PASSWORD }));
  await db.close();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" }, stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ } await sleep(50); }
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
    const players = tokens.map((t) => new Client(session.id, { token: t.token }));
    const t0 = performance.now();
    await Promise.all(players.map((p) => p.connect(null)));
    const connectMs = performance.now() - t0;

    const releases: { seq: number; sentAt: number }[] = [];
    let reconnects = 0;
    const churn = async () => {
      // Drop a share of the sockets, then reconnect them with the last sequence number they saw.
      const dropped = players.filter((_, i) => (i + reconnects) % Math.round(1 / RECONNECT_SHARE) === 0);
      for (const p of dropped) p.ws.terminate();
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
        if (s !== undefined && r.at - s < 5000 && p.received.filter((x) => x.seq === r.seq).length === 1) latencies.push(r.at - s);
      }
    }
    return {
      database: "pglite", scenario: sc.id, participants: PARTICIPANTS, connectAllMs: round(connectMs, 0),
      releases: releases.length, events: log.length, eventsInLog: facilitatorEvents.length, facilitatorSawEveryLaterEvent: facilitatorEvents.filter((e) => e.seq > facilitator.firstSnapshot!).every((e) => full.has(e.seq)),
      deliveries: latencies.length, latencyP50Ms: round(q(latencies, 0.5)), latencyP99Ms: round(q(latencies, 0.99)), latencyMaxMs: round(Math.max(...latencies)), budgetP99Ms: 250,
      answers: { submitted: acks.length, acknowledged: acks.filter((a) => a.t === "ack").length, allAnsweredMs: round(answerMs, 0) },
      forcedReconnects: reconnects, lostMessages: lost, duplicatedMessages: duplicated,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const exercisesBench = main;
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await main(), null, 2));
  process.exit(0);
}
