import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** Real server and CLI processes for the operations tests, run the way `npm start` and `npx nexus` run them. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().once("error", fail).listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** The environment of a child: the test's own minus any PostgreSQL or key settings, plus env. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", HOST: "127.0.0.1" };
  delete base.DATABASE_URL;
  delete base.AUDIT_SIGNING_KEY_FILE;
  delete base.NEXUS_PASSWORD;
  for (const [k, v] of Object.entries(env)) { if (v === undefined) delete base[k]; else base[k] = v; }
  return base;
}

export interface Exited { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function collect(child: ChildProcess, input?: string): Promise<Exited> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => { stdout += d; });
  child.stderr?.on("data", (d) => { stderr += d; });
  child.stdin?.end(input ?? "");
  return new Promise((done) => child.on("close", (code, signal) => done({ code, signal, stdout, stderr })));
}

const serverArgs = ["--import", "tsx", "src/server/main.ts"];

/** Runs the server until it exits by itself (a start-up that fails). */
export function serverUntilExit(env: Record<string, string | undefined>, opts: SpawnOptions = {}): Promise<Exited> {
  return collect(spawn(process.execPath, serverArgs, { cwd: root, env: childEnv(env), ...opts }));
}

/** `npx nexus ...` as a process (bin/nexus.mjs), with input on standard input. */
export function nexus(args: string[], env: Record<string, string | undefined>, input?: string, cwd = root): Promise<Exited> {
  return collect(spawn(process.execPath, [`${root}/bin/nexus.mjs`, ...args], { cwd, env: childEnv(env) }), input);
}

export interface RunningServer {
  pid: number;
  url: string;
  exited: Promise<Exited>;
  /** SIGTERM (a clean stop) or SIGKILL, and wait for the exit */
  stop: (signal?: NodeJS.Signals) => Promise<Exited>;
}

/** Starts the server and waits until /healthz answers 200; rejects with its output when it exits first. */
export async function startServer(env: Record<string, string | undefined>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, serverArgs, { cwd: root, env: childEnv({ PORT: String(port), ...env }) });
  const exited = collect(child);
  let gone: Exited | null = null;
  void exited.then((e) => { gone = e; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`the server exited (${(gone as Exited).code}): ${(gone as Exited).stderr}`);
    if (i > 600) { child.kill("SIGKILL"); throw new Error("the server did not become healthy in 60 s"); }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, url, exited, stop: (signal = "SIGTERM") => { child.kill(signal); return exited; } };
}

/** Signs in through the server's HTTP API; the status tells whether the account works. */
export async function signIn(url: string, email: string, password: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  return r.status;
}
