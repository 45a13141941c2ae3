/**
 * The observation CSV import at scale (decision 0030): a synthetic CSV of 50,000 and of 200,000
 * rows posted to a real server process on PGlite (a temporary data folder, one fresh server per
 * run), while this process samples the server's resident memory (VmRSS in /proc/PID/status)
 * every 50 ms. Also reads the kernel's own peak (VmHWM, reset just before the import where
 * /proc/PID/clear_refs allows it, so sampling cannot miss a short peak). A third run sends 200,000
 * rows that are all rejected, to show the refusal's memory (the error list is capped).
 * Everything is synthetic: made-up areas, groups and sources created through the API, real
 * indicator ids from the Watch catalogue. Figures, not assertions: nothing here fails on a slow
 * machine; `met` says whether the peak stayed under the 300 MB budget.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadContent } from "../src/content/readContent.js";
import { buildWatchModel } from "../src/core/watch/model.js";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";

const PORT = Number(process.env.BENCH_IMPORT_PORT ?? 8299);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = "tidal-ember-quarry-42";
const BUDGET_MB = 300;
const AREAS = 100;
const GROUPS = 50;
const SOURCES = 20;
const SIZES = (process.env.BENCH_IMPORT_ROWS ?? "50000,200000").split(",").map(Number);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const status = (pid: number, field: "VmRSS" | "VmHWM") => {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) / 1024;
};

/** A data folder with one analyst (created directly, as bench/exercises.ts does); the rest goes through the API. */
async function seedFolder() {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-import-"));
  const db = await openDatabase({ dataDir });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('bench', 'Bench agency')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "analyst@bench.example", name: "Bench Analyst", organisationId: "bench", roles: ["analyst"], password: PASSWORD }));
  await db.close();
  return dataDir;
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" }, stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try { if ((await fetch(`${base}/healthz`)).ok) return child; } catch { /* starting */ }
    await sleep(50);
  }
}

