import type { Db, Queryable } from "../../db/connection.js";
import { recordAccess, type AccessDecision, type Viewer } from "../../core/platform/access.js";
import { toCsv } from "../../core/csv.js";
import { isAtLeast, markings, type Marking } from "../../core/platform/markings.js";
import { reasonFault, reasonProblem } from "../../core/platform/reason.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import type { User } from "./auth.service.js";
import { factsOf, type RecordRow } from "./records.repository.js";
import { policyFor } from "./retention.service.js";
import { requestContext } from "../http/context.js";
import { RecordsKernel, type ListPosition, type NewRecord, type ReadFilter } from "../records/kernel.js";
import { registerKinds } from "../records/kinds.js";
import { invalid } from "../http/validation.js";

export type RecordInput = NewRecord;

const metadataOf = (r: RecordRow) => ({
  id: r.id, workspace_id: r.workspace_id, kind: r.kind, marking: r.marking, concerns_minor: r.concerns_minor,
  organisation_id: r.organisation_id, created_at: r.created_at, updated_at: r.updated_at,
  review_due_at: r.review_due_at, deleted_at: r.deleted_at, purge_after: r.purge_after,
});
const contentOf = (r: RecordRow) => ({ ...metadataOf(r), title: r.title, body: r.body, recipients: r.recipients, created_by: r.created_by });
const withheldAccess: AccessDecision = { level: "metadata", reason: "give a reason to read this record's content" };

/**
 * The generic record routes on top of the kernel (src/server/records/kernel.ts), and the helpers
 * capabilities use to reach their own kinds: `viewerOf`, `ofKind`, `readable`, `createIn`.
 */
export class RecordsService {
  constructor(private readonly db: Db, readonly kernel: RecordsKernel) {}

  viewerOf(user: User, q: Queryable = this.db): Promise<Viewer> {
    return this.kernel.viewer(q, user);
  }

  /** Creates a record inside the caller's transaction (one command, one transaction). */
  async createIn(tx: Queryable, user: User, workspaceId: string, input: NewRecord, actor: AuditActor) {
    return this.kernel.create(tx, await this.viewerOf(user, tx), user, workspaceId, input, actor);
  }

  async create(user: User, workspaceId: string, input: NewRecord, actor: AuditActor) {
    return contentOf(await this.db.transaction((tx) => this.createIn(tx, user, workspaceId, input, actor)));
  }

  /** Records of some kinds the user reads in full, in one workspace (which they must belong to) or all they can read. */
  /** Records released to a regional workspace the user belongs to (see RecordsKernel.released). */
  async released(user: User, regionId: string, kind: string) {
    return this.kernel.released(this.db, await this.viewerOf(user), regionId, kind);
  }

  async readable(user: User, filter: ReadFilter, actor?: AuditActor, q: Queryable = this.db) {
    const viewer = await this.viewerOf(user, q);
    if (filter.workspaceId && viewer.memberships.get(filter.workspaceId) !== true) throw notFound(`workspace "${filter.workspaceId}"`);
    return this.kernel.read(q, viewer, filter, actor);
  }

  /**
   * Lists what the user may see: content where allowed (AMBER+STRICT and RED only with a
   * reason), metadata for oversight and for restricted records read without a reason. One page
   * of `limit` records, newest first, starting after `after`; `next` is where the next page
   * starts, when there is one.
   */
  async list(user: User, filter: { workspaceId?: string; q?: string; reason?: string; limit: number; after?: ListPosition }, actor: AuditActor) {
    const viewer = await this.viewerOf(user);
    const oversight = user.roles.includes("oversight");
    if (filter.workspaceId && !oversight && viewer.memberships.get(filter.workspaceId) !== true) throw notFound(`workspace "${filter.workspaceId}"`);
    const r = await this.kernel.read(this.db, viewer, { workspaceId: filter.workspaceId, q: filter.q, reason: filter.reason, metadata: oversight && !filter.q, limit: filter.limit, after: filter.after }, actor);
    const items = [
      ...r.rows.map((row) => ({ ...contentOf(row), access: recordAccess(viewer, factsOf(row)) })),
      ...r.withheld.map((row) => ({ ...metadataOf(row), access: withheldAccess })),
      ...r.metadata.map((row) => ({ ...metadataOf(row), access: recordAccess(viewer, factsOf(row)) })),
    ];
    // In the kernel's order (a Date has no microseconds to sort by), so pages join up without a seam.
    const place = new Map(r.order.map((id, i) => [id, i]));
    items.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
    if (filter.q) {
      await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.search", details: { workspace: filter.workspaceId ?? null, hits: items.length, query_length: filter.q!.length, page: filter.after ? "next" : "first" } }));
    }
    return { items, next: r.next ?? null };
  }

