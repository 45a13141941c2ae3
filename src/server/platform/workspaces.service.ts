import type { Db } from "../../db/connection.js";
import { can, type Role } from "../../core/platform/roles.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import type { RecordsKernel } from "../records/kernel.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import type { User } from "./auth.service.js";
import { newId } from "./crypto.js";

export class WorkspacesService {
  constructor(private readonly db: Db, private readonly kernel: RecordsKernel) {}

  async create(user: User, input: { name: string; description?: string }, actor: AuditActor) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into workspace (id, name, description, created_by) values ($1, $2, $3, $4)", [id, input.name, input.description ?? "", user.id]);
      await tx.query("insert into workspace_member (workspace_id, user_id, added_by, role) values ($1, $2, $2, 'owner')", [id, user.id]);
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

  /** The caller's active membership (404 for everyone else, so outsiders learn nothing). */
  private async requireActiveMember(userId: string, workspaceId: string): Promise<"owner" | "member"> {
    const { rows } = await this.db.query<{ role: "owner" | "member" }>("select role from workspace_member where workspace_id = $1 and user_id = $2 and revoked_at is null", [workspaceId, userId]);
    if (!rows.length) throw notFound(`workspace "${workspaceId}"`);
    return rows[0].role;
  }

  /** Owners decide who is in the workspace: members read its records but do not widen its membership. */
  private async requireOwner(userId: string, workspaceId: string) {
    if ((await this.requireActiveMember(userId, workspaceId)) !== "owner") throw new Problem(403, "Forbidden", "only an owner of the workspace changes its membership");
  }

  /** Who may join: an active account that does not hold the oversight role (oversight reads through grants, never as a member). */
  private async joinable(userId: string) {
    const { rows } = await this.db.query<{ id: string; name: string; organisation_id: string; roles: Role[] }>("select id, name, organisation_id, roles from app_user where id = $1 and disabled_at is null", [userId]);
    if (!rows[0]) throw badRequest("user_id", "no such user");
    if (rows[0].roles.includes("oversight")) throw badRequest("user_id", "an oversight user cannot be a member: a member grants them access to a record, with a reason, instead");
    // Membership lets a member read the workspace's records; an account whose roles read none (an administrator) would be a member in name only.
    if (!can(rows[0].roles, "records.read")) throw badRequest("user_id", "this account's roles do not read records (an administrator runs the deployment); give it the analyst or viewer role as well first");
    return rows[0];
  }

  async get(user: User, id: string) {
    await this.requireActiveMember(user.id, id);
    const w = await this.db.query("select id, name, description, created_by, created_at from workspace where id = $1", [id]);
    const members = await this.db.query(
      `select u.id, u.name, u.organisation_id as organisation, o.name as organisation_name, m.role, m.added_at, m.revoked_at, m.removal_requested_by
       from workspace_member m join app_user u on u.id = m.user_id join organisation o on o.id = u.organisation_id
       where m.workspace_id = $1 order by o.name, u.name`, [id]);
    return { ...w.rows[0], members: members.rows };
  }

  /** Before adding someone: the records they would gain access to, by marking (counted through the kernel's rule). */
  async previewAdd(user: User, workspaceId: string, newMemberId: string) {
    await this.requireOwner(user.id, workspaceId);
    const t = await this.joinable(newMemberId);
    const viewer = { id: t.id, organisationId: t.organisation_id, roles: t.roles, memberships: new Map([[workspaceId, true]]), grants: new Set<string>() };
    const { rows, withheld } = await this.kernel.read(this.db, viewer, { workspaceId });
    const byMarking: Record<string, number> = {};
    for (const r of [...rows, ...withheld]) byMarking[r.marking] = (byMarking[r.marking] ?? 0) + 1;
    return { user: { id: t.id, name: t.name, organisation: t.organisation_id }, records_visible: rows.length + withheld.length, by_marking: byMarking };
  }

  async addMember(user: User, workspaceId: string, newMemberId: string, actor: AuditActor, role: "owner" | "member" = "member") {
    await this.requireOwner(user.id, workspaceId);
    await this.joinable(newMemberId);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into workspace_member (workspace_id, user_id, added_by, role) values ($1, $2, $3, $4)
         on conflict (workspace_id, user_id) do update set revoked_at = null, added_by = $3, added_at = now(), role = $4, removal_requested_by = null`,
        [workspaceId, newMemberId, user.id, role]);
      await appendAudit(tx, actor, { action: "permission.member-add", targetKind: "workspace", targetId: workspaceId, details: { user: newMemberId, role } });
    });
    return this.get(user, workspaceId);
  }

  /**
   * Ends a membership at once. Removing an owner needs a second owner: the first request marks
   * it pending, another owner confirms it. The last owner cannot be removed (hand over first).
   */
  async revokeMember(user: User, workspaceId: string, memberId: string, actor: AuditActor) {
    const own = await this.requireActiveMember(user.id, workspaceId);
    if (own !== "owner" && memberId !== user.id) throw new Problem(403, "Forbidden", "only an owner of the workspace changes its membership");
    await this.db.transaction(async (tx) => {
      const target = (await tx.query<{ role: string; removal_requested_by: string | null }>("select role, removal_requested_by from workspace_member where workspace_id = $1 and user_id = $2 and revoked_at is null for update", [workspaceId, memberId])).rows[0];
      if (!target) throw notFound(`member "${memberId}"`);
      if (target.role === "owner") {
        const owners = (await tx.query<{ n: number }>("select count(*)::int as n from workspace_member where workspace_id = $1 and role = 'owner' and revoked_at is null", [workspaceId])).rows[0].n;
        if (owners < 2) throw new Problem(409, "Conflict", "user_id: the last owner cannot leave; make another member an owner first");
        if (!target.removal_requested_by || target.removal_requested_by === user.id) {
          await tx.query("update workspace_member set removal_requested_by = $3 where workspace_id = $1 and user_id = $2", [workspaceId, memberId, user.id]);
          await appendAudit(tx, actor, { action: "permission.owner-removal-requested", targetKind: "workspace", targetId: workspaceId, details: { user: memberId } });
          return;
        }
      }
      await tx.query("update workspace_member set revoked_at = now(), removal_requested_by = null where workspace_id = $1 and user_id = $2", [workspaceId, memberId]);
      await appendAudit(tx, actor, { action: "permission.member-revoke", targetKind: "workspace", targetId: workspaceId, details: { user: memberId, role: target.role } });
    });
    return this.get(user, workspaceId);
  }
}
