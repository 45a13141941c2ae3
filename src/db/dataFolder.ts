import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createHash } from "node:crypto";

/**
 * The PGlite data folder: checked before it is opened, and held by one process at a time
 * (docs/decisions/0015). The embedded database is one process's memory over files; a second
 * process on the same files loses or corrupts data, so every opener takes an exclusive lock file.
 */

/** A start-up problem already said in one line (setting, path or port, and the fix): printed as is, without a stack. */
export class StartupError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = "StartupError";
  }
}

export const LOCK_FILE = "nexus.lock";
export const SOCKET_FILE = "nexus-admin.sock";
/** Files of ours that may sit in a folder before the database does (the audit key can be put there first). */
const OWN_FILES = new Set([LOCK_FILE, `${LOCK_FILE}.recover`, SOCKET_FILE, "audit-signing-key.pem", "audit-checkpoints.jsonl", "lost+found"]);

/** Who holds a folder: written into the lock file when it is taken. */
export interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
  /** the process's start time in clock ticks since boot (Linux), to tell a reused pid from the holder */
  started: string | null;
}

const setting = (dataDir: string) => `DATA_DIR=${dataDir}`;
const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null; // field 22, after the command in parentheses
  } catch {
    return null;
  }
}

function describeCommand(argv = process.argv): string {
  const script = basename(argv[1] ?? "node");
  if (/^nexus(\.mjs)?$/.test(script)) return ["nexus", ...argv.slice(2)].join(" ");
  if (/main\.[tj]s$/.test(script) && /server/.test(argv[1])) return "nexus server";
  return [script, ...argv.slice(2)].join(" ").slice(0, 200);
}

export function describeHolder(h: Holder): string {
  return `pid ${h.pid}${h.host === hostname() ? "" : ` on host ${h.host}`} (${h.command}, since ${h.since})`;
}

/** The lock file's holder, or null when nobody holds the folder (no file, or a dead holder's file). */
export function liveHolder(dataDir: string): Holder | null {
  const h = readHolder(join(dataDir, LOCK_FILE));
  return h && h !== "unreadable" && !isStale(h) ? h : null;
}

function readHolder(file: string): Holder | "unreadable" | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const h = JSON.parse(text) as Holder;
    return Number.isInteger(h.pid) && typeof h.host === "string" ? h : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** A holder is stale when it is on this host and its process is gone (or the pid now belongs to another process). */
function isStale(h: Holder): boolean {
  if (h.host !== hostname()) return false; // cannot check another host's processes: the operator decides
  if (h.pid === process.pid) return !held.has(h.since); // a previous life of this pid (a restarted container)
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return true;
  }
  const now = processStart(h.pid);
  return h.started !== null && now !== null && now !== h.started;
}

/** Locks this process holds, by their `since` stamp, released at exit. */
const held = new Map<string, string>();

function releaseAllSync() {
  for (const [since, file] of held) releaseSync(file, since);
}

function releaseSync(file: string, since: string) {
  held.delete(since);
  const h = readHolder(file);
  if (h && h !== "unreadable" && h.pid === process.pid && h.since === since) unlinkSync(file);
}

