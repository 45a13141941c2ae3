import type { Db, Queryable } from "../../db/connection.js";
import { recordAccess, type Viewer } from "../../core/platform/access.js";
import { reasonProblem } from "../../core/platform/reason.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import { CLOCK_SKEW_MS, systemClock, type Clock } from "./clock.js";
import { newId } from "./crypto.js";
import { factsOf, type RecordRow } from "./records.repository.js";

export interface RetentionPolicy {
  kind: string;
  retention_days: number;
  minor_retention_days: number;
  grace_days: number;
  minor_review_days: number;
  legal_basis: string;
}

/**
 * The fallback policy until a deployment sets its own: two years, one year for records about
 * minors, reviewed every 90 days, 30 days between soft deletion and purge. The legal basis
 * must be replaced by the deployment's own.
 */
export const DEFAULT_POLICY: RetentionPolicy = {
  kind: "default", retention_days: 730, minor_retention_days: 365, grace_days: 30, minor_review_days: 90,
  legal_basis: "Not yet set by this deployment: record the national law or agreement that allows keeping these records.",
};

export async function policyFor(db: Queryable, kind: string): Promise<RetentionPolicy> {
  const { rows } = await db.query<RetentionPolicy>("select * from retention_policy where kind = $1 or kind = 'default' order by kind = $1 desc limit 1", [kind]);
  return rows[0] ?? DEFAULT_POLICY;
}

/**
 * What stops a retention run before it deletes anything (docs/decisions/0017). Both are settings:
 * RETENTION_MAX_SHARE and RETENTION_MAX_GAP_DAYS.
 */
export interface RetentionGuards {
  /** the largest share of all records (0–1) one run may soft-delete or purge without an oversight confirmation */
  maxShare: number;
  /** the longest plausible time since the last completed run; the job runs hourly, so more means the clock jumped or the server was long stopped */
  maxGapDays: number;
}

export const DEFAULT_GUARDS: RetentionGuards = { maxShare: 0.1, maxGapDays: 7 };

/** The guards from the environment; a bad value is one line naming the setting and the fix. */
export function retentionGuardsFromEnv(env: Record<string, string | undefined>): RetentionGuards {
  const read = (name: string, fallback: number, ok: (n: number) => boolean, what: string) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || !ok(n)) throw new Error(`${name}="${raw}" must be ${what}; unset it for the default ${fallback}`);
    return n;
  };
  return {
    maxShare: read("RETENTION_MAX_SHARE", DEFAULT_GUARDS.maxShare, (n) => n >= 0 && n <= 1, "a share between 0 and 1, such as 0.1 for 10% of the records"),
    maxGapDays: read("RETENTION_MAX_GAP_DAYS", DEFAULT_GUARDS.maxGapDays, (n) => n > 0 && n <= 3650, "a number of days above 0, such as 7"),
  };
}

/** Why a run stopped: a message key for the UI, its parameters, and the English sentence. */
export interface RunProblem {
  code: "retention.clock_behind_data" | "retention.clock_jumped" | "retention.share_exceeded";
  params: Record<string, string | number>;
  message: string;
}

export type RunResult =
  | { status: "done"; run: string; softDeleted: number; purged: number }
  | { status: "awaiting-confirmation"; run: string; softDeleted: 0; purged: 0; problems: RunProblem[] };

interface RunRow {
  id: string; ran_at: string; status: string; problems: RunProblem[]; planned_soft_delete: number; planned_purge: number;
  records_total: number; soft_deleted: number; purged: number; decided_by: string | null; decided_at: string | null; decision_reason: string | null;
}

/** Orders retention runs (every instance runs the job hourly). */
const RETENTION_LOCK = 724_017;
const DAY_MS = 86_400_000;
const iso = (d: Date | string) => new Date(d).toISOString();

export class RetentionService {
  private readonly clock: Clock;
  readonly guards: RetentionGuards;

  constructor(private readonly db: Db, opts: { clock?: Clock; guards?: Partial<RetentionGuards> } = {}) {
    this.clock = opts.clock ?? systemClock;
    this.guards = { ...DEFAULT_GUARDS, ...opts.guards };
  }

