/**
 * Nexus Watch benchmarks: one analysis in core, the overview (map and comparison table) over
 * 500 areas with 24 months of history on PGlite and PostgreSQL, and a CSV import of 50,000
 * observations with its time and peak memory. Runs the app in this process (app.inject).
 */
import pg from "pg";
import { loadContent } from "../src/content/readContent.js";
import { analyse } from "../src/core/watch/analysis.js";
import { generateDemo } from "../src/core/watch/demo.js";
import { buildWatchModel } from "../src/core/watch/model.js";
import { openDatabase, type Db } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { buildAppWithServices } from "../src/server/app.js";
import { loadKnowledge } from "../src/server/knowledge/knowledge.repository.js";
import { newId } from "../src/server/platform/crypto.js";
import { getRecord } from "../src/server/platform/records.repository.js";
import { insertObservations } from "../src/server/watch/watch.repository.js";

const content = loadContent();
const model = buildWatchModel(content.kb);
export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
export const stats = (xs: number[]) => ({ runs: xs.length, p50Ms: round(q(xs, 0.5)), p95Ms: round(q(xs, 0.95)), p99Ms: round(q(xs, 0.99)) });
const END = "2026-10-31";
const PASSWORD = "tidal-ember-quarry-42";
export const system = { userId: null, organisationId: null, ip: "bench" };

function analysisCore() {
  const data = generateDemo(model, { areas: 1, months: 24, end: END });
  const observations = data.observations.map((o) => ({ indicator: o.indicator, state: o.state, observedAt: o.observed_at, credibility: o.credibility as 2, sources: [{ id: o.source, reliability: "B" as const }] }));
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    analyse(model, { observations, asOf: END });
    times.push(performance.now() - t);
  }
  return { observations: observations.length, ...stats(times.slice(200)), budgetP95Ms: 5 };
}

export async function deployment(db: Db) {
  await migrate(db);
  await loadKnowledge(db, content.kb, content.version);
  const built = await buildAppWithServices({ db, kb: content.kb, webDir: "/nonexistent/" });
  const { admin, workspaces, watch } = built.services;
  await admin.createOrganisation("Bench agency", system);
  const user = await admin.createUser(null, { email: "bench@example.org", name: "Bench Analyst", organisation: "bench-agency", roles: ["analyst", "coordinator"], password: PASSWORD }, system);
  const ws = (await workspaces.create(user, { name: "Bench" }, system)) as unknown as { id: string };
  const login = await built.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "bench@example.org", password: PASSWORD } });
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const csrf = login.json().csrf_token as string;
  return { ...built, user, ws: ws.id, cookie, csrf, watch };
}

/** 500 areas, 24 months: areas through the service (audited like real ones), observations in bulk. */
async function seedAreas(d: Awaited<ReturnType<typeof deployment>>, db: Db, areas: number, months: number) {
  const data = generateDemo(model, { areas, months, end: END });
  const ids = new Map<string, string>();
  for (const s of data.sources) ids.set(s.key, (await d.watch.createSource(d.user, d.ws, { name: s.name, marking: "AMBER", body: { type: s.type, reliability: s.reliability } }, system)).id);
  for (const a of data.areas) ids.set(a.key, (await d.watch.createSubject(d.user, d.ws, "area", { name: a.name, marking: "AMBER", body: { country: a.country, point: a.point, context: a.context } }, system)).id);
  return { data, ids };
}

async function overview(name: "pglite" | "postgres", open: () => Promise<{ db: Db; drop: () => Promise<void> }>) {
  const { db, drop } = await open();
  try {
    const d = await deployment(db);
    const { data, ids } = await seedAreas(d, db, 500, 24);
    await db.transaction(async (tx) => {
      await insertObservations(tx, data.observations.map((o) => ({ id: newId(), subject_id: ids.get(o.area)!, indicator: o.indicator, state: o.state, trend: o.trend, observed_at: o.observed_at, reported_at: o.observed_at, source_ids: [ids.get(o.source)!], credibility: o.credibility, note: "", created_by: d.user.id })));
      for (const a of data.areas) await d.watch.refresh(tx, (await getRecord(tx, ids.get(a.key)!))!, []);
    });
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const r = await d.app.inject({ url: `/api/v1/watch/overview?workspace=${d.ws}`, headers: { cookie: d.cookie } });
      times.push(performance.now() - t);
      items = r.json().items.length;
    }
    await d.app.close();
    return { database: name, areas: items, observations: data.observations.length, ...stats(times.slice(10)), budgetP95Ms: 300 };
  } finally {
    await drop();
  }
}

async function csvImport() {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    const d = await deployment(db);
    const { data, ids } = await seedAreas(d, db, 500, 30);
    const rows = data.observations.slice(0, 50_000);
    const csv = ["subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note",
      ...rows.map((o) => `${ids.get(o.area)},${o.indicator},${o.state},${o.trend},${o.observed_at},,${ids.get(o.source)},${o.credibility},synthetic`)].join("\n");
    let peak = process.memoryUsage().rss;
    const baseline = peak;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
    const t = performance.now();
    const r = await d.app.inject({ method: "POST", url: `/api/v1/watch/workspaces/${d.ws}/observations/import`, headers: { cookie: d.cookie, "x-csrf-token": d.csrf, "content-type": "text/csv" }, payload: csv });
    const ms = performance.now() - t;
    clearInterval(timer);
    await d.app.close();
    return { database: "pglite", rows: rows.length, imported: r.json().imported, status: r.statusCode, seconds: round(ms / 1000), rowsPerSecond: Math.round(rows.length / (ms / 1000)), csvMB: round(csv.length / 1048576, 1), peakRssMB: round(peak / 1048576, 0), rssIncreaseMB: round((peak - baseline) / 1048576, 0) };
  } finally {
    await db.close();
  }
}

async function postgresOpener() {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
  const admin = new pg.Client({ connectionString: url });
  try { await admin.connect(); } catch { return null; }
  const name = `nexus_bench_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return async () => {
    const db = await openDatabase({ databaseUrl: target.toString(), dataDir: "" });
    return { db, drop: async () => { await db.close(); const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`drop database if exists ${name}`); await c.end(); } };
  };
}

export async function watchBench() {
  const core = analysisCore();
  const pglite = await overview("pglite", async () => { const db = await openDatabase({ dataDir: "memory://" }); return { db, drop: () => db.close() }; });
  const opener = await postgresOpener();
  const postgres = opener ? await overview("postgres", opener) : { database: "postgres", skipped: "no PostgreSQL reachable: run npm test once (it starts one on 127.0.0.1:54329) or set BENCH_DATABASE_URL" };
  const importResult = await csvImport();
  return { analysisCore: core, overview: [pglite, postgres], csvImport: importResult };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await watchBench(), null, 2));
}
