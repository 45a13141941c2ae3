import { AsyncLocalStorage } from "node:async_hooks";
import { loadContent } from "../content/readContent.js";
import { openDatabase, type Db } from "../db/connection.js";
import { migrate } from "../db/migrate.js";

/** Set while the running server runs a command sent through its local channel: commands use the server's database. */
export const serverDatabase = new AsyncLocalStorage<Db>();

/**
 * Opens the deployment's database the way the server does: DATABASE_URL, else PGlite in DATA_DIR.
 * Inside the server (a command sent through its channel, docs/decisions/0015) it is the server's
 * own database, which the command's close() leaves open.
 */
export async function openDeploymentDb(): Promise<Db> {
  const shared = serverDatabase.getStore();
  if (shared) return Object.assign(Object.create(shared) as Db, { close: async () => {} });
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? "./data" });
  await migrate(db);
  return db;
}

export { loadContent };
