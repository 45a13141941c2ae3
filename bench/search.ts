/**
 * Knowledge-base search under load (issue 12, decision 0003): GET /api/v1/search with 16
 * concurrent clients, every request a query not asked before in that language (so the result
 * cache cannot help), per language: English, French, and each other language the server has
 * translations for. The queries are the words of four letters or more in the practice,
 * instrument and initiative titles in that language (words of two characters or more in
 * Chinese), each word's first three and five letters as typed, and each pair of adjacent words.
 * Each request asks what the search box asks as the reader types (`limit=8&snippet=short`,
 * src/web/components/SearchBox.tsx); the results page's request (`limit=50`, one per submitted
 * query) is measured beside it in English.
 *
 * Where the machine has two cores or more and `taskset`, the server runs on core 0 and this load
 * generator on the others (`pinned` in the output), so the clients, which stand for other
 * machines, do not take the server's CPU; elsewhere both share the cores.
 *
 * `npx tsx bench/search.ts` starts the server (src/server/main.ts) on PGlite in a temporary
 * folder, as bench/run.ts does, and prints JSON; bench/run.ts calls `searchByLanguage` against
 * the server it starts. Figures are measurements, not assertions.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, get as httpGet } from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

export const SEARCH_BUDGET_P95_MS = 10;
/** What the search box asks for as the reader types, and the results page for a submitted query. */
export const TYPEAHEAD_LIMIT = 8;
const RESULTS_PAGE_LIMIT = 50;
/** The query parameters of each: the search box's list shows eight hits with short snippets. */
const params = (limit: number) => (limit === TYPEAHEAD_LIMIT ? `limit=${limit}&snippet=short` : `limit=${limit}`);

/**
 * The command that starts the server on core 0, with this process moved to the other cores,
 * where the machine allows it (Linux, taskset, two cores or more); else the plain command.
 */
