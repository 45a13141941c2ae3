/**
 * Soak: a real server process on PGlite under mixed traffic for SOAK_SECONDS (10 minutes by
 * default): searches in six languages, Nexus Watch observations written and listed, ratings of
 * a self-assessment, and a live exercise with 50 participants (the facilitator starts a timer
 * every few seconds; every participant answers the open decision again and again). The server's
 * RSS is sampled from /proc every 5 seconds. Reports RSS at the end of the warm-up (the first
 * 10% of the run, at least 30 s), at the end and at its highest, the growth after warm-up
 * (budget 10%), and the errors by kind (budget zero).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { loadContent } from "../src/content/readContent.js";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const PARTICIPANTS = 50;
const PORT = Number(process.env.BENCH_SOAK_PORT ?? 8297);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = "tidal-ember-quarry-42";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);
const QUERIES: Record<string, string[]> = {
  en: ["financing", "prison radicalisation", "border control", "kidnapping ransom", "information sharing", "money laundering"],
  fr: ["financement", "prison", "frontières", "enlèvement"], ar: ["تمويل", "السجون", "الحدود"], es: ["financiación", "prisiones", "fronteras"],
  ru: ["финансирование", "тюрьмы", "границы"], zh: ["资金", "监狱", "边境"],
};

async function main() {
  const { kb } = loadContent();
  const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.scope !== "role" && d.response === "single"))!;
  const decision = sc.phases[0].decisions.find((d) => d.scope !== "role" && d.response === "single")!;
  const practices = kb.practices.filter((p) => p.framework === "hague").map((p) => p.id);
  const indicators = ["env-geography.ungoverned-territory", "env-governance.eroding-state-institutions", "env-economic.illicit-economy-dominance"];

  const dataDir = mkdtempSync(join(tmpdir(), "nexus-soak-"));
  const db = await openDatabase({ dataDir });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('soak', 'Soak test agency')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "analyst@soak.example", name: "Soak Analyst", organisationId: "soak", roles: ["analyst", "coordinator", "trainer"], password: PASSWORD }));
  await db.close();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" }, stdio: ["ignore", "ignore", "inherit"] });
  const errors: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const fail = (kind: string, why: unknown) => { errors[kind] = (errors[kind] ?? 0) + 1; if (errors[kind] <= 3) console.error(`soak ${kind}: ${String(why).slice(0, 300)}`); };
  const sockets: WebSocket[] = [];
  try {
    for (;;) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ } await sleep(100); }
    const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "analyst@soak.example", password: PASSWORD }) });
    const cookie = String(login.headers.get("set-cookie")).split(";")[0];
    const csrf = (await login.json()).csrf_token as string;
    const call = async (kind: string, method: string, url: string, body?: unknown, language = "en") => {
      const r = await fetch(`${base}${url}`, { method, headers: { cookie, "x-csrf-token": csrf, "accept-language": language, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await r.text();
      if (!r.ok) throw new Error(`${kind} ${method} ${url}: ${r.status} ${text}`);
      counts[kind] = (counts[kind] ?? 0) + 1;
      return text ? JSON.parse(text) : null;
    };
    const ws = await call("setup", "POST", "/api/v1/workspaces", { name: "Soak workspace" });
    const W = `/api/v1/watch/workspaces/${ws.id}`;
    const source = (await call("setup", "POST", `${W}/sources`, { name: "Partner liaison desk", marking: "GREEN", body: { type: "partner-agency", reliability: "B" } })).id;
    const area = (await call("setup", "POST", `${W}/areas`, { name: "Synthetic border district", marking: "GREEN", body: { country: "ML", context: "post-conflict" } })).id;
    const assessment = (await call("setup", "POST", `/api/v1/plans/workspaces/${ws.id}/self-assessments`, { name: "Soak review", country: "KE", framework: "hague", marking: "GREEN" })).id;

    // The live session: 50 participants and the facilitator, a decision open for the whole run.
    const session = await call("setup", "POST", `/api/v1/exercises/workspaces/${ws.id}/sessions`, { scenario: sc.id, max_participants: PARTICIPANTS });
    const open = (hello: Record<string, unknown>, headers: Record<string, string> = {}) => new Promise<WebSocket>((resolve, reject) => {
      const s = new WebSocket(`ws://127.0.0.1:${PORT}/api/v1/exercises/live`, { headers });
      sockets.push(s);
      s.on("open", () => s.send(JSON.stringify({ t: "hello", session: session.id, ...hello })));
      s.on("message", (raw) => {
        const m = JSON.parse(String(raw));
        if (m.t === "snapshot") resolve(s);
        if (m.t === "error") fail("live", JSON.stringify(m));
        if (m.t === "ack") counts.liveAcks = (counts.liveAcks ?? 0) + 1;
        if (m.t === "event") counts.liveDeliveries = (counts.liveDeliveries ?? 0) + 1;
      });
      s.on("error", reject);
    });
    const facilitator = await open({}, { cookie });
    const players: WebSocket[] = [];
    for (let i = 0; i < PARTICIPANTS; i++) {
      const j = await call("setup", "POST", "/api/v1/exercises/join", { code: session.join_code, pseudonym: `Soak ${i + 1}`, role: sc.roles[i % sc.roles.length].id, language: "en", consent: true });
      players.push(await open({ token: j.token }));
    }
    let n = 0;
    const command = (s: WebSocket, cmd: Record<string, unknown>) => s.send(JSON.stringify({ t: "cmd", id: `s${++n}`, cmd }));
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: sc.phases[0].id }, { type: "open-decision", decision: decision.id }]) { command(facilitator, cmd); await sleep(200); }

    const started = Date.now();
    const warmupMs = Math.max(30_000, SECONDS * 100);
    const samples: { s: number; rss: number }[] = [];
    let warm: number | null = null;
    let running = true;
    /** Runs op every `ms` until the end, one at a time. */
    const every = async (kind: string, ms: number, op: (i: number) => Promise<unknown>) => {
      for (let i = 0; running; i++) {
        const t = Date.now();
        try { await op(i); } catch (e) { fail(kind, e); }
        await sleep(Math.max(0, ms - (Date.now() - t)));
      }
    };
    const langs = Object.keys(QUERIES);
    const loops = [
      every("search", 100, (i) => { const lang = langs[i % langs.length]; const q = QUERIES[lang][i % QUERIES[lang].length]; return call("search", "GET", `/api/v1/search?q=${encodeURIComponent(q)}&limit=8&snippet=short`, undefined, lang); }),
      every("watch", 400, (i) => (i % 5 === 4
        ? call("watch", "GET", `/api/v1/watch/subjects/${area}/observations`)
        : call("watch", "POST", `/api/v1/watch/subjects/${area}/observations`, { indicator: indicators[i % indicators.length], state: i % 2 ? "present" : "absent", observed_at: "2026-10-01", sources: [source], credibility: 2 }))),
      every("rating", 500, (i) => call("rating", "PUT", `/api/v1/plans/self-assessments/${assessment}/ratings/${practices[i % practices.length]}`, { institution: "Ministry of Justice", in_place: ["C", "LC", "PC", "NC"][i % 4], working: ["High", "Moderate", "Low"][i % 3] })),
      every("live", 3000, async (i) => {
        command(facilitator, { type: "timer-start", seconds: 60 + (i % 10) * 10 });
        // Every participant answers again, with a new request id: the latest answer counts.
        for (const [k, p] of players.entries()) command(p, { type: "respond", decision: decision.id, answer: { option: decision.options[(i + k) % decision.options.length].id }, request: `soak-${k}-${i}-answer` });
      }),
      (async () => {
        while (running) {
          const s = Math.round((Date.now() - started) / 1000);
          samples.push({ s, rss: rssMb(child.pid!) });
          if (warm === null && Date.now() - started >= warmupMs) warm = samples.at(-1)!.rss;
          if (Date.now() - started >= SECONDS * 1000) running = false;
          await sleep(5000);
        }
      })(),
    ];
    await Promise.all(loops);
    const end = samples.at(-1)!.rss;
    const warmRss = warm ?? samples[0].rss;
    for (const s of sockets) if (s.readyState !== s.OPEN) fail("live", "a socket closed during the run");
    return {
      database: "pglite", seconds: SECONDS, warmupSeconds: warmupMs / 1000, participants: PARTICIPANTS,
      requests: counts, errors, errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
      rssAfterWarmupMb: warmRss, rssEndMb: end, rssMaxMb: Math.max(...samples.map((x) => x.rss)),
      growthAfterWarmupPct: Math.round(((end - warmRss) / warmRss) * 1000) / 10, budgetGrowthPct: 10,
      rssSamplesMb: samples.filter((_, i) => i % 6 === 0).map((x) => x.rss),
    };
  } finally {
    for (const s of sockets) s.terminate();
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const soakBench = main;
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await main(), null, 2));
  process.exit(0);
}
