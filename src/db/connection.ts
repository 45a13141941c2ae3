import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataFolder, StartupError } from "./dataFolder.js";

/** The small slice of a database driver the app uses, the same on PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: "pglite" | "postgres";
  /** Runs fn in one transaction: either everything it wrote lands, or nothing does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
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
  // PGlite is one connection: serialise transactions so concurrent requests never interleave inside one.
  let queue: Promise<unknown> = Promise.resolve();
  const q: Queryable = {
    query: async (sql, params) => ({ rows: (await db.query(sql, params as unknown[])).rows as never[] }),
    exec: async (sql) => { await db.exec(sql); },
  };
  return {
    dialect: "pglite",
    ...q,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      const run = queue.then(() =>
        db.transaction(async (tx) =>
          fn({
            query: async (sql, params) => ({ rows: (await tx.query(sql, params as unknown[])).rows as never[] }),
            exec: async (sql) => { await tx.exec(sql); },
          }),
        ),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      try { await db.close(); } finally { lock?.release(); }
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query("select 1"); // fail fast with a clear error when the server is unreachable
  return {
    dialect: "postgres",
    query: async (sql, params) => ({ rows: (await pool.query(sql, params as unknown[])).rows }),
    exec: async (sql) => { await pool.query(sql); },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
          exec: async (sql) => { await client.query(sql); },
        });
        await client.query("commit");
        return result;
      } catch (e) {
        await client.query("rollback");
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
