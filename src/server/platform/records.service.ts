import type { Db } from "../../db/connection.js";
import { recordAccess, visibleRecords, type Viewer } from "../../core/platform/access.js";
import { toCsv } from "../../core/csv.js";
import { reservedKinds } from "../../core/platform/reservedKinds.js";
import { isAtLeast, markings, MINOR_MINIMUM, narrowest, reasonRequired, type Marking } from "../../core/platform/markings.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import type { User } from "./auth.service.js";
import { newId } from "./crypto.js";
import { candidateRecords, factsOf, getRecord, type RecordRow } from "./records.repository.js";
import { policyFor } from "./retention.service.js";
import { loadViewer } from "./viewer.js";

export interface RecordInput {
  kind: string;
  title: string;
  body: Record<string, unknown>;
  marking: Marking;
  recipients?: string[];
  concerns_minor?: boolean;
  derived_from?: string[];
}

const metadataOf = (r: RecordRow) => ({
  id: r.id, workspace_id: r.workspace_id, kind: r.kind, marking: r.marking, concerns_minor: r.concerns_minor,
  organisation_id: r.organisation_id, created_at: r.created_at, updated_at: r.updated_at,
  review_due_at: r.review_due_at, deleted_at: r.deleted_at, purge_after: r.purge_after,
});
const contentOf = (r: RecordRow) => ({ ...metadataOf(r), title: r.title, body: r.body, recipients: r.recipients, created_by: r.created_by });

