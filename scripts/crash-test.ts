/**
 * Integrity under faults. Starts the real server, drives concurrent writes, kills the process
 * with SIGKILL at random moments (20 times by default), restarts it, and checks that every
 * write acknowledged with HTTP 2xx is present and that the audit chain verifies.
 *
 *   tsx scripts/crash-test.ts [--kills N] [--database-url URL]
 *
 * Without --database-url it runs on PGlite in a temporary folder. Prints a JSON summary and
 * exits 1 when an acknowledged write is missing or the chain is broken.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import { AuthService } from "../src/server/platform/auth.service.js";

const args = process.argv.slice(2);
const kills = Number(args[args.indexOf("--kills") + 1] || 20) || 20;
const databaseUrl = args.includes("--database-url") ? args[args.indexOf("--database-url") + 1] : undefined;
const PORT = Number(process.env.CRASH_PORT ?? 8393);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), "nexus-crash-"));
const PASSWORD = "tidal-ember-quarry-42";

async function seed() {
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  const auth = new AuthService(db);
  await db.transaction(async (tx) => {
    await tx.query("insert into organisation (id, name) values ('police', 'Police'), ('ombudsman', 'Ombudsman') on conflict do nothing");
    await auth.createUser(tx, { email: "writer@example.org", name: "Writer", organisationId: "police", roles: ["analyst"], password: PASSWORD });
    await auth.createUser(tx, { email: "oversight@example.org", name: "Overseer", organisationId: "ombudsman", roles: ["oversight"], password: PASSWORD });
  });
  await db.close();
}

function start(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function healthy(child: ChildProcess) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function login(email: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  return { cookie: r.headers.get("set-cookie")!.split(";")[0], csrf: ((await r.json()) as { csrf_token: string }).csrf_token };
}

const killed = (child: ChildProcess) => new Promise((r) => { child.once("exit", r); child.kill("SIGKILL"); });

const acknowledged = new Set<string>();
let attempted = 0;
let failed = 0;

try {
  await seed();
  let child = start();
  await healthy(child);
  const writer = await login("writer@example.org");
  const headers = { "content-type": "application/json", cookie: writer.cookie, "x-csrf-token": writer.csrf };
  const ws = (await (await fetch(`${base}/api/v1/workspaces`, { method: "POST", headers, body: JSON.stringify({ name: "Crash test" }) })).json()) as { id: string };

  for (let round = 0; round < kills; round++) {
    let running = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; running; i++) {
        const title = `r${round}-w${w}-${i}`;
        attempted++;
        try {
          const r = await fetch(`${base}/api/v1/workspaces/${ws.id}/records`, { method: "POST", headers, body: JSON.stringify({ kind: "note", title, body: { i }, marking: "AMBER" }) });
          if (r.status >= 200 && r.status < 300) acknowledged.add(title); else failed++;
          await r.arrayBuffer();
        } catch { failed++; await new Promise((res) => setTimeout(res, 20)); }
      }
    });
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300));
    await killed(child);
    running = false;
    await Promise.all(writers);
    child = start();
    await healthy(child);
  }

  // The list comes a page at a time: follow the cursor to the end.
  const present = new Set<string>();
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = (await (await fetch(`${base}/api/v1/workspaces/${ws.id}/records?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers })).json()) as { items: { title: string }[]; next_cursor: string | null };
    for (const i of page.items) present.add(i.title);
    cursor = page.next_cursor;
  }
  const missing = [...acknowledged].filter((t) => !present.has(t));
  const overseer = await login("oversight@example.org");
  const chain = await (await fetch(`${base}/api/v1/audit/verify`, { headers: { cookie: overseer.cookie } })).json();
  await killed(child);
  const summary = { database: databaseUrl ? "postgres" : "pglite", kills, attempted, acknowledged: acknowledged.size, notAcknowledged: failed, present: present.size, missing: missing.length, missingExamples: missing.slice(0, 5), auditChain: chain };
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = missing.length === 0 && (chain as { ok: boolean }).ok ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
