import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./connection.js";
import { StartupError } from "./dataFolder.js";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Any fixed number: it names the lock several app instances take while migrating. */
const MIGRATION_LOCK = 724_001;

/**
 * The released texts of the migrations applied before schema_migration had checksums
 * (docs/decisions/0018). A row without a checksum is filled in only when its file is one of these:
 * otherwise nobody can tell what text the database was built with. 0002 has two released texts:
 * 9892d43 had removal_request.record_title, 795a4d5 removed it; 0011 makes both end alike.
 */
export const releasedChecksums: Record<string, readonly string[]> = {
  "0001_knowledge.sql": ["9362bbd70a4a916082687b1885e320ca92a671e3147298291dde0a43d1bc7538"],
  "0002_platform.sql": [
    "3f9ff1acbeed11591939f72de7a266fb9cbdcc4d4b07887255d7b72d986483ac", // 9892d43, with record_title
    "7d13584e7e134c4805bc0550285cdee41e0545f8ef57504731d21213d1dc65df", // 795a4d5 onwards
  ],
  "0003_watch.sql": ["da66d2695e29190dfb6b0e73df4a7e87e17b5d5919d6b98077ba7f8c7980eaad"],
  "0004_plans.sql": ["556413563c71e1150922a8c83f9f4d7af60b994c9e6883e67fe03a8a09428092"],
  "0005_plans_actions.sql": ["d5dabd3c87e5dd030300ffcba8782b778d9e8e2bb209f8588c248eb6ff8adff7"],
  "0006_exercises.sql": ["c0b8c0e87f6c90b47dddbaeb89b2f6cf7110e4fb75688b8a5de581ca6026549b"],
  "0007_records_kernel.sql": ["45d97be0ca94bb4e847c29ac23353b6364472e6d0c354b3e7a95efe8a666d01b"],
  "0008_auth_hardening.sql": ["289eb0f8d9d63a93ce1f532c36414bea70d6139069e5d9748d2c8ba9afe6f8e7"],
  "0009_audit_checkpoints.sql": ["304b4d2f49e4d1eac968a3e4b3d550c263c8b70beec2e5fb0c395a2583419d41"],
  "0010_exercise_hardening.sql": ["b3b54d39c327753a9447803dd84224e31af8f7e88a90b16cca0eaa0d1312525e"],
};

/** sha256 of a migration's text with its line endings normalised, so a checkout with CRLF is the same text. */
export const migrationChecksum = (text: string) => createHash("sha256").update(text.replace(/\r\n?/g, "\n")).digest("hex");

export interface MigrationFile { id: string; sql: string; checksum: string }

export function migrationFiles(dir = migrationsDir): MigrationFile[] {
  return readdirSync(dir).filter((f) => f.endsWith(".sql")).sort().map((id) => {
    const sql = readFileSync(join(dir, id), "utf8");
    return { id, sql, checksum: migrationChecksum(sql) };
  });
}

const short = (sum: string) => sum.slice(0, 12);
const where = (id: string) => `src/db/migrations/${id}`;

/**
 * Checks what the database has applied against the files: a changed, unknown or missing migration
 * stops start-up with a StartupError naming it. Fills in the checksums of rows applied before
 * checksums existed. Returns the ids applied.
 */
async function checkApplied(tx: Pick<Db, "query">, files: MigrationFile[]) {
  const byId = new Map(files.map((f) => [f.id, f]));
  const rows = (await tx.query<{ id: string; checksum: string | null }>("select id, checksum from schema_migration order by id")).rows;
  for (const row of rows) {
    const file = byId.get(row.id);
    if (!file) {
      throw new StartupError(`migration ${row.id} is applied to this database but this version of Nexus does not have ${where(row.id)}; run the newer version that applied it, or restore a backup made by this version into a new deployment`);
    }
    const released = releasedChecksums[row.id] ?? [];
    if (row.checksum === null) {
      if (!released.includes(file.checksum)) {
        throw new StartupError(`migration ${row.id} was applied before migrations had checksums and ${where(row.id)} is not a released text of it (sha256 ${short(file.checksum)}); put the released file back (git checkout ${where(row.id)}) and make changes in a new migration`);
      }
      await tx.query("update schema_migration set checksum = $2 where id = $1", [row.id, file.checksum]);
    } else if (row.checksum !== file.checksum && !(released.includes(row.checksum) && released.includes(file.checksum))) {
      throw new StartupError(`migration ${row.id} was changed after it was applied to this database (applied sha256 ${short(row.checksum)}, ${where(row.id)} now ${short(file.checksum)}); put the applied text back (git checkout ${where(row.id)}) and make changes in a new migration`);
    }
  }
  return new Set(rows.map((r) => r.id));
}

/**
 * Applies every migration not yet applied, in file-name order, in one transaction, recording each
 * file's checksum; first checks that every migration already applied still has the text it had
 * (docs/decisions/0018).
 */
export async function migrate(db: Db, files = migrationFiles()): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec("create table if not exists schema_migration (id text primary key, applied_at timestamptz not null default now(), checksum text)");
    // Databases made before checksums have the table without the column.
    await tx.exec("alter table schema_migration add column if not exists checksum text");
    const done = await checkApplied(tx, files);
    for (const file of files) {
      if (done.has(file.id)) continue;
      await tx.exec(file.sql);
      await tx.query("insert into schema_migration (id, checksum) values ($1, $2)", [file.id, file.checksum]);
      applied.push(file.id);
    }
  });
  return applied;
}