let exitHooks = false;
function installExitHooks() {
  if (exitHooks) return;
  exitHooks = true;
  process.on("exit", releaseAllSync);
  // A command killed by Ctrl-C has no other handler: release, then die of the signal as before.
  // The server has its own handlers, which close the database (and so release) before exiting.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      releaseAllSync();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Checks that DATA_DIR can hold the embedded database: a folder (created when missing) that is
 * writable and either new, empty, or already a database. Throws a StartupError naming the fix.
 */
function checkFolder(dataDir: string) {
  let stat;
  try {
    stat = statSync(dataDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new StartupError(`${setting(dataDir)} cannot be read (${errno(e)}); give the account running Nexus access to it or set DATA_DIR to another folder`, e);
    }
  }
  if (stat && !stat.isDirectory()) {
    throw new StartupError(`${setting(dataDir)} is a file, not a folder; set DATA_DIR to a folder for the database (it is created when missing)`);
  }
  if (!stat) {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new StartupError(`${setting(dataDir)} cannot be created (${errno(e)}); create it for the account running Nexus or set DATA_DIR to a writable folder`, e);
    }
    return;
  }
  const entries = readdirSync(dataDir);
  if (entries.includes("PG_VERSION") || entries.includes(LOCK_FILE)) return; // a database (or one being made by the lock's holder)
  const others = entries.filter((f) => !OWN_FILES.has(f));
  if (others.length) {
    const shown = others.slice(0, 3).join(", ") + (others.length > 3 ? `, … (${others.length} in all)` : "");
    throw new StartupError(`${setting(dataDir)} holds other files (${shown}) but no database; set DATA_DIR to the folder that holds PG_VERSION, or to an empty or new folder for a new deployment`);
  }
}

/** The folder's lock, held until release() (also released at exit; a killed holder's lock is recovered by the next opener). */
export interface FolderLock {
  readonly file: string;
  release(): void;
}

/**
 * Checks DATA_DIR and takes its lock, before the database files are touched. A second opener
 * gets a StartupError naming the holder (pid, command, since when), the folder and what to do.
 */
export function lockDataFolder(dataDir: string): FolderLock {
  checkFolder(dataDir);
  const file = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: describeCommand(), started: processStart(process.pid) };
  while (held.has(me.since)) me.since = new Date(Date.parse(me.since) + 1).toISOString();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      try { writeSync(fd, JSON.stringify(me)); } finally { closeSync(fd); }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") {
        throw new StartupError(`${setting(dataDir)} is not writable (${errno(e)}); give the account running Nexus write access to it or set DATA_DIR to a writable folder`, e);
      }
    }
    const holder = readHolder(file);
    if (attempt < 20 && (holder === null || holder === "unreadable" || isStale(holder))) {
      // A dead holder's lock (or one being written right now): recover it under a second lock, so two openers never both take it.
      if (holder !== null && !(holder === "unreadable" && Date.now() - statSafe(file) < 2000)) recoverStale(file, holder);
      sleepSync(50);
      continue;
    }
    if (holder === null || holder === "unreadable") throw new StartupError(`${setting(dataDir)}: the lock file ${file} cannot be read; if no Nexus process uses this folder, delete it and start again`);
    const fix = holder.host === hostname()
      ? "stop that process first, or let it finish (nexus commands beside a running server go through it); several instances need DATABASE_URL (PostgreSQL)"
      : `if that host no longer runs Nexus on this folder, delete ${file}`;
    throw new StartupError(`${setting(dataDir)} is in use by ${describeHolder(holder)}; the embedded database allows one process at a time: ${fix}`);
  }
  held.set(me.since, file);
  installExitHooks();
  return { file, release: () => { if (held.has(me.since)) releaseSync(file, me.since); } };
}

function statSafe(file: string): number {
  try { return statSync(file).mtimeMs; } catch { return 0; }
}

function recoverStale(file: string, seen: Holder | "unreadable") {
  const guard = `${file}.recover`;
  try {
    closeSync(openSync(guard, "wx", 0o600));
  } catch {
    if (Date.now() - statSafe(guard) > 10_000) { try { unlinkSync(guard); } catch { /* someone else did */ } }
    return; // another opener is recovering: try again
  }
  try {
    const now = readHolder(file);
    if (now !== null && JSON.stringify(now) === JSON.stringify(seen)) unlinkSync(file);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Where the server listens for nexus commands (docs/decisions/0015): a Unix socket in DATA_DIR, or,
 * when that path is too long for a socket, one in the temporary folder named after the folder's path.
 */
export function adminSocketPath(dataDir: string): string {
  const inFolder = join(resolve(dataDir), SOCKET_FILE);
  if (Buffer.byteLength(inFolder) <= 100) return inFolder;
  return join(tmpdir(), `nexus-${createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16)}.sock`);
}
