import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataFolder, StartupError } from "./dataFolder.js";
import { databaseFailure } from "./failures.js";

/** The small slice of a database driver the app uses, the same on PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: "pglite" | "postgres";
  /** Runs fn in one transaction: either everything it wrote lands, or nothing does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (several app instances share it): calls onMessage with the payload of every
   * NOTIFY on the channel, over a connection of its own that is made again when it drops;
   * onConnected runs each time it (re)connects, so the caller can catch up on what it missed.
   * Resolves once listening; the function it resolves to stops it.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onConnected?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DbConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; "memory://" keeps it in memory (tests). */
  dataDir: string;
}

export async function openDatabase(config: DbConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

async function openPglite(dataDir: string): Promise<Db> {
  // One process per folder: check it and take its lock before PGlite touches a file (docs/decisions/0015).
  const lock = dataDir.startsWith("memory://") ? null : lockDataFolder(dataDir);
  let db: PGlite;
  try {
    db = new PGlite(dataDir);
    await db.waitReady;
  } catch (e) {
    lock?.release();
    if (!lock) throw e;
    throw new StartupError(`DATA_DIR=${dataDir}: the embedded database does not open (${(e as Error).message.split(". Build with")[0]}); its files are damaged or unreadable: restore the latest backup into a new folder (DATA_DIR=NEW npx nexus restore FILE) and start with DATA_DIR=NEW`, e);
  }
  // A write that fails for lack of space (the WAL above all) can leave PGlite's one backend wedged: its
  // rollback fails with "cannot drop active portal" and the next query spins forever. Such an instance is
  // never used again: a fresh one on the same folder replays the WAL on disk, where the failed transaction
  // never committed (docs/decisions/0016). In memory there is nothing to reopen from.
  let wedged: Error | null = null;
  let reopening: Promise<PGlite> | null = null;
  let lastTry = 0;
  const canReopen = !dataDir.startsWith("memory://");
  const current = async () => {
    if (!wedged) return db;
    // Starting an instance costs about a second of CPU: one attempt at a time, at most every 5 s; in between,
    // the same disk-full error, answered at once, until space returns.
    if (!reopening && Date.now() - lastTry < 5000) throw wedged;
    lastTry = Date.now();
    reopening ??= (async () => {
      const fresh = new PGlite(dataDir);
      await fresh.waitReady;
      db = fresh;
      wedged = null;
      return fresh;
    })().finally(() => { reopening = null; });
    return reopening.catch(() => { throw wedged; });
  };
  // In a transaction PGlite rolls back after a failed write; when that rollback fails the instance is wedged.
  // Outside one there is no such signal, so a failed write there is treated as wedging it too.
  const watch = async <T>(op: () => Promise<T>, inTransaction = false): Promise<T> => {
    try {
      return await op();
    } catch (e) {
      if (canReopen && (/cannot drop active portal/.test((e as Error).message) || (!inTransaction && databaseFailure(e) === "disk_full"))) {
        wedged = Object.assign(new Error(`the embedded database in ${dataDir} could not write: no space left on device`), { code: "ENOSPC", cause: e });
        throw wedged;
      }
      throw e;
    }
  };
  // PGlite is one connection: serialise transactions so concurrent requests never interleave inside one.
  let queue: Promise<unknown> = Promise.resolve();
  const q: Queryable = {
    query: async (sql, params) => { const d = await current(); return watch(async () => ({ rows: (await d.query(sql, params as unknown[])).rows as never[] })); },
    exec: async (sql) => { const d = await current(); await watch(() => d.exec(sql)); },
  };
  return {
    dialect: "pglite",
    ...q,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      const run = queue.then(async () => {
        const d = await current();
        return watch(() =>
          d.transaction(async (tx) =>
            fn({
              query: async (sql, params) => ({ rows: (await tx.query(sql, params as unknown[])).rows as never[] }),
              exec: async (sql) => { await tx.exec(sql); },
            }),
          ),
          true,
        );
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      try { if (!wedged) await db.close(); } finally { lock?.release(); }
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client whose server went away (a restart, a network cut) emits "error"; unhandled, it would end
  // the process. The pool drops that client and makes a new one on the next query (docs/decisions/0016).
  pool.on("error", (e) => console.error(`database: an idle connection was lost (${e.message}); new connections are made as requests arrive`));
  await pool.query("select 1"); // fail fast with a clear error when the server is unreachable
  return {
    dialect: "postgres",
    query: async (sql, params) => ({ rows: (await pool.query(sql, params as unknown[])).rows }),
    exec: async (sql) => { await pool.query(sql); },
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("begin");
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
          exec: async (sql) => { await client.query(sql); },
        });
        await client.query("commit");
        return result;
      } catch (e) {
        // A dead connection cannot roll back (the server already did) and must not return to the pool.
        if (databaseFailure(e) === "unavailable") broken = e as Error;
        else await client.query("rollback").catch((r: Error) => { broken = r; });
        throw e;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, onMessage, onConnected) => listenOn(url, channel, onMessage, onConnected),
    close: () => pool.end(),
  };
}

/** LISTEN on a dedicated connection, made again (after 0.5 s, then up to every 10 s) whenever it drops. */
async function listenOn(url: string, channel: string, onMessage: (payload: string) => void, onConnected?: () => void) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    c.on("notification", (n) => { if (n.channel === channel) onMessage(n.payload ?? ""); });
    c.on("error", (e) => console.error(`database: the ${channel} listener lost its connection (${e.message}); connecting again`));
    c.on("end", () => { if (client === c) { client = null; again(); } });
    await c.connect();
    await c.query(`listen ${channel}`);
    if (stopped) { await c.end(); return; }
    client = c;
    delay = 500;
    onConnected?.();
  };
  const again = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(() => { delay = Math.min(delay * 2, 10_000); again(); });
    }, delay);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}
