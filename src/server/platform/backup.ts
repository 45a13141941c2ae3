import type { Db } from "../../db/connection.js";
import { verifyAudit } from "./audit.repository.js";

/** Platform tables in an order that satisfies foreign keys on restore. The knowledge base is not backed up: it is reloaded from content/. */
export const backupTables = [
  "organisation", "app_user", "user_session", "api_token", "login_attempt", "setup_token", "workspace", "workspace_member",
  "record", "oversight_grant", "retention_policy", "removal_request", "audit_log",
  "watch_observation", "watch_alert",
  "plan_review", "plan_rating", "plan_agreed", "plan_practice", "plan_evidence", "plan_unit", "plan_action", "plan_share",
  "exercise_session", "exercise_member", "exercise_event", "exercise_report",
] as const;

export interface Backup {
  format: "nexus-backup";
  version: 1;
  created_at: string;
  migrations: string[];
  tables: Record<string, unknown[]>;
}

/** Reads every platform table inside one transaction, so the copy is consistent. */
export async function createBackup(db: Db): Promise<Backup> {
  return db.transaction(async (tx) => {
    const migrations = (await tx.query<{ id: string }>("select id from schema_migration order by id")).rows.map((r) => r.id);
    const tables: Record<string, unknown[]> = {};
    for (const t of backupTables) tables[t] = (await tx.query(`select * from ${t}`)).rows;
    return { format: "nexus-backup", version: 1, created_at: new Date().toISOString(), migrations, tables };
  });
}

/**
 * Restores into a database that has no platform data yet, all in one transaction: either the
 * whole deployment comes back, or nothing changes. The audit chain is verified before commit.
 */
export async function restoreBackup(db: Db, backup: Backup): Promise<{ rows: number }> {
  if (backup?.format !== "nexus-backup" || backup.version !== 1 || typeof backup.tables !== "object") {
    throw new Error("not a Nexus Toolkit backup (format nexus-backup, version 1)");
  }
  const missing = backupTables.find((t) => !Array.isArray(backup.tables[t]));
  if (missing) throw new Error(`the backup has no table "${missing}"`);
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ n: string }>("select (select count(*) from app_user) + (select count(*) from audit_log) as n");
    if (Number(existing.rows[0].n) > 0) throw new Error("the target database already holds users or audit entries; restore into an empty deployment");
    await tx.exec("delete from setup_token; delete from retention_policy; delete from organisation;");
    let rows = 0;
    for (const t of backupTables) {
      const data = backup.tables[t];
      if (!data.length) continue;
      await tx.query(`insert into ${t} select * from jsonb_populate_recordset(null::public.${t}, $1::jsonb)`, [JSON.stringify(data)]);
      rows += data.length;
    }
    const chain = await verifyAudit(tx);
    if (!chain.ok) throw new Error(`the backup's audit chain is broken at entry ${chain.first.seq}; nothing was restored`);
    return { rows };
  });
}
