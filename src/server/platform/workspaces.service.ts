import type { Db } from "../../db/connection.js";
import { recordAccess } from "../../core/platform/access.js";
import { badRequest, notFound } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import type { User } from "./auth.service.js";
import { newId } from "./crypto.js";
import { candidateRecords, factsOf } from "./records.repository.js";

export class WorkspacesService {
  constructor(private readonly db: Db) {}

  async create(user: User, input: { name: string; description?: string }, actor: AuditActor) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into workspace (id, name, description, created_by) values ($1, $2, $3, $4)", [id, input.name, input.description ?? "", user.id]);
      await tx.query("insert into workspace_member (workspace_id, user_id, added_by) values ($1, $2, $2)", [id, user.id]);
      await appendAudit(tx, actor, { action: "workspace.create", targetKind: "workspace", targetId: id });
    });
    return this.get(user, id);
  }

  /** Workspaces the user is an active member of. */
  async mine(user: User) {
    const { rows } = await this.db.query(
      `select w.id, w.name, w.description, w.created_at,
              (select count(*) from workspace_member m2 where m2.workspace_id = w.id and m2.revoked_at is null)::int as members
       from workspace w join workspace_member m on m.workspace_id = w.id and m.user_id = $1 and m.revoked_at is null
       order by w.name`, [user.id]);
    return rows;
  }

  private async requireActiveMember(userId: string, workspaceId: string) {
    const { rows } = await this.db.query("select 1 from workspace_member where workspace_id = $1 and user_id = $2 and revoked_at is null", [workspaceId, userId]);
    if (!rows.length) throw notFound(`workspace "${workspaceId}"`);
  }

  async get(user: User, id: string) {
    await this.requireActiveMember(user.id, id);
    const w = await this.db.query("select id, name, description, created_by, created_at from workspace where id = $1", [id]);
    const members = await this.db.query(
      `select u.id, u.name, u.organisation_id as organisation, o.name as organisation_name, m.added_at, m.revoked_at
       from workspace_member m join app_user u on u.id = m.user_id join organisation o on o.id = u.organisation_id
       where m.workspace_id = $1 order by o.name, u.name`, [id]);
    return { ...w.rows[0], members: members.rows };
  }

  /** Before adding someone: the records they would gain access to, by marking. */
  async previewAdd(user: User, workspaceId: string, newMemberId: string) {
    await this.requireActiveMember(user.id, workspaceId);
    const target = await this.db.query<{ id: string; name: string; organisation_id: string; roles: string[] }>(
      "select id, name, organisation_id, roles from app_user where id = $1 and disabled_at is null", [newMemberId]);
    if (!target.rows[0]) throw badRequest("user_id", "no such user");
    const t = target.rows[0];
    const records = await candidateRecords(this.db, user.id, false, { workspaceId });
    const memberships = new Map([[workspaceId, true]]);
    const gained = records.filter((r) => recordAccess({ id: t.id, organisationId: t.organisation_id, roles: t.roles as never, memberships, grants: new Set() }, factsOf(r)).level === "content");
    const byMarking: Record<string, number> = {};
    for (const r of gained) byMarking[r.marking] = (byMarking[r.marking] ?? 0) + 1;
    return { user: { id: t.id, name: t.name, organisation: t.organisation_id }, records_visible: gained.length, by_marking: byMarking };
  }

  async addMember(user: User, workspaceId: string, newMemberId: string, actor: AuditActor) {
    await this.requireActiveMember(user.id, workspaceId);
    const target = await this.db.query("select 1 from app_user where id = $1 and disabled_at is null", [newMemberId]);
    if (!target.rows.length) throw badRequest("user_id", "no such user");
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into workspace_member (workspace_id, user_id, added_by) values ($1, $2, $3)
         on conflict (workspace_id, user_id) do update set revoked_at = null, added_by = $3, added_at = now()`,
        [workspaceId, newMemberId, user.id]);
      await appendAudit(tx, actor, { action: "permission.member-add", targetKind: "workspace", targetId: workspaceId, details: { user: newMemberId } });
    });
    return this.get(user, workspaceId);
  }

  async revokeMember(user: User, workspaceId: string, memberId: string, actor: AuditActor) {
    await this.requireActiveMember(user.id, workspaceId);
    await this.db.transaction(async (tx) => {
      const r = await tx.query("update workspace_member set revoked_at = now() where workspace_id = $1 and user_id = $2 and revoked_at is null returning user_id", [workspaceId, memberId]);
      if (!r.rows.length) throw notFound(`member "${memberId}"`);
      await appendAudit(tx, actor, { action: "permission.member-revoke", targetKind: "workspace", targetId: workspaceId, details: { user: memberId } });
    });
    return this.get(user, workspaceId);
  }
}
