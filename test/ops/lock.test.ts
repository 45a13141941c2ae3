import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { LOCK_FILE, SOCKET_FILE, StartupError } from "../../src/db/dataFolder.js";
import { childEnv, nexus, root, serverUntilExit, signIn, startServer, type RunningServer } from "./processes.js";

// Issue 17, failure 1: a second process on one PGlite folder lost or corrupted data. Now one
// process holds the folder (a lock file), and nexus commands beside the server go through it.

const temp = mkdtempSync(join(tmpdir(), "nexus-lock-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);
const oneLine = (stderr: string) => { noStack(stderr); expect(stderr.trim().split("\n")).toHaveLength(1); };
const holderOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")) as { pid: number; command: string; since: string };

describe("one holder per PGlite folder, and nexus commands through the running server", () => {
  const dir = join(temp, "served");
  const env = { DATA_DIR: dir };
  let server: RunningServer;
  let demo: { email: string; password: string };
  let online: { tables: Record<string, unknown[]> };

  beforeAll(async () => { server = await startServer(env); }, 90_000);
  afterAll(async () => { await server?.stop("SIGKILL"); });

  it("the server holds the folder: the lock file names it, the admin socket is 0600", () => {
    expect(holderOf(dir)).toMatchObject({ pid: server.pid, command: "nexus server" });
    const socket = statSync(join(dir, SOCKET_FILE));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it("a second server on the same folder stops at once with one line naming the holder; the first keeps serving", async () => {
    const second = await serverUntilExit({ ...env, PORT: "0" });
    expect(second.code).toBe(1);
    oneLine(second.stderr);
    expect(second.stderr).toContain(`DATA_DIR=${dir} is in use by pid ${server.pid} (nexus server, since ${holderOf(dir).since})`);
    expect(second.stderr).toContain("stop that process first");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("demo load beside the running server lands: its user signs in through the server and the audit verifies", async () => {
    const r = await nexus(["demo", "load"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = /sign in as (\S+) with password (\S+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    demo = { email: m![1], password: m![2] };
    expect(await signIn(server.url, demo.email, demo.password)).toBe(200);
    const verify = await nexus(["audit", "verify"], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^audit chain ok: [1-9]\d* entries/);
  }, 60_000);

  it("admin create-user beside the running server (password on standard input) creates a user who can sign in", async () => {
    const r = await nexus(["admin", "create-user", "--email", "ops-admin@example.org", "--name", "Ops Admin", "--organisation", "Ops Test"], env, "quiet-harbour-lantern-7\n");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created admin ops-admin@example\.org/);
    expect(await signIn(server.url, "ops-admin@example.org", "quiet-harbour-lantern-7")).toBe(200);
    // and a refusal from the service comes back as the CLI's own line and exit code
    const again = await nexus(["admin", "create-user", "--email", "ops-admin@example.org", "--name", "Ops Admin", "--organisation", "Ops Test"], { ...env, NEXUS_PASSWORD: "quiet-harbour-lantern-7" });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^nexus admin create-user: /);
  }, 60_000);

  it("backup beside the running server writes the file (a relative path is the caller's); restore is refused while it serves", async () => {
    const r = await nexus(["backup", "online.json"], env, undefined, temp);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`backup written to ${join(temp, "online.json")}`);
    online = JSON.parse(readFileSync(join(temp, "online.json"), "utf8"));
    const emails = (online.tables.app_user as { email: string }[]).map((u) => u.email);
    expect(emails).toContain(demo.email);
    expect(emails).toContain("ops-admin@example.org");

    const restore = await nexus(["restore", join(temp, "online.json")], env);
    expect(restore.code).toBe(1);
    oneLine(restore.stderr);
    expect(restore.stderr).toContain(`the server (pid ${server.pid}) is running on DATA_DIR=${dir}`);
    expect(restore.stderr).toContain("stop the server, run nexus restore, then start the server again");
    // nothing changed: the next test finds exactly this backup's rows once the server has stopped
  }, 60_000);

  it("a clean stop releases the folder; offline, the same backup comes out and the audit verifies", async () => {
    const stopped = await server.stop("SIGTERM");
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(dir, SOCKET_FILE))).toBe(false);
    const r = await nexus(["backup", join(temp, "offline.json")], env);
    expect(r.code).toBe(0);
    const offline = JSON.parse(readFileSync(join(temp, "offline.json"), "utf8")) as typeof online;
    const rows = (b: typeof online) => Object.fromEntries(Object.entries(b.tables).filter(([t]) => !/checkpoint/.test(t)));
    expect(rows(offline)).toEqual(rows(online));
    const verify = await nexus(["audit", "verify"], env);
    expect(verify.code).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it("kill -9 leaves a stale lock that the next opener recovers; the data written through the channel survived", async () => {
    server = await startServer(env);
    const killed = await server.stop("SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    expect(holderOf(dir).pid).toBe(server.pid); // the dead server's lock is still there
    server = await startServer(env);
    expect(holderOf(dir).pid).toBe(server.pid);
    expect(await signIn(server.url, demo.email, demo.password)).toBe(200);
    expect(await signIn(server.url, "ops-admin@example.org", "quiet-harbour-lantern-7")).toBe(200);
  }, 90_000);
});

describe("the folder lock in one process", () => {
  it("a second opener in the same process is refused until the first closes; then it opens", async () => {
    const dir = join(temp, "twice");
    const first = await openDatabase({ dataDir: dir });
    const second = await openDatabase({ dataDir: dir }).then(() => null, (e: Error) => e);
    expect(second).toBeInstanceOf(StartupError);
    expect(second!.message).toMatch(new RegExp(`^DATA_DIR=${dir} is in use by pid ${process.pid} \\(`));
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const third = await openDatabase({ dataDir: dir });
    await third.close();
  }, 120_000);

  it("a dead process's lock is recovered; another host's lock is refused naming the host and the file to delete", async () => {
    const dir = join(temp, "stale");
    (await openDatabase({ dataDir: dir }).then((d) => d.close()));
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.on("close", r));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "nexus demo load", started: null }));
    const db = await openDatabase({ dataDir: dir });
    expect(holderOf(dir).pid).toBe(process.pid);
    await db.close();

    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: "other-host.example", since: "2026-01-01T00:00:00.000Z", command: "nexus server", started: null }));
    const refused = await openDatabase({ dataDir: dir }).then(() => null, (e: Error) => e);
    expect(refused?.message).toBe(`DATA_DIR=${dir} is in use by pid 1 on host other-host.example (nexus server, since 2026-01-01T00:00:00.000Z); the embedded database allows one process at a time: if that host no longer runs Nexus on this folder, delete ${join(dir, LOCK_FILE)}`);
  }, 120_000);

  it("a command stopped by SIGTERM or Ctrl-C releases the folder", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const dir = join(temp, `signal-${signal}`);
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e",
        `const { lockDataFolder } = await import("./src/db/dataFolder.ts"); lockDataFolder(${JSON.stringify(dir)}); console.log("open"); setInterval(() => {}, 1000);`],
      { cwd: root, env: childEnv({}) });
      await new Promise<void>((done) => child.stdout.on("data", (d) => { if (String(d).includes("open")) done(); }));
      expect(holderOf(dir).pid).toBe(child.pid);
      child.kill(signal);
      const [, sig] = await new Promise<[number | null, string | null]>((done) => child.on("close", (c, s) => done([c, s])));
      expect(sig).toBe(signal); // it still dies of the signal, as before
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    }
  }, 60_000);
});
