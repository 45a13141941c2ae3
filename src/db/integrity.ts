import type { Db, Queryable } from "./connection.js";
import { StartupError } from "./dataFolder.js";

/**
 * The quick integrity check run at every start, after migrating and before serving
 * (docs/decisions/0018). It catches table files that were truncated or lost outside the app, which
 * PostgreSQL does not notice by itself: a sequential scan of a truncated file simply finds fewer rows
 * (an empty app_user looked like a first run and offered the setup link). Each table with a primary
 * key is counted twice, once by sequential scan and once through an index; the two must agree, and
 * reading an index entry whose row is gone fails outright. Then a few facts that must hold together:
 * the core tables are in the catalogue, and an audit log that names users has users.
 */

/** Tables the platform cannot work without; they must be in the catalogue once migrated. */
const coreTables = ["schema_migration", "organisation", "app_user", "user_session", "workspace", "workspace_member", "record", "audit_log"];
/** System catalogues checked the same way as the app's tables. */
const catalogueTables = ["pg_catalog.pg_class", "pg_catalog.pg_attribute", "pg_catalog.pg_type", "pg_catalog.pg_namespace", "pg_catalog.pg_index", "pg_catalog.pg_constraint"];

export interface IntegrityReport {
  /** tables counted both ways */
  tables: number;
  /** rows counted (each once) */
  rows: number;
  ms: number;
}

const bySeqScan = "set local enable_seqscan = on; set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off";
const byIndex = "set local enable_seqscan = off; set local enable_indexscan = on; set local enable_indexonlyscan = on; set local enable_bitmapscan = off";

/**
 * Checks the database; throws a StartupError (one line naming the table, what is wrong and the fix)
 * when it is damaged. `setting` names where the database is (`DATA_DIR=…` or `DATABASE_URL`).
 */
export async function checkIntegrity(db: Db, setting: string): Promise<IntegrityReport> {
  const started = performance.now();
  const damaged = (table: string, what: string) => {
    const fix = db.dialect === "pglite"
      ? "restore the latest backup into a new folder (DATA_DIR=NEW npx nexus restore FILE) and start with DATA_DIR=NEW"
      : "restore the latest backup into a new database (DATABASE_URL=NEW npx nexus restore FILE) and start with it";
    return new StartupError(`${setting}: table ${table} is damaged (${what}); its files were truncated or changed outside Nexus, so it is not set up again: ${fix}, then check it with npx nexus audit verify`);
  };
  return db.transaction(async (tx) => {
    const missing = (await tx.query<{ t: string }>("select t from unnest($1::text[]) t where to_regclass('public.' || t) is null", [coreTables])).rows;
    if (missing.length) throw damaged(missing[0].t, "it is missing from the catalogue although its migration is recorded");

    const appTables = (await tx.query<{ t: string }>(
      `select quote_ident(c.relname) as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary)
       order by c.relname`,
    )).rows.map((r) => r.t);
    const tables = [...catalogueTables, ...appTables];
    // Fast path: every table counted both ways in two statements. Only when they disagree or a read
    // fails is each table counted on its own, to name it (after a savepoint, as a failed read aborts).
    await tx.exec("savepoint integrity");
    let rows: number;
    try {
      const [seq, indexed] = [await countAll(tx, tables, bySeqScan), await countAll(tx, tables, byIndex)];
      if (seq.some((n, i) => n !== indexed[i])) throw new Error("counts differ");
      rows = seq.reduce((a, b) => a + b, 0);
    } catch {
      await tx.exec("rollback to savepoint integrity");
      for (const table of tables) {
        let seq: number, indexed: number;
        try {
          [seq] = await countAll(tx, [table], bySeqScan);
          [indexed] = await countAll(tx, [table], byIndex);
        } catch (e) {
          throw damaged(table, `reading it fails: ${(e as Error).message}`);
        }
        if (seq !== indexed) throw damaged(table, `a sequential scan finds ${seq} rows, its index ${indexed}`);
      }
      throw new Error("the integrity check's counts differed, but not table by table"); // not reached: the same counts again
    }
    await tx.exec("reset enable_seqscan; reset enable_indexscan; reset enable_indexonlyscan; reset enable_bitmapscan");

    if (await namesMissingUsers(tx)) {
      throw damaged("app_user", "the audit log names users that are not in it");
    }
    return { tables: tables.length, rows, ms: Math.round(performance.now() - started) };
  });
}

/** Counts each table's rows in one statement, under the given plan settings. */
async function countAll(tx: Queryable, tables: string[], mode: string): Promise<number[]> {
  await tx.exec(mode);
  const row = (await tx.query<Record<string, string>>(`select ${tables.map((t, i) => `(select count(*) from ${t}) as c${i}`).join(", ")}`)).rows[0];
  return tables.map((_, i) => Number(row[`c${i}`]));
}

/** Users are never deleted (only disabled), so every user the audit log names as actor must exist. */
async function namesMissingUsers(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query(
    "select 1 from (select distinct actor_id from audit_log where actor_id is not null) a where not exists (select 1 from app_user u where u.id = a.actor_id) limit 1",
  );
  return rows.length > 0;
}