  /** Reads one record. Reads of marked records are audited; the narrowest markings ask why. */
  async get(user: User, id: string, reason: string | undefined, actor: AuditActor) {
    const viewer = await this.viewerOf(user);
    const row = await this.kernel.fetch(this.db, id);
    const decision = row ? recordAccess(viewer, factsOf(row)) : { level: "none" as const, reason: "" };
    if (!row || decision.level === "none") throw notFound(`record "${id}"`);
    if (decision.level === "content") {
      // The kernel asks for the reason and audits restricted reads.
      await this.kernel.one(this.db, viewer, id, { reason, actor });
      if (row.marking !== "CLEAR" && !(row.marking === "AMBER+STRICT" || row.marking === "RED")) {
        await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.read", targetKind: "record", targetId: id, details: { level: decision.level, marking: row.marking } }));
      }
      return { ...contentOf(row), access: decision };
    }
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.read", targetKind: "record", targetId: id, reason: reason ?? null, details: { level: decision.level, marking: row.marking } }));
    return { ...metadataOf(row), access: decision };
  }

  /**
   * Changes a record's title, body, marking or recipients. A reserved kind's body changes only
   * through its capability's own endpoint, which checks it first and says so with `own` (its kind).
   */
  async update(user: User, id: string, patch: Partial<Omit<NewRecord, "kind" | "derived_from">> & { reason?: string }, actor: AuditActor, opts: { own?: string } = {}) {
    const viewer = await this.viewerOf(user);
    const row = await this.kernel.one(this.db, viewer, id, { write: true });
    if (row.kind === "assessment") throw new Problem(409, "Conflict", "assessments change only through their review and publication steps (/api/v1/watch/assessments)");
    if (patch.body && this.kernel.kinds.isReserved(row.kind) && opts.own !== row.kind) throw invalid("body", "ownEndpoints", { kind: row.kind });
    if (row.concerns_minor && patch.concerns_minor === false) {
      throw new Problem(403, "Forbidden", "concerns_minor: only oversight lifts the protection of a record about a minor, with a reason (POST /api/v1/records/{id}/lift-minor)");
    }
    const body = patch.body ? this.kernel.parseBody(row.kind, patch.body) : undefined;
    const derivedFrom = (row.body.derived_from as string[] | undefined) ?? [];
    const next = {
      marking: patch.marking ?? row.marking,
      recipients: patch.recipients ?? (patch.marking && patch.marking !== "RED" ? [] : row.recipients),
      concerns_minor: patch.concerns_minor ?? row.concerns_minor,
    };
    await this.kernel.checkMarking(this.db, row.workspace_id, next);
    const facts = { ...factsOf(row), marking: next.marking, recipients: next.recipients };
    const cites = [...this.kernel.kinds.get(row.kind).cites(body ?? row.body), ...derivedFrom.map((d, i) => ({ field: `derived_from.${i}`, id: d }))];
    await this.kernel.checkCitations(this.db, viewer, facts, cites);
    const widens = !isAtLeast(next.marking, row.marking) || (next.marking === "RED" && next.recipients.some((r) => !row.recipients.includes(r)));
    if (widens) {
      const fault = reasonFault(patch.reason);
      if (fault) throw invalid("reason", fault === "missing" ? "reasonMissing" : "reasonTooShort");
    }
    return this.db.transaction(async (tx) => {
      const policy = await policyFor(tx, row.kind);
      await tx.query(
        `update record set title = $2, body = $3::jsonb, marking = $4, recipients = $5, concerns_minor = $6, updated_at = now(),
           review_due_at = case when $6 and review_due_at is null then now() + make_interval(days => $7) else review_due_at end
         where id = $1`,
        [id, patch.title ?? row.title, JSON.stringify(body ? { ...body, derived_from: derivedFrom } : row.body), next.marking, next.recipients, next.concerns_minor, policy.minor_review_days]);
      const changed = Object.keys(patch).filter((k) => k !== "reason");
      await appendAudit(tx, actor, {
        action: widens ? "record.share-widened" : "record.update", targetKind: "record", targetId: id, reason: patch.reason ?? null,
        details: { fields: changed, marking: { from: row.marking, to: next.marking }, recipients_added: next.recipients.filter((r) => !row.recipients.includes(r)).length },
      });
      return contentOf((await this.kernel.fetch(tx, id))!);
    });
  }

