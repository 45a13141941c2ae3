import { readdirSync, readFileSync } from "node:fs";
import { canonicalJson, verifyChain, verifyCheckpoints, type Checkpoint } from "../../core/platform/auditChain.js";
import type { Db, Queryable } from "../../db/connection.js";
import { auditEntries, describeAuditProblem, verifyRecords } from "./audit.repository.js";
import { rowToCheckpoint, type AuditAnchor } from "./auditAnchor.js";
import { sha256 } from "./crypto.js";

/** Platform tables in an order that satisfies foreign keys on restore. The knowledge base is not backed up: it is reloaded from content/. */
export const backupTables = [
  "organisation", "app_user", "user_session", "api_token", "login_attempt", "setup_token", "workspace", "workspace_member",
  "record", "oversight_grant", "retention_policy", "removal_request", "retention_run", "audit_log",
  "watch_observation", "watch_alert",
  "plan_review", "plan_rating", "plan_agreed", "plan_practice", "plan_evidence", "plan_unit", "plan_action", "plan_share",
  "exercise_session", "exercise_member", "exercise_event", "exercise_report", "exercise_agency",
  "stix_import", "stix_link", "taxii_status", "taxii_subscription", "stix_quarantine", "stix_push",
  "training_cohort", "training_schedule", "training_participant", "training_answer", "training_progress", "xapi_statement",
] as const;

/** The format this version writes; it restores this one and every earlier one (docs/decisions/0019). */
export const BACKUP_VERSION = 2;
/** From this migration on, the chain covers every record; a backup from before it gets baseline entries on restore. */
const RECORD_HASH_MIGRATION = "0013_audit_record_hash.sql";
/** From this migration on, a session row holds its status and counts. */
const SESSION_SUMMARY_MIGRATION = "0017_session_summary.sql";
const migrationsDir = new URL("../../db/migrations/", import.meta.url);
const appVersion = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export interface BackupManifest {
  app_version: string;
  /** rows and the SHA-256 of the canonical JSON of the rows, per table */
  tables: Record<string, { rows: number; sha256: string }>;
}

export interface Backup {
  format: "nexus-backup";
  /** 1: tables and migrations only (before 0019); 2: with a manifest and the signed checkpoints */
  version: 1 | 2;
  created_at: string;
  migrations: string[];
  manifest?: BackupManifest;
  checkpoints?: Checkpoint[];
  tables: Record<string, unknown[]>;
}

export interface RestoreReport {
  rows: number;
  version: number;
  /** tables the backup does not hold (written before they existed, or left out by its version): restored empty */
  absent: string[];
  entries: number;
  records: number;
  /** records of a backup from before 0013 that got a baseline entry */
  baselined: number;
  checkpoints: number;
  /** whether the checkpoints' signatures were checked with this deployment's key */
  signatures: "checked" | "not-checked" | "none";
}

/** A backup that is not restored, and why; nothing was written. */
export class BackupRefused extends Error {}

const tableDigest = (rows: unknown[]) => sha256(canonicalJson(rows));

/**
 * Reads every platform table inside one transaction, so the copy is consistent. Rows are read as
 * jsonb, so every value (microseconds included) comes back exactly, and the record hashes match.
 */
export async function createBackup(db: Db): Promise<Backup> {
  return db.transaction(async (tx) => {
    const migrations = (await tx.query<{ id: string }>("select id from schema_migration order by id")).rows.map((r) => r.id);
    const tables: Record<string, unknown[]> = {};
    for (const t of backupTables) tables[t] = (await tx.query<{ r: unknown }>(`select to_jsonb(t) as r from ${t} t`)).rows.map((x) => x.r);
    const manifest: BackupManifest = { app_version: appVersion, tables: Object.fromEntries(backupTables.map((t) => [t, { rows: tables[t].length, sha256: tableDigest(tables[t]) }])) };
    const checkpoints = (await tx.query("select * from audit_checkpoint order by seq")).rows.map(rowToCheckpoint);
    return { format: "nexus-backup", version: BACKUP_VERSION, created_at: new Date().toISOString(), migrations, manifest, checkpoints, tables };
  });
}

