import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createBackup, restoreBackup, type Backup } from "../server/platform/backup.js";
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

/** `nexus restore <file>`: into an empty deployment; all or nothing, audit chain verified. */
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
    const { rows } = await restoreBackup(db, data);
    io.out(`restored ${rows} rows from ${file}; audit chain verified`);
    return 0;
  } catch (e) {
    io.err(`nexus restore: ${(e as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}