  /** Oversight lifts the protection of a record about a minor (it no longer concerns a child), with a reason. */
  async liftMinor(user: User, id: string, reason: string, actor: AuditActor) {
    if (!user.roles.includes("oversight")) throw new Problem(403, "Forbidden", "only oversight lifts the protection of a record about a minor");
    const why = reasonProblem(reason);
    if (why) throw badRequest("reason", why);
    const row = await this.kernel.fetch(this.db, id);
    if (!row || row.deleted_at) throw notFound(`record "${id}"`);
    if (!row.concerns_minor) throw new Problem(409, "Conflict", "concerns_minor: this record is not marked as concerning a minor");
    await this.db.transaction(async (tx) => {
      await tx.query("update record set concerns_minor = false, review_due_at = null, updated_at = now() where id = $1", [id]);
      await appendAudit(tx, actor, { action: "record.minor-lifted", targetKind: "record", targetId: id, reason, details: { marking: row.marking } });
    });
    return { id, concerns_minor: false };
  }

  /**
   * "Who can see this": the people and organisations that would read the record's content
   * under its current marking, or under a proposed marking and recipients, before anything
   * changes. Names are shown for the viewer's own organisation and the workspace's members;
   * everyone else who could read it is counted, not named (the directory is need-to-know too).
   */
  async visibility(user: User, id: string, proposal: { marking?: Marking; recipients?: string[] }) {
    const viewer = await this.viewerOf(user);
    const row = await this.kernel.fetch(this.db, id);
    // Readers of the record, and oversight (which sees who can see what, not the content).
    const level = row ? recordAccess(viewer, factsOf(row)).level : "none";
    if (!row || level === "none" || (level === "metadata" && !user.roles.includes("oversight"))) throw notFound(`record "${id}"`);
    const facts = { ...factsOf(row), marking: proposal.marking ?? row.marking, recipients: proposal.recipients ?? row.recipients };
    const { rows: users } = await this.db.query<User & { organisation_name: string; member: boolean | null }>(
      `select u.id, u.email, u.name, u.organisation_id as "organisationId", u.roles, o.name as organisation_name,
              (select m.revoked_at is null from workspace_member m where m.workspace_id = $1 and m.user_id = u.id) as member
       from app_user u join organisation o on o.id = u.organisation_id where u.disabled_at is null order by o.name, u.name`, [row.workspace_id]);
    const readers = users
      .map((u) => ({ u, d: recordAccess({ id: u.id, organisationId: u.organisationId, roles: u.roles, memberships: new Map(u.member === null ? [] : [[row.workspace_id, u.member]]), grants: new Set() }, facts) }))
      .filter((x) => x.d.level === "content");
    const named = readers.filter(({ u }) => u.organisationId === user.organisationId || u.member === true);
    const people = named.map(({ u, d }) => ({ id: u.id, name: u.name, organisation: u.organisation_name, why: d.reason }));
    const organisations = [...new Set(people.map((p) => p.organisation))];
    return { marking: facts.marking, people, organisations, others: readers.length - named.length, count: readers.length, current: markings.indexOf(facts.marking) === markings.indexOf(row.marking) };
  }

  /** CSV of the records the user may read in full (AMBER+STRICT and RED only with a reason); the export is audited. */
  async exportCsv(user: User, workspaceId: string | undefined, reason: string | undefined, actor: AuditActor): Promise<string> {
    const { rows } = await this.readable(user, { workspaceId, reason }, actor);
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.export", reason: reason ?? null, details: { workspace: workspaceId ?? null, count: rows.length, format: "csv" } }));
    const head = ["id", "workspace_id", "kind", "title", "marking", "concerns_minor", "created_at"];
    return toCsv([head, ...rows.map((r) => head.map((h) => r[h as keyof RecordRow]))]);
  }

