import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { anchorPaths, AuditAnchor } from "../server/platform/auditAnchor.js";
import { createBackup, restoreBackup, type Backup, type RestoreReport } from "../server/platform/backup.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

/** `nexus backup <file>`: users, workspaces, records and the audit chain as one JSON file. */
export async function backup(args: string[], io: CliIo): Promise<number> {
  const [file, ...rest] = args;
  if (!file || file.startsWith("--") || rest.length) { io.err("usage: nexus backup <file>"); return 2; }
  const db = await openDeploymentDb();
  try {
    const b = await createBackup(db);
    writeFileSync(file, JSON.stringify(b));
    const counts = Object.entries(b.tables).map(([t, r]) => `${t} ${r.length}`).join(", ");
    io.out(`backup written to ${file}: ${counts}`);
    return 0;
  } finally {
    await db.close();
  }
}

/** One line saying what a restore checked and what the backup did not hold. */
export function describeRestore(file: string, r: RestoreReport): string {
  const signatures = { checked: "signatures checked with this deployment's key", "not-checked": "signatures not checked: this deployment has another key or none", none: "" }[r.signatures];
  return `restored ${r.rows} rows from ${file} (backup format version ${r.version}); verified: audit chain (${r.entries} entries), ${r.records} records against it` +
    (r.checkpoints ? `, ${r.checkpoints} signed checkpoints (${signatures})` : ", no signed checkpoint in the backup") +
    (r.baselined ? `; ${r.baselined} records written before the chain covered them got a baseline entry` : "") +
    (r.absent.length ? `; not in this backup, restored empty: ${r.absent.join(", ")}` : "");
}

/** `nexus restore <file>`: into an empty deployment; all or nothing, audit chain and records verified. */
export async function restore(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args.slice(1), {});
  const file = args[0];
  if (!file || file.startsWith("--") || !parsed.ok) { io.err("usage: nexus restore <file>"); return 2; }
  if (!existsSync(file)) { io.err(`nexus restore: file "${file}" does not exist`); return 2; }
  let data: Backup;
  try {
    data = JSON.parse(readFileSync(file, "utf8")) as Backup;
  } catch (e) {
    io.err(`nexus restore: "${file}" is not JSON: ${(e as Error).message}`);
    return 2;
  }
  const db = await openDeploymentDb();
  try {
    const paths = anchorPaths(process.env.DATA_DIR ?? "./data");
    io.out(describeRestore(file, await restoreBackup(db, data, { anchor: paths ? AuditAnchor.forVerification(paths) : undefined })));
    return 0;
  } catch (e) {
    io.err(`nexus restore: ${(e as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}
