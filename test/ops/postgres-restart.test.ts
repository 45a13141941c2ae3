import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { AuthService } from "../../src/server/platform/auth.service.js";

/**
 * Issue 17, point 2: restarting PostgreSQL used to end the node process ("Unhandled 'error' event …
 * terminating connection due to administrator command"), and an idle server answered 500 everywhere
 * while the database was away. A PRIVATE cluster on port 54339 (never the shared 54329 one), the real
 * server process, concurrent writers, and `pg_ctl restart -m fast` / `stop` in the middle.
 */
const PG_PORT = 54339;
const APP_PORT = 8395;
const base = `http://127.0.0.1:${APP_PORT}`;
const PASSWORD = "tidal-ember-quarry-42";
const bin = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1"], { encoding: "utf8" }).stdout.trim();
const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
const pgCmd = (cmd: string, args: string[]) => {
  const r = spawnSync(asPostgres[0] ?? `${bin}/${cmd}`, asPostgres.length ? [...asPostgres.slice(1), `${bin}/${cmd}`, ...args] : args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
};
const url = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;

describe.skipIf(!bin || !existsSync(`${bin}/pg_ctl`))("the app across a PostgreSQL restart (private cluster)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-pg-restart-"));
  const cluster = join(dir, "cluster");
  const pgctl = (...args: string[]) => pgCmd("pg_ctl", ["-D", cluster, "-w", "-t", "60", ...args]);
  const startArgs = ["-l", join(dir, "server.log"), "-o", `-p ${PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`];
  let child: ChildProcess;
  let stderr = "";
  let headers: Record<string, string>;
  let ws: string;

  const login = async (email: string) => {
    const r = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
    return { cookie: r.headers.get("set-cookie")!.split(";")[0], csrf: ((await r.json()) as { csrf_token: string }).csrf_token };
  };
  const healthz = async () => { try { return (await fetch(`${base}/healthz`)).status; } catch { return 0; } };
  const until = async (cond: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 600; i++) { if (await cond()) return; await new Promise((r) => setTimeout(r, 100)); }
    throw new Error(`timed out waiting for ${what}; server stderr:\n${stderr}`);
  };

  beforeAll(async () => {
    if (asPostgres.length) { chmodSync(dir, 0o777); spawnSync("chown", ["postgres:postgres", dir]); }
    pgCmd("initdb", ["-D", cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    pgctl(...startArgs, "start");
    const db = await openDatabase({ databaseUrl: url, dataDir: "" });
    await migrate(db);
    const auth = new AuthService(db);
    await db.transaction(async (tx) => {
      await tx.query("insert into organisation (id, name) values ('police', 'Police'), ('ombudsman', 'Ombudsman')");
      await auth.createUser(tx, { email: "writer@example.org", name: "Writer", organisationId: "police", roles: ["analyst"], password: PASSWORD });
      await auth.createUser(tx, { email: "oversight@example.org", name: "Overseer", organisationId: "ombudsman", roles: ["oversight"], password: PASSWORD });
    });
    await db.close();
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, PORT: String(APP_PORT), HOST: "127.0.0.1", DATA_DIR: join(dir, "data"), DATABASE_URL: url, LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr!.on("data", (c: Buffer) => { stderr += c; });
    await until(async () => { if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`); return (await healthz()) === 200; }, "the server to start");
    const writer = await login("writer@example.org");
    headers = { "content-type": "application/json", cookie: writer.cookie, "x-csrf-token": writer.csrf };
    ws = ((await (await fetch(`${base}/api/v1/workspaces`, { method: "POST", headers, body: JSON.stringify({ name: "Restart test" }) })).json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) await new Promise((r) => { child.once("exit", r); child.kill("SIGKILL"); });
    try { pgctl("-m", "immediate", "stop"); } catch { /* not running */ }
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with Retry-After while the database is away after an idle spell, and recovers by itself", async () => {
    pgctl("-m", "fast", "stop");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", database: "unavailable", code: "ops.database_unavailable" });
    const read = await fetch(`${base}/api/v1/workspaces/${ws}/records`, { headers });
    expect(read.status).toBe(503);
    expect(read.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(read.headers.get("content-type")).toMatch(/problem\+json/);
    expect(await read.json()).toMatchObject({ status: 503, code: "ops.database_unavailable" });
    expect(child.exitCode).toBeNull();
    pgctl(...startArgs, "start");
    await until(async () => (await healthz()) === 200, "/healthz to answer 200 again");
    expect((await fetch(`${base}/api/v1/workspaces/${ws}/records`, { headers })).status).toBe(200);
  }, 90_000);

  it("keeps running through `pg_ctl restart -m fast` under concurrent writes, loses no acknowledged write, and the chain verifies", async () => {
    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    let running = true;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; running; i++) {
        const title = `w${w}-${i}`;
        try {
          const r = await fetch(`${base}/api/v1/workspaces/${ws}/records`, { method: "POST", headers, body: JSON.stringify({ kind: "note", title, body: { i }, marking: "AMBER" }) });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 503) expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
          if (r.ok) acknowledged.add(title);
          await r.arrayBuffer();
        } catch (e) {
          statuses.set(0, (statuses.get(0) ?? 0) + 1); // the node process dropped the connection
        }
        if (!running) break;
      }
    });
    await new Promise((r) => setTimeout(r, 700));
    const before = acknowledged.size;
    pgctl(...startArgs, "-m", "fast", "restart");
    await until(async () => (await healthz()) === 200, "/healthz to answer 200 after the restart");
    const afterRestart = acknowledged.size;
    await new Promise((r) => setTimeout(r, 700));
    running = false;
    await Promise.all(writers);
    expect(child.exitCode, stderr).toBeNull();
    expect(before).toBeGreaterThan(0);
    expect(acknowledged.size, "writes succeed again after the restart").toBeGreaterThan(afterRestart);
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503), JSON.stringify([...statuses])).toEqual([]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const present = new Set((await c.query<{ title: string }>("select title from record where workspace_id = $1", [ws])).rows.map((r) => r.title));
    await c.end();
    expect([...acknowledged].filter((t) => !present.has(t))).toEqual([]);
    const overseer = await login("oversight@example.org");
    const chain = (await (await fetch(`${base}/api/v1/audit/verify`, { headers: { cookie: overseer.cookie } })).json()) as { ok: boolean };
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
  }, 120_000);
});