  /** A member who can read a record lets an oversight user read it in full, with a reason, for a limited time. */
  async grantOversight(user: User, id: string, oversightUserId: string, reason: string, days: number, actor: AuditActor) {
    const why = reasonProblem(reason);
    if (why) throw badRequest("reason", why);
    const row = await this.kernel.one(this.db, await this.viewerOf(user), id, { write: true });
    const target = await this.db.query<{ roles: string[] }>("select roles from app_user where id = $1 and disabled_at is null", [oversightUserId]);
    if (!target.rows[0]?.roles.includes("oversight")) throw badRequest("user_id", "access can only be granted to a user with the oversight role");
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into oversight_grant (record_id, user_id, granted_by, reason, expires_at) values ($1, $2, $3, $4, now() + make_interval(days => $5))
         on conflict (record_id, user_id) do update set granted_by = $3, reason = $4, granted_at = now(), expires_at = now() + make_interval(days => $5), revoked_at = null, revoked_by = null`,
        [row.id, oversightUserId, user.id, reason, days]);
      await appendAudit(tx, actor, { action: "permission.oversight-grant", targetKind: "record", targetId: id, reason, details: { user: oversightUserId, days } });
    });
  }

  /** Ends an oversight grant before it expires (a member of the workspace, or the overseer themself). */
  async revokeOversight(user: User, id: string, oversightUserId: string, actor: AuditActor) {
    if (user.id !== oversightUserId) await this.kernel.one(this.db, await this.viewerOf(user), id, { write: true });
    await this.db.transaction(async (tx) => {
      const r = await tx.query("update oversight_grant set revoked_at = now(), revoked_by = $3 where record_id = $1 and user_id = $2 and revoked_at is null returning record_id", [id, oversightUserId, user.id]);
      if (!r.rows.length) throw notFound(`oversight grant on record "${id}"`);
      await appendAudit(tx, actor, { action: "permission.oversight-revoke", targetKind: "record", targetId: id, details: { user: oversightUserId } });
    });
  }

  /**
   * A record of one of a capability's kinds that the user may read in full; to write, the user
   * must also belong to its workspace. Anything else is a 404 naming `what`, so guessed ids
   * learn nothing. AMBER+STRICT and RED need the request's reason (audited).
   */
  async ofKind(user: User, id: string, kinds: readonly string[], what: string, write = false, q: Queryable = this.db): Promise<RecordRow> {
    const { reason, actor } = requestContext();
    const { access: _, ...row } = await this.kernel.one(q, await this.viewerOf(user, q), id, { kinds, what, write, reason, actor });
    return row;
  }

  /**
   * Like `ofKind` for a read, reserved to active members of the record's workspace (facilitators
   * run exercise sessions): AMBER+STRICT and RED need the request's reason, and the read is audited.
   */
  async ofKindForMember(user: User, id: string, kinds: readonly string[], what: string, q: Queryable = this.db): Promise<RecordRow> {
    const { reason, actor } = requestContext();
    const { access: _, ...row } = await this.kernel.one(q, await this.viewerOf(user, q), id, { kinds, what, member: true, reason, actor });
    return row;
  }

  /** Throws 404 unless the user reads the record in full and belongs to its workspace (before acting on it). */
  async assertActionable(user: User, id: string) {
    return this.kernel.one(this.db, await this.viewerOf(user), id, { write: true });
  }

  /** The periodic review a record about a minor needs; sets the next due date. */
  async review(user: User, id: string, note: string, actor: AuditActor) {
    const row = await this.kernel.one(this.db, await this.viewerOf(user), id, { write: true });
    if (!row.concerns_minor) throw new Problem(409, "Conflict", "only records concerning a minor have periodic reviews");
    return this.db.transaction(async (tx) => {
      const policy = await policyFor(tx, row.kind);
      await tx.query("update record set review_due_at = now() + make_interval(days => $2) where id = $1", [id, policy.minor_review_days]);
      await appendAudit(tx, actor, { action: "record.minor-review", targetKind: "record", targetId: id, reason: note });
      return contentOf((await this.kernel.fetch(tx, id))!);
    });
  }
}

/** The records service with the kernel and every declared kind (app start, CLI, demo loaders). */
export function recordsService(db: Db): RecordsService {
  return new RecordsService(db, new RecordsKernel(db, registerKinds()));
}
