import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "./connection.js";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Any fixed number: it names the lock several app instances take while migrating. */
const MIGRATION_LOCK = 724_001;

/** Applies every migration not yet applied, in file-name order, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec("create table if not exists schema_migration (id text primary key, applied_at timestamptz not null default now())");
    const done = new Set((await tx.query<{ id: string }>("select id from schema_migration")).rows.map((r) => r.id));
    for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith(".sql")).sort()) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(migrationsDir + file, "utf8"));
      await tx.query("insert into schema_migration (id) values ($1)", [file]);
      applied.push(file);
    }
  });
  return applied;
}