/** Escapes LIKE wildcards so a user's % or _ is searched literally. */
const likeText = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export class RecordsService {
  constructor(private readonly db: Db) {}

  private async requireMember(viewer: Viewer, workspaceId: string) {
    if (viewer.memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
  }

  /**
   * Checks marking rules shared by create and update: records about a minor are at least
   * AMBER; RED needs recipients who are members; a record derived from others is at least as
   * narrow as the narrowest of them (sharing only narrows along a chain).
   */
  private async checkMarking(input: { marking: Marking; recipients: string[]; concerns_minor: boolean; derived_from: string[] }, workspaceId: string, viewer: Viewer) {
    if (input.concerns_minor && !isAtLeast(input.marking, MINOR_MINIMUM)) {
      throw badRequest("marking", `a record concerning a minor must be marked ${MINOR_MINIMUM} or narrower`);
    }
    if (input.recipients.length && input.marking !== "RED") throw badRequest("recipients", "named recipients are only used with TLP:RED");
    if (input.recipients.length) {
      const { rows } = await this.db.query<{ user_id: string }>(
        "select user_id from workspace_member where workspace_id = $1 and revoked_at is null and user_id = any($2::text[])", [workspaceId, input.recipients]);
      const members = new Set(rows.map((r) => r.user_id));
      const outside = input.recipients.find((r) => !members.has(r));
      if (outside) throw badRequest("recipients", `"${outside}" is not a member of this workspace`);
    }
    if (input.derived_from.length) {
      const sources = await candidateRecords(this.db, viewer.id, false, { ids: input.derived_from });
      const readable = visibleRecords(viewer, sources, factsOf).filter((x) => x.decision.level === "content").map((x) => x.record);
      const missing = input.derived_from.find((id) => !readable.some((r) => r.id === id));
      if (missing) throw badRequest("derived_from", `record "${missing}" does not exist or you cannot read it`);
      const floor = narrowest(readable.map((r) => r.marking));
      if (!isAtLeast(input.marking, floor)) throw badRequest("marking", `a record derived from TLP:${floor} material must be marked ${floor} or narrower`);
      const red = readable.filter((r) => r.marking === "RED");
      for (const src of red) {
        const allowed = new Set([src.created_by, ...src.recipients]);
        const wider = input.recipients.find((r) => !allowed.has(r));
        if (wider) throw badRequest("recipients", `"${wider}" is not a recipient of the TLP:RED record this is derived from`);
      }
    }
  }

  async create(user: User, workspaceId: string, input: RecordInput, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    await this.requireMember(viewer, workspaceId);
    const recipients = input.recipients ?? [];
    const concernsMinor = input.concerns_minor ?? false;
    await this.checkMarking({ marking: input.marking, recipients, concerns_minor: concernsMinor, derived_from: input.derived_from ?? [] }, workspaceId, viewer);
    const id = newId();
    return this.db.transaction(async (tx) => {
      const policy = await policyFor(tx, input.kind);
      await tx.query(
        `insert into record (id, workspace_id, kind, title, body, marking, recipients, concerns_minor, created_by, organisation_id, review_due_at)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, case when $8 then now() + make_interval(days => $11) else null end)`,
        [id, workspaceId, input.kind, input.title, JSON.stringify({ ...input.body, derived_from: input.derived_from ?? [] }), input.marking, recipients, concernsMinor, user.id, user.organisationId, policy.minor_review_days]);
      await appendAudit(tx, actor, { action: "record.create", targetKind: "record", targetId: id, details: { workspace: workspaceId, kind: input.kind, marking: input.marking, concerns_minor: concernsMinor } });
      return contentOf((await getRecord(tx, id))!);
    });
  }

  /** Lists what the user may see; content where allowed, metadata only for oversight. */
  async list(user: User, filter: { workspaceId?: string; q?: string }, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    if (filter.workspaceId && !user.roles.includes("oversight")) await this.requireMember(viewer, filter.workspaceId);
    const rows = await candidateRecords(this.db, user.id, user.roles.includes("oversight"), { workspaceId: filter.workspaceId, q: filter.q ? likeText(filter.q) : undefined });
    // A metadata-only viewer must not be able to probe content through the text filter.
    const visible = visibleRecords(viewer, rows, factsOf).filter((x) => !filter.q || x.decision.level === "content");
    const items = visible.map(({ record, decision }) => (decision.level === "content" ? { ...contentOf(record), access: decision } : { ...metadataOf(record), access: decision }));
    if (filter.q) {
      await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.search", details: { workspace: filter.workspaceId ?? null, hits: items.length, query_length: filter.q!.length } }));
    }
    return { total: items.length, items };
  }

  /** Reads one record. Reads of marked records are audited; the narrowest markings ask why. */
  async get(user: User, id: string, reason: string | undefined, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    const decision = row ? recordAccess(viewer, factsOf(row)) : { level: "none" as const, reason: "" };
    if (!row || decision.level === "none") throw notFound(`record "${id}"`);
    if (decision.level === "content" && reasonRequired(row.marking) && !reason?.trim()) {
      throw badRequest("reason", `say why you need to read this TLP:${row.marking} record`);
    }
    if (row.marking !== "CLEAR") {
      await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.read", targetKind: "record", targetId: id, reason: reason ?? null, details: { level: decision.level, marking: row.marking } }));
    }
    return decision.level === "content" ? { ...contentOf(row), access: decision } : { ...metadataOf(row), access: decision };
  }

  async update(user: User, id: string, patch: Partial<Omit<RecordInput, "kind" | "derived_from">> & { reason?: string }, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    if (!row || recordAccess(viewer, factsOf(row)).level !== "content" || viewer.memberships.get(row.workspace_id) !== true) throw notFound(`record "${id}"`);
    if (row.kind === "assessment") throw new Problem(409, "Conflict", "assessments change only through their review and publication steps (/api/v1/watch/assessments)");
    if (patch.body && reservedKinds.includes(row.kind)) throw badRequest("body", `a ${row.kind} is edited through its own endpoints`);
    const next = {
      marking: patch.marking ?? row.marking,
      recipients: patch.recipients ?? (patch.marking && patch.marking !== "RED" ? [] : row.recipients),
      concerns_minor: patch.concerns_minor ?? row.concerns_minor,
      derived_from: ((row.body.derived_from as string[] | undefined) ?? []),
    };
    await this.checkMarking(next, row.workspace_id, viewer);
    const widens = !isAtLeast(next.marking, row.marking) || (next.marking === "RED" && next.recipients.some((r) => !row.recipients.includes(r)));
    if (widens && !patch.reason?.trim()) throw badRequest("reason", "widening who can see a record needs a reason (check the preview first)");
    return this.db.transaction(async (tx) => {
      const policy = await policyFor(tx, row.kind);
      await tx.query(
        `update record set title = $2, body = $3::jsonb, marking = $4, recipients = $5, concerns_minor = $6, updated_at = now(),
           review_due_at = case when $6 and review_due_at is null then now() + make_interval(days => $7) else review_due_at end
         where id = $1`,
        [id, patch.title ?? row.title, JSON.stringify(patch.body ? { ...patch.body, derived_from: next.derived_from } : row.body), next.marking, next.recipients, next.concerns_minor, policy.minor_review_days]);
      const changed = Object.keys(patch).filter((k) => k !== "reason");
      await appendAudit(tx, actor, {
        action: widens ? "record.share-widened" : "record.update", targetKind: "record", targetId: id, reason: patch.reason ?? null,
        details: { fields: changed, marking: { from: row.marking, to: next.marking }, recipients_added: next.recipients.filter((r) => !row.recipients.includes(r)).length },
      });
      return contentOf((await getRecord(tx, id))!);
    });
  }

  /**
   * "Who can see this": the people and organisations that would read the record's content
   * under its current marking, or under a proposed marking and recipients, before anything changes.
   */
  async visibility(user: User, id: string, proposal: { marking?: Marking; recipients?: string[] }) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    // Readers of the record, and oversight (which sees who can see what, not the content).
    const level = row ? recordAccess(viewer, factsOf(row)).level : "none";
    if (!row || level === "none" || (level === "metadata" && !user.roles.includes("oversight"))) throw notFound(`record "${id}"`);
    const facts = { ...factsOf(row), marking: proposal.marking ?? row.marking, recipients: proposal.recipients ?? row.recipients };
    const { rows: users } = await this.db.query<User & { organisation_name: string }>(
      `select u.id, u.email, u.name, u.organisation_id as "organisationId", u.roles, o.name as organisation_name
       from app_user u join organisation o on o.id = u.organisation_id where u.disabled_at is null order by o.name, u.name`);
    const { rows: members } = await this.db.query<{ user_id: string; workspace_id: string; active: boolean }>(
      "select user_id, workspace_id, revoked_at is null as active from workspace_member where workspace_id = $1", [row.workspace_id]);
    const people = users
      .map((u) => ({ u, d: recordAccess({ id: u.id, organisationId: u.organisationId, roles: u.roles, memberships: new Map(members.filter((m) => m.user_id === u.id).map((m) => [m.workspace_id, m.active])), grants: new Set() }, facts) }))
      .filter((x) => x.d.level === "content")
      .map(({ u, d }) => ({ id: u.id, name: u.name, organisation: u.organisation_name, why: d.reason }));
    const organisations = [...new Set(people.map((p) => p.organisation))];
    return { marking: facts.marking, people, organisations, count: people.length, current: markings.indexOf(facts.marking) === markings.indexOf(row.marking) };
  }

  /** CSV of the records the user may read in full; the export is audited. */
  async exportCsv(user: User, workspaceId: string | undefined, actor: AuditActor): Promise<string> {
    const viewer = await loadViewer(this.db, user);
    const rows = visibleRecords(viewer, await candidateRecords(this.db, user.id, false, { workspaceId }), factsOf)
      .filter((x) => x.decision.level === "content").map((x) => x.record);
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.export", details: { workspace: workspaceId ?? null, count: rows.length, format: "csv" } }));
    const head = ["id", "workspace_id", "kind", "title", "marking", "concerns_minor", "created_at"];
    return toCsv([head, ...rows.map((r) => head.map((h) => r[h as keyof RecordRow]))]);
  }

  /** A member who can read a record lets an oversight user read it in full, with a reason. */
  async grantOversight(user: User, id: string, oversightUserId: string, reason: string, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    if (!row || recordAccess(viewer, factsOf(row)).level !== "content" || viewer.memberships.get(row.workspace_id) !== true) throw notFound(`record "${id}"`);
    const target = await this.db.query<{ roles: string[] }>("select roles from app_user where id = $1 and disabled_at is null", [oversightUserId]);
    if (!target.rows[0]?.roles.includes("oversight")) throw badRequest("user_id", "access can only be granted to a user with the oversight role");
    await this.db.transaction(async (tx) => {
      await tx.query("insert into oversight_grant (record_id, user_id, granted_by, reason) values ($1, $2, $3, $4) on conflict do nothing", [id, oversightUserId, user.id, reason]);
      await appendAudit(tx, actor, { action: "permission.oversight-grant", targetKind: "record", targetId: id, reason, details: { user: oversightUserId } });
    });
  }

  /**
   * A record of one of a capability's kinds that the user may read in full; to write, the user
   * must also belong to its workspace. Anything else is a 404 naming `what`, so guessed ids learn nothing.
   */
  async ofKind(user: User, id: string, kinds: readonly string[], what: string, write = false): Promise<RecordRow> {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    if (!row || !kinds.includes(row.kind) || recordAccess(viewer, factsOf(row)).level !== "content") throw notFound(`${what} "${id}"`);
    if (write && viewer.memberships.get(row.workspace_id) !== true) throw notFound(`${what} "${id}"`);
    return row;
  }

  /** Throws 404 unless the user may read the record in full (used before acting on it). */
  async assertReadable(user: User, id: string) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    if (!row || recordAccess(viewer, factsOf(row)).level !== "content") throw notFound(`record "${id}"`);
    return row;
  }

  /** The periodic review a record about a minor needs; sets the next due date. */
  async review(user: User, id: string, note: string, actor: AuditActor) {
    const viewer = await loadViewer(this.db, user);
    const row = await getRecord(this.db, id);
    if (!row || recordAccess(viewer, factsOf(row)).level !== "content") throw notFound(`record "${id}"`);
    if (!row.concerns_minor) throw new Problem(409, "Conflict", "only records concerning a minor have periodic reviews");
    return this.db.transaction(async (tx) => {
      const policy = await policyFor(tx, row.kind);
      await tx.query("update record set review_due_at = now() + make_interval(days => $2) where id = $1", [id, policy.minor_review_days]);
      await appendAudit(tx, actor, { action: "record.minor-review", targetKind: "record", targetId: id, reason: note });
      return contentOf((await getRecord(tx, id))!);
    });
  }
}