async function session() {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "analyst@bench.example", password: PASSWORD }) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = String(login.headers.get("set-cookie")).split(";")[0];
  const csrf = (await login.json()).csrf_token as string;
  const headers = { cookie, "x-csrf-token": csrf };
  const post = async (url: string, body: unknown) => {
    const r = await fetch(`${base}${url}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = await r.json();
    if (!r.ok) throw new Error(`${url}: ${r.status} ${JSON.stringify(json)}`);
    return json as { id: string };
  };
  return { headers, post };
}

/** Made-up areas, groups (each in one area) and sources in a new workspace, and a watch rule so alerts are raised as in use. */
async function seedWorkspace(post: Awaited<ReturnType<typeof session>>["post"], indicator: string) {
  const ws = (await post("/api/v1/workspaces", { name: "Import bench" })).id;
  const W = `/api/v1/watch/workspaces/${ws}`;
  const reliability = ["A", "B", "C", "D", "E", "F"];
  const sources: { id: string; name: string }[] = [];
  for (let i = 0; i < SOURCES; i++) {
    const name = `Synthetic source ${i + 1}`;
    sources.push({ id: (await post(`${W}/sources`, { name, marking: "AMBER", body: { type: "media", reliability: reliability[i % 6] } })).id, name });
  }
  const subjects: { id: string; name: string }[] = [];
  for (let i = 0; i < AREAS; i++) {
    const name = `Synthetic area ${i + 1}`;
    subjects.push({ id: (await post(`${W}/areas`, { name, marking: "AMBER", body: { country: "NE" } })).id, name });
  }
  for (let i = 0; i < GROUPS; i++) {
    const name = `Synthetic group ${i + 1}`;
    subjects.push({ id: (await post(`${W}/groups`, { name, marking: "AMBER", body: { type: i % 2 ? "criminal" : "terrorist", areas: [subjects[i].id], motivations: [{ from: "2015-01-01", kind: "economic" }] } })).id, name });
  }
  await post(`${W}/rules`, { marking: "AMBER", body: { rule: "indicator-present", indicator } });
  return { ws, sources, subjects };
}

/** The CSV: subjects and sources mostly by id, every tenth by name; dates 2019-2025; a note on every third row. */
function syntheticCsv(rows: number, indicators: string[], w: Awaited<ReturnType<typeof seedWorkspace>>, bad: boolean) {
  const states = ["present", "absent", "unknown"];
  const trends = ["", "rising", "stable", "falling"];
  const lines = ["subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note"];
  for (let i = 0; i < rows; i++) {
    const s = w.subjects[i % w.subjects.length];
    const a = w.sources[i % w.sources.length], b = w.sources[(i * 7 + 3) % w.sources.length];
    const day = new Date(Date.UTC(2019, 0, 1) + ((i * 37) % 2500) * 86_400_000).toISOString().slice(0, 10);
    const byName = i % 10 === 0;
    const sources = bad ? "No such source" : i % 4 === 0 && a !== b ? `${byName ? a.name : a.id};${b.id}` : byName ? a.name : a.id;
    lines.push([byName ? s.name : s.id, indicators[i % indicators.length], states[i % 3], trends[i % 4], day, i % 5 === 0 ? day : "", sources, String(1 + (i % 6)), i % 3 === 0 ? `synthetic row ${i + 1}` : ""].join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

async function run(rows: number, indicators: string[], bad = false) {
  const dataDir = await seedFolder();
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    child = await startServer(dataDir);
    const pid = child.pid!;
    const { headers, post } = await session();
    const w = await seedWorkspace(post, indicators[0]);
    const csv = syntheticCsv(rows, indicators, w, bad);
    await sleep(1000);
    const idle = status(pid, "VmRSS");
    let hwmReset = true;
    try { writeFileSync(`/proc/${pid}/clear_refs`, "5"); } catch { hwmReset = false; }
    let peak = idle;
    timer = setInterval(() => { try { peak = Math.max(peak, status(pid, "VmRSS")); } catch { /* exited */ } }, 50);
    const t0 = performance.now();
    const server = child;
    const exited = new Promise<never>((_, reject) => server.once("exit", (code, signal) => reject(new Error(`the server exited during the import (${signal ?? `code ${code}`})`))));
    exited.catch(() => undefined); // only the race below reads it: stopping the server afterwards is no failure
    const r = await Promise.race([fetch(`${base}/api/v1/watch/workspaces/${w.ws}/observations/import`, { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: csv }), exited]);
    const body = await r.json() as { imported?: number; rejected?: number; errors?: unknown[]; truncated?: boolean; detail?: string };
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, status(pid, "VmRSS"));
    const hwm = status(pid, "VmHWM");
    const after = status(pid, "VmRSS");
    const top = hwmReset ? Math.max(peak, hwm) : peak;
    return {
      rows, csvMB: round(csv.length / 1048576), status: r.status,
      ...(bad ? { rejected: body.rejected, errorsListed: body.errors?.length, truncated: body.truncated ?? false } : { imported: body.imported }),
      ...(r.status >= 400 && !bad ? { problem: body.detail } : {}),
      seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds),
      idleRssMB: round(idle), peakRssMB: round(top), peakMinusIdleMB: round(top - idle), afterRssMB: round(after),
      sampledPeakRssMB: round(peak), kernelPeakRssMB: hwmReset ? round(hwm) : "not available (no /proc/PID/clear_refs)",
      budgetMB: BUDGET_MB, met: top < BUDGET_MB,
    };
  } finally {
    clearInterval(timer);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function importBench() {
  const indicators = [...buildWatchModel(loadContent().kb).indicators.keys()];
  const runs = [];
  for (const rows of SIZES) runs.push(await run(rows, indicators));
  const rejected = await run(Math.max(...SIZES), indicators, true);
  return {
    database: "pglite",
    workload: `synthetic observations over ${AREAS} areas and ${GROUPS} groups (each group in one area) citing ${SOURCES} sources, ${indicators.length} indicator ids from the catalogue; one watch rule; one fresh server process per run`,
    memory: "server process VmRSS sampled every 50 ms; peakRssMB also takes the kernel's high-water mark (VmHWM, reset before the import) when available",
    runs, allRejected: rejected,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await importBench(), null, 2));
  process.exit(0);
}