  async policies(): Promise<RetentionPolicy[]> {
    const { rows } = await this.db.query<RetentionPolicy>("select * from retention_policy order by kind");
    return rows.some((r) => r.kind === "default") ? rows : [DEFAULT_POLICY, ...rows];
  }

  async setPolicy(p: RetentionPolicy, actor: AuditActor) {
    if (p.minor_retention_days > p.retention_days) throw badRequest("minor_retention_days", "must not be longer than retention_days: records about minors are kept for less time");
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into retention_policy (kind, retention_days, minor_retention_days, grace_days, minor_review_days, legal_basis) values ($1, $2, $3, $4, $5, $6)
         on conflict (kind) do update set retention_days = $2, minor_retention_days = $3, grace_days = $4, minor_review_days = $5, legal_basis = $6`,
        [p.kind, p.retention_days, p.minor_retention_days, p.grace_days, p.minor_review_days, p.legal_basis]);
      await appendAudit(tx, actor, { action: "retention.policy-set", targetKind: "retention-policy", targetId: p.kind, details: { ...p } });
    });
    return p;
  }

  /**
   * The retention job: records past their retention period are soft-deleted (hidden from
   * everyone, metadata visible to oversight, restorable by oversight) and purged once the grace
   * period is over. Each step is audited without the record's content.
   *
   * Before deleting anything the run checks the clock and the size of what it would delete
   * (`guards`): a clock earlier than the data already held, a clock far ahead of the last
   * completed run, or more than `maxShare` of the records. Any of these records the run as
   * awaiting an oversight confirmation, audited, and deletes nothing. `confirmation` is that
   * confirmation: the run then proceeds if it finds no problem the confirmed run did not show.
   */
  async run(actor: AuditActor, confirmation?: { runId: string; userId: string; reason: string }): Promise<RunResult> {
    return this.db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [RETENTION_LOCK]);
      const now = this.clock();
      const due = await tx.query<{ id: string; kind: string; grace_days: number }>(
        `select r.id, r.kind, coalesce(p.grace_days, d.grace_days, $2) as grace_days
         from record r
         left join retention_policy p on p.kind = r.kind
         left join retention_policy d on d.kind = 'default'
         where r.deleted_at is null and coalesce(r.retention_from, r.created_at) + make_interval(days => case when r.concerns_minor
                 then coalesce(p.minor_retention_days, d.minor_retention_days, $3) else coalesce(p.retention_days, d.retention_days, $4) end) <= $1`,
        [iso(now), DEFAULT_POLICY.grace_days, DEFAULT_POLICY.minor_retention_days, DEFAULT_POLICY.retention_days]);
      const purge = await tx.query<{ id: string; kind: string }>("select id, kind from record where deleted_at is not null and purge_after <= $1", [iso(now)]);
      const plan = { softDelete: due.rows.length, purge: purge.rows.length };
      const { problems, total } = await this.check(tx, now, plan.softDelete + plan.purge);

      const confirmed = confirmation ? await this.pendingRun(tx, confirmation.runId) : null;
      const uncovered = problems.filter((p) => !confirmed || !covers(confirmed, p, plan));
      if (uncovered.length) return this.refuse(tx, actor, now, problems, plan, total);
      if (confirmed) {
        await tx.query("update retention_run set status = 'confirmed', decided_by = $2, decided_at = $3, decision_reason = $4 where id = $1",
          [confirmed.id, confirmation!.userId, iso(now), confirmation!.reason]);
        await appendAudit(tx, actor, { action: "retention.confirm", targetKind: "retention-run", targetId: confirmed.id, reason: confirmation!.reason, details: { problems: confirmed.problems.map((p) => p.code), soft_delete: plan.softDelete, purge: plan.purge } });
      }

      for (const r of due.rows) {
        await tx.query("update record set deleted_at = $2, purge_after = $2::timestamptz + make_interval(days => $3) where id = $1", [r.id, iso(now), r.grace_days]);
        await appendAudit(tx, actor, { action: "retention.soft-delete", targetKind: "record", targetId: r.id, details: { kind: r.kind } });
      }
      for (const r of purge.rows) {
        await tx.query("delete from record where id = $1", [r.id]);
        await appendAudit(tx, actor, { action: "retention.purge", targetKind: "record", targetId: r.id, details: { kind: r.kind } });
      }
      // A completed run makes any refused one moot.
      await tx.query("update retention_run set status = 'superseded' where status = 'awaiting-confirmation'");
      const id = newId();
      await tx.query(
        `insert into retention_run (id, ran_at, status, planned_soft_delete, planned_purge, records_total, soft_deleted, purged)
         values ($1, $2, 'done', $3, $4, $5, $3, $4)`, [id, iso(now), plan.softDelete, plan.purge, total]);
      return { status: "done" as const, run: id, softDeleted: plan.softDelete, purged: plan.purge };
    });
  }

  /** The guards: is the clock plausible, and is the run small enough to need no confirmation? */
  private async check(tx: Queryable, now: Date, deletes: number): Promise<{ problems: RunProblem[]; total: number }> {
    const { rows: [facts] } = await tx.query<{ total: string; newest_record: string | null; last_audit: string | null; last_run: string | null }>(
      `select (select count(*) from record) as total,
              (select max(greatest(created_at, updated_at, deleted_at)) from record) as newest_record,
              (select at from audit_log order by seq desc limit 1) as last_audit,
              (select max(ran_at) from retention_run where status = 'done') as last_run`);
    const total = Number(facts.total);
    const problems: RunProblem[] = [];
    const newest = [facts.newest_record, facts.last_audit, facts.last_run].filter((t): t is string => t !== null).map((t) => new Date(t)).sort((a, b) => b.getTime() - a.getTime())[0];
    if (newest && now.getTime() < newest.getTime() - CLOCK_SKEW_MS) {
      problems.push({
        code: "retention.clock_behind_data", params: { now: iso(now), newest: iso(newest) },
        message: `the clock (${iso(now)}) is earlier than data this deployment already holds (${iso(newest)}); check the server's clock (NTP) — retention deletes nothing until the clock passes that time or oversight confirms this run`,
      });
    }
    if (facts.last_run) {
      const gapDays = (now.getTime() - new Date(facts.last_run).getTime()) / DAY_MS;
      if (gapDays > this.guards.maxGapDays) {
        problems.push({
          code: "retention.clock_jumped", params: { now: iso(now), last_run: iso(facts.last_run), days: Math.floor(gapDays), max_days: this.guards.maxGapDays },
          message: `the clock is ${Math.floor(gapDays)} days past the last retention run (${iso(facts.last_run)}), more than RETENTION_MAX_GAP_DAYS=${this.guards.maxGapDays}; check the server's clock — if it is right (the server was stopped that long), oversight confirms this run`,
        });
      }
    }
    if (total > 0 && deletes > this.guards.maxShare * total) {
      const percent = Math.round((deletes / total) * 1000) / 10;
      problems.push({
        code: "retention.share_exceeded", params: { deletes, total, percent, max_percent: this.guards.maxShare * 100 },
        message: `this run would soft-delete or purge ${deletes} of ${total} records (${percent}%), more than RETENTION_MAX_SHARE=${this.guards.maxShare}; oversight confirms it before anything is deleted`,
      });
    }
    return { problems, total };
  }

  /** Records a refused run (once while the same problems and counts persist), audited; nothing is deleted. */
  private async refuse(tx: Queryable, actor: AuditActor, now: Date, problems: RunProblem[], plan: { softDelete: number; purge: number }, total: number): Promise<RunResult> {
    const pending = (await tx.query<RunRow>("select * from retention_run where status = 'awaiting-confirmation'")).rows[0];
    const same = pending && pending.planned_soft_delete === plan.softDelete && pending.planned_purge === plan.purge
      && pending.problems.map((p) => p.code).join() === problems.map((p) => p.code).join();
    if (same) return { status: "awaiting-confirmation", run: pending.id, softDeleted: 0, purged: 0, problems };
    await tx.query("update retention_run set status = 'superseded' where status = 'awaiting-confirmation'");
    const id = newId();
    await tx.query(
      `insert into retention_run (id, ran_at, status, problems, planned_soft_delete, planned_purge, records_total)
       values ($1, $2, 'awaiting-confirmation', $3::jsonb, $4, $5, $6)`, [id, iso(now), JSON.stringify(problems), plan.softDelete, plan.purge, total]);
    await appendAudit(tx, actor, {
      action: "retention.refused", targetKind: "retention-run", targetId: id,
      details: { problems: problems.map(({ code, params }) => ({ code, params })), soft_delete: plan.softDelete, purge: plan.purge, total },
    });
    return { status: "awaiting-confirmation", run: id, softDeleted: 0, purged: 0, problems };
  }

  private async pendingRun(tx: Queryable, id: string): Promise<RunRow> {
    const { rows } = await tx.query<RunRow>("select * from retention_run where id = $1", [id]);
    if (!rows[0]) throw notFound(`retention run "${id}"`);
    if (rows[0].status !== "awaiting-confirmation") {
      throw new Problem(409, "Conflict", `retention run "${id}" is ${rows[0].status}, not awaiting confirmation`, [], { code: "retention.not_pending", params: { status: rows[0].status } });
    }
    return rows[0];
  }

  /** Oversight confirms a refused run, with a reason; the run proceeds unless something new came up. */
  async confirm(runId: string, userId: string, reason: string, actor: AuditActor): Promise<RunResult> {
    const why = reasonProblem(reason);
    if (why) throw badRequest("reason", why);
    return this.run(actor, { runId, userId, reason });
  }

  /**
   * Oversight brings back a soft-deleted record before its purge: what depended on it
   * (observations, alerts) was never deleted and shows again with it. Its retention period
   * starts again from now, so the next run does not delete it at once.
   */
  async restore(viewer: Viewer, id: string, reason: string, actor: AuditActor) {
    if (!viewer.roles.includes("oversight")) throw new Problem(403, "Forbidden", "only oversight restores a soft-deleted record");
    const why = reasonProblem(reason);
    if (why) throw badRequest("reason", why);
    return this.db.transaction(async (tx) => {
      const row = (await tx.query<RecordRow>("select * from record where id = $1 for update", [id])).rows[0];
      if (!row || recordAccess(viewer, factsOf(row)).level === "none") throw notFound(`record "${id}"`);
      if (!row.deleted_at) throw new Problem(409, "Conflict", `record "${id}" is not awaiting purge`, [], { code: "retention.not_deleted" });
      const now = iso(this.clock());
      await tx.query("update record set deleted_at = null, purge_after = null, retention_from = $2 where id = $1", [id, now]);
      await appendAudit(tx, actor, { action: "record.restore", targetKind: "record", targetId: id, reason, details: { kind: row.kind, deleted_at: iso(row.deleted_at), purge_after: row.purge_after && iso(row.purge_after) } });
      return { id, restored_at: now, retention_from: now };
    });
  }

  /**
   * What oversight sees: policies, counts by state, overdue reviews, the guards, the last
   * completed run and a refused one; with `records`, the soft-deleted records it may restore.
   */
  async state(opts: { records?: boolean } = {}) {
    const now = iso(this.clock());
    const { rows } = await this.db.query<{ kind: string; active: string; soft_deleted: string; minors: string; reviews_overdue: string; next_purge: string | null }>(
      `select kind, count(*) filter (where deleted_at is null) as active, count(*) filter (where deleted_at is not null) as soft_deleted,
              count(*) filter (where concerns_minor and deleted_at is null) as minors,
              count(*) filter (where concerns_minor and deleted_at is null and review_due_at <= $1) as reviews_overdue,
              min(purge_after) as next_purge
       from record group by kind order by kind`, [now]);
    const purged = await this.db.query<{ n: string }>("select count(*) as n from audit_log where action = 'retention.purge'");
    const deleted = opts.records
      ? await this.db.query<{ id: string; kind: string; workspace_id: string; marking: string; deleted_at: string; purge_after: string | null }>(
        "select id, kind, workspace_id, marking, deleted_at, purge_after from record where deleted_at is not null order by purge_after, id limit 500")
      : { rows: [] };
    const runs = await this.db.query<RunRow>(
      `(select * from retention_run where status = 'awaiting-confirmation')
       union all (select * from retention_run where status = 'done' order by ran_at desc limit 1)`);
    return {
      policies: await this.policies(),
      kinds: rows.map((r) => ({ kind: r.kind, active: Number(r.active), soft_deleted: Number(r.soft_deleted), minors: Number(r.minors), reviews_overdue: Number(r.reviews_overdue), next_purge: r.next_purge })),
      purged_total: Number(purged.rows[0].n),
      soft_deleted: deleted.rows,
      guards: { max_share: this.guards.maxShare, max_gap_days: this.guards.maxGapDays },
      pending_run: runs.rows.find((r) => r.status === "awaiting-confirmation") ?? null,
      last_run: runs.rows.find((r) => r.status === "done") ?? null,
    };
  }

  // Removal requests: filed by someone who can read the record, decided by oversight, then executed.

  async fileRemoval(userId: string, recordId: string, reason: string, actor: AuditActor) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into removal_request (id, record_id, requested_by, reason, status) values ($1, $2, $3, $4, 'pending')", [id, recordId, userId, reason]);
      await appendAudit(tx, actor, { action: "removal.request", targetKind: "record", targetId: recordId, reason, details: { request: id } });
    });
    return this.getRemoval(id);
  }

  async getRemoval(id: string) {
    const { rows } = await this.db.query("select * from removal_request where id = $1", [id]);
    if (!rows[0]) throw notFound(`removal request "${id}"`);
    return rows[0] as { id: string; record_id: string; status: string; requested_by: string };
  }

  async listRemovals(userId: string | null) {
    const { rows } = await this.db.query("select * from removal_request where ($1::text is null or requested_by = $1) order by created_at desc", [userId]);
    return rows;
  }

  async decideRemoval(deciderId: string, id: string, approve: boolean, reason: string, actor: AuditActor) {
    const req = await this.getRemoval(id);
    if (req.status !== "pending") throw new Problem(409, "Conflict", `the request is already ${req.status}`);
    if (req.requested_by === deciderId) throw new Problem(403, "Forbidden", "a removal request must be decided by someone other than the person who filed it");
    await this.db.transaction(async (tx) => {
      await tx.query("update removal_request set status = $2, decided_by = $3, decision_reason = $4, decided_at = now() where id = $1", [id, approve ? "approved" : "refused", deciderId, reason]);
      await appendAudit(tx, actor, { action: approve ? "removal.approve" : "removal.refuse", targetKind: "record", targetId: req.record_id, reason, details: { request: id } });
    });
    return this.getRemoval(id);
  }

  /** Deletes the record for good. The audit keeps that it was removed, by whom and why, not what it said. */
  async executeRemoval(id: string, actor: AuditActor) {
    const req = await this.getRemoval(id);
    if (req.status !== "approved") throw new Problem(409, "Conflict", `only an approved request can be executed; this one is ${req.status}`);
    await this.db.transaction(async (tx) => {
      const del = await tx.query<{ kind: string }>("delete from record where id = $1 returning kind", [req.record_id]);
      await tx.query("update removal_request set status = 'executed', executed_at = now() where id = $1", [id]);
      await appendAudit(tx, actor, { action: "removal.execute", targetKind: "record", targetId: req.record_id, details: { request: id, kind: del.rows[0]?.kind ?? null, existed: del.rows.length > 0 } });
    });
    return this.getRemoval(id);
  }
}

/** Whether a confirmed run's problems cover one found now: the same kind, and no more deletions than were confirmed. */
function covers(confirmed: RunRow, p: RunProblem, plan: { softDelete: number; purge: number }): boolean {
  if (!confirmed.problems.some((c) => c.code === p.code)) return false;
  return p.code !== "retention.share_exceeded" || plan.softDelete + plan.purge <= confirmed.planned_soft_delete + confirmed.planned_purge;
}
