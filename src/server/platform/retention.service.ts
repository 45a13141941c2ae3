import type { Db, Queryable } from "../../db/connection.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import { newId } from "./crypto.js";

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

export class RetentionService {
  constructor(private readonly db: Db) {}

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
   * everyone, metadata visible to oversight) and purged once the grace period is over. Each
   * step is audited without the record's content. `now` is a parameter so tests can move time.
   */
  async run(actor: AuditActor, now = new Date()): Promise<{ softDeleted: number; purged: number }> {
    return this.db.transaction(async (tx) => {
      const due = await tx.query<{ id: string; kind: string; grace_days: number }>(
        `select r.id, r.kind, coalesce(p.grace_days, d.grace_days, $2) as grace_days
         from record r
         left join retention_policy p on p.kind = r.kind
         left join retention_policy d on d.kind = 'default'
         where r.deleted_at is null and r.created_at + make_interval(days => case when r.concerns_minor
                 then coalesce(p.minor_retention_days, d.minor_retention_days, $3) else coalesce(p.retention_days, d.retention_days, $4) end) <= $1`,
        [now.toISOString(), DEFAULT_POLICY.grace_days, DEFAULT_POLICY.minor_retention_days, DEFAULT_POLICY.retention_days]);
      for (const r of due.rows) {
        await tx.query("update record set deleted_at = $2, purge_after = $2::timestamptz + make_interval(days => $3) where id = $1", [r.id, now.toISOString(), r.grace_days]);
        await appendAudit(tx, actor, { action: "retention.soft-delete", targetKind: "record", targetId: r.id, details: { kind: r.kind } });
      }
      const purge = await tx.query<{ id: string; kind: string }>("select id, kind from record where deleted_at is not null and purge_after <= $1", [now.toISOString()]);
      for (const r of purge.rows) {
        await tx.query("delete from record where id = $1", [r.id]);
        await appendAudit(tx, actor, { action: "retention.purge", targetKind: "record", targetId: r.id, details: { kind: r.kind } });
      }
      return { softDeleted: due.rows.length, purged: purge.rows.length };
    });
  }

  /** What oversight sees: policies, counts by state, overdue reviews of records about minors. */
  async state(now = new Date()) {
    const { rows } = await this.db.query<{ kind: string; active: string; soft_deleted: string; minors: string; reviews_overdue: string; next_purge: string | null }>(
      `select kind, count(*) filter (where deleted_at is null) as active, count(*) filter (where deleted_at is not null) as soft_deleted,
              count(*) filter (where concerns_minor and deleted_at is null) as minors,
              count(*) filter (where concerns_minor and deleted_at is null and review_due_at <= $1) as reviews_overdue,
              min(purge_after) as next_purge
       from record group by kind order by kind`, [now.toISOString()]);
    const purged = await this.db.query<{ n: string }>("select count(*) as n from audit_log where action = 'retention.purge'");
    return {
      policies: await this.policies(),
      kinds: rows.map((r) => ({ kind: r.kind, active: Number(r.active), soft_deleted: Number(r.soft_deleted), minors: Number(r.minors), reviews_overdue: Number(r.reviews_overdue), next_purge: r.next_purge })),
      purged_total: Number(purged.rows[0].n),
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