export function serverOnItsOwnCore(args: string[]): { command: string; args: string[]; pinned: boolean } {
  const cores = availableParallelism();
  if (process.platform === "linux" && cores >= 2 && process.env.BENCH_PIN !== "0") {
    try {
      execFileSync("taskset", ["-a", "-p", "-c", `1-${cores - 1}`, String(process.pid)], { stdio: "ignore" });
      return { command: "taskset", args: ["-c", "0", process.execPath, ...args], pinned: true };
    } catch { /* no taskset: share the cores */ }
  }
  return { command: process.execPath, args, pinned: false };
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** What the client accepts, as a browser does; BENCH_ENCODING=identity shows the cost of compressing responses. */
const ENCODING = process.env.BENCH_ENCODING ?? "br, gzip";
function timedGet(base: string, path: string, lang: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    httpGet(`${base}${path}`, { agent, headers: { "accept-encoding": ENCODING, "accept-language": lang } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode} for ${path}`))));
    }).on("error", reject);
  });
}

async function getJson<T>(base: string, path: string, lang: string): Promise<T> {
  const r = await fetch(`${base}${path}`, { headers: { "accept-language": lang } });
  if (!r.ok) throw new Error(`HTTP ${r.status} for ${path}`);
  return (await r.json()) as T;
}

/** The titles of practices, instruments and initiatives in a language, and whether any is translated. */
async function titles(base: string, lang: string) {
  const out: string[] = [];
  let translated = false;
  for (const c of ["practices", "instruments", "initiatives"]) {
    const body = await getJson<{ items: { title: string; language?: string }[] }>(base, `/api/v1/${c}?limit=200`, lang);
    out.push(...body.items.map((i) => i.title));
    translated ||= body.items.some((i) => i.language === lang);
  }
  return { titles: out, translated };
}

function wordsOf(title: string, lang: string): string[] {
  if (lang === "zh") {
    const seg = new Intl.Segmenter("zh", { granularity: "word" });
    return Array.from(seg.segment(title)).filter((s) => s.isWordLike && s.segment.length >= 2).map((s) => s.segment);
  }
  return title.toLocaleLowerCase(lang).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
}

/** Queries never asked before in the language: whole words, what is typed on the way to them, and pairs. */
export function distinctQueries(list: string[], lang: string): string[] {
  const out = new Set<string>();
  for (const t of list) {
    const words = wordsOf(t, lang);
    words.forEach((w, i) => {
      out.add(w);
      if (lang !== "zh") for (const n of [3, 5]) if (w.length > n) out.add(w.slice(0, n));
      if (words[i + 1]) out.add(`${w} ${words[i + 1]}`);
    });
  }
  return [...out];
}

/** CPU time of a process so far (user + system), in ms; Linux only, else undefined. */
function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

async function load(base: string, lang: string, queries: string[], serverPid?: number, limit = TYPEAHEAD_LIMIT, clients = 16) {
  const perClient = Math.floor(queries.length / clients);
  const latencies: number[] = [];
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; i < perClient; i++) {
      latencies.push(await timedGet(base, `/api/v1/search?q=${encodeURIComponent(queries[c * perClient + i])}&${params(limit)}`, lang));
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(serverPid);
  latencies.sort((a, b) => a - b);
  return {
    clients, requests: latencies.length,
    p50Ms: round(quantile(latencies, 0.5)), p95Ms: round(quantile(latencies, 0.95)), p99Ms: round(quantile(latencies, 0.99)),
    requestsPerSecond: round(latencies.length / seconds, 1),
    // What one request costs the server, whatever else runs on the machine: with 16 clients
    // and one server thread, latency is about 16 times this when the server has a core to itself.
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { serverCpuMsPerRequest: round((cpuAfter - cpuBefore) / latencies.length, 3) } : {}),
  };
}

/**
 * p50/p95/p99 per language, every measured query new, on a warm server: first every language
 * is asked other queries (its word pairs in reverse order) under the same load, so that what is
 * measured is the server in service, not its first seconds (compiling the hot paths, growing the
 * heap: measured cold, the first language came out twice as slow as the same run last).
 * English and French always; Arabic, Spanish, Russian and Chinese when the server has
 * translations in them (else they search English). With the server's pid, also the server's
 * CPU time per request. `alreadyAsked`: queries the server may have cached, left out.
 */
export async function searchByLanguage(base: string, serverPid?: number, alreadyAsked: string[] = [], pinned = false) {
  const runs: { lang: string; translated: boolean; queries: string[] }[] = [];
  for (const lang of ["en", "fr", "ar", "es", "ru", "zh"]) {
    const { titles: list, translated } = await titles(base, lang);
    if (lang !== "en" && lang !== "fr" && !translated) continue;
    const queries = distinctQueries(list, lang).filter((q) => !alreadyAsked.includes(q));
    const measured = new Set(queries);
    const warmup = queries.filter((q) => q.includes(" ")).map((q) => q.split(" ").reverse().join(" ")).filter((q) => !measured.has(q)).slice(0, 1000);
    await load(base, lang, warmup);
    runs.push({ lang, translated: lang === "en" || translated, queries });
  }
  const out: Record<string, unknown> = {};
  let resultsPage: unknown;
  for (const { lang, translated, queries } of runs) {
    out[lang] = { translated, ...(await load(base, lang, queries, serverPid)) };
    // The same queries as submitted to the results page: new to the cache, which keys on the limit.
    if (lang === "en") resultsPage = { limit: RESULTS_PAGE_LIMIT, ...(await load(base, lang, queries, serverPid, RESULTS_PAGE_LIMIT)) };
  }
  // The floor: the same load with queries that match nothing, so the figures above can be read
  // as HTTP, validation and serialisation plus the search itself.
  const nothing = Array.from({ length: 2000 }, (_, i) => `xz${i}q`);
  return {
    workload: `16 concurrent clients, every request a query not asked before in its language (no result cache help), ${params(TYPEAHEAD_LIMIT)} as the search box asks`,
    acceptEncoding: ENCODING, pinned,
    budgetP95Ms: SEARCH_BUDGET_P95_MS, byLanguage: out,
    resultsPageEnglish: resultsPage,
    floorNoMatch: await load(base, "en", nothing, serverPid),
  };
}

/** The real server (src/server/main.ts) on PGlite in a temporary folder, as bench/run.ts starts it. */
async function startServer(port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-search-"));
  const started = performance.now();
  const { command, args, pinned } = serverOnItsOwnCore(["--import", "tsx", "src/server/main.ts"]);
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  const startMs = performance.now() - started;
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, startMs, stop, pid: child.pid, pinned };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 8298));
  try {
    const result = await searchByLanguage(server.base, server.pid, [], server.pinned);
    console.log(JSON.stringify({ database: "pglite", serverStartMs: round(server.startMs, 0), search: result }, null, 2));
  } finally {
    await server.stop();
    agent.destroy();
  }
}
