import { loadContent } from "../content/readContent.js";
import { openDatabase, type Db } from "../db/connection.js";
import { migrate } from "../db/migrate.js";

/** Opens the deployment's database the way the server does: DATABASE_URL, else PGlite in DATA_DIR. */
export async function openDeploymentDb(): Promise<Db> {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? "./data" });
  await migrate(db);
  return db;
}

export { loadContent };
