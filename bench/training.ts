/**
 * A regional training's test under load (issue 16): a cohort of 200 participants takes a
 * 20-question test at once. The room (the pre-test): everyone starts together and answers question
 * by question, 1 to 3 seconds apart, each answer its own request; then a fifth of them send all
 * their answers again, as a phone does after a lost reply. The burst (the post-test): every phone
 * sends its whole test in the same instant. Reports the answer latency (the budget is p99
 * <= 200 ms) and checks that no answer was lost or counted twice: the database holds exactly one
 * answer per participant, test and question, and each participant's right answers are the ones
 * they chose.
 *
 * Runs on the embedded PGlite, and on PostgreSQL when the server that `node scripts/setup-test-deps.mjs`
 * starts (or BENCH_DATABASE_URL) is there.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { loadContent } from "../src/content/readContent.js";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";
import { sha256 } from "../src/server/platform/crypto.js";
import { freshDatabase } from "./exercises.js";

const PARTICIPANTS = Number(process.env.BENCH_COHORT ?? 200);
const QUESTIONS = 20;
const PORT = Number(process.env.BENCH_TRAINING_PORT ?? 8299);
const PASSWORD = "tidal-ember-quarry-42";
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: "127.0.0.1", port: PORT, path, method, agent, headers: { ...(data ? { "content-type": "application/json" } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - t0 });
      });
    });
    req.on("error", reject);
    if (data) req.write(data);
    req.end();
  });
}

async function run(shared: boolean) {
  const { kb } = loadContent();
  const fresh = await freshDatabase(shared);
  if ("skipped" in fresh) return { database: "postgres", skipped: fresh.skipped };
  const db = await openDatabase({ databaseUrl: fresh.env.DATABASE_URL || undefined, dataDir: fresh.env.DATA_DIR ?? "" });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('bench', 'Bench training centre')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "trainer@bench.example", name: "Bench Trainer", organisationId: "bench", roles: ["trainer"], password: PASSWORD }));
  await db.close();
  const tokens: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", LOG_LEVEL: "silent", ...fresh.env }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (;;) { try { if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) break; } catch { /* starting */ } await sleep(50); }
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "trainer@bench.example", password: PASSWORD }) });
    const auth = { cookie: String(login.headers.get("set-cookie")).split(";")[0], "x-csrf-token": (await login.json()).csrf_token as string };
    const ws = (await call("POST", "/api/v1/workspaces", { name: "Bench training" }, auth)).body;
    const cohort = (await call("POST", `/api/v1/training/workspaces/${ws.id}/cohorts`, { name: "Bench cohort", audience: "prosecutors", test_size: QUESTIONS, max_participants: 1000 }, auth)).body;
    for (let i = 0; i < PARTICIPANTS; i++) {
      const j = await call("POST", "/api/v1/training/join", { code: cohort.join_code, pseudonym: `Learner ${i + 1}`, language: "en", consent: true });
      if (j.status !== 201) throw new Error(JSON.stringify(j.body));
      tokens.push(j.body.token);
    }
    await call("PATCH", `/api/v1/training/cohorts/${cohort.id}`, { test_open: "pre" }, auth);
    const test = (await call("GET", "/api/v1/training/me/test/pre", undefined, { "x-participant-token": tokens[0] })).body.questions as { id: string }[];
    if (test.length !== QUESTIONS) throw new Error(`the test has ${test.length} questions, not ${QUESTIONS}`);
    const byId = new Map(kb.questions.map((x) => [x.id, x]));
    // Participant i answers question k right when (i + k) % 3 != 0: a known number of right answers each.
    const response = (i: number, k: number) => {
      const question = byId.get(test[k].id)!;
      const good = (i + k) % 3 !== 0;
      if (question.type === "ordering") { const ids = question.options.map((o) => o.id); return good ? ids : [...ids].reverse(); }
      return good ? question.options.filter((o) => o.correct).map((o) => o.id) : [question.options.find((o) => !o.correct)!.id];
    };
    const expectedRight = (i: number) => test.filter((_, k) => (i + k) % 3 !== 0).length;
    const failures: string[] = [];
    const submit = async (i: number, ks: number[], into: number[]) => {
      const r = await call("POST", `/api/v1/training/me/test/${phase}/answers`, { answers: ks.map((k) => ({ question: test[k].id, response: response(i, k) })) }, { "x-participant-token": tokens[i] });
      into.push(r.ms);
      if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    };
    const all = test.map((_, k) => k);
    // The room: everyone starts together and answers one question at a time, 1 to 3 seconds apart.
    let phase = "pre";
    const room: number[] = [];
    const t0 = performance.now();
    await Promise.all(tokens.map(async (_, i) => { for (const k of all) { await sleep(1000 + Math.random() * 2000); await submit(i, [k], room); } }));
    const roomSeconds = (performance.now() - t0) / 1000;
    // A fifth send everything again (a lost reply): nothing may be counted twice.
    const resent = tokens.map((_, i) => i).filter((i) => i % 5 === 0);
    await Promise.all(resent.map((i) => submit(i, all, [])));
    // The burst: the post-test, where every phone sends its whole test in the same instant.
    await call("PATCH", `/api/v1/training/cohorts/${cohort.id}`, { test_open: "post" }, auth);
    phase = "post";
    const burst: number[] = [];
    const t1 = performance.now();
    await Promise.all(tokens.map((_, i) => submit(i, all, burst)));
    const burstSeconds = (performance.now() - t1) / 1000;
    // PGlite allows one process: the server stops before the answers are counted.
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    const rows = await storedAnswers(fresh.env, tokens);
    const stored = rows.reduce((n, r) => n + r.n, 0);
    const wrongTotals = rows.filter((r) => r.n !== 2 * QUESTIONS || r.right !== 2 * expectedRight(tokens.indexOf(r.token))).length;
    return {
      database: shared ? "postgres" : "pglite",
      participants: PARTICIPANTS, questions: QUESTIONS, failures: failures.length, firstFailures: failures.slice(0, 3),
      room: { workload: "pre-test: each participant answers one question at a time, 1-3 s apart, all starting together", requests: room.length, p50Ms: round(q(room, 0.5)), p99Ms: round(q(room, 0.99)), maxMs: round(Math.max(...room)), seconds: round(roomSeconds, 1), budgetP99Ms: 200 },
      burst: { workload: "post-test: all participants send their whole test in one request at the same instant", requests: burst.length, p50Ms: round(q(burst, 0.5)), p99Ms: round(q(burst, 0.99)), seconds: round(burstSeconds, 2) },
      integrity: { expectedAnswers: 2 * PARTICIPANTS * QUESTIONS, storedAnswers: stored, participantsWithWrongTotals: wrongTotals, resentParticipants: resent.length },
    };
  } finally {
    if (child.exitCode === null) { child.kill("SIGTERM"); await new Promise((r) => child.once("exit", r)); }
    await fresh.drop();
  }

}

/** The answers stored per participant (by their key), and how many of them are right. */
async function storedAnswers(env: Record<string, string>, tokens: string[]) {
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? "" });
  const { rows } = await d.query<{ token: string; n: number; right: number }>(
    "select p.token_hash as token, count(a.question)::int as n, count(*) filter (where a.correct)::int as right from training_participant p left join training_answer a on a.participant_id = p.id group by p.id, p.token_hash");
  await d.close();
  const tokenOf = new Map(tokens.map((t) => [sha256(t), t]));
  return rows.map((r) => ({ ...r, token: tokenOf.get(r.token) ?? "" }));
}

export async function trainingBench() {
  return [await run(false), await run(true)];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await trainingBench(), null, 2));