/** What is wrong with a backup before anything is written: its version, its schema, its manifest. */
function checkBackup(backup: Backup): { problems: string[]; absent: string[] } {
  if (backup?.format !== "nexus-backup" || typeof backup.tables !== "object" || !backup.tables || !Array.isArray(backup.migrations)) {
    throw new BackupRefused("not a Nexus Toolkit backup (format nexus-backup)");
  }
  if (backup.version !== 1 && backup.version !== 2) {
    throw new BackupRefused(`backup format version ${JSON.stringify(backup.version)} is not one this version of Nexus Toolkit (${appVersion}) reads (1 to ${BACKUP_VERSION}); restore it with the version that wrote it or a newer one`);
  }
  const known = new Set(readdirSync(migrationsDir).filter((f) => f.endsWith(".sql")));
  const unknown = backup.migrations.find((m) => !known.has(m));
  if (unknown) throw new BackupRefused(`the backup comes from a newer schema (migration ${unknown} is unknown to Nexus Toolkit ${appVersion}); upgrade before restoring it`);
  const absent = backupTables.filter((t) => backup.tables[t] === undefined);
  const problems: string[] = [];
  for (const t of backupTables) if (backup.tables[t] !== undefined && !Array.isArray(backup.tables[t])) problems.push(`table ${t} is not a list of rows`);
  if (backup.version >= 2) {
    if (!backup.manifest?.tables) return { problems: [...problems, "the version 2 backup has no manifest"], absent };
    for (const t of backupTables) {
      const rows = backup.tables[t];
      const m = backup.manifest.tables[t];
      if (!Array.isArray(rows) || !m) problems.push(`table ${t} is missing from the backup or its manifest`);
      else if (rows.length !== m.rows) problems.push(`table ${t} holds ${rows.length} rows but the manifest says ${m.rows}`);
      else if (tableDigest(rows) !== m.sha256) problems.push(`table ${t} was changed after the backup was written (its SHA-256 differs from the manifest)`);
    }
  }
  return { problems, absent };
}

/** Inserts a table's rows; columns the backup does not hold (added by later migrations) get their defaults. */
async function insertRows(tx: Queryable, table: string, rows: unknown[]) {
  const present = new Set(rows.flatMap((r) => Object.keys(r as object)));
  const columns = (await tx.query<{ c: string }>("select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position", [table]))
    .rows.map((r) => r.c).filter((c) => present.has(c)).map((c) => `"${c}"`).join(", ");
  await tx.query(`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::public.${table}, $1::jsonb)`, [JSON.stringify(rows)]);
}

/**
 * Restores into a database that has no platform data yet, all in one transaction: either the
 * whole deployment comes back, or nothing changes. Before commit it checks the manifest, the
 * audit chain, the signed checkpoints the backup carries (with `anchor`'s key when it signed
 * them) and every record against the chain; any problem refuses the whole backup, each named.
 */
export async function restoreBackup(db: Db, backup: Backup, opts: { anchor?: AuditAnchor } = {}): Promise<RestoreReport> {
  const { problems, absent } = checkBackup(backup);
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ n: string }>("select (select count(*) from app_user) + (select count(*) from audit_log) as n");
    if (Number(existing.rows[0].n) > 0) throw new Error("the target database already holds users or audit entries; restore into an empty deployment");
    await tx.exec("delete from setup_token; delete from retention_policy; delete from organisation;");
    let rows = 0;
    for (const t of backupTables) {
      const data = backup.tables[t];
      if (!Array.isArray(data) || !data.length) continue;
      await insertRows(tx, t, data);
      rows += data.length;
    }
    const entries = await auditEntries(tx);
    const chain = verifyChain(entries, sha256);
    if (!chain.ok) problems.push(`the backup's audit chain is broken at entry ${chain.first.seq} (${describeAuditProblem(chain.first)})`);
    const checkpoints = Array.isArray(backup.checkpoints) ? backup.checkpoints : [];
    const anchor = opts.anchor?.keyId && checkpoints.some((c) => c.key_id === opts.anchor!.keyId) ? opts.anchor : null;
    // Without the signing key a checkpoint still states how far the chain went: a cut tail shows.
    for (const p of verifyCheckpoints(entries, checkpoints, [], (c) => (anchor ? anchor.verifySignature(c) : true))) problems.push(describeAuditProblem(p));
    let baselined = 0;
    if (chain.ok && !backup.migrations.includes(RECORD_HASH_MIGRATION)) {
      const r = await tx.query<{ n: number }>("select audit_record_baseline($1) as n", [`restored from a version ${backup.version} backup written before records were in the chain`]);
      baselined = Number(r.rows[0].n);
    }
    // Sessions of a backup from before 0017 get their status and counts from their logs.
    if (!backup.migrations.includes(SESSION_SUMMARY_MIGRATION)) await tx.query("select exercise_session_summarise()");
    const records = await verifyRecords(tx);
    for (const p of records.problems) problems.push(describeAuditProblem(p));
    if (problems.length) {
      throw new BackupRefused(`the backup was refused and nothing was restored: ${problems.slice(0, 10).join("; ")}${problems.length > 10 ? `; and ${problems.length - 10} more` : ""}`);
    }
    return {
      rows, version: backup.version, absent, entries: entries.length + (baselined ? Math.ceil(baselined / 1000) : 0), records: records.records, baselined,
      checkpoints: checkpoints.length, signatures: !checkpoints.length ? "none" : anchor ? "checked" : "not-checked",
    };
  });
}
