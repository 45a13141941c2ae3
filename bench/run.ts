/**
 * Benchmarks for the knowledge repository. Prints one JSON document:
 * - home page first-view transfer in Chromium (HTML, JS and CSS as sent over the wire, gzip/brotli);
 * - per language: the home first view in each interface language and the service worker's
 *   background download (shell and knowledge bundle) in each content language (bench/weight.ts);
 * - search API latency p50/p95/p99 with 16 concurrent clients on PGlite: typical queries, and
 *   per language every query new (bench/search.ts);
 * - cold-start time to a healthy /healthz, first start (empty data folder) and restart;
 * - server memory (resident set size) after the load;
 * - the observation CSV import of 50,000 and 200,000 rows on a server process of its own, with its
 *   peak memory (bench/import.ts).
 * Figures are measurements, not assertions: nothing here fails on a slow machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, get as httpGet } from "node:http";
import { chromium } from "playwright-core";
import { calibrationBench } from "./calibration.js";
import { exercisesBench } from "./exercises.js";
import { importBench } from "./import.js";
import { plansBench } from "./plans.js";
import { recordsBench } from "./records.js";
import { searchByLanguage, serverOnItsOwnCore } from "./search.js";
import { soakBench } from "./soak.js";
import { trainingBench } from "./training.js";
import { watchBench } from "./watch.js";
import { weightBench } from "./weight.js";

const PORT = Number(process.env.BENCH_PORT ?? 8297);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-"));

/** The server as `npm start` runs it; on core 0 where the machine allows (see bench/search.ts). */
function startServer(): { child: ChildProcess; ready: Promise<number> } {
  const started = performance.now();
  const { command, args } = serverOnItsOwnCore(["--import", "tsx", "src/server/main.ts"]);
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const r = await fetch(`${base}/healthz`);
        if (r.ok) return performance.now() - started;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return { child, ready };
}

async function stop(child: ChildProcess) {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** The first view of a page as a browser fetches it: bytes as sent (brotli) and, per the exercise budget, as gzip. */
async function firstViewTransfer(path = "/") {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  const urls: string[] = [];
  cdp.on("Network.responseReceived", (e) => {
    types.set(e.requestId, e.type);
    if (["Document", "Script", "Stylesheet"].includes(e.type)) urls.push(e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const type = types.get(e.requestId) ?? "Other";
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
  });
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  await browser.close();
  const htmlJsCss = (bytes.Document ?? 0) + (bytes.Script ?? 0) + (bytes.Stylesheet ?? 0);
  let gzip = 0;
  for (const u of urls) gzip += await gzipBytes(u);
  return { path, htmlJsCssBytes: htmlJsCss, htmlJsCssKB: round(htmlJsCss / 1024, 1), htmlJsCssGzipKB: round(gzip / 1024, 1), allRequestsKB: round(Object.values(bytes).reduce((a, b) => a + b, 0) / 1024, 1), byType: bytes };
}

/** The size of a response on the wire when the client accepts gzip only. */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => { n += c.length; });
      res.on("end", () => resolve(n));
    }).on("error", reject);
  });
}

/** What analysts type: whole words and phrases, repeated across users, plus typeahead prefixes. */
const typicalQueries = ["hawala", "prison", "fusion centre", "informal value transfer", "border security", "corruption", "kidnapping for ransom",
  "foreign terrorist fighters", "cultural property", "financial investigation", "community resilience", "حوالة", "witness protection", "cyber",
  "pr", "pri", "pris", "priso", "bo", "bor", "bord", "borde", "co", "cor", "corr", "corru", "corrup"];

/** A lean keep-alive HTTP client, so the load generator takes little of the CPU it shares with the server. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function timedGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    httpGet(`${base}${path}`, { agent, headers: { "accept-encoding": "br, gzip" } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode} for ${path}`))));
    }).on("error", reject);
  });
}

async function searchLatency(queries: string[], clients = 16, perClient = 150) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; i < perClient; i++) {
      const q = queries[(c * perClient + i) % queries.length];
      latencies.push(await timedGet(`/api/v1/search?q=${encodeURIComponent(q)}`));
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { clients, requests: latencies.length, p50Ms: round(quantile(latencies, 0.5)), p95Ms: round(quantile(latencies, 0.95)), p99Ms: round(quantile(latencies, 0.99)), requestsPerSecond: round(latencies.length / seconds, 1) };
}

function rssMB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

try {
  const first = startServer();
  const firstStartMs = await first.ready;
  await stop(first.child);

  const second = startServer();
  const restartMs = await second.ready;
  const memoryIdleMB = rssMB(second.child.pid!);
  const transfer = await firstViewTransfer();
  const participant = await firstViewTransfer("/join?code=ABC234");
  // Training participants on a phone (issue 16): the lean entry, learn.html.
  const trainingParticipant = { module: await firstViewTransfer("/training/prosecutors/nexus"), learn: await firstViewTransfer("/learn?code=ABC234") };
  const weight = await weightBench(base);
  const search = await searchLatency(typicalQueries);
  const searchDistinct = await searchByLanguage(base, second.child.pid, typicalQueries, serverOnItsOwnCore([]).pinned);
  const memoryAfterLoadMB = rssMB(second.child.pid!);
  await stop(second.child);

  console.log(JSON.stringify({
    database: "pglite",
    homeFirstView: { ...transfer, budgetKB: 100 },
    participantFirstView: { ...participant, budgetGzipKB: 60 },
    trainingParticipantFirstView: { module: { ...trainingParticipant.module, budgetGzipKB: 60 }, learn: { ...trainingParticipant.learn, budgetGzipKB: 60 } },
    weightPerLanguage: weight,
    search: { workload: "typical queries and typeahead prefixes, repeated across clients", ...search, budgetP95Ms: 25 },
    searchDistinctQueries: searchDistinct,
    coldStart: { firstStartMs: round(firstStartMs, 0), restartMs: round(restartMs, 0) },
    serverMemory: { idleRssMB: memoryIdleMB, afterSearchLoadRssMB: memoryAfterLoadMB },
    watch: await watchBench(),
    calibration: (({ results: _r, ...summary }) => summary)(calibrationBench()),
    plans: await plansBench(),
    exercises: await exercisesBench(),
    training: await trainingBench(),
    records: await recordsBench(),
    observationImport: await importBench(),
    soak: await soakBench(),
  }, null, 2));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
