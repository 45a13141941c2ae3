import { AsyncLocalStorage } from "node:async_hooks";
import { loadContent } from "../content/readContent.js";
import { openDatabase, type Db } from "../db/connection.js";
import { checkIntegrity } from "../db/integrity.js";
import { migrate } from "../db/migrate.js";

/** Set while the running server runs a command sent through its local channel: commands use the server's database. */
export const serverDatabase = new AsyncLocalStorage<Db>();

/**
 * Opens the deployment's database the way the server does: DATABASE_URL, else PGlite in DATA_DIR.
 * Inside the server (a command sent through its channel, docs/decisions/0015) it is the server's
 * own database, which the command's close() leaves open.
 */
export async function openDeploymentDb(opts: { integrity?: boolean } = {}): Promise<Db> {
  const shared = serverDatabase.getStore();
  if (shared) return Object.assign(Object.create(shared) as Db, { close: async () => {} });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR ?? "./data";
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  // A damaged database is refused as the server refuses it (docs/decisions/0018); `audit verify` opens it anyway to report.
  if (opts.integrity !== false) {
    await checkIntegrity(db, databaseUrl ? "DATABASE_URL" : `DATA_DIR=${dataDir}`).catch(async (e) => { await db.close(); throw e; });
  }
  return db;
}

export { loadContent };
